//! Integration tests of the `schakel` command line: exit codes, the one-line
//! error contract on stderr, and the JSON the commands print.
//!
//! Every run passes `--data` explicitly (the repository's `data/`, or a copy in
//! a temporary directory for the calendar import) and clears `SCHAKEL_DATA`,
//! so the tests do not depend on the working directory or the environment.
//! Every run also checks that stderr never carries panic text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn repo() -> PathBuf {
    let pad = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    pad.canonicalize().unwrap_or(pad)
}

fn repo_data() -> PathBuf {
    repo().join("data")
}

fn fixture(naam: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(naam)
}

/// `schakel --data <data>` with a clean environment.
fn schakel_met(data: &Path) -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("schakel");
    cmd.env_remove("SCHAKEL_DATA")
        .env_remove("SCHAKEL_REGIO")
        .arg("--data")
        .arg(data);
    cmd
}

/// The shipped data holds several regions: the commands are asked about
/// Almere's (`SCHAKEL_REGIO`, as an operator sets it), unless a test says
/// otherwise.
fn schakel() -> Command {
    let mut cmd = schakel_met(&repo_data());
    cmd.env("SCHAKEL_REGIO", "almere");
    cmd
}

struct Uit {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Uit {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is geen JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

/// Runs the command; no run may ever panic.
fn draai(cmd: &mut Command) -> Uit {
    let out = cmd.output().expect("schakel start");
    let uit = Uit {
        code: out
            .status
            .code()
            .expect("schakel eindigt met een exitcode, niet door een signaal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !uit.stderr.contains("panicked"),
        "schakel is in paniek geraakt:\n{}",
        uit.stderr
    );
    uit
}

/// `schakel [--data <data>] <args…>` with `invoer` on stdin.
fn draai_stdin_met(data: &Path, args: &[&str], invoer: &str) -> Uit {
    draai(schakel_met(data).args(args).write_stdin(invoer.to_string()))
}

fn draai_stdin(args: &[&str], invoer: &str) -> Uit {
    draai(schakel().args(args).write_stdin(invoer.to_string()))
}

fn draai_args(args: &[&str]) -> Uit {
    draai(schakel().args(args))
}

/// A successful run with JSON on stdout and nothing on stderr.
fn gelukt(uit: &Uit) -> Value {
    assert_eq!(
        uit.code, 0,
        "verwacht exitcode 0; stderr:\n{}\nstdout:\n{}",
        uit.stderr, uit.stdout
    );
    assert!(
        uit.stderr.is_empty(),
        "onverwacht op stderr:\n{}",
        uit.stderr
    );
    uit.json()
}

/// An input error: exit 2, nothing on stdout, exactly one line on stderr,
/// `fout: <veld>: <melding>`. Returns the melding.
fn invoerfout<'a>(uit: &'a Uit, veld: &str) -> &'a str {
    assert_eq!(
        uit.code, 2,
        "verwacht exitcode 2 (invoerfout); stderr:\n{}\nstdout:\n{}",
        uit.stderr, uit.stdout
    );
    assert!(
        uit.stdout.is_empty(),
        "bij een invoerfout hoort niets op stdout:\n{}",
        uit.stdout
    );
    let regels: Vec<&str> = uit.stderr.lines().collect();
    assert_eq!(
        regels.len(),
        1,
        "verwacht precies één regel op stderr, kreeg:\n{}",
        uit.stderr
    );
    let voorvoegsel = format!("fout: {veld}: ");
    let melding = regels[0]
        .strip_prefix(&voorvoegsel)
        .unwrap_or_else(|| panic!("de foutregel noemt veld '{veld}' niet:\n{}", uit.stderr));
    assert!(
        !melding.trim().is_empty(),
        "lege foutmelding: {}",
        uit.stderr
    );
    melding
}

fn vraag(geboortedatum: &str, peildatum: &str, situatie: &str) -> Value {
    json!({
        "geboortedatum": geboortedatum,
        "peildatum": peildatum,
        "onderwijssituatie": situatie,
    })
}

fn met(mut waarde: Value, veld: &str, nieuw: Value) -> Value {
    waarde
        .as_object_mut()
        .expect("een JSON-object")
        .insert(veld.to_string(), nieuw);
    waarde
}

fn zonder(mut waarde: Value, veld: &str) -> Value {
    waarde
        .as_object_mut()
        .expect("een JSON-object")
        .remove(veld);
    waarde
}

/// The reference child: born 2016-05-12, volledig onderwijs, peildatum 2026-08-01.
fn volledig() -> Value {
    vraag("2016-05-12", "2026-08-01", "volledig_onderwijs")
}

fn verwijzing(volume: f64, per: &str, ingangsdatum: &str, einddatum: &str) -> Value {
    json!({
        "product": "begeleiding_individueel_basis",
        "volume": volume,
        "eenheid": "uur",
        "per": per,
        "ingangsdatum": ingangsdatum,
        "einddatum": einddatum,
    })
}

fn toets_invoer(situatie: Value, verwijzing: Value) -> String {
    json!({ "situatie": situatie, "verwijzing": verwijzing }).to_string()
}

const ONDERWIJSSITUATIES: [&str; 9] = [
    "volledig_onderwijs",
    "nog_niet_ingeschreven",
    "onderwijsperspectief",
    "dreigende_thuiszitter",
    "ontheffing_leerplicht",
    "op_weg_naar_school",
    "joa",
    "oja",
    "kolibrie",
];

// ---------------------------------------------------------------------------
// 1. advies: FILE and stdin, and the budget of the reference child
// ---------------------------------------------------------------------------

#[test]
fn advies_bestand_en_stdin_geven_dezelfde_json() {
    let invoer = volledig().to_string();
    let map = tempfile::tempdir().expect("tempdir");
    let bestand = map.path().join("vraag.json");
    std::fs::write(&bestand, &invoer).expect("schrijf vraag.json");

    let uit_bestand = draai(
        schakel()
            .arg("advies")
            .arg(&bestand)
            .write_stdin("dit wordt niet gelezen"),
    );
    let uit_stdin = draai_stdin(&["advies", "-"], &invoer);

    let a = gelukt(&uit_bestand);
    let b = gelukt(&uit_stdin);
    assert_eq!(a, b);
    assert_eq!(
        uit_bestand.stdout, uit_stdin.stdout,
        "byte-for-byte dezelfde uitvoer"
    );
    assert_eq!(a["situatie"], "volledig_onderwijs");
}

#[test]
fn advies_volledig_onderwijs_budget_schooljaar_2026_2027() {
    let a = gelukt(&draai_stdin(&["advies", "-"], &volledig().to_string()));
    assert_eq!(a["situatie"], "volledig_onderwijs");
    assert_eq!(a["beschikking_nodig"], true);
    assert_eq!(a["leeftijd"], 10);
    assert_eq!(a["peildatum"], "2026-08-01");
    assert_eq!(a["normenkader"]["regio"], "almere");

    let opties = a["opties"].as_array().expect("opties");
    assert_eq!(opties.len(), 1, "{opties:#?}");
    let optie = &opties[0];
    assert_eq!(optie["id"], "almere.rij.volledig_onderwijs.optie.1");
    assert_eq!(optie["ingangsdatum"], "2026-08-01");
    assert_eq!(optie["einddatum"], "2027-07-31");
    assert_eq!(
        optie["inzet"],
        json!([{
            "product": "begeleiding_individueel_basis",
            "max": 3,
            "eenheid": "uur",
            "per": "week",
            "ijw": { "eenheid": "04", "frequentie": "2" },
        }])
    );
    // 2026-08-01 .. 2027-07-31: 365 days = 52.14 weeks; 260 weekdays minus 50
    // holiday weekdays in regio noord (zomer 2026 tail 10, herfst 5, kerst 10,
    // voorjaar 5, mei 5, zomer 2027 15) = 210 school days = 42 school weeks;
    // 3 × 365/7 = 156.43 hours; 156.43 / 42 = 3.72 per school week.
    assert_eq!(
        optie["budget"],
        json!({
            "van": "2026-08-01",
            "tot": "2027-07-31",
            "kalenderweken": 52.14,
            "schooldagen": 210,
            "schoolweken": 42.0,
            "totaal_uren": 156.43,
            "uren_per_schoolweek": 3.72,
            "volledig": true,
            "vakantieregio": "noord",
        })
    );
    let bronnen: Vec<&str> = a["bronnen"]
        .as_array()
        .expect("bronnen")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for id in [
        "almere.rij.volledig_onderwijs",
        "almere.rij.volledig_onderwijs.optie.1",
        "almere.interpretatie.schooljaar",
        "almere.interpretatie.budget",
    ] {
        assert!(
            bronnen.contains(&id),
            "{id} ontbreekt in bronnen {bronnen:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// 2. Bad input: exit 2, one line on stderr naming the field
// ---------------------------------------------------------------------------

/// One test per bad input: `naam: opdracht, invoer => veld, [what the message must contain]`.
macro_rules! invoerfout_test {
    ($naam:ident: $opdracht:literal, $invoer:expr => $veld:literal, [$($moet:expr),* $(,)?]) => {
        #[test]
        fn $naam() {
            let invoer: String = $invoer;
            let uit = draai_stdin(&[$opdracht, "-"], &invoer);
            let melding = invoerfout(&uit, $veld);
            $(
                assert!(
                    melding.contains($moet),
                    "melding mist {:?}: {melding}",
                    $moet
                );
            )*
        }
    };
}

invoerfout_test!(fout_json_kapot: "advies",
    r#"{"geboortedatum": "2016-05-12","#.to_string()
    => "invoer", ["geen geldige JSON (regel 1, kolom", "verwacht een JSON-object"]);

invoerfout_test!(fout_json_leeg: "advies",
    String::new()
    => "invoer", ["geen geldige JSON"]);

invoerfout_test!(fout_json_is_array: "advies",
    r#"["2016-05-12", "volledig_onderwijs"]"#.to_string()
    => "invoer", ["verwacht een JSON-object met velden geboortedatum, peildatum, onderwijssituatie, school, tlv, schooldagdelen"]);

invoerfout_test!(fout_json_is_tekst: "advies",
    r#""volledig_onderwijs""#.to_string()
    => "invoer", ["verwacht een JSON-object"]);

invoerfout_test!(fout_onbekend_veld_peildatun: "advies",
    met(zonder(volledig(), "peildatum"), "peildatun", json!("2026-08-01")).to_string()
    => "peildatun", ["onbekend veld", "toegestaan: geboortedatum, peildatum, onderwijssituatie, school, tlv, schooldagdelen"]);

invoerfout_test!(fout_geboortedatum_ontbreekt: "advies",
    zonder(volledig(), "geboortedatum").to_string()
    => "geboortedatum", ["verplicht veld ontbreekt", "JJJJ-MM-DD"]);

invoerfout_test!(fout_geboortedatum_null: "advies",
    met(volledig(), "geboortedatum", Value::Null).to_string()
    => "geboortedatum", ["verplicht veld ontbreekt"]);

invoerfout_test!(fout_onderwijssituatie_ontbreekt: "advies",
    zonder(volledig(), "onderwijssituatie").to_string()
    => "onderwijssituatie", ["verplicht veld ontbreekt", "volledig_onderwijs | nog_niet_ingeschreven"]);

#[test]
fn fout_onbekende_onderwijssituatie_noemt_alle_toegestane_waarden() {
    let invoer = met(volledig(), "onderwijssituatie", json!("thuiszitter")).to_string();
    let uit = draai_stdin(&["advies", "-"], &invoer);
    let melding = invoerfout(&uit, "onderwijssituatie");
    assert!(melding.contains("'thuiszitter'"), "{melding}");
    let toegestaan = melding
        .split_once("toegestaan: ")
        .map(|(_, t)| t)
        .unwrap_or_else(|| panic!("geen 'toegestaan:' in {melding}"));
    let genoemd: Vec<&str> = toegestaan.split(" | ").map(str::trim).collect();
    assert_eq!(genoemd, ONDERWIJSSITUATIES);
}

invoerfout_test!(fout_onmogelijke_datum_2026_02_30: "advies",
    met(volledig(), "peildatum", json!("2026-02-30")).to_string()
    => "peildatum", ["'2026-02-30' is geen bestaande datum", "JJJJ-MM-DD"]);

invoerfout_test!(fout_onmogelijke_geboortedatum: "advies",
    met(volledig(), "geboortedatum", json!("2016-02-30")).to_string()
    => "geboortedatum", ["'2016-02-30' is geen bestaande datum"]);

invoerfout_test!(fout_datumvorm_23_11_2026: "advies",
    met(volledig(), "peildatum", json!("23-11-2026")).to_string()
    => "peildatum", ["'23-11-2026'", "JJJJ-MM-DD"]);

invoerfout_test!(fout_datum_geen_tekst: "advies",
    met(volledig(), "peildatum", json!(20260801)).to_string()
    => "peildatum", ["verwacht een tekst", "JJJJ-MM-DD"]);

invoerfout_test!(fout_peildatum_voor_geboortedatum: "advies",
    vraag("2016-05-12", "2016-05-11", "volledig_onderwijs").to_string()
    => "peildatum", ["11 mei 2016 ligt vóór de geboortedatum 12 mei 2016"]);

invoerfout_test!(fout_peildatum_voor_het_normenkader: "advies",
    vraag("2016-05-12", "2025-07-31", "volledig_onderwijs").to_string()
    => "peildatum", ["31 juli 2025 ligt vóór", "versie 2025.1 geldt vanaf 1 augustus 2025", "toegestaan: 1 augustus 2025 of later"]);

invoerfout_test!(fout_tlv_geen_bool: "advies",
    met(volledig(), "tlv", json!("ja")).to_string()
    => "tlv", ["verwacht true of false"]);

invoerfout_test!(fout_schooldagdelen_10: "advies",
    met(volledig(), "schooldagdelen", json!(10)).to_string()
    => "schooldagdelen", ["heel getal van 0 tot en met 9", "niet 10"]);

invoerfout_test!(fout_schooldagdelen_min_1: "advies",
    met(volledig(), "schooldagdelen", json!(-1)).to_string()
    => "schooldagdelen", ["heel getal van 0 tot en met 9", "niet -1"]);

invoerfout_test!(fout_schooldagdelen_2_5: "advies",
    met(volledig(), "schooldagdelen", json!(2.5)).to_string()
    => "schooldagdelen", ["heel getal van 0 tot en met 9", "niet 2.5"]);

invoerfout_test!(fout_oja_onbekende_school: "advies",
    met(vraag("2016-05-12", "2026-08-01", "oja"), "school", json!("De Regenboog")).to_string()
    => "school", ["onbekende school 'De Regenboog'", "Watertuin, Bombardon, OPDC, PrO"]);

invoerfout_test!(fout_oja_bij_tamboerijn: "advies",
    met(vraag("2016-05-12", "2026-08-01", "oja"), "school", json!("Tamboerijn")).to_string()
    => "school", ["Tamboerijn heeft geen OJA", "toegestaan bij oja: Watertuin, Bombardon, OPDC, PrO"]);

invoerfout_test!(fout_joa_bij_watertuin: "advies",
    met(met(vraag("2016-05-12", "2026-08-01", "joa"), "tlv", json!(true)), "school", json!("Watertuin")).to_string()
    => "school", ["Watertuin heeft geen JOA-groep", "toegestaan bij joa: Tamboerijn, Triangel, Kwekerij"]);

invoerfout_test!(fout_joa_bij_bombardon_noemt_de_groepen: "advies",
    met(met(vraag("2016-05-12", "2026-08-01", "joa"), "tlv", json!(true)), "school", json!("Bombardon")).to_string()
    => "school", ["Bombardon", "Tamboerijn", "Triangel"]);

invoerfout_test!(fout_joa_zonder_school: "advies",
    met(vraag("2016-05-12", "2026-08-01", "joa"), "tlv", json!(true)).to_string()
    => "school", ["verplicht bij onderwijssituatie joa", "Tamboerijn, Triangel, Kwekerij"]);

invoerfout_test!(fout_oja_zonder_school: "advies",
    vraag("2016-05-12", "2026-08-01", "oja").to_string()
    => "school", ["verplicht bij onderwijssituatie oja", "Watertuin, Bombardon, OPDC, PrO"]);

invoerfout_test!(fout_oja_met_lege_school: "advies",
    met(vraag("2016-05-12", "2026-08-01", "oja"), "school", json!("   ")).to_string()
    => "school", ["verplicht bij onderwijssituatie oja"]);

#[test]
fn fout_bestand_bestaat_niet() {
    let map = tempfile::tempdir().expect("tempdir");
    let weg = map.path().join("bestaat-niet.json");
    for opdracht in ["advies", "toets"] {
        let uit = draai(schakel().arg(opdracht).arg(&weg));
        let melding = invoerfout(&uit, "FILE");
        assert!(melding.contains("bestaat-niet.json"), "{melding}");
        assert!(melding.contains("'-' voor stdin"), "{melding}");
    }
}

invoerfout_test!(fout_toets_zonder_verwijzing: "toets",
    json!({ "situatie": volledig() }).to_string()
    => "verwijzing", ["verplicht veld ontbreekt"]);

invoerfout_test!(fout_toets_zonder_situatie: "toets",
    json!({ "verwijzing": verwijzing(3.0, "week", "2026-08-01", "2027-07-31") }).to_string()
    => "situatie", ["verplicht veld ontbreekt"]);

invoerfout_test!(fout_toets_verwijzing_geen_object: "toets",
    json!({ "situatie": volledig(), "verwijzing": [3, "uur"] }).to_string()
    => "verwijzing", ["verwacht een JSON-object met velden product, volume, eenheid, per, ingangsdatum, einddatum"]);

invoerfout_test!(fout_toets_onbekend_veld_bovenaan: "toets",
    json!({ "situatie": volledig(), "verwijzing": verwijzing(3.0, "week", "2026-08-01", "2027-07-31"), "opmerking": "x" }).to_string()
    => "opmerking", ["onbekend veld", "toegestaan: situatie, verwijzing"]);

invoerfout_test!(fout_toets_onbekend_product: "toets",
    toets_invoer(volledig(), met(verwijzing(3.0, "week", "2026-08-01", "2027-07-31"), "product", json!("fietsles")))
    => "verwijzing.product", ["onbekend product 'fietsles'", "begeleiding_individueel_basis"]);

invoerfout_test!(fout_toets_einddatum_voor_ingangsdatum: "toets",
    toets_invoer(volledig(), verwijzing(3.0, "week", "2026-09-01", "2026-08-31"))
    => "verwijzing.einddatum", ["31 augustus 2026 ligt vóór de ingangsdatum 1 september 2026"]);

invoerfout_test!(fout_toets_volume_0: "toets",
    toets_invoer(volledig(), verwijzing(0.0, "week", "2026-08-01", "2027-07-31"))
    => "verwijzing.volume", ["verwacht een getal groter dan 0"]);

invoerfout_test!(fout_toets_volume_negatief: "toets",
    toets_invoer(volledig(), verwijzing(-3.0, "week", "2026-08-01", "2027-07-31"))
    => "verwijzing.volume", ["verwacht een getal groter dan 0"]);

invoerfout_test!(fout_toets_eenheid_minuut: "toets",
    toets_invoer(volledig(), met(verwijzing(180.0, "week", "2026-08-01", "2027-07-31"), "eenheid", json!("minuut")))
    => "verwijzing.eenheid", ["onbekende waarde 'minuut'", "toegestaan: uur | dagdeel"]);

invoerfout_test!(fout_toets_per_dag: "toets",
    toets_invoer(volledig(), met(verwijzing(1.0, "week", "2026-08-01", "2027-07-31"), "per", json!("dag")))
    => "verwijzing.per", ["onbekende waarde 'dag'", "toegestaan: week | totaal"]);

invoerfout_test!(fout_toets_onbekend_veld_in_verwijzing: "toets",
    toets_invoer(volledig(), met(verwijzing(3.0, "week", "2026-08-01", "2027-07-31"), "frequentie", json!("2")))
    => "verwijzing.frequentie", ["onbekend veld"]);

invoerfout_test!(fout_toets_geboortedatum_in_situatie: "toets",
    toets_invoer(zonder(volledig(), "geboortedatum"), verwijzing(3.0, "week", "2026-08-01", "2027-07-31"))
    => "situatie.geboortedatum", ["verplicht veld ontbreekt"]);

invoerfout_test!(fout_toets_onbekend_veld_in_situatie: "toets",
    toets_invoer(met(zonder(volledig(), "peildatum"), "peildatun", json!("2026-08-01")), verwijzing(3.0, "week", "2026-08-01", "2027-07-31"))
    => "situatie.peildatun", ["onbekend veld"]);

invoerfout_test!(fout_toets_school_in_situatie: "toets",
    toets_invoer(met(vraag("2016-05-12", "2026-08-01", "oja"), "school", json!("Tamboerijn")), verwijzing(3.0, "week", "2026-08-01", "2027-07-31"))
    => "situatie.school", ["Tamboerijn heeft geen OJA"]);

invoerfout_test!(fout_toets_peildatum_voor_normenkader: "toets",
    toets_invoer(vraag("2016-05-12", "2025-07-31", "volledig_onderwijs"), verwijzing(3.0, "week", "2026-08-01", "2027-07-31"))
    => "situatie.peildatum", ["toegestaan: 1 augustus 2025 of later"]);

/// Input saved with a UTF-8 byte-order mark (Windows editors) is read as
/// the same input, from a file and from stdin; so is a calendar feed.
#[test]
fn invoer_met_bom() {
    let invoer = vraag("2016-05-12", "2026-11-23", "volledig_onderwijs").to_string();
    let zonder = gelukt(&draai_stdin(&["advies", "-"], &invoer));
    let met = format!("\u{feff}{invoer}");
    assert_eq!(gelukt(&draai_stdin(&["advies", "-"], &met)), zonder);
    let tmp = tempfile::tempdir().expect("tempdir");
    let bestand = tmp.path().join("advies.json");
    std::fs::write(&bestand, &met).expect("write");
    assert_eq!(
        gelukt(&draai(schakel().arg("advies").arg(&bestand))),
        zonder
    );

    let (_tmp, data) = data_kopie();
    let feed = std::fs::read_to_string(fixture("schoolvakanties-2027-2028.json")).expect("fixture");
    let uit = gelukt(&draai_stdin_met(
        &data,
        &["kalender", "importeer", "-"],
        &format!("\u{feff}{feed}"),
    ));
    assert_eq!(uit["geimporteerd"][0]["vakanties"], 15);
}

/// Odd but well-formed inputs end in 0 or a one-line input error, never in a
/// panic (`draai` checks stderr for "panicked" on every run).
#[test]
fn rare_invoer_geeft_nooit_een_panic() {
    let mut advies_invoer: Vec<String> = vec![
        "null".into(),
        "{}".into(),
        "[[[[[[[[]]]]]]]]".into(),
        "\u{feff}{}".into(),
        r#"{"geboortedatum":"2016-05-12","onderwijssituatie":"volledig_onderwijs","schooldagdelen":1e400}"#.into(),
        r#"{"geboortedatum":"2016-05-12","onderwijssituatie":"volledig_onderwijs","schooldagdelen":18446744073709551616}"#.into(),
        r#"{"geboortedatum":"2016-05-12","peildatum":"2026-8-1","onderwijssituatie":"volledig_onderwijs"}"#.into(),
        r#"{"geboortedatum":"２０１６-05-12","onderwijssituatie":"volledig_onderwijs"}"#.into(),
        r#"{"geboortedatum":"+2016-05-12","onderwijssituatie":"volledig_onderwijs"}"#.into(),
    ];
    for situatie in ONDERWIJSSITUATIES {
        for (geboren, peil) in [
            ("0000-01-01", "9999-12-31"),
            ("2020-02-29", "2025-08-01"),
            ("2016-05-12", "2027-07-31"),
            ("2025-08-01", "2025-08-01"),
        ] {
            for school in [None, Some("Kwekerij"), Some("OPDC"), Some("Kolibrie")] {
                let mut v = met(vraag(geboren, peil, situatie), "tlv", json!(true));
                v = met(v, "schooldagdelen", json!(9));
                if let Some(s) = school {
                    v = met(v, "school", json!(s));
                }
                advies_invoer.push(v.to_string());
            }
        }
    }
    for invoer in &advies_invoer {
        let uit = draai_stdin(&["advies", "-"], invoer);
        match uit.code {
            0 => {
                uit.json();
            }
            2 => {
                assert_eq!(uit.stderr.lines().count(), 1, "{invoer}: {}", uit.stderr);
            }
            c => panic!("{invoer}: exitcode {c}\n{}", uit.stderr),
        }
    }
    // Amounts are exact hundredths: a volume beyond that is bad input.
    for (volume, per, van, tot) in [
        (1e308, "totaal", "0000-01-01", "9999-12-31"),
        (1e-9, "week", "9999-12-31", "9999-12-31"),
    ] {
        let invoer = toets_invoer(volledig(), verwijzing(volume, per, van, tot));
        let uit = draai_stdin(&["toets", "-"], &invoer);
        assert_eq!(uit.code, 2, "{invoer}: {}", uit.stderr);
        assert_eq!(
            uit.stderr.trim(),
            "fout: verwijzing.volume: verwacht een getal groter dan 0 met ten hoogste twee decimalen"
        );
    }
    let invoer = toets_invoer(
        volledig(),
        verwijzing(3.0, "totaal", "2027-08-01", "2027-08-01"),
    );
    let uit = draai_stdin(&["toets", "-"], &invoer);
    assert_eq!(uit.code, 0, "{invoer}: {}", uit.stderr);
    assert_eq!(uit.json()["binnen_normen"], false, "{invoer}");
}

// ---------------------------------------------------------------------------
// 3. Valid input to which no row applies: exit 0, situatie null, the reason
// ---------------------------------------------------------------------------

fn geen_rij(invoer: Value, rij: &str, reden: &str) {
    let a = gelukt(&draai_stdin(&["advies", "-"], &invoer.to_string()));
    assert_eq!(a["situatie"], Value::Null, "{a:#}");
    assert_eq!(a["beschikking_nodig"], false);
    assert_eq!(a["opties"], json!([]));
    assert_eq!(a["verplichtingen"], json!([]));
    assert_eq!(a["reikwijdte"], Value::Null);
    assert_eq!(a["toelichting"], json!([reden]), "{a:#}");
    assert_eq!(a["bronnen"][0], rij, "{a:#}");
}

#[test]
fn geen_rij_joa_op_13_jaar() {
    geen_rij(
        met(
            met(vraag("2013-05-12", "2026-08-01", "joa"), "tlv", json!(true)),
            "school",
            json!("Triangel"),
        ),
        "almere.rij.joa",
        "Geen rij van toepassing: joa geldt voor kinderen van 4 tot 13 jaar; het kind is 13 jaar op de peildatum.",
    );
}

#[test]
fn geen_rij_joa_zonder_tlv() {
    geen_rij(
        met(
            vraag("2016-05-12", "2026-08-01", "joa"),
            "school",
            json!("Triangel"),
        ),
        "almere.rij.joa",
        "Geen rij van toepassing: joa vereist een TLV (toelaatbaarheidsverklaring van het samenwerkingsverband); tlv is false.",
    );
}

#[test]
fn geen_rij_oja_op_18_jaar() {
    geen_rij(
        met(
            vraag("2008-05-12", "2026-08-01", "oja"),
            "school",
            json!("PrO"),
        ),
        "almere.rij.oja",
        "Geen rij van toepassing: oja geldt voor kinderen van 4 tot 18 jaar; het kind is 18 jaar op de peildatum.",
    );
}

#[test]
fn geen_rij_kolibrie_op_13_jaar() {
    geen_rij(
        met(
            vraag("2013-05-12", "2026-08-01", "kolibrie"),
            "tlv",
            json!(true),
        ),
        "almere.rij.kolibrie",
        "Geen rij van toepassing: kolibrie geldt voor kinderen van 4 tot 13 jaar; het kind is 13 jaar op de peildatum.",
    );
}

#[test]
fn geen_rij_ontheffing_leerplicht_op_4_jaar() {
    geen_rij(
        vraag("2022-05-12", "2026-08-01", "ontheffing_leerplicht"),
        "almere.rij.ontheffing_leerplicht",
        "Geen rij van toepassing: ontheffing_leerplicht geldt voor kinderen vanaf 5 jaar; het kind is 4 jaar op de peildatum.",
    );
}

// ---------------------------------------------------------------------------
// 4. toets
// ---------------------------------------------------------------------------

fn toets(situatie: Value, verwijzing: Value) -> Value {
    gelukt(&draai_stdin(
        &["toets", "-"],
        &toets_invoer(situatie, verwijzing),
    ))
}

const OPTIE_VOLLEDIG: &str = "almere.rij.volledig_onderwijs.optie.1";

#[test]
fn toets_3_uur_per_week_binnen_normen() {
    let t = toets(
        volledig(),
        verwijzing(3.0, "week", "2026-09-01", "2027-07-31"),
    );
    assert_eq!(t["binnen_normen"], true, "{t:#}");
    assert_eq!(t["bevindingen"], json!([]));
    assert_eq!(t["optie"], OPTIE_VOLLEDIG);
    assert_eq!(t["normenkader"]["versie"], "2025.1");
}

#[test]
fn toets_4_uur_per_week_buiten_normen() {
    let t = toets(
        volledig(),
        verwijzing(4.0, "week", "2026-08-01", "2027-07-31"),
    );
    assert_eq!(t["binnen_normen"], false, "{t:#}");
    assert_eq!(t["optie"], OPTIE_VOLLEDIG);
    let bevindingen = t["bevindingen"].as_array().expect("bevindingen");
    assert_eq!(bevindingen.len(), 1, "{t:#}");
    assert_eq!(bevindingen[0]["regel"], OPTIE_VOLLEDIG);
    let melding = bevindingen[0]["melding"].as_str().expect("melding");
    assert!(melding.starts_with("volume: 4 uur per week"), "{melding}");
    assert!(melding.contains("maximum van 3 uur per week"), "{melding}");
}

#[test]
fn toets_einddatum_na_31_juli_buiten_normen() {
    let t = toets(
        volledig(),
        verwijzing(3.0, "week", "2026-08-01", "2027-08-01"),
    );
    assert_eq!(t["binnen_normen"], false, "{t:#}");
    let bevindingen = t["bevindingen"].as_array().expect("bevindingen");
    assert_eq!(bevindingen.len(), 1, "{t:#}");
    assert_eq!(bevindingen[0]["regel"], OPTIE_VOLLEDIG);
    let melding = bevindingen[0]["melding"].as_str().expect("melding");
    assert!(
        melding.starts_with("einddatum: 2027-08-01 ligt na 2027-07-31"),
        "{melding}"
    );
}

#[test]
fn toets_ingangsdatum_voor_peildatum_buiten_normen() {
    let t = toets(
        vraag("2016-05-12", "2026-09-01", "volledig_onderwijs"),
        verwijzing(3.0, "week", "2026-08-01", "2027-07-31"),
    );
    assert_eq!(t["binnen_normen"], false, "{t:#}");
    let melding = t["bevindingen"][0]["melding"].as_str().expect("melding");
    assert!(
        melding.starts_with("ingangsdatum: 2026-08-01 ligt vóór 2026-09-01"),
        "{melding}"
    );
}

#[test]
fn toets_150_uur_totaal_over_het_schooljaar_binnen_normen() {
    // Limit: 3 × 365/7 = 156.43 hours over 2026-08-01 .. 2027-07-31.
    let t = toets(
        volledig(),
        verwijzing(150.0, "totaal", "2026-08-01", "2027-07-31"),
    );
    assert_eq!(t["binnen_normen"], true, "{t:#}");
    assert_eq!(t["bevindingen"], json!([]));
    assert_eq!(t["optie"], OPTIE_VOLLEDIG);
}

#[test]
fn toets_160_uur_totaal_over_het_schooljaar_buiten_normen() {
    let t = toets(
        volledig(),
        verwijzing(160.0, "totaal", "2026-08-01", "2027-07-31"),
    );
    assert_eq!(t["binnen_normen"], false, "{t:#}");
    let bevindingen = t["bevindingen"].as_array().expect("bevindingen");
    assert_eq!(bevindingen.len(), 1, "{t:#}");
    assert_eq!(bevindingen[0]["regel"], OPTIE_VOLLEDIG);
    let melding = bevindingen[0]["melding"].as_str().expect("melding");
    assert!(
        melding.contains("160 uur in totaal is meer dan het maximum van 156.43 uur in totaal (3 uur per week × 52.14 weken)"),
        "{melding}"
    );
}

/// The advice's own budget (totaal_uren 156.43) referred as a total over the
/// same school year is within the norms: totals are compared at the advised
/// (rounded) precision, not as 156.43 / (365/7) = 3.00004 > 3.
#[test]
fn toets_totaal_gelijk_aan_geadviseerd_budget_binnen_normen() {
    let a = gelukt(&draai_stdin(&["advies", "-"], &volledig().to_string()));
    let totaal = a["opties"][0]["budget"]["totaal_uren"]
        .as_f64()
        .expect("totaal_uren");
    assert_eq!(totaal, 156.43);
    let t = toets(
        volledig(),
        verwijzing(totaal, "totaal", "2026-08-01", "2027-07-31"),
    );
    assert_eq!(t["binnen_normen"], true, "{t:#}");
}

#[test]
fn toets_dagdeel_bij_uuroptie_buiten_normen() {
    let t = toets(
        volledig(),
        met(
            verwijzing(1.0, "week", "2026-08-01", "2027-07-31"),
            "eenheid",
            json!("dagdeel"),
        ),
    );
    assert_eq!(t["binnen_normen"], false, "{t:#}");
    assert_eq!(t["bevindingen"][0]["regel"], OPTIE_VOLLEDIG);
    let melding = t["bevindingen"][0]["melding"].as_str().expect("melding");
    assert!(melding.starts_with("eenheid:"), "{melding}");
}

fn watertuin() -> Value {
    met(
        vraag("2016-05-12", "2026-08-01", "oja"),
        "school",
        json!("Watertuin"),
    )
}

#[test]
fn toets_oja_zonder_dienst_vraagt_om_de_dienst() {
    let t = toets(
        watertuin(),
        verwijzing(3.0, "week", "2026-08-01", "2027-07-31"),
    );
    assert_eq!(t["binnen_normen"], false, "{t:#}");
    assert_eq!(t["optie"], Value::Null);
    assert_eq!(t.get("dekking"), None);
    assert_eq!(
        t["bevindingen"],
        json!([{
            "regel": "almere.rij.oja",
            "melding": "Voor deze situatie gaat jeugdhulp tijdens schooltijd zonder beschikking, via het arrangement van de school; zie de reikwijdte. Noem in verwijzing.dienst waarvoor u verwijst (begeleiding_ouders_systeem, jggz, niet_naar_oja_school, diagnostiek, kortdurend_verblijf, deeltijdpleegzorg, groepsbegeleiding_schooltijd, individuele_begeleiding_school, individuele_behandeling_lvb, pgb, verblijf, begeleiding_thuis_na_schooltijd, persoonlijke_verzorging_school) om te toetsen of een aparte verwijzing nodig is.",
        }])
    );
}

// Schema reikwijdte OJA's: "JGGZ*VVVV" — V: a separate referral is needed,
// so it is a regular referral, within this normenkader.
#[test]
fn toets_oja_jggz_is_een_aparte_verwijzing() {
    let t = toets(
        watertuin(),
        met(
            verwijzing(2.0, "week", "2026-08-01", "2027-07-31"),
            "dienst",
            json!("jggz"),
        ),
    );
    assert_eq!(t["binnen_normen"], true, "{t:#}");
    assert_eq!(t["dekking"], "V");
    assert_eq!(
        t["bevindingen"],
        json!([{
            "regel": "almere.reikwijdte.jggz",
            "melding": "Reikwijdte Watertuin: 'JGGZ*' vraagt een aparte verwijzing (V). Dit normenkader stelt daarvoor geen eigen omvang of termijn; de verwijzing volgt het reguliere normenkader.",
        }])
    );
    // "groepsbegeleiding gedurende schooltijdOJAOJAOJAOJA": the arrangement's.
    let t = toets(
        watertuin(),
        met(
            verwijzing(2.0, "week", "2026-08-01", "2027-07-31"),
            "dienst",
            json!("groepsbegeleiding_schooltijd"),
        ),
    );
    assert_eq!(t["binnen_normen"], false, "{t:#}");
    assert_eq!(t["dekking"], "OJA");
    assert_eq!(
        t["bevindingen"][0]["melding"],
        "Reikwijdte Watertuin: 'groepsbegeleiding gedurende schooltijd' valt onder het OJA van de school en gaat zonder beschikking. Een aparte verwijzing is niet nodig en zou dezelfde hulp dubbel financieren."
    );
    let uit = draai_stdin(
        &["toets", "-"],
        &toets_invoer(
            watertuin(),
            met(
                verwijzing(2.0, "week", "2026-08-01", "2027-07-31"),
                "dienst",
                json!(3),
            ),
        ),
    );
    let melding = invoerfout(&uit, "verwijzing.dienst");
    assert!(melding.starts_with("verwacht een tekst"), "{melding}");
}

#[test]
fn advies_onbekende_school_exit_2_bij_elke_situatie() {
    for situatie in ["volledig_onderwijs", "kolibrie", "op_weg_naar_school"] {
        let invoer = met(
            met(
                vraag("2017-05-12", "2026-08-01", situatie),
                "school",
                json!("Kolibri"),
            ),
            "tlv",
            json!(true),
        );
        let uit = draai_stdin(&["advies", "-"], &invoer.to_string());
        assert_eq!(
            invoerfout(&uit, "school"),
            "onbekende school 'Kolibri'; toegestaan: Watertuin, Bombardon, OPDC, PrO, Tamboerijn, Triangel, Kwekerij, Kolibrie (laat het veld leeg voor een andere school)",
            "{situatie}"
        );
    }
}

// Peildatum 2026-07-03 is the last school day of 2025-2026 (noord): 62.14 h
// per school week by arithmetic, held to the source's "ca 4 uur".
#[test]
fn advies_laatste_schooldag_budget_begrensd_op_ca_4_uur() {
    let a = gelukt(&draai_stdin(
        &["advies", "-"],
        &vraag("2016-05-12", "2026-07-03", "volledig_onderwijs").to_string(),
    ));
    assert_eq!(
        a["opties"][0]["budget"],
        json!({
            "van": "2026-07-03",
            "tot": "2026-07-31",
            "kalenderweken": 4.14,
            "schooldagen": 1,
            "schoolweken": 0.2,
            "totaal_uren": 0.8,
            "uren_per_schoolweek": 4.0,
            "volledig": true,
            "vakantieregio": "noord",
            "begrensd": true,
        })
    );
    let toelichting: Vec<&str> = a["toelichting"]
        .as_array()
        .expect("toelichting")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        toelichting.contains(&"Urenbudget voor 'Max. 3 uur begeleiding individueel basis per week, voor de duur van het schooljaar': 3 juli 2026 t/m 31 juli 2026 is grotendeels vakantie (schooldagen: 1). Rekenkundig zou dat 62.14 uur per schoolweek zijn, meer dan wat het normenkader zelf inzetbaar noemt (\"Feitelijk is daarmee ca 4 uur per school week inzetbaar (dit is incl. indirecte tijd).\"). Gespaarde uren worden in schoolweken ingezet; het budget is daarom begrensd op 4 uur per schoolweek, 0.8 uur in totaal."),
        "{toelichting:#?}"
    );
}

#[test]
fn toets_zonder_toepasselijke_rij_buiten_normen_met_reden() {
    let t = toets(
        met(
            vraag("2022-05-12", "2026-08-01", "ontheffing_leerplicht"),
            "tlv",
            json!(false),
        ),
        verwijzing(3.0, "week", "2026-08-01", "2027-01-31"),
    );
    assert_eq!(t["binnen_normen"], false, "{t:#}");
    assert_eq!(
        t["bevindingen"],
        json!([{
            "regel": "almere.rij.ontheffing_leerplicht",
            "melding": "Geen rij van toepassing: ontheffing_leerplicht geldt voor kinderen vanaf 5 jaar; het kind is 4 jaar op de peildatum.",
        }])
    );
}

// ---------------------------------------------------------------------------
// 5. reikwijdte
// ---------------------------------------------------------------------------

/// "Schema reikwijdte OJA's" exactly as it stands in
/// shared/seeds/004_c8f72e1769885542.txt (lines 206–219, the PDF's table with
/// its cells run together), with the service key the CLI uses for each row.
const SCHEMA_REIKWIJDTE_KOP: &str = "SituatieWatertuinBombardon OJAOPDCPrO";
const SCHEMA_REIKWIJDTE: [(&str, &str, &str); 13] = [
    (
        "begeleiding_ouders_systeem",
        "begeleiding ouders/systeem",
        "begeleiding ouders/systeemVVVOJA",
    ),
    ("jggz", "JGGZ*", "JGGZ*VVVV"),
    (
        "niet_naar_oja_school",
        "jeugdige gaat nu niet naar OJA-school en stroomt ook niet terug naar onderwijsvoorziening",
        "jeugdige gaat nu niet naar OJA-school en stroomt ook niet terug naar onderwijsvoorzieningVVVV",
    ),
    (
        "diagnostiek",
        "(handelingsgerichte) diagnostiek (tenzij (een vermoeden van) psychiatrie voorliggend is))",
        "(handelingsgerichte) diagnostiek (tenzij (een vermoeden van) psychiatrie voorliggend is))VVVOJA",
    ),
    (
        "kortdurend_verblijf",
        "kortdurend verblijf",
        "kortdurend verblijfVVVOJA",
    ),
    (
        "deeltijdpleegzorg",
        "deeltijdpleegzorg (max 3 etmalen pw)",
        "deeltijdpleegzorg (max 3 etmalen pw)VVVV",
    ),
    (
        "groepsbegeleiding_schooltijd",
        "groepsbegeleiding gedurende schooltijd",
        "groepsbegeleiding gedurende schooltijdOJAOJAOJAOJA",
    ),
    (
        "individuele_begeleiding_school",
        "individuele begeleiding op school",
        "individuele begeleiding op schoolOJAOJAOJAOJA",
    ),
    (
        "individuele_behandeling_lvb",
        "individuele behandeling (LVB)",
        "individuele behandeling (LVB)VVVOJA",
    ),
    (
        "pgb",
        "PGB (indien na onderzoek OJA niet in OJA blijkt onder te brengen)**",
        "PGB (indien na onderzoek OJA niet in OJA blijkt onder te brengen)**VVVV",
    ),
    (
        "verblijf",
        "verblijf (residentieel/klinisch)",
        "verblijf (residentieel/klinisch)VVVV",
    ),
    (
        "begeleiding_thuis_na_schooltijd",
        "Begeleiding in thuissituatie na schooltijd thuis***",
        "Begeleiding in thuissituatie na schooltijd thuis***VVVOJA",
    ),
    (
        "persoonlijke_verzorging_school",
        "persoonlijke verzorging op school",
        "persoonlijke verzorging op schoolOJAOJAOJAOJA",
    ),
];
const SCHEMA_KOLOMMEN: [&str; 4] = ["Watertuin", "Bombardon", "OPDC", "PrO"];

/// The four cells of one schema row, split into "V" and "OJA".
fn schema_cellen(label: &str, regel: &str) -> Vec<&'static str> {
    let mut rest = regel
        .strip_prefix(label)
        .unwrap_or_else(|| panic!("{regel} begint niet met {label}"));
    let mut cellen = Vec::new();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("OJA") {
            cellen.push("OJA");
            rest = r;
        } else if let Some(r) = rest.strip_prefix('V') {
            cellen.push("V");
            rest = r;
        } else {
            panic!("onleesbare cel in {regel}: {rest}");
        }
    }
    assert_eq!(cellen.len(), 4, "{regel}");
    cellen
}

fn schema_kolom(school: &str) -> Value {
    let kolom = SCHEMA_KOLOMMEN
        .iter()
        .position(|s| *s == school)
        .expect("school in het schema");
    Value::Object(
        SCHEMA_REIKWIJDTE
            .iter()
            .map(|(dienst, label, regel)| {
                (
                    dienst.to_string(),
                    json!(schema_cellen(label, regel)[kolom]),
                )
            })
            .collect(),
    )
}

fn reikwijdte(school: &str) -> Value {
    gelukt(&draai_args(&["reikwijdte", "--school", school]))
}

fn sleutels(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .expect("een JSON-object")
        .keys()
        .map(String::as_str)
        .collect()
}

#[test]
fn reikwijdte_watertuin_hoofdletterongevoelig() {
    let r = reikwijdte("watertuin");
    assert_eq!(
        sleutels(&r),
        BTreeSet::from([
            "bronnen",
            "reikwijdte",
            "school",
            "toelichting",
            "voorwaarden"
        ])
    );
    // The qualifiers of the schema's own cells, in the source's words.
    assert_eq!(
        r["voorwaarden"],
        json!({
            "diagnostiek": {
                "tekst": "(handelingsgerichte) diagnostiek (tenzij (een vermoeden van) psychiatrie voorliggend is)",
                "voorwaarde": "Geldt voor handelingsgerichte diagnostiek, niet als er (een vermoeden van) psychiatrie voorligt: dan is altijd een aparte verwijzing nodig.",
            },
            "deeltijdpleegzorg": {
                "tekst": "deeltijdpleegzorg (max 3 etmalen pw)",
                "voorwaarde": "Deeltijdpleegzorg van ten hoogste 3 etmalen per week.",
            },
            "pgb": {
                "tekst": "PGB (indien na onderzoek OJA niet in OJA blijkt onder te brengen)",
                "voorwaarde": "Alleen als na onderzoek van het OJA blijkt dat de hulp niet in het OJA kan worden ondergebracht.",
            },
        })
    );
    for (dienst, label, _) in SCHEMA_REIKWIJDTE {
        if let Some(tekst) = r["voorwaarden"][dienst]["tekst"].as_str() {
            assert!(
                label.starts_with(tekst),
                "{dienst}: '{tekst}' staat zo in de bron"
            );
        }
    }
    assert_eq!(r["school"], "Watertuin");
    assert_eq!(
        sleutels(&r["reikwijdte"]),
        BTreeSet::from([
            "begeleiding_ouders_systeem",
            "jggz",
            "niet_naar_oja_school",
            "diagnostiek",
            "kortdurend_verblijf",
            "deeltijdpleegzorg",
            "groepsbegeleiding_schooltijd",
            "individuele_begeleiding_school",
            "individuele_behandeling_lvb",
            "pgb",
            "verblijf",
            "begeleiding_thuis_na_schooltijd",
            "persoonlijke_verzorging_school",
        ])
    );
    assert_eq!(
        r["reikwijdte"],
        json!({
            "begeleiding_ouders_systeem": "V",
            "jggz": "V",
            "niet_naar_oja_school": "V",
            "diagnostiek": "V",
            "kortdurend_verblijf": "V",
            "deeltijdpleegzorg": "V",
            "groepsbegeleiding_schooltijd": "OJA",
            "individuele_begeleiding_school": "OJA",
            "individuele_behandeling_lvb": "V",
            "pgb": "V",
            "verblijf": "V",
            "begeleiding_thuis_na_schooltijd": "V",
            "persoonlijke_verzorging_school": "OJA",
        })
    );
    assert_eq!(r["reikwijdte"], schema_kolom("Watertuin"));
    // The same school however it is written.
    for naam in ["WATERTUIN", "Watertuin", "  wAtErTuIn "] {
        assert_eq!(reikwijdte(naam), r, "{naam}");
    }
}

#[test]
fn reikwijdte_pro_volgens_de_bron() {
    let r = reikwijdte("PrO");
    assert_eq!(r["school"], "PrO");
    assert_eq!(
        r["reikwijdte"],
        json!({
            "begeleiding_ouders_systeem": "OJA",
            "jggz": "V",
            "niet_naar_oja_school": "V",
            "diagnostiek": "OJA",
            "kortdurend_verblijf": "OJA",
            "deeltijdpleegzorg": "V",
            "groepsbegeleiding_schooltijd": "OJA",
            "individuele_begeleiding_school": "OJA",
            "individuele_behandeling_lvb": "OJA",
            "pgb": "V",
            "verblijf": "V",
            "begeleiding_thuis_na_schooltijd": "OJA",
            "persoonlijke_verzorging_school": "OJA",
        })
    );
    assert_eq!(r["reikwijdte"], schema_kolom("PrO"));
}

#[test]
fn reikwijdte_alle_oja_scholen_volgens_het_schema_in_seed_004() {
    let kop: String = SCHEMA_KOLOMMEN.join("");
    assert_eq!(
        SCHEMA_REIKWIJDTE_KOP.replace(" OJA", ""),
        format!("Situatie{kop}"),
        "kolomvolgorde van het schema"
    );
    for school in SCHEMA_KOLOMMEN {
        let r = reikwijdte(school);
        assert_eq!(r["school"], school);
        assert_eq!(r["reikwijdte"], schema_kolom(school), "kolom {school}");
    }
}

#[test]
fn reikwijdte_onbekende_school_exit_2() {
    let uit = draai_args(&["reikwijdte", "--school", "De Regenboog"]);
    let melding = invoerfout(&uit, "school");
    assert!(
        melding.contains("onbekende school 'De Regenboog'"),
        "{melding}"
    );
    assert!(
        melding.contains("Watertuin, Bombardon, OPDC, PrO, Tamboerijn, Triangel, Kwekerij"),
        "{melding}"
    );
    // A school without an arrangement has no reikwijdte either.
    schakel()
        .args(["reikwijdte", "--school", "Kolibrie"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::starts_with("fout: school: "))
        .stderr(predicate::str::contains("panicked").not());
}

// ---------------------------------------------------------------------------
// 6. kalender importeer / dekking
// ---------------------------------------------------------------------------

fn kopieer_map(van: &Path, naar: &Path) {
    std::fs::create_dir_all(naar).expect("maak map");
    for entry in std::fs::read_dir(van).expect("lees map") {
        let entry = entry.expect("map-item");
        let doel = naar.join(entry.file_name());
        if entry.file_type().expect("bestandssoort").is_dir() {
            kopieer_map(&entry.path(), &doel);
        } else {
            std::fs::copy(entry.path(), &doel).expect("kopieer bestand");
        }
    }
}

/// A copy of the repository's data/ in a fresh temporary directory, with
/// the calendar up to 2026-2027 only: the school years the imports below
/// add are not known yet.
fn data_kopie() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    kopieer_map(&repo_data(), &data);
    for jaar in ["2027-2028", "2028-2029", "2029-2030"] {
        std::fs::remove_file(data.join(format!("kalender/schoolvakanties/{jaar}.toml")))
            .expect("remove a later school year");
    }
    (tmp, data)
}

/// The calendar of the copy before any import: every region through the
/// end of school year 2026-2027.
fn dekking_tot_2027() -> Value {
    json!({
        "noord": [{ "van": "2025-08-01", "tot": "2027-07-31" }],
        "midden": [{ "van": "2025-08-01", "tot": "2027-07-31" }],
        "zuid": [{ "van": "2025-08-01", "tot": "2027-07-31" }],
    })
}

/// Every file under `map` (hidden ones included) with its contents.
fn momentopname(map: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn loop_door(basis: &Path, map: &Path, uit: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(map).expect("lees map") {
            let entry = entry.expect("map-item");
            let pad = entry.path();
            let relatief = pad.strip_prefix(basis).expect("onder basis").to_path_buf();
            if entry.file_type().expect("bestandssoort").is_dir() {
                uit.insert(relatief, Vec::new());
                loop_door(basis, &pad, uit);
            } else {
                uit.insert(relatief, std::fs::read(&pad).expect("lees bestand"));
            }
        }
    }
    let mut uit = BTreeMap::new();
    loop_door(map, map, &mut uit);
    uit
}

/// The `[[vakantie]]` entries of a calendar file as (soort, regio, van, tot).
fn vakanties_in_toml(tekst: &str) -> BTreeSet<(String, String, String, String)> {
    tekst
        .split("[[vakantie]]")
        .skip(1)
        .map(|blok| {
            let veld = |naam: &str| -> String {
                blok.lines()
                    .find_map(|r| {
                        let (k, v) = r.split_once('=')?;
                        (k.trim() == naam).then(|| v.trim().trim_matches('"').to_string())
                    })
                    .unwrap_or_else(|| panic!("veld {naam} ontbreekt in {blok}"))
            };
            (veld("soort"), veld("regio"), veld("van"), veld("tot"))
        })
        .collect()
}

fn vakantie(soort: &str, regio: &str, van: &str, tot: &str) -> (String, String, String, String) {
    (soort.into(), regio.into(), van.into(), tot.into())
}

/// The fixture's dates after conversion of the UTC timestamps of Dutch
/// midnight (23:00Z in winter and 22:00Z in summer are the next day).
fn verwachte_vakanties_2027_2028() -> BTreeSet<(String, String, String, String)> {
    let mut v = BTreeSet::new();
    for regio in ["noord", "midden", "zuid"] {
        v.insert(vakantie("kerst", regio, "2027-12-25", "2028-01-09"));
        v.insert(vakantie("mei", regio, "2028-04-22", "2028-04-30"));
    }
    v.insert(vakantie("herfst", "noord", "2027-10-16", "2027-10-24"));
    v.insert(vakantie("herfst", "midden", "2027-10-23", "2027-10-31"));
    v.insert(vakantie("herfst", "zuid", "2027-10-16", "2027-10-24"));
    v.insert(vakantie("voorjaar", "noord", "2028-02-19", "2028-02-27"));
    v.insert(vakantie("voorjaar", "midden", "2028-02-26", "2028-03-05"));
    v.insert(vakantie("voorjaar", "zuid", "2028-02-26", "2028-03-05"));
    v.insert(vakantie("zomer", "noord", "2028-07-08", "2028-08-20"));
    v.insert(vakantie("zomer", "midden", "2028-07-22", "2028-09-03"));
    v.insert(vakantie("zomer", "zuid", "2028-07-15", "2028-08-27"));
    v
}

fn dekking(data: &Path) -> Value {
    gelukt(&draai(schakel_met(data).args(["kalender", "dekking"])))
}

fn advies_2027_09_01(data: &Path) -> Value {
    let invoer = vraag("2016-05-12", "2027-09-01", "volledig_onderwijs").to_string();
    gelukt(&draai_stdin_met(
        data,
        &["--regio", "almere", "advies", "-"],
        &invoer,
    ))
}

/// The shipped calendar (2024-2025 to 2029-2030, shared/reference/
/// schoolvakanties.md) covers every region from 1 August 2025 (the summer
/// of 2024 is not on file) through 31 July 2030.
#[test]
fn kalender_dekking_van_de_repository() {
    assert_eq!(
        dekking(&repo_data()),
        json!({
            "noord": [{ "van": "2025-08-01", "tot": "2030-07-31" }],
            "midden": [{ "van": "2025-08-01", "tot": "2030-07-31" }],
            "zuid": [{ "van": "2025-08-01", "tot": "2030-07-31" }],
        })
    );
}

#[test]
fn kalender_importeer_schooljaar_2027_2028() {
    let (_tmp, data) = data_kopie();
    let map = data.join("kalender/schoolvakanties");
    let doel = map.join("2027-2028.toml");
    let voor = momentopname(&data);
    assert!(!doel.exists());
    assert_eq!(dekking(&data), dekking_tot_2027());

    // Before the import the calendar ends at 2027-07-31 for noord: no budget.
    let a = advies_2027_09_01(&data);
    assert_eq!(a["opties"][0]["budget"], Value::Null, "{a:#}");

    let feed = fixture("schoolvakanties-2027-2028.json");
    let uit = gelukt(&draai(
        schakel_met(&data)
            .args(["kalender", "importeer"])
            .arg(&feed),
    ));
    assert_eq!(
        uit,
        json!({ "geimporteerd": [{
            "schooljaar": "2027-2028",
            "bestand": doel.to_str().expect("UTF-8-pad"),
            "vakanties": 15,
            "waarschuwingen": [],
        }]})
    );

    let tekst = std::fs::read_to_string(&doel).expect("2027-2028.toml is geschreven");
    assert!(tekst.contains("schooljaar = \"2027-2028\""), "{tekst}");
    assert!(
        tekst.contains(&format!(
            "bron = \"Rijksoverheid open data, schoolholidays/schoolyear/2027-2028: {}\"",
            feed.display()
        )),
        "{tekst}"
    );
    assert_eq!(vakanties_in_toml(&tekst), verwachte_vakanties_2027_2028());

    // Only the new file was added; the existing ones are untouched.
    let mut na = momentopname(&data);
    assert_eq!(
        na.remove(Path::new("kalender/schoolvakanties/2027-2028.toml")),
        Some(tekst.into_bytes())
    );
    assert_eq!(na, voor);

    // Every region is now covered through 2028-07-31.
    assert_eq!(
        dekking(&data),
        json!({
            "noord": [{ "van": "2025-08-01", "tot": "2028-07-31" }],
            "midden": [{ "van": "2025-08-01", "tot": "2028-07-31" }],
            "zuid": [{ "van": "2025-08-01", "tot": "2028-07-31" }],
        })
    );

    // 2027-09-01 .. 2028-07-31: 335 days = 47.86 weeks; 198 school days in
    // noord (herfst 5, kerst 10, voorjaar 5, mei 5 and zomer 16 weekdays off).
    let a = advies_2027_09_01(&data);
    let optie = &a["opties"][0];
    assert_eq!(optie["ingangsdatum"], "2027-09-01");
    assert_eq!(optie["einddatum"], "2028-07-31");
    assert_eq!(
        optie["budget"],
        json!({
            "van": "2027-09-01",
            "tot": "2028-07-31",
            "kalenderweken": 47.86,
            "schooldagen": 198,
            "schoolweken": 39.6,
            "totaal_uren": 143.57,
            "uren_per_schoolweek": 3.63,
            "volledig": true,
            "vakantieregio": "noord",
        })
    );
}

#[test]
fn kalender_importeer_van_stdin_met_bron() {
    let (_tmp, data) = data_kopie();
    let feed = std::fs::read_to_string(fixture("schoolvakanties-2027-2028.json")).expect("fixture");
    let uit = draai_stdin_met(
        &data,
        &[
            "kalender",
            "importeer",
            "-",
            "--bron",
            "https://example.invalid/feed",
        ],
        &feed,
    );
    let v = gelukt(&uit);
    assert_eq!(v["geimporteerd"][0]["vakanties"], 15);
    let tekst = std::fs::read_to_string(data.join("kalender/schoolvakanties/2027-2028.toml"))
        .expect("2027-2028.toml is geschreven");
    assert!(
        tekst.contains("bron = \"Rijksoverheid open data, schoolholidays/schoolyear/2027-2028: https://example.invalid/feed\""),
        "{tekst}"
    );
    assert_eq!(vakanties_in_toml(&tekst), verwachte_vakanties_2027_2028());
}

fn fixture_feed() -> Value {
    let tekst =
        std::fs::read_to_string(fixture("schoolvakanties-2027-2028.json")).expect("fixture");
    serde_json::from_str(&tekst).expect("fixture is JSON")
}

/// A bad feed exits 2 with one line naming the place, and writes nothing.
fn kapotte_feed(feed: &str, via_stdin: bool, plaats: &str, moet: &str) {
    let (tmp, data) = data_kopie();
    let voor = momentopname(&data);
    let uit = if via_stdin {
        draai_stdin_met(&data, &["kalender", "importeer", "-"], feed)
    } else {
        let bestand = tmp.path().join("feed.json");
        std::fs::write(&bestand, feed).expect("schrijf feed");
        draai(
            schakel_met(&data)
                .args(["kalender", "importeer"])
                .arg(&bestand),
        )
    };
    let melding = invoerfout(&uit, plaats);
    assert!(melding.contains(moet), "melding mist {moet:?}: {melding}");
    assert_eq!(momentopname(&data), voor, "de data-map is veranderd");
    assert_eq!(dekking(&data), dekking_tot_2027());
}

#[test]
fn kalender_importeer_kapotte_json_schrijft_niets() {
    let feed = fixture_feed().to_string();
    let mut eind = feed.len() / 2;
    while !feed.is_char_boundary(eind) {
        eind -= 1;
    }
    let kapot = &feed[..eind];
    let (tmp, data) = data_kopie();
    let voor = momentopname(&data);
    for via_stdin in [true, false] {
        let uit = if via_stdin {
            draai_stdin_met(&data, &["kalender", "importeer", "-"], kapot)
        } else {
            let bestand = tmp.path().join("feed.json");
            std::fs::write(&bestand, kapot).expect("schrijf feed");
            draai(
                schakel_met(&data)
                    .args(["kalender", "importeer"])
                    .arg(&bestand),
            )
        };
        assert_eq!(uit.code, 2, "{}", uit.stderr);
        assert!(uit.stdout.is_empty(), "{}", uit.stdout);
        assert_eq!(uit.stderr.lines().count(), 1, "{}", uit.stderr);
        assert!(
            uit.stderr.starts_with("fout: regel 1 kolom ")
                && uit.stderr.contains("geen geldig schoolvakantie-JSON"),
            "{}",
            uit.stderr
        );
    }
    assert_eq!(momentopname(&data), voor, "de data-map is veranderd");
}

#[test]
fn kalender_importeer_onbekende_regio_schrijft_niets() {
    let mut feed = fixture_feed();
    // The last region of the last holiday: everything before it was valid.
    *feed
        .pointer_mut("/content/0/vacations/4/regions/2/region")
        .expect("zomer zuid") = json!("west");
    kapotte_feed(
        &feed.to_string(),
        false,
        "content[0].vacations[4].regions[2].region",
        "onbekende regio 'west'",
    );
}

#[test]
fn kalender_importeer_einddatum_voor_startdatum_schrijft_niets() {
    let mut feed = fixture_feed();
    *feed
        .pointer_mut("/content/0/vacations/4/regions/2/enddate")
        .expect("zomer zuid") = json!("2028-07-01T22:00:00.000Z");
    kapotte_feed(
        &feed.to_string(),
        true,
        "content[0].vacations[4].regions[2].enddate",
        "einddatum ligt vóór startdatum",
    );
}

#[test]
fn kalender_importeer_ongeldige_datum_schrijft_niets() {
    let mut feed = fixture_feed();
    *feed
        .pointer_mut("/content/0/vacations/2/regions/1/startdate")
        .expect("voorjaar midden") = json!("26-02-2028");
    kapotte_feed(
        &feed.to_string(),
        true,
        "content[0].vacations[2].regions[1].startdate",
        "'26-02-2028' is geen datum",
    );
}

#[test]
fn kalender_importeer_ongeldig_schooljaar_schrijft_niets() {
    let mut feed = fixture_feed();
    *feed
        .pointer_mut("/content/0/schoolyear")
        .expect("schoolyear") = json!("2027-2029");
    kapotte_feed(
        &feed.to_string(),
        false,
        "content[0].schoolyear",
        "'2027-2029' is geen schooljaar",
    );
}

#[test]
fn kalender_importeer_zonder_schooljaar_schrijft_niets() {
    kapotte_feed(
        r#"{"content": []}"#,
        true,
        "content",
        "bevat geen schooljaar",
    );
}

// ---------------------------------------------------------------------------
// 7. regels
// ---------------------------------------------------------------------------

#[test]
fn regels_negen_rijen() {
    let r = gelukt(&draai_args(&["regels"]));
    let versies = r["versies"].as_array().expect("versies");
    assert_eq!(versies.len(), 1, "{r:#}");
    let v = &versies[0];
    assert_eq!(v["regio"], "almere");
    assert_eq!(v["versie"], "2025.1");
    assert_eq!(v["geldig_vanaf"], "2025-08-01");
    let rijen = v["rijen"].as_array().expect("rijen");
    assert_eq!(rijen.len(), 9);
    let ids: Vec<&str> = rijen.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), 9);
    assert!(
        ids.iter().all(|id| id.starts_with("almere.rij.")),
        "{ids:?}"
    );
    // One row per onderwijssituatie, with the situation in its id.
    let situaties: Vec<&str> = rijen
        .iter()
        .filter_map(|r| r["situatie"].as_str())
        .collect();
    assert_eq!(situaties, ONDERWIJSSITUATIES);
    for (id, situatie) in ids.iter().zip(&situaties) {
        assert_eq!(*id, format!("almere.rij.{situatie}"));
    }
    for rij in rijen {
        assert!(
            rij["bron"].as_str().is_some_and(|b| !b.is_empty()),
            "rij zonder bron: {rij:#}"
        );
    }
}

/// Another region is data: the fictitious Lindeloo rule set of
/// schakel-rules' fixtures, put beside the shipped calendar, is listed by
/// `regels`, answers `advies` with its own situation, period and
/// products, and refuses Almere's situation naming its own — the same
/// binary, no code of its own.
#[test]
fn tweede_regio_als_data() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    kopieer_map(&repo_data().join("kalender"), &data.join("kalender"));
    kopieer_map(
        &repo().join("crates/schakel-rules/tests/fixtures/regio"),
        &data.join("regio"),
    );
    let r = gelukt(&draai(
        schakel_met(&data).args(["--regio", "lindeloo", "regels"]),
    ));
    let v = &r["versies"][0];
    assert_eq!(v["regio"], "lindeloo");
    assert_eq!(
        v["situaties"][1],
        json!({"sleutel": "deel_van_de_week", "naam": "Gaat een deel van de week naar school"})
    );
    let invoer = vraag("2016-05-12", "2026-11-23", "hele_week_school").to_string();
    let a = gelukt(&draai_stdin_met(
        &data,
        &["--regio", "lindeloo", "advies", "-"],
        &invoer,
    ));
    assert_eq!(a["situatie"], "hele_week_school");
    assert_eq!(a["opties"][0]["einddatum"], "2026-12-31");
    assert_eq!(
        a["opties"][0]["inzet"][0]["product"],
        "ambulante_begeleiding"
    );
    assert_eq!(a["normenkader"]["regio"], "lindeloo");
    let kolibrie = vraag("2016-05-12", "2026-11-23", "kolibrie").to_string();
    let uit = draai_stdin_met(&data, &["--regio", "lindeloo", "advies", "-"], &kolibrie);
    assert_eq!(
        invoerfout(&uit, "onderwijssituatie"),
        "onbekende waarde 'kolibrie'; toegestaan: hele_week_school | deel_van_de_week | zorgklas | geen_school"
    );
}

/// A feed that parses but conflicts with the calendar (here: a holiday that
/// overlaps the 2026-2027 summer already on file, or a date outside the feed's
/// school year) is refused after the trial load as bad input (exit 2, field
/// `content`), and nothing is written.
#[test]
fn kalender_importeer_strijdig_met_de_kalender_schrijft_niets() {
    let feeds = [
        // Herfst noord starting 2027-08-15, inside the 2026-2027 summer.
        (
            r#"{"content":[{"schoolyear":"2027-2028","vacations":[{"type":"Herfstvakantie","regions":[{"region":"noord","startdate":"2027-08-14T22:00:00.000Z","enddate":"2027-08-29T22:00:00.000Z"}]}]}]}"#,
            "overlapt met herfstvakantie 2027-2028 (noord)",
        ),
        // A 2026 date in a 2027-2028 feed.
        (
            r#"{"content":[{"schoolyear":"2027-2028","vacations":[{"type":"Herfstvakantie","regions":[{"region":"noord","startdate":"2026-10-16","enddate":"2026-10-24"}]}]}]}"#,
            "16 oktober 2026 valt niet in schooljaar 2027-2028",
        ),
    ];
    for (feed, moet) in feeds {
        let (_tmp, data) = data_kopie();
        let voor = momentopname(&data);
        let uit = draai_stdin_met(&data, &["kalender", "importeer", "-"], feed);
        assert_eq!(uit.code, 2, "{}", uit.stderr);
        assert!(uit.stdout.is_empty(), "{}", uit.stdout);
        assert_eq!(uit.stderr.lines().count(), 1, "{}", uit.stderr);
        assert!(
            uit.stderr
                .starts_with("fout: content: past niet in de schoolkalender, niets geschreven")
                && !uit.stderr.contains(".tmp")
                && uit.stderr.contains(moet),
            "{}",
            uit.stderr
        );
        assert_eq!(momentopname(&data), voor, "de data-map is veranderd");
    }
}

/// Several regions in one data directory (issue 17.2-3): `advies` and
/// `toets` take "gemeente" (CBS code) to pick the region whose rules
/// apply; Zeewolde has no normenkader and answers "situatie": null with its
/// regular route; an unknown gemeente is bad input naming the field;
/// without a gemeente the default region (`--regio`, Almere) answers as
/// before. `regels` lists every region.
#[test]
fn gemeente_kiest_de_regio() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    kopieer_map(&repo_data().join("kalender"), &data.join("kalender"));
    kopieer_map(&repo_data().join("regio"), &data.join("regio"));
    kopieer_map(
        &repo().join("crates/schakel-rules/tests/fixtures/regio/lindeloo"),
        &data.join("regio/lindeloo"),
    );
    let advies = |invoer: Value| {
        draai_stdin_met(
            &data,
            &["--regio", "almere", "advies", "-"],
            &invoer.to_string(),
        )
    };
    let almere = vraag("2015-03-01", "2026-11-23", "volledig_onderwijs");
    let zonder = gelukt(&advies(almere.clone()));
    assert_eq!(zonder["normenkader"]["regio"], "almere");
    assert_eq!(
        gelukt(&advies(met(almere.clone(), "gemeente", json!("GM0034")))),
        zonder
    );
    let lindeloo = gelukt(&advies(met(
        vraag("2016-05-12", "2026-11-23", "hele_week_school"),
        "gemeente",
        json!("GM9901"),
    )));
    assert_eq!(lindeloo["normenkader"]["regio"], "lindeloo");
    let zeewolde = gelukt(&advies(met(almere.clone(), "gemeente", json!("GM0050"))));
    assert_eq!(zeewolde["situatie"], Value::Null);
    assert_eq!(zeewolde["route"], "regulier");
    assert!(
        zeewolde["toelichting"]
            .as_str()
            .is_some_and(|t| t.contains("reguliere route") && !t.contains("Almere")),
        "{zeewolde}"
    );
    let toets = json!({"gemeente": "GM0050", "situatie": almere,
        "verwijzing": {"product": "begeleiding_individueel_basis", "volume": 2, "eenheid": "uur",
                       "per": "week", "ingangsdatum": "2026-11-23", "einddatum": "2027-02-22"}});
    let t = gelukt(&draai_stdin_met(&data, &["toets", "-"], &toets.to_string()));
    assert_eq!(
        (&t["situatie"], &t["regio"]),
        (&Value::Null, &json!("zeewolde"))
    );
    let uit = advies(met(almere, "gemeente", json!("GM0363")));
    assert!(
        invoerfout(&uit, "gemeente")
            .starts_with("gemeente GM0363 hoort bij geen regio van deze installatie; toegestaan: "),
        "{}",
        uit.stderr
    );
    let r = gelukt(&draai(
        schakel_met(&data).args(["--regio", "almere", "regels"]),
    ));
    let codes: Vec<_> = r["regios"]
        .as_array()
        .expect("regios")
        .iter()
        .map(|g| g["code"].as_str().expect("code").to_string())
        .collect();
    for code in ["almere", "lindeloo", "zeewolde"] {
        assert!(codes.iter().any(|c| c == code), "{code} in {codes:?}");
    }
    let zeewolde = r["regios"]
        .as_array()
        .expect("regios")
        .iter()
        .find(|g| g["code"] == "zeewolde")
        .expect("zeewolde");
    assert_eq!(
        zeewolde,
        &json!({"code": "zeewolde", "naam": "Zeewolde", "route": "regulier", "normenkader": null,
                "gemeenten": [{"code": "GM0050", "naam": "Zeewolde", "kalenderregio": "midden"}]})
    );
}

/// No demo region by default (issue 17): with several regions in the data
/// directory and no `--regio` (nor `SCHAKEL_REGIO`), the commands that need
/// a default region (advies and toets without a gemeente, reikwijdte,
/// regels, account) say so, naming `--regio` and the codes, with exit code
/// 2; a question naming its gemeente needs none, and neither does an
/// address import. With one region in the data directory it is the default.
#[test]
fn zonder_regio_bij_meerdere_regios() {
    let verwacht = "de gegevensmap heeft meerdere regio's; kies er één met --regio (of SCHAKEL_REGIO): achterhoek, almere, zeewolde";
    let data = repo_data();
    let almere = vraag("2015-03-01", "2026-11-23", "volledig_onderwijs");
    let uit = draai_stdin_met(&data, &["advies", "-"], &almere.to_string());
    assert_eq!(invoerfout(&uit, "--regio"), verwacht);
    let toets = json!({"situatie": almere,
        "verwijzing": {"product": "begeleiding_individueel_basis", "volume": 2, "eenheid": "uur",
                       "per": "week", "ingangsdatum": "2026-11-23", "einddatum": "2027-02-22"}});
    let uit = draai_stdin_met(&data, &["toets", "-"], &toets.to_string());
    assert_eq!(invoerfout(&uit, "--regio"), verwacht);
    for args in [
        &["reikwijdte", "--school", "Watertuin"][..],
        &["regels"],
        &[
            "account",
            "uitnodigen",
            "--email",
            "a@b.test",
            "--rol",
            "beheerder",
            "--organisatie",
            "Gemeente Almere",
            "--data-dir",
            "/nonexistent",
        ],
    ] {
        let uit = draai(schakel_met(&data).args(args));
        assert_eq!(invoerfout(&uit, "--regio"), verwacht, "{args:?}");
    }
    // Naming the gemeente, or the region, answers.
    let a = gelukt(&draai_stdin_met(
        &data,
        &["advies", "-"],
        &met(almere.clone(), "gemeente", json!("GM0034")).to_string(),
    ));
    assert_eq!(a["normenkader"]["regio"], "almere");
    let mut cmd = schakel_met(&data);
    cmd.env("SCHAKEL_REGIO", "almere")
        .args(["reikwijdte", "--school", "Watertuin"]);
    assert_eq!(gelukt(&draai(&mut cmd))["school"], "Watertuin");

    // One region in the data directory: it is the default.
    let tmp = tempfile::tempdir().expect("tempdir");
    let een = tmp.path().join("data");
    kopieer_map(&data.join("kalender"), &een.join("kalender"));
    kopieer_map(&data.join("regio/almere"), &een.join("regio/almere"));
    let a = gelukt(&draai_stdin_met(
        &een,
        &["advies", "-"],
        &almere.to_string(),
    ));
    assert_eq!(a["normenkader"]["regio"], "almere");
    let r = gelukt(&draai(schakel_met(&een).args([
        "reikwijdte",
        "--school",
        "Watertuin",
    ])));
    assert_eq!(r["school"], "Watertuin");
}
