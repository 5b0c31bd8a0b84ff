//! One question on its own page, the GOV.UK way: the question is the heading, a hint tied to
//! the field, errors shown on Continue only, in a summary and beside the field.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use rj_core::evaluate;
use rj_core::wizard::{
    choices, facts, next, question, route, Choice, Field, Kind, Question, Text, AGREED,
};

use crate::browser;
use crate::nav::Page;
use crate::pages::back_link;
use crate::Wizard;

#[component]
pub fn QuestionPage(field: Field, changing: bool) -> impl IntoView {
    let wizard = Wizard::current();
    let q = wizard.answers.with_untracked(|a| question(field, a));
    // The answer as last given: stored, or as sent by Continue. The form's fields are read
    // only then, so no field needs a handler of its own.
    let value = StoredValue::new(
        wizard
            .answers
            .with_untracked(|a| a.get(field).unwrap_or_default().to_owned()),
    );
    let error = RwSignal::new(None::<&'static str>);
    // Where the person is: this question's section, and its place among the route's sections.
    let progress = wizard.answers.with_untracked(|a| {
        let mut sections: Vec<_> = route(a)
            .into_iter()
            .map(|f| question(f, a).section)
            .collect();
        sections.dedup();
        let at = sections.iter().position(|s| *s == q.section).unwrap_or(0);
        format!(
            "{}, part {} of {}",
            q.section.title(a.is_self_referral()),
            at + 1,
            sections.len()
        )
    });

    let back = if changing {
        Page::Check
    } else {
        wizard.answers.with_untracked(|a| {
            let route = route(a);
            let at = route.iter().position(|f| *f == field).unwrap_or(0);
            at.checked_sub(1)
                .map_or(Page::Start, |i| Page::Question(route[i]))
        })
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let today = browser::today();
        let raw = browser::form_value(&ev, field.code());
        value.set_value(raw.clone());
        if let Err(e) = q.check(&raw, today) {
            error.set(Some(e.0));
            browser::focus_after_render(".rj-error-summary");
            return;
        }
        error.set(None);
        wizard.answers.update(|a| a.answer(field, raw.trim()));
        let to = wizard.answers.with_untracked(|a| {
            if evaluate(&facts(a, today)).stops_referral() {
                Page::Outcome(field)
            } else {
                match (next(a, field, changing), changing) {
                    (Some(f), true) => Page::Change(f),
                    (Some(f), false) => Page::Question(f),
                    (None, _) => Page::Check,
                }
            }
        });
        wizard.go(to);
    };

    // The page is drawn afresh when the error changes (only ever on Continue), so nothing in it
    // needs to react on its own: plain attributes keep the app small (issue #7).
    view! {
        {back_link(back)}
        <p class="rj-caption">{progress}</p>
        <div class="rj-grid">
            {move || {
                let error = error.get();
                browser::set_title(q.text, error.is_some());
                view! {
                    {error.map(|message| error_summary(field, message))}
                    <form novalidate on:submit=on_submit>
                        {field_view(q, value.get_value(), error)}
                        <button type="submit" class="rj-button">"Continue"</button>
                    </form>
                    <p class="rj-body"><a class="rj-link" href="/finish-later.html">"Finish later"</a></p>
                }
            }}
        </div>
    }
}

fn error_summary(field: Field, message: &'static str) -> impl IntoView {
    view! {
        <div class="rj-error-summary" tabindex="-1">
            <div role="alert">
                <h2 class="rj-error-summary__title">"There is a problem"</h2>
                <ul class="rj-error-summary__list">
                    <li>
                        <a href=format!("#{}", field.code()) on:click=browser::focus_link_target>{message}</a>
                    </li>
                </ul>
            </div>
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

/// The question's field, showing `value` and `error`.
fn field_view(q: Question, value: String, error: Option<&'static str>) -> AnyView {
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
                            <h1 class="rj-heading-l" tabindex="-1">{q.text}</h1>
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
                    <label class="rj-label rj-heading-l" for=q.field.code()>{q.text}</label>
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
            view! {
                <div class=group_class>
                    <h1 class="rj-label-wrapper" tabindex="-1">
                        <label class="rj-label rj-heading-l" for=q.field.code()>{q.text}</label>
                    </h1>
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
