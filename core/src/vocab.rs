//! The referral vocabulary. Every enum here has a stable snake_case code: the codes are the JSON
//! contract (rj-check, the payload schema, the DOM ids), so a code never changes once shipped.

/// Declares an enum whose variants each carry a stable code used by serde and by the app.
macro_rules! code_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[doc = concat!("\n\nCode: `", $code, "`.")] #[serde(rename = $code)] $variant,)+
        }

        impl $name {
            /// Every value, in the order declared.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable code: the JSON contract, the DOM id, the address.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// The value with this code, or `None` for an unknown code.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}
pub(crate) use code_enum;

code_enum! {
    /// Who is making the referral.
    pub enum Referrer {
        Police = "police",
        /// Prison and Probation Service staff.
        Probation = "probation",
        VictimContactScheme = "victim_contact_scheme",
        /// An organisation supporting victims.
        VictimSupport = "victim_support",
        YouthJustice = "youth_justice",
        /// Community Safety Partnership, council or housing provider.
        CommunitySafety = "community_safety",
        SupportService = "support_service",
        /// The person themselves.
        SelfReferral = "self",
    }
}

code_enum! {
    /// The kind of case, as the service names its three kinds of work.
    pub enum CaseType {
        RestorativeJustice = "restorative_justice",
        Mediation = "mediation",
        Asb = "asb",
    }
}

code_enum! {
    /// The part the person referred (or referring themselves) played.
    pub enum Role {
        Harmed = "harmed",
        CausedHarm = "caused_harm",
        InConflict = "in_conflict",
    }
}

code_enum! {
    /// What happened, as far as the rules need it: the two offences with rules of their own,
    /// another crime, or none.
    pub enum Offence {
        DomesticAbuse = "domestic_abuse",
        SexualViolence = "sexual_violence",
        Other = "other",
        /// No crime was committed (conflict, dispute, nuisance).
        None = "none",
    }
}

code_enum! {
    /// Who asked for restorative justice.
    pub enum InitiatedBy {
        Harmed = "harmed",
        CausedHarm = "caused_harm",
        Both = "both",
        Unknown = "unknown",
    }
}

code_enum! {
    /// Where the case is in the courts.
    pub enum CourtStage {
        None = "none",
        AwaitingCourt = "awaiting_court",
        PreSentence = "pre_sentence",
        Sentenced = "sentenced",
        Unknown = "unknown",
    }
}

code_enum! {
    /// Why the Youth Justice Service is referring the case.
    pub enum YjsReason {
        /// No Further Action by police.
        Nfa = "nfa",
        NotReadyUnderSupervision = "not_ready_under_supervision",
        Turned18Ongoing = "turned_18_ongoing",
        Other = "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_from_code_and_serde() {
        for r in Referrer::ALL {
            assert_eq!(Referrer::from_code(r.code()), Some(*r));
            assert_eq!(
                serde_json::to_string(r).unwrap(),
                format!("\"{}\"", r.code())
            );
        }
        assert_eq!(Referrer::from_code("self"), Some(Referrer::SelfReferral));
        assert_eq!(CourtStage::from_code("nonsense"), None);
    }
}
