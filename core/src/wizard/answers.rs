//! What a person has answered, kept as typed, and what the answers say once read.

use super::field::Field;
use crate::area::{lookup, AreaAnswer};
use crate::rules::initiator_told_by;
use crate::values::{Age, Postcode};
use crate::vocab::{CaseType, InitiatedBy, Offence, Referrer, Role};

/// What a person has answered so far, as they typed it, keyed by question. An optional question
/// the person skipped holds an empty answer; a question never reached has none. Several
/// checkbox choices are kept as codes joined by commas.
///
/// A list sorted by question, not a `BTreeMap`: with a few dozen questions a search of a list is
/// as quick, and the B-tree's code cost the browser's wasm about 7 kB (BENCHMARKS.md).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers(Vec<(Field, String)>);

impl Answers {
    /// The answer to `field`, if given.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, raw)| raw.as_str())
    }

    /// Keeps `raw` as the answer to `field`, with none of `answer`'s consequences: for presets, and for a payload read back.
    pub fn set(&mut self, field: Field, raw: impl Into<String>) {
        match self.0.binary_search_by_key(&field, |(f, _)| *f) {
            Ok(at) => self.0[at].1 = raw.into(),
            Err(at) => self.0.insert(at, (field, raw.into())),
        }
    }

    pub(super) fn forget(&mut self, field: Field) {
        self.0.retain(|(f, _)| *f != field);
    }

    /// Every answer given.
    pub fn iter(&self) -> impl Iterator<Item = (Field, &str)> {
        self.0.iter().map(|(f, raw)| (*f, raw.as_str()))
    }

    pub(super) fn is(&self, field: Field, code: &str) -> bool {
        self.get(field) == Some(code)
    }

    pub(super) fn has_choice(&self, field: Field, code: &str) -> bool {
        self.get(field)
            .is_some_and(|v| choices(v).any(|c| c == code))
    }

    pub(super) fn referrer(&self) -> Option<Referrer> {
        self.get(Field::Referrer).and_then(Referrer::from_code)
    }

    pub(super) fn role(&self) -> Option<Role> {
        self.get(Field::Role).and_then(Role::from_code)
    }

    /// The person is referring themselves.
    pub fn is_self_referral(&self) -> bool {
        self.referrer() == Some(Referrer::SelfReferral)
    }

    /// A professional refers a person under 16: a parent or carer is asked for. Decided
    /// (2026-12): 16, the age from which young people usually consent for themselves.
    pub(super) fn is_child(&self) -> bool {
        self.get(Field::PersonAge)
            .and_then(|raw| Age::parse(raw).ok())
            .is_some_and(|age| age.years() < 16)
    }

    /// A question about a place has been answered (or skipped): only then can the wizard say
    /// the area connection is not shown yet.
    pub(super) fn places_reached(&self) -> bool {
        [
            Field::IncidentPostcode,
            Field::PersonHome,
            Field::OtherPostcode,
        ]
        .iter()
        .any(|f| self.get(*f).is_some())
    }

    pub(super) fn has_address(&self) -> bool {
        self.get(Field::PersonAddress)
            .is_some_and(|raw| !raw.trim().is_empty())
    }

    pub(super) fn is_border(&self, field: Field) -> bool {
        self.get(field)
            .and_then(|raw| Postcode::parse(raw).ok())
            .is_some_and(|p| lookup(&p) == AreaAnswer::Border)
    }

    pub(super) fn case_type(&self) -> Option<CaseType> {
        match self.get(Field::CaseType)? {
            "not_sure" => match self.get(Field::CaseTypeHelp)? {
                "crime" => Some(CaseType::RestorativeJustice),
                "conflict" => Some(CaseType::Mediation),
                "nuisance" => Some(CaseType::Asb),
                _ => None,
            },
            code => CaseType::from_code(code),
        }
    }

    pub(super) fn offence(&self) -> Option<Offence> {
        self.get(Field::Offence).and_then(Offence::from_code)
    }

    /// Who asked for restorative justice, where the route already tells (see
    /// `rules::initiator_told_by`).
    pub(super) fn known_initiator(&self) -> Option<InitiatedBy> {
        initiator_told_by(self.referrer()?, self.role())
    }
}

/// The codes of the boxes ticked in a checkbox answer.
pub fn choices(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(',')
}

/// A checkbox answer: the codes of the ticked boxes, as one answer.
pub fn join_choices(codes: &[String]) -> String {
    codes.join(",")
}
