//! Check your answers: every answer with its change link, then sending.

use leptos::prelude::*;
use rj_core::step::{self, Step};
use rj_core::FieldError;

use crate::browser;
use crate::components::{
    back_link, error_summary, print, standing, AnswersSummary, ContactDetails, FixAt,
};
use crate::nav::Page;
use crate::send::{self, Sending};
use crate::state::Wizard;

#[component]
pub fn CheckPage() -> impl IntoView {
    let wizard = Wizard::current();
    let answers = wizard.answers.get_untracked();
    let outcome = wizard.outcome();
    let back = Page::from(step::back(&answers, Step::Check));
    let state = RwSignal::new(Sending::Ready);

    let send = move |_| send::send(wizard, state);
    let download = move |_| {
        let answers = wizard.answers.get_untracked();
        let pending = browser::pending(&answers).unwrap_or_else(|| send::payload(answers, ""));
        browser::download(
            &format!("referral-{}.json", pending.reference),
            &pending.body,
        );
    };

    view! {
        {back_link(back)}
        {move || {
            let problem = match state.get() {
                Sending::Failed => Some(view! { <SendFailed/> }.into_any()),
                Sending::Refused(errors) => Some(view! { <SendRefused errors=errors/> }.into_any()),
                Sending::Ready | Sending::Busy => None,
            };
            browser::set_title("Check your answers before sending your referral", problem.is_some());
            problem
        }}
        <h1 class="rj-heading-l" tabindex="-1">"Check your answers before sending your referral"</h1>
        {(!outcome.reasons.is_empty()).then(|| view! {
            <div class="rj-inset">
                {standing("Things to know", &outcome, answers.is_self_referral())}
            </div>
        })}
        <AnswersSummary answers=answers changes=true/>
        {if outcome.stops_referral() {
            view! { <p class="rj-body">{if outcome.invites_change() { "This case cannot be sent. If an answer is wrong, change it above, or talk to us." } else { "This case cannot be sent. Please talk to us." }}</p> }.into_any()
        } else {
            view! {
                <h2 class="rj-heading-m">"Now send your referral"</h2>
                <p class="rj-body">"By sending this referral you confirm that the details are correct to the best of your knowledge."</p>
                // A field people never see or hear; software that fills in every field gives itself away.
                <div class="rj-honeypot" aria-hidden="true">
                    <label for="website">"Leave this empty"</label>
                    <input type="text" id="website" name="website" tabindex="-1" autocomplete="off"/>
                </div>
                <div class="rj-button-group">
                    {move || {
                        let (label, busy) = match state.get() {
                            Sending::Busy => ("Sending your referral…", Some("true")),
                            Sending::Failed => ("Try again", None),
                            _ => ("Send referral", None),
                        };
                        view! { <button type="button" class="rj-button" aria-disabled=busy on:click=send>{label}</button> }
                    }}
                    <button type="button" class="rj-button rj-button--secondary" on:click=download>"Download a copy (JSON)"</button>
                    <button type="button" class="rj-button rj-button--secondary" on:click=print>"Print a summary"</button>
                </div>
                <p class="rj-body"><a class="rj-link" href="/finish-later.html">"Finish later"</a></p>
            }.into_any()
        }}
    }
}

#[component]
fn SendFailed() -> impl IntoView {
    let intro = view! {
        <p class="rj-body">"We could not get an answer from our service. Your answers are still here, in this browser tab, and trying again is safe: the same referral is never stored twice."</p>
        <p class="rj-body">"You can:"</p>
        <ul class="rj-list rj-list--bullet">
            <li>"try again now, or in a few minutes"</li>
            <li>"download a copy or print a summary, and email it to us"</li>
            <li>"call us and we will take the referral by phone"</li>
        </ul>
        <ContactDetails/>
    };
    error_summary(
        "Your referral has not been sent",
        intro,
        vec![],
        FixAt::ChangePage,
    )
}

#[component]
fn SendRefused(errors: Vec<FieldError>) -> impl IntoView {
    let intro = view! {
        <p class="rj-body">"Our service could not accept it yet. Change these answers, then send it again:"</p>
    };
    error_summary(
        "There is a problem with your referral",
        intro,
        errors,
        FixAt::ChangePage,
    )
}
