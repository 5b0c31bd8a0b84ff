//! The app's own components drawn natively to HTML by the build (`src/bin/rj-prerender.rs`),
//! never in the browser: the page's frame and the start page, written into `index.html` and
//! `app.html`, which the app takes over rather than drawing them again (so the wasm holds none
//! of their words, see `browser::DrawnStart`), and the benchmark's page-per-question site
//! (`scripts/bench.mjs`).

use leptos::prelude::*;
use rj_core::contact;
use rj_core::step;
use rj_core::wizard::{first_unanswered, page_of, route, together, Answers, Field};

use crate::nav::Page;
use crate::pages::{CheckPage, ContactDetails, SentPage};
use crate::question::QuestionPage;
use crate::{Sent, Wizard, CONTACT_ID, PRERENDERED_ID, START_ID};

/// The frame with the start page in it, for `index.html`: on screen before the wasm arrives.
pub fn start_page() -> String {
    marked(render(
        Answers::default(),
        None,
        || view! { <div id=START_ID><StartPage/></div> },
    ))
}

/// The frame with the start page held in a `<template>` (`rj-start-later`), for the page the
/// step addresses are answered with (`app.html`): the app draws the step the address names
/// into it, so a reload does not show the start page first, and takes the start page from the
/// template if the person goes back to it. If the app cannot start, the frame still says how
/// to reach us.
pub fn frame() -> String {
    marked(render(Answers::default(), None, || {
        view! { <template id=format!("{START_ID}-later")><div id=START_ID><StartPage/></div></template> }
    }))
}

/// `html` marked as the page the app takes over when it starts.
fn marked(html: String) -> String {
    let root = r#"<div class="rj-app""#;
    assert!(html.starts_with(root), "the layout starts with {root}");
    html.replacen(root, &format!(r#"{root} id="{PRERENDERED_ID}""#), 1)
}

/// A server-rendered site of the same journey, for the benchmark: one page per page of the
/// route these answers take (the referrer's details, asked together, are one page, as in the
/// app), each the app's own question page whose Continue is a link to the next page, then the
/// check page and the confirmation. Returns (file name, body) pairs,
/// `index.html` first.
pub fn journey_site(answers: &Answers) -> Vec<(String, String)> {
    let steps: Vec<Field> = route(answers)
        .into_iter()
        .filter(|f| page_of(*f) == *f)
        .collect();
    let file = |f: Field| format!("{}.html", f.code());
    let first = first_unanswered(&Answers::default()).expect("a first question");
    let start = render(Answers::default(), None, || view! { <StartPage/> });
    let start_link = format!(r#"href="{}""#, Page::Question(first).path());
    let mut site = vec![(
        "index.html".to_owned(),
        swap(&start, &start_link, &format!(r#"href="/{}""#, file(first))),
    )];
    let mut so_far = Answers::default();
    for (i, &field) in steps.iter().enumerate() {
        let page = render(so_far.clone(), None, move || {
            view! { <QuestionPage field=field changing=false/> }
        });
        let next = steps
            .get(i + 1)
            .map_or("check.html".to_owned(), |&f| file(f));
        site.push((
            file(field),
            swap(
                &page,
                r#"<button type="submit" class="rj-button">Continue</button>"#,
                &format!(r#"<a href="/{next}" class="rj-button">Continue</a>"#),
            ),
        ));
        for &f in together(field) {
            so_far.set(f, answers.get(f).unwrap_or_default());
        }
    }
    let check = render(answers.clone(), None, || view! { <CheckPage/> });
    site.push((
        "check.html".to_owned(),
        swap(
            &check,
            r#"<button type="button" class="rj-button">Send referral</button>"#,
            r#"<a href="/sent.html" class="rj-button">Send referral</a>"#,
        ),
    ));
    let sent = Sent {
        reference: "RJ-7K3M-9QXP".to_owned(),
        self_referral: answers.is_self_referral(),
        answers: answers.clone(),
    };
    site.push((
        "sent.html".to_owned(),
        render(Answers::default(), Some(sent), || view! { <SentPage/> }),
    ));
    site
}

/// `html` with its one `from` replaced by `to`: the app's button, say, made a plain link.
fn swap(html: &str, from: &str, to: &str) -> String {
    assert_eq!(html.matches(from).count(), 1, "expected one {from}");
    html.replacen(from, to, 1)
}

/// `page` inside the layout, with a wizard holding `answers` and no configuration yet, as the
/// app draws it before `config.json` has loaded.
fn render<V: IntoView + 'static>(
    answers: Answers,
    sent: Option<Sent>,
    page: impl FnOnce() -> V + Send + 'static,
) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(Wizard {
            answers: RwSignal::new(answers),
            page: RwSignal::new(Page::Start),
            sent: RwSignal::new(sent),
            config: RwSignal::new(None),
        });
        // Drawn once, so nothing needs to track the signals it reads.
        untrack(|| view! { <Layout>{page()}</Layout> }.to_html())
    })
}

/// What every page shares around its content: quick exit, the service's name, help. The app
/// takes it over as the build drew it: quick exit's button and the Shift count, the inactivity
/// dialog, the status sentence and the footer's contacts from `config.json` are the app's.
#[component]
fn Layout(children: Children) -> impl IntoView {
    view! {
        <div class="rj-app">
            <a href="#main-content" class="rj-skip-link">"Skip to main content"</a>
            // Kept within reach (sticky) on every page at every size and zoom.
            <div class="rj-exit">
                <button type="button" class="rj-button rj-button--warning rj-exit__button" aria-describedby="rj-exit-hint">
                    <span class="rj-visually-hidden">"Emergency "</span>"Exit this page"
                </button>
            </div>
            <p class="rj-exit__hint" id="rj-exit-hint">
                "This leaves for another website at once and deletes your answers. "
                // Only where there is a keyboard to press it on (style/main.css).
                <span class="rj-exit__shift">"Or press the Shift key 3 times."</span>
            </p>
            <header class="rj-header">
                <p class="rj-header__service">"Restorative Justice Service for Hampshire & Isle of Wight"</p>
            </header>
            <main class="rj-main" id="main-content" tabindex="-1">
                {children()}
            </main>
            <footer class="rj-footer">
                <h2 class="rj-heading-m">"Get help"</h2>
                <div id=CONTACT_ID><ContactDetails/></div>
                <p>"If you or anyone else is in immediate danger, call 999."</p>
                <ul class="rj-list rj-footer__links">
                    <li><a class="rj-link" href="/cover-your-tracks.html">"Cover your tracks online"</a></li>
                    <li><a class="rj-link" href="/privacy.html">"Privacy notice"</a></li>
                    <li><a class="rj-link" href="/accessibility.html">"Accessibility statement"</a></li>
                </ul>
            </footer>
        </div>
    }
}

/// The start page. The app shows this one, as the build drew it, and points "Start now" at
/// where the person's answers resume (`browser::DrawnStart`).
#[component]
fn StartPage() -> impl IntoView {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_page_is_marked_for_the_app_to_replace_and_starts_at_the_first_question() {
        let html = start_page();
        assert!(html.starts_with(r#"<div class="rj-app" id="rj-loading""#));
        let first = Page::Question(first_unanswered(&Answers::default()).unwrap());
        assert!(html.contains(&format!(r#"href="{}""#, first.path())));
        assert!(html.contains(
            r#"<main id="main-content" tabindex="-1" class="rj-main"><div id="rj-start"><h1"#
        ));
    }

    #[test]
    fn the_frame_for_the_step_paths_holds_the_same_start_page_in_a_template() {
        let (start, frame) = (start_page(), frame());
        let page =
            &start[start.find(r#"<div id="rj-start">"#).unwrap()..start.find("</main>").unwrap()];
        assert!(frame.contains(&format!(
            r#"<template id="rj-start-later">{page}</template></main>"#
        )));
    }

    #[test]
    fn the_journey_site_links_every_question_of_the_route_in_order() {
        let mut answers = Answers::default();
        answers.set(Field::Referrer, "police");
        let site = journey_site(&answers);
        let names: Vec<&str> = site.iter().map(|(name, _)| name.as_str()).collect();
        let mut expected = vec!["index.html".to_owned()];
        expected.extend(
            route(&answers)
                .iter()
                .filter(|f| page_of(**f) == **f)
                .map(|f| format!("{}.html", f.code())),
        );
        expected.extend(["check.html".to_owned(), "sent.html".to_owned()]);
        assert_eq!(names, expected);
        for pair in site.windows(2) {
            assert!(pair[0].1.contains(&format!(r#"href="/{}""#, pair[1].0)));
        }
    }
}
