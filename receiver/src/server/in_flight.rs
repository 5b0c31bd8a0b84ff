//! In-flight holds: a reference held in the database while its request is handled, so a twin
//! gets 409 at whichever instance it reaches.

use std::sync::Arc;
use std::time::Duration;

use rj_core::referral::Reference;

use super::errors::ApiError;
use super::App;
use crate::store::now_ms;

/// How long an in-flight hold lasts unless renewed: the longest a twin waits on the hold of an
/// instance that died while handling its request.
const HOLD: Duration = Duration::from_secs(5);
/// A request still in hand renews its hold this often, well before it lapses.
const HOLD_RENEW: Duration = Duration::from_secs(1);

/// A reference held in the database while its request is handled here, so a twin arriving at
/// any instance sharing the database gets 409 (a set in this process would not stop a twin at
/// another). Renewed while the request runs, let go however it ends.
pub(super) struct InFlight {
    app: Arc<App>,
    key: String,
    holder: i64,
    renew: tokio::task::JoinHandle<()>,
}

impl InFlight {
    /// Holds `key`, unless a request with it is being handled already, here or elsewhere.
    pub(super) async fn hold(app: &Arc<App>, key: Reference) -> Result<Option<InFlight>, ApiError> {
        let (key, holder) = (key.to_string(), rand::random::<i64>());
        let until = || now_ms() + HOLD.as_millis() as i64;
        let held = {
            let (app, key) = (app.clone(), key.clone());
            tokio::task::spawn_blocking(move || app.store.hold(&key, holder, now_ms(), until()))
        };
        let held = held
            .await
            .map_err(|e| ApiError::Store(e.to_string()))?
            .map_err(ApiError::Store)?;
        if !held {
            return Ok(None);
        }
        let (renewing, renewed) = (app.clone(), key.clone());
        let renew = tokio::spawn(async move {
            loop {
                tokio::time::sleep(HOLD_RENEW).await;
                let (app, key) = (renewing.clone(), renewed.clone());
                // A renewal that fails lets the hold lapse: a twin then goes on to the store,
                // whose unique reference still keeps the referral once.
                let _ = tokio::task::spawn_blocking(move || app.store.renew(&key, holder, until()))
                    .await;
            }
        });
        Ok(Some(InFlight {
            app: app.clone(),
            key,
            holder,
            renew,
        }))
    }

    /// Lets go of the hold once its request is answered.
    pub(super) async fn release(mut self) {
        if let Some(release) = self.releasing() {
            let _ = release.await;
        }
    }

    /// Stops renewing and lets go of the hold, off the async threads, once. If it cannot be let
    /// go (the database is down), it lapses.
    fn releasing(&mut self) -> Option<tokio::task::JoinHandle<()>> {
        self.renew.abort();
        let key = std::mem::take(&mut self.key);
        let (app, holder) = (self.app.clone(), self.holder);
        let runtime = tokio::runtime::Handle::try_current().ok()?;
        (!key.is_empty()).then(|| {
            runtime.spawn_blocking(move || {
                if let Err(e) = app.store.release(&key, holder, now_ms()) {
                    tracing::warn!("cannot let go of an in-flight hold: {e}");
                }
            })
        })
    }
}

impl Drop for InFlight {
    /// A request cut short (timed out, its client gone) lets go of its hold too.
    fn drop(&mut self) {
        self.releasing();
    }
}
