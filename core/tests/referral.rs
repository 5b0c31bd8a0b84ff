//! The referral payload: built from every route, read back by a receiver, and refused with
//! every problem named when it is not a referral the service can take.

mod common;
use common::{today, walk};

use rj_core::referral::Referral;
use rj_core::wizard::Field;
use rj_core::Referrer;
use serde_json::{json, Value};

const REFERENCE: &str = "3f0c2a7e-9d1b-4c5a-8e2f-6b7d9a0c1e34";

fn referral(given: &[(Field, &str)]) -> Referral {
    Referral {
        reference: REFERENCE.into(),
        submitted_at: "2026-11-30T10:15:00.000Z".into(),
        answers: walk(given).0,
    }
}

/// The payload as the receiver gets it: written by the core, read with serde_json.
fn sent(referral: &Referral) -> Value {
    serde_json::from_str(&referral.to_payload(today()).to_string()).unwrap()
}

fn refused(payload: &Value) -> Vec<(String, String)> {
    Referral::from_payload(payload, today())
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.message))
        .collect()
}

#[test]
fn every_route_makes_a_payload_the_receiver_reads_back_the_same() {
    for code in Referrer::ALL.iter().map(|r| r.code()) {
        let payload = sent(&referral(&[(Field::Referrer, code)]));
        let read =
            Referral::from_payload(&payload, today()).unwrap_or_else(|e| panic!("{code}: {e:?}"));
        assert_eq!(sent(&read), payload, "{code}");
        assert_eq!(payload["referrer"]["type"], code);
    }
}

#[test]
fn values_are_sent_normalised_and_typed() {
    let payload = sent(&referral(&[
        (Field::Referrer, "police"),
        (Field::PersonPostcode, " so23 8uj"),
        (Field::PersonAge, "42"),
        (Field::ContactMethods, "phone,email"),
        (Field::PersonPhone, "+44 7700 900982"),
        (Field::OtherName, ""),
    ]));
    assert_eq!(payload["person"]["postcode"], "SO23 8UJ");
    assert_eq!(payload["person"]["age"], 42);
    assert_eq!(
        payload["person"]["contact_methods"],
        json!(["phone", "email"])
    );
    assert_eq!(payload["person"]["phone"], "07700900982");
    assert_eq!(payload["other_person"]["name"], Value::Null);
    assert_eq!(payload["incident"]["date"], "2020-02-01");
    assert_eq!(payload["case_type"], "restorative_justice");
    assert_eq!(payload["eligibility"]["status"], "eligible");
    assert_eq!(
        payload["eligibility"]["rules_version"],
        rj_core::RULES_VERSION
    );
}

#[test]
fn a_self_referral_carries_no_professional_details() {
    let payload = sent(&referral(&[(Field::Referrer, "self")]));
    assert_eq!(payload["referrer"], json!({"type": "self"}));
    assert_eq!(payload["consents"], json!({"contact": true}));
}

#[test]
fn the_committed_example_is_a_valid_referral() {
    let example: Value =
        serde_json::from_str(include_str!("../../schema/examples/referral.json")).unwrap();
    let read = Referral::from_payload(&example, today()).unwrap();
    assert_eq!(sent(&read), example);
}

#[test]
fn missing_invalid_and_unasked_answers_are_each_named() {
    let mut payload = sent(&referral(&[(Field::Referrer, "police")]));
    payload["person"].as_object_mut().unwrap().remove("name");
    payload["person"]["postcode"] = json!("nowhere");
    payload["case"]["yjs_reason"] = json!("nfa");
    payload["person"]["favourite_colour"] = json!("blue");
    payload["person"]["age"] = json!(false);
    let errors = refused(&payload);
    let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
    for f in [
        "person_name",
        "person_postcode",
        "yjs_reason",
        "person.favourite_colour",
        "person_age",
    ] {
        assert!(fields.contains(&f), "{f} not named in {errors:?}");
    }
    assert!(errors.contains(&(
        "person_postcode".into(),
        "Enter a real postcode, like SO23 8UJ".into()
    )));
}

#[test]
fn a_bad_envelope_is_refused() {
    let mut payload = sent(&referral(&[(Field::Referrer, "police")]));
    payload["reference"] = json!("REF-1");
    payload["schema_version"] = json!(2);
    let fields: Vec<String> = refused(&payload).into_iter().map(|(f, _)| f).collect();
    assert!(
        fields.contains(&"reference".to_owned()) && fields.contains(&"schema_version".to_owned()),
        "{fields:?}"
    );
    assert_eq!(refused(&json!([1, 2]))[0].0, "referral");
    assert_eq!(refused(&json!({"schema_version": 1}))[0].0, "referral");
    payload["reference"] = json!(REFERENCE);
    payload["schema_version"] = json!(1);
    payload["gossip"] = json!("x");
    assert_eq!(
        refused(&payload),
        vec![("gossip".into(), "is not part of a referral".into())]
    );
}

#[test]
fn a_case_the_rules_stop_is_refused_even_when_every_answer_is_valid() {
    let mut payload = sent(&referral(&[(Field::Referrer, "police")]));
    payload["case"]["oocd_condition"] = json!("yes");
    let errors = refused(&payload);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].0, "eligibility");
}

#[test]
fn a_future_incident_date_is_refused() {
    let mut payload = sent(&referral(&[(Field::Referrer, "police")]));
    payload["incident"]["date"] = json!("2026-12-01");
    assert_eq!(
        refused(&payload),
        vec![(
            "incident_date".into(),
            "Date must be today or in the past".into()
        )]
    );
}
