//! What the lists at real volume (issue 16.2) share: reading the user's
//! choices — page, school, order, a search by name — each checked, a bad
//! one named at its field while the list still shows.

use schakel_domain::OrganisatieSoort;
use schakel_storage::{Id, Organisatie};

use super::formulier::{Fouten, Keuze};

/// The longest search by name, in characters.
pub const ZOEK_MAX: usize = 100;

/// The page asked for; page 1 (and a message) for anything but a whole
/// number from 1.
pub fn paginanummer(p: Option<&str>, fouten: &mut Fouten) -> i64 {
    match p.map(str::trim).filter(|p| !p.is_empty()) {
        None => 1,
        Some(p) => match p.parse::<i64>() {
            Ok(n) if n >= 1 => n,
            _ => {
                fouten.algemeen(format!(
                    "Pagina \"{p}\" bestaat niet: een paginanummer is een heel getal vanaf 1. U ziet pagina 1."
                ));
                1
            }
        },
    }
}

/// The number of pages of `totaal` items, at least one.
pub fn paginas(totaal: i64, per_pagina: i64) -> i64 {
    ((totaal + per_pagina - 1) / per_pagina).max(1)
}

/// The last page when `gevraagd` lies beyond it (and a message).
pub fn binnen_bereik(gevraagd: i64, paginas: i64, fouten: &mut Fouten) -> i64 {
    if gevraagd > paginas {
        fouten.algemeen(format!(
            "Pagina {gevraagd} bestaat niet: er zijn {paginas} pagina's. U ziet pagina {paginas}."
        ));
        paginas
    } else {
        gevraagd
    }
}

/// A school of the directory chosen from the list.
pub fn school(s: Option<&str>, orgs: &[Organisatie], fouten: &mut Fouten) -> Option<Id> {
    let s = s.map(str::trim).filter(|s| !s.is_empty())?;
    match s.parse::<Id>() {
        Ok(id)
            if orgs
                .iter()
                .any(|o| o.id == id && o.soort == OrganisatieSoort::School) =>
        {
            Some(id)
        }
        _ => {
            fouten.veld("school", "School", "kies een school uit de lijst");
            None
        }
    }
}

/// The schools to choose from, by name.
pub fn scholen(orgs: &[Organisatie]) -> Vec<Keuze> {
    let mut scholen: Vec<Keuze> = orgs
        .iter()
        .filter(|o| o.soort == OrganisatieSoort::School)
        .map(|o| Keuze::new(o.id.to_string(), o.naam.clone()))
        .collect();
    scholen.sort_by(|a, b| a.label.cmp(&b.label));
    scholen
}

/// An optional choice that `parse` knows; a wrong one is named at `veld`
/// (with `label`) and chooses nothing.
pub fn keuze<T>(
    gekozen: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
    (veld, label): (&str, &str),
    fouten: &mut Fouten,
) -> Option<T> {
    let g = gekozen.map(str::trim).filter(|g| !g.is_empty())?;
    let gevonden = parse(g);
    if gevonden.is_none() {
        fouten.veld(veld, label, "kies een van de mogelijkheden uit de lijst");
    }
    gevonden
}

/// An order from the list `parse` knows, or the default (and a message).
pub fn sortering<T: Default>(
    s: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
    fouten: &mut Fouten,
) -> T {
    keuze(s, parse, ("sorteer", "Sorteren"), fouten).unwrap_or_default()
}

/// A search by part of a name: none when empty; too long is named at the
/// field and searches nothing.
pub fn zoekterm(zoek: &str, fouten: &mut Fouten) -> Option<String> {
    let z = zoek.trim();
    if z.is_empty() {
        return None;
    }
    if z.chars().count() > ZOEK_MAX {
        fouten.veld(
            "zoek",
            "Zoek op naam",
            format!("gebruik ten hoogste {ZOEK_MAX} tekens"),
        );
        return None;
    }
    Some(z.to_string())
}
