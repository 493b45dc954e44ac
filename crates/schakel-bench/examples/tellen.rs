//! `cargo run --release --example tellen -- N`: N advices over the bench's
//! sample questions, nothing else, for counting instructions per advice
//! with `valgrind --tool=callgrind` where a shared machine makes wall-clock
//! medians too noisy to compare two builds (BENCHMARKS.md).

use std::hint::black_box;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().expect("N: a whole number"))
        .unwrap_or(100_000);
    let regels = schakel_bench::regelset();
    let inputs = schakel_bench::sample_inputs();
    let vragen: Vec<_> = schakel_bench::advies_vragen(&regels, &inputs)
        .into_iter()
        .flatten()
        .collect();
    let mut goed = 0usize;
    for i in 0..n {
        goed += usize::from(regels.advies(black_box(&vragen[i % vragen.len()])).is_ok());
    }
    println!("{goed} of {n} advices");
}
