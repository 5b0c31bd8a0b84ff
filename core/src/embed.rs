//! What a partner's page (or a direct link) may ask of the wizard: a referrer type and case type
//! to start with, a brand colour and a font. Anything else, or anything unsafe, is ignored with
//! a warning: a partner can never break the wizard or make it inaccessible.

use crate::vocab::{CaseType, Referrer};

/// Text needs a contrast of at least this against its background (WCAG 2.2, 1.4.3).
pub const MIN_CONTRAST: f64 = 4.5;

/// What a partner page asked for in the wizard's address, once checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Presets {
    /// The referrer chosen in advance (the person can change it).
    pub referrer: Option<Referrer>,
    /// The kind of case chosen in advance (the person can change it).
    pub case_type: Option<CaseType>,
    /// A brand colour as `#rrggbb`, dark enough for links and borders on white.
    pub brand: Option<String>,
    /// A font family for the wizard's text, from the allowed list.
    pub font: Option<String>,
    /// The origin of the page embedding the wizard, the only one told the wizard's height.
    pub parent: Option<String>,
    /// What was ignored, and why: for the console, never for the person.
    pub warnings: Vec<String>,
}

/// Reads the query parameters of the wizard's address.
pub fn read_presets<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> Presets {
    let mut p = Presets::default();
    for (name, value) in params {
        let refused = match name {
            "referrer" => Referrer::from_code(value)
                .map(|r| p.referrer = Some(r))
                .ok_or("not a referrer type"),
            "case_type" => CaseType::from_code(value)
                .map(|c| p.case_type = Some(c))
                .ok_or("not a case type"),
            "brand" => brand(value).map(|colour| p.brand = Some(colour)),
            "font" => {
                let safe = value.len() <= 100
                    && value
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || " ,'\"-".contains(c));
                (safe && !value.trim().is_empty())
                    .then(|| p.font = Some(value.to_owned()))
                    .ok_or("use font family names only")
            }
            "parent" => is_origin(value)
                .then(|| p.parent = Some(value.to_owned()))
                .ok_or("it must be an origin like https://partner.example"),
            _ => Err("not a parameter the wizard knows"),
        };
        if let Err(why) = refused {
            p.warnings.push(format!("{name} '{value}' ignored: {why}"));
        }
    }
    p
}

/// `scheme://host[:port]`, nothing more.
fn is_origin(s: &str) -> bool {
    let Some((scheme, host)) = s.split_once("://") else {
        return false;
    };
    matches!(scheme, "https" | "http")
        && !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
}

/// Accepts `#rgb` or `#rrggbb` with a contrast of at least 4.5:1 against white, as `#rrggbb`.
fn brand(value: &str) -> Result<String, &'static str> {
    let hex = value.strip_prefix('#').unwrap_or(value);
    let full: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_owned(),
        _ => String::new(),
    };
    let rgb: Option<Vec<u8>> = (0..3)
        .map(|i| {
            full.get(i * 2..i * 2 + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect();
    let Some(rgb) = rgb.filter(|_| full.len() == 6) else {
        return Err("use a colour like #1d5f8a");
    };
    if contrast([rgb[0], rgb[1], rgb[2]], [255, 255, 255]) < MIN_CONTRAST {
        return Err("its contrast with white is under 4.5:1");
    }
    Ok(format!("#{}", full.to_ascii_lowercase()))
}

/// The WCAG contrast ratio of two sRGB colours, from 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let luminance = |c: [u8; 3]| {
        let lin = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_choose_the_route() {
        let p = read_presets([("referrer", "probation"), ("case_type", "asb")]);
        assert_eq!(
            (p.referrer, p.case_type),
            (Some(Referrer::Probation), Some(CaseType::Asb))
        );
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn unknown_presets_are_ignored_with_a_warning_never_an_error() {
        let p = read_presets([
            ("referrer", "judge"),
            ("case_type", "burglary"),
            ("colour", "red"),
        ]);
        assert_eq!(p.referrer, None);
        assert_eq!(p.case_type, None);
        assert_eq!(p.warnings.len(), 3);
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
        assert!((contrast([255, 255, 255], [255, 255, 255]) - 1.0).abs() < 0.01);
        // GOV.UK's link blue, #1d70b8, is 5.17:1 on white.
        assert!((contrast([0x1d, 0x70, 0xb8], [255, 255, 255]) - 5.17).abs() < 0.05);
    }

    #[test]
    fn a_brand_colour_must_keep_text_readable() {
        assert_eq!(
            read_presets([("brand", "#00703C")]).brand.as_deref(),
            Some("#00703c")
        );
        assert_eq!(
            read_presets([("brand", "#036")]).brand.as_deref(),
            Some("#003366")
        );
        // #767676 is the lightest grey that passes on white; #777777 fails.
        assert!(read_presets([("brand", "#767676")]).brand.is_some());
        assert!(read_presets([("brand", "#777777")]).brand.is_none());
        for bad in ["#ffdd00", "yellow", "#12345", "#gggggg", "url(x)"] {
            let p = read_presets([("brand", bad)]);
            assert_eq!(p.brand, None, "{bad}");
            assert_eq!(p.warnings.len(), 1, "{bad}");
        }
    }

    #[test]
    fn a_font_is_a_family_name_and_nothing_else() {
        assert_eq!(
            read_presets([("font", "Arial, sans-serif")])
                .font
                .as_deref(),
            Some("Arial, sans-serif")
        );
        for bad in ["x; background: url(evil)", "a{}", "", &"a".repeat(101)] {
            assert_eq!(read_presets([("font", bad)]).font, None, "{bad}");
        }
    }

    #[test]
    fn the_parent_is_an_origin() {
        assert_eq!(
            read_presets([("parent", "http://127.0.0.2:9000")])
                .parent
                .as_deref(),
            Some("http://127.0.0.2:9000")
        );
        for bad in [
            "*",
            "javascript:alert(1)",
            "https://a.example/path",
            "partner.example",
        ] {
            assert_eq!(read_presets([("parent", bad)]).parent, None, "{bad}");
        }
    }
}
