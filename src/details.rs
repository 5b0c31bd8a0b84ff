//! The referrer's own details on one page: related questions asked together, as GOV.UK's
//! "multiple questions on a page" allows (`rj_core::wizard::REFERRER_DETAILS`). The page is a
//! question page (`question.rs`) with these questions' fields, under one heading.

use leptos::prelude::*;
use rj_core::wizard::REFERRER_DETAILS_HINT;

/// The page's heading, and why its questions are asked.
pub fn heading(text: &'static str) -> impl IntoView {
    view! {
        <h1 class="rj-heading-l" tabindex="-1">{text}</h1>
        <p class="rj-hint">{REFERRER_DETAILS_HINT}</p>
    }
}
