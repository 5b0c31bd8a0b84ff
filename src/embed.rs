//! What a partner's page gives the app through the address: answers chosen in advance, its
//! brand, and where to report the frame's height.

use leptos::prelude::*;
use rj_core::embed::read_presets;
use rj_core::wizard::Field;

use crate::browser;
use crate::state::Wizard;

/// Applies the address's presets to `wizard`, warning in the console of any it ignores.
pub fn apply_presets(wizard: Wizard) {
    let params = browser::query_params();
    let presets = read_presets(params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    presets.warnings.iter().for_each(|w| browser::warn(w));
    // A preset is an answer given in advance: the person sees it chosen and can change it.
    wizard.answers.update(|a| {
        let given = [
            (Field::Referrer, presets.referrer.map(|r| r.code())),
            (Field::CaseType, presets.case_type.map(|c| c.code())),
        ];
        for (field, code) in given {
            if let (Some(code), None) = (code, a.get(field)) {
                a.set(field, code);
            }
        }
    });
    if let Some(parent) = presets.parent.clone() {
        browser::report_height(parent);
    }
    // Once the first page is drawn: a partner's brand colour and font (already checked for
    // contrast and safety by the core) apply, and the benchmark (scripts/bench.mjs) measures
    // start-up to the mark.
    browser::after_render(move || {
        if let Some(root) = browser::element(".rj-app") {
            let style = root.style();
            if let Some(brand) = &presets.brand {
                let _ = style.set_property("--rj-brand", brand);
            }
            if let Some(font) = &presets.font {
                let _ = style.set_property("--rj-font", font);
            }
        }
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark("app-interactive");
        }
    });
}
