//! The wizard's state, shared by every page.

use leptos::prelude::*;
use rj_core::config::Config;
use rj_core::wizard::Answers;
use rj_core::Outcome;

use crate::browser;
use crate::nav::Page;

/// A referral that has been sent: what the confirmation page shows after the answers are gone.
#[derive(Clone)]
pub struct Sent {
    pub reference: String,
    pub self_referral: bool,
    /// Empty after a reload: the answers are not kept once sent, only the reference.
    pub answers: Answers,
}

/// The wizard's state, shared by every page.
#[derive(Clone, Copy)]
pub struct Wizard {
    pub answers: RwSignal<Answers>,
    pub page: RwSignal<Page>,
    pub sent: RwSignal<Option<Sent>>,
    /// `None` while `config.json` loads.
    pub config: RwSignal<Option<Result<Config, String>>>,
}

impl Wizard {
    /// The wizard of the page being drawn. (Not `expect_context`: its message formats a type
    /// name with `Debug`, and that formatting alone adds kilobytes to the app.)
    pub fn current() -> Wizard {
        use_context().expect("the App provides the wizard to every page")
    }

    /// The rules' verdict on the answers so far.
    pub fn outcome(&self) -> Outcome {
        let today = browser::today();
        self.answers.with(|a| rj_core::wizard::outcome(a, today))
    }

    /// The configuration, once loaded and valid.
    pub fn settings(&self) -> Option<Config> {
        self.config.get().and_then(Result::ok)
    }

    /// Shows `page` and its address (see `browser::show_path` for why no history entry).
    pub fn go(&self, page: Page) {
        self.page.set(page);
        browser::show_path(&page.path());
    }
}
