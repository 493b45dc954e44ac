//! `cargo bench --bench advies` — in-process `advies` vs. the same nine rows as
//! a GoRules JDM decision table evaluated by zen-engine.
//!
//! Every bench does exactly one decision per iteration, cycling through
//! `schakel_bench::sample_inputs()`, so the numbers are ns per decision.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use schakel_bench::{sample_inputs, Zen, JDM_PATH};
use zen_engine::Variable;

fn advies(c: &mut Criterion) {
    let inputs = sample_inputs();
    let mut group = c.benchmark_group("advies");

    // schakel-rules: the whole advice (row, options, dates, budgets over the
    // school calendar, obligations, reikwijdte, citations), on the same
    // inputs as the JDM table below. Typed inputs are built once.
    let regels = schakel_bench::regelset();
    let vragen: Vec<_> = schakel_bench::advies_vragen(&regels, &inputs).into_iter().flatten().collect();
    let mut i = 0usize;
    group.bench_function("schakel_rules", |b| {
        b.iter(|| {
            let vraag = &vragen[i % vragen.len()];
            i += 1;
            black_box(regels.advies(black_box(vraag)).is_ok())
        })
    });

    // zen-engine, decision created and compiled once; includes the
    // serde_json::Value -> Variable -> Value conversions.
    let zen = Zen::load(JDM_PATH);
    let mut i = 0usize;
    group.bench_function("zen_jdm", |b| {
        b.iter(|| {
            let input = &inputs[i % inputs.len()];
            i += 1;
            black_box(zen.decide(black_box(input)))
        })
    });

    // Same, but inputs pre-converted to zen `Variable`s and the output left
    // as a `Variable` (engine cost only). Cloning a Variable is an Rc bump.
    let vars: Vec<Variable> = inputs.iter().map(Variable::from).collect();
    let mut i = 0usize;
    group.bench_function("zen_jdm_variable", |b| {
        b.iter(|| {
            let input = vars[i % vars.len()].clone();
            i += 1;
            black_box(zen.decide_variable(black_box(input)))
        })
    });

    // Without `Decision::compile()`: zen parses/compiles the cell
    // expressions on every evaluation.
    let zen_uncompiled = Zen::load_with(JDM_PATH, false);
    let mut i = 0usize;
    group.bench_function("zen_jdm_uncompiled", |b| {
        b.iter(|| {
            let input = &inputs[i % inputs.len()];
            i += 1;
            black_box(zen_uncompiled.decide(black_box(input)))
        })
    });

    group.finish();
}

criterion_group!(benches, advies);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    schakel_bench::rapporteer_verhouding();
}
