//! Benchmark support: the Almere normenkader rows encoded as a GoRules JDM
//! decision table (`jdm/almere-normenkader.json`), evaluated with `zen-engine`.
//!
//! This crate is its own cargo workspace so that `zen-engine` (and its large
//! dependency tree) stays out of the main workspace's default build.

use std::path::Path;

use serde_json::{json, Value};
use zen_engine::model::DecisionContent;
use zen_engine::{Decision, DecisionEngine, Variable};

/// Path of the JDM graph shipped with this crate.
pub const JDM_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/jdm/almere-normenkader.json");

/// Output fields of the decision table, in column order.
pub const OUTPUT_FIELDS: [&str; 3] = ["rij", "beschikking_nodig", "regie"];

/// A loaded (and pre-compiled) zen-engine decision.
pub struct Zen {
    decision: Decision,
}

impl Zen {
    /// Loads a JDM graph from `path` and pre-compiles it (expressions and
    /// decision-table indexes) so evaluation does no parsing. Panics on any
    /// I/O, parse or content-kind error: this is bench/test code.
    pub fn load(path: impl AsRef<Path>) -> Zen {
        Self::load_with(path, true)
    }

    /// Like [`Zen::load`], but `compile = false` skips `Decision::compile()`,
    /// so zen compiles the cell expressions during every evaluation.
    pub fn load_with(path: impl AsRef<Path>, compile: bool) -> Zen {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let content: DecisionContent = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("invalid JDM in {}: {e}", path.display()));
        let mut decision = DecisionEngine::default()
            .create_decision(content.into())
            .unwrap_or_else(|e| panic!("{} is not a graph decision: {e:?}", path.display()));
        decision
            .validate()
            .unwrap_or_else(|e| panic!("invalid graph in {}: {e:?}", path.display()));
        if compile {
            decision.compile();
        }
        Zen { decision }
    }

    /// Evaluates one input (blocking). Returns
    /// `{"rij": .., "beschikking_nodig": .., "regie": ..}` with all three keys
    /// always present (missing ones filled in as `null`, see below).
    pub fn decide(&self, input: &Value) -> Value {
        let mut out = self.decide_variable(Variable::from(input)).to_value();
        if let Value::Object(map) = &mut out {
            for key in OUTPUT_FIELDS {
                if !map.contains_key(key) {
                    map.insert(key.to_owned(), Value::Null);
                }
            }
        }
        out
    }

    /// Raw evaluation, without the serde_json <-> zen `Variable` conversions.
    ///
    /// Note: zen merges node outputs JSON-merge-patch style, so an output cell
    /// that evaluates to `null` *removes* the key: `regie: null` rows and the
    /// catch-all row come back without those keys (catch-all gives `{}`).
    pub fn decide_variable(&self, input: Variable) -> Variable {
        futures::executor::block_on(self.decision.evaluate(input))
            .unwrap_or_else(|e| panic!("zen evaluation failed: {e:?}"))
            .result
    }
}

fn case(situatie: &str, leeftijd: u32, tlv: bool, school: &str) -> Value {
    json!({
        "onderwijssituatie": situatie,
        "leeftijd": leeftijd,
        "tlv": tlv,
        "school": school,
    })
}

/// Fixed inputs with the `rij` the normenkader prescribes (`None` = no row).
/// Covers every row plus boundary / no-match cases.
pub fn sample_cases() -> Vec<(Value, Option<&'static str>)> {
    vec![
        (
            case("volledig_onderwijs", 4, false, ""),
            Some("almere.rij.volledig_onderwijs"),
        ),
        (case("volledig_onderwijs", 3, false, ""), None),
        (
            case("nog_niet_ingeschreven", 4, false, ""),
            Some("almere.rij.nog_niet_ingeschreven"),
        ),
        (case("nog_niet_ingeschreven", 5, false, ""), None),
        (
            case("onderwijsperspectief", 12, false, "watertuin"),
            Some("almere.rij.onderwijsperspectief"),
        ),
        (
            case("dreigende_thuiszitter", 15, true, ""),
            Some("almere.rij.dreigende_thuiszitter"),
        ),
        (
            case("ontheffing_leerplicht", 5, false, ""),
            Some("almere.rij.ontheffing_leerplicht"),
        ),
        (case("ontheffing_leerplicht", 4, false, ""), None),
        (
            case("op_weg_naar_school", 6, false, ""),
            Some("almere.rij.op_weg_naar_school"),
        ),
        (case("joa", 12, true, "triangel"), Some("almere.rij.joa")),
        (case("joa", 4, true, "kwekerij"), Some("almere.rij.joa")),
        (case("joa", 7, true, "tamboerijn"), Some("almere.rij.joa")),
        (case("joa", 13, true, "tamboerijn"), None),
        (case("joa", 8, false, "kwekerij"), None),
        (case("joa", 8, true, ""), None),
        (case("oja", 17, false, "watertuin"), Some("almere.rij.oja")),
        (case("oja", 10, true, "opdc"), Some("almere.rij.oja")),
        (case("oja", 4, false, "bombardon"), Some("almere.rij.oja")),
        (case("oja", 18, false, "pro"), None),
        (case("oja", 9, false, "triangel"), None),
        (case("kolibrie", 4, true, ""), Some("almere.rij.kolibrie")),
        (case("kolibrie", 9, false, ""), None),
        (case("kolibrie", 13, true, ""), None),
        (case("onbekend", 10, true, "pro"), None),
    ]
}

/// The inputs of [`sample_cases`], in the same order.
pub fn sample_inputs() -> Vec<Value> {
    sample_cases().into_iter().map(|(input, _)| input).collect()
}

/// The shipped rule set, loaded from the repository's `data/`.
pub fn regelset() -> schakel_rules::Regelset {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    schakel_rules::Regelset::laad(&data, "almere").expect("shipped rules load")
}

/// The JDM sample inputs as typed advice questions: a child of `leeftijd`
/// whole years (born `leeftijd` years and 3 months before) on 2026-11-23.
/// `None` for an onderwijssituatie the rule set does not declare (the JDM
/// table's "onbekend" sample: an input error before any rule runs).
pub fn advies_vragen(
    regels: &schakel_rules::Regelset,
    inputs: &[Value],
) -> Vec<Option<schakel_rules::AdviesVraag>> {
    let peildatum = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    inputs
        .iter()
        .map(|v| {
            let leeftijd = v["leeftijd"].as_u64().expect("leeftijd") as u32;
            let school = v["school"].as_str().filter(|s| !s.is_empty()).map(String::from);
            Some(schakel_rules::AdviesVraag {
                geboortedatum: peildatum - chrono::Months::new(12 * leeftijd + 3),
                peildatum,
                situatie: regels.situaties().parse(v["onderwijssituatie"].as_str()?)?,
                school,
                tlv: v["tlv"].as_bool().unwrap_or(false),
                schooldagdelen: 0,
            })
        })
        .collect()
}

fn mediaan_ns(bench: &str) -> Option<f64> {
    let pad = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion/advies").join(bench).join("new/estimates.json");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(pad).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

/// Prints the medians of this run and the zen / schakel ratio.
pub fn rapporteer_verhouding() {
    let (Some(ons), Some(zen)) = (mediaan_ns("schakel_rules"), mediaan_ns("zen_jdm")) else {
        return;
    };
    println!();
    println!("schakel_rules median: {:.0} ns per advice ({:.0} advices/s)", ons, 1e9 / ons);
    println!("zen_jdm       median: {:.0} ns per decision ({:.0} decisions/s)", zen, 1e9 / zen);
    println!("ratio zen_jdm / schakel_rules: {:.1}x", zen / ons);
}
