//! A second, different rule set (the fictitious gemeente Lindeloo in
//! `tests/fixtures/regio/lindeloo/`) loads through the same
//! `Regelset::laad` as Almere's and answers with no code of its own: other
//! situations (one split by dagdelen at school), other products, a
//! kalenderjaar period, another holiday region, its own OJA school.

mod common;

use std::path::{Path, PathBuf};

use common::{d, data_map};
use schakel_rules::advies::Advies;
use schakel_rules::normenkader::Dekking;
use schakel_rules::{AdviesVraag, Hoeveelheid, Regelset, ToetsVraag};
use serde_json::json;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A data directory as a region's installation has it: the shipped school
/// calendar and the fixture's rules.
fn lindeloo() -> (tempfile::TempDir, Regelset) {
    let map = tempfile::tempdir().expect("tempdir");
    kopieer(
        &data_map().join("kalender/schoolvakanties"),
        &map.path().join("kalender/schoolvakanties"),
    );
    kopieer(
        &fixture().join("regio/lindeloo/normenkader"),
        &map.path().join("regio/lindeloo/normenkader"),
    );
    let regels = Regelset::laad(map.path(), "lindeloo").expect("the fixture loads");
    (map, regels)
}

fn kopieer(van: &Path, naar: &Path) {
    std::fs::create_dir_all(naar).expect("mkdir");
    for e in std::fs::read_dir(van).expect("read_dir") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), naar.join(e.file_name())).expect("copy");
    }
}

fn vraag(regels: &Regelset, invoer: serde_json::Value) -> AdviesVraag {
    AdviesVraag::uit_json(&invoer, d("2026-11-23"), regels.situaties()).expect("valid input")
}

fn sleutel<'a>(a: &'a Advies<'_>) -> Option<&'a str> {
    a.situatie.map(|s| s.naam())
}

#[test]
fn eigen_situaties_producten_en_labels() {
    let (_map, regels) = lindeloo();
    let s = regels.situaties();
    assert_eq!(
        s.toegestaan(),
        "hele_week_school | deel_van_de_week | zorgklas | geen_school"
    );
    assert_eq!(
        s.label("deel_van_de_week"),
        Some("Gaat een deel van de week naar school")
    );
    assert_eq!(s.parse("kolibrie"), None);
    let kader = &regels.kaders()[0];
    let producten: Vec<&str> = kader.producten.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        producten,
        [
            "ambulante_begeleiding",
            "dagbesteding_jeugd",
            "intensieve_begeleiding"
        ]
    );
    // Almere's situation is no input here: refused by field, with this
    // region's keys.
    let fout = AdviesVraag::uit_json(
        &json!({"geboortedatum": "2016-08-01", "onderwijssituatie": "kolibrie"}),
        d("2026-11-23"),
        s,
    )
    .expect_err("unknown here");
    assert_eq!(fout.veld, "onderwijssituatie");
    assert_eq!(
        fout.melding,
        "onbekende waarde 'kolibrie'; toegestaan: hele_week_school | deel_van_de_week | zorgklas | geen_school"
    );
}

/// Kalenderjaar: from the peildatum to 31 December, its hours saved up
/// into the school weeks of regio zuid (kerstvakantie from 19 December).
#[test]
fn hele_week_school_tot_het_einde_van_het_kalenderjaar() {
    let (_map, regels) = lindeloo();
    let a = regels
        .advies(&vraag(
            &regels,
            json!({"geboortedatum": "2016-08-01", "onderwijssituatie": "hele_week_school"}),
        ))
        .expect("advice");
    assert_eq!(sleutel(&a), Some("hele_week_school"));
    assert!(a.beschikking_nodig);
    assert_eq!(a.opties.len(), 1);
    let o = &a.opties[0];
    assert_eq!(
        (o.ingangsdatum, o.einddatum),
        (d("2026-11-23"), Some(d("2026-12-31")))
    );
    assert_eq!(o.inzet[0].product, "ambulante_begeleiding");
    let b = o.budget.as_ref().expect("saved-up hours get a budget");
    // 39 days = 5.57 calendar weeks x 2 h = 11.14 h; school days: the 20
    // weekdays from 23 November to 18 December (zuid's kerst starts on
    // the 19th) = 4 school weeks, so 2.79 h per school week (under the
    // ceiling of 3).
    assert_eq!(b.schooldagen, 20);
    assert_eq!(
        b.totaal_uren,
        Hoeveelheid::uit_getal(11.14).expect("amount")
    );
    assert_eq!(
        b.uren_per_schoolweek,
        Some(Hoeveelheid::uit_getal(2.79).expect("amount"))
    );
    assert_eq!(
        a.bronnen,
        [
            "lindeloo.rij.hele_week_school",
            "lindeloo.interpretatie.leeftijd",
            "lindeloo.rij.hele_week_school.optie.1",
            "lindeloo.interpretatie.periode",
            "lindeloo.interpretatie.budget",
        ]
    );
    assert_eq!(a.normenkader.regio, "lindeloo");
}

/// One situation, two rows: the dagdelen at school choose.
#[test]
fn deel_van_de_week_kiest_de_rij_op_de_dagdelen() {
    let (_map, regels) = lindeloo();
    let advies = |dagdelen: u8| {
        let v = vraag(
            &regels,
            json!({"geboortedatum": "2016-08-01", "onderwijssituatie": "deel_van_de_week",
                   "schooldagdelen": dagdelen}),
        );
        let a = regels.advies(&v).expect("advice");
        let rij = a.bronnen[0].to_string();
        let opties: Vec<_> = a
            .opties
            .iter()
            .map(|o| {
                let i = &o.inzet[0];
                (o.einddatum, i.product.to_string(), i.min, i.max)
            })
            .collect();
        (rij, a.regie.map(String::from), opties)
    };
    assert_eq!(
        advies(2),
        (
            "lindeloo.rij.deel_van_de_week.weinig".into(),
            Some("jeugdhulp".into()),
            // Naar rato: 4..8 minus the 2 dagdelen at school; 3 months.
            vec![(
                Some(d("2027-02-22")),
                "dagbesteding_jeugd".into(),
                Some(2),
                6
            )]
        )
    );
    assert_eq!(
        advies(5),
        (
            "lindeloo.rij.deel_van_de_week.veel".into(),
            None,
            // 12 weeks: 23 November + 84 days - 1.
            vec![(
                Some(d("2027-02-14")),
                "ambulante_begeleiding".into(),
                None,
                4
            )]
        )
    );
}

#[test]
fn zorgklas_met_reikwijdte_van_de_eigen_school() {
    let (_map, regels) = lindeloo();
    let situatie = json!({"geboortedatum": "2016-08-01", "onderwijssituatie": "zorgklas",
                          "school": "de linde", "tlv": true});
    let a = regels
        .advies(&vraag(&regels, situatie.clone()))
        .expect("advice");
    assert_eq!(sleutel(&a), Some("zorgklas"));
    assert!(!a.beschikking_nodig);
    assert_eq!(a.regie, Some("school"));
    let r = a.reikwijdte.as_ref().expect("reikwijdte");
    assert_eq!(
        r.diensten().collect::<Vec<_>>(),
        [
            ("begeleiding_in_de_klas", Dekking::Oja),
            ("begeleiding_thuis", Dekking::V)
        ]
    );
    let toets = |dienst: &str| {
        let v = ToetsVraag::uit_json(
            &json!({"situatie": situatie, "verwijzing": {"product": "ambulante_begeleiding",
                    "volume": 2, "eenheid": "uur", "per": "week", "ingangsdatum": "2026-11-23",
                    "einddatum": "2027-02-01", "dienst": dienst}}),
            d("2026-11-23"),
            regels.situaties(),
        )
        .expect("valid");
        let t = regels.toets(&v).expect("toets");
        (t.binnen_normen, t.dekking)
    };
    assert_eq!(toets("begeleiding_thuis"), (true, Some(Dekking::V)));
    assert_eq!(toets("begeleiding_in_de_klas"), (false, Some(Dekking::Oja)));
    // Without a TLV the row does not apply, and the advice says why.
    let zonder = regels
        .advies(&vraag(
            &regels,
            json!({"geboortedatum": "2016-08-01", "onderwijssituatie": "zorgklas", "school": "De Linde"}),
        ))
        .expect("advice");
    assert_eq!(sleutel(&zonder), None);
    assert!(zonder.toelichting.iter().any(|t| t
        == "Geen rij van toepassing: zorgklas vereist een TLV (toelaatbaarheidsverklaring van het samenwerkingsverband); tlv is false."));
}

#[test]
fn geen_school_met_evaluatie_elke_twee_maanden_en_toets() {
    let (_map, regels) = lindeloo();
    let situatie = json!({"geboortedatum": "2016-08-01", "onderwijssituatie": "geen_school"});
    let a = regels
        .advies(&vraag(&regels, situatie.clone()))
        .expect("advice");
    let evaluaties: Vec<_> = a.verplichtingen.iter().map(|v| v.uiterlijk).collect();
    assert_eq!(evaluaties, [d("2027-01-22"), d("2027-03-22")]);
    assert_eq!(a.opties[0].einddatum, Some(d("2027-03-22")));
    assert!(
        a.toelichting
            .iter()
            .any(|t| t == "Overleg eerst met de leerplichtambtenaar.")
    );
    let toets = |volume: u32| {
        let v = ToetsVraag::uit_json(
            &json!({"situatie": situatie, "verwijzing": {"product": "intensieve_begeleiding",
                    "volume": volume, "eenheid": "uur", "per": "week", "ingangsdatum": "2026-11-23",
                    "einddatum": "2027-03-22"}}),
            d("2026-11-23"),
            regels.situaties(),
        )
        .expect("valid");
        regels.toets(&v).expect("toets").binnen_normen
    };
    assert!(toets(6));
    assert!(!toets(7));
    // Almere's product is unknown here.
    let v = ToetsVraag::uit_json(
        &json!({"situatie": situatie, "verwijzing": {"product": "begeleiding_individueel_basis",
                "volume": 1, "eenheid": "uur", "per": "week", "ingangsdatum": "2026-11-23",
                "einddatum": "2027-03-22"}}),
        d("2026-11-23"),
        regels.situaties(),
    )
    .expect("valid");
    let fout = regels.toets(&v).expect_err("unknown product");
    assert_eq!(fout.veld, "verwijzing.product");
}

/// The fixture's text with one replacement, loaded on its own; the error.
fn laadfout(van: &str, naar: &str) -> schakel_rules::LaadFout {
    let pad = fixture().join("regio/lindeloo/normenkader/2026-01-01.toml");
    let tekst = std::fs::read_to_string(&pad).expect("fixture");
    assert!(tekst.contains(van), "{van} not in the fixture");
    let kalender =
        schakel_rules::Schoolkalender::laad(&data_map().join("kalender/schoolvakanties"))
            .expect("calendar");
    schakel_rules::laad_tekst(&pad, &tekst.replacen(van, naar, 1), &kalender)
        .expect_err("must be refused")
}

#[test]
fn situaties_en_dagdelen_worden_bij_het_laden_gecontroleerd() {
    let f = laadfout("sleutel = \"geen_school\"", "sleutel = \"Geen school\"");
    assert!(
        f.melding
            .starts_with("sleutel 'Geen school': gebruik kleine letters, cijfers en _"),
        "{f}"
    );
    let f = laadfout("sleutel = \"geen_school\"", "sleutel = \"zorgklas\"");
    assert_eq!(f.melding, "situatie 'zorgklas' komt twee keer voor");
    let f = laadfout(
        "[[situatie]]\nsleutel = \"geen_school\"",
        "[[situatie]]\nsleutel = \"buitenland\"\nnaam = \"Woont tijdelijk in het buitenland\"\n\n[[situatie]]\nsleutel = \"geen_school\"",
    );
    assert_eq!(f.melding, "situatie 'buitenland' heeft geen [[rij]]");
    let f = laadfout(
        "schooldagdelen = { vanaf = 5 }",
        "schooldagdelen = { vanaf = 4 }",
    );
    assert!(
        f.melding.starts_with("rij lindeloo.rij.deel_van_de_week.weinig en rij lindeloo.rij.deel_van_de_week.veel gelden allebei voor situatie deel_van_de_week"),
        "{f}"
    );
    let f = laadfout(
        "schooldagdelen = { tot = 5 }",
        "schooldagdelen = { tot = 11 }",
    );
    assert_eq!(
        f.melding,
        "schooldagdelen: vanaf en tot liggen tussen 0 en 10 (een schoolweek heeft 9 dagdelen)"
    );
    let f = laadfout(
        "situatie = \"geen_school\"\nbron",
        "situatie = \"kolibrie\"\nbron",
    );
    assert_eq!(
        f.melding,
        "onbekende situatie 'kolibrie'; toegestaan: hele_week_school | deel_van_de_week | zorgklas | geen_school (de sleutels uit [[situatie]])"
    );
}

/// Without the row for 5 or more dagdelen, a child at school 6 dagdelen a
/// week gets no row, and the advice says which dagdelen the row is for.
#[test]
fn geen_rij_voor_deze_dagdelen_zegt_waarom() {
    let pad = fixture().join("regio/lindeloo/normenkader/2026-01-01.toml");
    let tekst = std::fs::read_to_string(&pad).expect("fixture");
    let begin = tekst
        .find("[[rij]]\nid = \"lindeloo.rij.deel_van_de_week.veel\"")
        .expect("row 2b");
    let eind = begin + tekst[begin..].find("# Row 4").expect("row 4");
    let zonder = format!("{}{}", &tekst[..begin], &tekst[eind..]);
    let kalender =
        schakel_rules::Schoolkalender::laad(&data_map().join("kalender/schoolvakanties"))
            .expect("calendar");
    let kader = schakel_rules::laad_tekst(&pad, &zonder, &kalender).expect("loads");
    let regels = Regelset::uit_kaders(kalender, vec![kader], pad).expect("rule set");
    let a = regels
        .advies(&vraag(
            &regels,
            json!({"geboortedatum": "2016-08-01", "onderwijssituatie": "deel_van_de_week",
                   "schooldagdelen": 6}),
        ))
        .expect("advice");
    assert_eq!(sleutel(&a), None);
    assert_eq!(a.bronnen, ["lindeloo.rij.deel_van_de_week.weinig"]);
    assert_eq!(
        a.toelichting,
        [
            "Geen rij van toepassing: deel_van_de_week geldt bij minder dan 5 dagdelen per week op school; het kind gaat 6 dagdelen per week naar school."
        ]
    );
}
