//! The referral payload: built from every route, read back by a receiver, and refused with
//! every problem named when it is not a referral the service can take.

mod common;
use common::{today, walk};

use rj_core::referral::{Reference, Referral};
use rj_core::wizard::Field;
use rj_core::Referrer;
use serde_json::{json, Value};

const REFERENCE: &str = "RJ-7K3M-9QXP";

fn referral(given: &[(Field, &str)]) -> Referral {
    Referral {
        reference: Reference::parse(REFERENCE).unwrap(),
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
    payload["schema_version"] = json!(3);
    let fields: Vec<String> = refused(&payload).into_iter().map(|(f, _)| f).collect();
    assert!(
        fields.contains(&"reference".to_owned()) && fields.contains(&"schema_version".to_owned()),
        "{fields:?}"
    );
    assert_eq!(refused(&json!([1, 2]))[0].0, "referral");
    assert_eq!(refused(&json!({"schema_version": 1}))[0].0, "referral");
    payload["reference"] = json!(REFERENCE);
    payload["schema_version"] = json!(2);
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

#[test]
fn a_version_1_referral_with_a_uuid_reference_is_still_read_and_written_back_as_version_1() {
    let mut payload = sent(&referral(&[(Field::Referrer, "police")]));
    payload["schema_version"] = json!(1);
    payload["reference"] = json!("3f0c2a7e-9d1b-4c5a-8e2f-6b7d9a0c1e34");
    let read = Referral::from_payload(&payload, today()).unwrap();
    assert_eq!(sent(&read), payload);
    // Each version with its own kind of reference only.
    payload["schema_version"] = json!(2);
    assert_eq!(refused(&payload)[0].0, "reference");
    let mut v1 = sent(&referral(&[(Field::Referrer, "police")]));
    v1["schema_version"] = json!(1);
    assert_eq!(refused(&v1)[0].0, "reference");
}

#[test]
fn answers_of_another_json_type_than_their_question_are_refused() {
    let payload = sent(&referral(&[(Field::Referrer, "police")]));
    for (section, key, field, value) in [
        ("person", "name", "person_name", json!(42)),
        ("person", "name", "person_name", json!(["Alex"])),
        ("person", "postcode", "person_postcode", json!(23)),
        ("person", "age", "person_age", json!("42")),
        ("person", "age", "person_age", json!(4.2)),
        (
            "incident",
            "description",
            "description",
            json!({"text": "x"}),
        ),
        ("case", "type", "case_type", json!(true)),
        ("consents", "referral_and_sharing", "consent", json!(true)),
    ] {
        let mut bad = payload.clone();
        bad[section][key] = value.clone();
        let errors = Referral::from_payload(&bad, today())
            .map(|_| panic!("{section}.{key} = {value} accepted"))
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect::<Vec<_>>();
        assert!(
            errors.contains(&(field.into(), "has the wrong type".into())),
            "{section}.{key} = {value}: {errors:?}"
        );
    }
}

#[test]
fn text_with_control_or_direction_override_characters_is_refused() {
    let payload = sent(&referral(&[(Field::Referrer, "police")]));
    for hidden in [
        "\u{202E}",
        "\u{2066}",
        "\u{2028}",
        "\u{0007}",
        "\u{001B}[2J",
        "\u{0085}",
    ] {
        let mut bad = payload.clone();
        bad["person"]["name"] = json!(format!("Alex{hidden}Smith"));
        assert_eq!(refused(&bad)[0].0, "person_name", "{hidden:?}");
    }
    // Line breaks in a description, and right-to-left marks in a name, are text.
    let mut fine = payload.clone();
    fine["incident"]["description"] = json!("First line.\r\nSecond line.\tIndented.");
    fine["person"]["name"] = json!("\u{200F}\u{0633}\u{0627}\u{0631}\u{0627}");
    assert!(Referral::from_payload(&fine, today()).is_ok());
}

#[test]
fn text_is_read_in_one_unicode_form() {
    let mut payload = sent(&referral(&[(Field::Referrer, "police")]));
    // "Zoë" with a combining diaeresis reads back precomposed (NFC).
    payload["person"]["name"] = json!("Zoe\u{0308} Smith");
    let read = Referral::from_payload(&payload, today()).unwrap();
    assert_eq!(sent(&read)["person"]["name"], "Zo\u{00EB} Smith");
}

#[test]
fn a_reference_is_rj_and_eight_readable_symbols() {
    let r = Reference::from_random([0xff; 5]);
    assert_eq!(r.to_string(), "RJ-ZZZZ-ZZZZ");
    assert_eq!(Reference::from_random([0; 5]).to_string(), "RJ-0000-0000");
    let r = Reference::from_random([0x3a, 0x51, 0x9c, 0x07, 0xe4]);
    assert_eq!(Reference::parse(&r.to_string()), Ok(r));
    for bad in [
        "RJ-7K3M9QXP",
        "RJ-7K3M-9QX",
        "RJ-7K3M-9QXPP",
        "rj-7k3m-9qxp",
        "RJ-7K3I-9QXP",
        "RJ-7K3L-9QXP",
        "RJ-7K3O-9QXP",
        "RJ-7K3U-9QXP",
        "RJ-\u{1D7D7}K3M-9QXP",
        "",
        "3F0C2A7E-9D1B-4C5A-8E2F-6B7D9A0C1E34",
    ] {
        assert!(Reference::parse(bad).is_err(), "{bad:?}");
    }
}

proptest::proptest! {
    #[test]
    fn every_reference_reads_back_and_has_the_readable_shape(bytes in proptest::prelude::any::<[u8; 5]>()) {
        let reference = Reference::from_random(bytes);
        let text = reference.to_string();
        proptest::prop_assert_eq!(Reference::parse(&text), Ok(reference));
        proptest::prop_assert_eq!(text.len(), 12);
        proptest::prop_assert!(text.starts_with("RJ-") && &text[7..8] == "-");
        proptest::prop_assert!(!text[3..].contains(['I', 'L', 'O', 'U']));
    }

    #[test]
    fn parsing_any_text_as_a_reference_never_panics(text in ".{0,20}") {
        let _ = Reference::parse(&text);
    }
}

#[test]
fn a_tick_sent_as_text_is_refused() {
    let mut payload = sent(&referral(&[(Field::Referrer, "self")]));
    payload["consents"]["contact"] = json!("yes");
    let field = Field::ContactAgreement.code().to_owned();
    assert!(refused(&payload).contains(&(field, "has the wrong type".into())));
}
