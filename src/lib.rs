//! The referral wizard: a thin Leptos shell over `rj_core`. It renders the core's questions and
//! outcomes, keeps answers in the tab's session store, and never decides anything itself.

// The native build (the prerender) renders views as nested types with Leptos's `ssr` renderer.
#![recursion_limit = "256"]

mod browser;
mod nav;
mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
mod question;
mod send;

use leptos::prelude::*;
use rj_core::delivery::{Config, DEFAULT_EXIT_URL};
use rj_core::embed::read_presets;
use rj_core::wizard::{facts, first_unanswered, is_complete, reachable, Answers, Field};
use rj_core::{evaluate, Outcome};

pub use nav::Page;
use pages::{
    CheckPage, ConfigErrorPage, ContactDetails, OutcomePage, SentPage, StartPage, StatusArea,
};
use question::QuestionPage;

/// A referral that has been sent: what the confirmation page shows after the answers are gone.
#[derive(Clone)]
pub struct Sent {
    pub reference: String,
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
        self.answers.with(|a| evaluate(&facts(a, today)))
    }

    /// Shows `page` and records it in the history, so back and forward move between steps.
    /// The configuration, once loaded and valid.
    pub fn settings(&self) -> Option<Config> {
        self.config.get().and_then(Result::ok)
    }

    /// Quick exit: the configured neutral page, or the default until the configuration loads.
    pub fn exit(&self) {
        let to = self.settings().map(|c| c.exit_url);
        browser::quick_exit(to.as_deref().unwrap_or(DEFAULT_EXIT_URL));
    }

    pub fn go(&self, page: Page) {
        self.page.set(page);
        browser::push_hash(&page.hash());
    }
}

/// Starts the wizard in the page, in place of the start page the build drew into it
/// (`prerender`), which goes only once the app's first page is in the document, in the same
/// task, so nothing is drawn in between and nothing moves. If the app cannot start, it stays.
pub fn start() {
    leptos::mount::mount_to_body(|| view! { <App/> });
    browser::remove_element(PRERENDERED_ID);
}

/// The id of the start page the build drew (style/main.css names it too).
const PRERENDERED_ID: &str = "rj-loading";

/// The whole wizard. It reads `config.json` from beside the app unless given a `config`.
#[component]
pub fn App(#[prop(optional)] config: Option<Config>) -> impl IntoView {
    let wizard = Wizard {
        answers: RwSignal::new(browser::load_answers()),
        page: RwSignal::new(Page::from_hash(&browser::hash())),
        sent: RwSignal::new(None),
        config: RwSignal::new(config.clone().map(Ok)),
    };
    provide_context(wizard);
    // The page is drawn again if the configuration turns out broken, but not when a good one
    // arrives: that would wipe what a person had just chosen on a page shown before
    // `config.json` came (as it can be, now that "Start now" can be pressed before the app
    // runs). A trigger rather than a memo of the problem: a memo costs the wasm 2 kB.
    let config_broke = Trigger::new();
    if config.is_none() {
        leptos::task::spawn_local(async move {
            let loaded = send::load_config().await;
            let broken = loaded.is_err();
            wizard.config.set(Some(loaded));
            if broken {
                config_broke.notify();
            }
        });
    }
    let params = browser::query_params();
    let presets = read_presets(params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    presets.warnings.iter().for_each(|w| browser::warn(w));
    // A preset is an answer given in advance: the person sees it chosen and can change it.
    wizard.answers.update(|a| {
        let given = [
            (Field::Referrer, presets.referrer.map(|r| r.code())),
            (Field::CaseType, presets.case_type.map(|c| c.code())),
        ];
        for (field, code) in given {
            if let (Some(code), None) = (code, a.get(field)) {
                a.set(field, code);
            }
        }
    });
    if let Some(parent) = presets.parent.clone() {
        browser::report_height(parent);
    }
    Effect::new(move |_| wizard.answers.with(browser::save_answers));
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        wizard.page.set(Page::from_hash(&browser::hash()));
    });
    // When Shift was last pressed, and the time before; any other key starts the count again.
    let never = [f64::NEG_INFINITY; 2];
    let shift_presses = StoredValue::new(never);
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        // Pressing Shift three times within two seconds leaves at once, as on GOV.UK.
        if ev.key() != "Shift" {
            shift_presses.set_value(never);
            return;
        }
        let now = js_sys::Date::now();
        let [before_last, last] = shift_presses.get_value();
        if now - before_last < 2000.0 {
            wizard.exit();
        }
        shift_presses.set_value([last, now]);
    });

    // The page the address asks for, or the nearest one these answers allow.
    let shown = Memo::new(move |_| {
        let page = wizard.page.get();
        wizard
            .answers
            .with(|a| allowed(page, a, wizard.sent.with(Option::is_some)))
    });
    // Once the first page is drawn: a partner's brand colour and font (already checked for
    // contrast and safety by the core) apply, and the benchmark (scripts/bench.mjs) measures
    // start-up to the mark.
    browser::after_render(move || {
        if let Some(root) = browser::element(".rj-app") {
            let style = root.style();
            if let Some(brand) = &presets.brand {
                let _ = style.set_property("--rj-brand", brand);
            }
            if let Some(font) = &presets.font {
                let _ = style.set_property("--rj-font", font);
            }
        }
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark("app-interactive");
        }
    });
    // After every step (not on arrival), focus moves to the new page's heading.
    Effect::new(move |arrived: Option<()>| {
        let page = shown.get();
        if page != wizard.page.get() {
            browser::replace_hash(&page.hash());
        } else if arrived.is_some() {
            browser::focus_after_render("main h1");
        }
    });

    view! {
        <Layout>
                {move || match (config_broke.track(), wizard.config.get_untracked(), shown.get()) {
                    ((), Some(Err(problem)), _) => view! { <ConfigErrorPage problem=problem/> }.into_any(),
                    (_, _, page) => match page {
                    Page::Start => view! { <StartPage/> }.into_any(),
                    Page::Question(field) => view! { <QuestionPage field=field changing=false/> }.into_any(),
                    Page::Change(field) => view! { <QuestionPage field=field changing=true/> }.into_any(),
                    Page::Outcome(field) => view! { <OutcomePage field=field/> }.into_any(),
                    Page::Check => view! { <CheckPage/> }.into_any(),
                    Page::Sent => view! { <SentPage/> }.into_any(),
                    },
                }}
                // One live region for all the question pages, so a screen reader hears the
                // case's standing change after an answer rather than a new region appearing.
                // Before the first answer there is nothing to say.
                {move || {
                    (matches!(shown.get(), Page::Question(_) | Page::Change(_))
                        && !matches!(wizard.config.get(), Some(Err(_)))
                        && wizard.answers.with(|a| *a != Answers::default()))
                    .then(|| view! { <StatusArea/> })
                }}
        </Layout>
    }
}

/// What every page shares around its content: quick exit, the service's name, help. Its own
/// component so that the build can draw the start page natively, exactly as the app first
/// draws it (`prerender`).
#[component]
fn Layout(children: Children) -> impl IntoView {
    let wizard = Wizard::current();
    view! {
        <div class="rj-app">
            <a href="#main-content" class="rj-skip-link" on:click=browser::focus_link_target>"Skip to main content"</a>
            <div class="rj-exit">
                <button type="button" class="rj-button rj-button--warning rj-exit__button" on:click=move |_| wizard.exit()>
                    <span class="rj-visually-hidden">"Emergency "</span>"Exit this page"
                </button>
                <p class="rj-exit__hint">"Or press Shift 3 times. Your answers will be deleted."</p>
            </div>
            <header class="rj-header">
                <p class="rj-header__service">"Restorative Justice Service for Hampshire & Isle of Wight"</p>
            </header>
            <main class="rj-main" id="main-content" tabindex="-1">
                {children()}
            </main>
            <footer class="rj-footer">
                <h2 class="rj-heading-m">"Get help"</h2>
                <ContactDetails/>
                <p>"If you or anyone else is in immediate danger, call 999."</p>
            </footer>
        </div>
    }
}

/// A question not yet reachable, an outcome the answers do not lead to, or the check page
/// before every answer is in, moves the person to the first question still to answer.
fn allowed(page: Page, answers: &Answers, sent: bool) -> Page {
    let today = browser::today();
    let resume = || first_unanswered(answers).map_or(Page::Check, Page::Question);
    match page {
        Page::Question(f) | Page::Change(f) if !reachable(answers, f) => resume(),
        Page::Outcome(f)
            if !reachable(answers, f) || !evaluate(&facts(answers, today)).stops_referral() =>
        {
            resume()
        }
        Page::Check if !is_complete(answers, today) => resume(),
        Page::Sent if !sent => Page::Start,
        page => page,
    }
}
