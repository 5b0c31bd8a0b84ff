//! The names of the wizard's questions.

use crate::vocab::code_enum;

code_enum! {
    /// One question of the wizard. The code is the answer's key, the field's id in the page and
    /// the path a person sees in the address bar.
    pub enum Field {
        Referrer = "referrer",
        Role = "role",
        CaseType = "case_type",
        CaseTypeHelp = "case_type_help",
        OocdCondition = "oocd_condition",
        YjsReason = "yjs_reason",
        Custody = "custody",
        SupervisedInArea = "supervised_in_area",
        ExpressedInterest = "expressed_interest",
        Consent = "consent",
        Offence = "offence",
        InitiatedBy = "initiated_by",
        CourtStage = "court_stage",
        IncidentDate = "incident_date",
        IncidentPostcode = "incident_postcode",
        IncidentInArea = "incident_in_area",
        CrimeReference = "crime_reference",
        Description = "description",
        PersonName = "person_name",
        PersonAge = "person_age",
        Guardian = "guardian",
        GuardianName = "guardian_name",
        GuardianContact = "guardian_contact",
        GuardianNotSafe = "guardian_not_safe",
        PersonHome = "person_home",
        PersonAddress = "person_address",
        PersonPostcode = "person_postcode",
        PersonInArea = "person_in_area",
        ContactMethods = "contact_methods",
        PersonPhone = "person_phone",
        Voicemail = "voicemail",
        PersonEmail = "person_email",
        SafeTimes = "safe_times",
        AccessNeeds = "access_needs",
        Interpreter = "interpreter",
        Language = "language",
        OtherKnown = "other_known",
        OtherName = "other_name",
        OtherAge = "other_age",
        OtherPostcode = "other_postcode",
        OtherInArea = "other_in_area",
        Risks = "risks",
        Orders = "orders",
        Agencies = "agencies",
        ContactAgreement = "contact_agreement",
        ReferrerName = "referrer_name",
        ReferrerOrganisation = "referrer_organisation",
        ReferrerRole = "referrer_role",
        ReferrerEmail = "referrer_email",
        ReferrerPhone = "referrer_phone",
        /// Not a question: the memory that a person referring themselves met the victim-led
        /// stop (see `Answers::answer`). It is kept with the answers in the tab, so it goes
        /// where they go (quick exit and a new tab forget it), and it is never on the route, so
        /// it is never asked, shown or sent.
        VictimLedStop = "victim_led_stop",
    }
}
