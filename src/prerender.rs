//! The app's own components drawn natively to HTML by the build (`src/bin/rj-prerender.rs`),
//! never in the browser: the page's frame (`layout`) and the start page (`pages::start`),
//! written into `index.html` and `app.html`, which the app takes over rather than drawing them
//! again (so the wasm holds none of their words, see `browser::DrawnStart`), and the
//! benchmark's page-per-question site (`scripts/bench.mjs`).

use leptos::prelude::*;
use rj_core::wizard::{first_unanswered, page_of, route, together, Answers, Field};

use crate::layout::{Layout, PRERENDERED_ID, START_ID};
use crate::nav::Page;
use crate::pages::{CheckPage, QuestionPage, SentPage, StartPage};
use crate::state::{Sent, Wizard};

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
