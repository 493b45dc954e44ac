//! The edges of the normenkader (issue 14, items 1–3), each from the words
//! of shared/seeds/004_c8f72e1769885542.txt: qualifiers the source attaches
//! to a service, the check that follows the reikwijdte, and hour budgets
//! only where the source says holidays save hours.

mod common;

use common::*;
use schakel_rules::ijw::{Eenheid, Per};
use schakel_rules::normenkader::Dekking;
use schakel_rules::{AdviesVraag, Hoeveelheid, ToetsVraag, Verwijzing};

fn met_school(mut v: AdviesVraag, school: &str) -> AdviesVraag {
    v.school = Some(school.into());
    v
}

fn joa(groep: &str) -> AdviesVraag {
    let mut v = met_school(vraag("joa", 8, "2026-11-23"), groep);
    v.tlv = true;
    v
}

/// A referral of `volume` per week (or in total) from `van` to `tot`.
fn verwijzing(product: &str, volume: i64, per: Per, van: &str, tot: &str) -> Verwijzing {
    Verwijzing {
        product: product.into(),
        volume: Hoeveelheid::eenheden(volume),
        eenheid: Eenheid::Uur,
        per,
        ingangsdatum: d(van),
        einddatum: d(tot),
        dienst: None,
    }
}

fn met_dienst(mut v: Verwijzing, dienst: &str) -> Verwijzing {
    v.dienst = Some(dienst.into());
    v
}

/// (binnen_normen, dekking, [(regel, melding)]).
fn toets(
    situatie: AdviesVraag,
    verwijzing: Verwijzing,
) -> (bool, Option<Dekking>, Vec<(String, String)>) {
    let t = regels()
        .toets(&ToetsVraag {
            situatie,
            verwijzing,
            interventie_afspraak: None,
        })
        .expect("valid input");
    (
        t.binnen_normen,
        t.dekking,
        t.bevindingen
            .iter()
            .map(|b| (b.regel.to_string(), b.melding.clone()))
            .collect(),
    )
}

// ---------------------------------------------------------------------------
// 1. Qualifiers the source attaches are part of the answer.
// ---------------------------------------------------------------------------

// Schema reikwijdte OJA's: "(handelingsgerichte) diagnostiek (tenzij (een
// vermoeden van) psychiatrie voorliggend is))VVVOJA", "deeltijdpleegzorg (max
// 3 etmalen pw)VVVV", "PGB (indien na onderzoek OJA niet in OJA blijkt onder
// te brengen)**VVVV".
#[test]
fn voorwaarden_van_het_schema_bij_elke_oja_school() {
    for school in ["Watertuin", "Bombardon", "OPDC", "PrO"] {
        let a = advies(&met_school(vraag("oja", 12, "2026-11-23"), school));
        let voorwaarden: Vec<(&str, &str)> = a
            .reikwijdte_voorwaarden
            .as_ref()
            .expect("oja has reikwijdte_voorwaarden")
            .iter()
            .map(|(d, w)| (d, w.tekst.as_str()))
            .collect();
        assert_eq!(
            voorwaarden,
            [
                (
                    "diagnostiek",
                    "(handelingsgerichte) diagnostiek (tenzij (een vermoeden van) psychiatrie voorliggend is)"
                ),
                ("deeltijdpleegzorg", "deeltijdpleegzorg (max 3 etmalen pw)"),
                (
                    "pgb",
                    "PGB (indien na onderzoek OJA niet in OJA blijkt onder te brengen)"
                ),
            ],
            "{school}"
        );
    }
    // At PrO diagnostiek is OJA, but not when psychiatry is (suspected to be)
    // at hand: the condition travels with the cell.
    let kader = regels().kader_op(d("2026-11-23")).expect("rules in force");
    let (r, _, _) = kader
        .reikwijdte_school("PrO")
        .expect("PrO has a reikwijdte");
    assert_eq!(r.get("diagnostiek"), Some(Dekking::Oja));
    assert_eq!(
        r.voorwaarde("diagnostiek").map(|w| w.voorwaarde.as_str()),
        Some(
            "Geldt voor handelingsgerichte diagnostiek, niet als er (een vermoeden van) psychiatrie voorligt: dan is altijd een aparte verwijzing nodig."
        )
    );
    assert_eq!(
        r.voorwaarde("deeltijdpleegzorg")
            .map(|w| w.voorwaarde.as_str()),
        Some("Deeltijdpleegzorg van ten hoogste 3 etmalen per week.")
    );
    assert_eq!(r.voorwaarde("jggz"), None);
}

// "Tamboerijn géén verwijzing JGGZ": ambiguous; the source's words and the
// chosen reading (niet_mogelijk) are both shown.
#[test]
fn tamboerijn_jggz_toont_de_woorden_en_de_gekozen_lezing() {
    let a = advies(&joa("Tamboerijn"));
    let r = a.reikwijdte.as_ref().expect("reikwijdte");
    assert_eq!(r.get("jggz"), Some(Dekking::NietMogelijk));
    let w = r.voorwaarde("jggz").expect("the reading is shown");
    assert_eq!(w.tekst, "Tamboerijn géén verwijzing JGGZ");
    assert!(
        w.voorwaarde.starts_with("De bron is hier niet eenduidig"),
        "{}",
        w.voorwaarde
    );
    assert!(w.voorwaarde.contains("niet mogelijk"), "{}", w.voorwaarde);
    // "Triangel: wel Verwijzing JGGZ" is not ambiguous.
    let a = advies(&joa("Triangel"));
    assert_eq!(
        a.reikwijdte
            .as_ref()
            .expect("reikwijdte")
            .voorwaarde("jggz"),
        None
    );
}

// Footnote *** of the OJA schema ("tenzij er sprake is van naschoolse
// dagbehandeling/ begeleiding op Bombardon of OPDC (dan wel OJA) …") is
// about OJA schools; a JOA group's cells come from the JOA notes.
#[test]
fn joa_draagt_de_voetnoten_van_het_oja_schema_niet() {
    for groep in ["Tamboerijn", "Triangel", "Kwekerij"] {
        let a = advies(&joa(groep));
        assert!(
            a.bronnen
                .iter()
                .all(|b| !b.starts_with("almere.reikwijdte.voetnoot")),
            "{groep}: {:?}",
            a.bronnen
        );
        assert!(
            !toelichting_bevat(&a, "valt dit wel onder het OJA"),
            "{groep}"
        );
        assert!(
            !toelichting_bevat(&a, "naschoolse dagbehandeling"),
            "{groep}"
        );
    }
    // The OJA school itself keeps it.
    let a = advies(&met_school(vraag("oja", 11, "2026-11-23"), "Bombardon"));
    assert!(toelichting_bevat(&a, "valt dit wel onder het OJA"));
}

// ---------------------------------------------------------------------------
// 2. The check follows the source.
// ---------------------------------------------------------------------------

// "Wat valt onder de reikwijdte van de OJA (OJA) en waarvoor is aparte
// verwijzing nodig (V)?" — JGGZ*VVVV: a JGGZ referral for a pupil of
// Watertuin is a regular, separate referral.
#[test]
fn v_dienst_bij_oja_school_is_een_gewone_aparte_verwijzing() {
    let (ok, dekking, b) = toets(
        met_school(vraag("oja", 10, "2026-11-23"), "Watertuin"),
        met_dienst(
            verwijzing(
                "behandeling_specialistisch_psychiatrie",
                2,
                Per::Week,
                "2026-11-23",
                "2027-07-31",
            ),
            "jggz",
        ),
    );
    assert!(ok, "{b:?}");
    assert_eq!(dekking, Some(Dekking::V));
    assert_eq!(
        b,
        [(
            "almere.reikwijdte.jggz".to_string(),
            "Reikwijdte Watertuin: 'JGGZ*' vraagt een aparte verwijzing (V). Dit normenkader stelt daarvoor geen eigen omvang of termijn; de verwijzing volgt het reguliere normenkader.".to_string()
        )]
    );
}

// "individuele begeleiding op schoolOJAOJAOJAOJA": covered by the
// arrangement, no beschikking.
#[test]
fn oja_dienst_bij_oja_school_valt_onder_het_arrangement() {
    let (ok, dekking, b) = toets(
        met_school(vraag("oja", 10, "2026-11-23"), "Watertuin"),
        met_dienst(
            verwijzing(
                "begeleiding_individueel_basis",
                2,
                Per::Week,
                "2026-11-23",
                "2027-07-31",
            ),
            "individuele_begeleiding_school",
        ),
    );
    assert!(!ok);
    assert_eq!(dekking, Some(Dekking::Oja));
    assert_eq!(b[0].0, "almere.reikwijdte.individuele_begeleiding_school");
    assert!(
        b[0].1
            .contains("valt onder het OJA van de school en gaat zonder beschikking"),
        "{b:?}"
    );
    // PrO's diagnostiek is OJA, with its condition in the finding.
    let (ok, dekking, b) = toets(
        met_school(vraag("oja", 14, "2026-11-23"), "PrO"),
        met_dienst(
            verwijzing(
                "behandeling_individueel_basis",
                2,
                Per::Week,
                "2026-11-23",
                "2027-07-31",
            ),
            "diagnostiek",
        ),
    );
    assert!(!ok);
    assert_eq!(dekking, Some(Dekking::Oja));
    assert!(b[0].1.contains("psychiatrie voorliggend"), "{b:?}");
    // Tamboerijn: "géén verwijzing JGGZ".
    let (ok, dekking, b) = toets(
        joa("Tamboerijn"),
        met_dienst(
            verwijzing(
                "behandeling_specialistisch_psychiatrie",
                2,
                Per::Week,
                "2026-11-23",
                "2027-07-31",
            ),
            "jggz",
        ),
    );
    assert!(!ok);
    assert_eq!(dekking, Some(Dekking::NietMogelijk));
    assert_eq!(b[0].0, "almere.joa.tamboerijn_jggz");
    assert!(
        b[0].1.contains("\"Tamboerijn géén verwijzing JGGZ\""),
        "{b:?}"
    );
}

#[test]
fn onbekende_dienst_noemt_veld_en_toegestane_diensten() {
    let fout = regels()
        .toets(&ToetsVraag {
            situatie: met_school(vraag("oja", 10, "2026-11-23"), "Watertuin"),
            verwijzing: met_dienst(
                verwijzing(
                    "begeleiding_individueel_basis",
                    2,
                    Per::Week,
                    "2026-11-23",
                    "2027-07-31",
                ),
                "ggz",
            ),
            interventie_afspraak: None,
        })
        .expect_err("unknown service");
    assert_eq!(fout.veld, "verwijzing.dienst");
    assert!(
        fout.melding
            .starts_with("onbekende dienst 'ggz'; toegestaan: begeleiding_ouders_systeem, jggz,"),
        "{}",
        fout.melding
    );
}

// Seed 000: "Heeft een school een onderwijs-jeugdhulparrangement, dan
// krijgen jeugdigen … jeugdhulp zonder beschikking."
#[test]
fn volledig_onderwijs_op_een_oja_school_waarschuwt_voor_dubbele_financiering() {
    for situatie in ["volledig_onderwijs", "onderwijsperspectief"] {
        let (ok, _, b) = toets(
            met_school(vraag(situatie, 10, "2026-11-23"), "Watertuin"),
            verwijzing(
                "begeleiding_individueel_basis",
                3,
                Per::Week,
                "2026-11-23",
                "2027-07-31",
            ),
        );
        assert!(ok, "3 uur per week is within the row's norm");
        assert_eq!(
            b,
            [(
                "almere.rij.oja".to_string(),
                "Let op, dubbele financiering: Watertuin heeft een onderwijs-jeugdhulparrangement (OJA). Leerlingen van die school krijgen jeugdhulp zonder beschikking via de hoofdaanbieder; verwijs alleen voor wat volgens de reikwijdte een aparte verwijzing (V) vraagt.".to_string()
            )],
            "{situatie:?}"
        );
        let a = advies(&met_school(vraag(situatie, 10, "2026-11-23"), "Watertuin"));
        assert!(toelichting_bevat(&a, "dubbele financiering"));
    }
    // A school without an OJA: no warning.
    let (_, _, b) = toets(
        met_school(vraag("volledig_onderwijs", 10, "2026-11-23"), "Kolibrie"),
        verwijzing(
            "begeleiding_individueel_basis",
            3,
            Per::Week,
            "2026-11-23",
            "2027-07-31",
        ),
    );
    assert_eq!(b, []);
}

// Footnote ***: "De verwijzingen voor behandeling zijn voor (dreigende)
// thuiszitters alleen mogelijk onder voorwaarde van interventie afspraak
// tussen aanbieder en gemeente."
#[test]
fn behandeling_voor_thuiszitter_meldt_de_interventie_afspraak() {
    let (ok, _, b) = toets(
        vraag("dreigende_thuiszitter", 9, "2026-11-23"),
        verwijzing(
            "behandeling_individueel_basis",
            2,
            Per::Week,
            "2026-11-23",
            "2027-05-22",
        ),
    );
    assert!(ok);
    assert_eq!(
        b,
        [(
            "almere.voetnoot.3".to_string(),
            "Voorwaarde (voetnoot ***): Behandeling is alleen mogelijk als er een interventie-afspraak is tussen aanbieder en gemeente. Die afspraken bestaan nu met KBC Triade Vitree (observatiegroep) en GGZ Centraal Fornhese (Kersenboom).".to_string()
        )]
    );
    // Begeleiding under the same option carries no such condition.
    let (ok, _, b) = toets(
        vraag("dreigende_thuiszitter", 9, "2026-11-23"),
        verwijzing(
            "begeleiding_individueel_specialistisch",
            4,
            Per::Week,
            "2026-11-23",
            "2027-05-22",
        ),
    );
    assert!(ok && b.is_empty(), "{b:?}");
}

// Footnote ***, once the region records interventie-afspraken (issue 14,
// item 2): "alleen mogelijk onder voorwaarde van interventie afspraak
// tussen aanbieder en gemeente" — within the norms only for a provider
// with a current agreement; without one the condition is the finding.
#[test]
fn behandeling_voor_thuiszitter_alleen_met_interventie_afspraak() {
    let toets_met = |afspraak| {
        let t = regels()
            .toets(&ToetsVraag {
                situatie: vraag("dreigende_thuiszitter", 9, "2026-11-23"),
                verwijzing: verwijzing(
                    "behandeling_individueel_basis",
                    2,
                    Per::Week,
                    "2026-11-23",
                    "2027-05-22",
                ),
                interventie_afspraak: Some(afspraak),
            })
            .expect("valid input");
        (
            t.binnen_normen,
            t.bevindingen
                .iter()
                .map(|b| (b.regel.to_string(), b.melding.clone()))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        toets_met(true),
        (
            true,
            vec![(
                "almere.voetnoot.3".to_string(),
                "Voorwaarde (voetnoot ***) vervuld: deze aanbieder heeft een interventie-afspraak met de gemeente die geldt op de ingangsdatum.".to_string()
            )]
        )
    );
    assert_eq!(
        toets_met(false),
        (
            false,
            vec![(
                "almere.voetnoot.3".to_string(),
                "Voorwaarde (voetnoot ***) niet vervuld: deze aanbieder heeft geen interventie-afspraak met de gemeente die geldt op de ingangsdatum. Behandeling is alleen mogelijk als er een interventie-afspraak is tussen aanbieder en gemeente. Die afspraken bestaan nu met KBC Triade Vitree (observatiegroep) en GGZ Centraal Fornhese (Kersenboom).".to_string()
            )]
        )
    );
}

// "Tijdelijk voor 1e half jaar maximaal … 9 uur Begeleiding Individueel
// Basis per week en voor het 2e halfjaar max. … 5 uur Begeleiding
// Individueel Basis": 5 hours a week for the whole year fits both halves.
#[test]
fn op_weg_naar_school_5_uur_het_hele_jaar() {
    let (ok, _, b) = toets(
        vraag("op_weg_naar_school", 8, "2026-11-23"),
        verwijzing(
            "begeleiding_individueel_basis",
            5,
            Per::Week,
            "2026-11-23",
            "2027-11-22",
        ),
    );
    assert!(ok, "{b:?}");
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].0, "almere.rij.op_weg_naar_school.optie.1b");
    assert!(
        b[0].1
            .starts_with("De verwijzing loopt over 2 fasen; 5 uur per week past"),
        "{b:?}"
    );
    // 6 hours a week is above the second half's 5.
    let (ok, _, _) = toets(
        vraag("op_weg_naar_school", 8, "2026-11-23"),
        verwijzing(
            "begeleiding_individueel_basis",
            6,
            Per::Week,
            "2026-11-23",
            "2027-11-22",
        ),
    );
    assert!(!ok);
    // Past the second half year: outside.
    let (ok, _, _) = toets(
        vraag("op_weg_naar_school", 8, "2026-11-23"),
        verwijzing(
            "begeleiding_individueel_basis",
            5,
            Per::Week,
            "2026-11-23",
            "2027-11-23",
        ),
    );
    assert!(!ok);
}

#[test]
fn onbekende_school_is_een_fout_bij_elke_situatie() {
    for situatie in [
        "volledig_onderwijs",
        "kolibrie",
        "dreigende_thuiszitter",
        "op_weg_naar_school",
    ] {
        let mut v = met_school(vraag(situatie, 9, "2026-11-23"), "Kolibri");
        v.tlv = true;
        let fout = regels().advies(&v).expect_err("unknown school");
        assert_eq!(fout.veld, "school", "{situatie:?}");
        assert_eq!(
            fout.melding,
            "onbekende school 'Kolibri'; toegestaan: Watertuin, Bombardon, OPDC, PrO, Tamboerijn, Triangel, Kwekerij, Kolibrie (laat het veld leeg voor een andere school)"
        );
    }
    // No school, or an empty one, is fine.
    let v = met_school(vraag("volledig_onderwijs", 9, "2026-11-23"), "  ");
    assert!(regels().advies(&v).is_ok());
}

// ---------------------------------------------------------------------------
// 3. Budgets only where the source saves hours.
// ---------------------------------------------------------------------------

// "NB door vakanties worden uren gespaard" stands in rows 1 and 3 and
// Kolibrie's "In schoolweken kan er dan meer dan 12 uur feitelijk
// gedeclareerd worden"; not in the rows for thuiszitters, ontheffing and op
// weg naar school.
#[test]
fn urenbudget_alleen_waar_de_bron_uren_spaart() {
    let met_budget = |a: &schakel_rules::Advies<'static>| -> Vec<&str> {
        a.opties
            .iter()
            .filter(|o| o.budget.is_some())
            .map(|o| o.id)
            .collect()
    };
    assert_eq!(
        met_budget(&advies(&vraag("volledig_onderwijs", 10, "2026-11-23"))),
        ["almere.rij.volledig_onderwijs.optie.1"]
    );
    assert_eq!(
        met_budget(&advies(&vraag("onderwijsperspectief", 10, "2026-11-23"))),
        ["almere.rij.onderwijsperspectief.optie.1"]
    );
    for situatie in [
        "dreigende_thuiszitter",
        "ontheffing_leerplicht",
        "op_weg_naar_school",
    ] {
        let a = advies(&vraag(situatie, 9, "2026-11-23"));
        assert!(!a.opties.is_empty());
        assert_eq!(met_budget(&a), Vec::<&str>::new(), "{situatie:?}");
        assert!(
            !a.bronnen.contains(&"almere.interpretatie.budget"),
            "{situatie:?}"
        );
    }
}

// Peildatum 2026-07-03, the last school day of 2025-2026 in regio noord: 29
// days, 1 school day. 3 h × 29/7 = 12.43 h over 0.2 school weeks would be
// 62.14 h per school week; the source itself says "ca 4 uur per school week".
#[test]
fn periode_die_vooral_vakantie_is_blijft_bij_ca_4_uur() {
    let a = advies(&vraag("volledig_onderwijs", 10, "2026-07-03"));
    let o = optie(&a, "almere.rij.volledig_onderwijs.optie.1");
    assert_eq!(
        (o.ingangsdatum, o.einddatum),
        (d("2026-07-03"), Some(d("2026-07-31")))
    );
    let b = o.budget.as_ref().expect("budget");
    assert_eq!(
        (b.kalenderweken, b.schooldagen, b.schoolweken),
        (4.14, 1, 0.2)
    );
    assert_eq!(b.uren_per_schoolweek, Some(Hoeveelheid::eenheden(4)));
    assert_eq!(b.totaal_uren, Hoeveelheid::honderdsten(80));
    assert!(b.begrensd);
    assert!(
        toelichting_bevat(&a, "Rekenkundig zou dat 62.14 uur per schoolweek zijn"),
        "{:?}",
        a.toelichting
    );
    assert!(
        toelichting_bevat(&a, "begrensd op 4 uur per schoolweek, 0.8 uur in totaal"),
        "{:?}",
        a.toelichting
    );
    // A whole school year stays below the ceiling and is not held.
    let jaar = advies(&vraag("volledig_onderwijs", 10, "2026-08-01"));
    let b = jaar.opties[0].budget.as_ref().expect("budget");
    assert_eq!(b.uren_per_schoolweek, Some(Hoeveelheid::honderdsten(372)));
    assert!(!b.begrensd);
    // A total beyond the held budget is outside the norms.
    let (ok, _, b) = toets(
        vraag("volledig_onderwijs", 10, "2026-07-03"),
        verwijzing(
            "begeleiding_individueel_basis",
            12,
            Per::Totaal,
            "2026-07-03",
            "2026-07-31",
        ),
    );
    assert!(!ok);
    assert!(
        b[0].1
            .contains("meer dan het maximum van 0.8 uur in totaal"),
        "{b:?}"
    );
}

// "Jeugdige gaat … naar Kolibrie in Soest": regio midden whatever school the
// input names (two school years, 2025-2027: 2 × 205 school days, 15.26 h
// per school week).
#[test]
fn kolibrie_volgt_soest_ook_met_een_andere_school() {
    for school in [None, Some("Watertuin"), Some("Kolibrie")] {
        let mut v = vraag("kolibrie", 9, "2025-08-01");
        v.tlv = true;
        v.school = school.map(String::from);
        let a = advies(&v);
        let b = a.opties[0].budget.as_ref().expect("budget");
        assert_eq!(b.vakantieregio.naam(), "midden", "{school:?}");
        assert_eq!(b.schooldagen, 410, "{school:?}");
        assert_eq!(
            b.uren_per_schoolweek,
            Some(Hoeveelheid::honderdsten(1526)),
            "{school:?}"
        );
    }
}
