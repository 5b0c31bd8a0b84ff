//! The referral core of the Restorative Justice Service for Hampshire & Isle of Wight: the
//! referral vocabulary, validated values, the area check and the eligibility rules.
//!
//! Invariants: no I/O, no clock, no web dependency. The browser app and the receiver both call
//! this crate, so a rule or a definition of a valid value exists once, here.

#![warn(missing_docs)]

pub mod area;
pub mod config;
pub mod contact;
pub mod embed;
pub mod forward;
pub mod json;
pub mod referral;
pub mod retry;
pub mod rules;
pub mod step;
pub mod values;
pub mod vocab;
pub mod wizard;

pub use area::{lookup, AreaAnswer};
pub use rules::{evaluate, Facts, Outcome, Reason, RedirectTo, Status, RULES_VERSION};
pub use values::{Age, ApproxDate, Date, Email, Invalid, Phone, Postcode, Precision};
pub use vocab::{CaseType, CourtStage, InitiatedBy, Offence, Referrer, Role, YjsReason};

/// A problem with one named field of some input, for a person to fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field, as its code or its path in the input (`person.age`, `reference`).
    pub field: String,
    /// What is wrong, in words for a person.
    pub message: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Reads a case as `rj-check` takes it: JSON facts, checked against `today`.
#[cfg(feature = "server")]
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
    let facts: Facts = serde_path_to_error::deserialize(&value).map_err(|e| {
        let field = e.path().to_string();
        let message = e.into_inner().to_string();
        // serde's "invalid type: string, expected u32" means nothing to the service's staff.
        let message = match expected(&field) {
            Some(what) if message.starts_with("invalid type") => format!("must be {what}"),
            _ => without_position(&message),
        };
        FieldError { field, message }
    })?;
    if facts.self_role.is_some() && facts.referrer != Some(Referrer::SelfReferral) {
        return Err(FieldError {
            field: "self_role".into(),
            message: "is only for a person referring themselves (referrer \"self\"); for a professional's referral, say who asked in initiated_by".into(),
        });
    }
    facts.check_dates(today).map_err(|(field, e)| FieldError {
        field: field.into(),
        message: e.to_string(),
    })?;
    Ok(facts)
}

/// What a field of a case must hold, in words for the service's staff.
#[cfg(feature = "server")]
fn expected(field: &str) -> Option<&'static str> {
    Some(match field {
        "responsible_age" | "harmed_age" => "a whole number of years from 0 to 120, like 17",
        "oocd_condition"
        | "consent"
        | "supervised_in_area"
        | "expressed_interest"
        | "harmed_address_in_area"
        | "responsible_address_in_area"
        | "incident_in_area" => "true or false",
        "harmed_postcode" | "responsible_postcode" | "incident_postcode" => {
            "a postcode in quotes, like \"SO23 8UJ\""
        }
        "incident_date" => "a date in quotes: \"2019\", \"2019-07\" or \"2019-07-27\"",
        "referrer" | "self_role" | "case_type" | "offence" | "initiated_by" | "court_stage"
        | "yjs_reason" => "one of the codes in quotes listed in the README, like \"police\"",
        _ => return None,
    })
}

/// serde_json ends its messages with " at line 1 column 42", which means nothing to a person
/// once the field is named.
#[cfg(feature = "server")]
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
