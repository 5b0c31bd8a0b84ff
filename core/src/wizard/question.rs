//! A question worded for the answers so far: what its page draws and how an answer is checked.

use super::answers::{choices, Answers};
use super::field::Field;
use super::schema::{Choice, Entry, Kind, Section, Text, AGREED};
use super::table::QUESTIONS;
use crate::values::{Age, ApproxDate, Date, Email, Invalid, Phone, Postcode};

/// A question worded for the answers so far (see `question`): what its page draws and how an answer is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    /// The question's field.
    pub field: Field,
    /// The page's heading: the question itself, without "(optional)" (the app adds it).
    pub text: &'static str,
    /// The hint below the heading.
    pub hint: Option<&'static str>,
    /// The kind of answer.
    pub kind: Kind,
    /// The question may be left blank.
    pub optional: bool,
    /// The error when a required question is left unanswered.
    pub missing: &'static str,
    /// Where the answer sits on the check page.
    pub section: Section,
}

impl Question {
    /// Checks one answer as typed. An optional question may be left blank.
    pub fn check(&self, raw: &str, today: Date) -> Result<(), Invalid> {
        let raw = raw.trim();
        if raw.is_empty() {
            return if self.optional {
                Ok(())
            } else {
                Err(Invalid(self.missing))
            };
        }
        match self.kind {
            Kind::Radios(choices) => choices
                .iter()
                .any(|c| c.code == raw)
                .then_some(())
                .ok_or(Invalid(self.missing)),
            Kind::Checkboxes(listed) => choices(raw)
                .all(|code| listed.iter().any(|c| c.code == code))
                .then_some(())
                .ok_or(Invalid(self.missing)),
            Kind::Agree(_) => (raw == AGREED).then_some(()).ok_or(Invalid(self.missing)),
            Kind::TextArea(max)
            | Kind::Input {
                text: Text::Plain(max),
                ..
            } => {
                crate::values::refuse_hidden_characters(raw)?;
                if raw.chars().count() > max.max() {
                    Err(Invalid(max.message()))
                } else {
                    Ok(())
                }
            }
            Kind::Input {
                text: Text::Postcode,
                ..
            } => Postcode::parse(raw).map(drop),
            Kind::Input {
                text: Text::Age, ..
            } => Age::parse(raw).map(drop),
            Kind::Input {
                text: Text::Email, ..
            } => Email::parse(raw).map(drop),
            Kind::Input {
                text: Text::Phone, ..
            } => Phone::parse(raw).map(drop),
            Kind::Input {
                text: Text::PastDate,
                ..
            } => ApproxDate::parse(raw)?.not_after(today).map(drop),
        }
    }

    /// The question as a label beside its answer (the check page, the email): its text, as
    /// the table holds it, without the "(optional)" a question page adds.
    pub fn label(&self) -> &'static str {
        self.text
    }

    /// The answer as the check-your-answers page shows it.
    pub fn display(&self, raw: &str) -> String {
        let raw = raw.trim();
        let label = |choices: &[Choice], code: &str| {
            choices
                .iter()
                .find(|c| c.code == code)
                .map_or(code.to_owned(), |c| c.label.to_owned())
        };
        match self.kind {
            _ if raw.is_empty() => "Not provided".to_owned(),
            Kind::Radios(choices) => label(choices, raw),
            Kind::Checkboxes(listed) => choices(raw)
                .map(|c| label(listed, c))
                .collect::<Vec<_>>()
                .join(", "),
            Kind::Agree(text) => text.to_owned(),
            Kind::Input {
                text: Text::Postcode,
                ..
            } => Postcode::parse(raw).map_or(raw.to_owned(), |p| p.to_string()),
            Kind::Input {
                text: Text::PastDate,
                ..
            } => ApproxDate::parse(raw).map_or(raw.to_owned(), ApproxDate::words),
            _ => raw.to_owned(),
        }
    }
}

/// The question for `field`, worded for these answers (a person referring themselves reads
/// "you"; a professional reads "the person"), from its entry in `QUESTIONS`.
pub fn question(field: Field, a: &Answers) -> Question {
    match entry(field) {
        Some(e) => Question {
            field,
            text: e.text.for_answers(a),
            hint: e.hint.for_answers(a),
            kind: e.kind.for_answers(a),
            optional: e.missing.is_none(),
            missing: e.missing.map_or("", |m| m.for_answers(a)),
            section: e.section,
        },
        // `VictimLedStop`, the one field that is not a question: never on the route, so
        // nothing draws it.
        None => Question {
            field,
            text: "",
            hint: None,
            kind: Kind::Agree(""),
            optional: true,
            missing: "",
            section: Section::Person,
        },
    }
}

/// The entry of `field` in `QUESTIONS`; `None` for `Field::VictimLedStop`, which is not a
/// question.
pub fn entry(field: Field) -> Option<&'static Entry> {
    QUESTIONS.iter().find(|e| e.field == field)
}
