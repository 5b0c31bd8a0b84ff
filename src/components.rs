//! The parts the pages share: the back link, the error summary, the contacts, where the case
//! stands, the answers' summary, and a question's title.

use leptos::either::Either;
use leptos::prelude::*;
use rj_core::contact;
use rj_core::wizard::{page_of, question, sections, Answers, Field, Question};
use rj_core::{FieldError, Outcome};

use crate::browser;
use crate::nav::Page;
use crate::state::Wizard;

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
pub fn standing(heading: &'static str, outcome: &Outcome, self_referral: bool) -> impl IntoView {
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

/// Every answer on the route, section by section, with "Change" links when `changes` is set.
#[component]
pub fn AnswersSummary(answers: Answers, changes: bool) -> impl IntoView {
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

/// One handler for every print button.
pub fn print(_: leptos::ev::MouseEvent) {
    browser::print();
}

/// The status in one short sentence, in the one live region, there from the start: it changes
/// (and so is announced) only when the status does. Nothing before the first answer, or off the
/// question pages (`shown` is the page shown).
#[component]
pub fn Announcer(shown: Memo<Page>) -> impl IntoView {
    let wizard = Wizard::current();
    let announcement = Memo::new(move |_| {
        let asking = matches!(shown.get(), Page::Question(_) | Page::Change(_));
        let answered = wizard.answers.with(|a| *a != Answers::default());
        if asking && answered {
            wizard.outcome().status().announcement()
        } else {
            ""
        }
    });
    view! { <div class="rj-visually-hidden" role="status">{move || announcement.get()}</div> }
}

/// The question as its page's heading and title: the core's words, and "(optional)" for a
/// question that may be left blank (the check page and the email show the bare words).
pub fn question_title(q: &Question) -> String {
    if q.optional {
        format!("{} (optional)", q.text)
    } else {
        q.text.to_owned()
    }
}
