//! One test per row of the Almere normenkader (shared/seeds/004), with the
//! figures of the source text.

mod common;

use common::*;
use schakel_rules::normenkader::Dekking;

// Row "Kind ouder dan 4 jaar | Volledig onderwijs": max 3 uur begeleiding
// individueel basis per week, no earlier than the start and no later than the
// end of the school year; "Feitelijk is daarmee ca 4 uur per school week".
#[test]
fn rij_volledig_onderwijs() {
    let a = advies(&vraag("volledig_onderwijs", 10, "2026-11-23"));
    assert_eq!(sit(&a), Some("volledig_onderwijs"));
    assert!(a.beschikking_nodig);
    assert_eq!(a.regie, None);
    assert_eq!(optie_ids(&a), ["almere.rij.volledig_onderwijs.optie.1"]);
    let o = &a.opties[0];
    assert_eq!(
        inzet(o),
        [("begeleiding_individueel_basis", None, 3, "uur", "week")]
    );
    assert_eq!(
        (o.ingangsdatum, o.einddatum),
        (d("2026-11-23"), Some(d("2027-07-31")))
    );
    assert_eq!(o.inzet[0].ijw.eenheid, "04");
    assert_eq!(o.inzet[0].ijw.frequentie, "2");
    assert!(a.bronnen.contains(&"almere.rij.volledig_onderwijs"));

    // A full school year 2026-2027 in regio noord.
    let a = advies(&vraag("volledig_onderwijs", 10, "2026-08-01"));
    let b = a.opties[0].budget.as_ref().expect("budget");
    assert_eq!((b.van, b.tot), (d("2026-08-01"), d("2027-07-31")));
    assert_eq!(b.kalenderweken, 52.14);
    // 260 weekdays minus 50 holiday weekdays (zomer 2026 tail 10, herfst 5,
    // kerst 10, voorjaar 5, mei 5, zomer 2027 head 15).
    assert_eq!(b.schooldagen, 210);
    assert_eq!(b.schoolweken, 42.0);
    assert_eq!(b.totaal_uren.to_string(), "156.43");
    assert_eq!(
        b.uren_per_schoolweek.map(|u| u.to_string()).as_deref(),
        Some("3.72")
    );
    assert!(b.volledig);
}

#[test]
fn ca_4_uur_per_schoolweek_in_beide_schooljaren() {
    for (peildatum, verwacht) in [("2025-08-01", 3.91), ("2026-08-01", 3.72)] {
        let a = advies(&vraag("volledig_onderwijs", 10, peildatum));
        let per_week = a.opties[0]
            .budget
            .as_ref()
            .and_then(|b| b.uren_per_schoolweek)
            .expect("budget")
            .als_getal();
        assert_eq!(per_week, verwacht, "{peildatum}");
        assert!(
            (3.7..=4.0).contains(&per_week),
            "'ca 4 uur per school week': {per_week}"
        );
    }
}

#[test]
fn volledig_onderwijs_onder_4_jaar_heeft_geen_rij() {
    let a = advies(&vraag("volledig_onderwijs", 3, "2026-11-23"));
    assert_eq!(sit(&a), None);
    assert!(a.opties.is_empty());
    assert!(toelichting_bevat(&a, "vanaf 4 jaar"), "{:?}", a.toelichting);
    assert!(!a.bronnen.is_empty());
}

// Row "Kind jonger dan 4 jaar | Nog niet ingeschreven": "Jeugdhulp inzetbaar
// volgens het reguliere normenkader jeugdhulp zonder verblijf voor max. 10
// weken (6 (+4))", footnote **.
#[test]
fn rij_nog_niet_ingeschreven() {
    let a = advies(&vraag("nog_niet_ingeschreven", 4, "2026-11-23"));
    assert_eq!(sit(&a), Some("nog_niet_ingeschreven"));
    assert!(a.beschikking_nodig);
    assert_eq!(optie_ids(&a), ["almere.rij.nog_niet_ingeschreven.optie.1"]);
    let o = &a.opties[0];
    // peildatum + 10 weeks - 1 day.
    assert_eq!(
        (o.ingangsdatum, o.einddatum),
        (d("2026-11-23"), Some(d("2027-01-31")))
    );
    assert!(o.inzet.is_empty());
    assert!(o.budget.is_none());
    assert!(toelichting_bevat(
        &a,
        "reguliere normenkader jeugdhulp zonder verblijf"
    ));
    assert!(a.bronnen.contains(&"almere.voetnoot.2"));
    assert!(
        a.bronnen
            .contains(&"almere.interpretatie.nog_niet_ingeschreven_leeftijd")
    );
    // From 5 (compulsory education) the row no longer applies.
    assert_eq!(
        sit(&advies(&vraag("nog_niet_ingeschreven", 5, "2026-11-23"))),
        None
    );
    assert_eq!(
        sit(&advies(&vraag("nog_niet_ingeschreven", 2, "2026-11-23"))),
        Some("nog_niet_ingeschreven")
    );
}

// Row "Kind ouder dan 4 jaar | Onderwijsperspectief": the same 3 uur per week
// for the school year as volledig onderwijs.
#[test]
fn rij_onderwijsperspectief() {
    let a = advies(&vraag("onderwijsperspectief", 6, "2027-03-01"));
    assert_eq!(sit(&a), Some("onderwijsperspectief"));
    assert!(a.beschikking_nodig);
    let o = optie(&a, "almere.rij.onderwijsperspectief.optie.1");
    assert_eq!(
        inzet(o),
        [("begeleiding_individueel_basis", None, 3, "uur", "week")]
    );
    assert_eq!(
        (o.ingangsdatum, o.einddatum),
        (d("2027-03-01"), Some(d("2027-07-31")))
    );
    let b = o.budget.as_ref().expect("budget");
    // 2027-03-01 (a Monday) to 07-31: 153 days, 110 weekdays, minus mei 5
    // and zomer 15 holiday weekdays.
    assert_eq!(b.kalenderweken, 21.86);
    assert_eq!(b.schooldagen, 90);
    assert_eq!(b.totaal_uren.to_string(), "65.57");
    assert_eq!(
        b.uren_per_schoolweek.map(|u| u.to_string()).as_deref(),
        Some("3.64")
    );
}

// Row "Kind ouder dan 4 jaar | Dreigende thuiszitter": max half jaar 6-9
// dagdelen BGS + max 2 uur BIB or 2 uur BSP + max 4 uur BIS; thuiswerkerstraject
// 3 uur BIS for the school year; Kersenboom for 0-6; evaluation after 3 months.
#[test]
fn rij_dreigende_thuiszitter() {
    let a = advies(&vraag("dreigende_thuiszitter", 9, "2026-11-23"));
    assert_eq!(sit(&a), Some("dreigende_thuiszitter"));
    assert_eq!(a.regie, Some("onderwijs"));
    assert!(a.beschikking_nodig);
    assert_eq!(
        optie_ids(&a),
        [
            "almere.rij.dreigende_thuiszitter.optie.1a",
            "almere.rij.dreigende_thuiszitter.optie.1b",
            "almere.rij.dreigende_thuiszitter.optie.2"
        ]
    );
    let o1a = optie(&a, "almere.rij.dreigende_thuiszitter.optie.1a");
    assert_eq!(
        (o1a.ingangsdatum, o1a.einddatum),
        (d("2026-11-23"), Some(d("2027-05-22")))
    );
    assert_eq!(
        inzet(o1a),
        [
            (
                "begeleiding_groep_specialistisch",
                Some(6),
                9,
                "dagdeel",
                "week"
            ),
            ("behandeling_individueel_basis", None, 2, "uur", "week"),
            (
                "begeleiding_individueel_specialistisch",
                None,
                4,
                "uur",
                "week"
            ),
        ]
    );
    assert_eq!(o1a.inzet[0].ijw.eenheid, "16");
    let o1b = optie(&a, "almere.rij.dreigende_thuiszitter.optie.1b");
    assert_eq!(
        inzet(o1b)[1],
        (
            "behandeling_specialistisch_psychiatrie",
            None,
            2,
            "uur",
            "week"
        )
    );
    let o2 = optie(&a, "almere.rij.dreigende_thuiszitter.optie.2");
    assert_eq!(o2.programma, Some("thuiswerkerstraject"));
    assert_eq!(
        inzet(o2),
        [(
            "begeleiding_individueel_specialistisch",
            None,
            3,
            "uur",
            "week"
        )]
    );
    assert_eq!(o2.einddatum, Some(d("2027-07-31")));
    assert_eq!(a.verplichtingen.len(), 1);
    assert_eq!(
        a.verplichtingen[0].id,
        "almere.rij.dreigende_thuiszitter.evaluatie"
    );
    assert_eq!(a.verplichtingen[0].uiterlijk, d("2027-02-22"));
    assert!(a.verplichtingen[0].wat.contains("ZAT/CVB"));
}

#[test]
fn dreigende_thuiszitter_kersenboom_tot_7_jaar() {
    let a = advies(&vraag("dreigende_thuiszitter", 6, "2026-11-23"));
    let k = optie(&a, "almere.rij.dreigende_thuiszitter.optie.3");
    assert_eq!(k.programma, Some("kersenboom"));
    assert_eq!(k.einddatum, None);
    assert!(toelichting_bevat(&a, "ASS en communicatieproblematiek"));
    let a7 = advies(&vraag("dreigende_thuiszitter", 7, "2026-11-23"));
    assert!(!optie_ids(&a7).contains(&"almere.rij.dreigende_thuiszitter.optie.3"));
}

// "Of dagdelen naar rato als kind deels naar school kan": max = 9 - schooldagdelen,
// min = max(0, 6 - schooldagdelen); no unreduced option.
#[test]
fn dagdelen_naar_rato() {
    for (schooldagdelen, min, max) in [(1, 5, 8), (4, 2, 5), (6, 0, 3), (7, 0, 2)] {
        let mut v = vraag("dreigende_thuiszitter", 9, "2026-11-23");
        v.schooldagdelen = schooldagdelen;
        let a = advies(&v);
        let groep: Vec<_> = a
            .opties
            .iter()
            .flat_map(|o| o.inzet.iter())
            .filter(|i| i.product == "begeleiding_groep_specialistisch")
            .map(|i| (i.min, i.max))
            .collect();
        assert_eq!(
            groep,
            [(Some(min), max), (Some(min), max)],
            "schooldagdelen {schooldagdelen}"
        );
        assert!(a.bronnen.contains(&"almere.interpretatie.naar_rato"));
    }
    let mut v = vraag("dreigende_thuiszitter", 9, "2026-11-23");
    v.schooldagdelen = 9;
    let a = advies(&v);
    assert!(a.opties.iter().all(|o| {
        o.inzet
            .iter()
            .all(|i| i.product != "begeleiding_groep_specialistisch")
    }));
}

// Row "Kind ouder dan 5 jaar | Tijdelijke ontheffing leerplicht": "Geen
// jeugdhulp" in a school setting; the referral column governs; regie bij de
// jeugdhulp.
#[test]
fn rij_ontheffing_leerplicht() {
    let a = advies(&vraag("ontheffing_leerplicht", 5, "2026-11-23"));
    assert_eq!(sit(&a), Some("ontheffing_leerplicht"));
    assert_eq!(a.regie, Some("jeugdhulp"));
    assert!(a.beschikking_nodig);
    assert_eq!(
        optie_ids(&a),
        [
            "almere.rij.ontheffing_leerplicht.optie.1a",
            "almere.rij.ontheffing_leerplicht.optie.1b"
        ]
    );
    let o = optie(&a, "almere.rij.ontheffing_leerplicht.optie.1a");
    assert_eq!(
        (o.ingangsdatum, o.einddatum),
        (d("2026-11-23"), Some(d("2027-05-22")))
    );
    assert_eq!(
        inzet(o)[0],
        (
            "begeleiding_groep_specialistisch",
            Some(6),
            9,
            "dagdeel",
            "week"
        )
    );
    assert!(toelichting_bevat(&a, "schoolse setting"));
    assert!(a.verplichtingen.is_empty());
    let onder_5 = advies(&vraag("ontheffing_leerplicht", 4, "2026-11-23"));
    assert_eq!(sit(&onder_5), None);
    assert!(
        toelichting_bevat(&onder_5, "vanaf 5 jaar"),
        "{:?}",
        onder_5.toelichting
    );
}

// Row "Op weg naar school": 1e half jaar max 5 dagdelen BGS or 9 uur BIB per
// week; 2e half jaar max 2 dagdelen BGS or 5 uur BIB.
#[test]
fn rij_op_weg_naar_school() {
    let a = advies(&vraag("op_weg_naar_school", 8, "2026-11-23"));
    assert_eq!(sit(&a), Some("op_weg_naar_school"));
    let fasen: Vec<_> = a
        .opties
        .iter()
        .map(|o| (o.id, o.ingangsdatum, o.einddatum.expect("end"), inzet(o)[0]))
        .collect();
    assert_eq!(
        fasen,
        [
            (
                "almere.rij.op_weg_naar_school.optie.1a",
                d("2026-11-23"),
                d("2027-05-22"),
                (
                    "begeleiding_groep_specialistisch",
                    None,
                    5,
                    "dagdeel",
                    "week"
                )
            ),
            (
                "almere.rij.op_weg_naar_school.optie.1b",
                d("2026-11-23"),
                d("2027-05-22"),
                ("begeleiding_individueel_basis", None, 9, "uur", "week")
            ),
            (
                "almere.rij.op_weg_naar_school.optie.2a",
                d("2027-05-23"),
                d("2027-11-22"),
                (
                    "begeleiding_groep_specialistisch",
                    None,
                    2,
                    "dagdeel",
                    "week"
                )
            ),
            (
                "almere.rij.op_weg_naar_school.optie.2b",
                d("2027-05-23"),
                d("2027-11-22"),
                ("begeleiding_individueel_basis", None, 5, "uur", "week")
            ),
        ]
    );
    // Op weg naar school's amounts are not reduced naar rato.
    let mut v = vraag("op_weg_naar_school", 8, "2026-11-23");
    v.schooldagdelen = 4;
    assert_eq!(inzet(&advies(&v).opties[0])[0].2, 5);
}

// Row "Kind ouder dan 4 jaar en tot 13 jaar | Zit op JOA": no beschikking,
// TLV required; reikwijdte per the JOA notes (Triangel: wel verwijzing JGGZ,
// Tamboerijn géén).
#[test]
fn rij_joa() {
    let mut v = vraag("joa", 8, "2026-11-23");
    v.tlv = true;
    v.school = Some("tamboerijn".into());
    let a = advies(&v);
    assert_eq!(sit(&a), Some("joa"));
    assert!(!a.beschikking_nodig);
    assert_eq!(a.school, Some("Tamboerijn"));
    assert!(a.opties.is_empty());
    let r = a.reikwijdte.as_ref().expect("reikwijdte");
    assert_eq!(r.get("jggz"), Some(Dekking::NietMogelijk));
    assert_eq!(r.get("groepsbegeleiding_schooltijd"), Some(Dekking::Joa));
    assert_eq!(r.get("individuele_begeleiding_school"), Some(Dekking::Joa));
    assert_eq!(r.get("persoonlijke_verzorging_school"), Some(Dekking::Joa));
    assert_eq!(r.get("begeleiding_thuis_na_schooltijd"), Some(Dekking::V));
    assert_eq!(r.get("diagnostiek"), None);
    assert!(a.bronnen.contains(&"almere.joa.tamboerijn_jggz"));
    assert!(toelichting_bevat(&a, "zonder beschikking"));

    v.school = Some("Triangel".into());
    assert_eq!(
        advies(&v).reikwijdte.expect("reikwijdte").get("jggz"),
        Some(Dekking::V)
    );
    v.school = Some("Kwekerij".into());
    assert_eq!(advies(&v).reikwijdte.expect("reikwijdte").get("jggz"), None);
}

#[test]
fn joa_vanaf_13_of_zonder_tlv_geen_rij() {
    let mut v = vraag("joa", 13, "2026-11-23");
    v.tlv = true;
    v.school = Some("Triangel".into());
    let a = advies(&v);
    assert_eq!(sit(&a), None);
    assert!(toelichting_bevat(&a, "van 4 tot 13 jaar"));
    let mut v = vraag("joa", 12, "2026-11-23");
    v.school = Some("Triangel".into());
    let a = advies(&v);
    assert_eq!(sit(&a), None);
    assert!(toelichting_bevat(&a, "TLV"));
}

// Row "Kind ouder dan 4 jaar en tot 18 jaar | Gaat naar OJA" with the schema
// reikwijdte OJA's; seed 000: no beschikking, the hoofdaanbieder has regie.
#[test]
fn rij_oja() {
    let mut v = vraag("oja", 15, "2026-11-23");
    v.school = Some("OPDC".into());
    let a = advies(&v);
    assert_eq!(sit(&a), Some("oja"));
    assert!(!a.beschikking_nodig);
    assert_eq!(a.regie, Some("hoofdaanbieder"));
    let r = a.reikwijdte.as_ref().expect("reikwijdte");
    assert_eq!(r.len(), 13);
    assert_eq!(r.get("groepsbegeleiding_schooltijd"), Some(Dekking::Oja));
    assert_eq!(r.get("begeleiding_ouders_systeem"), Some(Dekking::V));
    v.peildatum = d("2026-11-23");
    let mut v18 = vraag("oja", 18, "2026-11-23");
    v18.school = Some("PrO".into());
    let a = advies(&v18);
    assert_eq!(sit(&a), None);
    assert!(toelichting_bevat(&a, "van 4 tot 18 jaar"));
}

// The whole schema reikwijdte OJA's, cell by cell, as in the source.
#[test]
fn reikwijdte_oja_matrix() {
    use Dekking::{Oja as O, V};
    let tabel = [
        ("begeleiding_ouders_systeem", [V, V, V, O]),
        ("jggz", [V, V, V, V]),
        ("niet_naar_oja_school", [V, V, V, V]),
        ("diagnostiek", [V, V, V, O]),
        ("kortdurend_verblijf", [V, V, V, O]),
        ("deeltijdpleegzorg", [V, V, V, V]),
        ("groepsbegeleiding_schooltijd", [O, O, O, O]),
        ("individuele_begeleiding_school", [O, O, O, O]),
        ("individuele_behandeling_lvb", [V, V, V, O]),
        ("pgb", [V, V, V, V]),
        ("verblijf", [V, V, V, V]),
        ("begeleiding_thuis_na_schooltijd", [V, V, V, O]),
        ("persoonlijke_verzorging_school", [O, O, O, O]),
    ];
    for (kolom, school) in ["Watertuin", "Bombardon", "OPDC", "PrO"].iter().enumerate() {
        let mut v = vraag("oja", 10, "2026-11-23");
        v.school = Some(school.to_string());
        let a = advies(&v);
        let r = a.reikwijdte.expect("reikwijdte");
        let sleutels: Vec<&str> = r.diensten().map(|(k, _)| k).collect();
        assert_eq!(
            sleutels,
            tabel.map(|(k, _)| k),
            "{school}: the 13 services in source order"
        );
        for (dienst, waarden) in &tabel {
            assert_eq!(r.get(dienst), Some(waarden[kolom]), "{school} / {dienst}");
        }
    }
}

// Row "Kind ouder dan 4 jaar en tot 13 jaar | Gaat naar Kolibrie": 12 uur BIB
// per week, max 24 maanden, "gemiddeld ongeveer 16 uur in schoolweken";
// yearly CvB review; footnote ****.
#[test]
fn rij_kolibrie() {
    let mut v = vraag("kolibrie", 9, "2026-11-23");
    v.tlv = true;
    let a = advies(&v);
    assert_eq!(sit(&a), Some("kolibrie"));
    assert!(a.beschikking_nodig);
    let o = optie(&a, "almere.rij.kolibrie.optie.1");
    assert_eq!(
        inzet(o),
        [("begeleiding_individueel_basis", None, 12, "uur", "week")]
    );
    assert_eq!(
        (o.ingangsdatum, o.einddatum),
        (d("2026-11-23"), Some(d("2028-11-22")))
    );
    let cvb: Vec<_> = a
        .verplichtingen
        .iter()
        .map(|v| (v.id, v.uiterlijk))
        .collect();
    assert_eq!(
        cvb,
        [
            ("almere.rij.kolibrie.cvb", d("2027-11-22")),
            ("almere.rij.kolibrie.cvb", d("2028-11-22"))
        ]
    );
    assert!(a.bronnen.contains(&"almere.voetnoot.4"));
    assert!(toelichting_bevat(&a, "aparte beschikking"));
    // Kolibrie (Soest) follows regio midden, whose calendar now runs to
    // 2030: 2026-11-23 .. 2028-11-22 is 731 days (104.43 weeks, 1253.14 h)
    // and 521 weekdays minus midden's 108 holiday weekdays in it.
    let b = o.budget.as_ref().expect("budget over the whole 24 months");
    assert_eq!((b.van, b.tot), (d("2026-11-23"), d("2028-11-22")));
    assert!(b.volledig);
    assert_eq!(b.vakantieregio, schakel_rules::Vakantieregio::Midden);
    assert_eq!(b.schooldagen, 413);
    assert_eq!(
        b.uren_per_schoolweek.map(|u| u.to_string()).as_deref(),
        Some("15.17")
    );
}

/// Kolibrie's hour budget on 4 December 2026 (the day issue 14 asked for
/// it), worked out by hand from data/kalender: 2026-12-04 .. 2028-12-03 is
/// 731 days = 104.43 calendar weeks, so 12 × 731 / 7 = 1253.14 hours.
/// It has 521 weekdays (104 weeks and Friday 1 December 2028); regio
/// midden's holidays take 110 of them: kerst 2026 10, voorjaar 2027 5,
/// mei 2027 5, zomer 2027 30, herfst 2027 5, kerst 2027 10, voorjaar 2028 5,
/// mei 2028 5, zomer 2028 30, herfst 2028 5. 411 school days = 82.2 school
/// weeks, and 1253.14 / 82.2 = 15.25 hours per school week.
#[test]
fn kolibrie_budget_op_4_december_2026() {
    let mut v = vraag("kolibrie", 9, "2026-12-04");
    v.tlv = true;
    let a = advies(&v);
    let b = a.opties[0].budget.as_ref().expect("a budget today");
    assert_eq!((b.van, b.tot), (d("2026-12-04"), d("2028-12-03")));
    assert_eq!(b.kalenderweken, 104.43);
    assert_eq!(b.schooldagen, 411);
    assert_eq!(b.schoolweken, 82.2);
    assert_eq!(b.totaal_uren.to_string(), "1253.14");
    assert_eq!(
        b.uren_per_schoolweek.map(|u| u.to_string()).as_deref(),
        Some("15.25")
    );
    assert!(b.volledig);
    assert_eq!(b.vakantieregio, schakel_rules::Vakantieregio::Midden);
}

/// A full school year at the end of the published calendar: 2029-2030 in
/// regio noord. 365 days (52.14 weeks, 3 × 365 / 7 = 156.43 h); 261
/// weekdays minus zomer 2029's tail 23, herfst 5, kerst 10, voorjaar 5,
/// mei 5 and zomer 2030's head 8: 205 school days, 41 weeks, 3.82 h.
#[test]
fn volledig_schooljaar_2029_2030() {
    let a = advies(&vraag("volledig_onderwijs", 10, "2029-08-01"));
    let b = a.opties[0].budget.as_ref().expect("budget");
    assert_eq!((b.van, b.tot), (d("2029-08-01"), d("2030-07-31")));
    assert_eq!(b.kalenderweken, 52.14);
    assert_eq!(b.schooldagen, 205);
    assert_eq!(b.schoolweken, 41.0);
    assert_eq!(b.totaal_uren.to_string(), "156.43");
    assert_eq!(
        b.uren_per_schoolweek.map(|u| u.to_string()).as_deref(),
        Some("3.82")
    );
    assert!(b.volledig);
}

#[test]
fn kolibrie_ongeveer_16_uur_per_schoolweek() {
    let mut v = vraag("kolibrie", 9, "2025-08-01");
    v.tlv = true;
    let a = advies(&v);
    let b = a.opties[0]
        .budget
        .as_ref()
        .expect("budget over the covered school year");
    // The 24 months are two whole school years of regio midden: 730 days,
    // 410 school days (205 in each year).
    assert_eq!((b.van, b.tot), (d("2025-08-01"), d("2027-07-31")));
    assert!(b.volledig);
    assert_eq!(b.schooldagen, 410);
    assert_eq!(b.schoolweken, 82.0);
    assert_eq!(b.totaal_uren.to_string(), "1251.43");
    assert_eq!(
        b.uren_per_schoolweek.map(|u| u.to_string()).as_deref(),
        Some("15.26")
    );
    assert!(
        (15.0..=16.0).contains(&b.uren_per_schoolweek.expect("per week").als_getal()),
        "'ongeveer 16 uur'"
    );
}

#[test]
fn kolibrie_vanaf_13_of_zonder_tlv_geen_rij() {
    let mut v = vraag("kolibrie", 13, "2026-11-23");
    v.tlv = true;
    assert_eq!(sit(&advies(&v)), None);
    let v = vraag("kolibrie", 9, "2026-11-23");
    let a = advies(&v);
    assert_eq!(sit(&a), None);
    assert!(toelichting_bevat(&a, "TLV"));
}

mod toets {
    use super::*;
    use schakel_rules::ijw::{Eenheid, Per};
    use schakel_rules::{ToetsVraag, Verwijzing};

    fn toets(
        situatie: schakel_rules::AdviesVraag,
        product: &str,
        volume: f64,
        eenheid: Eenheid,
        per: Per,
        van: &str,
        tot: &str,
    ) -> (bool, Vec<(String, String)>) {
        let vraag = ToetsVraag {
            situatie,
            verwijzing: Verwijzing {
                product: product.into(),
                volume: schakel_rules::Hoeveelheid::uit_getal(volume).expect("twee decimalen"),
                eenheid,
                per,
                ingangsdatum: d(van),
                einddatum: d(tot),
                dienst: None,
            },
            interventie_afspraak: None,
        };
        let t = regels().toets(&vraag).expect("valid input");
        (
            t.binnen_normen,
            t.bevindingen
                .iter()
                .map(|b| (b.regel.to_string(), b.melding.clone()))
                .collect(),
        )
    }

    #[test]
    fn drie_uur_per_week_past_vier_niet() {
        let v = || vraag("volledig_onderwijs", 10, "2026-11-23");
        let (ok, b) = toets(
            v(),
            "begeleiding_individueel_basis",
            3.0,
            Eenheid::Uur,
            Per::Week,
            "2026-11-23",
            "2027-07-31",
        );
        assert!(ok && b.is_empty(), "{b:?}");
        let (ok, b) = toets(
            v(),
            "begeleiding_individueel_basis",
            4.0,
            Eenheid::Uur,
            Per::Week,
            "2026-11-23",
            "2027-07-31",
        );
        assert!(!ok);
        assert_eq!(b[0].0, "almere.rij.volledig_onderwijs.optie.1");
        assert!(
            b[0].1.contains("meer dan het maximum van 3 uur per week"),
            "{b:?}"
        );
        let (ok, b) = toets(
            v(),
            "begeleiding_individueel_basis",
            3.0,
            Eenheid::Uur,
            Per::Week,
            "2026-11-23",
            "2027-08-31",
        );
        assert!(
            !ok && b[0]
                .1
                .starts_with("einddatum: 2027-08-31 ligt na 2027-07-31"),
            "{b:?}"
        );
    }

    #[test]
    fn totaal_uren_tegen_het_budget() {
        let v = || vraag("volledig_onderwijs", 10, "2026-08-01");
        // 3 h/week over 52.14 calendar weeks = 156.43 hours.
        let (ok, _) = toets(
            v(),
            "begeleiding_individueel_basis",
            156.0,
            Eenheid::Uur,
            Per::Totaal,
            "2026-08-01",
            "2027-07-31",
        );
        assert!(ok);
        let (ok, b) = toets(
            v(),
            "begeleiding_individueel_basis",
            157.0,
            Eenheid::Uur,
            Per::Totaal,
            "2026-08-01",
            "2027-07-31",
        );
        assert!(
            !ok && b[0]
                .1
                .contains("157 uur in totaal is meer dan het maximum van 156.43 uur in totaal"),
            "{b:?}"
        );
    }

    #[test]
    fn groepsbegeleiding_in_dagdelen_tussen_min_en_max() {
        let v = || vraag("dreigende_thuiszitter", 9, "2026-11-23");
        let (ok, _) = toets(
            v(),
            "begeleiding_groep_specialistisch",
            6.0,
            Eenheid::Dagdeel,
            Per::Week,
            "2026-11-23",
            "2027-05-22",
        );
        assert!(ok);
        let (ok, b) = toets(
            v(),
            "begeleiding_groep_specialistisch",
            4.0,
            Eenheid::Dagdeel,
            Per::Week,
            "2026-11-23",
            "2027-05-22",
        );
        assert!(
            !ok && b[0].1.contains("minder dan het minimum van 6 dagdelen"),
            "{b:?}"
        );
        let (ok, b) = toets(
            v(),
            "begeleiding_groep_specialistisch",
            6.0,
            Eenheid::Uur,
            Per::Week,
            "2026-11-23",
            "2027-05-22",
        );
        assert!(!ok && b[0].1.starts_with("eenheid:"), "{b:?}");
        let mut deels = v();
        deels.schooldagdelen = 4;
        let (ok, _) = toets(
            deels,
            "begeleiding_groep_specialistisch",
            4.0,
            Eenheid::Dagdeel,
            Per::Week,
            "2026-11-23",
            "2027-05-22",
        );
        assert!(ok, "naar rato: 2 to 5 dagdelen");
    }

    #[test]
    fn product_buiten_de_situatie_en_oja() {
        let (ok, b) = toets(
            vraag("volledig_onderwijs", 10, "2026-11-23"),
            "behandeling_individueel_basis",
            1.0,
            Eenheid::Uur,
            Per::Week,
            "2026-11-23",
            "2027-01-31",
        );
        assert!(
            !ok && b[0].0 == "almere.rij.volledig_onderwijs"
                && b[0].1.contains("komt in geen optie"),
            "{b:?}"
        );
        let mut oja = vraag("oja", 10, "2026-11-23");
        oja.school = Some("Watertuin".into());
        let (ok, b) = toets(
            oja,
            "begeleiding_individueel_basis",
            1.0,
            Eenheid::Uur,
            Per::Week,
            "2026-11-23",
            "2027-01-31",
        );
        assert!(!ok && b[0].1.contains("zonder beschikking"), "{b:?}");
        let (ok, b) = toets(
            vraag("nog_niet_ingeschreven", 4, "2026-11-23"),
            "begeleiding_individueel_specialistisch",
            8.0,
            Eenheid::Uur,
            Per::Week,
            "2026-11-23",
            "2027-01-31",
        );
        assert!(
            ok && b[0].1.starts_with("Alleen de termijn is getoetst"),
            "{b:?}"
        );
    }
}
