//! The case cannot go ahead here: why, what to do instead, and how to reach a person.

use leptos::prelude::*;
use rj_core::step::{self, Step};
use rj_core::wizard::{question, Field};

use crate::browser;
use crate::components::{back_link, question_title, ContactDetails};
use crate::nav::Page;
use crate::state::Wizard;

#[component]
pub fn OutcomePage(field: Field) -> impl IntoView {
    let wizard = Wizard::current();
    let outcome = wizard.outcome();
    browser::set_title(outcome.headline(), false);
    let (question_text, self_referral) = wizard
        .answers
        .with_untracked(|a| (question_title(&question(field, a)), a.is_self_referral()));
    // Back and "Change your answer" both go to the question that decided the outcome.
    let question_page = Page::from(
        wizard
            .answers
            .with_untracked(|a| step::back(a, Step::Outcome(field))),
    );
    view! {
        {back_link(question_page)}
        <h1 class="rj-heading-l" tabindex="-1">{outcome.headline()}</h1>
        <h2 class="rj-heading-m">"Why"</h2>
        <ul class="rj-list rj-list--bullet">
            {outcome.reasons.iter().filter(|r| r.stops_referral()).map(|r| view! { <li>{r.message()}</li> }).collect_view()}
        </ul>
        <h2 class="rj-heading-m">"What to do instead"</h2>
        <ul class="rj-list rj-list--bullet">
            {outcome.reasons.iter().filter(|r| r.stops_referral()).map(|r| view! { <li>{r.next_step_for(self_referral)}</li> }).collect_view()}
        </ul>
        <h2 class="rj-heading-m">"Talk to us"</h2>
        <p class="rj-body">"If you are not sure, or want to talk it through, we are happy to help."</p>
        <ContactDetails/>
        {outcome.invites_change().then(|| view! {
            <p class="rj-body">
                <a class="rj-link" href=question_page.path()>
                    "Change your answer"<span class="rj-visually-hidden">{format!(" to: {question_text}")}</span>
                </a>
            </p>
        })}
    }
}
