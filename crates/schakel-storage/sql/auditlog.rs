//! The audit log's group commit and signed checkpoints (issue 15.2); the
//! chain itself is appended by `voeg_audits_toe`.

use std::future::Future;

use schakel_storage::pak::{PakInhoud, pak_json, pak_lz4};
use schakel_storage::sequencer::Sequencer;
use schakel_storage::{AuditRecord, AuditSchakel, Checkpoint, Resultaat};

use crate::motor::{BATCH_NA_KOP, BEGIN_SCHRIJF, Pool, Rij, UITVOER, fout, kol, pak_clients_param};
use crate::sql::kern::{
    audit_als_json, audit_als_json_tekst, audits_uit_json, audits_uit_tekst, keten, kop_na,
    los_van_keten, schakels_uit_tekst, voeg_audits_toe,
};

/// What a row of `audit_pak` gives [`pak_json`]: its text (batches from
/// before `records_lz4`) and its compressed JSON.
const PAK_INHOUD: &str = "records, records_lz4";

/// Where [`pakken_tussen`] finds the batches holding records `$1 ..= $2`.
/// Bounded below by a key, not by `laatste >= $1`: with that, SQLite (no
/// statistics) ranged over the key from the first batch, every checkpoint
/// and every window of a verification read every batch before its own, and
/// a log of small batches took quadratic time to verify (BENCHMARKS.md,
/// "A batch range bounded on both sides").
pub(crate) const PAKKEN_TUSSEN: &str = "FROM audit_pak \
     WHERE eerste >= coalesce((SELECT eerste FROM audit_pak WHERE eerste <= $1 \
                               ORDER BY eerste DESC LIMIT 1), 0) \
       AND eerste <= $2 AND laatste >= $1 ORDER BY eerste";

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
/// appended since — it is hashed again onto the head as it now reads and
/// tried once more, up to [`OPNIEUW`] times, then appended the long way:
/// read and lock the head, hash, write, update the head, commit (as rows;
/// also the first batch after a start, which knows no head yet).
///
/// Where writes leave their records in an outbox (`motor::UITVOER`: SQLite,
/// the chain in a file of its own, `pool` on it), every batch may first take
/// them from the outbox in the database file (`uitvoer` on it) into the
/// chain, ahead of its own.
pub(crate) fn sequencer(pool: &Pool, uitvoer: &Pool) -> Sequencer {
    let pool = pool.clone();
    let kop = Kop::default();
    let uitvoer = UITVOER.then(|| {
        std::sync::Arc::new(Uitvoer {
            pool: uitvoer.clone(),
            stand: std::sync::Mutex::new((u64::MAX, std::time::Instant::now())),
        })
    });
    let volger = std::sync::Arc::new(schakel_storage::boomvolger::Boomvolger::default());
    let boom = volger.clone();
    let s = Sequencer::new(move |records| {
        let (pool, kop, uitvoer, boom) = (pool.clone(), kop.clone(), uitvoer.clone(), boom.clone());
        Box::pin(async move {
            let (mut opgeslagen, eigen_vanaf) = match &uitvoer {
                Some(u) => voeg_batch_met_uitvoer_toe(&pool, u, &kop, records).await?,
                None => (voeg_batch_toe(&pool, &kop, records).await?, 0),
            };
            if let Some(nieuw) = kop_na(&opgeslagen) {
                *kop.lock().unwrap_or_else(|v| v.into_inner()) = Some(nieuw);
            }
            boom.na_append(&opgeslagen);
            Ok(opgeslagen.split_off(eigen_vanaf))
        })
    })
    .met_volger(volger);
    if UITVOER {
        s.met_ronde(UITVOER_RONDE)
    } else {
        s
    }
}

/// How many rows this process's writes have put in an outbox: a batch
/// looks in the outbox only when this changed since it last looked, or
/// [`UITVOER_RONDE`] has passed, or it is an empty batch (a round, or
/// [`Sequencer::bij`]). A write counts before it commits, so a batch may
/// look too early and miss it; the next look within the round takes it.
pub(crate) static UITVOER_GESCHREVEN: std::sync::atomic::AtomicU64 =
    std::sync::atomic::AtomicU64::new(0);

/// The outbox's connection, and what the count was when a batch last
/// looked, and when.
struct Uitvoer {
    pool: Pool,
    stand: std::sync::Mutex<(u64, std::time::Instant)>,
}

impl Uitvoer {
    /// Whether this batch looks in the outbox (see [`UITVOER_GESCHREVEN`]);
    /// if so, notes that it did.
    fn kijken(&self, leeg: bool) -> bool {
        let nu = UITVOER_GESCHREVEN.load(std::sync::atomic::Ordering::Acquire);
        let mut stand = self.stand.lock().unwrap_or_else(|v| v.into_inner());
        let kijken = leeg || stand.0 != nu || stand.1.elapsed() >= UITVOER_RONDE;
        if kijken {
            *stand = (nu, std::time::Instant::now());
        }
        kijken
    }
}

/// How long a write's record waits in the outbox at most when no request
/// comes to take it along.
const UITVOER_RONDE: std::time::Duration = std::time::Duration::from_millis(100);

/// How often a batch is hashed again onto the head as it now reads, when
/// another append came first, before it takes the long way. With several
/// instances on one database nearly every batch finds the head moved by
/// another one; the long way would store those batches as rows, holding
/// the head's lock over four round trips (BENCHMARKS.md, "The batches
/// compressed on PostgreSQL too").
const OPNIEUW: usize = 2;

async fn voeg_batch_toe(
    pool: &Pool,
    kop: &Kop,
    mut records: Vec<schakel_storage::NieuwAuditRecord>,
) -> Resultaat<Vec<schakel_storage::AuditRecord>> {
    let mut bekend = kop.lock().unwrap_or_else(|v| v.into_inner()).clone();
    let mut pogingen = 0;
    while let Some((volgnummer, hash)) = bekend {
        let opgeslagen = keten(volgnummer, &hash, records);
        if schrijf_batch_na_kop(pool, (volgnummer, &hash), &opgeslagen).await? {
            return Ok(opgeslagen);
        }
        records = los_van_keten(opgeslagen);
        pogingen += 1;
        bekend = if pogingen > OPNIEUW {
            None
        } else {
            sqlx::query_as("SELECT volgnummer, hash FROM audit_kop WHERE id = 1")
                .fetch_optional(pool)
                .await
                .map_err(fout)?
        };
    }
    let mut tx = pool.begin_with(BEGIN_SCHRIJF).await.map_err(fout)?;
    let opgeslagen = voeg_audits_toe(&mut tx, records).await?;
    tx.commit().await.map_err(fout)?;
    Ok(opgeslagen)
}

/// Appends `opgeslagen` (hashed onto the head `kop`) as one row of
/// `audit_pak` (see its migration), its JSON compressed (`pak_lz4`), with a
/// row of `audit_pak_client` per jeugdige it is about, and moves the head to
/// its last record, committed — only if the head is still `kop`: false
/// (nothing written) when another append came first. The head is not read
/// first. One hand-over to the engine ([`BATCH_NA_KOP`]: one statement on
/// PostgreSQL, one script on SQLite). A script that fails part-way leaves
/// its transaction open, so its connection is closed, which rolls it back.
async fn schrijf_batch_na_kop(
    pool: &Pool,
    kop: (i64, &str),
    opgeslagen: &[schakel_storage::AuditRecord],
) -> Resultaat<bool> {
    let (Some(eerste), Some(laatste)) = (opgeslagen.first(), opgeslagen.last()) else {
        return Ok(true);
    };
    let clients = pak_clients_param(opgeslagen)?;
    let pak = pak_lz4(&audit_als_json_tekst(opgeslagen)?);
    let mut c = pool.acquire().await.map_err(fout)?;
    let verplaatst = sqlx::query(BATCH_NA_KOP)
        .bind(laatste.volgnummer)
        .bind(&laatste.hash)
        .bind(kop.0)
        .bind(kop.1)
        .bind(eerste.volgnummer)
        .bind(pak)
        .bind(clients)
        .fetch_all(&mut *c)
        .await;
    match verplaatst {
        Ok(rijen) => Ok(!rijen.is_empty()),
        Err(e) => {
            c.close_on_drop();
            Err(fout(e))
        }
    }
}

/// The batch with the outbox's records ahead of `records`, and where
/// `records` begin among what was stored. The outbox rows are deleted only
/// after the chain's transaction, which notes the last of them in
/// `audit_uitvoer`, has committed: after a crash in between, rows up to that
/// one are recognised and not chained twice.
async fn voeg_batch_met_uitvoer_toe(
    pool: &Pool,
    uitvoer: &Uitvoer,
    kop: &Kop,
    records: Vec<schakel_storage::NieuwAuditRecord>,
) -> Resultaat<(Vec<schakel_storage::AuditRecord>, usize)> {
    if !uitvoer.kijken(records.is_empty()) {
        return Ok((voeg_batch_toe(pool, kop, records).await?, 0));
    }
    let uitvoer = &uitvoer.pool;
    let rijen: Vec<(i64, String)> = sqlx::query_as("SELECT id, records FROM audit_uit ORDER BY id")
        .fetch_all(uitvoer)
        .await
        .map_err(fout)?;
    let Some(laatste) = rijen.last().map(|(id, _)| *id) else {
        return Ok((voeg_batch_toe(pool, kop, records).await?, 0));
    };
    let mut tx = pool.begin_with(BEGIN_SCHRIJF).await.map_err(fout)?;
    let al: Option<i64> = sqlx::query_scalar("SELECT tot FROM audit_uitvoer WHERE id = 1")
        .fetch_optional(&mut *tx)
        .await
        .map_err(fout)?;
    let mut alle = Vec::new();
    for (_, json) in rijen.into_iter().filter(|(id, _)| *id > al.unwrap_or(0)) {
        alle.extend(audits_uit_json(Some(json))?.into_iter().map(|a| a.record));
    }
    let eigen_vanaf = alle.len();
    alle.extend(records);
    let opgeslagen = voeg_audits_toe(&mut tx, alle).await?;
    sqlx::query(
        "INSERT INTO audit_uitvoer (id, tot) VALUES (1, $1) \
         ON CONFLICT (id) DO UPDATE SET tot = excluded.tot",
    )
    .bind(laatste)
    .execute(&mut *tx)
    .await
    .map_err(fout)?;
    tx.commit().await.map_err(fout)?;
    sqlx::query("DELETE FROM audit_uit WHERE id <= $1")
        .bind(laatste)
        .execute(uitvoer)
        .await
        .map_err(fout)?;
    Ok((opgeslagen, eigen_vanaf))
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

/// Brings the schema up to date with the engine's `migraties` on `pool`:
/// what every backend does on open. The store's sequencer
/// ([`sequencer`]) then gets a connection of its own (a pool of one) so
/// that a batch never queues behind the requests it answers for a
/// connection of the shared pool: with 32 requests waiting for 8
/// connections, every batch — and so every request in it — would wait for
/// the reads ahead of it first.
pub(crate) async fn migreer(migraties: &sqlx::migrate::Migrator, pool: &Pool) -> Resultaat<()> {
    migraties
        .run(pool)
        .await
        .map_err(|e| schakel_storage::OpslagFout::Database(format!("migratie: {e}")))
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

/// The lowest volgnummer above `na` that a row or a batch may hold. Each
/// side reads one entry of its key (batches do not overlap, so the one that
/// ends first after `na` also begins first), not every one after `na`.
async fn eerste_na(pool: &Pool, na: i64) -> Resultaat<Option<i64>> {
    sqlx::query_scalar(
        "SELECT min(v) FROM ( \
           SELECT (SELECT volgnummer FROM audit WHERE volgnummer > $1 \
                   ORDER BY volgnummer LIMIT 1) AS v \
           UNION ALL \
           SELECT (SELECT CASE WHEN eerste > $1 THEN eerste ELSE $1 + 1 END FROM audit_pak \
                   WHERE laatste > $1 ORDER BY laatste LIMIT 1)) n",
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
    let pakken = pakken_tussen(pool, vanaf, tot).await?;
    samen(
        rijen,
        uit_pakken(pakken, audits_uit_tekst, |r| {
            (vanaf..=tot).contains(&r.volgnummer)
        })?,
    )
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
/// rows and batches, oldest first: of each only the link is read, a
/// batch's records' content is skipped.
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
    schakels.extend(uit_pakken(
        pakken_tussen(pool, vanaf, tot).await?,
        schakels_uit_tekst,
        |s| (vanaf..=tot).contains(&s.volgnummer),
    )?);
    schakels.sort_by_key(|s| s.volgnummer);
    Ok(schakels)
}

/// The batches that hold any of the records `vanaf ..= tot`: a range of
/// the primary key bounded on both sides, from the batch that begins last
/// at or before `vanaf` (see [`PAKKEN_TUSSEN`]).
async fn pakken_tussen(pool: &Pool, vanaf: i64, tot: i64) -> Resultaat<Vec<PakInhoud>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PAK_INHOUD} {PAKKEN_TUSSEN}"
    )))
    .bind(vanaf)
    .bind(tot)
    .fetch_all(pool)
    .await
    .map_err(fout)
}

/// What `lees` makes of each batch (whole records, or only their links),
/// as far as `houd` keeps it.
fn uit_pakken<T>(
    pakken: Vec<PakInhoud>,
    lees: fn(&str) -> Resultaat<Vec<T>>,
    houd: impl Fn(&T) -> bool,
) -> Resultaat<Vec<T>> {
    let mut gelezen = Vec::new();
    for pak in pakken {
        gelezen.extend(lees(&pak_json(pak)?)?.into_iter().filter(&houd));
    }
    Ok(gelezen)
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
    let pakken: Vec<PakInhoud> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {PAK_INHOUD} FROM audit_pak \
         WHERE eerste IN (SELECT pak FROM audit_pak_client WHERE client = $1) ORDER BY eerste"
    )))
    .bind(pseudoniem)
    .fetch_all(pool)
    .await
    .map_err(fout)?;
    samen(
        rijen,
        uit_pakken(pakken, audits_uit_tekst, |r| {
            r.record.client.as_deref() == Some(pseudoniem)
        })?,
    )
}
