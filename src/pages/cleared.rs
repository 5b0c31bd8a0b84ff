//! The answers were cleared after a time without input (`idle`).

use leptos::prelude::*;

use crate::browser;
use crate::components::ContactDetails;
use crate::nav::Page;

/// After a time without input the answers were cleared (see `idle::watch`).
#[component]
pub fn ClearedPage() -> impl IntoView {
    browser::set_title("Your answers have been cleared", false);
    view! {
        <h1 class="rj-heading-l" tabindex="-1">"Your answers have been cleared"</h1>
        <p class="rj-body">"Nothing was typed or pressed for a while, so for your safety we cleared your answers from this page. Nothing was sent."</p>
        <p class="rj-body"><a class="rj-link" href=Page::Start.path()>"Start again"</a>", or refer by phone or email instead:"</p>
        <ContactDetails/>
    }
}
