//! What the check-your-answers page shows, and where a question page says it is.

use super::answers::Answers;
use super::field::Field;
use super::question::{question, Question};
use super::route::route;
use super::schema::Section;

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
