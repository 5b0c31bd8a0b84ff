//! "Finish later": the answers so far, saved as a file locked with a passphrase the person
//! chooses, and read back on "Continue a saved referral". The key is derived with PBKDF2-SHA-256
//! and the answers encrypted with AES-GCM, both by the browser's own Web Crypto: the wasm
//! carries no crypto code, and reaches `crypto.subtle` through a few `Reflect` calls rather than
//! web-sys's SubtleCrypto bindings (fewer bytes). Nothing in the file is readable without the
//! passphrase; its name says only that it is a referral draft.
//!
//! The file, version 1 (JSON; binary values in base64):
//! `{"format": "rj-referral-draft", "version": 1, "kdf": "PBKDF2-SHA-256", "iterations": 600000,
//! "salt": "...", "iv": "...", "data": "..."}`, where `data` is the AES-256-GCM ciphertext of
//! the answers as the tab stores them (`browser::encode`), with the format and version as
//! additional data. A later version is refused rather than guessed at.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array, JSON};
use leptos::prelude::*;
use rj_core::json::Json;
use rj_core::wizard::{first_unanswered, Answers};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::browser;
use crate::nav::Page;
use crate::pages::back_link;
use crate::Wizard;

const FORMAT: &str = "rj-referral-draft";
const VERSION: u64 = 1;
/// OWASP's figure for PBKDF2-HMAC-SHA-256 (2023). A file may ask for more, up to `MAX_ITERATIONS`.
const ITERATIONS: u64 = 600_000;
/// A damaged or hostile file must not keep the browser busy for minutes.
const MAX_ITERATIONS: u64 = 10_000_000;
/// Decision (the issue is silent): at least 12 characters, as three random words make, since
/// the file may be carried off and tried offline.
const MIN_PASSPHRASE: usize = 12;
pub const FILE_NAME: &str = "referral-draft.json";

fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(target, &key.into())
}

/// `target.method(...args)`, awaited.
async fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let function: Function = get(target, method)?.dyn_into()?;
    let args: Array = args.iter().collect();
    let promise: Promise = Reflect::apply(&function, target, &args)?.dyn_into()?;
    JsFuture::from(promise).await
}

fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

fn bytes(data: &[u8]) -> JsValue {
    Uint8Array::from(data).into()
}

fn subtle() -> Result<JsValue, JsValue> {
    let crypto = web_sys::window().ok_or(JsValue::NULL)?.crypto()?;
    get(&crypto, "subtle")
}

/// The AES-GCM key for this passphrase and salt.
async fn derive_key(passphrase: &str, salt: &[u8], iterations: u64) -> Result<JsValue, JsValue> {
    let subtle = subtle()?;
    let usage = |u: &str| -> JsValue { Array::of1(&u.into()).into() };
    let base = call(
        &subtle,
        "importKey",
        &[
            "raw".into(),
            bytes(passphrase.as_bytes()),
            "PBKDF2".into(),
            false.into(),
            usage("deriveKey"),
        ],
    )
    .await?;
    let pbkdf2 = object(&[
        ("name", "PBKDF2".into()),
        ("salt", bytes(salt)),
        ("iterations", (iterations as f64).into()),
        ("hash", "SHA-256".into()),
    ]);
    let aes = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
    let usages: JsValue = Array::of2(&"encrypt".into(), &"decrypt".into()).into();
    call(
        &subtle,
        "deriveKey",
        &[pbkdf2, base, aes, false.into(), usages],
    )
    .await
}

/// `encrypt` or `decrypt` with AES-GCM.
async fn aes(method: &str, key: JsValue, iv: &[u8], data: &[u8]) -> Result<Vec<u8>, JsValue> {
    let params = object(&[
        ("name", "AES-GCM".into()),
        ("iv", bytes(iv)),
        (
            "additionalData",
            bytes(format!("{FORMAT} {VERSION}").as_bytes()),
        ),
    ]);
    let out = call(&subtle()?, method, &[params, key, bytes(data)]).await?;
    Ok(Uint8Array::new(&out).to_vec())
}

fn random(count: usize) -> Result<Vec<u8>, JsValue> {
    let mut out = vec![0; count];
    let crypto = web_sys::window().ok_or(JsValue::NULL)?.crypto()?;
    crypto.get_random_values_with_u8_array(&mut out)?;
    Ok(out)
}

/// Base64 by the browser's own `btoa`/`atob`, over a string of one character per byte.
fn to_base64(data: &[u8]) -> String {
    let binary: String = data.iter().map(|&b| char::from(b)).collect();
    web_sys::window()
        .and_then(|w| w.btoa(&binary).ok())
        .unwrap_or_default()
}

fn from_base64(text: &str) -> Option<Vec<u8>> {
    let binary = web_sys::window()?.atob(text).ok()?;
    binary.chars().map(|c| u8::try_from(c).ok()).collect()
}

/// The file for these answers, locked with `passphrase`.
async fn lock(answers: &Answers, passphrase: &str) -> Result<String, JsValue> {
    let (salt, iv) = (random(16)?, random(12)?);
    let key = derive_key(passphrase, &salt, ITERATIONS).await?;
    let data = aes("encrypt", key, &iv, browser::encode(answers).as_bytes()).await?;
    let file = Json::Object(vec![
        ("format", FORMAT.into()),
        ("version", Json::Number(VERSION)),
        ("kdf", "PBKDF2-SHA-256".into()),
        ("iterations", Json::Number(ITERATIONS)),
        ("salt", Json::Text(to_base64(&salt))),
        ("iv", Json::Text(to_base64(&iv))),
        ("data", Json::Text(to_base64(&data))),
    ]);
    Ok(file.to_string())
}

/// Why a file could not be read back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    NotADraft,
    Later,
    WrongPassphrase,
}

impl Refusal {
    fn message(self) -> &'static str {
        match self {
            Refusal::NotADraft => "The file is not a saved referral, or it is damaged. Choose the file you saved with \u{201c}Finish later\u{201d}",
            Refusal::Later => "The file was saved by a newer version of this form, which this page cannot read. Reload the page and try again, or call us",
            Refusal::WrongPassphrase => "The passphrase does not open this file. Check it and try again (capital letters and spaces count)",
        }
    }
}

/// The answers in `file`, unlocked with `passphrase`.
async fn unlock(file: &str, passphrase: &str) -> Result<Answers, Refusal> {
    let file = JSON::parse(file).map_err(|_| Refusal::NotADraft)?;
    let text = |key| get(&file, key).ok().and_then(|v| v.as_string());
    let number = |key| get(&file, key).ok().and_then(|v| v.as_f64());
    if text("format").as_deref() != Some(FORMAT) {
        return Err(Refusal::NotADraft);
    }
    match number("version") {
        Some(v) if v == VERSION as f64 => {}
        Some(v) if v > VERSION as f64 => return Err(Refusal::Later),
        _ => return Err(Refusal::NotADraft),
    }
    let iterations = number("iterations")
        .filter(|n| n.fract() == 0.0 && (ITERATIONS as f64..=MAX_ITERATIONS as f64).contains(n))
        .ok_or(Refusal::NotADraft)?;
    let decoded = |key| text(key).and_then(|t| from_base64(&t));
    let (Some(salt), Some(iv), Some(data)) = (decoded("salt"), decoded("iv"), decoded("data"))
    else {
        return Err(Refusal::NotADraft);
    };
    if text("kdf").as_deref() != Some("PBKDF2-SHA-256") || iv.len() != 12 {
        return Err(Refusal::NotADraft);
    }
    let key = derive_key(passphrase, &salt, iterations as u64)
        .await
        .map_err(|_| Refusal::WrongPassphrase)?;
    // AES-GCM cannot tell a wrong key from changed bytes; the message says both.
    let plain = aes("decrypt", key, &iv, &data)
        .await
        .map_err(|_| Refusal::WrongPassphrase)?;
    let plain = String::from_utf8(plain).map_err(|_| Refusal::NotADraft)?;
    Ok(browser::decode(&plain))
}

/// The one problem shown on a page: the field's id and what to do.
type Problem = RwSignal<Option<(&'static str, &'static str)>>;

/// The error summary, linking to the field, as on the question pages.
fn summary(problem: Problem) -> impl IntoView {
    move || {
        problem.get().map(|(id, message)| {
            view! {
                <div class="rj-error-summary" tabindex="-1">
                    <div role="alert">
                        <h2 class="rj-error-summary__title">"There is a problem"</h2>
                        <ul class="rj-error-summary__list">
                            <li><a href=format!("#{id}") on:click=browser::focus_link_target>{message}</a></li>
                        </ul>
                    </div>
                </div>
            }
        })
    }
}

/// Shows `problem` and moves focus to its summary.
fn refuse(problem: Problem, at: &'static str, message: &'static str) {
    problem.set(Some((at, message)));
    browser::focus_after_render(".rj-error-summary");
}

/// A labelled input with its hint and, when `problem` names it, its error. One function for
/// every field of these pages, so the app carries this view's code once.
fn field(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    problem: Problem,
) -> impl IntoView {
    let mine = move || problem.get().filter(|(at, _)| *at == id).map(|(_, m)| m);
    view! {
        <div class=move || if mine().is_some() { "rj-form-group rj-form-group--error" } else { "rj-form-group" }>
            <label class="rj-label" for=id>{label}</label>
            <div class="rj-hint" id=format!("{id}-hint")>{hint}</div>
            {move || mine().map(|message| view! {
                <p class="rj-error-message" id=format!("{id}-error")>
                    <span class="rj-visually-hidden">"Error: "</span>{message}
                </p>
            })}
            <input class="rj-input" id=id name=id type=kind autocomplete=autocomplete spellcheck="false"
                accept=(kind == "file").then_some(".json,application/json")
                aria-describedby=move || if mine().is_some() { format!("{id}-hint {id}-error") } else { format!("{id}-hint") }/>
        </div>
    }
}

/// Where the person goes back to: the first question still to answer, or the check page.
fn resume_point(answers: &Answers) -> Page {
    first_unanswered(answers).map_or(Page::Check, Page::Question)
}

/// The words of the pages, as HTML: static text costs the app far fewer bytes this way than
/// drawn element by element (nothing in them comes from a person).
const SAVE_INTRO: &str = "<p class=\"rj-body\">We will put the answers you have given so far in a file on this device, locked with a passphrase you choose. Nothing is sent or kept anywhere else.</p>\
<p class=\"rj-body\">To finish later, choose \u{201c}Continue a saved referral\u{201d} on the start page of this form, then the file, and type the passphrase. Nobody, including us, can open the file without it, and a forgotten passphrase cannot be recovered.</p>";
const TRACE_WARNING: &str = "<div class=\"rj-warning-text\"><span class=\"rj-warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"rj-warning-text__text\"><span class=\"rj-visually-hidden\">Warning: </span>\
The file is a trace on this device: someone who checks it could see that you saved a referral draft called referral-draft.json, though not your answers. When you have finished, delete it from your downloads, and empty the bin or recycle bin.</strong></div>";
const SAVED: &str = "Your answers are saved in the file referral-draft.json, in your downloads. They are also still in this browser tab: to clear them now, use \u{201c}Exit this page\u{201d} or close the tab.";

#[component]
pub fn SavePage() -> impl IntoView {
    let wizard = Wizard::current();
    let self_referral = wizard.answers.with_untracked(Answers::is_self_referral);
    let back = wizard.answers.with_untracked(resume_point);
    let problem: Problem = RwSignal::new(None);
    let saved = RwSignal::new(false);
    let busy = StoredValue::new(false);
    Effect::new(move |_| {
        browser::set_title(
            "Save your answers to finish later",
            problem.with(Option::is_some),
        )
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_value() {
            return;
        }
        let passphrase = browser::input_value("passphrase");
        if passphrase.chars().count() < MIN_PASSPHRASE {
            return refuse(problem, "passphrase", "Enter a passphrase of at least 12 characters, such as three words you will remember");
        }
        if browser::input_value("passphrase_again") != passphrase {
            return refuse(
                problem,
                "passphrase_again",
                "The passphrases do not match: type the same passphrase twice",
            );
        }
        busy.set_value(true);
        let answers = wizard.answers.get_untracked();
        leptos::task::spawn_local(async move {
            match lock(&answers, &passphrase).await {
                Ok(file) => {
                    browser::download(FILE_NAME, &file);
                    problem.set(None);
                    saved.set(true);
                    browser::focus_after_render(".rj-saved");
                }
                Err(_) => refuse(
                    problem,
                    "passphrase",
                    "This browser could not lock the file. Try another browser, or call us",
                ),
            }
            busy.set_value(false);
        });
    };
    view! {
        {back_link(back)}
        {summary(problem)}
        <h1 class="rj-heading-l" tabindex="-1">"Save your answers to finish later"</h1>
        <div inner_html=SAVE_INTRO></div>
        // A self-referrer is told, before the download, that the file is a trace and how to delete it.
        {self_referral.then_some(view! { <div inner_html=TRACE_WARNING></div> })}
        {move || saved.get().then_some(view! { <p class="rj-body rj-saved" tabindex="-1">{SAVED}</p> })}
        <form novalidate on:submit=on_submit>
            {field("passphrase", "Choose a passphrase", "At least 12 characters. Three words you will remember, with spaces, work well.", "password", "new-password", problem)}
            {field("passphrase_again", "Type the passphrase again", "So we know it is the one you meant.", "password", "new-password", problem)}
            <button type="submit" class="rj-button">"Download the file"</button>
        </form>
        <p class="rj-body"><a class="rj-link" href=back.path()>"Go back to your referral"</a></p>
    }
}

#[component]
pub fn ResumePage() -> impl IntoView {
    let wizard = Wizard::current();
    let problem: Problem = RwSignal::new(None);
    let busy = StoredValue::new(false);
    Effect::new(move |_| {
        browser::set_title("Continue a saved referral", problem.with(Option::is_some))
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_value() {
            return;
        }
        let passphrase = browser::input_value("passphrase");
        let file = browser::element("#draft_file")
            .and_then(|input| get(&input, "files").ok())
            .and_then(|files| get(&files, "0").ok())
            .filter(JsValue::is_object);
        let Some(file) = file else {
            return refuse(
                problem,
                "draft_file",
                "Choose the file you saved with \u{201c}Finish later\u{201d}",
            );
        };
        if passphrase.is_empty() {
            return refuse(
                problem,
                "passphrase",
                "Enter the passphrase you chose when you saved the file",
            );
        }
        busy.set_value(true);
        leptos::task::spawn_local(async move {
            let text = call(&file, "text", &[])
                .await
                .ok()
                .and_then(|t| t.as_string());
            let result = match text {
                Some(text) => unlock(&text, &passphrase).await,
                None => Err(Refusal::NotADraft),
            };
            match result {
                // Decision: the file's answers replace any already in this tab.
                Ok(answers) => {
                    let to = resume_point(&answers);
                    wizard.answers.set(answers);
                    wizard.go(to);
                }
                Err(Refusal::WrongPassphrase) => {
                    refuse(problem, "passphrase", Refusal::WrongPassphrase.message())
                }
                Err(refusal) => refuse(problem, "draft_file", refusal.message()),
            }
            busy.set_value(false);
        });
    };
    // Drawn once: only the error parts change, so the chosen file stays chosen after a refusal.
    view! {
        {back_link(Page::Start)}
        {summary(problem)}
        <h1 class="rj-heading-l" tabindex="-1">"Continue a saved referral"</h1>
        <p class="rj-body">"Your answers come back into this browser tab only."</p>
        <form novalidate on:submit=on_submit>
            {field("draft_file", "The saved file", "The file you saved with \u{201c}Finish later\u{201d}: referral-draft.json, unless you renamed it.", "file", "off", problem)}
            {field("passphrase", "Passphrase", "The one you chose when you saved the file.", "password", "current-password", problem)}
            <button type="submit" class="rj-button">"Continue"</button>
        </form>
    }
}
