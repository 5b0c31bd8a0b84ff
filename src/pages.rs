//! The pages around the questions: outcome, check your answers, confirmation, and the parts
//! every page shares. (The start page is drawn by the build: `prerender`.)

use leptos::either::Either;
use leptos::prelude::*;
use rj_core::contact;
use rj_core::json::Json;
use rj_core::referral::{Referral, ELAPSED_MS_KEY, HONEYPOT_KEY};
use rj_core::step::{self, Step};
use rj_core::wizard::{page_of, question, sections, Answers, Field};
use rj_core::{FieldError, Outcome};

use crate::browser;
use crate::nav::Page;
use crate::question::heading;
use crate::send::Delivery;
use crate::{send, Sent, Wizard};

pub fn back_link(to: Page) -> impl IntoView {
    view! { <a href=to.path() class="rj-back-link">"Back"</a> }
}

/// Where an error summary's links take the person to fix an answer.
#[derive(Clone, Copy)]
pub enum FixAt {
    /// The field on this page (a question page, or a page of several fields): the link moves
    /// focus to it.
    ThisPage,
    /// The question's change page (the check page): the link names the question, and an
    /// error of a field the wizard does not ask has no link.
    ChangePage,
}

/// GOV.UK's error summary, for every page: `title`, then `intro`, then a link to each of
/// `errors` (no list when there are none). The alert role sits on an inner element, as in
/// govuk-frontend's markup, and the summary itself takes focus
/// (`browser::focus_after_render(".rj-error-summary")`).
pub fn error_summary(
    title: &'static str,
    intro: impl IntoView,
    errors: Vec<FieldError>,
    fix: FixAt,
) -> impl IntoView {
    let items = (!errors.is_empty()).then(|| {
        let items = errors
            .into_iter()
            .map(|e| view! { <li>{error_link(e, fix)}</li> })
            .collect_view();
        view! { <ul class="rj-error-summary__list">{items}</ul> }
    });
    view! {
        <div class="rj-error-summary" tabindex="-1">
            <div role="alert">
                <h2 class="rj-error-summary__title">{title}</h2>
                {intro}
                {items}
            </div>
        </div>
    }
}

fn error_link(e: FieldError, fix: FixAt) -> impl IntoView {
    let (href, text) = match (fix, Field::from_code(&e.field)) {
        (FixAt::ThisPage, _) => (format!("#{}", e.field), e.message),
        (FixAt::ChangePage, Some(f)) => {
            let label = Wizard::current()
                .answers
                .with_untracked(|a| question(f, a).label());
            (
                Page::Change(page_of(f)).path(),
                format!("{label}: {}", e.message),
            )
        }
        // A field the service named but the wizard does not ask has no link.
        (FixAt::ChangePage, None) => return Either::Right(e.message),
    };
    // The App's own-link handler follows a change page's link and focuses a `#id`'s field.
    Either::Left(view! { <a href=href>{text}</a> })
}

/// The phone and email routes: on every page, so nobody is ever left without a person to ask.
#[component]
pub fn ContactDetails() -> impl IntoView {
    let wizard = Wizard::current();
    // Drawn again, whole, once the configuration has loaded.
    move || {
        let (phone, email) = wizard.settings().map_or(
            (contact::PHONE.to_owned(), contact::EMAIL.to_owned()),
            |c| (c.phone, c.email),
        );
        let (tel, mailto) = (
            format!("tel:{}", phone.replace(' ', "")),
            format!("mailto:{email}"),
        );
        view! {
            <ul class="rj-list">
                <li>"Phone: "<a href=tel class="rj-link">{phone}</a>" (free)"</li>
                <li>"Email: "<a href=mailto class="rj-link">{email}</a></li>
                <li>
                    "Secure email (for senders registered with CJSM): "
                    <a href=format!("mailto:{}", contact::SECURE_EMAIL) class="rj-link">{contact::SECURE_EMAIL}</a>
                </li>
            </ul>
        }
    }
}

/// Where the case stands after the answers so far, in full. Not a live region: the App's one
/// live region says it in a sentence, only when it changes.
#[component]
pub fn StatusArea() -> impl IntoView {
    let wizard = Wizard::current();
    view! {
        <div class="rj-status">
            {move || {
                standing("Where your case stands", &wizard.outcome(), wizard.answers.with(Answers::is_self_referral))
            }}
        </div>
    }
}

/// Where the case stands, and every reason, with what happens next.
fn standing(heading: &'static str, outcome: &Outcome, self_referral: bool) -> impl IntoView {
    view! {
        <h2 class="rj-heading-s">{heading}</h2>
        <p class="rj-body">{outcome.status().summary()}</p>
        {(!outcome.reasons.is_empty()).then(|| view! {
            <ul class="rj-list rj-reasons">
                {outcome.reasons.iter().map(|r| view! {
                    <li>{r.message()}" "{r.next_step_for(self_referral)}</li>
                }).collect_view()}
            </ul>
        })}
    }
}

#[component]
pub fn OutcomePage(field: Field) -> impl IntoView {
    let wizard = Wizard::current();
    let outcome = wizard.outcome();
    browser::set_title(outcome.headline(), false);
    let (question_text, self_referral) = wizard
        .answers
        .with_untracked(|a| (heading(&question(field, a)), a.is_self_referral()));
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

/// Every answer on the route, section by section, with "Change" links when `changes` is set.
#[component]
fn AnswersSummary(answers: Answers, changes: bool) -> impl IntoView {
    sections(&answers)
        .into_iter()
        .map(|section| {
            let rows = section
                .rows
                .into_iter()
                .map(|row| {
                    let label = row.label;
                    view! {
                        <div class="rj-summary-list__row">
                            <dt class="rj-summary-list__key">{label}</dt>
                            <dd class="rj-summary-list__value">{row.answer}</dd>
                            {changes.then(|| view! {
                                <dd class="rj-summary-list__actions">
                                    <a class="rj-link" href=Page::Change(page_of(row.field)).path()>
                                        "Change"<span class="rj-visually-hidden">{format!(" {}", label.to_ascii_lowercase())}</span>
                                    </a>
                                </dd>
                            })}
                        </div>
                    }
                })
                .collect_view();
            view! {
                <h2 class="rj-heading-m">{section.title}</h2>
                <dl class="rj-summary-list">{rows}</dl>
            }
        })
        .collect_view()
}

/// Where sending stands on the check page.
#[derive(Clone)]
enum Sending {
    Ready,
    Busy,
    /// Every try failed; the answers are still here.
    Failed,
    /// The service refused the referral, naming fields.
    Refused(Vec<FieldError>),
}

#[component]
pub fn CheckPage() -> impl IntoView {
    let wizard = Wizard::current();
    let answers = wizard.answers.get_untracked();
    let outcome = wizard.outcome();
    let back = Page::from(step::back(&answers, Step::Check));
    let state = RwSignal::new(Sending::Ready);

    let send = move |_| {
        if matches!(state.get_untracked(), Sending::Busy) {
            return;
        }
        let Some(Ok(config)) = wizard.config.get_untracked() else {
            state.set(Sending::Failed);
            browser::focus_after_render(".rj-error-summary");
            return;
        };
        state.set(Sending::Busy);
        let answers = wizard.answers.get_untracked();
        let honeypot = browser::input_value("website");
        let pending =
            browser::pending(&answers).unwrap_or_else(|| payload(answers.clone(), &honeypot));
        browser::keep_pending(&pending);
        leptos::task::spawn_local(async move {
            let again = answers.clone();
            let (delivery, pending) =
                send::deliver(&config, pending, move || payload(again, &honeypot)).await;
            match delivery {
                Delivery::Received => {
                    let self_referral = answers.is_self_referral();
                    browser::keep_sent(&pending.reference, self_referral);
                    wizard.sent.set(Some(Sent {
                        reference: pending.reference,
                        self_referral,
                        answers,
                    }));
                    wizard.answers.set(Answers::default());
                    browser::wipe_answers();
                    wizard.go(Page::Sent);
                }
                Delivery::Rejected(errors) => state.set(Sending::Refused(errors)),
                Delivery::Failed => state.set(Sending::Failed),
            }
            browser::focus_after_render(".rj-error-summary");
        });
    };
    let download = move |_| {
        let answers = wizard.answers.get_untracked();
        let pending = browser::pending(&answers).unwrap_or_else(|| payload(answers, ""));
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

/// The payload for these answers under a new reference, with the form's bot checks.
fn payload(answers: Answers, honeypot: &str) -> browser::Pending {
    let referral = Referral {
        reference: send::new_reference(),
        submitted_at: String::from(js_sys::Date::new_0().to_iso_string()),
        answers,
    };
    let mut body = referral.to_payload(browser::today());
    body.push(HONEYPOT_KEY, honeypot.into());
    body.push(ELAPSED_MS_KEY, Json::Number(browser::elapsed_ms() as u64));
    browser::Pending::new(
        &referral.answers,
        referral.reference.to_string(),
        body.to_string(),
    )
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

/// One handler for every print button.
fn print(_: leptos::ev::MouseEvent) {
    browser::print();
}

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
        // Issue 12: the service never emails a self-referrer about a referral, as their inbox
        // may not be safe.
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

/// After a time without input the answers were cleared (see `idle_watch` in lib.rs).
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
