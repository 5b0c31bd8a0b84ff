//! Every text a person referring themselves can read that the core words: each question, hint,
//! choice and error, every reason with its next step, every status and headline. Printed as a
//! JSON array of `{"where", "text"}` for `scripts/readability.mjs`, which measures how easy each
//! is to read.

use rj_core::rules::{Outcome, RedirectTo, Status};
use rj_core::wizard::{question, route, Answers, Field, Kind};
use rj_core::Reason;

fn main() {
    let mut texts: Vec<(String, &'static str)> = vec![];
    let mut add = |at: String, text: &'static str| {
        if !text.is_empty() && !texts.iter().any(|(_, t)| *t == text) {
            texts.push((at, text));
        }
    };
    for role in ["harmed", "caused_harm", "in_conflict"] {
        // Every branch of a self-referral's route switched on, so every question shows.
        let mut a = Answers::default();
        for (f, raw) in [
            (Field::Referrer, "self"),
            (Field::Role, role),
            (Field::CaseType, "not_sure"),
            (Field::Offence, "other"),
            (Field::OtherKnown, "yes"),
            (Field::Interpreter, "yes"),
            (Field::PersonHome, "uk"),
            (Field::PersonAddress, "1 High Street"),
            (Field::ContactMethods, "phone,text,email,letter"),
            (Field::IncidentPostcode, "GU10"),
            (Field::PersonPostcode, "PO10"),
            (Field::OtherPostcode, "BH24"),
        ] {
            a.set(f, raw);
        }
        for f in route(&a) {
            let q = question(f, &a);
            let at = |part: &str| format!("{} {part}", f.code());
            add(at("question"), q.text);
            add(at("hint"), q.hint.unwrap_or_default());
            add(at("error"), q.missing);
            let choices = match q.kind {
                Kind::Radios(c) | Kind::Checkboxes(c) => c,
                Kind::Agree(label) => {
                    add(at("box"), label);
                    &[]
                }
                _ => &[],
            };
            for c in choices {
                add(at("choice"), c.label);
                add(at("choice hint"), c.hint.unwrap_or_default());
            }
        }
    }
    // The reasons a self-referral can meet (the others concern professionals' referrals).
    use Reason::*;
    for r in [
        Under18Responsible,
        YoungHarmedPerson,
        YoungSelfReferral,
        VictimLedRequired,
        AbuseNotMediation,
        AreaUnconfirmed,
        OutsideArea,
        CourtOngoing,
        PreSentence,
    ] {
        add(format!("{} message", r.code()), r.message());
        add(format!("{} next step", r.code()), r.next_step_for(true));
    }
    for s in Status::ALL {
        add(format!("{} summary", s.code()), s.summary());
    }
    for to in [
        None,
        Some(RedirectTo::YouthJustice),
        Some(RedirectTo::LocalRjService),
    ] {
        let reasons = match to {
            Some(RedirectTo::YouthJustice) => vec![Reason::Under18Responsible],
            Some(_) => vec![Reason::OutsideArea],
            None => vec![Reason::VictimLedRequired],
        };
        add("outcome headline".into(), Outcome { reasons }.headline());
    }
    let json: Vec<serde_json::Value> = texts
        .into_iter()
        .map(|(at, text)| serde_json::json!({"where": at, "text": text}))
        .collect();
    println!("{}", serde_json::Value::Array(json));
}
