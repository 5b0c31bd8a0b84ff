//! The app's components mounted in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use rj_core::config::Config;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the whole app at the step `path` in a fresh element and returns that element. With no
/// `config`, the app loads `config.json`, which the test server does not have.
async fn mount(path: &str, config: Option<Config>) -> (web_sys::Element, impl Drop) {
    let window = web_sys::window().unwrap();
    window.session_storage().unwrap().unwrap().clear().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
    let wrapper = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&wrapper).unwrap();
    let handle = leptos::mount::mount_to(wrapper.clone().unchecked_into(), move || match config {
        Some(config) => view! { <rj_referral::App config=config/> }.into_any(),
        None => view! { <rj_referral::App/> }.into_any(),
    });
    tick().await;
    (wrapper, handle)
}

async fn mount_app_at(path: &str) -> (web_sys::Element, impl Drop) {
    let config = Config::parse(r#"{"endpoint": "/api/referrals"}"#, "http://127.0.0.1").unwrap();
    mount(path, Some(config)).await
}

fn click(root: &web_sys::Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap()
}

#[wasm_bindgen_test]
async fn the_app_shows_the_start_page_the_build_drew_and_starts_where_the_answers_stop() {
    // The build draws the start page into the document (`prerender`); the app does not.
    let drawn = document().create_element("main").unwrap();
    drawn.set_inner_html(
        r#"<div id="rj-start"><h1>Refer a case to restorative justice</h1><a class="rj-button--start" href="/question/referrer">Start now</a></div>"#,
    );
    document().body().unwrap().append_child(&drawn).unwrap();
    let window = web_sys::window().unwrap();
    let store = window.session_storage().unwrap().unwrap();
    store
        .set_item("rj-referral-answers", "referrer=police")
        .unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"))
        .unwrap();
    let wrapper = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&wrapper).unwrap();
    let config = Config::parse(r#"{"endpoint": "/api/referrals"}"#, "http://127.0.0.1").unwrap();
    let app = leptos::mount::mount_to(wrapper.clone().unchecked_into(), move || {
        view! { <rj_referral::App config=config/> }
    });
    tick().await;
    assert!(
        wrapper.query_selector("h1").unwrap().is_none(),
        "nothing drawn again"
    );
    let start = drawn.query_selector("a.rj-button--start").unwrap().unwrap();
    assert_eq!(
        start.get_attribute("href").as_deref(),
        Some("/question/role")
    );
    // Leaving it and coming back, and the title, are in tests/e2e/prerender.spec.mjs: the
    // tests here share one page, whose clicks every app mounted hears.
    drop(app);
    store.clear().unwrap();
    drawn.remove();
    wrapper.remove();
}

#[wasm_bindgen_test]
async fn continuing_without_an_answer_shows_the_error_in_the_summary_and_beside_the_field() {
    let (root, _app) = mount_app_at("/question/referrer").await;
    assert_eq!(text(&root, "h1"), "Who is making this referral?");
    click(&root, "button[type=submit]");
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
    let (root, _app) = mount_app_at("/question/referrer").await;
    click(&root, "#referrer-police");
    click(&root, "button[type=submit]");
    tick().await;
    let window = web_sys::window().unwrap();
    let stored = window
        .session_storage()
        .unwrap()
        .unwrap()
        .get_item("rj-referral-answers")
        .unwrap();
    assert_eq!(stored.as_deref(), Some("referrer=police"));
    assert_eq!(
        window.local_storage().unwrap().unwrap().length().unwrap(),
        0
    );
    assert_eq!(window.location().pathname().unwrap(), "/question/role");
    root.remove();
}

#[wasm_bindgen_test]
async fn without_a_configuration_the_app_says_so_and_gives_the_contacts() {
    // The test server has no config.json, as a badly deployed site would not.
    let (root, _app) = mount("/", None).await;
    for _ in 0..100 {
        // Nothing is drawn at "/" before then: the start page is the build's (`prerender`).
        let heading = root.query_selector("h1").unwrap();
        if heading.is_some_and(|h| h.text_content().unwrap().starts_with("Sorry")) {
            break;
        }
        let wait = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(wait).await.unwrap();
    }
    assert_eq!(
        text(&root, "h1"),
        "Sorry, the online referral form is not working"
    );
    assert!(root.text_content().unwrap().contains("0800 043 8785"));
    root.remove();
}
