//! The referral's questions: what is asked, of whom, in what order, what a valid answer is, and
//! which facts the answers give the rules. The app renders these questions and nothing else, so
//! the route through the wizard is tested here, natively, like the rules.
//!
//! Questions come in this order: who is referring and what kind of case it is, then the answers
//! the rules need (the offence, who asked, the ages of the person referred and of the other
//! person), so a case that cannot go ahead learns so within the first few questions; then the
//! referrer's own criteria, the incident, the details of the people, the risks, and, for
//! professionals, their own details.
//!
//! The rooms: `schema` is what a question is made of, `table` is every question (`QUESTIONS`),
//! `field` names them, `answers` keeps what a person answered and `answering` what a new answer
//! forgets; `route` is the order and the pages, `question` a question worded and checked for the
//! answers so far, `facts` what the answers tell the rules, and `summary` what the
//! check-your-answers page and a question's caption show.

mod answering;
mod answers;
mod facts;
mod field;
mod question;
mod route;
mod schema;
mod summary;
mod table;

pub use answers::{choices, join_choices, Answers};
pub use facts::{facts, outcome};
pub use field::Field;
pub use question::{entry, question, Question};
pub use route::{
    first_unanswered, is_complete, next, page_of, reachable, route, together, REFERRER_DETAILS,
    REFERRER_DETAILS_HINT, SECONDS_PER_QUESTION, TIME_ESTIMATE,
};
pub use schema::{Choice, Entry, Kind, Limit, Section, Text, Worded, AGREED};
pub use summary::{progress, sections, SectionSummary, SummaryRow};
pub use table::QUESTIONS;
