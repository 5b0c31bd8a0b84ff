//! The route through the wizard (the questions these answers lead to, in order) and its pages.

use super::answers::Answers;
use super::field::Field;
use super::question::question;
use super::table::QUESTIONS;
use crate::values::Date;

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
