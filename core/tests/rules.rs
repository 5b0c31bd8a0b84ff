//! Every rule of the service's page, both sides of every boundary, and the combinations of two
//! reasons whose order matters. Cases are written as `rj-check` would read them.

use proptest::prelude::*;
use rj_core::{evaluate, parse_case, Date, Facts, Outcome, Reason, RedirectTo, Status};

fn today() -> Date {
    Date::new(2026, 11, 30).unwrap()
}

/// A case that connects to the area and meets every criterion, with `json` merged over it.
fn case(json: &str) -> Outcome {
    let mut base: serde_json::Value = serde_json::json!({
        "referrer": "police", "case_type": "restorative_justice", "oocd_condition": false,
        "responsible_age": 30, "harmed_age": 40, "offence": "other", "initiated_by": "harmed",
        "harmed_postcode": "SO23 8UJ", "court_stage": "sentenced", "consent": true
    });
    let overrides: serde_json::Value = serde_json::from_str(json).unwrap();
    for (k, v) in overrides.as_object().unwrap() {
        base[k] = v.clone();
    }
    evaluate(&parse_case(&base.to_string(), today()).unwrap())
}

fn reasons(json: &str) -> Vec<Reason> {
    case(json).reasons
}

#[test]
fn a_complete_police_referral_in_the_area_is_eligible() {
    let outcome = case("{}");
    assert_eq!(outcome.status(), Status::Eligible);
    assert_eq!(outcome.redirect_to(), None);
    assert!(!outcome.stops_referral());
}

#[test]
fn no_facts_at_all_only_lacks_an_area_connection() {
    assert_eq!(
        evaluate(&Facts::default()).reasons,
        vec![Reason::AreaUnconfirmed]
    );
}

#[test]
fn an_out_of_court_disposal_condition_goes_to_the_out_of_court_team() {
    let outcome = case(r#"{"oocd_condition": true}"#);
    assert_eq!(outcome.reasons, vec![Reason::OocdAutomatic]);
    assert_eq!(outcome.status(), Status::Redirect);
    assert_eq!(outcome.redirect_to(), Some(RedirectTo::OutOfCourtTeam));
    // Only the police refer with an Out of Court Disposal.
    assert_eq!(
        reasons(r#"{"referrer": "support_service", "oocd_condition": true}"#),
        vec![]
    );
}

#[test]
fn a_person_who_caused_harm_aged_17_goes_to_the_youth_justice_service() {
    let outcome = case(r#"{"responsible_age": 17}"#);
    assert_eq!(outcome.reasons, vec![Reason::Under18Responsible]);
    assert_eq!(outcome.redirect_to(), Some(RedirectTo::YouthJustice));
    assert_eq!(reasons(r#"{"responsible_age": 18}"#), vec![]);
    assert_eq!(
        reasons(r#"{"responsible_age": 0}"#),
        vec![Reason::Under18Responsible]
    );
}

#[test]
fn who_caused_harm_must_be_18_in_rj_and_asb_cases_and_wherever_a_crime_was_committed() {
    for (json, under_18) in [
        (r#"{"case_type": "asb"}"#, true),
        (r#"{"case_type": "mediation", "offence": "other"}"#, true),
        (
            r#"{"case_type": "mediation", "offence": "domestic_abuse", "initiated_by": "harmed"}"#,
            true,
        ),
        (r#"{"case_type": null, "offence": "other"}"#, true),
        // A mediation where no crime was committed has no age rule.
        (r#"{"case_type": "mediation", "offence": "none"}"#, false),
        (r#"{"case_type": "mediation", "offence": null}"#, false),
        (r#"{"case_type": null, "offence": null}"#, false),
    ] {
        for (age, expected) in [(17, under_18), (18, false)] {
            let mut facts: serde_json::Value = serde_json::from_str(json).unwrap();
            facts["responsible_age"] = age.into();
            let got = reasons(&facts.to_string()).contains(&Reason::Under18Responsible);
            assert_eq!(got, expected, "{json} aged {age}");
        }
    }
}

#[test]
fn every_probation_referral_needs_the_person_who_caused_harm_to_be_18() {
    for case_type in ["restorative_justice", "mediation", "asb"] {
        for (age, expected) in [(17, vec![Reason::Under18Responsible]), (18, vec![])] {
            let json = format!(
                r#"{{"case_type": "{case_type}", "offence": "none", "responsible_age": {age}, "supervised_in_area": true, "expressed_interest": true}}"#
            );
            assert_eq!(probation(&json), expected, "{case_type} aged {age}");
        }
    }
}

#[test]
fn people_harmed_may_be_any_age_and_a_child_is_taken_with_a_note() {
    for (age, expected) in [
        (0, vec![Reason::YoungHarmedPerson]),
        (5, vec![Reason::YoungHarmedPerson]),
        (17, vec![Reason::YoungHarmedPerson]),
        (18, vec![]),
        (120, vec![]),
    ] {
        let outcome = case(&format!(r#"{{"harmed_age": {age}}}"#));
        assert_eq!(outcome.reasons, expected, "{age}");
        assert!(!outcome.stops_referral());
    }
    assert_eq!(
        case(r#"{"harmed_age": 9}"#).status(),
        Status::EligibleWithNotes
    );
}

#[test]
fn a_person_under_18_referring_themselves_is_told_we_call_them_first() {
    for (role, age_field) in [
        ("harmed", "harmed_age"),
        ("in_conflict", "harmed_age"),
        ("caused_harm", "responsible_age"),
    ] {
        for (age, young) in [(17, true), (18, false)] {
            let json = format!(
                r#"{{"referrer": "self", "self_role": "{role}", "case_type": "mediation", "offence": "none", "responsible_age": null, "{age_field}": {age}}}"#
            );
            let got = reasons(&json).contains(&Reason::YoungSelfReferral);
            assert_eq!(got, young, "{role} aged {age}");
        }
    }
    // A professional's referral of a young person gets no words meant for the young person.
    assert!(!reasons(r#"{"harmed_age": 15}"#).contains(&Reason::YoungSelfReferral));
}

#[test]
fn the_youth_justice_service_is_never_sent_back_to_itself() {
    for why in ["nfa", "not_ready_under_supervision", "other"] {
        let json = format!(
            r#"{{"referrer": "youth_justice", "yjs_reason": "{why}", "responsible_age": 15}}"#
        );
        assert_eq!(reasons(&json), vec![], "{why}");
    }
    let unsaid = r#"{"referrer": "youth_justice", "yjs_reason": null, "responsible_age": 15}"#;
    assert_eq!(reasons(unsaid), vec![]);
    // The exception is the Youth Justice Service's own: another referrer giving a reason gains nothing.
    let police = r#"{"referrer": "police", "yjs_reason": "nfa", "responsible_age": 15}"#;
    assert_eq!(reasons(police), vec![Reason::Under18Responsible]);
}

#[test]
fn a_young_person_turning_18_during_the_case_is_co_facilitated() {
    for age in [17, 18] {
        let json = format!(
            r#"{{"referrer": "youth_justice", "yjs_reason": "turned_18_ongoing", "responsible_age": {age}}}"#
        );
        let outcome = case(&json);
        assert_eq!(outcome.reasons, vec![Reason::YjsCoFacilitation], "{age}");
        assert_eq!(outcome.status(), Status::EligibleWithNotes);
    }
}

#[test]
fn domestic_abuse_and_sexual_violence_must_be_victim_led() {
    for offence in ["domestic_abuse", "sexual_violence"] {
        for (by, expected) in [
            ("harmed", vec![]),
            ("both", vec![]),
            ("caused_harm", vec![Reason::VictimLedRequired]),
            ("unknown", vec![Reason::VictimLedRequired]),
        ] {
            let json = format!(r#"{{"offence": "{offence}", "initiated_by": "{by}"}}"#);
            assert_eq!(reasons(&json), expected, "{offence} started by {by}");
        }
    }
    assert_eq!(
        case(r#"{"offence": "domestic_abuse", "initiated_by": "caused_harm"}"#).status(),
        Status::NotEligible
    );
    // Other offences may be started by anyone.
    assert_eq!(
        reasons(r#"{"offence": "other", "initiated_by": "caused_harm"}"#),
        vec![]
    );
    assert_eq!(
        reasons(r#"{"offence": "none", "initiated_by": "unknown"}"#),
        vec![]
    );
}

#[test]
fn a_self_referral_is_victim_led_only_when_the_person_was_harmed() {
    for offence in ["domestic_abuse", "sexual_violence"] {
        for (role, victim_led) in [
            ("harmed", true),
            ("caused_harm", false),
            ("in_conflict", false),
        ] {
            // No answer to "who asked" changes what the person's own role says.
            for by in [
                "null",
                r#""harmed""#,
                r#""both""#,
                r#""caused_harm""#,
                r#""unknown""#,
            ] {
                let json = format!(
                    r#"{{"referrer": "self", "self_role": "{role}", "initiated_by": {by}, "offence": "{offence}"}}"#
                );
                let stopped = reasons(&json).contains(&Reason::VictimLedRequired);
                assert_eq!(stopped, !victim_led, "{offence}, {role}, who asked {by}");
            }
        }
    }
    // Other offences may be referred by anyone.
    let other = r#"{"referrer": "self", "self_role": "in_conflict", "initiated_by": null, "offence": "other"}"#;
    assert_eq!(reasons(other), vec![]);
}

#[test]
fn the_victim_led_stop_does_not_tell_a_person_who_caused_harm_to_get_the_victim_to_refer() {
    let own = Reason::VictimLedRequired.next_step_for(true);
    assert!(own.contains("do not contact the other person"), "{own}");
    let professional = Reason::VictimLedRequired.next_step_for(false);
    assert!(professional.contains("do not raise"), "{professional}");
    for words in [own, professional, Reason::VictimLedRequired.message()] {
        assert!(!words.contains("can refer"), "{words}");
    }
}

#[test]
fn domestic_abuse_or_sexual_violence_offered_as_mediation_is_noted_and_still_victim_led() {
    for offence in ["domestic_abuse", "sexual_violence"] {
        let json = format!(r#"{{"case_type": "mediation", "offence": "{offence}"}}"#);
        assert_eq!(reasons(&json), vec![Reason::AbuseNotMediation], "{offence}");
        assert_eq!(case(&json).status(), Status::EligibleWithNotes);
        let led_by_other = format!(
            r#"{{"case_type": "mediation", "offence": "{offence}", "initiated_by": "caused_harm"}}"#
        );
        assert_eq!(
            reasons(&led_by_other),
            vec![Reason::VictimLedRequired, Reason::AbuseNotMediation]
        );
        let as_rj = format!(r#"{{"case_type": "restorative_justice", "offence": "{offence}"}}"#);
        assert_eq!(reasons(&as_rj), vec![]);
    }
    assert_eq!(
        reasons(r#"{"case_type": "mediation", "offence": "other"}"#),
        vec![]
    );
}

#[test]
fn one_place_in_the_area_connects_the_case() {
    for field in [
        "harmed_postcode",
        "responsible_postcode",
        "incident_postcode",
    ] {
        let json = format!(
            r#"{{"harmed_postcode": "BH1 1AA", "responsible_postcode": "PO19 1AA", "incident_postcode": "GU1 1AA", "{field}": "PO30 1AA"}}"#
        );
        assert_eq!(reasons(&json), vec![], "{field}");
    }
}

#[test]
fn all_three_places_outside_the_area_sends_the_person_to_their_local_service() {
    let outcome = case(
        r#"{"harmed_postcode": "BH1 1AA", "responsible_postcode": "PO19 1AA", "incident_postcode": "SP1"}"#,
    );
    assert_eq!(outcome.reasons, vec![Reason::OutsideArea]);
    assert_eq!(outcome.status(), Status::NotEligible);
    assert_eq!(outcome.redirect_to(), Some(RedirectTo::LocalRjService));
}

#[test]
fn a_border_or_unknown_place_leaves_the_area_unconfirmed() {
    let border = r#"{"harmed_postcode": "BH1 1AA", "responsible_postcode": "PO10 7AA", "incident_postcode": "SP1"}"#;
    assert_eq!(reasons(border), vec![Reason::AreaUnconfirmed]);
    let unknown = r#"{"harmed_postcode": "BH1 1AA", "responsible_postcode": null, "incident_postcode": "SP1"}"#;
    assert_eq!(reasons(unknown), vec![Reason::AreaUnconfirmed]);
    assert_eq!(case(unknown).status(), Status::EligibleWithNotes);
}

#[test]
fn the_persons_word_settles_a_border_postcode() {
    let border = r#"{"harmed_postcode": "PO10 7AA", "responsible_postcode": "BH1 1AA", "incident_postcode": "SP1", "harmed_address_in_area": true}"#;
    assert_eq!(reasons(border), vec![]);
    let said_no = r#"{"harmed_postcode": "PO10 7AA", "responsible_postcode": "BH1 1AA", "incident_postcode": "SP1", "harmed_address_in_area": false}"#;
    assert_eq!(reasons(said_no), vec![Reason::OutsideArea]);
    // The word counts for a border postcode only: it cannot move a postcode that is outside.
    let outside = r#"{"harmed_postcode": "BH1 1AA", "responsible_postcode": "BH2 1AA", "incident_postcode": "SP1", "harmed_address_in_area": true}"#;
    assert_eq!(reasons(outside), vec![Reason::OutsideArea]);
}

fn probation(json: &str) -> Vec<Reason> {
    let mut facts: serde_json::Value = serde_json::from_str(json).unwrap();
    facts["referrer"] = "probation".into();
    facts["initiated_by"] = "caused_harm".into();
    reasons(&facts.to_string())
}

#[test]
fn prison_and_probation_referrals_need_supervision_here_and_expressed_interest() {
    assert_eq!(
        probation(r#"{"supervised_in_area": true, "expressed_interest": true}"#),
        vec![]
    );
    assert_eq!(
        probation(r#"{"supervised_in_area": false, "expressed_interest": true}"#),
        vec![Reason::NotSupervisedInArea]
    );
    assert_eq!(
        probation(r#"{"supervised_in_area": true, "expressed_interest": false}"#),
        vec![Reason::InterestNotExpressed]
    );
    assert_eq!(
        probation(r#"{"supervised_in_area": false, "expressed_interest": false}"#),
        vec![Reason::NotSupervisedInArea, Reason::InterestNotExpressed]
    );
}

#[test]
fn supervision_here_connects_only_an_offender_initiated_probation_case_to_the_area() {
    let away = r#"{"harmed_postcode": "BH1 1AA", "responsible_postcode": "PO19 1AA", "incident_postcode": "SP1"}"#;
    let mut supervised: serde_json::Value = serde_json::from_str(away).unwrap();
    supervised["supervised_in_area"] = true.into();
    supervised["expressed_interest"] = true.into();
    assert_eq!(probation(&supervised.to_string()), vec![]);
    // A person harmed who happens to be on probation: their supervision connects nothing.
    supervised["referrer"] = "probation".into();
    supervised["initiated_by"] = "harmed".into();
    assert_eq!(reasons(&supervised.to_string()), vec![Reason::OutsideArea]);
    // Supervision is a probation fact: it connects no other referrer's case.
    supervised["referrer"] = "police".into();
    supervised["initiated_by"] = "caused_harm".into();
    assert_eq!(reasons(&supervised.to_string()), vec![Reason::OutsideArea]);
}

#[test]
fn a_victim_referred_by_probation_needs_no_supervision() {
    let victim = r#"{"referrer": "probation", "initiated_by": "harmed", "supervised_in_area": false, "expressed_interest": false}"#;
    assert_eq!(reasons(victim), vec![]);
}

#[test]
fn a_victim_support_referral_needs_the_victim_to_want_to_communicate() {
    assert_eq!(
        reasons(r#"{"referrer": "victim_support", "expressed_interest": true}"#),
        vec![]
    );
    assert_eq!(
        reasons(r#"{"referrer": "victim_support", "expressed_interest": false}"#),
        vec![Reason::InterestNotExpressed]
    );
}

#[test]
fn each_court_stage_has_its_own_outcome() {
    for (stage, expected, status) in [
        ("none", vec![], Status::Eligible),
        (
            "awaiting_court",
            vec![Reason::CourtOngoing],
            Status::EligibleWithNotes,
        ),
        (
            "pre_sentence",
            vec![Reason::PreSentence],
            Status::InitialDiscussion,
        ),
        ("sentenced", vec![], Status::Eligible),
        ("unknown", vec![], Status::Eligible),
    ] {
        let outcome = case(&format!(r#"{{"court_stage": "{stage}"}}"#));
        assert_eq!(
            (outcome.status(), outcome.reasons),
            (status, expected),
            "{stage}"
        );
    }
}

#[test]
fn a_case_decades_old_has_no_time_limit() {
    assert_eq!(reasons(r#"{"incident_date": "1975-06-01"}"#), vec![]);
    assert!(parse_case(r#"{"incident_date": "2026-12-01"}"#, today()).is_err());
    assert!(parse_case(r#"{"incident_date": "2026-11-30"}"#, today()).is_ok());
}

#[test]
fn a_referral_on_someone_elses_behalf_needs_their_consent() {
    assert_eq!(
        reasons(r#"{"consent": false}"#),
        vec![Reason::ConsentMissing]
    );
    assert_eq!(case(r#"{"consent": false}"#).status(), Status::NotEligible);
    assert_eq!(
        reasons(r#"{"referrer": "self", "self_role": "harmed", "consent": false}"#),
        vec![]
    );
}

#[test]
fn each_place_alone_connects_the_case_when_the_others_are_unknown() {
    for field in [
        "harmed_postcode",
        "responsible_postcode",
        "incident_postcode",
    ] {
        let json = format!(
            r#"{{"harmed_postcode": null, "responsible_postcode": null, "incident_postcode": null, "{field}": "SO23 8UJ"}}"#
        );
        assert_eq!(reasons(&json), vec![], "{field}");
    }
    let nowhere =
        r#"{"harmed_postcode": null, "responsible_postcode": null, "incident_postcode": null}"#;
    assert_eq!(reasons(nowhere), vec![Reason::AreaUnconfirmed]);
}

#[test]
fn not_eligible_outweighs_a_redirect_and_keeps_every_reason() {
    let outcome = case(r#"{"responsible_age": 16, "consent": false}"#);
    assert_eq!(
        outcome.reasons,
        vec![Reason::Under18Responsible, Reason::ConsentMissing]
    );
    assert_eq!(outcome.status(), Status::NotEligible);
    // The redirect still tells the person where to go.
    assert_eq!(outcome.redirect_to(), Some(RedirectTo::YouthJustice));
}

#[test]
fn outside_the_area_names_the_local_service_over_the_youth_justice_service() {
    let outcome = case(
        r#"{"responsible_age": 16, "harmed_postcode": "BH1 1AA", "responsible_postcode": "BH2 1AA", "incident_postcode": "BH3 1AA"}"#,
    );
    assert_eq!(
        outcome.reasons,
        vec![Reason::Under18Responsible, Reason::OutsideArea]
    );
    assert_eq!(outcome.redirect_to(), Some(RedirectTo::LocalRjService));
}

#[test]
fn a_young_persons_out_of_court_disposal_goes_to_the_youth_justice_service() {
    for age in [16, 17] {
        let outcome = case(&format!(
            r#"{{"oocd_condition": true, "responsible_age": {age}}}"#
        ));
        assert_eq!(outcome.reasons, vec![Reason::Under18Responsible], "{age}");
        assert_eq!(outcome.redirect_to(), Some(RedirectTo::YouthJustice));
    }
    // Whatever else is known: an Out of Court Disposal is given for an offence.
    let bare = r#"{"referrer": "police", "oocd_condition": true, "responsible_age": 16, "incident_postcode": "SO23"}"#;
    let outcome = evaluate(&parse_case(bare, today()).unwrap());
    assert_eq!(outcome.reasons, vec![Reason::Under18Responsible]);
    for age in ["18", "null"] {
        let outcome = case(&format!(
            r#"{{"oocd_condition": true, "responsible_age": {age}}}"#
        ));
        assert_eq!(outcome.reasons, vec![Reason::OocdAutomatic], "{age}");
        assert_eq!(outcome.redirect_to(), Some(RedirectTo::OutOfCourtTeam));
    }
}

#[test]
fn a_redirect_outweighs_an_initial_discussion_and_notes() {
    let outcome =
        case(r#"{"responsible_age": 16, "court_stage": "pre_sentence", "harmed_postcode": null}"#);
    assert_eq!(
        outcome.reasons,
        vec![
            Reason::Under18Responsible,
            Reason::AreaUnconfirmed,
            Reason::PreSentence
        ]
    );
    assert_eq!(outcome.status(), Status::Redirect);
}

#[test]
fn an_initial_discussion_outweighs_notes() {
    let outcome = case(r#"{"court_stage": "pre_sentence", "harmed_postcode": "PO10 7AA"}"#);
    assert_eq!(
        outcome.reasons,
        vec![Reason::AreaUnconfirmed, Reason::PreSentence]
    );
    assert_eq!(outcome.status(), Status::InitialDiscussion);
}

#[test]
fn every_reason_has_words_for_the_person_and_a_next_step() {
    for r in Reason::ALL {
        assert!(
            r.message().ends_with('.') && r.next_step().ends_with('.'),
            "{}",
            r.code()
        );
    }
}

fn any_facts() -> impl Strategy<Value = Facts> {
    let postcode = prop::option::of(prop::sample::select(vec![
        "SO23 8UJ", "PO10 7AA", "BH1 1AA", "RG21", "SP11 1AA", "E1 6AN",
    ]));
    let flag = || prop::option::of(any::<bool>());
    let code = |codes: &'static [&'static str]| prop::option::of(prop::sample::select(codes));
    (
        (
            code(&["police", "probation", "victim_contact_scheme", "victim_support", "youth_justice", "community_safety", "support_service", "self"]),
            code(&["harmed", "caused_harm", "in_conflict"]),
            code(&["restorative_justice", "mediation", "asb"]),
            prop::option::of(0u32..=120),
            prop::option::of(0u32..=120),
            code(&["domestic_abuse", "sexual_violence", "other", "none"]),
            code(&["harmed", "caused_harm", "both", "unknown"]),
        ),
        (postcode.clone(), postcode.clone(), postcode, flag(), flag(), flag(), flag()),
        (
            code(&["none", "awaiting_court", "pre_sentence", "sentenced", "unknown"]),
            code(&["nfa", "not_ready_under_supervision", "turned_18_ongoing", "other"]),
            flag(), flag(), flag(),
        ),
    )
        .prop_map(|((referrer, role, case_type, ra, ha, offence, by), (hp, rp, ip, hin, rin, iin, oocd), (court, yjs, consent, sup, interest))| {
            // A role of one's own belongs to a self-referral only (rj-check refuses the rest).
            let role = role.filter(|_| referrer == Some("self"));
            let json = serde_json::json!({
                "referrer": referrer, "self_role": role, "case_type": case_type, "responsible_age": ra,
                "harmed_age": ha, "offence": offence, "initiated_by": by, "harmed_postcode": hp,
                "responsible_postcode": rp, "incident_postcode": ip, "harmed_address_in_area": hin,
                "responsible_address_in_area": rin, "incident_in_area": iin, "oocd_condition": oocd,
                "court_stage": court, "yjs_reason": yjs, "consent": consent,
                "supervised_in_area": sup, "expressed_interest": interest,
            });
            parse_case(&json.to_string(), today()).unwrap()
        })
}

proptest! {
    #[test]
    fn status_always_agrees_with_reasons(facts in any_facts()) {
        let outcome = evaluate(&facts);
        let worst = outcome.reasons.iter().map(|r| r.status()).max().unwrap_or(Status::Eligible);
        prop_assert_eq!(outcome.status(), worst);
        prop_assert_eq!(outcome.redirect_to().is_some(), outcome.reasons.iter().any(|r| r.redirect_to().is_some()));
        let mut unique = outcome.reasons.clone();
        unique.dedup();
        prop_assert_eq!(unique.len(), outcome.reasons.len());
    }

    #[test]
    fn the_printed_outcome_matches_the_outcome(facts in any_facts()) {
        let outcome = evaluate(&facts);
        let printed = serde_json::to_value(&outcome).unwrap();
        prop_assert_eq!(printed["status"].as_str(), Some(outcome.status().code()));
        prop_assert_eq!(printed["reasons"].as_array().unwrap().len(), outcome.reasons.len());
        prop_assert_eq!(printed["messages"].as_array().unwrap().len(), outcome.reasons.len());
    }

    #[test]
    fn parsing_any_json_object_never_panics(json in r#"\{("[a-z_]{1,20}": ("[ -~]{0,12}"|-?[0-9]{1,4}|true|null),?){0,4}\}"#) {
        let _ = parse_case(&json, today()).map(|f| evaluate(&f));
    }
}
