//! Every move between the wizard's pages: after an answer, Back, where a returning person
//! resumes, and which page may be shown for the answers held. Decided here, natively tested,
//! so the app only draws the step it is given (issue 14). Questions asked together on one page
//! (`wizard::together`) move as that page, addressed by its first question.

use crate::rules::evaluate;
use crate::values::Date;
use crate::wizard::{
    facts, first_unanswered, is_complete, next, page_of, reachable, route, together, Answers, Field,
};

/// The first part of the path of every step of the wizard but the start page (`/check`,
/// `/question/referrer`): the app uses real paths (History API), so whoever serves it must
/// answer each of these paths, and one part below, with the app: its `app.html`, which holds the start page in a
/// `<template>` so a reload or a link to a step never shows the start page first.
pub const STEP_PREFIXES: [&str; 5] = ["question", "change", "outcome", "check", "sent"];

/// A page of the wizard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The start page.
    Start,
    /// A question on the route.
    Question(Field),
    /// A question reached from the check-your-answers page: Continue returns there.
    Change(Field),
    /// The case cannot go ahead here; the answer to this question decided it.
    Outcome(Field),
    /// Check your answers.
    Check,
    /// The referral has been sent.
    Sent,
}

/// Where Continue goes once `field`'s page is answered (the answers already in `a`): the
/// outcome page when the case stops; in the change loop (`changing`), the first question the
/// change made necessary, or back to the check page; otherwise the next page, or the check page.
pub fn after_answer(a: &Answers, field: Field, changing: bool, today: Date) -> Step {
    if evaluate(&facts(a, today)).stops_referral() {
        return Step::Outcome(field);
    }
    let last = together(field)[together(field).len() - 1];
    match (next(a, last, changing).map(page_of), changing) {
        (Some(f), true) => Step::Change(f),
        (Some(f), false) => Step::Question(f),
        (None, _) => Step::Check,
    }
}

/// Where the Back link of `step` goes: the page before on the route (the start page before
/// the first), the check page from a change, the deciding question from an outcome, and the
/// last page from the check page.
pub fn back(a: &Answers, step: Step) -> Step {
    let route = route(a);
    match step {
        Step::Question(f) => route
            .iter()
            .position(|r| *r == f)
            .and_then(|at| at.checked_sub(1))
            .map_or(Step::Start, |i| Step::Question(page_of(route[i]))),
        Step::Change(_) => Step::Check,
        Step::Outcome(f) => Step::Question(f),
        Step::Check => Step::Question(page_of(route.last().copied().unwrap_or(Field::Referrer))),
        Step::Start | Step::Sent => Step::Start,
    }
}

/// Where a returning person resumes: the page of the first question still to answer, or the
/// check page.
pub fn resume(a: &Answers) -> Step {
    first_unanswered(a).map_or(Step::Check, |f| Step::Question(page_of(f)))
}

/// The page shown when `wanted` is asked for (by an address, a link, a reload): a question
/// not yet reachable, an outcome the answers do not lead to, or the check page before every
/// answer is in, resumes instead; the confirmation page only once a referral was `sent`. A
/// question asked on a page with others shows that page.
pub fn shown(wanted: Step, a: &Answers, sent: bool, today: Date) -> Step {
    match wanted {
        Step::Question(f) | Step::Change(f) if !reachable(a, page_of(f)) => resume(a),
        Step::Question(f) => Step::Question(page_of(f)),
        Step::Change(f) => Step::Change(page_of(f)),
        Step::Outcome(f) if !reachable(a, f) || !evaluate(&facts(a, today)).stops_referral() => {
            resume(a)
        }
        Step::Check if !is_complete(a, today) => resume(a),
        Step::Sent if !sent => Step::Start,
        step => step,
    }
}
