//! The frame every page shares: quick exit, the service's name, help. The build draws it
//! (`prerender`) and the app takes it over as drawn.

#[cfg(not(target_arch = "wasm32"))]
use leptos::prelude::*;

#[cfg(not(target_arch = "wasm32"))]
use crate::components::ContactDetails;

/// The ids of the page the build drew (style/main.css names the first), of its start page and
/// of the footer's contacts.
pub const PRERENDERED_ID: &str = "rj-loading";
pub const START_ID: &str = "rj-start";
pub const CONTACT_ID: &str = "rj-contact";

/// What every page shares around its content: quick exit, the service's name, help. The app
/// takes it over as the build drew it: quick exit's button and the Shift count, the inactivity
/// dialog, the status sentence and the footer's contacts from `config.json` are the app's.
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn Layout(children: Children) -> impl IntoView {
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
