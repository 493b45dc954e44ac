//! The storage layer's clock: the one time source for every stamp a
//! backend writes (`aangemaakt`, `gewijzigd`, `tijdstip`, `gesloten`, …) and
//! for the audit records callers build ([`crate::audit::nu`] is this clock).
//!
//! [`op`] runs one future with the clock set to a fixed moment, through a
//! tokio task-local: only that future (and what it awaits, on the same task)
//! reads the set time; every other task, and everything after the future
//! ends, reads the real time. The demo loader replays its history
//! (`crates/schakel/src/demo/historie.rs`) this way, so a case from eleven
//! months ago carries that month in its case row, its events and its audit
//! records alike, and the audit chain's hashes cover the times it stores.
//!
//! Why a task-local and not a clock argument or a `Klok` object in the
//! backends: every write method would need the extra parameter (or every
//! backend a settable field shared by all concurrent requests), while a
//! task-local leaves the `Opslag` trait and the request path untouched and
//! cannot leak into another task. Nothing in the HTTP crate calls [`op`]
//! (a test in `schakel-http` checks its sources), so no request can set the
//! clock.

use std::future::Future;

use chrono::{DateTime, Utc};

tokio::task_local! {
    static VAST: DateTime<Utc>;
}

/// Truncates to microseconds, the precision both backends store.
fn op_microseconden(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(t.timestamp_micros()).unwrap_or(t)
}

/// Now, at microsecond precision: the set moment inside [`op`], else the
/// system clock.
pub fn nu() -> DateTime<Utc> {
    VAST.try_with(|t| *t)
        .unwrap_or_else(|_| op_microseconden(Utc::now()))
}

/// Runs `f` with [`nu`] returning `tijdstip` (truncated to microseconds)
/// for everything `f` does on its own task.
pub async fn op<F: Future>(tijdstip: DateTime<Utc>, f: F) -> F::Output {
    VAST.scope(op_microseconden(tijdstip), f).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn verleden() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2025-12-03T09:15:00.1234567Z")
            .expect("geldig")
            .with_timezone(&Utc)
    }

    #[tokio::test]
    async fn binnen_op_de_vaste_tijd_erbuiten_de_echte() {
        let voor = Utc::now();
        let binnen = op(verleden(), async {
            tokio::task::yield_now().await;
            nu()
        })
        .await;
        assert_eq!(binnen.to_rfc3339(), "2025-12-03T09:15:00.123456+00:00");
        let na = nu();
        assert!(na >= voor - chrono::Duration::seconds(1), "{na} {voor}");
        assert!(na > binnen);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn andere_taken_zien_de_echte_tijd() {
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let vast = tokio::spawn(op(verleden(), async move {
            // Holds the scope open while the other task reads the clock.
            let _ = rx.await;
            nu()
        }));
        tokio::time::sleep(Duration::from_millis(20)).await;
        let ander = tokio::spawn(async { nu() }).await.expect("taak");
        let hier = nu();
        tx.send(()).expect("open");
        assert_eq!(vast.await.expect("taak"), op_microseconden(verleden()));
        for t in [ander, hier] {
            assert!(t > verleden() + chrono::Duration::days(300), "{t}");
        }
    }
}
