//! The confirmation: the referral was sent, with its reference.

use leptos::prelude::*;
use rj_core::wizard::Answers;

use crate::browser;
use crate::components::{print, AnswersSummary, ContactDetails};
use crate::state::Wizard;

#[component]
pub fn SentPage() -> impl IntoView {
    let wizard = Wizard::current();
    browser::set_title("Referral sent", false);
    // The answers are behind a control, not on screen by default (the device may be shared);
    // after a reload only the reference is left, which is kept for this tab until quick exit.
    wizard.sent.get_untracked().map(|sent| view! {
        <div class="rj-panel">
            <h1 class="rj-panel__title" tabindex="-1">"Referral sent"</h1>
            <div class="rj-panel__body">"Your reference number"<br/><strong class="rj-reference">{sent.reference.clone()}</strong></div>
        </div>
        <h2 class="rj-heading-m">"What happens next"</h2>
        <p class="rj-body">"We will contact you in the ways you told us are safe, to talk about what happens next. Quote your reference number if you contact us."</p>
        // The service never emails a self-referrer about a referral: someone who harms them may
        // read their inbox.
        {sent.self_referral.then(|| view! {
            <p class="rj-body">"We will not email you about this referral: someone else may be able to read your email."</p>
        })}
        <p class="rj-body">"We have not kept your answers in this browser."</p>
        {(sent.answers != Answers::default()).then(|| view! {
            <details class="rj-details">
                <summary>"Show or print your answers"</summary>
                <button type="button" class="rj-button rj-button--secondary rj-no-print" on:click=print>"Print or save a copy of your answers"</button>
                <div class="rj-copy">
                    <h2 class="rj-heading-m">{format!("Your referral: {}", sent.reference)}</h2>
                    <AnswersSummary answers=sent.answers changes=false/>
                </div>
            </details>
        })}
        <h2 class="rj-heading-m">"Contact us"</h2>
        <ContactDetails/>
    })
}
