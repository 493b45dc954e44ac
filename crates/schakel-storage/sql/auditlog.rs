//! The audit log's group commit and signed checkpoints (issue 15.2); the
//! chain itself is appended by `voeg_audits_toe`.

use schakel_storage::sequencer::Sequencer;
use schakel_storage::{Checkpoint, Resultaat};

use crate::motor::{BEGIN_SCHRIJF, Pool, Rij, fout, kol};
use crate::sql::kern::voeg_audits_toe;

/// The store's sequencer: each batch in one write transaction, serialised
/// with every other append (of this and, on PostgreSQL, every other
/// instance) by the engine's write lock or the chain head's row lock.
pub(crate) fn sequencer(pool: &Pool) -> Sequencer {
    let pool = pool.clone();
    Sequencer::new(move |records| {
        let pool = pool.clone();
        Box::pin(async move {
            let mut tx = pool.begin_with(BEGIN_SCHRIJF).await.map_err(fout)?;
            let opgeslagen = voeg_audits_toe(&mut tx, &records).await?;
            tx.commit().await.map_err(fout)?;
            Ok(opgeslagen)
        })
    })
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

/// Brings the schema up to date with the engine's `migraties` and returns
/// the store's audit sequencer on `pool`: what every backend does on open.
pub(crate) async fn migreer(
    migraties: &sqlx::migrate::Migrator,
    pool: &Pool,
) -> Resultaat<Sequencer> {
    migraties
        .run(pool)
        .await
        .map_err(|e| schakel_storage::OpslagFout::Database(format!("migratie: {e}")))?;
    Ok(sequencer(pool))
}
