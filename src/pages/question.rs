//! One question on its own page, the GOV.UK way: the question is the heading, a hint tied to
//! the field, errors shown on Continue only, in a summary and beside the field. Questions asked
//! together (`wizard::together`, the referrer's own details, as GOV.UK's "multiple questions on
//! a page" allows) share the page under one heading (`section_heading`): each keeps its field,
//! check and error, and the summary lists every error.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::tachys::html::element::custom;
use rj_core::step;
use rj_core::wizard::{
    choices, progress, question, together, Choice, Field, Kind, Question, Text, AGREED,
    REFERRER_DETAILS_HINT,
};
use rj_core::FieldError;

use crate::browser;
use crate::components::{back_link, error_summary, question_title, FixAt};
use crate::nav::Page;
use crate::state::Wizard;

#[component]
pub fn QuestionPage(field: Field, changing: bool) -> impl IntoView {
    let wizard = Wizard::current();
    let asked = together(field);
    let alone = asked.len() == 1;
    let q = wizard.answers.with_untracked(|a| question(field, a));
    // Several questions are headed by their section's title ("Your details").
    let title = if alone {
        question_title(&q)
    } else {
        q.section.title(false).to_owned()
    };
    // Each question of the page, its answer as last given (stored, or as sent by Continue)
    // and its error. The form's fields are read only on Continue, so no field needs a handler
    // of its own.
    let rows = RwSignal::new(wizard.answers.with_untracked(|a| {
        asked
            .iter()
            .map(|f| {
                (
                    question(*f, a),
                    a.get(*f).unwrap_or_default().to_owned(),
                    None,
                )
            })
            .collect::<Vec<(Question, String, Option<&'static str>)>>()
    }));
    let progress = wizard.answers.with_untracked(|a| progress(a, field));

    let here = if changing {
        Page::Change(field)
    } else {
        Page::Question(field)
    };
    let back = Page::from(
        wizard
            .answers
            .with_untracked(|a| step::back(a, here.step())),
    );

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let today = browser::today();
        rows.update(|rows| {
            for (q, value, error) in rows {
                *value = browser::form_value(&ev, q.field.code());
                *error = q.check(value, today).err().map(|e| e.0);
            }
        });
        let invalid = rows.with_untracked(|rows| {
            let invalid = rows.iter().any(|(_, _, error)| error.is_some());
            if !invalid {
                wizard.answers.update(|a| {
                    for (q, value, _) in rows {
                        a.answer(q.field, value.trim());
                    }
                });
            }
            invalid
        });
        if invalid {
            browser::focus_after_render(".rj-error-summary");
            return;
        }
        let to = wizard
            .answers
            .with_untracked(|a| step::after_answer(a, field, changing, today));
        wizard.go(to.into());
    };

    // The page is drawn afresh when an error changes (only ever on Continue), so nothing in it
    // needs to react on its own: plain attributes keep the app small (issue #7).
    view! {
        {back_link(back)}
        <p class="rj-caption">{progress}</p>
        <div class="rj-grid">
            {move || rows.with(|rows| {
                let errors: Vec<FieldError> = rows
                    .iter()
                    .filter_map(|(q, _, error)| error.map(|message| FieldError { field: q.field.code().to_owned(), message: message.to_owned() }))
                    .collect();
                browser::set_title(&title, !errors.is_empty());
                view! {
                    {(!errors.is_empty()).then(|| error_summary("There is a problem", (), errors, FixAt::ThisPage))}
                    <form novalidate on:submit=on_submit>
                        {(!alone).then(|| section_heading(q.section.title(false)))}
                        {rows.iter().map(|(q, value, error)| field_view(*q, value.clone(), *error, alone)).collect_view()}
                        <button type="submit" class="rj-button">"Continue"</button>
                    </form>
                    <p class="rj-body"><a class="rj-link" href="/finish-later.html">"Finish later"</a></p>
                }
            })}
        </div>
    }
}

/// The ids the field is described by: its hint and, when shown, its error.
fn described_by(q: Question, error: Option<&'static str>) -> Option<String> {
    let id = q.field.code();
    match (q.hint, error) {
        (Some(_), Some(_)) => Some(format!("{id}-hint {id}-error")),
        (Some(_), None) => Some(format!("{id}-hint")),
        (None, Some(_)) => Some(format!("{id}-error")),
        (None, None) => None,
    }
}

fn hint_and_error(q: Question, error: Option<&'static str>) -> impl IntoView {
    let id = q.field.code();
    view! {
        {q.hint.map(|hint| view! { <div class="rj-hint" id=format!("{id}-hint")>{hint}</div> })}
        {error.map(|message| view! {
            <p class="rj-error-message" id=format!("{id}-error")>
                <span class="rj-visually-hidden">"Error: "</span>{message}
            </p>
        })}
    }
}

/// The heading of a page of several questions, and why its questions are asked.
fn section_heading(text: &'static str) -> impl IntoView {
    view! {
        <h1 class="rj-heading-l" tabindex="-1">{text}</h1>
        <p class="rj-hint">{REFERRER_DETAILS_HINT}</p>
    }
}

/// The question's field, showing `value` and `error`.
/// A question `alone` on its page is its heading; one of several is labelled under the page's
/// heading (`section_heading`).
fn field_view(q: Question, value: String, error: Option<&'static str>, alone: bool) -> AnyView {
    let heading = question_title(&q);
    let group_class = if error.is_some() {
        "rj-form-group rj-form-group--error"
    } else {
        "rj-form-group"
    };
    match q.kind {
        // A single box to tick is a checkbox group of one, whose value is AGREED when ticked.
        Kind::Radios(_) | Kind::Checkboxes(_) | Kind::Agree(_) => {
            let (choices, multiple): (Vec<Choice>, bool) = match q.kind {
                Kind::Radios(choices) => (choices.to_vec(), false),
                Kind::Checkboxes(choices) => (choices.to_vec(), true),
                Kind::Agree(label) => (
                    vec![Choice {
                        code: AGREED,
                        label,
                        hint: None,
                    }],
                    true,
                ),
                _ => unreachable!("matched above"),
            };
            view! {
                <div class=group_class>
                    <fieldset class="rj-fieldset" aria-describedby=described_by(q, error)>
                        <legend class="rj-fieldset__legend">
                            <h1 class="rj-heading-l" tabindex="-1">{heading}</h1>
                        </legend>
                        {hint_and_error(q, error)}
                        <div class=if multiple { "rj-checkboxes" } else { "rj-radios" }>
                            {choices.into_iter().enumerate().map(|(i, c)| option_view(q.field, c, i, multiple, &value)).collect_view()}
                        </div>
                    </fieldset>
                </div>
            }
            .into_any()
        }
        Kind::TextArea(max) => view! {
            <div class=group_class>
                <h1 class="rj-label-wrapper" tabindex="-1">
                    <label class="rj-label rj-heading-l" for=q.field.code()>{heading}</label>
                </h1>
                {hint_and_error(q, error)}
                <textarea class="rj-textarea" id=q.field.code() name=q.field.code() rows="5"
                    aria-describedby=described_by(q, error)
                    prop:value=value></textarea>
                <p class="rj-hint">{format!("You can enter up to {max} characters")}</p>
            </div>
        }
        .into_any(),
        Kind::Input { text, autocomplete } => {
            let (input_type, width, inputmode, spellcheck) = match text {
                Text::Email => ("email", "rj-input", None, Some("false")),
                Text::Phone => ("tel", "rj-input rj-input--width-20", None, None),
                Text::Postcode => ("text", "rj-input rj-input--width-10", None, Some("false")),
                Text::Age => ("text", "rj-input rj-input--width-3", Some("numeric"), None),
                Text::PastDate => ("text", "rj-input rj-input--width-10", None, None),
                Text::Plain(_) => ("text", "rj-input", None, None),
            };
            let class = if error.is_some() {
                format!("{width} rj-input--error")
            } else {
                width.to_owned()
            };
            let label = view! {
                <label class=if alone { "rj-label rj-heading-l" } else { "rj-label" } for=q.field.code()>{heading}</label>
            };
            view! {
                <div class=group_class>
                    // One element whose tag is chosen, rather than two kinds of element: smaller.
                    {custom(if alone { "h1" } else { "div" }).class("rj-label-wrapper").tabindex(alone.then_some("-1")).child(label)}
                    {hint_and_error(q, error)}
                    <input class=class
                        id=q.field.code() name=q.field.code() type=input_type
                        autocomplete=autocomplete.unwrap_or("off") inputmode=inputmode spellcheck=spellcheck
                        aria-describedby=described_by(q, error)
                        prop:value=value/>
                </div>
            }
            .into_any()
        }
    }
}

fn option_view(
    field: Field,
    c: Choice,
    index: usize,
    multiple: bool,
    value: &str,
) -> impl IntoView {
    // The first option takes the field's own id, so the error summary's link lands on it.
    let id = if index == 0 {
        field.code().to_owned()
    } else {
        format!("{}-{}", field.code(), c.code)
    };
    let hint_id = format!("{id}-item-hint");
    let checked = choices(value).any(|code| code == c.code);
    let (item, input, label) = if multiple {
        (
            "rj-checkboxes__item",
            "rj-checkboxes__input",
            "rj-label rj-checkboxes__label",
        )
    } else {
        (
            "rj-radios__item",
            "rj-radios__input",
            "rj-label rj-radios__label",
        )
    };
    view! {
        <div class=item>
            <input class=input id=id.clone() name=field.code() type=if multiple { "checkbox" } else { "radio" } value=c.code
                aria-describedby=c.hint.map(|_| hint_id.clone())
                prop:checked=checked/>
            <label class=label for=id>{c.label}</label>
            {c.hint.map(|h| view! { <div class="rj-hint rj-radios__hint" id=hint_id>{h}</div> })}
        </div>
    }
}
