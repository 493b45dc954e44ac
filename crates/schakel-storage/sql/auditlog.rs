//! The audit log's group commit and signed checkpoints (issue 15.2); the
//! chain itself is appended by `voeg_audits_toe`.

use std::future::Future;

use schakel_storage::sequencer::Sequencer;
use schakel_storage::{AuditRecord, AuditSchakel, Checkpoint, Resultaat};

use crate::motor::{BEGIN_SCHRIJF, Pool, Rij, fout, kol, schrijf_audits_na_kop};
use crate::sql::kern::{audit_als_json, audits_uit_json, keten, kop_na, voeg_audits_toe};

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

/// At most `aantal` records from `vanaf` on, oldest first, read window by
/// window (`lees(van, tot)` gives the records `van ..= tot` in both forms):
/// in an intact log, with consecutive volgnummers, exactly the next
/// `aantal`. A window without records moves on to the next record that
/// exists, so a reader never takes a gap for the end of the log.
pub(crate) async fn venster<T, Fut>(
    pool: &Pool,
    vanaf: i64,
    aantal: i64,
    lees: impl Fn(i64, i64) -> Fut,
) -> Resultaat<Vec<T>>
where
    Fut: Future<Output = Resultaat<Vec<T>>>,
{
    if aantal <= 0 {
        return Ok(Vec::new());
    }
    let mut van = vanaf;
    loop {
        let tot = van.saturating_add(aantal - 1);
        let gelezen = lees(van, tot).await?;
        if !gelezen.is_empty() || tot == i64::MAX {
            return Ok(gelezen);
        }
        match eerste_na(pool, tot).await? {
            Some(volgende) => van = volgende,
            None => return Ok(gelezen),
        }
    }
}

/// The lowest volgnummer above `na` that a row or a batch may hold.
async fn eerste_na(pool: &Pool, na: i64) -> Resultaat<Option<i64>> {
    sqlx::query_scalar(
        "SELECT min(v) FROM ( \
           SELECT min(volgnummer) AS v FROM audit WHERE volgnummer > $1 \
           UNION ALL \
           SELECT min(CASE WHEN eerste > $1 THEN eerste ELSE $1 + 1 END) FROM audit_pak \
             WHERE laatste > $1) n",
    )
    .bind(na)
    .fetch_one(pool)
    .await
    .map_err(fout)
}

/// Records `vanaf ..= tot`, rows and batches, oldest first.
pub(crate) async fn records_tussen(
    pool: &Pool,
    vanaf: i64,
    tot: i64,
) -> Resultaat<Vec<AuditRecord>> {
    let rijen = sqlx::query_scalar(sqlx::AssertSqlSafe(audit_als_json(
        "WHERE volgnummer BETWEEN $1 AND $2",
    )))
    .bind(vanaf)
    .bind(tot)
    .fetch_one(pool)
    .await
    .map_err(fout)?;
    samen(rijen, uit_pakken_tussen(pool, vanaf, tot).await?)
}

/// The rows (as [`audit_als_json`] gives them) and the records read from
/// batches, by volgnummer.
fn samen(rijen: Option<String>, uit_pakken: Vec<AuditRecord>) -> Resultaat<Vec<AuditRecord>> {
    let mut records = audits_uit_json(rijen)?;
    records.extend(uit_pakken);
    records.sort_by_key(|r| r.volgnummer);
    Ok(records)
}

/// The links of records `vanaf ..= tot` (volgnummer, previous hash, hash),
/// rows and batches, oldest first. Rows give only their links; a batch is
/// read whole.
pub(crate) async fn schakels_tussen(
    pool: &Pool,
    vanaf: i64,
    tot: i64,
) -> Resultaat<Vec<AuditSchakel>> {
    let mut schakels = sqlx::query(
        "SELECT volgnummer, vorige_hash, hash FROM audit \
         WHERE volgnummer BETWEEN $1 AND $2 ORDER BY volgnummer",
    )
    .bind(vanaf)
    .bind(tot)
    .fetch_all(pool)
    .await
    .map_err(fout)?
    .iter()
    .map(|r| {
        Ok(AuditSchakel {
            volgnummer: kol(r, "volgnummer")?,
            vorige_hash: kol(r, "vorige_hash")?,
            hash: kol(r, "hash")?,
        })
    })
    .collect::<Resultaat<Vec<_>>>()?;
    schakels.extend(
        uit_pakken_tussen(pool, vanaf, tot)
            .await?
            .into_iter()
            .map(|r| AuditSchakel {
                volgnummer: r.volgnummer,
                vorige_hash: r.vorige_hash,
                hash: r.hash,
            }),
    );
    schakels.sort_by_key(|s| s.volgnummer);
    Ok(schakels)
}

/// The records `vanaf ..= tot` that batches hold.
async fn uit_pakken_tussen(pool: &Pool, vanaf: i64, tot: i64) -> Resultaat<Vec<AuditRecord>> {
    let pakken: Vec<String> = sqlx::query_scalar(
        "SELECT records FROM audit_pak WHERE laatste >= $1 AND eerste <= $2 ORDER BY eerste",
    )
    .bind(vanaf)
    .bind(tot)
    .fetch_all(pool)
    .await
    .map_err(fout)?;
    uit_pakken(pakken, |r| (vanaf..=tot).contains(&r.volgnummer))
}

fn uit_pakken(
    pakken: Vec<String>,
    houd: impl Fn(&AuditRecord) -> bool,
) -> Resultaat<Vec<AuditRecord>> {
    let mut records = Vec::new();
    for pak in pakken {
        records.extend(audits_uit_json(Some(pak))?.into_iter().filter(&houd));
    }
    Ok(records)
}

/// Every record about the jeugdige with `pseudoniem`, rows and batches,
/// oldest first: the batches through `audit_pak_client`.
pub(crate) async fn records_voor_client(
    pool: &Pool,
    pseudoniem: &str,
) -> Resultaat<Vec<AuditRecord>> {
    let rijen = sqlx::query_scalar(sqlx::AssertSqlSafe(audit_als_json("WHERE client = $1")))
        .bind(pseudoniem)
        .fetch_one(pool)
        .await
        .map_err(fout)?;
    let pakken: Vec<String> = sqlx::query_scalar(
        "SELECT records FROM audit_pak \
         WHERE eerste IN (SELECT pak FROM audit_pak_client WHERE client = $1) ORDER BY eerste",
    )
    .bind(pseudoniem)
    .fetch_all(pool)
    .await
    .map_err(fout)?;
    samen(
        rijen,
        uit_pakken(pakken, |r| r.record.client.as_deref() == Some(pseudoniem))?,
    )
}
