//! The audit log's group commit and signed checkpoints on PostgreSQL (issue
//! 15.2); the chain itself is appended by `voeg_audits_toe`.

use schakel_storage::sequencer::Sequencer;
use schakel_storage::{Checkpoint, Resultaat};
use sqlx::postgres::PgRow;
use sqlx::{PgPool, Row};

use crate::{fout, voeg_audits_toe};

/// The store's sequencer: each batch in one transaction, serialised with every other
/// append (of this and every other instance) by the chain head's row lock.
pub(crate) fn sequencer(pool: &PgPool) -> Sequencer {
    let pool = pool.clone();
    Sequencer::new(move |records| {
        let pool = pool.clone();
        Box::pin(async move {
            let mut tx = pool.begin().await.map_err(fout)?;
            let opgeslagen = voeg_audits_toe(&mut tx, &records).await?;
            tx.commit().await.map_err(fout)?;
            Ok(opgeslagen)
        })
    })
}

pub(crate) async fn schrijf_checkpoint(pool: &PgPool, c: &Checkpoint) -> Resultaat<()> {
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

pub(crate) async fn checkpoints(pool: &PgPool) -> Resultaat<Vec<Checkpoint>> {
    sqlx::query(sqlx::AssertSqlSafe(format!("{KOLOMMEN} ORDER BY grootte")))
        .fetch_all(pool)
        .await
        .map_err(fout)?
        .iter()
        .map(uit)
        .collect()
}

pub(crate) async fn laatste_checkpoint(pool: &PgPool) -> Resultaat<Option<Checkpoint>> {
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

fn uit(r: &PgRow) -> Resultaat<Checkpoint> {
    let rand: String = r.try_get("rand").map_err(fout)?;
    Ok(Checkpoint {
        grootte: r.try_get("grootte").map_err(fout)?,
        wortel: r.try_get("wortel").map_err(fout)?,
        kop: r.try_get("kop").map_err(fout)?,
        tijdstip: r.try_get("tijdstip").map_err(fout)?,
        rand: Checkpoint::rand_uit_json(&rand),
        sleutel: r.try_get("sleutel").map_err(fout)?,
        handtekening: r.try_get("handtekening").map_err(fout)?,
    })
}
