//! Proves the JDM decision table equals the normenkader row conditions.

use schakel_bench::{sample_cases, sample_inputs, Zen, JDM_PATH};
use serde_json::{json, Value};

fn rij(out: &Value) -> Option<&str> {
    out.get("rij").and_then(Value::as_str)
}

#[test]
fn every_sample_gets_the_expected_rij() {
    let zen = Zen::load(JDM_PATH);
    let cases = sample_cases();
    assert_eq!(cases.len(), sample_inputs().len());
    let mut failures = Vec::new();
    for (input, expected) in &cases {
        let out = zen.decide(input);
        if rij(&out) != *expected {
            failures.push(format!("{input} -> {out}, expected rij {expected:?}"));
        }
    }
    assert!(failures.is_empty(), "mismatches:\n{}", failures.join("\n"));
}

#[test]
fn every_row_is_covered_by_the_samples() {
    let covered: Vec<&str> = sample_cases().iter().filter_map(|(_, r)| *r).collect();
    for row in [
        "volledig_onderwijs",
        "nog_niet_ingeschreven",
        "onderwijsperspectief",
        "dreigende_thuiszitter",
        "ontheffing_leerplicht",
        "op_weg_naar_school",
        "joa",
        "oja",
        "kolibrie",
    ] {
        let id = format!("almere.rij.{row}");
        assert!(covered.contains(&id.as_str()), "no sample hits {id}");
    }
    assert!(
        sample_cases().iter().any(|(_, r)| r.is_none()),
        "no no-match sample"
    );
}

#[test]
fn full_outputs() {
    let zen = Zen::load(JDM_PATH);
    let input = |s: &str, l: u32, t: bool, sc: &str| json!({"onderwijssituatie": s, "leeftijd": l, "tlv": t, "school": sc});
    assert_eq!(
        zen.decide(&input("volledig_onderwijs", 10, false, "")),
        json!({"rij": "almere.rij.volledig_onderwijs", "beschikking_nodig": true, "regie": null})
    );
    assert_eq!(
        zen.decide(&input("dreigende_thuiszitter", 4, false, "")),
        json!({"rij": "almere.rij.dreigende_thuiszitter", "beschikking_nodig": true, "regie": "onderwijs"})
    );
    assert_eq!(
        zen.decide(&input("ontheffing_leerplicht", 6, false, "")),
        json!({"rij": "almere.rij.ontheffing_leerplicht", "beschikking_nodig": true, "regie": "jeugdhulp"})
    );
    assert_eq!(
        zen.decide(&input("joa", 12, true, "kwekerij")),
        json!({"rij": "almere.rij.joa", "beschikking_nodig": false, "regie": null})
    );
    assert_eq!(
        zen.decide(&input("oja", 17, false, "bombardon")),
        json!({"rij": "almere.rij.oja", "beschikking_nodig": false, "regie": "hoofdaanbieder"})
    );
    assert_eq!(
        zen.decide(&input("kolibrie", 12, true, "")),
        json!({"rij": "almere.rij.kolibrie", "beschikking_nodig": true, "regie": null})
    );
    // Catch-all row: every output field is null (filled in by `decide`;
    // zen itself returns `{}` because null outputs are merge-patch deletes).
    assert_eq!(
        zen.decide(&input("kolibrie", 12, false, "")),
        json!({"rij": null, "beschikking_nodig": null, "regie": null})
    );
}

#[test]
fn uncompiled_decision_agrees() {
    let compiled = Zen::load(JDM_PATH);
    let uncompiled = Zen::load_with(JDM_PATH, false);
    for input in sample_inputs() {
        assert_eq!(
            compiled.decide(&input),
            uncompiled.decide(&input),
            "{input}"
        );
    }
}

/// The `zen_jdm_variable` bench reuses (shallow-cloned, Rc-shared) input
/// Variables; make sure evaluation does not mutate them.
#[test]
fn evaluation_does_not_mutate_shared_input() {
    let zen = Zen::load(JDM_PATH);
    for (input, expected) in sample_cases() {
        let var = zen_engine::Variable::from(&input);
        for _ in 0..3 {
            let out: Value = zen.decide_variable(var.clone()).to_value();
            assert_eq!(rij(&out), expected, "{input}");
        }
        assert_eq!(var.to_value(), input);
    }
}

/// Documents the zen behaviour `decide` papers over.
#[test]
fn raw_zen_drops_null_outputs() {
    let zen = Zen::load(JDM_PATH);
    let raw = |v: Value| -> Value {
        zen.decide_variable(zen_engine::Variable::from(&v))
            .to_value()
    };
    assert_eq!(
        raw(json!({"onderwijssituatie": "kolibrie", "leeftijd": 4, "tlv": true, "school": ""})),
        json!({"rij": "almere.rij.kolibrie", "beschikking_nodig": true})
    );
    assert_eq!(
        raw(json!({"onderwijssituatie": "onbekend", "leeftijd": 4, "tlv": true, "school": ""})),
        json!({})
    );
}

/// Schakel's own engine picks the same row as the JDM table for every input,
/// so the benchmark compares like with like.
#[test]
fn schakel_rules_kiest_dezelfde_rij() {
    let regels = schakel_bench::regelset();
    let cases = schakel_bench::sample_cases();
    let inputs: Vec<_> = cases.iter().map(|(i, _)| i.clone()).collect();
    for ((input, verwacht), vraag) in cases.iter().zip(schakel_bench::advies_vragen(&regels, &inputs)) {
        // Input errors (unknown situation, oja at a JOA group, joa without a
        // school) are "no row" in the JDM table.
        let rij = vraag.and_then(|v| regels.advies(&v).ok()).and_then(|a| a.bronnen.first().map(|s| s.to_string()).filter(|_| a.situatie.is_some()));
        assert_eq!(rij.as_deref(), *verwacht, "{input}");
    }
}
