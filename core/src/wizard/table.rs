//! The referral's questions: what is asked, of whom, in what order, what a valid answer is, and
//! which facts the answers give the rules. The app renders these questions and nothing else, so
//! the route through the wizard is tested here, natively, like the rules.
//!
//! Questions come in this order: who is referring and what kind of case it is, then the answers
//! the rules need (the offence, who asked, the ages of the person referred and of the other
//! person), so a case that cannot go ahead learns so within the first few questions; then the
//! referrer's own criteria, the incident, the details of the people, the risks, and, for
//! professionals, their own details.

use crate::area::{lookup, AreaAnswer};
use crate::rules::{evaluate, initiator_told_by, Facts, Outcome, Reason};
use crate::values::{Age, ApproxDate, Date, Email, Invalid, Phone, Postcode};
use crate::vocab::{self as v, code_enum, CaseType, InitiatedBy, Offence, Referrer, Role};

code_enum! {
    /// One question of the wizard. The code is the answer's key, the field's id in the page and
    /// the path a person sees in the address bar.
    pub enum Field {
        Referrer = "referrer",
        Role = "role",
        CaseType = "case_type",
        CaseTypeHelp = "case_type_help",
        OocdCondition = "oocd_condition",
        YjsReason = "yjs_reason",
        Custody = "custody",
        SupervisedInArea = "supervised_in_area",
        ExpressedInterest = "expressed_interest",
        Consent = "consent",
        Offence = "offence",
        InitiatedBy = "initiated_by",
        CourtStage = "court_stage",
        IncidentDate = "incident_date",
        IncidentPostcode = "incident_postcode",
        IncidentInArea = "incident_in_area",
        CrimeReference = "crime_reference",
        Description = "description",
        PersonName = "person_name",
        PersonAge = "person_age",
        Guardian = "guardian",
        GuardianName = "guardian_name",
        GuardianContact = "guardian_contact",
        GuardianNotSafe = "guardian_not_safe",
        PersonHome = "person_home",
        PersonAddress = "person_address",
        PersonPostcode = "person_postcode",
        PersonInArea = "person_in_area",
        ContactMethods = "contact_methods",
        PersonPhone = "person_phone",
        Voicemail = "voicemail",
        PersonEmail = "person_email",
        SafeTimes = "safe_times",
        AccessNeeds = "access_needs",
        Interpreter = "interpreter",
        Language = "language",
        OtherKnown = "other_known",
        OtherName = "other_name",
        OtherAge = "other_age",
        OtherPostcode = "other_postcode",
        OtherInArea = "other_in_area",
        Risks = "risks",
        Orders = "orders",
        Agencies = "agencies",
        ContactAgreement = "contact_agreement",
        ReferrerName = "referrer_name",
        ReferrerOrganisation = "referrer_organisation",
        ReferrerRole = "referrer_role",
        ReferrerEmail = "referrer_email",
        ReferrerPhone = "referrer_phone",
        /// Not a question: the memory that a person referring themselves met the victim-led
        /// stop (see `Answers::answer`). It is kept with the answers in the tab, so it goes
        /// where they go (quick exit and a new tab forget it), and it is never on the route, so
        /// it is never asked, shown or sent.
        VictimLedStop = "victim_led_stop",
    }
}

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

    fn forget(&mut self, field: Field) {
        self.0.retain(|(f, _)| *f != field);
    }

    /// A person's answer to `field`, given on its page. Answers whose question changed meaning
    /// are forgotten, so the wizard asks them again: changing "Who is making this referral?"
    /// between "I am referring myself" and a professional turns "the person you are
    /// referring" into "you", and a choice no longer offered (such as "someone who caused harm"
    /// for an organisation supporting victims, or a letter once the address is gone) is no
    /// answer.
    ///
    /// Once a self-referral's answers meet the victim-led stop (a person who caused harm, or is
    /// in a conflict, asking for restorative justice after domestic abuse or sexual violence),
    /// the answers remember it: no later answer, "I was harmed" included, lets the case go on
    /// online (`Reason::VictimLedStopHeld`). A victim who mis-clicked talks to a person.
    pub fn answer(&mut self, field: Field, raw: impl Into<String>) {
        let was_self = self.is_self_referral();
        self.set(field, raw);
        if field == Field::Referrer && was_self != self.is_self_referral() {
            // The questions about the person, which say "you" to a person referring themselves.
            for e in QUESTIONS.iter().filter(|e| matches!(e.text, Either { .. })) {
                self.forget(e.field);
            }
        }
        for f in route(self) {
            if let (Kind::Radios(listed) | Kind::Checkboxes(listed), Some(raw)) =
                (question(f, self).kind, self.get(f))
            {
                if !choices(raw).all(|code| listed.iter().any(|c| c.code == code)) {
                    self.forget(f);
                }
            }
        }
        let stopped = Facts {
            referrer: self.referrer(),
            self_role: self.role(),
            offence: self.offence(),
            ..Facts::default()
        };
        if self.is_self_referral()
            && evaluate(&stopped)
                .reasons
                .contains(&Reason::VictimLedRequired)
        {
            self.set(Field::VictimLedStop, AGREED);
        }
    }

    /// Every answer given.
    pub fn iter(&self) -> impl Iterator<Item = (Field, &str)> {
        self.0.iter().map(|(f, raw)| (*f, raw.as_str()))
    }

    fn is(&self, field: Field, code: &str) -> bool {
        self.get(field) == Some(code)
    }

    fn has_choice(&self, field: Field, code: &str) -> bool {
        self.get(field)
            .is_some_and(|v| choices(v).any(|c| c == code))
    }

    fn referrer(&self) -> Option<Referrer> {
        self.get(Field::Referrer).and_then(Referrer::from_code)
    }

    fn role(&self) -> Option<Role> {
        self.get(Field::Role).and_then(Role::from_code)
    }

    /// The person is referring themselves.
    pub fn is_self_referral(&self) -> bool {
        self.referrer() == Some(Referrer::SelfReferral)
    }

    /// A professional refers a person under 16: a parent or carer is asked for. Decided
    /// (2026-12): 16, the age from which young people usually consent for themselves.
    fn is_child(&self) -> bool {
        self.get(Field::PersonAge)
            .and_then(|raw| Age::parse(raw).ok())
            .is_some_and(|age| age.years() < 16)
    }

    /// A question about a place has been answered (or skipped): only then can the wizard say
    /// the area connection is not shown yet.
    fn places_reached(&self) -> bool {
        [
            Field::IncidentPostcode,
            Field::PersonHome,
            Field::OtherPostcode,
        ]
        .iter()
        .any(|f| self.get(*f).is_some())
    }

    fn has_address(&self) -> bool {
        self.get(Field::PersonAddress)
            .is_some_and(|raw| !raw.trim().is_empty())
    }

    fn is_border(&self, field: Field) -> bool {
        self.get(field)
            .and_then(|raw| Postcode::parse(raw).ok())
            .is_some_and(|p| lookup(&p) == AreaAnswer::Border)
    }

    fn case_type(&self) -> Option<CaseType> {
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

    fn offence(&self) -> Option<Offence> {
        self.get(Field::Offence).and_then(Offence::from_code)
    }

    /// Who asked for restorative justice, where the route already tells (see
    /// `rules::initiator_told_by`).
    fn known_initiator(&self) -> Option<InitiatedBy> {
        initiator_told_by(self.referrer()?, self.role())
    }
}

/// The questions that apply to these answers, in the order they are asked (`QUESTIONS`). A
/// question whose condition depends on an answer not yet given is left out until that answer
/// is given.
pub fn route(a: &Answers) -> Vec<Field> {
    QUESTIONS
        .iter()
        .filter(|e| (e.asked)(a))
        .map(|e| e.field)
        .collect()
}

/// Where to go after answering `current`: the next question of the route, or `None` for the
/// check-your-answers page. After a change from that page (`changing`), the first question
/// the change made necessary, or back to the page.
pub fn next(a: &Answers, current: Field, changing: bool) -> Option<Field> {
    let route = route(a);
    if changing {
        return route.into_iter().find(|f| a.get(*f).is_none());
    }
    let at = route.iter().position(|f| *f == current)?;
    route.get(at + 1).copied()
}

/// The referrer's own details, asked together on one page: related things, for which GOV.UK
/// allows several questions on a page ("multiple questions on a page"). The page is headed by
/// their section's title ("Your details") with `REFERRER_DETAILS_HINT`, and is addressed by its
/// first question; each question keeps its own field, payload key and validation.
pub const REFERRER_DETAILS: &[Field] = &[
    Field::ReferrerName,
    Field::ReferrerOrganisation,
    Field::ReferrerRole,
    Field::ReferrerEmail,
    Field::ReferrerPhone,
];

/// Why the referrer's details are asked, under the page's heading.
pub const REFERRER_DETAILS_HINT: &str = "So we can contact you about this referral";

/// The questions asked on the page of `field`: those asked with it, or `field` alone.
pub fn together(field: Field) -> &'static [Field] {
    if REFERRER_DETAILS.contains(&field) {
        REFERRER_DETAILS
    } else {
        // `ALL` lists the fields in their declared order, the order of their discriminants.
        std::slice::from_ref(&Field::ALL[field as usize])
    }
}

/// The question whose page asks `field`: the first of the questions asked with it, or itself.
pub fn page_of(field: Field) -> Field {
    together(field)[0]
}

/// Seconds one question page takes on average: read it, answer, press Continue. Our decision
/// (the page is silent): most pages are one choice or a short field; the few asking for words
/// (what happened, safe times) take minutes, the rest seconds.
pub const SECONDS_PER_QUESTION: u32 = 20;

/// The start page's time estimate: the shortest and the longest complete route, in questions,
/// times `SECONDS_PER_QUESTION`, in whole minutes rounded up. The core's route test
/// recounts the routes and fails if these words and the routes disagree.
pub const TIME_ESTIMATE: &str = "It takes about 7 to 15 minutes (20 to 44 questions).";

/// The first question on the route still to answer: where a person resumes.
pub fn first_unanswered(a: &Answers) -> Option<Field> {
    route(a).into_iter().find(|f| a.get(*f).is_none())
}

/// A question can be shown: it is on the route and every question before it is answered.
pub fn reachable(a: &Answers, field: Field) -> bool {
    let route = route(a);
    route
        .iter()
        .position(|f| *f == field)
        .is_some_and(|at| route[..at].iter().all(|f| a.get(*f).is_some()))
}

/// Every answer on the route is given and valid: the referral can be checked and sent.
pub fn is_complete(a: &Answers, today: Date) -> bool {
    route(a).into_iter().all(|f| {
        a.get(f)
            .is_some_and(|raw| question(f, a).check(raw, today).is_ok())
    })
}

/// The facts the rules need, from the valid answers on the route. Answers left behind by a
/// change of route, and answers that do not parse, give no facts.
pub fn facts(a: &Answers, today: Date) -> Facts {
    use Field::*;
    let route = route(a);
    let valid = |f: Field| {
        a.get(f)
            .filter(|raw| route.contains(&f) && question(f, a).check(raw, today).is_ok())
            .map(str::trim)
            .filter(|raw| !raw.is_empty())
    };
    let yes_no = |f: Field| {
        valid(f).and_then(|v| match v {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        })
    };
    let age = |f: Field| valid(f).and_then(|v| Age::parse(v).ok());
    let postcode = |f: Field| valid(f).and_then(|v| Postcode::parse(v).ok());
    let role = a.role();
    let (person_is_harmed, person_caused_harm) = (
        role != Some(v::Role::CausedHarm),
        role == Some(v::Role::CausedHarm),
    );
    let pick = |person: Field, other: Field, for_harmed: bool| {
        let person_fits = if for_harmed {
            person_is_harmed
        } else {
            person_caused_harm
        };
        if person_fits {
            person
        } else {
            other
        }
    };
    let referrer = a.referrer();
    Facts {
        referrer,
        self_role: role.filter(|_| referrer == Some(v::Referrer::SelfReferral)),
        case_type: a.case_type(),
        oocd_condition: yes_no(OocdCondition),
        responsible_age: (role != Some(v::Role::InConflict))
            .then(|| age(pick(PersonAge, OtherAge, false)))
            .flatten(),
        harmed_age: age(pick(PersonAge, OtherAge, true)),
        offence: a.offence(),
        initiated_by: valid(InitiatedBy)
            .and_then(v::InitiatedBy::from_code)
            .or_else(|| a.known_initiator()),
        harmed_postcode: postcode(pick(PersonPostcode, OtherPostcode, true)),
        responsible_postcode: postcode(pick(PersonPostcode, OtherPostcode, false)),
        incident_postcode: postcode(IncidentPostcode),
        harmed_address_in_area: yes_no(pick(PersonInArea, OtherInArea, true)),
        responsible_address_in_area: yes_no(pick(PersonInArea, OtherInArea, false)),
        incident_in_area: yes_no(IncidentInArea),
        court_stage: valid(CourtStage).and_then(v::CourtStage::from_code),
        consent: yes_no(Consent),
        supervised_in_area: yes_no(SupervisedInArea),
        expressed_interest: yes_no(ExpressedInterest),
        yjs_reason: valid(YjsReason).and_then(v::YjsReason::from_code),
        incident_date: valid(IncidentDate).and_then(|v| ApproxDate::parse(v).ok()),
        victim_led_stop_met: a.get(VictimLedStop).is_some(),
    }
}

/// Where the case stands after these answers, as the wizard shows it: the rules' outcome, but
/// without the note that the area connection is not shown until a question about a place has
/// been reached (an officer reads that note, at the first question, as a fault). `rj-check`
/// and the receiver, given a case, still note it.
pub fn outcome(a: &Answers, today: Date) -> Outcome {
    let mut outcome = evaluate(&facts(a, today));
    if !a.places_reached() {
        outcome.reasons.retain(|r| *r != Reason::AreaUnconfirmed);
    }
    outcome
}

/// The codes of the boxes ticked in a checkbox answer.
pub fn choices(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(',')
}

/// A checkbox answer: the codes of the ticked boxes, as one answer.
pub fn join_choices(codes: &[String]) -> String {
    codes.join(",")
}

/// The answer of a ticked `Kind::Agree` box.
pub const AGREED: &str = "yes";

/// One option of a radio or checkbox question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The answer's code: the value kept and sent.
    pub code: &'static str,
    /// What the person reads.
    pub label: &'static str,
    /// A hint below the label.
    pub hint: Option<&'static str>,
}

const fn choice(code: &'static str, label: &'static str) -> Choice {
    Choice {
        code,
        label,
        hint: None,
    }
}

const fn hinted(code: &'static str, label: &'static str, hint: &'static str) -> Choice {
    Choice {
        code,
        label,
        hint: Some(hint),
    }
}

const YES_NO: &[Choice] = &[choice("yes", "Yes"), choice("no", "No")];
const YES_NO_NOT_SURE: &[Choice] = &[
    choice("yes", "Yes"),
    choice("no", "No"),
    choice("not_sure", "I'm not sure"),
];

/// What a text answer must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// Free text of at most this length.
    Plain(Limit),
    /// A UK postcode, whole or its first half (`Postcode`).
    Postcode,
    /// An age in whole years (`Age`).
    Age,
    /// An email address (`Email`).
    Email,
    /// A UK phone number (`Phone`).
    Phone,
    /// A year, a month and year, or a full date; today or in the past.
    PastDate,
}

/// The kind of answer a question takes, and so how its page draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One of these choices.
    Radios(&'static [Choice]),
    /// Any of these choices, at least one.
    Checkboxes(&'static [Choice]),
    /// A one-line input, with the `autocomplete` token for the person's own details.
    Input {
        /// What the text must be.
        text: Text,
        /// The `autocomplete` token, or `None` for `off`.
        autocomplete: Option<&'static str>,
    },
    /// A multi-line input of at most this length.
    TextArea(Limit),
    /// A single box to tick, with its label; ticked, its answer is `AGREED`.
    Agree(&'static str),
}

/// Where a question sits on the check-your-answers page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// Who refers, the kind of case and the referrer's criteria.
    Referral,
    /// What happened.
    Incident,
    /// The person referred (or referring themselves).
    Person,
    /// The other person involved.
    OtherPerson,
    /// Risks and safety.
    Risks,
    /// A professional's own details.
    Referrer,
}

impl Section {
    /// The section's heading, saying "you" to a person referring themselves.
    pub fn title(self, self_referral: bool) -> &'static str {
        match self {
            Section::Referral => "About the referral",
            Section::Incident => "What happened",
            Section::Person if self_referral => "About you",
            Section::Person => "The person you are referring",
            Section::OtherPerson => "The other person",
            Section::Risks => "Risks and safety",
            Section::Referrer => "Your details",
        }
    }
}

/// One answer as the check-your-answers page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    /// The question answered.
    pub field: Field,
    /// The question, as `Question::label`.
    pub label: &'static str,
    /// The answer as understood ("Not provided" when skipped).
    pub answer: String,
}

/// One section of the check-your-answers page: its title and its answers, in route order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionSummary {
    /// The section.
    pub section: Section,
    /// Its heading (`Section::title`).
    pub title: &'static str,
    /// Its answers, in route order.
    pub rows: Vec<SummaryRow>,
}

/// Every answer on the route, grouped by section: each section once, in the fixed order of
/// `Section`, whatever order the route asks its questions in (a self-referral agrees to be
/// contacted after the risks, yet that answer belongs to "About you"). Sections with no
/// question on the route are left out. The check page, the confirmation page and the email
/// to the service all show this.
pub fn sections(a: &Answers) -> Vec<SectionSummary> {
    use Section::*;
    let questions: Vec<Question> = route(a).into_iter().map(|f| question(f, a)).collect();
    // A fixed list rather than a sort: a sort costs the browser's wasm 3 kB.
    [Referral, Incident, Person, OtherPerson, Risks, Referrer]
        .into_iter()
        .filter(|section| questions.iter().any(|q| q.section == *section))
        .map(|section| SectionSummary {
            section,
            title: section.title(a.is_self_referral()),
            rows: questions
                .iter()
                .filter(|q| q.section == section)
                .map(|q| SummaryRow {
                    field: q.field,
                    label: q.label(),
                    answer: q.display(a.get(q.field).unwrap_or_default()),
                })
                .collect(),
        })
        .collect()
}

/// Where `field` sits, as its page's caption says: its section, and that section's place among
/// the parts of the route, a part being a run of questions of one section ("The person you
/// are referring, part 3 of 7"). A section the route comes back to is counted at its first
/// part.
pub fn progress(a: &Answers, field: Field) -> String {
    let mut parts: Vec<Section> = route(a)
        .into_iter()
        .map(|f| question(f, a).section)
        .collect();
    parts.dedup();
    let section = question(field, a).section;
    let at = parts.iter().position(|s| *s == section).unwrap_or(0);
    format!(
        "{}, part {} of {}",
        section.title(a.is_self_referral()),
        at + 1,
        parts.len()
    )
}

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

/// The border hint names the one county a border postcode is shared with, not every neighbour.
fn border_hint(a: &Answers, postcode: Field) -> &'static str {
    use crate::area::Neighbour::*;
    let neighbour = a
        .get(postcode)
        .and_then(|raw| Postcode::parse(raw).ok())
        .and_then(|p| crate::area::neighbour(&p));
    match neighbour {
        Some(Surrey) => "This postcode is on the border with Surrey",
        Some(WestSussex) => "This postcode is on the border with West Sussex",
        Some(Berkshire) => "This postcode is on the border with Berkshire",
        Some(Wiltshire) => "This postcode is on the border with Wiltshire",
        Some(Dorset) => "This postcode is on the border with Dorset",
        None => "This postcode is on the county border",
    }
}

/// How long a free-text answer may be, with the message that says so: a limit cannot exist
/// without its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// A name or a reference.
    Name,
    /// One line: an organisation, an address, a time.
    Line,
    /// A few sentences: what happened, the risks.
    Story,
}

impl Limit {
    /// The most characters an answer may have.
    pub fn max(self) -> usize {
        match self {
            Limit::Name => 100,
            Limit::Line => 200,
            Limit::Story => 1200,
        }
    }

    /// The error for a longer answer.
    pub fn message(self) -> &'static str {
        match self {
            Limit::Name => "Answer must be 100 characters or fewer",
            Limit::Line => "Answer must be 200 characters or fewer",
            Limit::Story => "Answer must be 1200 characters or fewer",
        }
    }
}

/// A limit reads as its number of characters ("You can enter up to 1200 characters").
impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.max().fmt(f)
    }
}

const NAME: Limit = Limit::Name;
const LINE: Limit = Limit::Line;
const STORY: Limit = Limit::Story;

const CUSTODY: &[Choice] = &[
    choice("prison", "In prison (PiP)"),
    choice("probation", "On probation (PoP)"),
];
const YES_NO_DONT_KNOW: &[Choice] = &[
    choice("yes", "Yes"),
    choice("no", "No"),
    choice("unknown", "I don't know"),
];
const REFERRERS: &[Choice] = &[
    hinted(
        "self",
        "I am referring myself",
        "You were harmed, caused harm, or are in a conflict or dispute",
    ),
    choice("police", "Police officer or police staff"),
    hinted(
        "probation",
        "Prison or Probation Service",
        "Including people in prison (PiP) and people on probation (PoP)",
    ),
    choice("victim_contact_scheme", "Victim Contact Scheme"),
    choice("victim_support", "An organisation supporting victims"),
    choice("youth_justice", "Youth Justice Service"),
    hinted(
        "community_safety",
        "Community Safety Partnership",
        "Including councils and social housing",
    ),
    hinted(
        "support_service",
        "Another support service",
        "Working with someone who was harmed or who caused harm",
    ),
];
const OWN_ROLES: &[Choice] = &[
    choice("harmed", "I was harmed by someone"),
    choice("caused_harm", "I caused harm to someone"),
    choice("in_conflict", "I am in a conflict or dispute with someone"),
];
/// An organisation supporting victims refers a victim ("supporting a victim of crime or
/// conflict"), never the person who caused harm.
const VICTIMS_ROLES: &[Choice] = &[OTHERS_ROLES[0], OTHERS_ROLES[2]];
const OWN_HOMES: &[Choice] = &[
    hinted(
        "uk",
        "At an address in the UK",
        "Including a forces (BFPO) address",
    ),
    choice("no_fixed_address", "I have no fixed address"),
    choice("abroad", "Outside the UK"),
    choice("rather_not_say", "I would rather not say"),
];
const OTHERS_HOMES: &[Choice] = &[
    hinted(
        "uk",
        "At an address in the UK",
        "Including a forces (BFPO) address",
    ),
    choice("no_fixed_address", "They have no fixed address"),
    choice("abroad", "Outside the UK"),
    choice("rather_not_say", "They would rather not say"),
];
const GUARDIAN: &[Choice] = &[
    choice("yes", "Yes"),
    choice(
        "not_safe",
        "No, it would not be safe to contact a parent or carer",
    ),
];
const OTHERS_ROLES: &[Choice] = &[
    choice("harmed", "Someone who was harmed"),
    choice("caused_harm", "Someone who caused harm"),
    choice("in_conflict", "Someone in a conflict or dispute"),
];
const CASE_TYPES: &[Choice] = &[
    hinted(
        "restorative_justice",
        "Restorative Justice",
        "A crime was committed, or there is a clear person harmed and a person responsible",
    ),
    hinted(
        "mediation",
        "Restorative Practice or mediation",
        "A conflict or dispute where no crime was committed",
    ),
    hinted(
        "asb",
        "Anti-social behaviour",
        "Behaviour that makes people feel scared, upset or harassed, or is a nuisance",
    ),
    choice("not_sure", "I'm not sure"),
];
const CASE_DESCRIPTIONS: &[Choice] = &[
    choice(
        "crime",
        "A crime was committed, or one person clearly harmed another",
    ),
    choice(
        "conflict",
        "There is a conflict or dispute, but no crime was committed",
    ),
    choice(
        "nuisance",
        "Someone's behaviour is a nuisance, or makes people feel scared or upset",
    ),
];
const YJS_REASONS: &[Choice] = &[
    choice("nfa", "The police took No Further Action (NFA)"),
    choice(
        "not_ready_under_supervision",
        "The people involved were not ready while the young person was under our supervision",
    ),
    choice(
        "turned_18_ongoing",
        "The young person has turned 18 and the case is still going on",
    ),
    choice("other", "Another reason"),
];
const OFFENCES: &[Choice] = &[
    choice("domestic_abuse", "Domestic abuse"),
    choice("sexual_violence", "Sexual violence"),
    choice("other", "Another crime"),
    hinted(
        "none",
        "No crime was committed",
        "For example, a conflict, a dispute or a nuisance",
    ),
];
const INITIATORS: &[Choice] = &[
    choice("harmed", "The person who was harmed"),
    choice("caused_harm", "The person who caused harm"),
    choice("both", "Both of them"),
    choice("unknown", "I don't know"),
];
const COURT_STAGES: &[Choice] = &[
    choice("none", "No, it is not going to court"),
    choice(
        "awaiting_court",
        "Yes, it is waiting for a court hearing or trial",
    ),
    choice(
        "pre_sentence",
        "Yes, the person who caused harm has been found guilty and is waiting to be sentenced",
    ),
    choice(
        "sentenced",
        "No, the person who caused harm has been sentenced",
    ),
    choice("unknown", "I don't know"),
];
const CONTACT_METHODS: &[Choice] = &[
    choice("phone", "Phone call"),
    choice("text", "Text message"),
    choice("email", "Email"),
    choice("letter", "Letter"),
];

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

/// Something a question says or offers: the same to everyone, one way to a person referring
/// themselves ("you") and another to a professional ("they"), or, for the few that depend on
/// other answers, worked out from them.
#[derive(Clone, Copy)]
pub enum Worded<T: 'static> {
    /// The same for every referrer.
    Same(T),
    /// `you` for a person referring themselves, `they` for a professional.
    Either {
        /// For a person referring themselves.
        you: T,
        /// For a professional referring someone.
        they: T,
    },
    /// Worked out from the answers so far.
    By(fn(&Answers) -> T),
}

use Worded::{By, Either, Same};

impl<T: Copy> Worded<T> {
    /// What this says to the person who gave these answers.
    pub fn for_answers(self, a: &Answers) -> T {
        match self {
            Same(t) => t,
            Either { you, they } => {
                if a.is_self_referral() {
                    you
                } else {
                    they
                }
            }
            By(f) => f(a),
        }
    }
}

/// One question of the wizard, as it is written once: everything the route, the question page,
/// the check page and the payload know about it. See ARCHITECTURE.md, "Adding a question".
#[derive(Clone, Copy)]
pub struct Entry {
    /// The question's field, whose code is the contract.
    pub field: Field,
    /// Whether these answers lead to the question. A condition on an answer not yet given is
    /// false until it is given.
    pub asked: fn(&Answers) -> bool,
    /// The question itself, the page's heading, and its label on the check page. Without
    /// "(optional)": the app adds that where it draws the heading.
    pub text: Worded<&'static str>,
    /// The hint below the heading.
    pub hint: Worded<Option<&'static str>>,
    /// The kind of answer and its choices.
    pub kind: Worded<Kind>,
    /// The error when the question is left unanswered; `None` for an optional question.
    pub missing: Option<Worded<&'static str>>,
    /// Where the answer sits on the check page.
    pub section: Section,
    /// Where the answer sits in the payload: its object, then its key.
    pub key: (&'static str, &'static str),
}

const fn input(text: Text, autocomplete: Option<&'static str>) -> Kind {
    Kind::Input { text, autocomplete }
}

fn always(_: &Answers) -> bool {
    true
}

/// A professional refers someone.
fn third_party(a: &Answers) -> bool {
    a.referrer().is_some() && !a.is_self_referral()
}

/// The probation service refers the person who caused harm.
fn offender_in_probation(a: &Answers) -> bool {
    a.referrer() == Some(v::Referrer::Probation) && a.role() == Some(v::Role::CausedHarm)
}

/// A crime was committed.
fn crime(a: &Answers) -> bool {
    a.offence().is_some_and(|o| o != v::Offence::None)
}

/// A professional refers a person under 16.
fn child(a: &Answers) -> bool {
    third_party(a) && a.is_child()
}

fn victim_support(a: &Answers) -> bool {
    a.referrer() == Some(v::Referrer::VictimSupport)
}

/// Every question, in the order they are asked. `route`, `question`, `sections` and the
/// payload's keys are all read from here; `core/tests/wizard.rs` checks it against
/// `schema/referral.schema.json`.
///
/// A `static`, not a `const`: a `const` may be copied to each place it is used, and as one
/// this table took 5 kB more of the wasm (BENCHMARKS.md).
pub static QUESTIONS: &[Entry] = &[
    Entry {
        field: Field::Referrer,
        asked: always,
        text: Same("Who is making this referral?"),
        hint: Same(None),
        kind: Same(Kind::Radios(REFERRERS)),
        missing: Some(Same("Select who is making this referral")),
        section: Section::Referral,
        key: ("referrer", "type"),
    },
    Entry {
        field: Field::Role,
        asked: always,
        text: Either {
            you: "Which of these describes you?",
            they: "Who are you referring?",
        },
        // "Offenders who have been victims themselves" may be referred as victims.
        hint: By(|a| {
            matches!(
                a.referrer(),
                Some(v::Referrer::Probation | v::Referrer::VictimContactScheme)
            )
            .then_some("If a person in prison or on probation was harmed themselves, and that is what this referral is about, choose someone who was harmed")
        }),
        kind: By(|a| {
            Kind::Radios(match a.referrer() {
                Some(v::Referrer::SelfReferral) => OWN_ROLES,
                Some(v::Referrer::VictimSupport) => VICTIMS_ROLES,
                _ => OTHERS_ROLES,
            })
        }),
        missing: Some(Either {
            you: "Select which of these describes you",
            they: "Select who you are referring",
        }),
        section: Section::Referral,
        key: ("person", "role"),
    },
    Entry {
        field: Field::CaseType,
        asked: always,
        text: Same("What kind of case is it?"),
        hint: Same(None),
        kind: Same(Kind::Radios(CASE_TYPES)),
        missing: Some(Same("Select what kind of case it is")),
        section: Section::Referral,
        key: ("case", "type"),
    },
    Entry {
        field: Field::CaseTypeHelp,
        asked: |a| a.is(Field::CaseType, "not_sure"),
        text: Same("Which of these best describes what happened?"),
        hint: Same(None),
        kind: Same(Kind::Radios(CASE_DESCRIPTIONS)),
        missing: Some(Same("Select which of these best describes what happened")),
        section: Section::Referral,
        key: ("case", "described_as"),
    },
    Entry {
        field: Field::Offence,
        asked: always,
        text: Same("What happened?"),
        hint: Same(Some("Choose the closest. We take cases of any offence type")),
        kind: Same(Kind::Radios(OFFENCES)),
        missing: Some(Same("Select what happened")),
        section: Section::Incident,
        key: ("incident", "offence"),
    },
    Entry {
        field: Field::InitiatedBy,
        asked: |a| {
            matches!(
                a.offence(),
                Some(v::Offence::DomesticAbuse | v::Offence::SexualViolence)
            ) && !a.is_self_referral()
                && a.known_initiator().is_none()
        },
        text: Same("Who asked for restorative justice?"),
        hint: Same(Some("Choose who first asked us, or you, about it")),
        kind: Same(Kind::Radios(INITIATORS)),
        missing: Some(Same("Select who asked for restorative justice")),
        section: Section::Incident,
        key: ("incident", "initiated_by"),
    },
    Entry {
        field: Field::PersonAge,
        asked: always,
        text: Either {
            you: "How old are you?",
            they: "How old is the person?",
        },
        hint: Same(Some("An approximate age is fine")),
        kind: Same(input(Text::Age, None)),
        missing: Some(Either {
            you: "Enter your age",
            they: "Enter the person's age",
        }),
        section: Section::Person,
        key: ("person", "age"),
    },
    Entry {
        field: Field::OtherKnown,
        asked: always,
        text: Same("Do you know who the other person is?"),
        hint: By(|a| {
            Some(match a.role() {
                Some(v::Role::CausedHarm) => "The other person is the person who was harmed",
                Some(v::Role::Harmed) => "The other person is the person who caused harm",
                _ => "The other person is the one the conflict or dispute is with",
            })
        }),
        kind: Same(Kind::Radios(YES_NO)),
        missing: Some(Same("Select yes if you know who the other person is")),
        section: Section::OtherPerson,
        key: ("other_person", "known"),
    },
    Entry {
        field: Field::OtherAge,
        asked: |a| a.is(Field::OtherKnown, "yes"),
        text: Same("How old is the other person?"),
        hint: Same(Some("An approximate age is fine. If you only know they are 18 or over, enter 18. Leave this blank if you do not know")),
        kind: Same(input(Text::Age, None)),
        missing: None,
        section: Section::OtherPerson,
        key: ("other_person", "age"),
    },
    Entry {
        field: Field::OocdCondition,
        asked: |a| {
            a.referrer() == Some(v::Referrer::Police)
                && a.case_type() == Some(v::CaseType::RestorativeJustice)
        },
        text: Same("Is restorative justice a condition of an Out of Court Disposal?"),
        hint: Same(Some("For example, a condition of a community resolution or a conditional caution")),
        kind: Same(Kind::Radios(YES_NO)),
        missing: Some(Same("Select yes if restorative justice is a condition of an Out of Court Disposal")),
        section: Section::Referral,
        key: ("case", "oocd_condition"),
    },
    Entry {
        field: Field::YjsReason,
        asked: |a| a.referrer() == Some(v::Referrer::YouthJustice),
        text: Same("Why is the Youth Justice Service referring this case?"),
        hint: Same(None),
        kind: Same(Kind::Radios(YJS_REASONS)),
        missing: Some(Same("Select why the Youth Justice Service is referring this case")),
        section: Section::Referral,
        key: ("case", "yjs_reason"),
    },
    Entry {
        field: Field::Custody,
        asked: offender_in_probation,
        text: Same("Is the person in prison or on probation?"),
        hint: Same(None),
        kind: Same(Kind::Radios(CUSTODY)),
        missing: Some(Same("Select whether the person is in prison or on probation")),
        section: Section::Referral,
        key: ("case", "custody"),
    },
    Entry {
        field: Field::SupervisedInArea,
        asked: offender_in_probation,
        text: Same("Is the person supervised in Hampshire or the Isle of Wight?"),
        // Decided (2026-12): the page is silent on people in prison.
        hint: Same(Some("For a person in prison, this means they will be supervised by probation in Hampshire or the Isle of Wight when they leave")),
        kind: Same(Kind::Radios(YES_NO)),
        missing: Some(Same("Select yes if the person is supervised in Hampshire or the Isle of Wight")),
        section: Section::Referral,
        key: ("case", "supervised_in_area"),
    },
    Entry {
        field: Field::ExpressedInterest,
        asked: |a| offender_in_probation(a) || victim_support(a),
        text: By(|a| {
            if victim_support(a) {
                "Has the person who was harmed said they want to communicate with the person who harmed them?"
            } else {
                "Has the person said they are interested in restorative justice?"
            }
        }),
        hint: By(|a| {
            victim_support(a)
                .then_some("For example, by meeting them, or by a letter or a message passed on by us")
        }),
        kind: Same(Kind::Radios(YES_NO)),
        missing: Some(By(|a| {
            if victim_support(a) {
                "Select yes if the person has said they want to communicate with the person who harmed them"
            } else {
                "Select yes if the person has said they are interested in restorative justice"
            }
        })),
        section: Section::Referral,
        key: ("case", "expressed_interest"),
    },
    Entry {
        field: Field::Consent,
        asked: third_party,
        text: Same("Has the person agreed to this referral and to their information being shared with us?"),
        hint: Same(Some("You must ask the person before you refer them")),
        kind: Same(Kind::Radios(YES_NO)),
        missing: Some(Same("Select yes if the person has agreed to this referral")),
        section: Section::Referral,
        key: ("consents", "referral_and_sharing"),
    },
    Entry {
        field: Field::CourtStage,
        asked: crime,
        text: Same("Is the case going through court?"),
        hint: Same(None),
        kind: Same(Kind::Radios(COURT_STAGES)),
        missing: Some(Same("Select whether the case is going through court")),
        section: Section::Incident,
        key: ("incident", "court_stage"),
    },
    Entry {
        field: Field::IncidentDate,
        asked: always,
        text: Same("When did it happen?"),
        hint: Same(Some("For example, 27 3 2019. If you only know the month or the year, enter 7 2019 or 2019. It can be recent or many years ago")),
        kind: Same(input(Text::PastDate, None)),
        missing: None,
        section: Section::Incident,
        key: ("incident", "date"),
    },
    Entry {
        field: Field::IncidentPostcode,
        asked: always,
        text: Same("What is the postcode where it happened?"),
        hint: Same(Some("Leave this blank if you do not know")),
        kind: Same(input(Text::Postcode, None)),
        missing: None,
        section: Section::Incident,
        key: ("incident", "postcode"),
    },
    Entry {
        field: Field::IncidentInArea,
        asked: |a| a.is_border(Field::IncidentPostcode),
        text: Same("Did it happen in Hampshire or the Isle of Wight?"),
        hint: By(|a| Some(border_hint(a, Field::IncidentPostcode))),
        kind: Same(Kind::Radios(YES_NO_NOT_SURE)),
        missing: Some(Same(IN_AREA_MISSING)),
        section: Section::Incident,
        key: ("incident", "in_area"),
    },
    Entry {
        field: Field::CrimeReference,
        asked: crime,
        text: Same("What is the crime reference number?"),
        hint: Same(Some("For example, 44230012345")),
        kind: Same(input(Text::Plain(NAME), None)),
        missing: None,
        section: Section::Incident,
        key: ("incident", "crime_reference"),
    },
    Entry {
        field: Field::Description,
        asked: always,
        text: Same("Briefly, what happened?"),
        hint: Same(Some("A few sentences are enough. Only our team reads this")),
        kind: Same(Kind::TextArea(STORY)),
        missing: Some(Same("Enter a short description of what happened")),
        section: Section::Incident,
        key: ("incident", "description"),
    },
    Entry {
        field: Field::PersonName,
        asked: always,
        text: Either {
            you: "What is your name?",
            they: "What is the name of the person you are referring?",
        },
        hint: Same(None),
        kind: Either {
            you: input(Text::Plain(NAME), Some("name")),
            they: input(Text::Plain(NAME), None),
        },
        missing: Some(Either {
            you: "Enter your name",
            they: "Enter the name of the person you are referring",
        }),
        section: Section::Person,
        key: ("person", "name"),
    },
    Entry {
        field: Field::Guardian,
        asked: child,
        text: Same("Does a parent or carer know about this referral?"),
        hint: Same(Some("The person is under 16, so we will talk to a parent or carer first")),
        kind: Same(Kind::Radios(GUARDIAN)),
        missing: Some(Same("Select yes if a parent or carer knows, or tell us it would not be safe")),
        section: Section::Person,
        key: ("person", "parent_or_carer"),
    },
    Entry {
        field: Field::GuardianName,
        asked: |a| child(a) && a.is(Field::Guardian, "yes"),
        text: Same("What is the parent or carer's name?"),
        hint: Same(None),
        kind: Same(input(Text::Plain(NAME), None)),
        missing: Some(Same("Enter the parent or carer's name")),
        section: Section::Person,
        key: ("person", "parent_or_carer_name"),
    },
    Entry {
        field: Field::GuardianContact,
        asked: |a| child(a) && a.is(Field::Guardian, "yes"),
        text: Same("How can we contact the parent or carer?"),
        hint: Same(Some("A phone number or an email address")),
        kind: Same(input(Text::Plain(LINE), None)),
        missing: Some(Same("Enter how we can contact the parent or carer")),
        section: Section::Person,
        key: ("person", "parent_or_carer_contact"),
    },
    Entry {
        field: Field::GuardianNotSafe,
        asked: |a| child(a) && a.is(Field::Guardian, "not_safe"),
        text: Same("Why would it not be safe to contact a parent or carer?"),
        hint: Same(Some("We will not contact them. Tell us who else we can talk to, if anyone")),
        kind: Same(Kind::TextArea(STORY)),
        missing: Some(Same("Enter why it would not be safe to contact a parent or carer")),
        section: Section::Person,
        key: ("person", "parent_or_carer_not_safe_why"),
    },
    Entry {
        field: Field::PersonHome,
        asked: always,
        text: Either {
            you: "Where do you live?",
            they: "Where does the person live?",
        },
        hint: Same(None),
        kind: Either {
            you: Kind::Radios(OWN_HOMES),
            they: Kind::Radios(OTHERS_HOMES),
        },
        missing: Some(Either {
            you: "Select where you live",
            they: "Select where the person lives",
        }),
        section: Section::Person,
        key: ("person", "home"),
    },
    Entry {
        field: Field::PersonAddress,
        asked: |a| a.is(Field::PersonHome, "uk"),
        text: Either {
            you: "What is your address?",
            they: "What is the person's address?",
        },
        hint: Same(Some("We only write to this address if you tell us it is safe to")),
        kind: Same(Kind::TextArea(LINE)),
        missing: None,
        section: Section::Person,
        key: ("person", "address"),
    },
    Entry {
        field: Field::PersonPostcode,
        asked: |a| a.is(Field::PersonHome, "uk"),
        text: Either {
            you: "What is your postcode?",
            they: "What is the person's postcode?",
        },
        hint: Same(Some("For example, SO23 8UJ, or a forces address like BFPO 123. The first half on its own is fine, for example SO23")),
        kind: Either {
            you: input(Text::Postcode, Some("postal-code")),
            they: input(Text::Postcode, None),
        },
        missing: None,
        section: Section::Person,
        key: ("person", "postcode"),
    },
    Entry {
        field: Field::PersonInArea,
        asked: |a| a.is(Field::PersonHome, "uk") && a.is_border(Field::PersonPostcode),
        text: Either {
            you: "Is your address in Hampshire or the Isle of Wight?",
            they: "Is the person's address in Hampshire or the Isle of Wight?",
        },
        hint: By(|a| Some(border_hint(a, Field::PersonPostcode))),
        kind: Same(Kind::Radios(YES_NO_NOT_SURE)),
        missing: Some(Same(IN_AREA_MISSING)),
        section: Section::Person,
        key: ("person", "in_area"),
    },
    Entry {
        field: Field::ContactMethods,
        asked: always,
        text: Either {
            you: "How is it safe for us to contact you?",
            they: "How is it safe for us to contact the person?",
        },
        hint: Same(Some("Select all that apply")),
        // A letter needs an address to go to.
        kind: By(|a| {
            Kind::Checkboxes(if a.has_address() {
                CONTACT_METHODS
            } else {
                &CONTACT_METHODS[..3]
            })
        }),
        missing: Some(Same("Select at least one way it is safe to make contact")),
        section: Section::Person,
        key: ("person", "contact_methods"),
    },
    Entry {
        field: Field::PersonPhone,
        asked: |a| {
            a.has_choice(Field::ContactMethods, "phone")
                || a.has_choice(Field::ContactMethods, "text")
        },
        text: Either {
            you: "What is your phone number?",
            they: "What is the person's phone number?",
        },
        hint: Same(Some("For example, 07700 900 982")),
        kind: Either {
            you: input(Text::Phone, Some("tel")),
            they: input(Text::Phone, None),
        },
        missing: Some(Either {
            you: "Enter your phone number",
            they: "Enter the person's phone number",
        }),
        section: Section::Person,
        key: ("person", "phone"),
    },
    Entry {
        field: Field::Voicemail,
        asked: |a| a.has_choice(Field::ContactMethods, "phone"),
        text: Same("Is it safe to leave a voicemail?"),
        hint: Same(None),
        kind: Same(Kind::Radios(YES_NO)),
        missing: Some(Same("Select yes if it is safe to leave a voicemail")),
        section: Section::Person,
        key: ("person", "voicemail"),
    },
    Entry {
        field: Field::PersonEmail,
        asked: |a| a.has_choice(Field::ContactMethods, "email"),
        text: Either {
            you: "What is your email address?",
            they: "What is the person's email address?",
        },
        hint: Same(None),
        kind: Either {
            you: input(Text::Email, Some("email")),
            they: input(Text::Email, None),
        },
        missing: Some(Either {
            you: "Enter your email address",
            they: "Enter the person's email address",
        }),
        section: Section::Person,
        key: ("person", "email"),
    },
    Entry {
        field: Field::SafeTimes,
        asked: always,
        text: Same("When is it safe to make contact?"),
        hint: Same(Some("For example, weekday mornings only")),
        kind: Same(input(Text::Plain(LINE), None)),
        missing: None,
        section: Section::Person,
        key: ("person", "safe_times"),
    },
    Entry {
        field: Field::AccessNeeds,
        asked: always,
        text: Either {
            you: "Do you need anything to help you talk to us or meet us?",
            they: "Does the person need anything to help them talk to us or meet us?",
        },
        hint: Same(Some("For example, large print, British Sign Language, or a step-free place to meet")),
        kind: Same(Kind::TextArea(LINE)),
        missing: None,
        section: Section::Person,
        key: ("person", "access_needs"),
    },
    Entry {
        field: Field::Interpreter,
        asked: always,
        text: Either {
            you: "Do you need an interpreter?",
            they: "Does the person need an interpreter?",
        },
        hint: Same(None),
        kind: Same(Kind::Radios(YES_NO)),
        missing: Some(Same("Select yes if an interpreter is needed")),
        section: Section::Person,
        key: ("person", "interpreter"),
    },
    Entry {
        field: Field::Language,
        asked: |a| a.is(Field::Interpreter, "yes"),
        text: Same("Which language?"),
        hint: Same(None),
        kind: Same(input(Text::Plain(NAME), None)),
        missing: Some(Same("Enter the language")),
        section: Section::Person,
        key: ("person", "language"),
    },
    Entry {
        field: Field::OtherName,
        asked: |a| a.is(Field::OtherKnown, "yes"),
        text: Same("What is the other person's name?"),
        hint: Same(None),
        kind: Same(input(Text::Plain(NAME), None)),
        missing: None,
        section: Section::OtherPerson,
        key: ("other_person", "name"),
    },
    Entry {
        field: Field::OtherPostcode,
        asked: |a| a.is(Field::OtherKnown, "yes"),
        text: Same("What is the other person's postcode?"),
        hint: Same(Some("Leave this blank if you do not know")),
        kind: Same(input(Text::Postcode, None)),
        missing: None,
        section: Section::OtherPerson,
        key: ("other_person", "postcode"),
    },
    Entry {
        field: Field::OtherInArea,
        asked: |a| a.is(Field::OtherKnown, "yes") && a.is_border(Field::OtherPostcode),
        text: Same("Is the other person's address in Hampshire or the Isle of Wight?"),
        hint: By(|a| Some(border_hint(a, Field::OtherPostcode))),
        kind: Same(Kind::Radios(YES_NO_NOT_SURE)),
        missing: Some(Same(IN_AREA_MISSING)),
        section: Section::OtherPerson,
        key: ("other_person", "in_area"),
    },
    Entry {
        field: Field::Risks,
        asked: always,
        text: Same("Are there any risks we should know about?"),
        hint: Same(Some("For example, to the people involved, to our staff, or from anyone else")),
        kind: Same(Kind::TextArea(STORY)),
        missing: None,
        section: Section::Risks,
        key: ("risks", "known_risks"),
    },
    Entry {
        field: Field::Orders,
        asked: always,
        text: Same("Is there a court order or bail conditions between the people involved?"),
        hint: Same(Some("For example, a restraining order or a non-molestation order")),
        kind: Same(Kind::Radios(YES_NO_DONT_KNOW)),
        missing: Some(Same("Select yes if there is a court order or bail conditions")),
        section: Section::Risks,
        key: ("risks", "orders"),
    },
    Entry {
        field: Field::Agencies,
        asked: always,
        text: Same("Which other services are involved?"),
        hint: Same(Some("For example, social services, a housing provider or a mental health team")),
        kind: Same(input(Text::Plain(LINE), None)),
        missing: None,
        section: Section::Risks,
        key: ("risks", "agencies"),
    },
    Entry {
        field: Field::ContactAgreement,
        asked: Answers::is_self_referral,
        text: Same("Can we contact you about your referral?"),
        hint: Same(Some("We will only contact you in the ways you told us are safe")),
        kind: Same(Kind::Agree("I agree to be contacted about this referral")),
        missing: Some(Same("Confirm that you agree to be contacted about this referral")),
        section: Section::Person,
        key: ("consents", "contact"),
    },
    Entry {
        field: Field::ReferrerName,
        asked: third_party,
        // Asked together on one page (`REFERRER_DETAILS`): each label is short, as beside its
        // field on that page and beside its answer on the check page and in the email.
        text: Same("Full name"),
        hint: Same(None),
        kind: Same(input(Text::Plain(NAME), Some("name"))),
        missing: Some(Same("Enter your full name")),
        section: Section::Referrer,
        key: ("referrer", "name"),
    },
    Entry {
        field: Field::ReferrerOrganisation,
        asked: third_party,
        text: Same("Organisation"),
        hint: Same(None),
        kind: Same(input(Text::Plain(LINE), Some("organization"))),
        missing: Some(Same("Enter the organisation you work for")),
        section: Section::Referrer,
        key: ("referrer", "organisation"),
    },
    Entry {
        field: Field::ReferrerRole,
        asked: third_party,
        text: Same("Role or job title"),
        hint: Same(Some("For example, probation officer or victim caseworker")),
        kind: Same(input(Text::Plain(LINE), Some("organization-title"))),
        missing: Some(Same("Enter your role or job title")),
        section: Section::Referrer,
        key: ("referrer", "role"),
    },
    Entry {
        field: Field::ReferrerEmail,
        asked: third_party,
        text: Same("Work email address"),
        hint: Same(Some("We will send updates about the referral here")),
        kind: Same(input(Text::Email, Some("email"))),
        missing: Some(Same("Enter your work email address")),
        section: Section::Referrer,
        key: ("referrer", "email"),
    },
    Entry {
        field: Field::ReferrerPhone,
        asked: third_party,
        text: Same("Work phone number"),
        hint: Same(None),
        kind: Same(input(Text::Phone, Some("tel"))),
        missing: Some(Same("Enter your work phone number")),
        section: Section::Referrer,
        key: ("referrer", "phone"),
    },
];

/// The error when an "in Hampshire or the Isle of Wight?" question is left unanswered.
const IN_AREA_MISSING: &str = "Select yes if it is in Hampshire or the Isle of Wight";
