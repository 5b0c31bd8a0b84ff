//! The app's components mounted in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the whole app at `hash` in a fresh element and returns that element.
async fn mount_app_at(hash: &str) -> (web_sys::Element, impl Drop) {
    let window = web_sys::window().unwrap();
    window.session_storage().unwrap().unwrap().clear().unwrap();
    window.location().set_hash(hash).unwrap();
    let wrapper = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&wrapper).unwrap();
    let handle = leptos::mount::mount_to(wrapper.clone().unchecked_into(), rj_referral::App);
    tick().await;
    (wrapper, handle)
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap()
}

#[wasm_bindgen_test]
async fn the_start_page_names_the_service_and_starts_at_the_first_question() {
    let (root, _app) = mount_app_at("#/").await;
    assert_eq!(text(&root, "h1"), "Refer a case to restorative justice");
    let start = root.query_selector("a.rj-button--start").unwrap().unwrap();
    assert_eq!(
        start.get_attribute("href").as_deref(),
        Some("#/question/referrer")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn continuing_without_an_answer_shows_the_error_in_the_summary_and_beside_the_field() {
    let (root, _app) = mount_app_at("#/question/referrer").await;
    assert_eq!(text(&root, "h1"), "Who is making this referral?");
    root.query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    tick().await;
    assert_eq!(
        text(&root, ".rj-error-summary a"),
        "Select who is making this referral"
    );
    assert_eq!(
        text(&root, "#referrer-error"),
        "Error: Select who is making this referral"
    );
    assert!(document()
        .title()
        .starts_with("Error: Who is making this referral?"));
    let fieldset = root.query_selector("fieldset").unwrap().unwrap();
    assert_eq!(
        fieldset.get_attribute("aria-describedby").as_deref(),
        Some("referrer-error")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn an_answer_is_kept_in_the_session_store_of_this_tab_only() {
    let (root, _app) = mount_app_at("#/question/referrer").await;
    root.query_selector("#referrer-police")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    root.query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    tick().await;
    let window = web_sys::window().unwrap();
    let stored = window
        .session_storage()
        .unwrap()
        .unwrap()
        .get_item("rj-referral-answers")
        .unwrap();
    assert_eq!(stored.as_deref(), Some(r#"{"referrer":"police"}"#));
    assert_eq!(
        window.local_storage().unwrap().unwrap().length().unwrap(),
        0
    );
    assert_eq!(window.location().hash().unwrap(), "#/question/role");
    root.remove();
}
