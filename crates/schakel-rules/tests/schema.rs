//! The rule-file schema (`data/schema/normenkader.schema.json`, JSON
//! Schema 2020-12) accepts every shipped normenkader file and the test
//! fixtures, and refuses what the loader refuses by shape: an editor that
//! validates against it sees the same mistakes before `schakel regels`.

mod common;

use std::path::{Path, PathBuf};

use common::data_map;
use serde_json::Value;

fn schema() -> jsonschema::Validator {
    schema_uit("normenkader.schema.json")
}

fn schema_uit(naam: &str) -> jsonschema::Validator {
    let tekst = std::fs::read_to_string(data_map().join("schema").join(naam))
        .expect("the schema is shipped");
    let schema: Value = serde_json::from_str(&tekst).expect("the schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("a valid JSON Schema")
}

/// TOML as the schema sees it: dates become "YYYY-MM-DD" strings, as an
/// editor's TOML-to-JSON mapping gives them.
fn als_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(als_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, als_json(v))).collect())
        }
    }
}

fn lees(pad: &Path) -> Value {
    let tekst = std::fs::read_to_string(pad).expect("rule file");
    als_json(toml::from_str(&tekst).unwrap_or_else(|e| panic!("{}: {e}", pad.display())))
}

/// Every `regio/*/normenkader/*.toml` under `map`.
fn regelbestanden(map: &Path) -> Vec<PathBuf> {
    let mut uit = Vec::new();
    for regio in std::fs::read_dir(map.join("regio")).expect("regio folder") {
        let kaders = regio.expect("entry").path().join("normenkader");
        if !kaders.is_dir() {
            // A region without rules (data/regio/zeewolde).
            continue;
        }
        for f in std::fs::read_dir(kaders).expect("normenkader folder") {
            let pad = f.expect("entry").path();
            if pad.extension().is_some_and(|e| e == "toml") {
                uit.push(pad);
            }
        }
    }
    uit.sort();
    uit
}

fn fouten(schema: &jsonschema::Validator, v: &Value) -> Vec<String> {
    schema
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn elk_geleverd_regelbestand_past_in_het_schema() {
    let schema = schema();
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut bestanden = regelbestanden(&data_map());
    assert!(
        bestanden
            .iter()
            .any(|p| p.ends_with("almere/normenkader/2025-08-01.toml")),
        "{bestanden:?}"
    );
    bestanden.extend(regelbestanden(&fixtures));
    assert!(bestanden.len() >= 2, "{bestanden:?}");
    for pad in bestanden {
        assert_eq!(
            fouten(&schema, &lees(&pad)),
            Vec::<String>::new(),
            "{}",
            pad.display()
        );
    }
}

#[test]
fn het_schema_weigert_wat_de_lader_weigert() {
    let schema = schema();
    let goed = lees(&data_map().join("regio/almere/normenkader/2025-08-01.toml"));
    let weigert = |pas: &dyn Fn(&mut Value), verwacht: &str| {
        let mut v = goed.clone();
        pas(&mut v);
        let f = fouten(&schema, &v);
        assert!(
            f.iter().any(|f| f.contains(verwacht)),
            "expected an error with {verwacht:?}, got {f:?}"
        );
    };
    weigert(
        &|v| v["rij"][0]["situatie"] = "Volledig onderwijs".into(),
        "/rij/0/situatie",
    );
    weigert(
        &|v| v["rij"][0]["onbekend_veld"] = true.into(),
        "onbekend_veld",
    );
    weigert(&|v| v["vakantieregio"] = "oost".into(), "/vakantieregio");
    weigert(
        &|v| v["rij"][0]["optie"][0]["periode"]["soort"] = "eeuw".into(),
        "/rij/0/optie/0/periode",
    );
    weigert(
        &|v| v["rij"][0]["optie"][0]["inzet"][0]["eenheid"] = "minuut".into(),
        "/rij/0/optie/0/inzet/0/eenheid",
    );
    weigert(
        &|v| v["reikwijdte"][0]["waarden"]["Watertuin"] = "JOA".into(),
        "/reikwijdte/0/waarden/Watertuin",
    );
    weigert(
        &|v| v["geldig_vanaf"] = "1 augustus 2025".into(),
        "/geldig_vanaf",
    );
    weigert(&|v| v["situatie"] = Value::Array(Vec::new()), "/situatie");
    weigert(
        &|v| {
            v.as_object_mut().expect("object").remove("situatie");
        },
        "situatie",
    );
    weigert(
        &|v| {
            v["situatie"][0]
                .as_object_mut()
                .expect("object")
                .remove("naam");
        },
        "/situatie/0",
    );
    weigert(
        &|v| v["rij"][0]["schooldagdelen"] = serde_json::json!({"vanaf": 10}),
        "/rij/0/schooldagdelen",
    );
    weigert(
        &|v| {
            v["rij"][0].as_object_mut().expect("object").remove("bron");
        },
        "/rij/0",
    );
}

/// Every `regio/*/regio.toml` under `map`.
fn regiobestanden(map: &Path) -> Vec<PathBuf> {
    let mut uit: Vec<PathBuf> = std::fs::read_dir(map.join("regio"))
        .expect("regio folder")
        .map(|r| r.expect("entry").path().join("regio.toml"))
        .collect();
    uit.sort();
    uit
}

/// `data/schema/regio.schema.json` accepts every shipped region file (and
/// the fixtures'); every region folder has one.
#[test]
fn elk_geleverd_regiobestand_past_in_het_schema() {
    let schema = schema_uit("regio.schema.json");
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut bestanden = regiobestanden(&data_map());
    for verwacht in ["almere/regio.toml", "zeewolde/regio.toml"] {
        assert!(
            bestanden.iter().any(|p| p.ends_with(verwacht)),
            "{verwacht} in {bestanden:?}"
        );
    }
    bestanden.extend(regiobestanden(&fixtures));
    for pad in bestanden {
        assert!(pad.is_file(), "{} is missing", pad.display());
        assert_eq!(
            fouten(&schema, &lees(&pad)),
            Vec::<String>::new(),
            "{}",
            pad.display()
        );
    }
}

#[test]
fn het_regioschema_weigert_verkeerde_vorm() {
    let schema = schema_uit("regio.schema.json");
    let goed = lees(&data_map().join("regio/zeewolde/regio.toml"));
    assert_eq!(fouten(&schema, &goed), Vec::<String>::new());
    let weigert = |pas: &dyn Fn(&mut Value), verwacht: &str| {
        let mut v = goed.clone();
        pas(&mut v);
        let f = fouten(&schema, &v);
        assert!(
            f.iter().any(|f| f.contains(verwacht)),
            "expected an error with {verwacht:?}, got {f:?}"
        );
    };
    weigert(&|v| v["route"] = "snelweg".into(), "/route");
    weigert(&|v| v["code"] = "Zeewolde".into(), "/code");
    weigert(
        &|v| v["gemeente"][0]["code"] = "0050".into(),
        "/gemeente/0/code",
    );
    weigert(
        &|v| v["gemeente"][0]["kalenderregio"] = "oost".into(),
        "/gemeente/0/kalenderregio",
    );
    weigert(&|v| v["gemeente"] = Value::Array(Vec::new()), "/gemeente");
    weigert(&|v| v["normenkader"] = true.into(), "normenkader");
}
