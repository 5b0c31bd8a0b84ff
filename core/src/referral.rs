//! The referral as it is sent: a versioned JSON payload (`schema/referral.schema.json`) built
//! from the answers, and read back into answers by the receiver, which checks it again with the
//! same questions and rules. One definition of a valid referral serves both ends.

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;
use validator::Validate;

use crate::json::Json;
use crate::rules::{evaluate, Outcome, RedirectTo, RULES_VERSION};
use crate::values::{Age, ApproxDate, Date, Email, Invalid, Phone, Postcode};
use crate::vocab::CaseType;
use crate::wizard::{
    choices, facts, is_complete, join_choices, question, route, Answers, Field, Kind, Text, AGREED,
};
use crate::FieldError;

/// The version the app writes. Version 2 brought the reference a person can read out; the
/// receiver still reads version 1 (a UUID reference, otherwise the same).
pub const SCHEMA_VERSION: u32 = 2;

/// The two form checks the app adds to a payload and the receiver takes off before reading it:
/// a honeypot field people never see (must be empty), and the milliseconds since the first
/// answer. They are not part of the referral or its schema.
pub const HONEYPOT_KEY: &str = "website";
pub const ELAPSED_MS_KEY: &str = "elapsed_ms";

/// Where each answer sits in the payload: section, then key.
pub fn payload_key(field: Field) -> (&'static str, &'static str) {
    use Field::*;
    match field {
        Referrer => ("referrer", "type"),
        ReferrerName => ("referrer", "name"),
        ReferrerOrganisation => ("referrer", "organisation"),
        ReferrerRole => ("referrer", "role"),
        ReferrerEmail => ("referrer", "email"),
        ReferrerPhone => ("referrer", "phone"),
        CaseType => ("case", "type"),
        CaseTypeHelp => ("case", "described_as"),
        OocdCondition => ("case", "oocd_condition"),
        YjsReason => ("case", "yjs_reason"),
        Custody => ("case", "custody"),
        SupervisedInArea => ("case", "supervised_in_area"),
        ExpressedInterest => ("case", "expressed_interest"),
        Role => ("person", "role"),
        PersonName => ("person", "name"),
        PersonAge => ("person", "age"),
        Guardian => ("person", "parent_or_carer"),
        GuardianName => ("person", "parent_or_carer_name"),
        GuardianContact => ("person", "parent_or_carer_contact"),
        GuardianNotSafe => ("person", "parent_or_carer_not_safe_why"),
        PersonHome => ("person", "home"),
        PersonAddress => ("person", "address"),
        PersonPostcode => ("person", "postcode"),
        PersonInArea => ("person", "in_area"),
        ContactMethods => ("person", "contact_methods"),
        PersonPhone => ("person", "phone"),
        Voicemail => ("person", "voicemail"),
        PersonEmail => ("person", "email"),
        SafeTimes => ("person", "safe_times"),
        AccessNeeds => ("person", "access_needs"),
        Interpreter => ("person", "interpreter"),
        Language => ("person", "language"),
        OtherKnown => ("other_person", "known"),
        OtherName => ("other_person", "name"),
        OtherAge => ("other_person", "age"),
        OtherPostcode => ("other_person", "postcode"),
        OtherInArea => ("other_person", "in_area"),
        Offence => ("incident", "offence"),
        InitiatedBy => ("incident", "initiated_by"),
        CourtStage => ("incident", "court_stage"),
        IncidentDate => ("incident", "date"),
        IncidentPostcode => ("incident", "postcode"),
        IncidentInArea => ("incident", "in_area"),
        CrimeReference => ("incident", "crime_reference"),
        Description => ("incident", "description"),
        Risks => ("risks", "known_risks"),
        Orders => ("risks", "orders"),
        Agencies => ("risks", "agencies"),
        Consent => ("consents", "referral_and_sharing"),
        ContactAgreement => ("consents", "contact"),
    }
}

pub const SECTIONS: &[&str] = &[
    "referrer",
    "case",
    "person",
    "other_person",
    "incident",
    "risks",
    "consents",
];

/// An answer as the payload carries it: normalised, and typed where JSON has a type for it.
/// A skipped optional answer is `null`.
fn to_json(field: Field, raw: &str, a: &Answers) -> Json {
    let raw = raw.trim();
    if raw.is_empty() {
        return Json::Null;
    }
    let normal = |parsed: Result<String, Invalid>| Json::Text(parsed.unwrap_or(raw.to_owned()));
    match question(field, a).kind {
        Kind::Checkboxes(_) => Json::List(choices(raw).map(Json::from).collect()),
        Kind::Agree(_) => Json::Bool(true),
        Kind::Input { text, .. } => match text {
            Text::Age => Age::parse(raw).map_or(Json::Null, |a| Json::Number(a.years().into())),
            Text::Postcode => normal(Postcode::parse(raw).map(|p| p.to_string())),
            Text::Phone => normal(Phone::parse(raw).map(|p| p.to_string())),
            Text::Email => normal(Email::parse(raw).map(|e| e.to_string())),
            Text::PastDate => normal(ApproxDate::parse(raw).map(|d| d.to_string())),
            Text::Plain(_) => raw.into(),
        },
        Kind::Radios(_) | Kind::TextArea(_) => raw.into(),
    }
}

/// The answer a payload value stands for, or `None` for a value of another JSON type than the
/// question's own (what `to_json` writes for it): a number where text belongs is refused, not
/// read as text, so what is stored always follows the schema. `null` is a skipped answer.
fn from_json(value: &Value, kind: Kind) -> Option<String> {
    match (value, kind) {
        (Value::Null, _) => Some(String::new()),
        (Value::Array(items), Kind::Checkboxes(_)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .map(|codes| join_choices(&codes)),
        (Value::Bool(true), Kind::Agree(_)) => Some(AGREED.into()),
        (
            Value::Number(n),
            Kind::Input {
                text: Text::Age, ..
            },
        ) => n.as_u64().map(|n| n.to_string()),
        (
            Value::String(s),
            Kind::Radios(_)
            | Kind::TextArea(_)
            | Kind::Input {
                text: Text::Plain(_) | Text::Postcode | Text::Phone | Text::Email | Text::PastDate,
                ..
            },
        ) => Some(s.clone()),
        _ => None,
    }
}

/// The envelope around the answers: what every payload carries whatever the route.
#[derive(Debug, serde::Deserialize, Validate)]
pub struct Envelope {
    #[validate(range(
        min = 1,
        max = 2,
        message = "this receiver reads schema versions 1 and 2"
    ))]
    pub schema_version: u32,
    pub reference: String,
    #[validate(length(
        min = 20,
        max = 35,
        message = "submitted_at must be a timestamp like 2026-11-30T09:30:00Z"
    ))]
    pub submitted_at: String,
}

/// The symbols of Crockford's base32: digits and capitals without I, L, O and U, so nothing
/// read out on the phone is mistaken for another symbol.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A referral's reference, which is also the Idempotency-Key of its request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reference {
    /// Schema version 2: `RJ-` and eight Crockford base32 symbols in two groups of four,
    /// `RJ-7K3M-9QXP`: 40 random bits, short enough to read out on the phone.
    Readable(u64),
    /// Schema version 1: a UUID, as `crypto.randomUUID()` made it.
    Uuid(u128),
}

impl Reference {
    /// A readable reference from five random bytes (the browser's `crypto.getRandomValues`).
    pub fn from_random(bytes: [u8; 5]) -> Reference {
        Reference::Readable(bytes.iter().fold(0, |n, b| n << 8 | u64::from(*b)))
    }

    /// Reads a reference exactly as the app writes one: `RJ-7K3M-9QXP`, or a lower-case
    /// hyphenated UUID (schema version 1). Nothing else, so a key is compared as written.
    pub fn parse(text: &str) -> Result<Reference, Invalid> {
        if let Some(symbols) = text.strip_prefix("RJ-") {
            let b = symbols.as_bytes();
            if b.len() == 9 && b[4] == b'-' {
                let value = b[..4].iter().chain(&b[5..]).try_fold(0u64, |n, c| {
                    let digit = CROCKFORD.iter().position(|d| d == c)?;
                    Some(n << 5 | digit as u64)
                });
                if let Some(value) = value {
                    return Ok(Reference::Readable(value));
                }
            }
        } else if is_uuid(text) {
            let hex: String = text.chars().filter(|c| *c != '-').collect();
            if let Ok(value) = u128::from_str_radix(&hex, 16) {
                return Ok(Reference::Uuid(value));
            }
        }
        Err(Invalid(
            "the reference must be RJ- and eight letters and digits, like RJ-7K3M-9QXP",
        ))
    }

    /// The schema version whose references look like this one.
    pub fn schema_version(self) -> u32 {
        match self {
            Reference::Readable(_) => SCHEMA_VERSION,
            Reference::Uuid(_) => 1,
        }
    }
}

impl std::fmt::Display for Reference {
    // Written symbol by symbol: formatting a u128 as hex, or building strings, costs the
    // browser's wasm a kilobyte or more (see the size invariant).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        match *self {
            Reference::Readable(value) => {
                f.write_str("RJ-")?;
                for i in 0..8 {
                    if i == 4 {
                        f.write_char('-')?;
                    }
                    f.write_char(CROCKFORD[(value >> (35 - 5 * i) & 31) as usize] as char)?;
                }
                Ok(())
            }
            Reference::Uuid(value) => {
                for i in 0..32 {
                    if matches!(i, 8 | 12 | 16 | 20) {
                        f.write_char('-')?;
                    }
                    f.write_char(
                        b"0123456789abcdef"[(value >> (124 - 4 * i) & 15) as usize] as char,
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// Lower-case hyphenated UUID text, as `crypto.randomUUID()` makes.
fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
        })
}

/// A complete referral, ready to send.
#[derive(Clone, Debug, PartialEq)]
pub struct Referral {
    pub reference: Reference,
    pub submitted_at: String,
    pub answers: Answers,
}

impl Referral {
    /// The rules' verdict on this referral.
    pub fn outcome(&self, today: Date) -> Outcome {
        evaluate(&facts(&self.answers, today))
    }

    /// The payload of `schema/referral.schema.json`. Only answers on the route are sent.
    pub fn to_payload(&self, today: Date) -> Json {
        let mut sections: Vec<(&'static str, Vec<(&'static str, Json)>)> =
            SECTIONS.iter().map(|s| (*s, vec![])).collect();
        for field in route(&self.answers) {
            let (section, key) = payload_key(field);
            let value = to_json(
                field,
                self.answers.get(field).unwrap_or_default(),
                &self.answers,
            );
            if let Some((_, fields)) = sections.iter_mut().find(|(s, _)| *s == section) {
                fields.push((key, value));
            }
        }
        let outcome = self.outcome(today);
        let case_type = facts(&self.answers, today).case_type;
        let mut payload = vec![
            // A version 1 referral read by the receiver is written back as version 1.
            (
                "schema_version",
                Json::Number(self.reference.schema_version().into()),
            ),
            ("reference", self.reference.to_string().as_str().into()),
            ("submitted_at", self.submitted_at.as_str().into()),
            ("case_type", case_type.map(CaseType::code).into()),
        ];
        payload.extend(sections.into_iter().map(|(s, f)| (s, Json::Object(f))));
        let reasons = outcome.reasons.iter().map(|r| r.code().into()).collect();
        payload.push((
            "eligibility",
            Json::Object(vec![
                ("status", outcome.status().code().into()),
                (
                    "redirect_to",
                    outcome.redirect_to().map(RedirectTo::code).into(),
                ),
                ("reasons", Json::List(reasons)),
                ("rules_version", RULES_VERSION.into()),
            ]),
        ));
        Json::Object(payload)
    }

    /// Reads and checks a payload as a receiver must: every answer the route needs, each valid,
    /// nothing the route does not ask, and a case the rules do not stop. Every problem is named.
    pub fn from_payload(payload: &Value, today: Date) -> Result<Referral, Vec<FieldError>> {
        let error = |field: &str, message: &str| FieldError {
            field: field.to_owned(),
            message: message.to_owned(),
        };
        let object = payload
            .as_object()
            .ok_or_else(|| vec![error("referral", "the referral must be a JSON object")])?;
        let envelope: Envelope = serde_json::from_value(payload.clone())
            .map_err(|e| vec![error("referral", &e.to_string())])?;
        let mut errors: Vec<FieldError> = match envelope.validate() {
            Ok(()) => vec![],
            Err(e) => e
                .field_errors()
                .iter()
                .flat_map(|(field, errs)| {
                    errs.iter().map(move |err| {
                        (
                            field.to_string(),
                            err.message.clone().unwrap_or_default().to_string(),
                        )
                    })
                })
                .map(|(field, message)| FieldError { field, message })
                .collect(),
        };
        let mut typed: Vec<(Field, &Value)> = vec![];
        for (section, value) in object {
            let known = [
                "schema_version",
                "reference",
                "submitted_at",
                "case_type",
                "eligibility",
            ]
            .contains(&section.as_str());
            match (SECTIONS.contains(&section.as_str()), value.as_object()) {
                (true, Some(entries)) => {
                    for (key, value) in entries {
                        let field = Field::ALL
                            .iter()
                            .copied()
                            .find(|f| payload_key(*f) == (section.as_str(), key.as_str()));
                        match field {
                            Some(f) => typed.push((f, value)),
                            None => errors.push(error(
                                &format!("{section}.{key}"),
                                "is not a question of this referral",
                            )),
                        }
                    }
                }
                (true, None) => errors.push(error(section, "must be an object")),
                (false, _) if !known => errors.push(error(section, "is not part of a referral")),
                _ => {}
            }
        }
        // Text is read first: a question's kind can depend on other answers (as its words do),
        // but no answer changes whether another is text, a number, a list or a tick.
        let mut answers = Answers::default();
        for (field, value) in &typed {
            if let Some(text) = value.as_str() {
                answers.set(*field, text.to_owned());
            }
        }
        for (field, value) in typed {
            match from_json(value, question(field, &answers).kind) {
                // Stored as the service will read it: one Unicode form (NFC) for every text.
                Some(raw) => answers.set(field, raw.nfc().collect::<String>()),
                None => errors.push(error(field.code(), "has the wrong type")),
            }
        }
        match (
            Reference::parse(&envelope.reference),
            envelope.schema_version,
        ) {
            (Ok(reference), version) if reference.schema_version() != version => {
                errors.push(error(
                    "reference",
                    "the reference does not match the schema version",
                ))
            }
            (Err(e), _) => errors.push(error("reference", e.0)),
            _ => {}
        }
        let on_route = route(&answers);
        for field in Field::ALL {
            let raw = answers.get(*field);
            if !on_route.contains(field) {
                if raw.is_some() {
                    errors.push(error(field.code(), "is not asked on this referral's route"));
                }
                continue;
            }
            let q = question(*field, &answers);
            if let Err(e) = q.check(raw.unwrap_or_default(), today) {
                errors.push(error(field.code(), e.0));
            }
        }
        let Ok(reference) = Reference::parse(&envelope.reference) else {
            return Err(errors);
        };
        let referral = Referral {
            reference,
            submitted_at: envelope.submitted_at,
            answers,
        };
        if errors.is_empty() {
            debug_assert!(is_complete(&referral.answers, today));
            let outcome = referral.outcome(today);
            if outcome.stops_referral() {
                errors.extend(
                    outcome
                        .reasons
                        .iter()
                        .filter(|r| r.status() >= crate::Status::Redirect)
                        .map(|r| error("eligibility", r.message())),
                );
            }
        }
        if errors.is_empty() {
            Ok(referral)
        } else {
            Err(errors)
        }
    }
}
