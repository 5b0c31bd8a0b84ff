//! What the receiver sends on: subjects and receipts carry nothing about the people or the
//! case, the body carries every answer, and a person referring themselves is never emailed.

mod common;
use common::{today, walk};

use rj_core::forward::{body, receipt, receipt_to, subject};
use rj_core::referral::{Reference, Referral};
use rj_core::wizard::{sections, Field};
use rj_core::Referrer;

const REFERENCE: &str = "RJ-7K3M-9QXP";

fn referral(code: &str) -> Referral {
    Referral {
        reference: Reference::parse(REFERENCE).unwrap(),
        submitted_at: "2026-11-30T10:15:00.000Z".into(),
        answers: walk(&[(Field::Referrer, code), (Field::PersonName, "Jordan Smith")]).0,
    }
}

#[test]
fn a_subject_is_the_reference_and_where_the_case_stands_and_nothing_else() {
    for code in Referrer::ALL.iter().map(|r| r.code()) {
        let r = referral(code);
        let outcome = r.outcome(today());
        assert_eq!(
            subject(REFERENCE, Some(&outcome)),
            "Restorative justice referral RJ-7K3M-9QXP: fits the criteria",
            "{code}"
        );
    }
    assert_eq!(
        subject(REFERENCE, None),
        "Restorative justice referral RJ-7K3M-9QXP"
    );
}

#[test]
fn the_body_has_every_answer_under_the_check_pages_headings() {
    for code in Referrer::ALL.iter().map(|r| r.code()) {
        let r = referral(code);
        let text = body(
            REFERENCE,
            "2026-11-30T10:15:02Z",
            Some((&r, today())),
            "r.json",
        );
        assert!(text.contains("Where the case stands"));
        assert!(text.contains(&format!("Rules version: {}", rj_core::RULES_VERSION)));
        for section in sections(&r.answers) {
            assert!(text.contains(&format!("\n{}\n", section.title)), "{code}");
            for row in section.rows {
                let line = format!("{}\n  {}\n", row.label, row.answer);
                assert!(text.contains(&line), "{code}: {line}");
            }
        }
        assert!(text.contains("Jordan Smith"));
        assert!(text.contains("attached as r.json"));
    }
}

#[test]
fn a_body_that_no_longer_reads_points_to_the_attachment() {
    let text = body(REFERENCE, "2026-11-30T10:15:02Z", None, "r.json");
    assert!(text.contains("Every answer is in the attached file"));
}

#[test]
fn only_a_professional_gets_a_receipt_and_it_says_nothing_of_the_case() {
    assert_eq!(receipt_to(&referral("self")), None);
    for code in Referrer::ALL
        .iter()
        .map(|r| r.code())
        .filter(|c| *c != "self")
    {
        assert_eq!(
            receipt_to(&referral(code)).as_deref(),
            Some("a@example.com"),
            "{code}"
        );
    }
    let (subject, text) = receipt(REFERENCE);
    assert!(subject.contains(REFERENCE) && text.contains(REFERENCE));
    assert!(text.contains(rj_core::contact::PHONE) && text.contains(rj_core::contact::EMAIL));
    let r = referral("police");
    for (_, answer) in r.answers.iter().filter(|(f, _)| *f != Field::Referrer) {
        if answer.len() > 3 {
            assert!(
                !text.contains(answer) && !subject.contains(answer),
                "{answer}"
            );
        }
    }
}
