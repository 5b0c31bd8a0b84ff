//! The start page, drawn by the build only (`prerender`): the app shows it as drawn, so the
//! wasm holds none of its words.

use leptos::prelude::*;
use rj_core::contact;
use rj_core::step;

use crate::nav::Page;
use crate::state::Wizard;

/// The start page. The app shows this one, as the build drew it, and points "Start now" at
/// where the person's answers resume (`browser::DrawnStart`).
#[component]
pub fn StartPage() -> impl IntoView {
    let wizard = Wizard::current();
    let start = wizard
        .answers
        .with_untracked(|a| Page::from(step::resume(a)))
        .path();
    view! {
        <h1 class="rj-heading-xl" tabindex="-1">"Refer a case to restorative justice"</h1>
        <p class="rj-body-l">
            "Use this service to refer yourself, or someone you work with, to the Restorative Justice Service for Hampshire & Isle of Wight."
        </p>
        <div class="rj-inset">
            <p class="rj-body">
                "If someone may check this device, find out how to "
                <a class="rj-link" href="/cover-your-tracks.html">"cover your tracks online"</a>
                ". Use \"Exit this page\" to leave quickly at any time: it deletes your answers."
            </p>
        </div>
        <p class="rj-body">"We help with:"</p>
        <ul class="rj-list rj-list--bullet">
            <li><strong>"Restorative Justice"</strong>": when a crime was committed, or there is a clear person harmed and a person responsible, we help them communicate so everyone affected can play a part in repairing the harm"</li>
            <li><strong>"Restorative Practice or mediation"</strong>": when there is a conflict or dispute and no crime was committed"</li>
            <li><strong>"Anti-social behaviour"</strong>": behaviour that causes harassment, alarm, distress or a nuisance"</li>
        </ul>
        <h2 class="rj-heading-m">"Who can refer"</h2>
        <p class="rj-body">
            "Anyone who was harmed, or who caused harm, can refer themselves. Police, prison and probation staff, the Victim Contact Scheme, organisations supporting victims, the Youth Justice Service, Community Safety Partnerships and support services can refer people they work with."
        </p>
        <p class="rj-body">
            "People who caused harm must be 18 or over; the Youth Justice Service works with younger people. People harmed can be any age. The case must be connected to Hampshire or the Isle of Wight, and it can be recent or many years old."
        </p>
        <h2 class="rj-heading-m">"Before you start"</h2>
        <p class="rj-body">"You will need:"</p>
        <ul class="rj-list rj-list--bullet">
            <li>"the agreement of everyone you refer: ask them before you start"</li>
            <li>"the person's contact details, and how and when it is safe to contact them"</li>
            <li>"a short description of what happened"</li>
        </ul>
        <p class="rj-body">{rj_core::wizard::TIME_ESTIMATE}" Your answers are kept in this browser tab only until you send them."</p>
        <div class="rj-warning-text">
            <span class="rj-warning-text__icon" aria-hidden="true">"!"</span>
            <strong class="rj-warning-text__text">
                <span class="rj-visually-hidden">"Warning: "</span>
                "If you or anyone else is in immediate danger, call 999."
            </strong>
        </div>
        // A link that looks like a button; the app makes it answer Space as a button does
        // (GOV.UK's button JS, `browser::space_clicks`).
        <a href=start role="button" draggable="false" class="rj-button rj-button--start">
            "Start now"
            <svg class="rj-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/>
            </svg>
        </a>
        <p class="rj-body"><a class="rj-link" href="/continue.html">"Continue a saved referral"</a></p>
        <h2 class="rj-heading-m">"Talk to us instead"</h2>
        <p class="rj-body">"You can also refer, or ask us anything, by phone or email. Police officers can email "
            <a class="rj-link" href=format!("mailto:{}", contact::POLICE_EMAIL)>{contact::POLICE_EMAIL}</a>"."</p>
    }
}
