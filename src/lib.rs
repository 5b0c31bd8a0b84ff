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
use rj_core::wizard::{Answers, Field};
use rj_core::Outcome;
use wasm_bindgen::JsCast;

pub use nav::Page;
use pages::{
    CheckPage, ClearedPage, ConfigErrorPage, ContactDetails, OutcomePage, SentPage, StartPage,
    StatusArea,
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
    let _ = window_event_listener(leptos::ev::click, move |ev| {
        if let Some(page) = browser::own_link(&ev) {
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

    view! {
        <Layout exit_progress=move || exit_progress.get() idle_warning=idle_warning announcement=move || announcement.get()>
                {move || match (config_broke.track(), wizard.config.get_untracked(), shown.get()) {
                    ((), Some(Err(problem)), _) => view! { <ConfigErrorPage problem=problem/> }.into_any(),
                    (_, _, page) => match page {
                    Page::Start => view! { <StartPage/> }.into_any(),
                    Page::Question(field) => view! { <QuestionPage field=field changing=false/> }.into_any(),
                    Page::Change(field) => view! { <QuestionPage field=field changing=true/> }.into_any(),
                    Page::Outcome(field) => view! { <OutcomePage field=field/> }.into_any(),
                    Page::Check => view! { <CheckPage/> }.into_any(),
                    Page::Sent => view! { <SentPage/> }.into_any(),
                    Page::Cleared => view! { <ClearedPage/> }.into_any(),
                    },
                }}
                // Where the case stands, in full, on the question pages (not a live region: see
                // `announcement` for what a screen reader hears). Before the first answer there
                // is nothing to say.
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
/// draws it (`prerender`); what needs the browser running (the Shift count, the inactivity
/// dialog, the status sentence) is given by the app.
#[component]
fn Layout<P, D, A>(
    exit_progress: P,
    idle_warning: D,
    announcement: A,
    children: Children,
) -> impl IntoView
where
    P: Fn() -> &'static str + Send + Sync + 'static,
    D: IntoView + 'static,
    A: Fn() -> &'static str + Send + Sync + 'static,
{
    let wizard = Wizard::current();
    view! {
        <div class="rj-app">
            <a href="#main-content" class="rj-skip-link" on:click=browser::focus_link_target>"Skip to main content"</a>
            // Kept within reach (sticky) on every page at every size and zoom.
            <div class="rj-exit">
                <button type="button" class="rj-button rj-button--warning rj-exit__button" aria-describedby="rj-exit-hint" on:click=move |_| wizard.exit()>
                    <span class="rj-visually-hidden">"Emergency "</span>"Exit this page"
                </button>
                <div class="rj-visually-hidden" aria-live="polite" id="rj-exit-progress">{exit_progress}</div>
            </div>
            <p class="rj-exit__hint" id="rj-exit-hint">
                "This leaves for another website at once and deletes your answers. "
                // Only where there is a keyboard to press it on (style/main.css).
                <span class="rj-exit__shift">"Or press the Shift key 3 times."</span>
            </p>
            {idle_warning}
            <header class="rj-header">
                <p class="rj-header__service">"Restorative Justice Service for Hampshire & Isle of Wight"</p>
            </header>
            <main class="rj-main" id="main-content" tabindex="-1">
                {children()}
                // One live region, there from the start, whose one short sentence changes only
                // when where the case stands does: a screen reader hears it then, and only then.
                <div class="rj-visually-hidden" role="status">{announcement}</div>
            </main>
            <footer class="rj-footer">
                <h2 class="rj-heading-m">"Get help"</h2>
                <ContactDetails/>
                <p>"If you or anyone else is in immediate danger, call 999."</p>
                <ul class="rj-list rj-footer__links">
                    <li><a class="rj-link" href="/cover-your-tracks.html">"Cover your tracks online"</a></li>
                    <li><a class="rj-link" href="/privacy.html">"Privacy notice"</a></li>
                    <li><a class="rj-link" href="/accessibility.html">"Accessibility statement"</a></li>
                </ul>
            </footer>
        </div>
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
