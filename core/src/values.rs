//! Validated values. Each is parsed once, at the edge, from what a person typed; code that holds
//! one of these types never has to check it again. Error messages are written for the person who
//! typed the value and follow the GOV.UK Design System's wording.

use std::fmt;

/// Why a typed value was refused, in words for the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid(pub &'static str);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Implements serde for a type that parses from a string and prints as one.
macro_rules! serde_via_str {
    ($t:ty) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                <$t>::parse(&raw).map_err(serde::de::Error::custom)
            }
        }
    };
}

/// A UK postcode: a full one (`SO23 8UJ`), an outward code alone (`SO23`), or a forces
/// address (`BFPO 123`), which is in no county.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Postcode {
    outward: String,
    inward: Option<String>,
}

impl Postcode {
    /// Accepts any case and any spacing, such as ` so238uj ` or `SO23  8UJ`.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if compact.is_empty() {
            return Err(Invalid("Enter a postcode"));
        }
        let invalid = Invalid("Enter a real postcode, like SO23 8UJ");
        if !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(invalid);
        }
        if let Some(number) = compact.strip_prefix("BFPO") {
            return if (1..=4).contains(&number.len()) && number.chars().all(|c| c.is_ascii_digit())
            {
                Ok(Postcode {
                    outward: "BFPO".into(),
                    inward: Some(number.into()),
                })
            } else {
                Err(invalid)
            };
        }
        // An outward code is 2 to 4 characters and a full postcode 5 to 7, so the length alone
        // tells which one was typed.
        let (outward, inward) = match compact.len() {
            2..=4 => (compact.as_str(), None),
            5..=7 => {
                let (o, i) = compact.split_at(compact.len() - 3);
                (o, Some(i))
            }
            _ => return Err(invalid),
        };
        if !is_outward(outward) || !inward.is_none_or(is_inward) {
            return Err(invalid);
        }
        Ok(Postcode {
            outward: outward.to_owned(),
            inward: inward.map(str::to_owned),
        })
    }

    /// The postcode area: the leading letters, such as `SO` or `B`.
    pub fn area(&self) -> &str {
        let letters = self
            .outward
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .count();
        &self.outward[..letters]
    }

    /// The district number within the area: 23 for `SO23`, 1 for `W1A`.
    pub fn district(&self) -> u8 {
        self.outward[self.area().len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .fold(0u8, |n, d| {
                n.saturating_mul(10)
                    .saturating_add(d.to_digit(10).unwrap_or(0) as u8)
            })
    }
}

impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inward {
            Some(inward) => write!(f, "{} {}", self.outward, inward),
            None => f.write_str(&self.outward),
        }
    }
}
serde_via_str!(Postcode);

/// One or two letters, a digit, then an optional digit or letter: `B1`, `SO23`, `W1A`, `EC1A`.
fn is_outward(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let rest = &b[letters..];
    (1..=2).contains(&letters)
        && !rest.is_empty()
        && rest[0].is_ascii_digit()
        && rest[1..].len() <= 1
        && rest[1..].iter().all(|c| c.is_ascii_alphanumeric())
}

/// A digit then two letters: `8UJ`.
fn is_inward(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3 && b[0].is_ascii_digit() && b[1..].iter().all(|c| c.is_ascii_uppercase())
}

/// An age in whole years, 0 to 120.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Age(u8);

impl Age {
    pub const ADULT: Age = Age(18);

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(Invalid("Enter an age"));
        }
        match raw.parse::<u32>() {
            Ok(n) => Self::new(n),
            Err(_) => Err(Invalid("Age must be a number, like 34")),
        }
    }

    pub fn new(years: u32) -> Result<Self, Invalid> {
        if years <= 120 {
            Ok(Age(years as u8))
        } else {
            Err(Invalid("Age must be between 0 and 120"))
        }
    }

    pub fn years(self) -> u8 {
        self.0
    }
}

impl fmt::Display for Age {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl serde::Serialize for Age {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Age {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(d)?;
        u32::try_from(n)
            .map_err(|_| Invalid("Age must be between 0 and 120"))
            .and_then(Age::new)
            .map_err(serde::de::Error::custom)
    }
}

/// A calendar date. The core never reads the clock: whoever needs "today" passes it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, Invalid> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(Invalid("Date must be a real date")),
        };
        if !(1900..=9999).contains(&year) {
            return Err(Invalid("Year must include 4 numbers, like 2019"));
        }
        if day == 0 || day > days {
            return Err(Invalid("Date must be a real date"));
        }
        Ok(Date { year, month, day })
    }

    /// Accepts `2019-03-27` and day-month-year with any of `/`, `-`, `.` or spaces between:
    /// `27/3/2019`, `27 3 2019`.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        match ApproxDate::parse(raw)? {
            ApproxDate {
                first,
                precision: Precision::Day,
            } => Ok(first),
            _ => Err(Invalid("Enter a date like 27 3 2019")),
        }
    }

    /// The date `days` after 1970-01-01, for callers that read a clock (the core never does).
    pub fn from_unix_days(days: i64) -> Self {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// The same date, refused if it is after `today`.
    pub fn not_after(self, today: Date) -> Result<Self, Invalid> {
        if self > today {
            Err(Invalid("Date must be today or in the past"))
        } else {
            Ok(self)
        }
    }

    pub fn year(self) -> u16 {
        self.year
    }
}

fn to_u8(n: u16) -> Result<u8, Invalid> {
    u8::try_from(n).map_err(|_| Invalid("Date must be a real date"))
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
serde_via_str!(Date);

/// How much of a date a person knew.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date as exactly as the person knew it: a year (`2003`), a month and year (`7 2019`), or a
/// full date (`27 3 2019`). "No time restrictions: the case can be recent or decades old", and
/// people often remember only the year. Printed in ISO 8601's reduced forms (`2003`,
/// `2019-07`, `2019-03-27`), so the printed form itself says which precision was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ApproxDate {
    /// The first day of the period the person gave.
    first: Date,
    precision: Precision,
}

impl ApproxDate {
    /// Accepts `2019-03-27` and day-month-year (`27 3 2019`), a month and year in either
    /// order (`7 2019`, `2019-07`), or a year alone, with any of `/`, `-`, `.` or spaces between.
    /// (One parser for both kinds of date: the browser's wasm carries it once.)
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(Invalid("Enter a date"));
        }
        let parts: Vec<&str> = raw
            .split(|c: char| c == '/' || c == '-' || c == '.' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        let numbers: Option<Vec<u16>> = parts.iter().map(|p| p.parse().ok()).collect();
        let four = |i: usize| parts[i].len() == 4;
        use Precision::*;
        let (year, month, day, precision) = match numbers.as_deref() {
            Some(&[y]) if four(0) => (y, 1, 1, Year),
            Some(&[y, m]) if four(0) => (y, m, 1, Month),
            Some(&[m, y]) if four(1) => (y, m, 1, Month),
            Some(&[y, m, d]) if four(0) => (y, m, d, Day),
            Some(&[d, m, y]) if four(2) => (y, m, d, Day),
            Some(&[_] | &[_, _] | &[_, _, _]) => {
                return Err(Invalid("Year must include 4 numbers, like 2019"))
            }
            _ => return Err(Invalid("Enter a date like 27 3 2019, 7 2019 or 2019")),
        };
        let first = Date::new(year, to_u8(month)?, to_u8(day)?)?;
        Ok(ApproxDate { first, precision })
    }

    /// Refused if the period starts after `today`: a year or month that has begun is fine.
    pub fn not_after(self, today: Date) -> Result<Self, Invalid> {
        self.first.not_after(today).map(|_| self)
    }

    pub fn precision(self) -> Precision {
        self.precision
    }

    /// As a person reads it: `2003`, `July 2019`, `27 March 2019`.
    pub fn words(self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let Date { year, month, day } = self.first;
        let month = MONTHS[usize::from(month - 1)];
        match self.precision {
            Precision::Year => year.to_string(),
            Precision::Month => format!("{month} {year}"),
            Precision::Day => format!("{day} {month} {year}"),
        }
    }
}

impl fmt::Display for ApproxDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Date { year, month, .. } = self.first;
        match self.precision {
            Precision::Year => write!(f, "{year:04}"),
            Precision::Month => write!(f, "{year:04}-{month:02}"),
            Precision::Day => self.first.fmt(f),
        }
    }
}
serde_via_str!(ApproxDate);

/// An email address: something, an `@`, and a domain with a dot. Deliberately simple (the
/// service replies by email, which is the real check) and small enough for the browser build.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(Invalid("Enter an email address"));
        }
        let valid = s.len() <= 254
            && !s.chars().any(|c| c.is_whitespace() || c.is_control())
            && match s.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !domain.contains("..")
                        && has_top_level_part(domain)
                }
                None => false,
            };
        if valid {
            Ok(Email(s.to_owned()))
        } else {
            Err(Invalid(
                "Enter an email address in the correct format, like name@example.com",
            ))
        }
    }
}

/// The part after the last dot is a real top-level domain's shape: two or more letters
/// (`.uk`, `.org`), so `sam@example.c` is a typing slip, not an address.
fn has_top_level_part(domain: &str) -> bool {
    domain
        .rsplit('.')
        .next()
        .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
serde_via_str!(Email);

/// A UK phone number, kept as digits with a leading 0: `+44 (0)7700 900 982` becomes
/// `07700900982`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(Invalid("Enter a phone number"));
        }
        let invalid = Invalid("Enter a UK phone number, like 01632 960 001 or 07700 900 982");
        if s.chars()
            .any(|c| !(c.is_ascii_digit() || " +-()".contains(c)))
        {
            return Err(invalid);
        }
        let digits: String = s
            .replace("(0)", "")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let national = match (s.starts_with('+'), digits.strip_prefix("44")) {
            (true, Some(rest)) => format!("0{rest}"),
            (true, None) => return Err(invalid),
            // 0044 is the international prefix dialled from abroad, as +44 is.
            (false, _) => match digits.strip_prefix("0044") {
                Some(rest) => format!("0{rest}"),
                None => digits,
            },
        };
        // UK numbering (Ofcom's National Telephone Numbering Plan): mobiles (07), 02, 03 and
        // 09 numbers have 11 digits; some 01 area codes and 0800 freephone numbers have 10.
        let length_fits = match national.get(..2) {
            Some("01" | "08") => (10..=11).contains(&national.len()),
            Some("02" | "03" | "07" | "09") => national.len() == 11,
            _ => false,
        };
        if length_fits {
            Ok(Phone(national))
        } else {
            Err(invalid)
        }
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
serde_via_str!(Phone);

/// Refuses characters that hide or disguise text: control characters (but tab and line breaks),
/// the line and paragraph separators U+2028 and U+2029 (which split an export line for line
/// readers), and the bidirectional embeddings, overrides and isolates U+202A to U+202E and
/// U+2066 to U+2069 (which make text read differently from how it is stored). The marks U+200E
/// and U+200F stay allowed: right-to-left names need them. (Decision: the page is silent.)
pub fn refuse_hidden_characters(text: &str) -> Result<(), Invalid> {
    let hidden = |c: &char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    match text.chars().any(|c| hidden(&c)) {
        true => Err(Invalid(
            "Answer must not contain control characters or text direction overrides",
        )),
        false => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_postcode_is_accepted_in_any_case_and_spacing() {
        for raw in ["SO23 8UJ", "so238uj", "  So23   8uJ ", "S O 2 3 8 U J"] {
            assert_eq!(
                Postcode::parse(raw).unwrap().to_string(),
                "SO23 8UJ",
                "{raw}"
            );
        }
    }

    #[test]
    fn an_outward_code_alone_is_a_postcode() {
        let p = Postcode::parse("so23").unwrap();
        assert_eq!(p.to_string(), "SO23");
        assert_eq!((p.area(), p.district()), ("SO", 23));
        assert_eq!(Postcode::parse("W1A 1AA").unwrap().district(), 1);
        assert_eq!(Postcode::parse("EC1A").unwrap().area(), "EC");
    }

    #[test]
    fn malformed_postcodes_are_refused_with_a_message() {
        for raw in [
            "",
            "  ",
            "S",
            "12345",
            "SO23 8U",
            "SOO23 8UJ",
            "SO23 UJ8",
            "SO23-8UJ",
            "ÅO23",
        ] {
            assert!(Postcode::parse(raw).is_err(), "{raw:?} should be refused");
        }
        assert_eq!(Postcode::parse("").unwrap_err().0, "Enter a postcode");
    }

    #[test]
    fn ages_run_from_0_to_120() {
        assert_eq!(Age::parse("0").unwrap().years(), 0);
        assert_eq!(Age::parse(" 120 ").unwrap().years(), 120);
        assert!(Age::parse("121").is_err());
        assert!(Age::parse("-1").is_err());
        assert!(Age::parse("seventeen").is_err());
        assert!(serde_json::from_str::<Age>("-3").is_err());
        assert!(serde_json::from_str::<Age>("121").is_err());
        assert_eq!(serde_json::from_str::<Age>("17").unwrap().years(), 17);
    }

    #[test]
    fn dates_are_real_calendar_dates_in_either_order() {
        assert_eq!(Date::parse("2019-03-27").unwrap().to_string(), "2019-03-27");
        assert_eq!(Date::parse("27/3/2019").unwrap().to_string(), "2019-03-27");
        assert_eq!(Date::parse("27 3 2019").unwrap().to_string(), "2019-03-27");
        assert_eq!(Date::parse("29/2/2024").unwrap().to_string(), "2024-02-29");
        for raw in [
            "29/2/2023",
            "31/4/2020",
            "0/1/2020",
            "1/13/2020",
            "27/3/19",
            "yesterday",
            "2019-03",
        ] {
            assert!(Date::parse(raw).is_err(), "{raw:?} should be refused");
        }
    }

    #[test]
    fn a_date_may_be_decades_old_or_today_but_never_tomorrow() {
        let today = Date::new(2026, 11, 30).unwrap();
        assert!(Date::new(1975, 1, 1).unwrap().not_after(today).is_ok());
        assert!(today.not_after(today).is_ok());
        assert!(Date::new(2026, 12, 1).unwrap().not_after(today).is_err());
    }

    #[test]
    fn unix_days_become_calendar_dates() {
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(19_782).to_string(), "2024-02-29");
        assert_eq!(Date::from_unix_days(20_787).to_string(), "2026-11-30");
    }

    #[test]
    fn emails_need_a_local_part_and_a_dotted_domain() {
        assert!(Email::parse(" name@example.com ").is_ok());
        for raw in [
            "",
            "name",
            "name@",
            "@example.com",
            "name@example",
            "a b@example.com",
            "a@b@c.com",
            "a@.com",
            "a@b..com",
            "sam@example.c",
            "sam@example.123",
        ] {
            assert!(Email::parse(raw).is_err(), "{raw:?} should be refused");
        }
    }

    #[test]
    fn uk_phone_numbers_are_normalised_to_national_digits() {
        assert_eq!(
            Phone::parse("+44 (0)7700 900 982").unwrap().to_string(),
            "07700900982"
        );
        assert_eq!(
            Phone::parse("0800 043 8785").unwrap().to_string(),
            "08000438785"
        );
        assert_eq!(
            Phone::parse("01632-960-001").unwrap().to_string(),
            "01632960001"
        );
        for raw in [
            "",
            "12345",
            "+1 202 555 0100",
            "07700 900 98a",
            "077009009821234",
            "07700 900 98",
            "020 7946 000",
            "0044 7700 90098",
        ] {
            assert!(Phone::parse(raw).is_err(), "{raw:?} should be refused");
        }
        for (raw, national) in [
            ("0044 7700 900982", "07700900982"),
            ("0800 123456", "0800123456"),
            ("016977 3456", "0169773456"),
            ("020 7946 0000", "02079460000"),
        ] {
            assert_eq!(Phone::parse(raw).unwrap().to_string(), national, "{raw}");
        }
    }

    #[test]
    fn postcodes_include_forces_addresses() {
        assert_eq!(Postcode::parse("bfpo 123").unwrap().to_string(), "BFPO 123");
        assert_eq!(Postcode::parse("BFPO1").unwrap().to_string(), "BFPO 1");
        for raw in ["BFPO", "BFPO 12345", "BFPO 12A"] {
            assert!(Postcode::parse(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn an_approximate_date_keeps_its_precision() {
        let d = |raw: &str| ApproxDate::parse(raw).unwrap();
        assert_eq!(d("2003").precision(), Precision::Year);
        assert_eq!(d("2003").to_string(), "2003");
        assert_eq!(d("7 2019").to_string(), "2019-07");
        assert_eq!(d("2019-07").precision(), Precision::Month);
        assert_eq!(d("27 3 2019").to_string(), "2019-03-27");
        assert_eq!(d("27 3 2019").precision(), Precision::Day);
        let today = Date::new(2026, 11, 30).unwrap();
        assert!(d("2026").not_after(today).is_ok());
        assert!(d("11 2026").not_after(today).is_ok());
        assert!(d("12 2026").not_after(today).is_err());
        assert!(d("2027").not_after(today).is_err());
        for raw in ["", "19", "13 2019", "2019-13", "31 2 2019", "1899"] {
            assert!(ApproxDate::parse(raw).is_err(), "{raw:?}");
        }
    }

    proptest! {
        #[test]
        fn an_approximate_date_reads_back_as_itself(raw in "[0-9]{1,4}([ /.-][0-9]{1,4}){0,2}") {
            if let Ok(d) = ApproxDate::parse(&raw) {
                prop_assert_eq!(ApproxDate::parse(&d.to_string()), Ok(d));
            }
        }

        #[test]
        fn postcode_normalisation_is_idempotent(raw in "[ a-zA-Z0-9]{0,10}") {
            if let Ok(p) = Postcode::parse(&raw) {
                prop_assert_eq!(Postcode::parse(&p.to_string()), Ok(p));
            }
        }

        #[test]
        fn every_well_formed_postcode_parses(
            area in "[A-Z]{1,2}", district in 0u8..100, inward in "[0-9][A-Z]{2}", spaces in " {0,3}",
        ) {
            let raw = format!("{area}{district}{spaces}{inward}").to_lowercase();
            let p = Postcode::parse(&raw).unwrap();
            prop_assert_eq!(p.area(), area.as_str());
            prop_assert_eq!(p.district(), district);
        }

        #[test]
        fn parsing_any_text_never_panics(raw in ".{0,40}") {
            let _ = (Postcode::parse(&raw), Age::parse(&raw), Date::parse(&raw), Email::parse(&raw), Phone::parse(&raw));
        }
    }
}
