//! The few things the app asks of the browser: the session store, the date, the address bar,
//! focus and the document title. Kept here so components stay plain.

use rj_core::wizard::Answers;
use rj_core::Date;
use wasm_bindgen::JsCast;

/// Answers are kept in this tab only (sessionStorage), never in localStorage, cookies or the
/// address bar, and wiped once sent or on quick exit.
const ANSWERS_KEY: &str = "rj-referral-answers";

fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a browser window")
}

fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

pub fn load_answers() -> Answers {
    session()
        .and_then(|s| s.get_item(ANSWERS_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Saves the answers; empty answers leave nothing behind.
pub fn save_answers(answers: &Answers) {
    let Some(store) = session() else { return };
    let _ = if *answers == Answers::default() {
        store.remove_item(ANSWERS_KEY)
    } else {
        store.set_item(
            ANSWERS_KEY,
            &serde_json::to_string(answers).expect("answers serialise"),
        )
    };
}

pub fn wipe_answers() {
    if let Some(store) = session() {
        let _ = store.remove_item(ANSWERS_KEY);
    }
}

/// Today in the person's own time zone, so an incident "today" is never "in the future".
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as u16,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    )
    .unwrap_or_else(|_| Date::from_unix_days((js_sys::Date::now() / 86_400_000.0) as i64))
}

pub fn hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Moves to another step: a new history entry, so back and forward move between steps.
pub fn push_hash(hash: &str) {
    let _ = window().location().set_hash(hash);
}

/// Corrects the address without adding a history entry.
pub fn replace_hash(hash: &str) {
    let _ = window().location().replace(hash);
}

pub fn set_title(heading: &str, error: bool) {
    let prefix = if error { "Error: " } else { "" };
    document().set_title(&format!(
        "{prefix}{heading} - Restorative Justice Service for Hampshire & Isle of Wight"
    ));
}

fn document() -> web_sys::Document {
    window().document().expect("a window has a document")
}

/// Focuses the first element matching `selector` once the page has drawn it.
pub fn focus_after_render(selector: &'static str) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(el) = document().query_selector(selector).ok().flatten() {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
    let _ = window().request_animation_frame(callback.unchecked_ref());
}

pub fn focus_id(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Quick exit: forget the answers and replace this page with a neutral one, so the back button
/// does not return to the form.
pub fn quick_exit(to: &str) {
    wipe_answers();
    let _ = window().location().replace(to);
}

pub fn print() {
    let _ = window().print();
}
