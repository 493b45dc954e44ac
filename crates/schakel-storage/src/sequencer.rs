//! Group commit for audit records that stand alone (the reads): request
//! handlers hand their records to one sequencer task per store, which
//! appends whatever is waiting as one batch — one transaction, one fsync —
//! and answers each waiting request only when its batch is committed. So
//! "every access logged before the response leaves; a record is never lost
//! once acknowledged" holds as before, but N waiting requests cost one
//! commit instead of N, one after the other.
//!
//! Writes of a jeugdige's data keep appending their record in their own
//! transaction (a change is never committed without its record); they and
//! the sequencer's batches are serialised by the chain head's lock, once per
//! transaction.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};

use tokio::sync::{mpsc, oneshot};

use crate::{AuditRecord, NieuwAuditRecord, OpslagFout, Resultaat};

/// At most this many records in one batch: a bounded transaction.
const MAX_BATCH: usize = 5_000;

type Antwoord = oneshot::Sender<Resultaat<Vec<AuditRecord>>>;
type Opdracht = (Vec<NieuwAuditRecord>, Antwoord);
type Batch = Pin<Box<dyn Future<Output = Resultaat<Vec<AuditRecord>>> + Send>>;
/// Appends records in one committed transaction (the backend's part).
type Schrijver = Arc<dyn Fn(Vec<NieuwAuditRecord>) -> Batch + Send + Sync>;

/// The handle a store keeps; clones share one task.
#[derive(Clone)]
pub struct Sequencer {
    schrijver: Schrijver,
    kanaal: Arc<OnceLock<mpsc::UnboundedSender<Opdracht>>>,
}

impl fmt::Debug for Sequencer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sequencer")
    }
}

impl Sequencer {
    /// `schrijver` appends a batch in one transaction and commits it.
    pub fn new(schrijver: impl Fn(Vec<NieuwAuditRecord>) -> Batch + Send + Sync + 'static) -> Self {
        Self {
            schrijver: Arc::new(schrijver),
            kanaal: Arc::new(OnceLock::new()),
        }
    }

    /// Appends `records` (consecutive volgnummers, in this order) and returns
    /// them as stored, once their batch is committed.
    pub async fn schrijf(&self, records: Vec<NieuwAuditRecord>) -> Resultaat<Vec<AuditRecord>> {
        if records.is_empty() {
            return Ok(Vec::new());
        }
        #[cfg(feature = "bench-zonder-audit")]
        if bench::uitgeschakeld() {
            return Ok(bench::niet_opgeslagen(records));
        }
        // The task starts on first use, in the runtime that uses the store.
        let kanaal = self.kanaal.get_or_init(|| {
            let (tx, rx) = mpsc::unbounded_channel();
            tokio::spawn(lus(rx, self.schrijver.clone()));
            tx
        });
        let (antwoord, ontvang) = oneshot::channel();
        match kanaal.send((records, antwoord)) {
            Ok(()) => ontvang.await.unwrap_or_else(|_| {
                Err(OpslagFout::Database(
                    "auditlog: de sequencer stopte voor de batch vastlag".into(),
                ))
            }),
            // The runtime that ran the task has ended: append directly.
            Err(mpsc::error::SendError((records, _))) => (self.schrijver)(records).await,
        }
    }
}

async fn lus(mut rx: mpsc::UnboundedReceiver<Opdracht>, schrijver: Schrijver) {
    while let Some(eerste) = rx.recv().await {
        let mut records = Vec::new();
        let mut wachtend = Vec::new();
        let mut volgende = Some(eerste);
        while let Some((r, antwoord)) = volgende.take() {
            wachtend.push((r.len(), antwoord));
            records.extend(r);
            if records.len() < MAX_BATCH {
                volgende = rx.try_recv().ok();
            }
        }
        match schrijver(records).await {
            Ok(opgeslagen) => {
                let mut opgeslagen = opgeslagen.into_iter();
                for (aantal, antwoord) in wachtend {
                    let _ = antwoord.send(Ok(opgeslagen.by_ref().take(aantal).collect()));
                }
            }
            Err(e) => {
                let melding = e.to_string();
                for (_, antwoord) in wachtend {
                    let _ = antwoord.send(Err(OpslagFout::Database(melding.clone())));
                }
            }
        }
    }
}

/// The benchmark-only switch (cargo feature `bench-zonder-audit`):
/// `SCHAKEL_BENCH_ZONDER_AUDIT=1` answers without storing anything, to
/// measure what the append costs. Never compiled into a normal build.
#[cfg(feature = "bench-zonder-audit")]
mod bench {
    use std::sync::OnceLock;

    use crate::{AuditRecord, NieuwAuditRecord};

    pub fn uitgeschakeld() -> bool {
        static UIT: OnceLock<bool> = OnceLock::new();
        *UIT.get_or_init(|| {
            let uit = std::env::var("SCHAKEL_BENCH_ZONDER_AUDIT").is_ok_and(|v| v == "1");
            if uit {
                eprintln!(
                    "LET OP: benchmark-build, leestoegang wordt NIET in het auditlog geschreven"
                );
            }
            uit
        })
    }

    pub fn niet_opgeslagen(records: Vec<NieuwAuditRecord>) -> Vec<AuditRecord> {
        records
            .into_iter()
            .map(|record| AuditRecord {
                volgnummer: 0,
                record,
                vorige_hash: String::new(),
                hash: String::new(),
            })
            .collect()
    }
}
