//! The words of what the receiver sends on: the email that forwards a referral to the service,
//! and the receipt to the professional who made it. Text only: the receiver sends them.
//!
//! Subjects travel less protected than bodies (they show in mailbox lists, notifications and
//! mail server logs), so a subject carries the reference and where the case stands, never a
//! name, an address or anything about the case. The receipt carries nothing about the people or
//! the case at all: it goes to an ordinary work mailbox.

use crate::contact;
use crate::referral::Referral;
use crate::rules::{Outcome, Status, RULES_VERSION};
use crate::values::Date;
use crate::wizard::{sections, Field};

/// Where the case stands, in a few words a subject line can carry.
fn standing(status: Status) -> &'static str {
    match status {
        Status::Eligible => "fits the criteria",
        Status::EligibleWithNotes => "fits the criteria, with notes",
        Status::InitialDiscussion => "initial discussion only",
        Status::Redirect => "for another service",
        Status::NotEligible => "does not fit the criteria",
    }
}

/// The subject of the email that forwards a referral.
pub fn subject(reference: &str, outcome: Option<&Outcome>) -> String {
    match outcome {
        Some(outcome) => format!(
            "Restorative justice referral {reference}: {}",
            standing(outcome.status())
        ),
        None => format!("Restorative justice referral {reference}"),
    }
}

/// The outcome as the service reads it: every reason with its next step, and the rules version.
fn outcome_text(outcome: &Outcome) -> String {
    let mut text = String::from("Where the case stands\n");
    if outcome.reasons.is_empty() {
        text.push_str("The case fits the referral criteria.\n");
    }
    for reason in &outcome.reasons {
        text.push_str(&format!(
            "- {}\n  Next step: {}\n",
            reason.message(),
            reason.next_step()
        ));
    }
    text.push_str(&format!("Rules version: {RULES_VERSION}\n"));
    text
}

/// The plain-text body of the email that forwards a referral: where the case stands, then every
/// answer, grouped and worded as on the check page, then where the data is attached. `referral`
/// is the stored referral read back as on `day`, the day it came; `None` when it no longer reads
/// with these rules, and then the attachment alone carries the answers.
pub fn body(
    reference: &str,
    received_at: &str,
    referral: Option<(&Referral, Date)>,
    attachment: &str,
) -> String {
    let mut text = format!("Restorative justice referral {reference}\nReceived: {received_at}\n\n");
    match referral {
        Some((referral, day)) => {
            text.push_str(&outcome_text(&referral.outcome(day)));
            text.push_str(&answers_text(referral));
        }
        None => text.push_str(
            "This receiver could not read the referral's answers again (its rules have changed \
             since the referral came). Every answer is in the attached file.\n",
        ),
    }
    text.push_str(&format!(
        "\nThe referral's data is attached as {attachment} (JSON, schema/referral.schema.json).\n"
    ));
    text
}

/// Every answer on the referral's route, under the check page's headings and in its words.
fn answers_text(referral: &Referral) -> String {
    let mut text = String::new();
    for section in sections(&referral.answers) {
        text.push_str(&format!("\n{}\n", section.title));
        for row in section.rows {
            // The answer on its own indented lines: labels are questions, answers may run on.
            text.push_str(&format!("{}\n", row.label));
            for line in row.answer.lines() {
                text.push_str(&format!("  {line}\n"));
            }
        }
    }
    text
}

/// Whom the receipt goes to: the work email of a professional who referred. A person referring
/// themselves is never emailed: the address may be read by the person they need to be safe from.
pub fn receipt_to(referral: &Referral) -> Option<String> {
    if referral.answers.is_self_referral() {
        return None;
    }
    referral
        .answers
        .get(Field::ReferrerEmail)
        .map(str::trim)
        .filter(|email| !email.is_empty())
        .map(str::to_owned)
}

/// The receipt to the professional who referred: the reference and the service's contacts, and
/// nothing about the people or the case.
pub fn receipt(reference: &str) -> (String, String) {
    let subject = format!("Referral {reference} received by the Restorative Justice Service");
    let body = format!(
        "The Restorative Justice Service for Hampshire & Isle of Wight has received your referral.\n\
         \n\
         Reference: {reference}\n\
         \n\
         Please quote this reference if you contact us about it.\n\
         \n\
         Phone: {}\n\
         Email: {}\n\
         Secure email (CJSM): {}\n\
         \n\
         This email does not name anyone or say anything about the case, to keep the people in it safe.\n",
        contact::PHONE,
        contact::EMAIL,
        contact::SECURE_EMAIL,
    );
    (subject, body)
}
