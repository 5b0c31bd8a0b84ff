//! The eligibility rules of the Restorative Justice Service for Hampshire & Isle of Wight.
//!
//! Read this file next to the service's page ("Who can refer a case to our service?", kept in
//! `shared/domain/`). `RULES` lists one function per line of the page, in the page's order; each
//! function quotes the words it implements.
//!
//! A fact nobody has given yet (`None`) is not yet known: a rule that needs it stays silent, so
//! the wizard can run the rules after every answer without refusing a case for a question it has
//! not asked. The one exception is the area: the page asks for a connection, so until one is
//! shown the case carries the note `area_unconfirmed`.
//!
//! No rule depends on the date ("No time restrictions: the case can be recent or decades old"),
//! so `evaluate` takes no clock. Dates are checked against today where they are parsed.

use crate::area::{lookup, AreaAnswer};
use crate::values::{Age, ApproxDate, Date, Postcode};
use crate::vocab::{
    code_enum, CaseType, CourtStage, InitiatedBy, Offence, Referrer, Role, YjsReason,
};

/// What is known about a case. Every fact is optional: the wizard fills them in one answer at a
/// time, and `rj-check` takes whatever a case file gives.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Facts {
    /// Who is making the referral.
    pub referrer: Option<Referrer>,
    /// For a self-referral: the part the person played.
    pub self_role: Option<Role>,
    /// The kind of case.
    pub case_type: Option<CaseType>,
    /// Police only: restorative justice is a condition of an Out of Court Disposal.
    pub oocd_condition: Option<bool>,
    /// The age of the person who caused harm.
    pub responsible_age: Option<Age>,
    /// The age of the person who was harmed.
    pub harmed_age: Option<Age>,
    /// What happened.
    pub offence: Option<Offence>,
    /// Who asked for restorative justice.
    pub initiated_by: Option<InitiatedBy>,
    /// The postcode of the person who was harmed.
    pub harmed_postcode: Option<Postcode>,
    /// The postcode of the person who caused harm.
    pub responsible_postcode: Option<Postcode>,
    /// The postcode where it happened.
    pub incident_postcode: Option<Postcode>,
    /// What the person said when a postcode was on a county border: is the address in
    /// Hampshire or the Isle of Wight?
    pub harmed_address_in_area: Option<bool>,
    /// The same, for the address of the person who caused harm.
    pub responsible_address_in_area: Option<bool>,
    /// The same, for the place where it happened.
    pub incident_in_area: Option<bool>,
    /// Where the case is in the courts.
    pub court_stage: Option<CourtStage>,
    /// A professional's referral: the person has agreed to it and to their information being shared.
    pub consent: Option<bool>,
    /// Prison and probation: the person who caused harm is supervised in Hampshire or the
    /// Isle of Wight.
    pub supervised_in_area: Option<bool>,
    /// The person referred has said they want restorative justice (prison and probation), or
    /// the victim has said they want to communicate with the person who harmed them (victim
    /// support organisations).
    pub expressed_interest: Option<bool>,
    /// Why the Youth Justice Service is referring the case.
    pub yjs_reason: Option<YjsReason>,
    /// As exactly as it is known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub incident_date: Option<ApproxDate>,
    /// The wizard only: this tab's answers met the victim-led stop earlier, as a self-referral
    /// (`wizard::Answers::answer`). Not part of `rj-check`'s input, and never sent.
    #[serde(skip)]
    pub victim_led_stop_met: bool,
}

impl Facts {
    /// Who asked for restorative justice. For a self-referral the person's own role decides,
    /// whatever `initiated_by` says: a person referring themselves is the one asking.
    pub fn initiated_by(&self) -> Option<InitiatedBy> {
        match self.referrer {
            Some(Referrer::SelfReferral) => {
                initiator_told_by(Referrer::SelfReferral, self.self_role).or(self.initiated_by)
            }
            _ => self.initiated_by,
        }
    }

    /// The age of the person referring themselves, whichever part they played. The wizard
    /// files an in-conflict person's age as `harmed_age`.
    fn own_age(&self) -> Option<Age> {
        match (self.referrer, self.self_role) {
            (Some(Referrer::SelfReferral), Some(Role::CausedHarm)) => self.responsible_age,
            (Some(Referrer::SelfReferral), Some(_)) => self.harmed_age,
            _ => None,
        }
    }

    /// Refuses facts that cannot be true on `today`: an incident in the future.
    pub fn check_dates(&self, today: Date) -> Result<(), (&'static str, crate::values::Invalid)> {
        match self.incident_date {
            Some(d) => d
                .not_after(today)
                .map(|_| ())
                .map_err(|e| ("incident_date", e)),
            None => Ok(()),
        }
    }
}

/// Who asked for restorative justice, where the referrer and the person's role already tell, so
/// nobody is asked: people referring themselves (the one referring is the one asking),
/// the prison, probation and victim contact services referring the person they work with, and
/// organisations supporting victims, who refer victims. The one place this is inferred: the
/// rules (`Facts::initiated_by`) and the wizard's route both read it.
pub fn initiator_told_by(referrer: Referrer, role: Option<Role>) -> Option<InitiatedBy> {
    use Referrer::*;
    match (referrer, role) {
        // "If you are supporting a victim ... and they have indicated a desire to communicate":
        // the victim asked (their role offers no "someone who caused harm").
        (VictimSupport, _) => Some(InitiatedBy::Harmed),
        (SelfReferral | Probation | VictimContactScheme, Some(Role::Harmed)) => {
            Some(InitiatedBy::Harmed)
        }
        (SelfReferral | Probation | VictimContactScheme, Some(Role::CausedHarm)) => {
            Some(InitiatedBy::CausedHarm)
        }
        // Decided (2026-12): a person "in a conflict" with the other is not the person
        // harmed, so their own request is not victim-led.
        (SelfReferral, Some(Role::InConflict)) => Some(InitiatedBy::Unknown),
        _ => None,
    }
}

code_enum! {
    /// Where the case stands, least severe first.
    pub enum Status {
        Eligible = "eligible",
        EligibleWithNotes = "eligible_with_notes",
        InitialDiscussion = "initial_discussion",
        Redirect = "redirect",
        NotEligible = "not_eligible",
    }
}

code_enum! {
    /// Who should take the case instead.
    pub enum RedirectTo {
        YouthJustice = "youth_justice",
        OutOfCourtTeam = "out_of_court_team",
        LocalRjService = "local_rj_service",
    }
}

code_enum! {
    /// Why a case stands where it does. The code is stable; the words are for the person.
    pub enum Reason {
        OocdAutomatic = "oocd_automatic",
        Under18Responsible = "under_18_responsible",
        YjsCoFacilitation = "yjs_co_facilitation",
        YoungHarmedPerson = "young_harmed_person",
        YoungSelfReferral = "young_self_referral",
        VictimLedRequired = "victim_led_required",
        AbuseNotMediation = "abuse_not_mediation",
        AreaUnconfirmed = "area_unconfirmed",
        OutsideArea = "outside_area",
        NotSupervisedInArea = "not_supervised_in_area",
        InterestNotExpressed = "interest_not_expressed",
        CourtOngoing = "court_ongoing",
        PreSentence = "pre_sentence",
        ConsentMissing = "consent_missing",
        VictimLedStopHeld = "victim_led_stop_held",
    }
}

impl Reason {
    /// Where this reason alone leaves a case.
    pub fn status(self) -> Status {
        use Reason::*;
        match self {
            OocdAutomatic | Under18Responsible => Status::Redirect,
            VictimLedRequired | OutsideArea | NotSupervisedInArea | InterestNotExpressed
            | ConsentMissing | VictimLedStopHeld => Status::NotEligible,
            PreSentence => Status::InitialDiscussion,
            YjsCoFacilitation | YoungHarmedPerson | YoungSelfReferral | AbuseNotMediation
            | AreaUnconfirmed | CourtOngoing => Status::EligibleWithNotes,
        }
    }

    /// This reason alone stops the referral: the one test of it, which `Outcome::stops_referral`
    /// and the receiver read.
    pub fn stops_referral(self) -> bool {
        self.status() >= Status::Redirect
    }

    /// The service that should take the case instead, for a reason that redirects.
    pub fn redirect_to(self) -> Option<RedirectTo> {
        match self {
            Reason::OocdAutomatic => Some(RedirectTo::OutOfCourtTeam),
            Reason::Under18Responsible => Some(RedirectTo::YouthJustice),
            Reason::OutsideArea => Some(RedirectTo::LocalRjService),
            _ => None,
        }
    }

    /// Why, in one plain sentence for the person.
    pub fn message(self) -> &'static str {
        use Reason::*;
        match self {
            OocdAutomatic => "When restorative justice is a condition of an Out of Court Disposal, the Out of Court team refers the case to us automatically, so this form is not needed.",
            Under18Responsible => "The person who caused harm is under 18, so the Youth Justice Service works on this case, not us.",
            YjsCoFacilitation => "The young person has turned 18 while the case is ongoing, so a Youth Justice Service practitioner can work on it together with our team.",
            YoungHarmedPerson => "The person who was harmed is under 18.",
            YoungSelfReferral => "You are under 18.",
            VictimLedRequired => "In cases of domestic abuse or sexual violence, only the person who was harmed can ask for restorative justice.",
            AbuseNotMediation => "Mediation is for a dispute where nobody is clearly to blame. It is not used for domestic abuse or sexual violence.",
            AreaUnconfirmed => "We do not know yet if the case is linked to Hampshire or the Isle of Wight.",
            OutsideArea => "The addresses and the place where it happened are all outside Hampshire and the Isle of Wight, the area we cover.",
            NotSupervisedInArea => "For referrals from prison or probation, the person who caused harm must be supervised in Hampshire or the Isle of Wight.",
            InterestNotExpressed => "The person must have said they want restorative justice, or want to communicate with the other person, before they are referred.",
            CourtOngoing => "The case is going through court, so we may wait until it has finished before we start.",
            PreSentence => "We do not carry out restorative justice before sentencing, but we can have an initial discussion with the person about the process.",
            ConsentMissing => "Everyone referred must agree to the referral and to their information being shared with us.",
            VictimLedStopHeld => "From your earlier answers, this referral cannot go ahead online.",
        }
    }

    /// What happens next, or what to do instead, for a person referring themselves
    /// (`self_referral`) or a professional: the victim-led stop must not read, to a person who
    /// caused harm, as "get the person you harmed to refer".
    pub fn next_step_for(self, self_referral: bool) -> &'static str {
        match self {
            Reason::VictimLedRequired if self_referral => "Please do not contact the other person about this. If you want to talk about what happened, you can call or email us.",
            _ => self.next_step(),
        }
    }

    /// What happens next, or what to do instead, as a professional (and the service) reads it.
    pub fn next_step(self) -> &'static str {
        use Reason::*;
        match self {
            OocdAutomatic => "Speak to the Out of Court team, who will send the case to us.",
            Under18Responsible => "Call or email us and we will tell you how to reach the right Youth Justice Service. You do not need to know where the young person lives.",
            YjsCoFacilitation => "Continue with the referral and we will contact you to agree how we work together.",
            YoungHarmedPerson => "We will involve a parent, carer or another adult they trust, and talk with them about what is safe.",
            YoungSelfReferral => "We will call you first, to talk about what is safe for you. If you like, an adult you trust can refer for you instead.",
            VictimLedRequired => "Please do not raise restorative justice with the person who was harmed: only they can ask for it. Talk to us if you are not sure.",
            AbuseNotMediation => "Carry on, and we will talk to you about restorative justice that the person harmed leads.",
            AreaUnconfirmed => "Carry on, and we will check this with you when we get in touch.",
            OutsideArea => "Contact the restorative justice service for the area where the person lives or where it happened. We can help you find it.",
            NotSupervisedInArea => "Contact the restorative justice service for the area where the person is supervised.",
            InterestNotExpressed => "Talk to the person about restorative justice first. We can help you explain it.",
            CourtOngoing => "Continue with the referral and we will keep in touch until the case has finished.",
            PreSentence => "Continue with the referral and we will contact the person for an initial discussion.",
            ConsentMissing => "Ask the person whether they agree, then come back and complete the referral.",
            VictimLedStopHeld => "Please call or email us instead. We will listen and talk it through with you.",
        }
    }
}

/// The rules, one a line of the service's page, in the page's order. A reason's place here
/// decides its place in an outcome, and so which redirect wins when two apply.
pub const RULES: &[fn(&Facts) -> Option<Reason>] = &[
    out_of_court_disposal,
    people_who_caused_harm_are_18_and_over,
    youth_justice_co_facilitation,
    victims_of_any_age,
    young_people_referring_themselves,
    domestic_abuse_and_sexual_violence_are_victim_led,
    a_victim_led_stop_holds,
    abuse_is_not_mediation,
    connection_to_hampshire_and_isle_of_wight,
    probation_supervised_in_area,
    probation_expressed_interest,
    victim_wants_to_communicate,
    court,
    consent,
];

/// "Restorative Justice can be a condition on an Out of Court Disposal. These will be
/// automatically referred to the Restorative Justice service from the Out of Court team."
/// Decided (2026-12): a young person's Out of Court Disposal belongs to the Youth Justice
/// Service ("Young people will come under the Youth Justice Service"), so it is not sent to
/// the Out of Court team; `people_who_caused_harm_are_18_and_over` redirects it.
fn out_of_court_disposal(f: &Facts) -> Option<Reason> {
    (f.referrer == Some(Referrer::Police)
        && f.oocd_condition == Some(true)
        && !responsible_is_under_18(f))
    .then_some(Reason::OocdAutomatic)
}

/// "Offenders 18 and over (Young people will come under the Youth Justice Service)".
///
/// Decided (2026-12), where the page is silent:
/// - The rule covers restorative justice and anti-social behaviour cases, any case where a
///   crime was committed (an offence other than "none") whatever type was chosen, and every
///   prison and probation referral ("a PiP or a PoP aged 18 or over"). A mediation where no
///   crime was committed has no age rule.
/// - The Youth Justice Service is never sent back to itself: every reason it gives is taken,
///   since the page's reasons ("No Further Actioned by Police or the participants were not
///   ready ...") are "for example".
fn people_who_caused_harm_are_18_and_over(f: &Facts) -> Option<Reason> {
    let covered = matches!(
        f.case_type,
        Some(CaseType::RestorativeJustice | CaseType::Asb)
    ) || f.offence.is_some_and(|o| o != Offence::None)
        || f.referrer == Some(Referrer::Probation)
        // An Out of Court Disposal is given for an offence.
        || f.oocd_condition == Some(true);
    (covered && responsible_is_under_18(f) && f.referrer != Some(Referrer::YouthJustice))
        .then_some(Reason::Under18Responsible)
}

fn responsible_is_under_18(f: &Facts) -> bool {
    f.responsible_age.is_some_and(|age| age < Age::ADULT)
}

/// "YJS Restorative Justice practitioners could co-facilitate cases with the RJ Hampshire
/// team, for example, if the young person turns 18 and the case is still ongoing."
fn youth_justice_co_facilitation(f: &Facts) -> Option<Reason> {
    (f.referrer == Some(Referrer::YouthJustice) && f.yjs_reason == Some(YjsReason::Turned18Ongoing))
        .then_some(Reason::YjsCoFacilitation)
}

/// "Victims of any age": a child harmed is taken. Decided (2026-12): with a note that a parent,
/// carer or another trusted adult will be involved, and what is safe talked about first.
fn victims_of_any_age(f: &Facts) -> Option<Reason> {
    f.harmed_age
        .is_some_and(|age| age < Age::ADULT)
        .then_some(Reason::YoungHarmedPerson)
}

/// Decided (2026-12): "people harmed, or who caused harm, may refer themselves" at any age, but
/// a person under 18 referring themselves is told that we call them first, and that an adult
/// they trust can refer for them.
fn young_people_referring_themselves(f: &Facts) -> Option<Reason> {
    f.own_age()
        .is_some_and(|age| age < Age::ADULT)
        .then_some(Reason::YoungSelfReferral)
}

/// "Any offence type (please note that Domestic Abuse and Sexual Violence cases must be victim
/// led)", whatever the case type. Decided (2026-12): victim-led means the person harmed
/// asked, alone or together with the other person ("both"). A person referring themselves is
/// victim-led only if they say they were harmed (see `Facts::initiated_by`): nothing else a
/// person who caused harm answers changes that.
fn domestic_abuse_and_sexual_violence_are_victim_led(f: &Facts) -> Option<Reason> {
    let needs_victim_lead = matches!(
        f.offence,
        Some(Offence::DomesticAbuse | Offence::SexualViolence)
    );
    let led_by_someone_else = matches!(
        f.initiated_by(),
        Some(InitiatedBy::CausedHarm | InitiatedBy::Unknown)
    );
    (needs_victim_lead && led_by_someone_else).then_some(Reason::VictimLedRequired)
}

/// Decided (2026-12, the service's page is silent): a self-referral stopped as not victim-led
/// stays stopped in the wizard whatever is answered afterwards, "I was harmed" included, so a
/// person who caused harm cannot get round the stop by changing their role. A person harmed
/// who chose the wrong answer is asked to call or email, not refused.
fn a_victim_led_stop_holds(f: &Facts) -> Option<Reason> {
    (f.victim_led_stop_met && domestic_abuse_and_sexual_violence_are_victim_led(f).is_none())
        .then_some(Reason::VictimLedStopHeld)
}

/// Mediation is for "conflict, dispute or ASB where no crime was committed and there is no
/// clear offender/victim". Decided (2026-12): domestic abuse or sexual violence offered as
/// mediation is taken with a note, and talked about as restorative justice led by the person
/// harmed.
fn abuse_is_not_mediation(f: &Facts) -> Option<Reason> {
    (f.case_type == Some(CaseType::Mediation)
        && matches!(
            f.offence,
            Some(Offence::DomesticAbuse | Offence::SexualViolence)
        ))
    .then_some(Reason::AbuseNotMediation)
}

/// "A connection to Hampshire and Isle of Wight by either victim address, offender address or
/// offence location." Decided (2026-12): supervision in Hampshire or the Isle of Wight is a
/// connection too, but only for an offender-initiated prison or probation referral (the person
/// referred caused the harm), not for a person harmed who happens to be on probation. A place
/// nobody gave (no fixed address, abroad, rather not say) is not known: the other places decide.
fn connection_to_hampshire_and_isle_of_wight(f: &Facts) -> Option<Reason> {
    let places = [
        place(&f.harmed_postcode, f.harmed_address_in_area),
        place(&f.responsible_postcode, f.responsible_address_in_area),
        place(&f.incident_postcode, f.incident_in_area),
    ];
    let supervised_here = offender_initiated_probation(f) && f.supervised_in_area == Some(true);
    if supervised_here || places.contains(&Some(AreaAnswer::In)) {
        None
    } else if places.iter().all(|p| *p == Some(AreaAnswer::Outside)) {
        Some(Reason::OutsideArea)
    } else {
        Some(Reason::AreaUnconfirmed)
    }
}

/// Where a place lies: from its postcode, with the person's word for a border postcode.
/// `None` when there is no postcode.
fn place(postcode: &Option<Postcode>, said_in_area: Option<bool>) -> Option<AreaAnswer> {
    match (postcode.as_ref().map(lookup), said_in_area) {
        (Some(AreaAnswer::Border), Some(true)) => Some(AreaAnswer::In),
        (Some(AreaAnswer::Border), Some(false)) => Some(AreaAnswer::Outside),
        (answer, _) => answer,
    }
}

/// Prison and probation: "offender initiated referrals ... a PiP or a PoP aged 18 or over who
/// is subject to supervision in Hampshire or the Isle of Wight".
fn probation_supervised_in_area(f: &Facts) -> Option<Reason> {
    (offender_initiated_probation(f) && f.supervised_in_area == Some(false))
        .then_some(Reason::NotSupervisedInArea)
}

/// Prison and probation: "... and who has expressed an interest in Restorative Justice".
fn probation_expressed_interest(f: &Facts) -> Option<Reason> {
    (offender_initiated_probation(f) && f.expressed_interest == Some(false))
        .then_some(Reason::InterestNotExpressed)
}

fn offender_initiated_probation(f: &Facts) -> bool {
    f.referrer == Some(Referrer::Probation) && f.initiated_by() == Some(InitiatedBy::CausedHarm)
}

/// Organisations supporting victims: "If you are supporting a victim of crime or conflict and
/// they have indicated a desire to communicate with the person who caused them harm you can
/// refer on their behalf".
fn victim_wants_to_communicate(f: &Facts) -> Option<Reason> {
    (f.referrer == Some(Referrer::VictimSupport) && f.expressed_interest == Some(false))
        .then_some(Reason::InterestNotExpressed)
}

/// "If a case is going through court we may wait until it has come to a conclusion" and "We do
/// not carry out RJ at the pre-sentence stage but can have an initial discussion with a
/// participant about the process".
fn court(f: &Facts) -> Option<Reason> {
    match f.court_stage {
        Some(CourtStage::AwaitingCourt) => Some(Reason::CourtOngoing),
        Some(CourtStage::PreSentence) => Some(Reason::PreSentence),
        _ => None,
    }
}

/// "Please gain consent from any participant you are referring to our service." A
/// self-referral is its own consent.
fn consent(f: &Facts) -> Option<Reason> {
    (f.referrer != Some(Referrer::SelfReferral) && f.consent == Some(false))
        .then_some(Reason::ConsentMissing)
}

/// The version of these rules, sent with every referral so the service knows which rules the
/// browser applied. Change it whenever a rule changes.
pub const RULES_VERSION: &str = "2026-12-01.2";

/// Where a case stands and every reason why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Every reason that applies, in the order of `RULES`; none for an eligible case.
    pub reasons: Vec<Reason>,
}

impl Outcome {
    /// The most severe status among the reasons; `Eligible` when there are none.
    pub fn status(&self) -> Status {
        self.reasons
            .iter()
            .map(|r| r.status())
            .max()
            .unwrap_or(Status::Eligible)
    }

    /// Who should take the case instead: that of the first reason, most severe first, that
    /// names someone.
    pub fn redirect_to(&self) -> Option<RedirectTo> {
        // `max_by_key` keeps the last of equals, so the reasons are read backwards.
        self.reasons
            .iter()
            .rev()
            .filter_map(|r| Some((r.status(), r.redirect_to()?)))
            .max_by_key(|(status, _)| *status)
            .map(|(_, to)| to)
    }

    /// The outcome page may offer "Change your answer". Not when a domestic abuse or sexual
    /// violence case is stopped as not victim-led: to a person who caused harm that link reads
    /// as "answer differently and it passes" (the Back link stays, for a real mistake), and
    /// after such a stop no change lets it pass.
    pub fn invites_change(&self) -> bool {
        !self
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::VictimLedRequired | Reason::VictimLedStopHeld))
    }

    /// The case cannot go ahead as a referral: the person is sent to an outcome page.
    pub fn stops_referral(&self) -> bool {
        self.reasons.iter().any(|r| r.stops_referral())
    }
}

/// Runs every rule and returns every reason that applies, in the order of `RULES`.
pub fn evaluate(facts: &Facts) -> Outcome {
    Outcome {
        reasons: RULES.iter().filter_map(|rule| rule(facts)).collect(),
    }
}

/// The JSON form of an outcome, as `rj-check` prints it and the payload carries it.
impl serde::Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = s.serialize_struct("Outcome", 4)?;
        out.serialize_field("status", &self.status())?;
        out.serialize_field("redirect_to", &self.redirect_to())?;
        out.serialize_field("reasons", &self.reasons)?;
        let messages: Vec<&str> = self.reasons.iter().map(|r| r.message()).collect();
        out.serialize_field("messages", &messages)?;
        out.end()
    }
}

impl Status {
    /// Where the case stands, in one plain sentence: what the wizard's status area says.
    pub fn summary(self) -> &'static str {
        match self {
            Status::Eligible => "From your answers so far, this case fits our referral criteria.",
            Status::EligibleWithNotes => "From your answers so far, this case fits our referral criteria, with the notes below.",
            Status::InitialDiscussion => "From your answers so far, we can have an initial discussion about this case, but cannot start restorative justice yet.",
            Status::Redirect => "From your answers so far, another service should take this case.",
            Status::NotEligible => "From your answers so far, we cannot take this case.",
        }
    }

    /// Where the case stands in one short sentence: what a screen reader hears when the status
    /// changes (issue 15); the detail stays on the page.
    pub fn announcement(self) -> &'static str {
        match self {
            Status::Eligible => "So far, this case fits our criteria.",
            Status::EligibleWithNotes => "So far, this case fits our criteria, with notes.",
            Status::InitialDiscussion => {
                "So far, we can have an initial discussion about this case."
            }
            Status::Redirect => "So far, another service should take this case.",
            Status::NotEligible => "So far, we cannot take this case.",
        }
    }
}

impl Outcome {
    /// The heading of the page that tells a person their case cannot go ahead here.
    pub fn headline(&self) -> &'static str {
        match self.redirect_to() {
            Some(RedirectTo::OutOfCourtTeam) => "You do not need to refer this case",
            Some(RedirectTo::YouthJustice) => "The Youth Justice Service should take this case",
            Some(RedirectTo::LocalRjService) => "Contact your local restorative justice service",
            None => "We cannot take this referral",
        }
    }
}
