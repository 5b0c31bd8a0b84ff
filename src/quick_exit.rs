//! Quick exit: the frame's "Exit this page" button (drawn by the build, heard by the App) and
//! the Shift key pressed three times.

use leptos::prelude::*;
use rj_core::config::DEFAULT_EXIT_URL;

use crate::browser;
use crate::state::Wizard;

/// Leaves for the configured neutral page, or the default until the configuration loads.
pub fn exit(wizard: Wizard) {
    let to = wizard.settings().map(|c| c.exit_url);
    browser::quick_exit(to.as_deref().unwrap_or(DEFAULT_EXIT_URL));
}

/// Shift pressed three separate times within 5 seconds leaves at once, as GOV.UK's "Exit
/// this page" does: a held key's repeats do not count, any other key starts again, and each
/// press is said as it goes (`ShiftCount::view`).
#[derive(Clone, Copy)]
pub struct ShiftCount {
    /// (presses, when the first was)
    presses: StoredValue<(u8, f64)>,
    progress: RwSignal<&'static str>,
}

impl ShiftCount {
    pub fn new() -> ShiftCount {
        ShiftCount {
            presses: StoredValue::new((0u8, 0.0)),
            progress: RwSignal::new(""),
        }
    }

    /// Counts a key press (the App hears every key once, for this and the inactivity wipe).
    pub fn key(self, ev: &web_sys::KeyboardEvent, wizard: Wizard) {
        if ev.repeat() {
            return;
        }
        if ev.key() != "Shift" {
            self.presses.set_value((0, 0.0));
            self.progress.set("");
            return;
        }
        let now = js_sys::Date::now();
        let (count, first) = self.presses.get_value();
        let (count, first) = if count == 0 || now - first > 5000.0 {
            (1, now)
        } else {
            (count + 1, first)
        };
        self.presses.set_value((count, first));
        match count {
            1 => self.progress.set("Shift, press 2 more times to exit."),
            2 => self.progress.set("Shift, press 1 more time to exit."),
            _ => exit(wizard),
        }
    }

    /// The count, said as it goes.
    pub fn view(self) -> impl IntoView {
        view! { <div class="rj-visually-hidden" aria-live="polite" id="rj-exit-progress">{move || self.progress.get()}</div> }
    }
}
