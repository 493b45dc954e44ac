//! The audit log's group commit and signed checkpoints (issue 15.2); the
//! chain itself is appended by `voeg_audits_toe`.

use schakel_storage::sequencer::Sequencer;
use schakel_storage::{Checkpoint, Resultaat};

use crate::motor::{BEGIN_SCHRIJF, Pool, Rij, fout, kol, schrijf_audits_na_kop};
use crate::sql::kern::{keten, kop_na, voeg_audits_toe};

/// The chain head this sequencer wrote last: (volgnummer, hash).
type Kop = std::sync::Arc<std::sync::Mutex<Option<(i64, String)>>>;

/// The store's sequencer: each batch appended and committed at once,
/// serialised with every other append (of this and, on PostgreSQL, every
/// other instance) by the engine's write lock or the chain head's row lock.
///
/// The batch is hashed onto the head this sequencer wrote last, before any
/// lock, and written together with the head's update only if the head is
/// still that one (on PostgreSQL one statement, its own transaction: one
/// round trip). Otherwise — another instance or a write's own transaction
/// appended since — it is appended the long way: read and lock the head,
/// hash, write, update the head, commit.
pub(crate) fn sequencer(pool: &Pool) -> Sequencer {
    let pool = pool.clone();
    let kop = Kop::default();
    Sequencer::new(move |records| {
        let (pool, kop) = (pool.clone(), kop.clone());
        Box::pin(async move {
            let uit = voeg_batch_toe(&pool, &kop, &records).await;
            *kop.lock().unwrap_or_else(|v| v.into_inner()) =
                uit.as_ref().ok().and_then(|o| kop_na(o));
            uit
        })
    })
}

async fn voeg_batch_toe(
    pool: &Pool,
    kop: &Kop,
    records: &[schakel_storage::NieuwAuditRecord],
) -> Resultaat<Vec<schakel_storage::AuditRecord>> {
    let bekend = kop.lock().unwrap_or_else(|v| v.into_inner()).clone();
    if let Some((volgnummer, hash)) = bekend {
        let opgeslagen = keten(volgnummer, &hash, records)?;
        if schrijf_audits_na_kop(pool, (volgnummer, &hash), &opgeslagen).await? {
            return Ok(opgeslagen);
        }
    }
    let mut tx = pool.begin_with(BEGIN_SCHRIJF).await.map_err(fout)?;
    let opgeslagen = voeg_audits_toe(&mut tx, records).await?;
    tx.commit().await.map_err(fout)?;
    Ok(opgeslagen)
}

pub(crate) async fn schrijf_checkpoint(pool: &Pool, c: &Checkpoint) -> Resultaat<()> {
    sqlx::query(
        "INSERT INTO audit_checkpoint (grootte, wortel, kop, tijdstip, rand, sleutel, handtekening) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (grootte) DO NOTHING",
    )
    .bind(c.grootte)
    .bind(&c.wortel)
    .bind(&c.kop)
    .bind(&c.tijdstip)
    .bind(c.rand_json())
    .bind(&c.sleutel)
    .bind(&c.handtekening)
    .execute(pool)
    .await
    .map_err(fout)?;
    Ok(())
}

const KOLOMMEN: &str =
    "SELECT grootte, wortel, kop, tijdstip, rand, sleutel, handtekening FROM audit_checkpoint";

pub(crate) async fn checkpoints(pool: &Pool) -> Resultaat<Vec<Checkpoint>> {
    sqlx::query(sqlx::AssertSqlSafe(format!("{KOLOMMEN} ORDER BY grootte")))
        .fetch_all(pool)
        .await
        .map_err(fout)?
        .iter()
        .map(uit)
        .collect()
}

pub(crate) async fn laatste_checkpoint(pool: &Pool) -> Resultaat<Option<Checkpoint>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{KOLOMMEN} ORDER BY grootte DESC LIMIT 1"
    )))
    .fetch_optional(pool)
    .await
    .map_err(fout)?
    .as_ref()
    .map(uit)
    .transpose()
}

fn uit(r: &Rij) -> Resultaat<Checkpoint> {
    let rand: String = kol(r, "rand")?;
    Ok(Checkpoint {
        grootte: kol(r, "grootte")?,
        wortel: kol(r, "wortel")?,
        kop: kol(r, "kop")?,
        tijdstip: kol(r, "tijdstip")?,
        rand: Checkpoint::rand_uit_json(&rand),
        sleutel: kol(r, "sleutel")?,
        handtekening: kol(r, "handtekening")?,
    })
}

/// A pool of one connection with `pool`'s settings, opened on first use:
/// the sequencer's own connection (see [`migreer`]).
pub(crate) fn eigen_verbinding(pool: &Pool, wachttijd: std::time::Duration) -> Pool {
    sqlx::pool::PoolOptions::new()
        .max_connections(1)
        .acquire_timeout(wachttijd)
        .connect_lazy_with((*pool.connect_options()).clone())
}

/// Brings the schema up to date with the engine's `migraties` on `pool` and
/// returns the store's audit sequencer on `schrijfpool`: what every backend
/// does on open. The sequencer has a connection of its own (a pool of one)
/// so that a batch never queues behind the requests it answers for a
/// connection of the shared pool: with 32 requests waiting for 8
/// connections, every batch — and so every request in it — would wait for
/// the reads ahead of it first.
pub(crate) async fn migreer(
    migraties: &sqlx::migrate::Migrator,
    pool: &Pool,
    schrijfpool: &Pool,
) -> Resultaat<Sequencer> {
    migraties
        .run(pool)
        .await
        .map_err(|e| schakel_storage::OpslagFout::Database(format!("migratie: {e}")))?;
    Ok(sequencer(schrijfpool))
}
