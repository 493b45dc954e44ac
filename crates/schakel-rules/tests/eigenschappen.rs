//! Properties that hold for every input: advised dates stay within their
//! bounds, budgets grow with the period, every advice cites a rule.

mod common;

use chrono::{Days, Months, NaiveDate};
use common::*;
use proptest::prelude::*;
use schakel_rules::Hoeveelheid;
use schakel_rules::budget;
use schakel_rules::datum::{Periode, Schooljaar};
use schakel_rules::{AdviesVraag, Vakantieregio};

const SCHOLEN: [Option<&str>; 9] = [
    None,
    Some("Watertuin"),
    Some("Bombardon"),
    Some("OPDC"),
    Some("PrO"),
    Some("Tamboerijn"),
    Some("Triangel"),
    Some("Kwekerij"),
    Some("Kolibrie"),
];

fn datum(dagen_na_2025_08_01: u64) -> NaiveDate {
    d("2025-08-01") + Days::new(dagen_na_2025_08_01)
}

prop_compose! {
    fn een_vraag()(
        leeftijd_dagen in 0u64..(20 * 366),
        peil in 0u64..(3 * 365),
        situatie in 0usize..regels().situaties().len(),
        school in 0usize..9,
        tlv: bool,
        schooldagdelen in 0u8..=9,
    ) -> AdviesVraag {
        let peildatum = datum(peil);
        AdviesVraag {
            geboortedatum: peildatum - Days::new(leeftijd_dagen),
            peildatum,
            situatie: regels().situaties().iter().nth(situatie).expect("in range").situatie.clone(),
            school: SCHOLEN[school].map(String::from),
            tlv,
            schooldagdelen,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn advies_blijft_binnen_zijn_grenzen(v in een_vraag()) {
        // Invalid school/situation pairs are input errors, never panics.
        let Ok(a) = regels().advies(&v) else { return Ok(()) };
        prop_assert!(!a.bronnen.is_empty(), "every advice cites at least one rule");
        prop_assert!(!a.toelichting.is_empty() || a.situatie.is_some());
        let uiterst = v.peildatum + Months::new(24);
        for o in &a.opties {
            prop_assert!(o.ingangsdatum >= v.peildatum, "{} starts before the peildatum", o.id);
            if let Some(eind) = o.einddatum {
                prop_assert!(eind >= o.ingangsdatum, "{}", o.id);
                prop_assert!(eind < uiterst, "{} ends past 24 months", o.id);
            }
            for i in &o.inzet {
                prop_assert!(i.max > 0 && i.max <= 12);
                prop_assert!(i.min.is_none_or(|m| m <= i.max));
                if i.product == "begeleiding_groep_specialistisch" && i.min.is_some() {
                    prop_assert_eq!(i.max, 9 - u32::from(v.schooldagdelen));
                }
            }
            if let Some(b) = &o.budget {
                prop_assert!(b.van >= o.ingangsdatum && Some(b.tot) <= o.einddatum);
                prop_assert!(b.schoolweken <= b.kalenderweken);
                if let Some(u) = b.uren_per_schoolweek {
                    prop_assert!(u.als_getal() + 0.01 >= b.totaal_uren.als_getal() / b.kalenderweken);
                }
            }
        }
        for p in &a.verplichtingen {
            prop_assert!(p.uiterlijk >= v.peildatum && p.uiterlijk < uiterst);
        }
    }

    #[test]
    fn schooljaaropties_lopen_tot_31_juli(v in een_vraag()) {
        let Ok(a) = regels().advies(&v) else { return Ok(()) };
        for o in a.opties.iter().filter(|o| o.id.ends_with("volledig_onderwijs.optie.1") || o.id.ends_with("thuiszitter.optie.2")) {
            let eind = o.einddatum.expect("school year end");
            let jaar = Schooljaar::van_datum(v.peildatum);
            prop_assert!(eind == jaar.periode().tot || eind == jaar.volgende().periode().tot);
            prop_assert!(o.ingangsdatum >= Schooljaar::van_datum(eind).periode().van);
        }
    }

    #[test]
    fn budget_groeit_met_de_periode(start in 0u64..700, a in 0u64..400, b in 0u64..400, regio in 0usize..3) {
        let kalender = regels().kalender.regio(Vakantieregio::ALLE[regio]);
        let (kort, lang) = (a.min(b), a.max(b));
        let van = datum(start);
        let p = |n| Periode { van, tot: van + Days::new(n) };
        let (Some(x), Some(y)) = (budget::bereken(p(kort), Hoeveelheid::eenheden(3), kalender), budget::bereken(p(lang), Hoeveelheid::eenheden(3), kalender)) else {
            return Ok(());
        };
        prop_assert!(x.totaal_uren <= y.totaal_uren);
        prop_assert!(x.schooldagen <= y.schooldagen);
        prop_assert!(x.kalenderweken <= y.kalenderweken);
    }
}
