//! The steps of the wizard and their addresses. The address holds only which step is shown,
//! never an answer.

use rj_core::wizard::Field;

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
}

impl Page {
    pub fn from_hash(hash: &str) -> Page {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let (kind, rest) = path.split_once('/').unwrap_or((path, ""));
        let field = Field::from_code(rest);
        match kind {
            "question" => field.map(Page::Question),
            "change" => field.map(Page::Change),
            "outcome" => field.map(Page::Outcome),
            "check" => Some(Page::Check),
            "sent" => Some(Page::Sent),
            _ => None,
        }
        .unwrap_or(Page::Start)
    }

    pub fn hash(self) -> String {
        let (kind, field) = match self {
            Page::Start => return "#/".into(),
            Page::Check => return "#/check".into(),
            Page::Sent => return "#/sent".into(),
            Page::Question(f) => ("question", f),
            Page::Change(f) => ("change", f),
            Page::Outcome(f) => ("outcome", f),
        };
        format!("#/{kind}/{}", field.code())
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
            assert_eq!(Page::from_hash(&page.hash()), page);
        }
    }

    #[test]
    fn an_unknown_address_is_the_start_page() {
        for hash in ["", "#", "#/nowhere", "#/question/nope", "#main-content"] {
            assert_eq!(Page::from_hash(hash), Page::Start, "{hash}");
        }
    }
}
