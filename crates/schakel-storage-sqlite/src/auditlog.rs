//! The audit log's group commit and signed checkpoints on SQLite (issue
//! 15.2); the chain itself is appended by `voeg_audits_toe`.

use schakel_storage::sequencer::Sequencer;
use schakel_storage::{Checkpoint, Resultaat};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqlitePool};

use crate::{db, voeg_audits_toe};

/// The store's sequencer: each batch in one `BEGIN IMMEDIATE` transaction.
pub(crate) fn sequencer(pool: &SqlitePool) -> Sequencer {
    let pool = pool.clone();
    Sequencer::new(move |records| {
        let pool = pool.clone();
        Box::pin(async move {
            let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(db)?;
            let opgeslagen = voeg_audits_toe(&mut tx, &records).await?;
            tx.commit().await.map_err(db)?;
            Ok(opgeslagen)
        })
    })
}

pub(crate) async fn schrijf_checkpoint(pool: &SqlitePool, c: &Checkpoint) -> Resultaat<()> {
    sqlx::query(
        "INSERT INTO audit_checkpoint (grootte, wortel, kop, tijdstip, rand, sleutel, handtekening) \
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (grootte) DO NOTHING",
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
    .map_err(db)?;
    Ok(())
}

const KOLOMMEN: &str =
    "SELECT grootte, wortel, kop, tijdstip, rand, sleutel, handtekening FROM audit_checkpoint";

pub(crate) async fn checkpoints(pool: &SqlitePool) -> Resultaat<Vec<Checkpoint>> {
    sqlx::query(sqlx::AssertSqlSafe(format!("{KOLOMMEN} ORDER BY grootte")))
        .fetch_all(pool)
        .await
        .map_err(db)?
        .iter()
        .map(uit)
        .collect()
}

pub(crate) async fn laatste_checkpoint(pool: &SqlitePool) -> Resultaat<Option<Checkpoint>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{KOLOMMEN} ORDER BY grootte DESC LIMIT 1"
    )))
    .fetch_optional(pool)
    .await
    .map_err(db)?
    .as_ref()
    .map(uit)
    .transpose()
}

fn uit(r: &SqliteRow) -> Resultaat<Checkpoint> {
    let rand: String = r.try_get("rand").map_err(db)?;
    Ok(Checkpoint {
        grootte: r.try_get("grootte").map_err(db)?,
        wortel: r.try_get("wortel").map_err(db)?,
        kop: r.try_get("kop").map_err(db)?,
        tijdstip: r.try_get("tijdstip").map_err(db)?,
        rand: Checkpoint::rand_uit_json(&rand),
        sleutel: r.try_get("sleutel").map_err(db)?,
        handtekening: r.try_get("handtekening").map_err(db)?,
    })
}
