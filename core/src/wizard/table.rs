//! Every question of the wizard, in the order asked: the table the route, the pages, the check
//! page and the payload are read from. Adding a question is a `Field` and an entry here.

use super::answers::Answers;
use super::field::Field;
use super::schema::Worded::{By, Either, Same};
use super::schema::{choice, hinted, input, Choice, Entry, Kind, Limit, Section, Text};
use crate::values::Postcode;
use crate::vocab as v;

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

const YES_NO: &[Choice] = &[choice("yes", "Yes"), choice("no", "No")];
const YES_NO_NOT_SURE: &[Choice] = &[
    choice("yes", "Yes"),
    choice("no", "No"),
    choice("not_sure", "I'm not sure"),
];

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
