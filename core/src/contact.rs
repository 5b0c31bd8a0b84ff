//! How to reach a person at the service, as its page publishes them. Every outcome shows these:
//! whatever the rules decide, nobody is left without a way to talk to someone.

/// The service's phone number (free to call).
pub const PHONE: &str = "0800 043 8785";
/// The service's email address.
pub const EMAIL: &str = "HIOW@restorativesolutions.org.uk";
/// For senders registered with the Criminal Justice Secure Mail service only.
pub const SECURE_EMAIL: &str = "hiow@restorativesolutions.org.uk.cjsm.net";
/// The police's own mailbox for referrals and questions.
pub const POLICE_EMAIL: &str = "restorativereferrals@hampshire.police.uk";
