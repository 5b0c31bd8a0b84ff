//! The page shown instead of the wizard when its configuration is broken.

use leptos::prelude::*;

use crate::browser;
use crate::components::ContactDetails;

/// Shown instead of the wizard when `config.json` is missing or wrong: never a blank page.
#[component]
pub fn ConfigErrorPage(problem: String) -> impl IntoView {
    browser::set_title("Sorry, the online referral form is not working", false);
    view! {
        <h1 class="rj-heading-l" tabindex="-1">"Sorry, the online referral form is not working"</h1>
        <p class="rj-body">"You can still refer, or ask us anything, by phone or email."</p>
        <ContactDetails/>
        <p class="rj-body">"If you or anyone else is in immediate danger, call 999."</p>
        <details class="rj-details">
            <summary>"Details for the website's administrators"</summary>
            <p class="rj-body">{problem}</p>
        </details>
    }
}
