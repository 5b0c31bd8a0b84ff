//! The route through the wizard: which questions each referrer is asked, in what order, and
//! what facts their answers give the rules.

use rj_core::wizard::{facts, is_complete, next, question, reachable, route, Answers, Field};
use rj_core::{evaluate, Reason, Referrer, Status};

mod common;
use common::{today, walk};

fn asked(given: &[(Field, &str)]) -> Vec<Field> {
    walk(given).1
}

#[test]
fn every_referrer_reaches_the_end_with_every_answer_valid() {
    for code in Referrer::ALL.iter().map(|r| r.code()) {
        let (a, asked) = walk(&[(Field::Referrer, code)]);
        assert!(is_complete(&a, today()), "{code}");
        assert_eq!(asked, route(&a), "{code}: asked in the order of the route");
        assert!(!evaluate(&facts(&a, today())).stops_referral(), "{code}");
    }
}

#[test]
fn professionals_give_their_own_details_and_the_persons_consent() {
    let police = asked(&[(Field::Referrer, "police")]);
    for f in [
        Field::Consent,
        Field::ReferrerName,
        Field::ReferrerEmail,
        Field::ReferrerPhone,
    ] {
        assert!(police.contains(&f), "{f:?}");
    }
    assert!(!police.contains(&Field::ContactAgreement));
}

#[test]
fn a_person_referring_themselves_agrees_to_contact_and_is_asked_nothing_for_professionals() {
    let own = asked(&[(Field::Referrer, "self")]);
    assert!(own.contains(&Field::ContactAgreement));
    for f in [
        Field::Consent,
        Field::ReferrerName,
        Field::ReferrerOrganisation,
        Field::OocdCondition,
        Field::YjsReason,
        Field::SupervisedInArea,
    ] {
        assert!(!own.contains(&f), "{f:?}");
    }
    assert_eq!(
        question(Field::PersonName, &walk(&[(Field::Referrer, "self")]).0).text,
        "What is your name?"
    );
}

#[test]
fn each_referrer_is_asked_the_questions_of_its_route_only() {
    let police = asked(&[(Field::Referrer, "police")]);
    assert!(police.contains(&Field::OocdCondition));
    assert!(
        !asked(&[(Field::Referrer, "police"), (Field::CaseType, "mediation")])
            .contains(&Field::OocdCondition)
    );
    assert!(asked(&[(Field::Referrer, "youth_justice")]).contains(&Field::YjsReason));
    let offender = asked(&[(Field::Referrer, "probation"), (Field::Role, "caused_harm")]);
    for f in [
        Field::Custody,
        Field::SupervisedInArea,
        Field::ExpressedInterest,
    ] {
        assert!(offender.contains(&f), "{f:?}");
    }
    let victim = asked(&[(Field::Referrer, "probation"), (Field::Role, "harmed")]);
    assert!(!victim.contains(&Field::SupervisedInArea));
    assert!(asked(&[(Field::Referrer, "victim_support")]).contains(&Field::ExpressedInterest));
    for r in [
        "police",
        "victim_contact_scheme",
        "community_safety",
        "support_service",
        "self",
    ] {
        let route = asked(&[(Field::Referrer, r)]);
        for f in [
            Field::YjsReason,
            Field::Custody,
            Field::SupervisedInArea,
            Field::ExpressedInterest,
        ] {
            assert!(!route.contains(&f), "{r} asked {f:?}");
        }
    }
}

#[test]
fn not_sure_of_the_case_type_is_helped_to_decide() {
    for (help, case_type) in [
        ("crime", "restorative_justice"),
        ("conflict", "mediation"),
        ("nuisance", "asb"),
    ] {
        let (a, asked) = walk(&[
            (Field::Referrer, "self"),
            (Field::CaseType, "not_sure"),
            (Field::CaseTypeHelp, help),
        ]);
        assert!(asked.contains(&Field::CaseTypeHelp));
        assert_eq!(facts(&a, today()).case_type.unwrap().code(), case_type);
    }
    assert!(!asked(&[(Field::Referrer, "self")]).contains(&Field::CaseTypeHelp));
}

#[test]
fn who_asked_for_it_is_asked_only_for_domestic_abuse_and_sexual_violence_when_the_route_does_not_tell(
) {
    assert!(asked(&[
        (Field::Referrer, "police"),
        (Field::Offence, "domestic_abuse")
    ])
    .contains(&Field::InitiatedBy));
    assert!(
        !asked(&[(Field::Referrer, "police"), (Field::Offence, "other")])
            .contains(&Field::InitiatedBy)
    );
    let (a, asked) = walk(&[
        (Field::Referrer, "self"),
        (Field::Role, "caused_harm"),
        (Field::Offence, "domestic_abuse"),
    ]);
    assert!(!asked.contains(&Field::InitiatedBy));
    assert_eq!(
        evaluate(&facts(&a, today())).reasons,
        vec![Reason::VictimLedRequired]
    );
    let (a, _) = walk(&[
        (Field::Referrer, "victim_support"),
        (Field::Offence, "sexual_violence"),
    ]);
    assert_eq!(evaluate(&facts(&a, today())).status(), Status::Eligible);
}

#[test]
fn a_border_postcode_asks_whether_the_address_is_in_the_area() {
    let (a, asked) = walk(&[
        (Field::Referrer, "self"),
        (Field::PersonPostcode, "po10 7aa"),
        (Field::PersonInArea, "no"),
    ]);
    assert!(asked.contains(&Field::PersonInArea));
    assert_eq!(facts(&a, today()).harmed_address_in_area, Some(false));
    assert!(!asked.contains(&Field::IncidentInArea));
}

#[test]
fn the_person_referred_and_the_other_person_fill_the_right_facts() {
    let given = |role| {
        [
            (Field::Referrer, "police"),
            (Field::Role, role),
            (Field::PersonAge, "40"),
            (Field::PersonPostcode, "SO23 8UJ"),
            (Field::OtherAge, "16"),
            (Field::OtherPostcode, "BH1 1AA"),
        ]
    };
    let f = facts(&walk(&given("harmed")).0, today());
    assert_eq!(
        (
            f.harmed_age.unwrap().years(),
            f.responsible_age.unwrap().years()
        ),
        (40, 16)
    );
    assert_eq!(f.harmed_postcode.unwrap().to_string(), "SO23 8UJ");
    assert_eq!(f.responsible_postcode.unwrap().to_string(), "BH1 1AA");
    let f = facts(&walk(&given("caused_harm")).0, today());
    assert_eq!(
        (
            f.harmed_age.unwrap().years(),
            f.responsible_age.unwrap().years()
        ),
        (16, 40)
    );
    // In a conflict nobody is "the person responsible", so no age rule can apply.
    let f = facts(&walk(&given("in_conflict")).0, today());
    assert_eq!(f.responsible_age, None);
}

#[test]
fn a_17_year_old_who_caused_harm_stops_a_police_referral_at_the_age_question() {
    let mut a = Answers::default();
    for (f, v) in [
        (Field::Referrer, "police"),
        (Field::Role, "harmed"),
        (Field::CaseType, "restorative_justice"),
    ] {
        a.set(f, v);
    }
    a.set(Field::OtherKnown, "yes");
    a.set(Field::OtherAge, "17");
    assert_eq!(
        evaluate(&facts(&a, today())).reasons,
        vec![Reason::Under18Responsible, Reason::AreaUnconfirmed]
    );
}

#[test]
fn answers_left_behind_by_a_change_of_route_give_no_facts() {
    let (mut a, _) = walk(&[
        (Field::Referrer, "probation"),
        (Field::Role, "caused_harm"),
        (Field::SupervisedInArea, "no"),
    ]);
    assert_eq!(evaluate(&facts(&a, today())).status(), Status::NotEligible);
    a.set(Field::Referrer, "police");
    assert!(!route(&a).contains(&Field::SupervisedInArea));
    assert_eq!(facts(&a, today()).supervised_in_area, None);
    assert_eq!(evaluate(&facts(&a, today())).status(), Status::Eligible);
}

#[test]
fn an_invalid_answer_gives_no_fact() {
    let mut a = Answers::default();
    a.set(Field::PersonPostcode, "not a postcode");
    a.set(Field::PersonAge, "200");
    let f = facts(&a, today());
    assert_eq!((f.harmed_postcode, f.harmed_age), (None, None));
}

#[test]
fn after_a_change_the_new_questions_come_first_then_the_check_page() {
    let (mut a, _) = walk(&[(Field::Referrer, "police"), (Field::Offence, "other")]);
    assert_eq!(
        next(&a, Field::Offence, true),
        None,
        "nothing new: back to check your answers"
    );
    a.set(Field::Offence, "domestic_abuse");
    assert_eq!(next(&a, Field::Offence, true), Some(Field::InitiatedBy));
    a.set(Field::InitiatedBy, "harmed");
    assert_eq!(next(&a, Field::InitiatedBy, true), None);
    // Outside a change, Continue goes to the next question of the route.
    assert_eq!(next(&a, Field::Offence, false), Some(Field::InitiatedBy));
    assert_eq!(next(&a, Field::ReferrerPhone, false), None);
}

#[test]
fn a_question_is_reachable_only_once_every_question_before_it_is_answered() {
    let mut a = Answers::default();
    assert!(reachable(&a, Field::Referrer));
    assert!(!reachable(&a, Field::Role));
    a.set(Field::Referrer, "police");
    assert!(reachable(&a, Field::Role));
    assert!(!reachable(&a, Field::Description));
    assert!(
        !reachable(&a, Field::ContactAgreement),
        "not on the police route"
    );
}

#[test]
fn required_questions_say_what_is_missing_and_optional_ones_may_be_blank() {
    let a = Answers::default();
    for f in Field::ALL {
        let q = question(*f, &a);
        match q.check("  ", today()) {
            Ok(()) => assert!(q.optional && q.text.ends_with("(optional)"), "{f:?}"),
            Err(e) => assert!(
                !q.optional
                    && (e.0.starts_with("Select")
                        || e.0.starts_with("Enter")
                        || e.0.starts_with("Confirm")),
                "{f:?}: {e}"
            ),
        }
    }
}

#[test]
fn answers_are_checked_with_the_cores_values() {
    let a = Answers::default();
    assert_eq!(
        question(Field::PersonPostcode, &a)
            .check("nope", today())
            .unwrap_err()
            .0,
        "Enter a real postcode, like SO23 8UJ"
    );
    assert!(
        question(Field::IncidentDate, &a)
            .check("1 12 2026", today())
            .is_err(),
        "tomorrow"
    );
    assert!(question(Field::IncidentDate, &a)
        .check("1 1 1980", today())
        .is_ok());
    assert!(question(Field::Referrer, &a)
        .check("judge", today())
        .is_err());
    assert!(question(Field::ContactMethods, &a)
        .check("phone,email", today())
        .is_ok());
    assert!(question(Field::ContactMethods, &a)
        .check("phone,pigeon", today())
        .is_err());
    assert!(question(Field::Description, &a)
        .check(&"x".repeat(1201), today())
        .is_err());
}

#[test]
fn the_check_page_shows_labels_and_not_provided() {
    let a = Answers::default();
    assert_eq!(
        question(Field::Referrer, &a).display("probation"),
        "Prison or Probation Service"
    );
    let mut with_address = Answers::default();
    with_address.set(Field::PersonAddress, "1 High Street");
    assert_eq!(
        question(Field::ContactMethods, &with_address).display("phone,letter"),
        "Phone call, Letter"
    );
    assert_eq!(question(Field::OtherName, &a).display(""), "Not provided");
    assert_eq!(
        question(Field::PersonPostcode, &a).display("so238uj"),
        "SO23 8UJ"
    );
}

#[test]
fn a_question_is_labelled_beside_its_answer_without_optional() {
    let a = Answers::default();
    assert_eq!(
        question(Field::CrimeReference, &a).label(),
        "What is the crime reference number?"
    );
    assert_eq!(
        question(Field::Referrer, &a).label(),
        question(Field::Referrer, &a).text
    );
}

#[test]
fn the_check_page_shows_each_section_once_in_a_fixed_order_for_every_route() {
    use rj_core::wizard::sections;
    let mut routes: Vec<Vec<(Field, &str)>> = Referrer::ALL
        .iter()
        .flat_map(|r| {
            ["harmed", "caused_harm", "in_conflict"]
                .map(|role| vec![(Field::Referrer, r.code()), (Field::Role, role)])
        })
        // An organisation supporting victims refers victims only.
        .filter(|given| {
            given
                != &[
                    (Field::Referrer, "victim_support"),
                    (Field::Role, "caused_harm"),
                ]
        })
        .collect();
    routes.push(vec![(Field::Referrer, "self"), (Field::OtherKnown, "no")]);
    for given in routes {
        let (a, asked) = walk(&given);
        let shown = sections(&a);
        let order: Vec<_> = shown.iter().map(|s| s.section).collect();
        let mut sorted = order.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(order, sorted, "{given:?}: each section once, in order");
        let mut rows: Vec<Field> = shown
            .iter()
            .flat_map(|s| s.rows.iter().map(|r| r.field))
            .collect();
        assert_eq!(rows.len(), asked.len(), "{given:?}: every answer once");
        rows.sort();
        let mut asked = asked;
        asked.sort();
        assert_eq!(rows, asked, "{given:?}");
        assert!(shown.iter().all(|s| s
            .rows
            .iter()
            .all(|r| question(r.field, &a).section == s.section)));
    }
}

#[test]
fn a_self_referral_agrees_to_contact_about_you() {
    use rj_core::wizard::{sections, Section};
    let (a, _) = walk(&[(Field::Referrer, "self")]);
    let shown = sections(&a);
    let titles: Vec<_> = shown.iter().map(|s| s.title).collect();
    assert_eq!(
        titles,
        [
            "About the referral",
            "What happened",
            "About you",
            "The other person",
            "Risks and safety"
        ]
    );
    let about_you = shown.iter().find(|s| s.section == Section::Person).unwrap();
    let row = about_you
        .rows
        .iter()
        .find(|r| r.field == Field::ContactAgreement)
        .unwrap();
    assert_eq!(row.label, "Can we contact you about your referral?");
    assert_eq!(row.answer, "I agree to be contacted about this referral");
    let (a, _) = walk(&[(Field::Referrer, "police")]);
    assert_eq!(sections(&a).last().unwrap().title, "Your details");
}

fn position(route: &[Field], f: Field) -> usize {
    route.iter().position(|x| *x == f).unwrap()
}

#[test]
fn the_rules_facts_are_asked_right_after_the_case_type() {
    for r in Referrer::ALL {
        let route = asked(&[(Field::Referrer, r.code()), (Field::OtherKnown, "yes")]);
        let case_type = position(&route, Field::CaseType);
        for f in [
            Field::Offence,
            Field::PersonAge,
            Field::OtherKnown,
            Field::OtherAge,
        ] {
            let at = position(&route, f);
            // After the offence and, in an abuse case, who asked.
            assert!(
                at > case_type && at <= case_type + 5,
                "{r:?}: {f:?} at {at}"
            );
        }
    }
}

#[test]
fn an_officer_learns_of_the_youth_justice_service_within_the_first_questions() {
    let mut a = Answers::default();
    for (f, raw) in [
        (Field::Referrer, "police"),
        (Field::Role, "caused_harm"),
        (Field::CaseType, "restorative_justice"),
        (Field::Offence, "other"),
        (Field::PersonAge, "16"),
    ] {
        assert_eq!(rj_core::wizard::first_unanswered(&a), Some(f));
        a.answer(f, raw);
    }
    let outcome = rj_core::wizard::outcome(&a, today());
    assert_eq!(outcome.reasons, vec![Reason::Under18Responsible]);
}

#[test]
fn the_area_note_waits_for_a_question_about_a_place() {
    use rj_core::wizard::outcome;
    let mut a = Answers::default();
    a.answer(Field::Referrer, "police");
    assert_eq!(outcome(&a, today()).reasons, vec![]);
    assert_eq!(
        evaluate(&facts(&a, today())).reasons,
        vec![Reason::AreaUnconfirmed]
    );
    let (mut a, _) = walk(&[(Field::Referrer, "police")]);
    a.answer(Field::IncidentPostcode, "");
    a.answer(Field::PersonHome, "rather_not_say");
    a.answer(Field::OtherKnown, "no");
    assert_eq!(outcome(&a, today()).reasons, vec![Reason::AreaUnconfirmed]);
}

#[test]
fn a_self_referral_is_never_asked_who_asked_and_in_conflict_is_stopped_in_abuse_cases() {
    for role in ["harmed", "caused_harm", "in_conflict"] {
        let (a, route) = walk(&[
            (Field::Referrer, "self"),
            (Field::Role, role),
            (Field::Offence, "domestic_abuse"),
        ]);
        assert!(!route.contains(&Field::InitiatedBy), "{role}");
        let stopped = evaluate(&facts(&a, today()))
            .reasons
            .contains(&Reason::VictimLedRequired);
        assert_eq!(stopped, role != "harmed", "{role}");
    }
}

#[test]
fn a_professional_referring_a_child_under_16_names_a_parent_or_carer_or_says_why_not() {
    for (age, asked_guardian) in [("15", true), ("16", false)] {
        let route = asked(&[
            (Field::Referrer, "support_service"),
            (Field::PersonAge, age),
        ]);
        assert_eq!(route.contains(&Field::Guardian), asked_guardian, "{age}");
    }
    let named = asked(&[
        (Field::Referrer, "support_service"),
        (Field::PersonAge, "9"),
    ]);
    assert!(named.contains(&Field::GuardianName) && named.contains(&Field::GuardianContact));
    assert!(!named.contains(&Field::GuardianNotSafe));
    let (a, unsafe_route) = walk(&[
        (Field::Referrer, "support_service"),
        (Field::PersonAge, "9"),
        (Field::Guardian, "not_safe"),
    ]);
    assert!(unsafe_route.contains(&Field::GuardianNotSafe));
    assert!(!unsafe_route.contains(&Field::GuardianName));
    assert!(evaluate(&facts(&a, today()))
        .reasons
        .contains(&Reason::YoungHarmedPerson));
    // A child referring themselves is not asked for a parent: we call them first.
    let own = asked(&[(Field::Referrer, "self"), (Field::PersonAge, "12")]);
    assert!(!own.contains(&Field::Guardian));
}

#[test]
fn a_person_with_no_fixed_address_connects_through_the_place_it_happened() {
    for home in ["no_fixed_address", "abroad", "rather_not_say"] {
        let (a, route) = walk(&[(Field::Referrer, "self"), (Field::PersonHome, home)]);
        assert!(!route.contains(&Field::PersonPostcode), "{home}");
        assert!(!route.contains(&Field::PersonAddress), "{home}");
        assert!(is_complete(&a, today()));
        assert_eq!(facts(&a, today()).harmed_postcode, None);
        assert_eq!(
            evaluate(&facts(&a, today())).reasons,
            vec![],
            "{home}: SO23 8UJ"
        );
    }
    let (a, _) = walk(&[
        (Field::Referrer, "self"),
        (Field::PersonHome, "no_fixed_address"),
        (Field::IncidentPostcode, ""),
        (Field::OtherKnown, "no"),
    ]);
    assert_eq!(
        evaluate(&facts(&a, today())).reasons,
        vec![Reason::AreaUnconfirmed]
    );
    // A forces address is a postcode, outside the area.
    let (a, _) = walk(&[
        (Field::Referrer, "self"),
        (Field::PersonPostcode, "bfpo 123"),
        (Field::IncidentPostcode, ""),
        (Field::OtherKnown, "no"),
    ]);
    assert_eq!(
        question(Field::PersonPostcode, &a).display("bfpo 123"),
        "BFPO 123"
    );
    assert_eq!(
        evaluate(&facts(&a, today())).reasons,
        vec![Reason::AreaUnconfirmed]
    );
    let (a, _) = walk(&[(Field::Referrer, "self"), (Field::PersonPostcode, "")]);
    assert!(is_complete(&a, today()), "the postcode is optional");
}

#[test]
fn a_letter_needs_an_address() {
    let (a, _) = walk(&[(Field::Referrer, "self"), (Field::PersonAddress, "")]);
    assert!(question(Field::ContactMethods, &a)
        .check("letter", today())
        .is_err());
    let (a, _) = walk(&[
        (Field::Referrer, "self"),
        (Field::PersonAddress, "1 High St"),
    ]);
    assert!(question(Field::ContactMethods, &a)
        .check("letter", today())
        .is_ok());
}

#[test]
fn an_incident_date_may_be_a_year_a_month_or_a_day_and_is_shown_as_understood() {
    let a = Answers::default();
    let q = question(Field::IncidentDate, &a);
    for (raw, shown) in [
        ("2003", "2003"),
        ("7 2019", "July 2019"),
        ("2019-07", "July 2019"),
        ("27 3 2019", "27 March 2019"),
        ("14/3/2024", "14 March 2024"),
        ("11 2026", "November 2026"),
    ] {
        assert_eq!(q.check(raw, today()), Ok(()), "{raw}");
        assert_eq!(q.display(raw), shown, "{raw}");
    }
    for future in ["2027", "12 2026", "1 12 2026"] {
        assert!(q.check(future, today()).is_err(), "{future}");
    }
    for wrong in ["03", "13 2019", "3 19", "0 2019"] {
        assert!(q.check(wrong, today()).is_err(), "{wrong}");
    }
}

#[test]
fn changing_who_refers_asks_again_every_question_whose_meaning_changed() {
    let (mut a, _) = walk(&[(Field::Referrer, "police")]);
    a.answer(Field::Referrer, "self");
    assert_eq!(a.get(Field::PersonName), None);
    assert_eq!(a.get(Field::Role), None);
    assert_eq!(next(&a, Field::Referrer, true), Some(Field::Role));
    assert!(!is_complete(&a, today()));
    // Between two professionals the person's answers keep their meaning.
    let (mut a, _) = walk(&[(Field::Referrer, "police")]);
    a.answer(Field::Referrer, "community_safety");
    assert_eq!(a.get(Field::PersonName), Some("Words"));
    // A role no longer offered is asked again.
    let (mut a, _) = walk(&[(Field::Referrer, "police"), (Field::Role, "caused_harm")]);
    a.answer(Field::Referrer, "victim_support");
    assert_eq!(a.get(Field::Role), None);
    // A letter once the address is gone.
    let (mut a, _) = walk(&[
        (Field::Referrer, "self"),
        (Field::PersonAddress, "1 High St"),
        (Field::ContactMethods, "phone,letter"),
    ]);
    a.answer(Field::PersonAddress, "");
    assert_eq!(a.get(Field::ContactMethods), None);
    assert_eq!(
        next(&a, Field::PersonAddress, true),
        Some(Field::ContactMethods)
    );
}

#[test]
fn an_organisation_supporting_victims_refers_a_victim() {
    let (a, _) = walk(&[(Field::Referrer, "victim_support")]);
    let rj_core::wizard::Kind::Radios(roles) = question(Field::Role, &a).kind else {
        panic!("radios")
    };
    assert!(roles.iter().all(|c| c.code != "caused_harm"));
    for r in ["probation", "victim_contact_scheme"] {
        let (a, _) = walk(&[(Field::Referrer, r)]);
        assert!(
            question(Field::Role, &a)
                .hint
                .unwrap()
                .contains("harmed themselves"),
            "{r}"
        );
    }
}

#[test]
fn the_border_hint_names_the_one_neighbouring_county() {
    let (a, _) = walk(&[
        (Field::Referrer, "self"),
        (Field::IncidentPostcode, "GU10 1AA"),
    ]);
    assert_eq!(
        question(Field::IncidentInArea, &a).hint,
        Some("This postcode is on the border with Surrey")
    );
}
