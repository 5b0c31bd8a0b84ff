//! The few things the app asks of the browser: the session store, the date, the address bar,
//! focus and the document title. Kept here so components stay plain.

use rj_core::wizard::{join_choices, Answers, Field};
use rj_core::Date;

use crate::nav::Page;
use wasm_bindgen::JsCast;
use web_sys::UrlSearchParams;

/// Answers are kept in this tab only (sessionStorage), never in localStorage, cookies or the
/// address bar, and wiped once sent or on quick exit.
const ANSWERS_KEY: &str = "rj-referral-answers";
/// A referral being sent: its reference and body, kept so every retry, "try again" or reload
/// sends the very same request, which the receiver then stores only once.
const PENDING_KEY: &str = "rj-referral-pending";
/// When the first answer was given, for the receiver's check that a person typed it.
const STARTED_KEY: &str = "rj-referral-started";
/// The reference of the referral just sent (and whether it was a self-referral), so a reload
/// of the confirmation page in this tab still shows it. Wiped by quick exit only.
const SENT_KEY: &str = "rj-referral-sent";
/// Set by quick exit to the neutral page's address: a return to the wizard in this tab goes
/// straight on there (scripts/csp-hook.mjs checks it before the app starts). It holds no answer.
const EXITED_KEY: &str = "rj-referral-exited";

fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a browser window")
}

fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

pub fn load_answers() -> Answers {
    session()
        .and_then(|s| s.get_item(ANSWERS_KEY).ok().flatten())
        .map_or_else(Answers::default, |text| decode(&text))
}

/// Answers as stored: `referrer=self&person_name=...`, encoded by the browser's own
/// `URLSearchParams` rather than serde_json, which would add kilobytes to the app.
pub fn encode(answers: &Answers) -> String {
    let params = search_params("");
    for (field, raw) in answers.iter() {
        params.append(field.code(), raw);
    }
    params.to_string().into()
}

pub fn decode(text: &str) -> Answers {
    let params = search_params(text);
    let mut answers = Answers::default();
    for field in Field::ALL {
        if let Some(raw) = params.get(field.code()) {
            answers.set(*field, raw);
        }
    }
    answers
}

fn search_params(text: &str) -> UrlSearchParams {
    UrlSearchParams::new_with_str(text).expect("any text makes search parameters")
}

/// Saves the answers; empty answers leave nothing behind.
pub fn save_answers(answers: &Answers) {
    let Some(store) = session() else { return };
    if *answers == Answers::default() {
        wipe_answers();
        return;
    }
    let _ = store.set_item(ANSWERS_KEY, &encode(answers));
    if store.get_item(STARTED_KEY).ok().flatten().is_none() {
        // Whole milliseconds: formatting and parsing floats would add kilobytes to the app.
        let _ = store.set_item(STARTED_KEY, &(js_sys::Date::now() as u64).to_string());
    }
}

/// The referral sent from this tab: its reference, and whether it was a self-referral.
pub fn load_sent() -> Option<(String, bool)> {
    let params = search_params(&session()?.get_item(SENT_KEY).ok()??);
    Some((params.get("reference")?, params.get("self").is_some()))
}

pub fn keep_sent(reference: &str, self_referral: bool) {
    if let Some(store) = session() {
        let params = search_params("");
        params.append("reference", reference);
        if self_referral {
            params.append("self", "1");
        }
        let _ = store.set_item(SENT_KEY, &String::from(params.to_string()));
    }
}

/// Forgets everything this tab holds of a referral.
pub fn wipe_answers() {
    PENDING.set(None);
    if let Some(store) = session() {
        for key in [ANSWERS_KEY, PENDING_KEY, STARTED_KEY] {
            let _ = store.remove_item(key);
        }
    }
}

/// Milliseconds since the first answer was given, or at least since this page loaded: where the
/// browser refuses storage (some do, in a partner's frame) the page's own age still counts.
pub fn elapsed_ms() -> f64 {
    let since_load = window().performance().map_or(0.0, |p| p.now());
    let since_first_answer = session()
        .and_then(|s| s.get_item(STARTED_KEY).ok().flatten())
        .and_then(|t| t.parse::<u64>().ok())
        .map_or(0.0, |started| js_sys::Date::now() - started as f64);
    since_load.max(since_first_answer)
}

thread_local! {
    /// The referral being sent, also kept here for browsers that refuse this tab storage.
    static PENDING: std::cell::RefCell<Option<Pending>> = const { std::cell::RefCell::new(None) };
}

/// A referral being sent, for the answers it was made from (as `encode` writes them).
#[derive(Clone)]
pub struct Pending {
    answers: String,
    pub reference: String,
    pub body: String,
}

impl Pending {
    pub fn new(answers: &Answers, reference: String, body: String) -> Pending {
        Pending {
            answers: encode(answers),
            reference,
            body,
        }
    }
}

/// The referral already being sent for exactly these answers, if any.
pub fn pending(answers: &Answers) -> Option<Pending> {
    PENDING
        .with_borrow(Clone::clone)
        .or_else(|| {
            let params = search_params(&session()?.get_item(PENDING_KEY).ok()??);
            Some(Pending {
                answers: params.get("answers")?,
                reference: params.get("reference")?,
                body: params.get("body")?,
            })
        })
        .filter(|p| p.answers == encode(answers))
}

pub fn keep_pending(pending: &Pending) {
    PENDING.set(Some(pending.clone()));
    if let Some(store) = session() {
        let params = search_params("");
        params.append("answers", &pending.answers);
        params.append("reference", &pending.reference);
        params.append("body", &pending.body);
        let _ = store.set_item(PENDING_KEY, &String::from(params.to_string()));
    }
}

/// Offers `text` (JSON) as a file to save.
pub fn download(filename: &str, text: &str) {
    // A data: address needs no object URL to revoke later; a referral is a few kilobytes.
    let href = format!(
        "data:application/json;charset=utf-8,{}",
        js_sys::encode_uri_component(text)
    );
    if let Ok(link) = document().create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&href);
        link.set_download(filename);
        link.click();
    }
}

/// Today in the person's own time zone, so an incident "today" is never "in the future".
pub fn today() -> Date {
    // Natively (the build's `prerender`) there is no browser: the machine's clock, in UTC.
    #[cfg(not(target_arch = "wasm32"))]
    if let Ok(since) = std::time::UNIX_EPOCH.elapsed() {
        return Date::from_unix_days((since.as_secs() / 86_400) as i64);
    }
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as u16,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    )
    .unwrap_or_else(|_| Date::from_unix_days((js_sys::Date::now() / 86_400_000.0) as i64))
}

pub fn path() -> String {
    window().location().pathname().unwrap_or_default()
}

/// Shows the step's `path` in the address bar, keeping a partner's presets (the query), in the
/// one history entry the wizard has. Decision (issue 15): steps replace that entry rather than
/// add one, so the tab's history never holds a question's title, and quick exit, replacing the
/// entry, leaves nothing of the wizard for Back or Forward. The Back link on every page moves
/// between steps instead; browser Back leaves the wizard, whose answers stay in the tab.
pub fn show_path(path: &str) {
    let search = window().location().search().unwrap_or_default();
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}")),
        );
    }
}

pub fn set_title(heading: &str, error: bool) {
    // The build draws pages natively to HTML (`prerender`), where there is no document.
    if cfg!(not(target_arch = "wasm32")) {
        return;
    }
    let prefix = if error { "Error: " } else { "" };
    document().set_title(&format!(
        "{prefix}{heading} - Restorative Justice Service for Hampshire & Isle of Wight"
    ));
}

fn document() -> web_sys::Document {
    window().document().expect("a window has a document")
}

/// Runs `then` once the browser has drawn what was just rendered.
pub fn after_render(then: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(then);
    let _ = window().request_animation_frame(callback.unchecked_ref());
}

/// Focuses the first element matching `selector` once the page has drawn it.
pub fn focus_after_render(selector: &'static str) {
    after_render(move || {
        if let Some(el) = element(selector) {
            let _ = el.focus();
        }
    });
}

/// The first element matching `selector`.
pub fn element(selector: &str) -> Option<web_sys::HtmlElement> {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into().ok())
}

pub fn remove_id(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        el.remove_attribute("id").ok();
    }
}

/// Whether `click` was on (or inside) an element matching `selector`.
pub fn clicked(click: &web_sys::MouseEvent, selector: &str) -> bool {
    click
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|t| t.closest(selector).ok().flatten().is_some())
}

/// Space on a link styled as a button clicks it, as on a button (GOV.UK's button JS).
pub fn space_clicks(key: &web_sys::KeyboardEvent) {
    let link = key
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("a[role=button]").ok().flatten());
    if let (" ", Some(link)) = (key.key().as_str(), link) {
        key.prevent_default();
        link.unchecked_into::<web_sys::HtmlElement>().click();
    }
}

/// The start page the build drew (`prerender`), which the app shows instead of drawing it
/// again, so that the wasm holds none of its words. In `index.html` it is in the page; in
/// `app.html` (the step addresses) it waits in a `<template>` with the id and `-later`. Shown,
/// it is the first thing in `main`; otherwise it is out of the document.
pub struct DrawnStart {
    page: web_sys::Element,
    home: web_sys::HtmlElement,
    shown: std::cell::Cell<bool>,
}

impl DrawnStart {
    pub fn take(id: &str) -> Option<DrawnStart> {
        let home = element("main")?;
        let by_id = |id: &str| document().get_element_by_id(id);
        if let Some(later) = by_id(&format!("{id}-later")) {
            let content = later
                .unchecked_into::<web_sys::HtmlTemplateElement>()
                .content();
            home.prepend_with_node_1(&content).ok()?;
        }
        Some(DrawnStart {
            page: by_id(id)?,
            home,
            shown: true.into(),
        })
    }

    /// Shows the start page, its "Start now" going to `start`, or takes it out of the page.
    /// Left in place while shown, so that nothing moves and a focused link keeps its focus.
    pub fn show(&self, shown: bool, start: &str) {
        if !shown {
            self.page.remove();
        } else if !self.shown.get() {
            self.home.prepend_with_node_1(&self.page).ok();
        }
        self.shown.set(shown);
        if !shown {
            return;
        }
        if let Ok(Some(link)) = self.page.query_selector(".rj-button--start") {
            link.set_attribute("href", start).ok();
        }
        if let Ok(Some(heading)) = self.page.query_selector("h1") {
            set_title(&heading.text_content().unwrap_or_default(), false);
        }
    }
}

/// A plain click on a link to this site. To one of the wizard's steps: the step, for the caller
/// to show in the page. To any other page here (the help pages, "Finish later"): that page is
/// loaded in place of the wizard's one history entry rather than after it, so no question's
/// title stays in the tab's history, and `None`. A link to `#id` on this page focuses that
/// element instead. Other links and clicks (a new tab, a download,
/// another site) go as usual.
pub fn own_link(click: &web_sys::MouseEvent) -> Option<Page> {
    let modified = click.ctrl_key() || click.meta_key() || click.shift_key() || click.alt_key();
    if click.default_prevented() || click.button() != 0 || modified {
        return None;
    }
    let target: web_sys::Element = click.target()?.dyn_into().ok()?;
    let link: web_sys::HtmlAnchorElement = target.closest("a[href]").ok()??.dyn_into().ok()?;
    let own = link.origin() == window().location().origin().ok()?;
    if !own || link.has_attribute("download") {
        return None;
    }
    if !link.hash().is_empty() {
        // Such as the skip link of the frame the build drew (`prerender`).
        if link.pathname() == path() {
            click.prevent_default();
            if let Some(el) = element(&link.hash()) {
                let _ = el.focus();
            }
        }
        return None;
    }
    click.prevent_default();
    let path = link.pathname();
    let page = Page::from_path(&path);
    if page.path() == path {
        return Some(page);
    }
    let _ = window().location().replace(&link.href());
    None
}

/// Quick exit: blank the page at once, forget the answers, the pending referral and the sent
/// reference, and replace the page with a neutral one. The wizard's one history entry is the
/// one replaced (see `show_path`), so Back and Forward reach nothing of it, and a return to its
/// address in this tab goes on to `to` again. Inside a partner's frame it is the partner's
/// whole page that is replaced (the embed snippet's frame allows that), not just the frame.
pub fn quick_exit(to: &str) {
    if let Some(body) = document().body() {
        body.set_inner_html("");
    }
    document().set_title("");
    wipe_answers();
    if let Some(store) = session() {
        let _ = store.remove_item(SENT_KEY);
        let _ = store.set_item(EXITED_KEY, to);
    }
    let top = window().top().ok().flatten();
    let replaced = top.is_some_and(|top| top.location().replace(to).is_ok());
    if !replaced {
        let _ = window().location().replace(to);
    }
}

/// The query parameters of the page's address, decoded. Split here rather than read through
/// `URLSearchParams` (as the stored answers are): iterating that from Rust costs 1.3 kB of wasm.
pub fn query_params() -> Vec<(String, String)> {
    let search = window().location().search().unwrap_or_default();
    let decode = |s: &str| {
        js_sys::decode_uri_component(&s.replace('+', " "))
            .map_or_else(|_| s.to_owned(), String::from)
    };
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

pub fn warn(message: &str) {
    web_sys::console::warn_2(&"rj-referral:".into(), &message.into());
}

/// Inside a partner's frame, tells the partner's page (at `parent_origin` only) the height of
/// the content whenever it changes, so the frame fits it. Nothing but that number is sent.
pub fn report_height(parent_origin: String) {
    let win = window();
    let Some(parent) = win.parent().ok().flatten() else {
        return;
    };
    if js_sys::Object::is(&parent, &win) {
        return;
    }
    let Some(root) = document().document_element() else {
        return;
    };
    let measure = root.clone();
    let on_resize = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        let height = measure.get_bounding_client_rect().height().ceil();
        let _ = parent.post_message(&height.into(), &parent_origin);
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&root);
    }
    // The observer lives as long as the page.
    on_resize.forget();
}

/// What the submitted form holds for the field `name`: several ticked boxes as their codes
/// joined by commas, nothing ticked or typed as "".
pub fn form_value(submitted: &web_sys::SubmitEvent, name: &str) -> String {
    let data = submitted
        .target()
        .and_then(|form| form.dyn_into::<web_sys::HtmlFormElement>().ok())
        .and_then(|form| web_sys::FormData::new_with_form(&form).ok());
    let Some(data) = data else {
        return String::new();
    };
    let values: Vec<String> = data
        .get_all(name)
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    join_choices(&values)
}

/// The text in the input with this id.
pub fn input_value(id: &str) -> String {
    document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default()
}

pub fn print() {
    let _ = window().print();
}
