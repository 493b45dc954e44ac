//! Several regions in one installation (issue 17.2–3): the registry loads
//! every `data/regio/*/regio.toml`, and the gemeente of residence picks the
//! region and its rules — or, for a region without a normenkader, no rules
//! at all, never another region's.

mod common;

use std::path::{Path, PathBuf};

use common::{d, data_map};
use schakel_rules::{Regioroute, Regios, Vakantieregio};
use serde_json::{Value, json};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn kopieer(van: &Path, naar: &Path) {
    std::fs::create_dir_all(naar).expect("mkdir");
    for e in std::fs::read_dir(van).expect("read_dir") {
        let e = e.expect("entry");
        if e.path().is_dir() {
            kopieer(&e.path(), &naar.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), naar.join(e.file_name())).expect("copy");
        }
    }
}

/// A data directory with the shipped calendar and regions plus the
/// fictitious Lindeloo (its own rules, gemeente GM9901).
fn drie_regios() -> tempfile::TempDir {
    let map = tempfile::tempdir().expect("tempdir");
    kopieer(&data_map().join("kalender"), &map.path().join("kalender"));
    kopieer(&data_map().join("regio"), &map.path().join("regio"));
    kopieer(
        &fixture().join("regio/lindeloo"),
        &map.path().join("regio/lindeloo"),
    );
    map
}

fn advies(geboren: &str, situatie: &str) -> Value {
    json!({"geboortedatum": geboren, "peildatum": "2026-11-23", "onderwijssituatie": situatie})
}

fn met_gemeente(mut v: Value, gemeente: &str) -> Value {
    v["gemeente"] = gemeente.into();
    v
}

#[test]
fn geleverde_regios_laden() {
    let regios = Regios::laad(&data_map(), Some("almere")).expect("shipped regions load");
    let almere = regios.voor_gemeente("GM0034").expect("Almere");
    assert_eq!(
        (almere.code.as_str(), almere.route, almere.regels.is_some()),
        ("almere", Regioroute::Oja, true)
    );
    assert_eq!(almere.gemeenten[0].kalenderregio, Vakantieregio::Noord);
    let zeewolde = regios.voor_gemeente("0050").expect("Zeewolde");
    assert_eq!(
        (
            zeewolde.code.as_str(),
            zeewolde.route,
            zeewolde.regels.is_some()
        ),
        ("zeewolde", Regioroute::Regulier, false)
    );
    assert_eq!(zeewolde.gemeenten[0].kalenderregio, Vakantieregio::Midden);
    assert!(regios.voor_gemeente("GM9999").is_none());
    assert_eq!(regios.standaard().expect("default").code, "almere");
    let vingers = regios.vingerafdrukken();
    assert!(vingers.contains(&("zeewolde", None)), "{vingers:?}");
    assert!(
        vingers
            .iter()
            .any(|(r, v)| *r == "almere" && v.is_some_and(|v| v.len() == 64)),
        "{vingers:?}"
    );
}

#[test]
fn almere_antwoordt_met_en_zonder_gemeente_gelijk() {
    let regios = Regios::laad(&data_map(), Some("almere")).expect("load");
    let vraag = advies("2015-03-01", "volledig_onderwijs");
    let zonder = regios.advies_json(&vraag, d("2026-11-23")).expect("advies");
    let met = regios
        .advies_json(&met_gemeente(vraag, "GM0034"), d("2026-11-23"))
        .expect("advies");
    assert_eq!(zonder, met);
    assert_eq!(met["situatie"], "volledig_onderwijs");
    assert_eq!(met["normenkader"]["regio"], "almere");
}

#[test]
fn gemeente_zonder_normenkader_geeft_geen_regels_van_een_ander() {
    let regios = Regios::laad(&data_map(), Some("almere")).expect("load");
    let a = regios
        .advies_json(
            &met_gemeente(advies("2015-03-01", "volledig_onderwijs"), "GM0050"),
            d("2026-11-23"),
        )
        .expect("advies");
    assert_eq!(
        a,
        json!({
            "situatie": null,
            "gemeente": "GM0050",
            "regio": "zeewolde",
            "route": "regulier",
            "toelichting": "Zeewolde hoort bij regio Zeewolde, die geen normenkader in Schakel heeft. Er gelden geen regels van een andere regio. Voor een jeugdige die in Zeewolde woont geldt de reguliere route: een gemandateerde verwijzer (huisarts, jeugdarts of wijkteam) verwijst, en de gemeente Zeewolde beslist met een beschikking."
        })
    );
    let toets = json!({
        "gemeente": "GM0050",
        "situatie": advies("2015-03-01", "volledig_onderwijs"),
        "verwijzing": {"product": "begeleiding_individueel_basis", "volume": 2, "eenheid": "uur",
                       "per": "week", "ingangsdatum": "2026-11-23", "einddatum": "2027-02-22"}
    });
    let t = regios.toets_json(&toets, d("2026-11-23")).expect("toets");
    assert_eq!(t["situatie"], Value::Null);
    assert_eq!(t["regio"], "zeewolde");
    assert!(t.get("binnen_normen").is_none(), "{t}");
}

#[test]
fn onbekende_of_verkeerde_gemeente_is_invoerfout() {
    let regios = Regios::laad(&data_map(), Some("almere")).expect("load");
    let fout = regios
        .advies_json(
            &met_gemeente(advies("2015-03-01", "volledig_onderwijs"), "GM9999"),
            d("2026-11-23"),
        )
        .expect_err("unknown gemeente");
    assert_eq!(fout.veld, "gemeente");
    assert!(
        fout.melding
            .starts_with("gemeente GM9999 hoort bij geen regio van deze installatie; toegestaan: "),
        "{}",
        fout.melding
    );
    assert!(fout.melding.contains("GM0034 (Almere)"), "{}", fout.melding);
    assert!(
        fout.melding.contains("GM0050 (Zeewolde)"),
        "{}",
        fout.melding
    );
    let fout = regios
        .advies_json(
            &met_gemeente(advies("2015-03-01", "volledig_onderwijs"), "Almere"),
            d("2026-11-23"),
        )
        .expect_err("no code");
    assert_eq!(fout.veld, "gemeente");
    let mut v = advies("2015-03-01", "volledig_onderwijs");
    v["gemeente"] = json!(34);
    let fout = regios.advies_json(&v, d("2026-11-23")).expect_err("number");
    assert_eq!(
        (fout.veld.as_str(), fout.melding.as_str()),
        ("gemeente", "verwacht een CBS-gemeentecode zoals GM0034")
    );
}

/// Two regions with different rules in one registry: each gemeente gets
/// its own region's situations; Almere's situation is no input in
/// Lindeloo and Lindeloo's none in Almere.
#[test]
fn twee_regios_met_eigen_regels() {
    let map = drie_regios();
    let regios = Regios::laad(map.path(), Some("almere")).expect("three regions load");
    let lindeloo = regios
        .advies_json(
            &met_gemeente(advies("2016-05-12", "hele_week_school"), "GM9901"),
            d("2026-11-23"),
        )
        .expect("Lindeloo's advice");
    assert_eq!(lindeloo["situatie"], "hele_week_school");
    assert_eq!(lindeloo["normenkader"]["regio"], "lindeloo");
    assert_eq!(lindeloo["opties"][0]["einddatum"], "2026-12-31");
    let fout = regios
        .advies_json(
            &met_gemeente(advies("2016-05-12", "kolibrie"), "GM9901"),
            d("2026-11-23"),
        )
        .expect_err("Almere's situation in Lindeloo");
    assert_eq!(fout.veld, "onderwijssituatie");
    assert!(
        fout.melding.contains("hele_week_school"),
        "{}",
        fout.melding
    );
    let fout = regios
        .advies_json(
            &met_gemeente(advies("2016-05-12", "hele_week_school"), "GM0034"),
            d("2026-11-23"),
        )
        .expect_err("Lindeloo's situation in Almere");
    assert_eq!(fout.veld, "onderwijssituatie");
    let almere = regios
        .advies_json(
            &met_gemeente(advies("2015-03-01", "volledig_onderwijs"), "GM0034"),
            d("2026-11-23"),
        )
        .expect("Almere's advice");
    assert_eq!(almere["normenkader"]["regio"], "almere");
    // Lindeloo may be the default region too.
    let regios = Regios::laad(map.path(), Some("lindeloo")).expect("load");
    assert_eq!(
        regios.standaard_regels().expect("rules").kaders()[0].regio,
        "lindeloo"
    );
    // A region without rules cannot be the default.
    let fout = Regios::laad(map.path(), Some("zeewolde")).expect_err("no rules");
    assert!(
        fout.melding.contains("regio 'zeewolde' bestaat niet of heeft geen normenkader; regio's met een normenkader: almere, lindeloo"),
        "{}",
        fout.melding
    );
}

fn schrijf(map: &Path, regio: &str, tekst: &str) {
    std::fs::create_dir_all(map.join("regio").join(regio)).expect("mkdir");
    std::fs::write(map.join("regio").join(regio).join("regio.toml"), tekst).expect("write");
}

#[test]
fn laadfouten_noemen_bestand_en_regel() {
    let fout_bij = |regio: &str, tekst: &str| {
        let map = drie_regios();
        schrijf(map.path(), regio, tekst);
        Regios::laad(map.path(), Some("almere")).expect_err("refused")
    };
    let f = fout_bij(
        "flevo",
        "code = \"flevo\"\nnaam = \"Flevo\"\nroute = \"regulier\"\n[[gemeente]]\ncode = \"GM0034\"\nnaam = \"Almere\"\nkalenderregio = \"noord\"\n",
    );
    assert!(
        f.melding
            .contains("gemeente GM0034 hoort bij twee regio's (almere en flevo)"),
        "{f}"
    );
    let f = fout_bij(
        "flevo",
        "code = \"lelystad\"\nnaam = \"Flevo\"\nroute = \"regulier\"\n[[gemeente]]\ncode = \"GM0995\"\nnaam = \"Lelystad\"\nkalenderregio = \"noord\"\n",
    );
    assert_eq!(f.regel, Some(1));
    assert!(f.bestand.ends_with("regio/flevo/regio.toml"), "{f}");
    assert_eq!(
        f.melding,
        "code 'lelystad' moet gelijk zijn aan de mapnaam 'flevo'"
    );
    let f = fout_bij(
        "flevo",
        "code = \"flevo\"\nnaam = \"Flevo\"\nroute = \"regulier\"\n[[gemeente]]\ncode = \"GM0995\"\nnaam = \"Lelystad\"\nkalenderregio = \"oost\"\n",
    );
    assert_eq!(
        (f.regel, f.melding.as_str()),
        (Some(7), "toegestaan: noord | midden | zuid")
    );
    let f = fout_bij(
        "flevo",
        "code = \"flevo\"\nnaam = \"Flevo\"\nroute = \"regulier\"\n[[gemeente]]\ncode = \"0995\"\nnaam = \"Lelystad\"\nkalenderregio = \"noord\"\n",
    );
    assert_eq!(f.regel, Some(5));
    let f = fout_bij(
        "flevo",
        "code = \"flevo\"\nnaam = \"Flevo\"\nroute = \"snelweg\"\n[[gemeente]]\ncode = \"GM0995\"\nnaam = \"Lelystad\"\nkalenderregio = \"noord\"\n",
    );
    assert_eq!(f.regel, Some(3), "{f}");
    let map = drie_regios();
    std::fs::create_dir_all(map.path().join("regio/leeg")).expect("mkdir");
    let f = Regios::laad(map.path(), Some("almere")).expect_err("no regio.toml");
    assert!(f.bestand.ends_with("regio/leeg/regio.toml"), "{f}");
}
