//! The steps of the wizard and their addresses. The address holds only which step is shown,
//! never an answer.

use rj_core::step::Step;
use rj_core::wizard::Field;

#[cfg(test)]
use rj_core::step::STEP_PREFIXES;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Start,
    Question(Field),
    /// A question reached from the check-your-answers page: Continue returns there.
    Change(Field),
    /// The case cannot go ahead here; the answer to this question decided it.
    Outcome(Field),
    Check,
    Sent,
    /// The answers were cleared after a time without input. Its address is the start page's.
    Cleared,
}

/// The page for the core's step: the core decides every move, the app only draws it.
impl From<Step> for Page {
    fn from(step: Step) -> Page {
        match step {
            Step::Start => Page::Start,
            Step::Question(f) => Page::Question(f),
            Step::Change(f) => Page::Change(f),
            Step::Outcome(f) => Page::Outcome(f),
            Step::Check => Page::Check,
            Step::Sent => Page::Sent,
        }
    }
}

impl Page {
    /// The core's step for this page; the cleared page is the start page.
    pub fn step(self) -> Step {
        match self {
            Page::Start | Page::Cleared => Step::Start,
            Page::Question(f) => Step::Question(f),
            Page::Change(f) => Step::Change(f),
            Page::Outcome(f) => Step::Outcome(f),
            Page::Check => Step::Check,
            Page::Sent => Step::Sent,
        }
    }

    /// The step a path (`/question/referrer`) names; anything else is the start page.
    pub fn from_path(path: &str) -> Page {
        let path = path.trim_start_matches('/');
        let (kind, rest) = path.split_once('/').unwrap_or((path, ""));
        let field = Field::from_code(rest);
        match kind {
            "question" => field.map(Page::Question),
            "change" => field.map(Page::Change),
            "outcome" => field.map(Page::Outcome),
            "check" if rest.is_empty() => Some(Page::Check),
            "sent" if rest.is_empty() => Some(Page::Sent),
            _ => None,
        }
        .unwrap_or(Page::Start)
    }

    /// The step's real path (History API), so a step link is a link to a page that exists.
    pub fn path(self) -> String {
        let (kind, field) = match self {
            Page::Start | Page::Cleared => return "/".into(),
            Page::Check => return "/check".into(),
            Page::Sent => return "/sent".into(),
            Page::Question(f) => ("question", f),
            Page::Change(f) => ("change", f),
            Page::Outcome(f) => ("outcome", f),
        };
        format!("/{kind}/{}", field.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_round_trips_through_its_address() {
        for page in [
            Page::Start,
            Page::Question(Field::Referrer),
            Page::Change(Field::PersonPostcode),
            Page::Outcome(Field::Consent),
            Page::Check,
            Page::Sent,
        ] {
            assert_eq!(Page::from_path(&page.path()), page);
            let prefix = page.path()[1..].split('/').next().unwrap().to_owned();
            assert!(
                page == Page::Start || STEP_PREFIXES.contains(&prefix.as_str()),
                "{prefix}"
            );
        }
    }

    #[test]
    fn an_unknown_address_is_the_start_page() {
        for path in [
            "",
            "/",
            "/nowhere",
            "/question/nope",
            "/check/x",
            "/index.html",
        ] {
            assert_eq!(Page::from_path(path), Page::Start, "{path}");
        }
    }
}
