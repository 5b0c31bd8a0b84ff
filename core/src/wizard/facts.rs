//! What the answers tell the rules, and where the case stands as the wizard shows it.

use super::answers::Answers;
use super::field::Field;
use super::question::question;
use super::route::route;
use crate::rules::{evaluate, Facts, Outcome, Reason};
use crate::values::{Age, ApproxDate, Date, Postcode};
use crate::vocab as v;

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
