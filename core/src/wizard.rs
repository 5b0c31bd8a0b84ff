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
use crate::rules::{evaluate, Facts, Outcome, Reason};
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
    pub fn get(&self, field: Field) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, raw)| raw.as_str())
    }

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
    pub fn answer(&mut self, field: Field, raw: impl Into<String>) {
        let was_self = self.is_self_referral();
        self.set(field, raw);
        if field == Field::Referrer && was_self != self.is_self_referral() {
            for f in Self::WORDED_FOR_YOU {
                self.forget(*f);
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
    }

    /// The questions about the person, which say "you" to a person referring themselves.
    const WORDED_FOR_YOU: &'static [Field] = &[
        Field::Role,
        Field::PersonName,
        Field::PersonAge,
        Field::PersonHome,
        Field::PersonAddress,
        Field::PersonPostcode,
        Field::PersonInArea,
        Field::ContactMethods,
        Field::PersonPhone,
        Field::PersonEmail,
        Field::AccessNeeds,
        Field::Interpreter,
    ];

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

    /// Who asked for restorative justice, where the route already tells (a person referring
    /// themselves is never asked: their role decides, see `Facts::initiated_by`): people referring
    /// themselves, the prison, probation and victim contact services referring the person they
    /// work with, and organisations supporting victims, who refer victims.
    fn known_initiator(&self) -> Option<InitiatedBy> {
        use Referrer::*;
        match (self.referrer()?, self.role()) {
            // "If you are supporting a victim ... and they have indicated a desire to communicate":
            // the victim asked (their role offers no "someone who caused harm").
            (VictimSupport, _) => Some(InitiatedBy::Harmed),
            (SelfReferral | Probation | VictimContactScheme, Some(Role::Harmed)) => {
                Some(InitiatedBy::Harmed)
            }
            (SelfReferral | Probation | VictimContactScheme, Some(Role::CausedHarm)) => {
                Some(InitiatedBy::CausedHarm)
            }
            _ => None,
        }
    }
}

/// The questions that apply to these answers, in the order they are asked. A question whose
/// condition depends on an answer not yet given is left out until that answer is given.
pub fn route(a: &Answers) -> Vec<Field> {
    use Field::*;
    let referrer = a.referrer();
    let is = |r: v::Referrer| referrer == Some(r);
    let third_party = referrer.is_some() && !a.is_self_referral();
    let offender_in_probation = is(v::Referrer::Probation) && a.role() == Some(v::Role::CausedHarm);
    let steps: &[(Field, bool)] = &[
        (Referrer, true),
        (Role, true),
        (CaseType, true),
        (CaseTypeHelp, a.is(CaseType, "not_sure")),
        (Offence, true),
        (
            InitiatedBy,
            matches!(
                a.offence(),
                Some(v::Offence::DomesticAbuse | v::Offence::SexualViolence)
            ) && !a.is_self_referral()
                && a.known_initiator().is_none(),
        ),
        (PersonAge, true),
        (OtherKnown, true),
        (OtherAge, a.is(OtherKnown, "yes")),
        (
            OocdCondition,
            is(v::Referrer::Police) && a.case_type() == Some(v::CaseType::RestorativeJustice),
        ),
        (YjsReason, is(v::Referrer::YouthJustice)),
        (Custody, offender_in_probation),
        (SupervisedInArea, offender_in_probation),
        (
            ExpressedInterest,
            offender_in_probation || is(v::Referrer::VictimSupport),
        ),
        (Consent, third_party),
        (
            CourtStage,
            a.offence().is_some_and(|o| o != v::Offence::None),
        ),
        (IncidentDate, true),
        (IncidentPostcode, true),
        (IncidentInArea, a.is_border(IncidentPostcode)),
        (
            CrimeReference,
            a.offence().is_some_and(|o| o != v::Offence::None),
        ),
        (Description, true),
        (PersonName, true),
        (Guardian, third_party && a.is_child()),
        (
            GuardianName,
            third_party && a.is_child() && a.is(Guardian, "yes"),
        ),
        (
            GuardianContact,
            third_party && a.is_child() && a.is(Guardian, "yes"),
        ),
        (
            GuardianNotSafe,
            third_party && a.is_child() && a.is(Guardian, "not_safe"),
        ),
        (PersonHome, true),
        (PersonAddress, a.is(PersonHome, "uk")),
        (PersonPostcode, a.is(PersonHome, "uk")),
        (
            PersonInArea,
            a.is(PersonHome, "uk") && a.is_border(PersonPostcode),
        ),
        (ContactMethods, true),
        (
            PersonPhone,
            a.has_choice(ContactMethods, "phone") || a.has_choice(ContactMethods, "text"),
        ),
        (Voicemail, a.has_choice(ContactMethods, "phone")),
        (PersonEmail, a.has_choice(ContactMethods, "email")),
        (SafeTimes, true),
        (AccessNeeds, true),
        (Interpreter, true),
        (Language, a.is(Interpreter, "yes")),
        (OtherName, a.is(OtherKnown, "yes")),
        (OtherPostcode, a.is(OtherKnown, "yes")),
        (
            OtherInArea,
            a.is(OtherKnown, "yes") && a.is_border(OtherPostcode),
        ),
        (Risks, true),
        (Orders, true),
        (Agencies, true),
        (ContactAgreement, a.is_self_referral()),
        (ReferrerName, third_party),
        (ReferrerOrganisation, third_party),
        (ReferrerRole, third_party),
        (ReferrerEmail, third_party),
        (ReferrerPhone, third_party),
    ];
    steps
        .iter()
        .filter(|(_, asked)| *asked)
        .map(|(f, _)| *f)
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
    pub code: &'static str,
    pub label: &'static str,
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
    /// Free text of at most this many characters.
    Plain(usize),
    Postcode,
    Age,
    Email,
    Phone,
    /// A year, a month and year, or a full date; today or in the past.
    PastDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Radios(&'static [Choice]),
    Checkboxes(&'static [Choice]),
    /// A one-line input, with the `autocomplete` token for the person's own details.
    Input {
        text: Text,
        autocomplete: Option<&'static str>,
    },
    /// A multi-line input of at most this many characters.
    TextArea(usize),
    /// A single box to tick, with its label; ticked, its answer is `AGREED`.
    Agree(&'static str),
}

/// Where a question sits on the check-your-answers page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Referral,
    Incident,
    Person,
    OtherPerson,
    Risks,
    Referrer,
}

impl Section {
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
    pub field: Field,
    /// The question without " (optional)".
    pub label: &'static str,
    /// The answer as understood ("Not provided" when skipped).
    pub answer: String,
}

/// One section of the check-your-answers page: its title and its answers, in route order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionSummary {
    pub section: Section,
    pub title: &'static str,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    pub field: Field,
    /// The page's heading: the question itself.
    pub text: &'static str,
    pub hint: Option<&'static str>,
    pub kind: Kind,
    pub optional: bool,
    /// The error when a required question is left unanswered.
    pub missing: &'static str,
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
                if raw.chars().count() > max {
                    Err(Invalid(too_long(max)))
                } else {
                    Ok(())
                }
            }
            Kind::Input { text, .. } => match text {
                Text::Postcode => Postcode::parse(raw).map(drop),
                Text::Age => Age::parse(raw).map(drop),
                Text::Email => Email::parse(raw).map(drop),
                Text::Phone => Phone::parse(raw).map(drop),
                Text::PastDate => ApproxDate::parse(raw)?.not_after(today).map(drop),
                Text::Plain(_) => unreachable!("matched above"),
            },
        }
    }

    /// The question as a label beside its answer: its text without " (optional)".
    pub fn label(&self) -> &'static str {
        self.text.trim_end_matches(" (optional)")
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

fn too_long(max: usize) -> &'static str {
    match max {
        100 => "Answer must be 100 characters or fewer",
        200 => "Answer must be 200 characters or fewer",
        _ => "Answer must be 1200 characters or fewer",
    }
}

const NAME: usize = 100;
const LINE: usize = 200;
const STORY: usize = 1200;

/// The question for `field`, worded for these answers (a person referring themselves reads
/// "you"; a professional reads "the person").
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

pub fn question(field: Field, a: &Answers) -> Question {
    use Field::*;
    let you = a.is_self_referral();
    let w = |self_text: &'static str, other: &'static str| if you { self_text } else { other };
    let q = |text, hint, kind, optional, missing, section| Question {
        field,
        text,
        hint,
        kind,
        optional,
        missing,
        section,
    };
    let input = |text, autocomplete| Kind::Input { text, autocomplete };
    let mine = |token: &'static str| if you { Some(token) } else { None };
    match field {
        Referrer => q(
            "Who is making this referral?",
            None,
            Kind::Radios(REFERRERS),
            false,
            "Select who is making this referral",
            Section::Referral,
        ),
        Role => q(
            w("Which of these describes you?", "Who are you referring?"),
            // "Offenders who have been victims themselves" may be referred as victims.
            matches!(a.referrer(), Some(v::Referrer::Probation | v::Referrer::VictimContactScheme))
                .then_some("If a person in prison or on probation was harmed themselves, and that is what this referral is about, choose someone who was harmed"),
            Kind::Radios(match a.referrer() {
                Some(v::Referrer::SelfReferral) => OWN_ROLES,
                Some(v::Referrer::VictimSupport) => VICTIMS_ROLES,
                _ => OTHERS_ROLES,
            }),
            false,
            w("Select which of these describes you", "Select who you are referring"),
            Section::Referral,
        ),
        CaseType => q(
            "What kind of case is it?",
            None,
            Kind::Radios(CASE_TYPES),
            false,
            "Select what kind of case it is",
            Section::Referral,
        ),
        CaseTypeHelp => q(
            "Which of these best describes what happened?",
            None,
            Kind::Radios(CASE_DESCRIPTIONS),
            false,
            "Select which of these best describes what happened",
            Section::Referral,
        ),
        OocdCondition => q(
            "Is restorative justice a condition of an Out of Court Disposal?",
            Some("For example, a condition of a community resolution or a conditional caution"),
            Kind::Radios(YES_NO),
            false,
            "Select yes if restorative justice is a condition of an Out of Court Disposal",
            Section::Referral,
        ),
        YjsReason => q(
            "Why is the Youth Justice Service referring this case?",
            None,
            Kind::Radios(YJS_REASONS),
            false,
            "Select why the Youth Justice Service is referring this case",
            Section::Referral,
        ),
        Custody => q(
            "Is the person in prison or on probation?",
            None,
            Kind::Radios(CUSTODY),
            false,
            "Select whether the person is in prison or on probation",
            Section::Referral,
        ),
        SupervisedInArea => q(
            "Is the person supervised in Hampshire or the Isle of Wight?",
            // Decided (2026-12): the page is silent on people in prison.
            Some("For a person in prison, this means they will be supervised by probation in Hampshire or the Isle of Wight when they leave"),
            Kind::Radios(YES_NO),
            false,
            "Select yes if the person is supervised in Hampshire or the Isle of Wight",
            Section::Referral,
        ),
        ExpressedInterest => {
            if a.referrer() == Some(v::Referrer::VictimSupport) {
                q(
                    "Has the person who was harmed said they want to communicate with the person who harmed them?",
                    Some("For example, by meeting them, or by a letter or a message passed on by us"),
                    Kind::Radios(YES_NO),
                    false,
                    "Select yes if the person has said they want to communicate with the person who harmed them",
                    Section::Referral,
                )
            } else {
                q(
                    "Has the person said they are interested in restorative justice?",
                    None,
                    Kind::Radios(YES_NO),
                    false,
                    "Select yes if the person has said they are interested in restorative justice",
                    Section::Referral,
                )
            }
        }
        Consent => q(
            "Has the person agreed to this referral and to their information being shared with us?",
            Some("You must ask the person before you refer them"),
            Kind::Radios(YES_NO),
            false,
            "Select yes if the person has agreed to this referral",
            Section::Referral,
        ),
        Offence => q(
            "What happened?",
            Some("Choose the closest. We take cases of any offence type"),
            Kind::Radios(OFFENCES),
            false,
            "Select what happened",
            Section::Incident,
        ),
        InitiatedBy => q(
            "Who asked for restorative justice?",
            Some("Choose who first asked us, or you, about it"),
            Kind::Radios(INITIATORS),
            false,
            "Select who asked for restorative justice",
            Section::Incident,
        ),
        CourtStage => q(
            "Is the case going through court?",
            None,
            Kind::Radios(COURT_STAGES),
            false,
            "Select whether the case is going through court",
            Section::Incident,
        ),
        IncidentDate => q(
            "When did it happen? (optional)",
            Some("For example, 27 3 2019. If you only know the month or the year, enter 7 2019 or 2019. It can be recent or many years ago"),
            input(Text::PastDate, None),
            true,
            "",
            Section::Incident,
        ),
        IncidentPostcode => q(
            "What is the postcode where it happened? (optional)",
            Some("Leave this blank if you do not know"),
            input(Text::Postcode, None),
            true,
            "",
            Section::Incident,
        ),
        IncidentInArea | PersonInArea | OtherInArea => q(
            match field {
                IncidentInArea => "Did it happen in Hampshire or the Isle of Wight?",
                PersonInArea => w("Is your address in Hampshire or the Isle of Wight?", "Is the person's address in Hampshire or the Isle of Wight?"),
                _ => "Is the other person's address in Hampshire or the Isle of Wight?",
            },
            Some(border_hint(a, match field {
                IncidentInArea => IncidentPostcode,
                PersonInArea => PersonPostcode,
                _ => OtherPostcode,
            })),
            Kind::Radios(YES_NO_NOT_SURE),
            false,
            "Select yes if it is in Hampshire or the Isle of Wight",
            match field {
                IncidentInArea => Section::Incident,
                PersonInArea => Section::Person,
                _ => Section::OtherPerson,
            },
        ),
        CrimeReference => q(
            "What is the crime reference number? (optional)",
            Some("For example, 44230012345"),
            input(Text::Plain(NAME), None),
            true,
            "",
            Section::Incident,
        ),
        Description => q(
            "Briefly, what happened?",
            Some("A few sentences are enough. Only our team reads this"),
            Kind::TextArea(STORY),
            false,
            "Enter a short description of what happened",
            Section::Incident,
        ),
        PersonName => q(
            w("What is your name?", "What is the name of the person you are referring?"),
            None,
            input(Text::Plain(NAME), mine("name")),
            false,
            w("Enter your name", "Enter the name of the person you are referring"),
            Section::Person,
        ),
        PersonAge => q(
            w("How old are you?", "How old is the person?"),
            Some("An approximate age is fine"),
            input(Text::Age, None),
            false,
            w("Enter your age", "Enter the person's age"),
            Section::Person,
        ),
        Guardian => q(
            "Does a parent or carer know about this referral?",
            Some("The person is under 16, so we will talk to a parent or carer first"),
            Kind::Radios(GUARDIAN),
            false,
            "Select yes if a parent or carer knows, or tell us it would not be safe",
            Section::Person,
        ),
        GuardianName => q(
            "What is the parent or carer's name?",
            None,
            input(Text::Plain(NAME), None),
            false,
            "Enter the parent or carer's name",
            Section::Person,
        ),
        GuardianContact => q(
            "How can we contact the parent or carer?",
            Some("A phone number or an email address"),
            input(Text::Plain(LINE), None),
            false,
            "Enter how we can contact the parent or carer",
            Section::Person,
        ),
        GuardianNotSafe => q(
            "Why would it not be safe to contact a parent or carer?",
            Some("We will not contact them. Tell us who else we can talk to, if anyone"),
            Kind::TextArea(STORY),
            false,
            "Enter why it would not be safe to contact a parent or carer",
            Section::Person,
        ),
        PersonHome => q(
            w("Where do you live?", "Where does the person live?"),
            None,
            Kind::Radios(if you { OWN_HOMES } else { OTHERS_HOMES }),
            false,
            w("Select where you live", "Select where the person lives"),
            Section::Person,
        ),
        PersonAddress => q(
            w("What is your address? (optional)", "What is the person's address? (optional)"),
            Some("We only write to this address if you tell us it is safe to"),
            Kind::TextArea(LINE),
            true,
            "",
            Section::Person,
        ),
        PersonPostcode => q(
            w("What is your postcode? (optional)", "What is the person's postcode? (optional)"),
            Some("For example, SO23 8UJ, or a forces address like BFPO 123. The first half on its own is fine, for example SO23"),
            input(Text::Postcode, mine("postal-code")),
            true,
            "",
            Section::Person,
        ),
        ContactMethods => q(
            w("How is it safe for us to contact you?", "How is it safe for us to contact the person?"),
            Some("Select all that apply"),
            // A letter needs an address to go to.
            Kind::Checkboxes(if a.has_address() {
                CONTACT_METHODS
            } else {
                &CONTACT_METHODS[..3]
            }),
            false,
            "Select at least one way it is safe to make contact",
            Section::Person,
        ),
        PersonPhone => q(
            w("What is your phone number?", "What is the person's phone number?"),
            Some("For example, 07700 900 982"),
            input(Text::Phone, mine("tel")),
            false,
            w("Enter your phone number", "Enter the person's phone number"),
            Section::Person,
        ),
        Voicemail => q(
            "Is it safe to leave a voicemail?",
            None,
            Kind::Radios(YES_NO),
            false,
            "Select yes if it is safe to leave a voicemail",
            Section::Person,
        ),
        PersonEmail => q(
            w("What is your email address?", "What is the person's email address?"),
            None,
            input(Text::Email, mine("email")),
            false,
            w("Enter your email address", "Enter the person's email address"),
            Section::Person,
        ),
        SafeTimes => q(
            "When is it safe to make contact? (optional)",
            Some("For example, weekday mornings only"),
            input(Text::Plain(LINE), None),
            true,
            "",
            Section::Person,
        ),
        AccessNeeds => q(
            w("Do you need anything to help you talk to us or meet us? (optional)", "Does the person need anything to help them talk to us or meet us? (optional)"),
            Some("For example, large print, British Sign Language, or a step-free place to meet"),
            Kind::TextArea(LINE),
            true,
            "",
            Section::Person,
        ),
        Interpreter => q(
            w("Do you need an interpreter?", "Does the person need an interpreter?"),
            None,
            Kind::Radios(YES_NO),
            false,
            "Select yes if an interpreter is needed",
            Section::Person,
        ),
        Language => q(
            "Which language?",
            None,
            input(Text::Plain(NAME), None),
            false,
            "Enter the language",
            Section::Person,
        ),
        OtherKnown => q(
            "Do you know who the other person is?",
            Some(match a.role() {
                Some(v::Role::CausedHarm) => "The other person is the person who was harmed",
                Some(v::Role::Harmed) => "The other person is the person who caused harm",
                _ => "The other person is the one the conflict or dispute is with",
            }),
            Kind::Radios(YES_NO),
            false,
            "Select yes if you know who the other person is",
            Section::OtherPerson,
        ),
        OtherName => q(
            "What is the other person's name? (optional)",
            None,
            input(Text::Plain(NAME), None),
            true,
            "",
            Section::OtherPerson,
        ),
        OtherAge => q(
            "How old is the other person? (optional)",
            Some("An approximate age is fine. If you only know they are 18 or over, enter 18. Leave this blank if you do not know"),
            input(Text::Age, None),
            true,
            "",
            Section::OtherPerson,
        ),
        OtherPostcode => q(
            "What is the other person's postcode? (optional)",
            Some("Leave this blank if you do not know"),
            input(Text::Postcode, None),
            true,
            "",
            Section::OtherPerson,
        ),
        Risks => q(
            "Are there any risks we should know about? (optional)",
            Some("For example, to the people involved, to our staff, or from anyone else"),
            Kind::TextArea(STORY),
            true,
            "",
            Section::Risks,
        ),
        Orders => q(
            "Is there a court order or bail conditions between the people involved?",
            Some("For example, a restraining order or a non-molestation order"),
            Kind::Radios(YES_NO_DONT_KNOW),
            false,
            "Select yes if there is a court order or bail conditions",
            Section::Risks,
        ),
        Agencies => q(
            "Which other services are involved? (optional)",
            Some("For example, social services, a housing provider or a mental health team"),
            input(Text::Plain(LINE), None),
            true,
            "",
            Section::Risks,
        ),
        ContactAgreement => q(
            "Can we contact you about your referral?",
            Some("We will only contact you in the ways you told us are safe"),
            Kind::Agree("I agree to be contacted about this referral"),
            false,
            "Confirm that you agree to be contacted about this referral",
            Section::Person,
        ),
        ReferrerName => q("What is your name?", None, input(Text::Plain(NAME), Some("name")), false, "Enter your name", Section::Referrer),
        ReferrerOrganisation => q(
            "Which organisation do you work for?",
            None,
            input(Text::Plain(LINE), Some("organization")),
            false,
            "Enter the organisation you work for",
            Section::Referrer,
        ),
        ReferrerRole => q(
            "What is your role?",
            Some("For example, probation officer or victim caseworker"),
            input(Text::Plain(LINE), Some("organization-title")),
            false,
            "Enter your role",
            Section::Referrer,
        ),
        ReferrerEmail => q(
            "What is your work email address?",
            Some("We will send updates about the referral here"),
            input(Text::Email, Some("email")),
            false,
            "Enter your work email address",
            Section::Referrer,
        ),
        ReferrerPhone => q(
            "What is your work phone number?",
            None,
            input(Text::Phone, Some("tel")),
            false,
            "Enter your work phone number",
            Section::Referrer,
        ),
    }
}
