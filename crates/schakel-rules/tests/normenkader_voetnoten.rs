//! One test per footnote of the normenkader and of the schema reikwijdte.

mod common;

use common::*;

fn met_school(situatie: &str, leeftijd: u32, school: &str) -> schakel_rules::AdviesVraag {
    let mut v = vraag(situatie, leeftijd, "2026-11-23");
    v.school = Some(school.into());
    v.tlv = true;
    v
}

// * "verwijzers laten zich bij voorkeur adviseren door ZAT of CVB. Verwijzingen
// zijn inclusief indirecte tijd" — the column heading of every row carries it.
#[test]
fn voetnoot_1_zat_cvb_bij_elke_rij() {
    let mut vragen: Vec<_> = [
        "volledig_onderwijs",
        "nog_niet_ingeschreven",
        "onderwijsperspectief",
        "dreigende_thuiszitter",
        "ontheffing_leerplicht",
        "op_weg_naar_school",
    ]
    .into_iter()
    .map(|s| {
        vraag(
            s,
            if s == "nog_niet_ingeschreven" { 4 } else { 8 },
            "2026-11-23",
        )
    })
    .collect();
    vragen.push(met_school("joa", 8, "Triangel"));
    vragen.push(met_school("oja", 8, "Watertuin"));
    vragen.push(met_school("kolibrie", 8, "Kolibrie"));
    for v in vragen {
        let a = advies(&v);
        assert!(a.situatie.is_some(), "{:?}", v.situatie);
        assert!(a.bronnen.contains(&"almere.voetnoot.1"), "{:?}", v.situatie);
        assert!(toelichting_bevat(&a, "ZAT of CVB"), "{:?}", v.situatie);
        assert!(
            toelichting_bevat(&a, "inclusief indirecte tijd"),
            "{:?}",
            v.situatie
        );
    }
}

// ** "De school waar leerling is aangemeld moet na aanmelding beoordelen of
// leerling extra onderwijs ondersteuning nodig heeft" — nog niet ingeschreven.
#[test]
fn voetnoot_2_nog_niet_ingeschreven() {
    let a = advies(&vraag("nog_niet_ingeschreven", 4, "2026-11-23"));
    assert!(a.bronnen.contains(&"almere.voetnoot.2"));
    assert!(toelichting_bevat(&a, "onderwijsgeschillen.nl"));
    assert!(
        !advies(&vraag("volledig_onderwijs", 8, "2026-11-23"))
            .bronnen
            .contains(&"almere.voetnoot.2")
    );
}

// *** "De verwijzingen voor behandeling zijn voor (dreigende) thuiszitters alleen
// mogelijk onder voorwaarde van interventie afspraak tussen aanbieder en gemeente."
#[test]
fn voetnoot_3_interventie_afspraak_bij_behandeling() {
    for situatie in ["dreigende_thuiszitter", "ontheffing_leerplicht"] {
        let a = advies(&vraag(situatie, 8, "2026-11-23"));
        assert!(a.bronnen.contains(&"almere.voetnoot.3"), "{situatie:?}");
        assert!(
            toelichting_bevat(&a, "interventie-afspraak"),
            "{situatie:?}"
        );
        assert!(toelichting_bevat(&a, "Triade Vitree"), "{situatie:?}");
    }
    let a = advies(&vraag("volledig_onderwijs", 8, "2026-11-23"));
    assert!(!a.bronnen.contains(&"almere.voetnoot.3"));
}

// **** "Als een kind ook thuis begeleiding nodig heeft na schooltijd en in
// vakanties dan moeten die uren opgeteld worden bij de 12 uur".
#[test]
fn voetnoot_4_kolibrie_thuis_apart() {
    let a = advies(&met_school("kolibrie", 8, "Kolibrie"));
    assert!(a.bronnen.contains(&"almere.voetnoot.4"));
    assert!(toelichting_bevat(&a, "bovenop de 12 uur"));
}

// Reikwijdte * "GGZ vanaf 18 jaar valt onder de ZVW".
#[test]
fn reikwijdte_voetnoot_1_ggz_vanaf_18() {
    let a = advies(&met_school("oja", 12, "PrO"));
    assert!(a.bronnen.contains(&"almere.reikwijdte.voetnoot.1"));
    assert!(toelichting_bevat(&a, "Zorgverzekeringswet"));
}

// Reikwijdte ** PGB: an existing PGB may continue; new help in principle from
// the OJA.
#[test]
fn reikwijdte_voetnoot_2_pgb() {
    let a = advies(&met_school("oja", 12, "Watertuin"));
    assert!(a.bronnen.contains(&"almere.reikwijdte.voetnoot.2"));
    assert!(toelichting_bevat(&a, "PGB"));
    assert!(toelichting_bevat(&a, "verlenging") || toelichting_bevat(&a, "Verlenging"));
}

// Reikwijdte *** begeleiding thuis na schooltijd: unless naschoolse
// dagbehandeling on Bombardon or OPDC; group 8 to PrO: referral until 1 August.
#[test]
fn reikwijdte_voetnoot_3_naschools() {
    let a = advies(&met_school("oja", 11, "Bombardon"));
    assert!(a.bronnen.contains(&"almere.reikwijdte.voetnoot.3"));
    assert!(toelichting_bevat(&a, "naschoolse dagbehandeling"));
    assert!(toelichting_bevat(&a, "1 augustus"));
}

// JOA notes: "Alle ondersteuning gedurende de schooltijd gericht op verblijf
// binnen school valt onder het JOA" / "Alle andere ondersteuning buiten
// schooltijd valt niet onder het JOA, dit mag op basis van beschikking".
#[test]
fn joa_regels_schooltijd_en_buiten_schooltijd() {
    for groep in ["Tamboerijn", "Triangel", "Kwekerij"] {
        let a = advies(&met_school("joa", 8, groep));
        assert!(a.bronnen.contains(&"almere.joa.schooltijd"), "{groep}");
        assert!(
            a.bronnen.contains(&"almere.joa.buiten_schooltijd"),
            "{groep}"
        );
        assert!(toelichting_bevat(&a, "Ondersteuning thuis"), "{groep}");
    }
}
