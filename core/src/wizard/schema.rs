//! What a question is made of: its entry in the table, its words, its kind of answer, its
//! choices, its section and its length limit.

use super::answers::Answers;
use super::field::Field;

/// The answer of a ticked `Kind::Agree` box.
pub const AGREED: &str = "yes";

/// One option of a radio or checkbox question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The answer's code: the value kept and sent.
    pub code: &'static str,
    /// What the person reads.
    pub label: &'static str,
    /// A hint below the label.
    pub hint: Option<&'static str>,
}

pub(super) const fn choice(code: &'static str, label: &'static str) -> Choice {
    Choice {
        code,
        label,
        hint: None,
    }
}

pub(super) const fn hinted(code: &'static str, label: &'static str, hint: &'static str) -> Choice {
    Choice {
        code,
        label,
        hint: Some(hint),
    }
}

/// What a text answer must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// Free text of at most this length.
    Plain(Limit),
    /// A UK postcode, whole or its first half (`Postcode`).
    Postcode,
    /// An age in whole years (`Age`).
    Age,
    /// An email address (`Email`).
    Email,
    /// A UK phone number (`Phone`).
    Phone,
    /// A year, a month and year, or a full date; today or in the past.
    PastDate,
}

/// The kind of answer a question takes, and so how its page draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One of these choices.
    Radios(&'static [Choice]),
    /// Any of these choices, at least one.
    Checkboxes(&'static [Choice]),
    /// A one-line input, with the `autocomplete` token for the person's own details.
    Input {
        /// What the text must be.
        text: Text,
        /// The `autocomplete` token, or `None` for `off`.
        autocomplete: Option<&'static str>,
    },
    /// A multi-line input of at most this length.
    TextArea(Limit),
    /// A single box to tick, with its label; ticked, its answer is `AGREED`.
    Agree(&'static str),
}

/// Where a question sits on the check-your-answers page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// Who refers, the kind of case and the referrer's criteria.
    Referral,
    /// What happened.
    Incident,
    /// The person referred (or referring themselves).
    Person,
    /// The other person involved.
    OtherPerson,
    /// Risks and safety.
    Risks,
    /// A professional's own details.
    Referrer,
}

impl Section {
    /// The section's heading, saying "you" to a person referring themselves.
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

/// How long a free-text answer may be, with the message that says so: a limit cannot exist
/// without its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// A name or a reference.
    Name,
    /// One line: an organisation, an address, a time.
    Line,
    /// A few sentences: what happened, the risks.
    Story,
}

impl Limit {
    /// The most characters an answer may have.
    pub fn max(self) -> usize {
        match self {
            Limit::Name => 100,
            Limit::Line => 200,
            Limit::Story => 1200,
        }
    }

    /// The error for a longer answer.
    pub fn message(self) -> &'static str {
        match self {
            Limit::Name => "Answer must be 100 characters or fewer",
            Limit::Line => "Answer must be 200 characters or fewer",
            Limit::Story => "Answer must be 1200 characters or fewer",
        }
    }
}

/// A limit reads as its number of characters ("You can enter up to 1200 characters").
impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.max().fmt(f)
    }
}

/// Something a question says or offers: the same to everyone, one way to a person referring
/// themselves ("you") and another to a professional ("they"), or, for the few that depend on
/// other answers, worked out from them.
#[derive(Clone, Copy)]
pub enum Worded<T: 'static> {
    /// The same for every referrer.
    Same(T),
    /// `you` for a person referring themselves, `they` for a professional.
    Either {
        /// For a person referring themselves.
        you: T,
        /// For a professional referring someone.
        they: T,
    },
    /// Worked out from the answers so far.
    By(fn(&Answers) -> T),
}

use Worded::{By, Either, Same};

impl<T: Copy> Worded<T> {
    /// What this says to the person who gave these answers.
    pub fn for_answers(self, a: &Answers) -> T {
        match self {
            Same(t) => t,
            Either { you, they } => {
                if a.is_self_referral() {
                    you
                } else {
                    they
                }
            }
            By(f) => f(a),
        }
    }
}

/// One question of the wizard, as it is written once: everything the route, the question page,
/// the check page and the payload know about it. See ARCHITECTURE.md, "Adding a question".
#[derive(Clone, Copy)]
pub struct Entry {
    /// The question's field, whose code is the contract.
    pub field: Field,
    /// Whether these answers lead to the question. A condition on an answer not yet given is
    /// false until it is given.
    pub asked: fn(&Answers) -> bool,
    /// The question itself, the page's heading, and its label on the check page. Without
    /// "(optional)": the app adds that where it draws the heading.
    pub text: Worded<&'static str>,
    /// The hint below the heading.
    pub hint: Worded<Option<&'static str>>,
    /// The kind of answer and its choices.
    pub kind: Worded<Kind>,
    /// The error when the question is left unanswered; `None` for an optional question.
    pub missing: Option<Worded<&'static str>>,
    /// Where the answer sits on the check page.
    pub section: Section,
    /// Where the answer sits in the payload: its object, then its key.
    pub key: (&'static str, &'static str),
}

pub(super) const fn input(text: Text, autocomplete: Option<&'static str>) -> Kind {
    Kind::Input { text, autocomplete }
}
