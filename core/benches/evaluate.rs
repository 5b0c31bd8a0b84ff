//! `cargo bench -p rj-core`: prints the cost of one `evaluate` and of one postcode lookup.
//! A plain timing loop (no benchmark framework) keeps the core's dependencies small.

use std::hint::black_box;
use std::time::Instant;

use rj_core::{evaluate, lookup, parse_case, Date, Postcode};

fn time(name: &str, iterations: u32, mut f: impl FnMut()) {
    for _ in 0..iterations / 10 {
        f();
    }
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    let per = start.elapsed().as_nanos() as f64 / f64::from(iterations);
    println!("{name:<40} {per:>10.1} ns/iter  ({iterations} iterations)");
}

fn main() {
    let today = Date::new(2026, 11, 30).unwrap();
    let facts = parse_case(
        r#"{"referrer": "probation", "case_type": "restorative_justice", "responsible_age": 17,
            "offence": "domestic_abuse", "initiated_by": "caused_harm", "harmed_postcode": "PO10 7AA",
            "responsible_postcode": "BH1 1AA", "incident_postcode": "SP11 1AA", "court_stage": "pre_sentence",
            "consent": false, "supervised_in_area": false, "expressed_interest": false}"#,
        today,
    )
    .unwrap();
    let postcode = Postcode::parse("SP11 1AA").unwrap();
    println!("goal: one evaluate under 5 µs (5000 ns)");
    time("evaluate (many rules firing)", 1_000_000, || {
        black_box(evaluate(black_box(&facts)));
    });
    time("area lookup (SP11, late in the table)", 10_000_000, || {
        black_box(lookup(black_box(&postcode)));
    });
    time("postcode parse + lookup", 1_000_000, || {
        black_box(lookup(&Postcode::parse(black_box(" sp11 1aa ")).unwrap()));
    });
}
