//! The referral core of the Restorative Justice Service for Hampshire & Isle of Wight: the
//! referral vocabulary, validated values, the area check and the eligibility rules.
//!
//! Invariants: no I/O, no clock, no web dependency. The browser app and the receiver both call
//! this crate, so a rule or a definition of a valid value exists once, here.

pub mod area;
pub mod contact;
pub mod delivery;
pub mod embed;
pub mod forward;
pub mod json;
pub mod referral;
pub mod rules;
pub mod values;
pub mod vocab;
pub mod wizard;

pub use area::{lookup, AreaAnswer};
pub use rules::{evaluate, Facts, Outcome, Reason, RedirectTo, Status, RULES_VERSION};
pub use values::{Age, Date, Email, Invalid, Phone, Postcode};
pub use vocab::{CaseType, CourtStage, InitiatedBy, Offence, Referrer, Role, YjsReason};

/// A problem with one named field of some input, for a person to fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Reads a case as `rj-check` takes it: JSON facts, checked against `today`.
pub fn parse_case(json: &str, today: Date) -> Result<Facts, FieldError> {
    let case_error = |message: String| FieldError {
        field: "case".into(),
        message,
    };
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| case_error(format!("the case is not valid JSON ({e})")))?;
    if !value.is_object() {
        return Err(case_error(
            "the case must be a JSON object, like {\"referrer\": \"police\"}".into(),
        ));
    }
    let facts: Facts = serde_path_to_error::deserialize(&value).map_err(|e| FieldError {
        field: e.path().to_string(),
        message: without_position(&e.into_inner().to_string()),
    })?;
    facts.check_dates(today).map_err(|(field, e)| FieldError {
        field: field.into(),
        message: e.to_string(),
    })?;
    Ok(facts)
}

/// serde_json ends its messages with " at line 1 column 42", which means nothing to a person
/// once the field is named.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
