//! The inactivity wipe: answers left alone on a shared device are cleared.

use leptos::prelude::*;
use rj_core::wizard::Answers;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::nav::Page;
use crate::state::Wizard;

/// After `idle_minutes` without any input in this tab, a dialog warns that the answers will be
/// cleared in 2 minutes; if nobody answers, they are. Any input or "Keep my answers" restarts
/// the count. Only this tab's input counts: other tabs of the wizard keep nothing alive. The
/// time is read from the clock every second, so a sleeping laptop or a throttled background
/// tab clears on waking rather than late. `last_input` is when this tab last had input.
pub fn watch(wizard: Wizard, last_input: StoredValue<f64>) -> impl IntoView {
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
