#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;
use schakel_rules::advies::{Advies, AdviesOptie};
use schakel_rules::{AdviesVraag, Regelset, Situatie};

pub fn data_map() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

pub fn regels() -> &'static Regelset {
    static REGELS: OnceLock<Regelset> = OnceLock::new();
    REGELS.get_or_init(|| Regelset::laad(&data_map(), "almere").expect("shipped rules load"))
}

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("valid test date")
}

/// A child of `leeftijd` whole years on `peildatum` (born one day less than
/// `leeftijd` years plus a bit before it).
pub fn vraag(situatie: &str, leeftijd: u32, peildatum: &str) -> AdviesVraag {
    let peil = d(peildatum);
    let geboren = peil
        .checked_sub_months(chrono::Months::new(12 * leeftijd + 3))
        .expect("date");
    AdviesVraag {
        geboortedatum: geboren,
        peildatum: peil,
        situatie: situatie_van(situatie),
        school: None,
        tlv: false,
        schooldagdelen: 0,
    }
}

/// The shipped rules' situation with key `sleutel`.
pub fn situatie_van(sleutel: &str) -> Situatie {
    regels()
        .situaties()
        .parse(sleutel)
        .unwrap_or_else(|| panic!("situation {sleutel} not in the shipped rules"))
}

/// The key of the advice's situation, None when no row applies.
pub fn sit<'a>(a: &'a Advies<'static>) -> Option<&'a str> {
    a.situatie.map(Situatie::naam)
}

pub fn advies(v: &AdviesVraag) -> Advies<'static> {
    regels().advies(v).expect("valid input")
}

pub fn optie<'a>(a: &'a Advies<'static>, id: &str) -> &'a AdviesOptie<'static> {
    a.opties.iter().find(|o| o.id == id).unwrap_or_else(|| {
        panic!(
            "option {id} missing; have {:?}",
            a.opties.iter().map(|o| o.id).collect::<Vec<_>>()
        )
    })
}

pub fn optie_ids(a: &Advies<'static>) -> Vec<&'static str> {
    a.opties.iter().map(|o| o.id).collect()
}

/// (product, min, max, eenheid, per) of an option's inzet.
pub fn inzet(
    o: &AdviesOptie<'static>,
) -> Vec<(&'static str, Option<u32>, u32, &'static str, &'static str)> {
    o.inzet
        .iter()
        .map(|i| (i.product, i.min, i.max, i.eenheid.naam(), i.per.naam()))
        .collect()
}

pub fn toelichting_bevat(a: &Advies<'static>, tekst: &str) -> bool {
    a.toelichting.iter().any(|t| t.contains(tekst))
}
