//! The `rj-check` command as the service's staff use it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn rj_check(stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rj-check"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn prints_the_outcome_of_a_case_as_json() {
    let out = rj_check(
        r#"{"referrer": "police", "case_type": "restorative_justice", "responsible_age": 17, "harmed_postcode": "so23 8uj", "consent": true}"#,
    );
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        printed,
        serde_json::json!({
            "status": "redirect",
            "redirect_to": "youth_justice",
            "reasons": ["under_18_responsible"],
            "messages": ["The person who caused harm is under 18, so the Youth Justice Service works on this case, not us."]
        })
    );
}

#[test]
fn reads_a_case_from_a_file() {
    let path = std::env::temp_dir().join(format!("rj-check-{}.json", std::process::id()));
    std::fs::write(&path, r#"{"referrer": "self", "self_role": "harmed", "incident_postcode": "PO30 1AA", "incident_date": "1990-05-01"}"#).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rj-check"))
        .arg(&path)
        .output()
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["status"], "eligible");
    assert_eq!(printed["redirect_to"], serde_json::Value::Null);
}

#[test]
fn invalid_input_names_the_field_on_stderr_and_exits_2() {
    for (input, field) in [
        (r#"{"referrer": "constable"}"#, "referrer"),
        (
            r#"{"harmed_postcode": "not a postcode"}"#,
            "harmed_postcode",
        ),
        (r#"{"responsible_age": 121}"#, "responsible_age"),
        (r#"{"incident_date": "2999-01-01"}"#, "incident_date"),
        (r#"{"incident_date": "31/02/2020"}"#, "incident_date"),
        (r#"{"referrer": "police""#, "not valid JSON"),
        (r#"{"incident_date": "2999"}"#, "incident_date"),
        (r#"{"incident_date": "2999-01"}"#, "incident_date"),
        ("[]", "JSON object"),
    ] {
        let out = rj_check(input);
        assert_eq!(out.status.code(), Some(2), "{input}");
        assert!(out.stdout.is_empty(), "{input}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(field), "{input}: {err}");
    }
}

#[test]
fn absent_and_null_fields_are_unknown() {
    let out = rj_check(r#"{"referrer": null}"#);
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["reasons"], serde_json::json!(["area_unconfirmed"]));
}

#[test]
fn contradictions_and_wrong_types_are_refused_in_words_staff_can_read() {
    for (input, says) in [
        (
            r#"{"referrer": "police", "self_role": "caused_harm"}"#,
            "self_role: is only for a person referring themselves",
        ),
        (
            r#"{"self_role": "harmed"}"#,
            "self_role: is only for a person referring themselves",
        ),
        (
            r#"{"responsible_age": "seventeen"}"#,
            "responsible_age: must be a whole number of years",
        ),
        (r#"{"consent": "yes"}"#, "consent: must be true or false"),
        (
            r#"{"harmed_postcode": 5}"#,
            "harmed_postcode: must be a postcode",
        ),
        (
            r#"{"incident_date": 2019}"#,
            "incident_date: must be a date",
        ),
        (r#"{"referrer": 3}"#, "referrer: must be one of the codes"),
    ] {
        let out = rj_check(input);
        assert_eq!(out.status.code(), Some(2), "{input}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(says), "{input}: {err}");
        assert!(!err.contains("expected"), "{input}: {err}");
    }
}

#[test]
fn an_incident_date_may_be_a_year_a_month_or_a_day() {
    for date in ["2003", "2019-07", "2019-07-27", "2026", "2026-11"] {
        let out = rj_check(&format!(
            r#"{{"referrer": "self", "self_role": "harmed", "incident_postcode": "SO23", "incident_date": "{date}"}}"#
        ));
        assert!(out.status.success(), "{date}");
    }
}

#[test]
fn a_person_who_caused_harm_cannot_make_their_own_domestic_abuse_referral_victim_led() {
    let out = rj_check(
        r#"{"referrer": "self", "self_role": "caused_harm", "offence": "domestic_abuse", "initiated_by": "harmed", "incident_postcode": "SO23"}"#,
    );
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        printed["reasons"],
        serde_json::json!(["victim_led_required"])
    );
}

/// The table of cases in docs/rules.md is what rj-check answers: each row's case, then its reasons.
#[test]
fn the_readmes_cases_give_the_reasons_it_lists() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/rules.md")).unwrap();
    let rows: Vec<&str> = readme.lines().filter(|l| l.starts_with("| `{")).collect();
    assert!(rows.len() >= 8, "the README's table of cases");
    for row in rows {
        let cells: Vec<&str> = row.split(" | ").collect();
        let case = cells[0].trim_start_matches("| `").trim_end_matches('`');
        let out = rj_check(case);
        assert!(out.status.success(), "{case}");
        let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let reasons: Vec<String> = printed["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| format!("`{}`", r.as_str().unwrap()))
            .collect();
        let listed = cells[1].trim_end_matches(" |");
        let expected = if reasons.is_empty() {
            "none (eligible)".to_owned()
        } else {
            reasons.join(", ")
        };
        assert!(
            listed.starts_with(&expected),
            "{case}: README says {listed}, rj-check {expected}"
        );
    }
}
