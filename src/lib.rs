//! The referral wizard: a thin Leptos shell over `rj_core`. It renders the core's questions and
//! outcomes, keeps answers in the tab's session store, and never decides anything itself.

// The native build (the prerender) renders views as nested types with Leptos's `ssr` renderer.
#![recursion_limit = "256"]

mod browser;
mod components;
mod embed;
mod idle;
mod layout;
mod nav;
mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
mod quick_exit;
mod send;
mod state;

use leptos::prelude::*;
use rj_core::config::Config;
use rj_core::wizard::Answers;

use components::{Announcer, ContactDetails, StatusArea};
use layout::{CONTACT_ID, PRERENDERED_ID, START_ID};
pub use nav::Page;
use pages::{CheckPage, ClearedPage, ConfigErrorPage, OutcomePage, QuestionPage, SentPage};
use quick_exit::ShiftCount;
pub use state::{Sent, Wizard};

/// Starts the wizard in the page the build drew (`prerender`): its frame and start page stay
/// where they are, and the app draws its pages into the frame's `main` beside the start page.
/// Nothing is drawn again, so nothing moves, and a focused link keeps its focus. If the app
/// cannot start, the page stays as it was drawn.
pub fn start() {
    if let Some(main) = browser::element("main") {
        leptos::mount::mount_to(main, || view! { <App/> }).forget();
    }
    // The page is the app's now: style/main.css shows quick exit.
    browser::remove_id(PRERENDERED_ID);
}

/// The whole wizard. It reads `config.json` from beside the app unless given a `config`.
#[component]
pub fn App(#[prop(optional)] config: Option<Config>) -> impl IntoView {
    let wizard = Wizard {
        answers: RwSignal::new(browser::load_answers()),
        page: RwSignal::new(Page::from_path(&browser::path())),
        sent: RwSignal::new(browser::load_sent().map(|(reference, self_referral)| Sent {
            reference,
            self_referral,
            answers: Answers::default(),
        })),
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
    embed::apply_presets(wizard);
    Effect::new(move |_| wizard.answers.with(browser::save_answers));
    // A step link is followed in the page, not by loading the app again (see `own_link`).
    // Quick exit's button is the build's (`prerender`), so its click is heard here too.
    let _ = window_event_listener(leptos::ev::click, move |ev| {
        if browser::clicked(&ev, ".rj-exit__button") {
            quick_exit::exit(wizard);
        } else if let Some(page) = browser::own_link(&ev) {
            wizard.go(page);
        }
    });
    let shift_count = ShiftCount::new();
    // When this tab last had input, for the inactivity wipe (`idle::watch`).
    let last_input = StoredValue::new(js_sys::Date::now());
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        last_input.set_value(js_sys::Date::now());
        browser::space_clicks(&ev);
        shift_count.key(&ev, wizard);
    });
    let idle_warning = idle::watch(wizard, last_input);

    // The page the address asks for, or the nearest one these answers allow.
    let shown = Memo::new(move |_| {
        let page = wizard.page.get();
        wizard
            .answers
            .with(|a| allowed(page, a, wizard.sent.with(Option::is_some)))
    });
    // After every step (not on arrival), focus moves to the new page's heading.
    Effect::new(move |arrived: Option<()>| {
        let page = shown.get();
        if page != wizard.page.get() {
            browser::show_path(&page.path());
        } else if arrived.is_some() {
            browser::focus_after_render("main h1");
        }
    });

    // The start page and the frame are the build's (`prerender`): the app shows the one and
    // gives the other's footer the contacts `config.json` names.
    let drawn_start = StoredValue::new_local(browser::DrawnStart::take(START_ID));
    if let Some(contacts) = browser::element(&format!("#{CONTACT_ID}")) {
        contacts.set_inner_html("");
        leptos::mount::mount_to(contacts, ContactDetails).forget();
    }

    view! {
        {move || {
            config_broke.track();
            let problem = wizard.config.get_untracked().and_then(Result::err);
            let page = shown.get();
            let resume = wizard.answers.with_untracked(|a| Page::from(rj_core::step::resume(a)));
            drawn_start.with_value(|start| {
                start.as_ref().map(|s| s.show(problem.is_none() && page == Page::Start, &resume.path()))
            });
            match (problem, page) {
                (Some(problem), _) => view! { <ConfigErrorPage problem=problem/> }.into_any(),
                (None, Page::Start) => ().into_any(),
                (None, Page::Question(field)) => view! { <QuestionPage field=field changing=false/> }.into_any(),
                (None, Page::Change(field)) => view! { <QuestionPage field=field changing=true/> }.into_any(),
                (None, Page::Outcome(field)) => view! { <OutcomePage field=field/> }.into_any(),
                (None, Page::Check) => view! { <CheckPage/> }.into_any(),
                (None, Page::Sent) => view! { <SentPage/> }.into_any(),
                (None, Page::Cleared) => view! { <ClearedPage/> }.into_any(),
            }
        }}
        // Where the case stands, in full, on the question pages (not a live region: see
        // `Announcer` for what a screen reader hears). Before the first answer there is
        // nothing to say.
        {move || {
            (matches!(shown.get(), Page::Question(_) | Page::Change(_))
                && !matches!(wizard.config.get(), Some(Err(_)))
                && wizard.answers.with(|a| *a != Answers::default()))
            .then(|| view! { <StatusArea/> })
        }}
        <Announcer shown=shown/>
        {shift_count.view()}
        {idle_warning}
    }
}

/// A question not yet reachable, an outcome the answers do not lead to, or the check page
/// before every answer is in, moves the person to the first question still to answer.
fn allowed(page: Page, answers: &Answers, sent: bool) -> Page {
    match page {
        Page::Cleared => page,
        page => rj_core::step::shown(page.step(), answers, sent, browser::today()).into(),
    }
}
