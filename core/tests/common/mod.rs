//! Helpers shared by the core's integration tests.
#![allow(dead_code)] // each test crate uses its own part of these

use rj_core::wizard::{first_unanswered, question, Answers, Field, Kind, Text};
use rj_core::Date;

pub fn today() -> Date {
    Date::new(2026, 11, 30).unwrap()
}

/// A valid answer to any question, unless `given` says otherwise.
pub fn answer(field: Field, a: &Answers, given: &[(Field, &str)]) -> String {
    if let Some((_, v)) = given.iter().find(|(f, _)| *f == field) {
        return (*v).to_owned();
    }
    match question(field, a).kind {
        Kind::Radios(choices) => match field {
            Field::Consent | Field::SupervisedInArea | Field::ExpressedInterest => "yes".into(),
            Field::OocdCondition => "no".into(),
            _ => choices[0].code.into(),
        },
        Kind::Checkboxes(choices) => choices[0].code.into(),
        Kind::Agree(_) => "yes".into(),
        Kind::TextArea(_) => "Words".into(),
        Kind::Input { text, .. } => match text {
            Text::Plain(_) => "Words".into(),
            Text::Postcode => "SO23 8UJ".into(),
            Text::Age => "30".into(),
            Text::Email => "a@example.com".into(),
            Text::Phone => "07700 900982".into(),
            Text::PastDate => "1 2 2020".into(),
        },
    }
}

/// Answers every question the route asks, in order, as a person would.
pub fn walk(given: &[(Field, &str)]) -> (Answers, Vec<Field>) {
    let mut a = Answers::default();
    let mut asked = vec![];
    while let Some(f) = first_unanswered(&a) {
        let raw = answer(f, &a, given);
        assert_eq!(
            question(f, &a).check(&raw, today()),
            Ok(()),
            "{f:?} = {raw}"
        );
        a.set(f, raw);
        asked.push(f);
        assert!(asked.len() < 60, "the route never ends");
    }
    (a, asked)
}
