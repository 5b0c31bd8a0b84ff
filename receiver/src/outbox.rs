//! The outbox worker: delivers every stored referral to each configured destination (email to
//! the service, a signed webhook), at least once, retrying with backoff until it is delivered or
//! its time runs out and it is dead. It runs on its own thread beside the HTTP server and shares
//! nothing with it but the database, so no answer to a browser ever waits for a delivery.
//!
//! The deliveries are rows of the database (`store/`), written in the same transaction as the
//! referral: a receiver killed at any moment finds on restart every delivery not yet confirmed
//! and tries it again. A delivery confirmed by its destination but killed before it was recorded
//! is made twice; the email's Message-ID and the webhook's `webhook-id` (both the reference) let
//! the receiving side recognise the repeat.

use std::sync::Arc;
use std::time::Duration;

use rj_core::forward;

use crate::config::{Delivery, Retry};
use crate::deliver::{mail, read, Channels, Destination, Failure};
use crate::store::{now_ms, Due, Store, RECEIPT};

/// What the worker delivers to, ready to use.
struct Worker {
    store: Store,
    channels: Channels,
    retry: Retry,
    keep: Duration,
    /// The longest one try may take; its lease is this and `LEASE_MARGIN`.
    attempt_limit: Duration,
}

/// The kind of a delivery's destination, for the log: never the address.
fn kind(d: &Due) -> &'static str {
    Destination::parse(&d.destination).map_or("unknown", |d| d.kind())
}

/// Checks the delivery options, records the destinations, and starts the worker. A broken option
/// stops `serve` before it listens, with a message saying what to fix.
pub fn start(config: &Delivery, db: &crate::config::Db) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    // The mail pool starts its own task on the runtime it is built in: the worker's.
    let entered = runtime.enter();
    let channels = Channels::from_config(config)?;
    drop(entered);
    let store = crate::store::open(db)?;
    store.check_key()?;
    // At once, so a key file the receiver cannot move on (or write again in the current
    // format) stops it here, with a message, rather than leaving erased referrals readable.
    store.shred(now_ms())?;
    let mut destinations = Destination::configured(config);
    let names: Vec<String> = destinations.iter().map(Destination::name).collect();
    store.set_destinations(&names)?;
    // On standard error: tests read the listening address from the first line of standard output.
    if names.is_empty() {
        eprintln!(
            "rj-receiver: no destination configured (--mail-to, --webhook): referrals are stored in {db} and not forwarded"
        );
    } else {
        eprintln!(
            "rj-receiver: forwarding referrals to {} destination(s): {}",
            destinations.len(),
            destinations
                .iter()
                .map(Destination::kind)
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if channels.mailer.is_some() {
        destinations.push(Destination::Receipt);
    }
    let worker = Arc::new(Worker {
        store,
        channels,
        retry: config.retry,
        keep: config.keep,
        // The slower of the webhook's timeout and the mail server's, and 5 s more: a try still
        // going then is given up and retried later, so no lease ends while its try runs.
        attempt_limit: config.webhook_timeout.max(mail::TIMEOUT) + Duration::from_secs(5),
    });
    std::thread::Builder::new()
        .name("outbox".into())
        .spawn(move || runtime.block_on(worker.run(destinations)))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// How many deliveries are tried at once.
const BATCH: usize = 32;
/// A try's lease outlasts the try (bounded by `attempt_limit`) by this much, for the time to
/// record it: so instances sharing a database never try one delivery at once.
const LEASE_MARGIN: Duration = Duration::from_secs(10);
/// How often the outbox is looked at when it has nothing due.
const POLL: Duration = Duration::from_millis(100);
/// How long the worker waits when the database does not answer, before asking again: a
/// database server restarting is not logged ten times a second.
const DOWN_WAIT: Duration = Duration::from_secs(1);
/// How often content past its keeping time is looked for.
const ERASE_EVERY: Duration = Duration::from_secs(60);

impl Worker {
    async fn run(self: Arc<Self>, destinations: Vec<Destination>) {
        let names: Vec<String> = destinations.iter().map(Destination::name).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut last_erase: Option<std::time::Instant> = None;
        loop {
            if last_erase.is_none_or(|at| at.elapsed() >= ERASE_EVERY) {
                last_erase = Some(std::time::Instant::now());
                self.erase();
            }
            let lease = (self.attempt_limit + LEASE_MARGIN).as_millis() as i64;
            let due = match self.store.claim(now_ms(), lease, &names, BATCH) {
                Ok(due) => due,
                Err(e) => {
                    tracing::error!("outbox: cannot read deliveries: {e}");
                    tokio::time::sleep(DOWN_WAIT).await;
                    continue;
                }
            };
            if due.is_empty() {
                tokio::time::sleep(POLL).await;
                continue;
            }
            let mut tries = tokio::task::JoinSet::new();
            for delivery in due {
                let worker = self.clone();
                tries.spawn(async move {
                    let result =
                        tokio::time::timeout(worker.attempt_limit, worker.attempt(&delivery))
                            .await
                            .unwrap_or_else(|_| Err(Failure::later("the try took too long")));
                    worker.record(&delivery, result);
                });
            }
            while tries.join_next().await.is_some() {}
        }
    }

    /// Deletes the content of referrals delivered everywhere more than `keep` ago, then the
    /// keys no content needs any more, so what was deleted cannot be read from copies either.
    fn erase(&self) {
        let now = now_ms();
        match self
            .store
            .erase_delivered(now, self.keep.as_millis() as i64)
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                "deleted the content of {n} referrals delivered more than {} days ago",
                self.keep.as_secs() / 86_400
            ),
            Err(e) => tracing::error!("cannot delete old referrals' content: {e}"),
        }
        match self.store.shred(now) {
            Ok(None) => {}
            Ok(Some(day)) => tracing::info!(
                "the key file keeps the keys of {} (UTC) on: every earlier one is destroyed",
                crate::seal::date(day)
            ),
            Err(e) => {
                tracing::error!("cannot destroy the keys erased referrals no longer need: {e}")
            }
        }
    }

    /// One try of one delivery.
    async fn attempt(&self, d: &Due) -> Result<(), Failure> {
        match Destination::parse(&d.destination) {
            Some(destination) => destination.attempt(&self.channels, d).await,
            None => Err(Failure::later("no such destination is configured")),
        }
    }

    /// Records how a try went, and says so in the log: reference, kind, attempt, outcome.
    fn record(&self, d: &Due, result: Result<(), Failure>) {
        let now = now_ms();
        let attempt = d.attempts + 1;
        let (reference, kind) = (&d.reference, kind(d));
        let recorded = match result {
            Ok(()) => {
                tracing::info!("delivery {reference} {kind} attempt {attempt}: delivered");
                self.store
                    .delivered(reference, &d.destination, now)
                    .and_then(|last| self.after_last(d, last, now))
            }
            Err(failure) => {
                let e = &failure.reason;
                let jitter = rand::random_range(0.8..1.2);
                let next = match failure.permanent {
                    true => None,
                    false => self.retry.next(attempt, d.queued_at, now, jitter),
                };
                let receipt = d.destination == RECEIPT;
                let refused = if failure.permanent { ", for good" } else { "" };
                match next {
                    Some(at) => tracing::warn!(
                        "delivery {reference} {kind} attempt {attempt}: failed ({e}); trying again in {} s",
                        (at - now + 999) / 1000
                    ),
                    // A receipt says nothing of the case: not worth an operator's time, nor
                    // worth keeping the referral's content for.
                    None if receipt => tracing::warn!(
                        "delivery {reference} {kind} attempt {attempt}: failed ({e}){refused}; dropped"
                    ),
                    None => tracing::error!(
                        "DEAD delivery {reference} {kind} attempt {attempt}: failed ({e}){refused}; no more tries: `rj-receiver redeliver` queues it again, `rj-receiver discard` gives it up"
                    ),
                }
                self.store
                    .failed(reference, &d.destination, now, next)
                    .and_then(|()| match next.is_none() && receipt {
                        true => self.store.discard(reference, Some(RECEIPT), now).map(drop),
                        false => Ok(()),
                    })
            }
        };
        if let Err(e) = recorded {
            // Left pending, so it is tried again: at least once, never lost.
            tracing::error!("outbox: cannot record delivery {reference} {kind}: {e}");
        }
    }

    /// Once every forwarding delivery of a referral is made, the professional who referred gets
    /// a receipt, when there is a mail server to send it (a person referring themselves, never).
    fn after_last(&self, d: &Due, last: bool, now: i64) -> Result<(), String> {
        let wanted = read(d).is_ok_and(|(r, _)| forward::receipt_to(&r).is_some());
        if last && wanted && self.channels.mailer.is_some() {
            self.store.queue_receipt(&d.reference, now)?;
        }
        Ok(())
    }
}
