//! Group commit for audit records that stand alone (the reads): request
//! handlers hand their records to one sequencer task per store, which
//! appends whatever is waiting as one batch — one transaction, one fsync —
//! and answers each waiting request only when its batch is committed. Under
//! load a batch first waits briefly for as many requests as the previous one
//! carried ([`SAMEN_WACHTEN`]). So
//! "every access logged before the response leaves; a record is never lost
//! once acknowledged" holds as before, but N waiting requests cost one
//! commit instead of N, one after the other.
//!
//! Writes of a jeugdige's data keep their record in their own transaction
//! (a change is never committed without its record). On PostgreSQL they
//! append it to the chain there, serialised with the sequencer's batches by
//! the chain head's lock. On SQLite the chain lives in a file of its own and
//! a write leaves its record in an outbox beside its change, which the
//! sequencer's next batch moves into the chain: after every
//! [`met_ronde`](Sequencer::met_ronde) interval when nothing else comes, and
//! before anyone reads the log ([`bij`](Sequencer::bij)).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use crate::boomvolger::Boomvolger;
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
    wachten: Duration,
    ronde: Option<Duration>,
    kanaal: Arc<OnceLock<mpsc::UnboundedSender<Opdracht>>>,
    volger: Arc<Boomvolger>,
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
            wachten: SAMEN_WACHTEN,
            ronde: None,
            kanaal: Arc::new(OnceLock::new()),
            volger: Arc::default(),
        }
    }

    /// The same, with the tree `schrijver` extends with every batch it
    /// commits (see [`Boomvolger`]).
    pub fn met_volger(mut self, volger: Arc<Boomvolger>) -> Self {
        self.volger = volger;
        self
    }

    /// The tree of the log as this store's batches extend it.
    pub fn volger(&self) -> &Boomvolger {
        &self.volger
    }

    /// The same, with records waiting outside the chain (an outbox) that
    /// every batch takes along: when no request comes for `ronde`, an empty
    /// batch is written to take them.
    pub fn met_ronde(mut self, ronde: Duration) -> Self {
        self.ronde = Some(ronde);
        self
    }

    /// Once this returns, every record waiting outside the chain when it was
    /// called is in the chain: what reading the log starts with. Without an
    /// outbox there is nothing to wait for.
    pub async fn bij(&self) -> Resultaat<()> {
        if self.ronde.is_none() {
            return Ok(());
        }
        self.stuur(Vec::new()).await.map(drop)
    }

    /// The same, with a batch waiting at most `wachten` for its companions
    /// ([`SAMEN_WACHTEN`] otherwise): the tests' long and short waits.
    #[cfg(test)]
    fn met_wachttijd(mut self, wachten: Duration) -> Self {
        self.wachten = wachten;
        self
    }

    /// Appends `records` (consecutive volgnummers, in this order) and returns
    /// them as stored, once their batch is committed.
    pub async fn schrijf(&self, records: Vec<NieuwAuditRecord>) -> Resultaat<Vec<AuditRecord>> {
        if records.is_empty() {
            return Ok(Vec::new());
        }
        #[cfg(feature = "bench-zonder-audit")]
        if bench::uitgeschakeld() {
            return Ok(niet_opgeslagen(records));
        }
        self.stuur(records).await
    }

    async fn stuur(&self, records: Vec<NieuwAuditRecord>) -> Resultaat<Vec<AuditRecord>> {
        // The task starts on first use, in the runtime that uses the store.
        let kanaal = self.kanaal.get_or_init(|| {
            let (tx, rx) = mpsc::unbounded_channel();
            tokio::spawn(lus(rx, self.schrijver.clone(), self.wachten, self.ronde));
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

/// How long a batch waits at most for the requests that came with the
/// previous one (the `commit_delay` of PostgreSQL and InnoDB's group commit).
/// Every commit costs its fsync and, on SQLite, makes every reading
/// connection drop its page cache at its next read (BENCHMARKS.md, "A batch
/// waits for its companions"): under load fewer, larger batches leave more
/// of the cores to the requests. After a batch of one request, nothing
/// waits: one connection's requests are as fast as without the wait.
pub const SAMEN_WACHTEN: Duration = Duration::from_millis(2);

async fn lus(
    mut rx: mpsc::UnboundedReceiver<Opdracht>,
    schrijver: Schrijver,
    wachten: Duration,
    ronde: Option<Duration>,
) {
    let mut vorige = 0;
    while let Some(eerste) = volgende(&mut rx, &schrijver, ronde).await {
        let mut batch = Verzameling::default();
        batch.voeg_toe(eerste);
        batch.neem_wachtende(&mut rx);
        batch.wacht_op_gezelschap(&mut rx, vorige, wachten).await;
        vorige = batch.wachtend.len();
        batch.schrijf(&schrijver).await;
    }
}

/// The next request; meanwhile, every `ronde` without one, an empty batch
/// (which takes the outbox along). None: the store is gone.
async fn volgende(
    rx: &mut mpsc::UnboundedReceiver<Opdracht>,
    schrijver: &Schrijver,
    ronde: Option<Duration>,
) -> Option<Opdracht> {
    let Some(ronde) = ronde else {
        return rx.recv().await;
    };
    loop {
        match tokio::time::timeout(ronde, rx.recv()).await {
            Ok(opdracht) => return opdracht,
            Err(_) => {
                if let Err(e) = schrijver(Vec::new()).await {
                    tracing::warn!(fout = %e, "auditlog: de uitvoer kon niet in de keten");
                }
            }
        }
    }
}

/// The requests of one batch, with their records in arrival order.
#[derive(Default)]
struct Verzameling {
    records: Vec<NieuwAuditRecord>,
    wachtend: Vec<(usize, Antwoord)>,
}

impl Verzameling {
    fn voeg_toe(&mut self, (records, antwoord): Opdracht) {
        self.wachtend.push((records.len(), antwoord));
        self.records.extend(records);
    }

    fn vol(&self) -> bool {
        self.records.len() >= MAX_BATCH
    }

    /// Takes whatever is already waiting, up to a full batch.
    fn neem_wachtende(&mut self, rx: &mut mpsc::UnboundedReceiver<Opdracht>) {
        while !self.vol() {
            match rx.try_recv() {
                Ok(opdracht) => self.voeg_toe(opdracht),
                Err(_) => return,
            }
        }
    }

    /// Waits until as many requests as last time have joined (then the
    /// requests in flight have most likely all arrived), the batch is full,
    /// or `wachten` has passed.
    async fn wacht_op_gezelschap(
        &mut self,
        rx: &mut mpsc::UnboundedReceiver<Opdracht>,
        verwacht: usize,
        wachten: Duration,
    ) {
        let grens = tokio::time::Instant::now() + wachten;
        while self.wachtend.len() < verwacht && !self.vol() {
            match tokio::time::timeout_at(grens, rx.recv()).await {
                Ok(Some(opdracht)) => {
                    self.voeg_toe(opdracht);
                    self.neem_wachtende(rx);
                }
                Ok(None) | Err(_) => return,
            }
        }
    }

    async fn schrijf(self, schrijver: &Schrijver) {
        match schrijver(self.records).await {
            Ok(opgeslagen) => {
                let mut opgeslagen = opgeslagen.into_iter();
                for (aantal, antwoord) in self.wachtend {
                    let _ = antwoord.send(Ok(opgeslagen.by_ref().take(aantal).collect()));
                }
            }
            Err(e) => {
                let melding = e.to_string();
                for (_, antwoord) in self.wachtend {
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
}

/// Records as a batch that stores nothing returns them (the benchmark
/// switch, and the tests' writer).
#[cfg(any(test, feature = "bench-zonder-audit"))]
fn niet_opgeslagen(records: Vec<NieuwAuditRecord>) -> Vec<AuditRecord> {
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

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use tokio::sync::Notify;
    use tokio::time::Instant;

    use super::*;
    use crate::audit::Actie;

    /// The number of requests (one record each) in every batch written.
    type Grootten = Arc<Mutex<Vec<usize>>>;

    /// A sequencer whose writer notes each batch's size, and holds the first
    /// batch until `los` is notified (so that others queue behind it).
    fn sequencer(wachten: Duration, los: Arc<Notify>) -> (Sequencer, Grootten) {
        let grootten = Grootten::default();
        let gezien = grootten.clone();
        let s = Sequencer::new(move |records| {
            let (gezien, los) = (gezien.clone(), los.clone());
            Box::pin(async move {
                let eerste = {
                    let mut g = gezien.lock().expect("test");
                    g.push(records.len());
                    g.len() == 1
                };
                if eerste {
                    los.notified().await;
                }
                Ok(niet_opgeslagen(records))
            })
        })
        .met_wachttijd(wachten);
        (s, grootten)
    }

    fn verzoek(s: &Sequencer) -> tokio::task::JoinHandle<Resultaat<Vec<AuditRecord>>> {
        let s = s.clone();
        let r = NieuwAuditRecord::door_systeem("test", Actie::Lezen, "j", "t", "b", "s");
        tokio::spawn(async move { s.schrijf(vec![r]).await })
    }

    /// Lets every other task on this (single-threaded) runtime run until it
    /// waits.
    async fn laat_lopen() {
        for _ in 0..20 {
            tokio::task::yield_now().await;
        }
    }

    /// One request alone, held in its batch while `n` more queue behind
    /// it; then both batches are let through, each request gets its record.
    async fn eerst_een_batch_van(s: &Sequencer, los: &Notify, n: usize) {
        let eerste = verzoek(s);
        laat_lopen().await;
        let achter: Vec<_> = (0..n).map(|_| verzoek(s)).collect();
        laat_lopen().await;
        los.notify_one();
        for h in std::iter::once(eerste).chain(achter) {
            assert_eq!(h.await.expect("taak").expect("batch").len(), 1);
        }
    }

    /// Three requests queue behind a held batch and form the next batch;
    /// then a batch that starts with one request waits for two more to
    /// join instead of committing alone.
    #[tokio::test(start_paused = true)]
    async fn een_batch_wacht_op_evenveel_verzoeken_als_de_vorige() {
        let los = Arc::new(Notify::new());
        let (s, grootten) = sequencer(Duration::from_secs(60), los.clone());
        eerst_een_batch_van(&s, &los, 3).await;
        assert_eq!(*grootten.lock().expect("test"), [1, 3]);

        let begin = Instant::now();
        let a = verzoek(&s);
        laat_lopen().await;
        assert_eq!(
            grootten.lock().expect("test").len(),
            2,
            "A waits for company"
        );
        let bc: Vec<_> = (0..2).map(|_| verzoek(&s)).collect();
        a.await.expect("taak").expect("batch");
        for h in bc {
            h.await.expect("taak").expect("batch");
        }
        assert_eq!(*grootten.lock().expect("test"), [1, 3, 3]);
        assert_eq!(
            Instant::now(),
            begin,
            "no wait once the company is complete"
        );
    }

    /// A batch whose company does not come commits after the waiting time,
    /// not later; and a request after a lone one never waits.
    #[tokio::test(start_paused = true)]
    async fn een_batch_wacht_niet_langer_dan_de_wachttijd() {
        let wachten = Duration::from_millis(2);
        let los = Arc::new(Notify::new());
        let (s, grootten) = sequencer(wachten, los.clone());
        eerst_een_batch_van(&s, &los, 2).await;

        let begin = Instant::now();
        verzoek(&s).await.expect("taak").expect("batch");
        assert_eq!(
            Instant::now() - begin,
            wachten,
            "alone after a batch of two"
        );
        let begin = Instant::now();
        verzoek(&s).await.expect("taak").expect("batch");
        verzoek(&s).await.expect("taak").expect("batch");
        assert_eq!(Instant::now(), begin, "after a lone request: no wait");
        assert_eq!(*grootten.lock().expect("test"), [1, 2, 1, 1, 1]);
    }

    /// With an outbox, `bij` waits for a batch (an empty one when nothing
    /// else is waiting), and an idle sequencer writes an empty batch every
    /// `ronde` to take the outbox along; without one, `bij` writes nothing.
    #[tokio::test(start_paused = true)]
    async fn een_ronde_neemt_de_uitvoer_mee_ook_zonder_verzoeken() {
        let vrij = || {
            let los = Arc::new(Notify::new());
            los.notify_one();
            los
        };
        let (s, grootten) = sequencer(SAMEN_WACHTEN, vrij());
        let s = s.met_ronde(Duration::from_millis(100));
        s.bij().await.expect("bij");
        assert_eq!(*grootten.lock().expect("test"), [0]);
        tokio::time::sleep(Duration::from_millis(250)).await;
        assert_eq!(*grootten.lock().expect("test"), [0, 0, 0], "two rounds");

        let (zonder, grootten) = sequencer(SAMEN_WACHTEN, vrij());
        zonder.bij().await.expect("bij");
        tokio::time::sleep(Duration::from_millis(250)).await;
        assert!(grootten.lock().expect("test").is_empty());
    }
}
