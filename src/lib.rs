//! The referral wizard: a thin Leptos shell over `rj_core`. It renders the core's questions and
//! outcomes, keeps answers in the tab's session store, and never decides anything itself.

// The native build (the prerender) renders views as nested types with Leptos's `ssr` renderer.
#![recursion_limit = "256"]

mod browser;
mod details;
mod nav;
mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
mod question;
mod send;

use leptos::prelude::*;
use rj_core::config::{Config, DEFAULT_EXIT_URL};
use rj_core::embed::read_presets;
use rj_core::wizard::{Answers, Field};
use rj_core::Outcome;
use wasm_bindgen::JsCast;

pub use nav::Page;
use pages::{
    CheckPage, ClearedPage, ConfigErrorPage, ContactDetails, OutcomePage, SentPage, StatusArea,
};
use question::QuestionPage;

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

    /// Quick exit: the configured neutral page, or the default until the configuration loads.
    pub fn exit(&self) {
        let to = self.settings().map(|c| c.exit_url);
        browser::quick_exit(to.as_deref().unwrap_or(DEFAULT_EXIT_URL));
    }

    /// Shows `page` and its address (see `browser::show_path` for why no history entry).
    pub fn go(&self, page: Page) {
        self.page.set(page);
        browser::show_path(&page.path());
    }
}

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

/// The ids of the page the build drew (style/main.css names the first), of its start page and
/// of the footer's contacts.
const PRERENDERED_ID: &str = "rj-loading";
const START_ID: &str = "rj-start";
const CONTACT_ID: &str = "rj-contact";

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
    // A step link is followed in the page, not by loading the app again (see `own_link`).
    // Quick exit's button is the build's (`prerender`), so its click is heard here too.
    let _ = window_event_listener(leptos::ev::click, move |ev| {
        if browser::clicked(&ev, ".rj-exit__button") {
            wizard.exit();
        } else if let Some(page) = browser::own_link(&ev) {
            wizard.go(page);
        }
    });
    // Shift pressed three separate times within 5 seconds leaves at once, as GOV.UK's "Exit
    // this page" does: a held key's repeats do not count, any other key starts again, and each
    // press is announced. (presses, when the first was)
    let shift_presses = StoredValue::new((0u8, 0.0));
    let exit_progress = RwSignal::new("");
    // When this tab last had input, for the inactivity wipe (`idle_watch`).
    let last_input = StoredValue::new(js_sys::Date::now());
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        last_input.set_value(js_sys::Date::now());
        browser::space_clicks(&ev);
        if ev.repeat() {
            return;
        }
        if ev.key() != "Shift" {
            shift_presses.set_value((0, 0.0));
            exit_progress.set("");
            return;
        }
        let now = js_sys::Date::now();
        let (count, first) = shift_presses.get_value();
        let (count, first) = if count == 0 || now - first > 5000.0 {
            (1, now)
        } else {
            (count + 1, first)
        };
        shift_presses.set_value((count, first));
        match count {
            1 => exit_progress.set("Shift, press 2 more times to exit."),
            2 => exit_progress.set("Shift, press 1 more time to exit."),
            _ => wizard.exit(),
        }
    });
    let idle_warning = idle_watch(wizard, last_input);

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
    // The status in one short sentence, for the live region: it changes (and so is announced)
    // only when the status does. Nothing before the first answer, or off the question pages.
    let announcement = Memo::new(move |_| {
        let asking = matches!(shown.get(), Page::Question(_) | Page::Change(_));
        let answered = wizard.answers.with(|a| *a != Answers::default());
        if asking && answered {
            wizard.outcome().status().announcement()
        } else {
            ""
        }
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
        // `announcement` for what a screen reader hears). Before the first answer there is
        // nothing to say.
        {move || {
            (matches!(shown.get(), Page::Question(_) | Page::Change(_))
                && !matches!(wizard.config.get(), Some(Err(_)))
                && wizard.answers.with(|a| *a != Answers::default()))
            .then(|| view! { <StatusArea/> })
        }}
        // One live region, there from the start, whose one short sentence changes only when
        // where the case stands does: a screen reader hears it then, and only then.
        <div class="rj-visually-hidden" role="status">{move || announcement.get()}</div>
        // Quick exit's Shift count, said as it goes.
        <div class="rj-visually-hidden" aria-live="polite" id="rj-exit-progress">{move || exit_progress.get()}</div>
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

/// After `idle_minutes` without any input in this tab, a dialog warns that the answers will be
/// cleared in 2 minutes; if nobody answers, they are. Any input or "Keep my answers" restarts
/// the count. Only this tab's input counts: other tabs of the wizard keep nothing alive. The
/// time is read from the clock every second, so a sleeping laptop or a throttled background
/// tab clears on waking rather than late.
fn idle_watch(wizard: Wizard, last_input: StoredValue<f64>) -> impl IntoView {
    // Key presses are counted by the App's keydown listener.
    let restart = move || last_input.set_value(js_sys::Date::now());
    let _ = window_event_listener(leptos::ev::pointerdown, move |_| restart());
    let _ = window_event_listener(leptos::ev::input, move |_| restart());
    let dialog =
        || browser::element("#rj-idle").map(|d| d.unchecked_into::<web_sys::HtmlDialogElement>());
    let _ = set_interval_with_handle(
        move || {
            let Some(dialog) = dialog() else {
                return;
            };
            let idle_ms = wizard.settings().map_or(30, |c| c.idle_minutes) as f64 * 60_000.0;
            let idle = js_sys::Date::now() - last_input.get_value();
            let holding = wizard.answers.with_untracked(|a| *a != Answers::default());
            if holding && idle >= idle_ms + 120_000.0 {
                dialog.close();
                wizard.answers.set(Answers::default());
                browser::wipe_answers();
                wizard.go(Page::Cleared);
                browser::focus_after_render("main h1");
            } else if holding && idle >= idle_ms {
                if !dialog.open() {
                    let _ = dialog.show_modal();
                }
            } else if dialog.open() {
                dialog.close();
            }
        },
        std::time::Duration::from_secs(1),
    );
    // A native modal dialog: focus moves into it and stays there, the page behind is inert, and
    // Escape closes it (a key press, so the count restarts).
    view! {
        <dialog class="rj-dialog" id="rj-idle" aria-labelledby="rj-idle-title" aria-describedby="rj-idle-text">
            <h2 class="rj-heading-m" id="rj-idle-title">"Are you still there?"</h2>
            <p class="rj-body" id="rj-idle-text">
                "For your safety, we will clear your answers from this page in 2 minutes, because nothing has been typed or pressed for a while."
            </p>
            <button type="button" class="rj-button" on:click=move |_| {
                restart();
                if let Some(d) = dialog() { d.close() }
            }>"Keep my answers"</button>
        </dialog>
    }
}
