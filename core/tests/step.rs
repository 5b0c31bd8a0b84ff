//! Every move between the wizard's pages, for every referrer: after an answer, Back, resume,
//! the change loop, the outcome page, and which page may be shown for the answers held.

use rj_core::step::{after_answer, back, resume, shown, Step};
use rj_core::wizard::{first_unanswered, route, together, Answers, Field, REFERRER_DETAILS};
use rj_core::Referrer;

mod common;
use common::{answer, today, walk};

#[test]
fn every_referrer_moves_forward_and_back_through_its_route() {
    for code in Referrer::ALL.iter().map(|r| r.code()) {
        let given = [(Field::Referrer, code)];
        let mut a = Answers::default();
        assert_eq!(resume(&a), Step::Question(Field::Referrer));
        assert_eq!(back(&a, Step::Question(Field::Referrer)), Step::Start);
        let mut at = Field::Referrer;
        let mut before = None;
        loop {
            assert_eq!(
                shown(Step::Question(at), &a, false, today()),
                Step::Question(at)
            );
            assert_eq!(shown(Step::Check, &a, false, today()), resume(&a), "{code}");
            // Every question of the page is answered before Continue.
            let on_page = together(at);
            for f in on_page {
                a.answer(*f, answer(*f, &a, &given));
            }
            let route = route(&a);
            let i = route.iter().position(|f| *f == at).unwrap();
            assert_eq!(
                back(&a, Step::Question(at)),
                before.map_or(Step::Start, Step::Question),
                "{code}: Back goes to the page before"
            );
            before = Some(at);
            match after_answer(&a, at, false, today()) {
                Step::Question(f) => {
                    assert_eq!(
                        Some(&f),
                        route.get(i + on_page.len()),
                        "{code}: the next on the route"
                    );
                    assert_eq!(
                        resume(&a),
                        Step::Question(f),
                        "{code}: a return resumes there"
                    );
                    at = f;
                }
                Step::Check => {
                    assert_eq!(
                        i + on_page.len(),
                        route.len(),
                        "{code}: the check page after the last"
                    );
                    break;
                }
                other => panic!("{code}: {at:?} led to {other:?}"),
            }
        }
        let last = before.unwrap();
        assert_eq!(
            shown(Step::Check, &a, false, today()),
            Step::Check,
            "{code}"
        );
        assert_eq!(resume(&a), Step::Check, "{code}");
        assert_eq!(back(&a, Step::Check), Step::Question(last), "{code}");
        assert_eq!(shown(Step::Sent, &a, false, today()), Step::Start, "{code}");
        assert_eq!(shown(Step::Sent, &a, true, today()), Step::Sent, "{code}");
        assert_eq!(back(&a, Step::Sent), Step::Start);
        // A question, its change and the start page may be shown; a stop they do not meet not.
        for f in route(&a) {
            let page = together(f)[0];
            assert_eq!(
                shown(Step::Change(f), &a, false, today()),
                Step::Change(page)
            );
            assert_eq!(back(&a, Step::Change(f)), Step::Check);
            assert_eq!(shown(Step::Outcome(f), &a, false, today()), Step::Check);
        }
        assert_eq!(shown(Step::Start, &a, false, today()), Step::Start);
    }
}

#[test]
fn a_change_asks_the_questions_it_made_necessary_then_returns_to_the_check_page() {
    for code in Referrer::ALL.iter().map(|r| r.code()) {
        let (mut a, _) = walk(&[(Field::Referrer, code), (Field::Interpreter, "no")]);
        a.answer(Field::Description, "Other words");
        assert_eq!(
            after_answer(&a, Field::Description, true, today()),
            Step::Check,
            "{code}"
        );
        a.answer(Field::Interpreter, "yes");
        assert_eq!(
            after_answer(&a, Field::Interpreter, true, today()),
            Step::Change(Field::Language),
            "{code}"
        );
        assert_eq!(
            shown(Step::Check, &a, false, today()),
            Step::Question(Field::Language)
        );
        a.answer(Field::Language, "Polish");
        assert_eq!(
            after_answer(&a, Field::Language, true, today()),
            Step::Check
        );
    }
}

/// A referrer, the answers that stop its case, and the question that decides it.
type Stop = (&'static str, &'static [(Field, &'static str)], Field);

#[test]
fn a_stop_leads_to_its_outcome_page_and_back_to_the_question_that_decided_it() {
    let stops: &[Stop] = &[
        (
            "police",
            &[
                (Field::Offence, "domestic_abuse"),
                (Field::InitiatedBy, "caused_harm"),
            ],
            Field::InitiatedBy,
        ),
        (
            "police",
            &[(Field::Role, "caused_harm"), (Field::PersonAge, "17")],
            Field::PersonAge,
        ),
        (
            "self",
            &[
                (Field::Role, "caused_harm"),
                (Field::Offence, "sexual_violence"),
            ],
            Field::Offence,
        ),
        (
            "probation",
            &[
                (Field::Role, "caused_harm"),
                (Field::Offence, "other"),
                (Field::SupervisedInArea, "no"),
            ],
            Field::SupervisedInArea,
        ),
        (
            "victim_support",
            &[(Field::ExpressedInterest, "no")],
            Field::ExpressedInterest,
        ),
        ("support_service", &[(Field::Consent, "no")], Field::Consent),
    ];
    for (code, given, decides) in stops {
        let given: Vec<(Field, &str)> = [(Field::Referrer, *code)]
            .into_iter()
            .chain(given.iter().copied())
            .collect();
        let mut a = Answers::default();
        let mut at = Field::Referrer;
        let stopped_at = loop {
            a.answer(at, answer(at, &a, &given));
            match after_answer(&a, at, false, today()) {
                Step::Question(f) => at = f,
                Step::Outcome(f) => break f,
                other => panic!("{code}: {at:?} led to {other:?}"),
            }
        };
        assert_eq!(stopped_at, *decides, "{code}");
        let outcome = Step::Outcome(stopped_at);
        assert_eq!(shown(outcome, &a, false, today()), outcome, "{code}");
        assert_eq!(back(&a, outcome), Step::Question(stopped_at), "{code}");
        // A change that stops the case leads to the outcome page too.
        assert_eq!(
            after_answer(&a, stopped_at, true, today()),
            outcome,
            "{code}"
        );
        // The check page is never shown for a case that stops before its end.
        assert_ne!(
            shown(Step::Check, &a, false, today()),
            Step::Check,
            "{code}"
        );
    }
}

#[test]
fn a_question_not_yet_reached_or_off_the_route_resumes_where_the_person_was() {
    let mut a = Answers::default();
    a.answer(Field::Referrer, "police");
    for wanted in [
        Step::Question(Field::Description),
        Step::Change(Field::Description),
        Step::Question(Field::ContactAgreement),
        Step::Question(Field::VictimLedStop),
        Step::Outcome(Field::Referrer),
    ] {
        assert_eq!(
            shown(wanted, &a, false, today()),
            Step::Question(Field::Role),
            "{wanted:?}"
        );
    }
}

/// Answers every question before the referrer's details, as a police officer would.
fn up_to_the_referrers_details() -> Answers {
    let mut a = Answers::default();
    a.answer(Field::Referrer, "police");
    while let Some(f) = first_unanswered(&a).filter(|f| *f != Field::ReferrerName) {
        a.answer(f, answer(f, &a, &[]));
    }
    a
}

#[test]
fn the_referrers_details_are_one_page_addressed_by_its_first_question() {
    let page = Step::Question(Field::ReferrerName);
    let mut a = up_to_the_referrers_details();
    assert_eq!(resume(&a), page, "a return resumes at the page");
    assert_eq!(back(&a, page), Step::Question(Field::Agencies));
    // A deep link to any of its questions shows the page.
    for f in REFERRER_DETAILS {
        assert_eq!(shown(Step::Question(*f), &a, false, today()), page, "{f:?}");
    }
    // A page left with some of its questions unanswered is where a return resumes.
    for f in &REFERRER_DETAILS[..4] {
        a.answer(*f, answer(*f, &a, &[]));
    }
    assert_eq!(resume(&a), page);
    assert_eq!(shown(Step::Check, &a, false, today()), page);
    a.answer(Field::ReferrerPhone, "01632 960001");
    // Continue on the page goes past all its questions, and Back from the check page returns.
    assert_eq!(
        after_answer(&a, Field::ReferrerName, false, today()),
        Step::Check
    );
    assert_eq!(back(&a, Step::Check), page);
    assert_eq!(resume(&a), Step::Check);
    // Changing any of its answers from the check page opens the page, then returns there.
    for f in REFERRER_DETAILS {
        assert_eq!(
            shown(Step::Change(*f), &a, false, today()),
            Step::Change(Field::ReferrerName),
            "{f:?}"
        );
    }
    assert_eq!(
        after_answer(&a, Field::ReferrerName, true, today()),
        Step::Check
    );
    assert_eq!(back(&a, Step::Change(Field::ReferrerName)), Step::Check);
}

#[test]
fn a_page_of_several_questions_moves_as_one_from_before_and_in_a_change() {
    // Continue on the page before goes to the referrer's details page, as its first question.
    let mut a = up_to_the_referrers_details();
    assert_eq!(
        after_answer(&a, Field::Agencies, false, today()),
        Step::Question(Field::ReferrerName)
    );
    // A change that makes the page necessary asks it as a page (here: from a self-referral,
    // which has no referrer's details, to a police referral).
    let (mut own, _) = common::walk(&[(Field::Referrer, "self")]);
    own.answer(Field::Referrer, "police");
    let mut at = Field::Referrer;
    while let Step::Change(f) = after_answer(&own, at, true, today()) {
        for f in together(f) {
            own.answer(*f, answer(*f, &own, &[]));
        }
        at = f;
    }
    assert_eq!(at, Field::ReferrerName, "the change asked the page last");
    assert_eq!(after_answer(&own, at, true, today()), Step::Check);
    // Not on a self-referral's route, the page resumes instead, like any question off it.
    a.answer(Field::Referrer, "self");
    for f in REFERRER_DETAILS {
        assert_eq!(
            shown(Step::Question(*f), &a, false, today()),
            resume(&a),
            "{f:?}"
        );
    }
}
