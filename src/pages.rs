//! One file per page of the wizard. (The start page is drawn by the build: `prerender`.)

mod check;
mod cleared;
mod config_error;
mod confirmation;
mod outcome;
mod question;
#[cfg(not(target_arch = "wasm32"))]
mod start;

pub use check::CheckPage;
pub use cleared::ClearedPage;
pub use config_error::ConfigErrorPage;
pub use confirmation::SentPage;
pub use outcome::OutcomePage;
pub use question::QuestionPage;
#[cfg(not(target_arch = "wasm32"))]
pub use start::StartPage;
