//! The regional directory's address import on SQLite (bulk loading; the
//! rest of the directory is `crates/schakel-storage/sql/gids.rs`). It fills
//! `adres_nieuw` in transactions of one batch each (each holds the write
//! lock only briefly, so the service keeps writing meanwhile) and swaps it
//! in at the end: one short transaction drops the old table and renames the
//! new one, so readers see the old file or the new, never half of one.

use async_trait::async_trait;
use schakel_storage::gids::{Adresbestand, Adresimport, Adresrij, Importbereik};

use super::*;

/// Rows per INSERT statement: 3 parameters each, under SQLite's limit.
const PER_STATEMENT: usize = 500;

/// Holds the pool, not a connection: between batches the service (and, in
/// memory, the one connection there is) stays available.
pub(crate) struct SqliteAdresimport {
    pool: SqlitePool,
    bereik: Importbereik,
}

pub(crate) async fn begin(pool: &SqlitePool) -> Resultaat<Box<dyn Adresimport>> {
    let mut conn = pool.acquire().await.map_err(fout)?;
    for sql in [
        "DROP TABLE IF EXISTS adres_nieuw",
        "CREATE TABLE adres_nieuw (postcode INTEGER NOT NULL, huisnummer INTEGER NOT NULL, \
         buurt INTEGER NOT NULL, PRIMARY KEY (postcode, huisnummer)) WITHOUT ROWID",
    ] {
        sqlx::query(sql).execute(&mut *conn).await.map_err(fout)?;
    }
    Ok(Box::new(SqliteAdresimport {
        pool: pool.clone(),
        bereik: Importbereik::default(),
    }))
}

fn insert_sql(n: usize) -> String {
    let mut sql =
        String::from("INSERT OR IGNORE INTO adres_nieuw (postcode, huisnummer, buurt) VALUES ");
    for i in 0..n {
        sql.push_str(if i == 0 { "(?, ?, ?)" } else { ", (?, ?, ?)" });
    }
    sql
}

#[async_trait]
impl Adresimport for SqliteAdresimport {
    async fn voeg_toe(&mut self, rijen: &[Adresrij]) -> Resultaat<u64> {
        self.bereik.zie(rijen);
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(fout)?;
        let vol = insert_sql(PER_STATEMENT);
        let mut nieuw = 0;
        for deel in rijen.chunks(PER_STATEMENT) {
            let sql = if deel.len() == PER_STATEMENT {
                vol.clone()
            } else {
                insert_sql(deel.len())
            };
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for r in deel {
                q = q
                    .bind(i64::from(r.postcode))
                    .bind(i64::from(r.huisnummer))
                    .bind(i64::from(r.buurt.getal()));
            }
            nieuw += q.execute(&mut *tx).await.map_err(fout)?.rows_affected();
        }
        tx.commit().await.map_err(fout)?;
        Ok(nieuw)
    }

    fn vervang_alles(&mut self) {
        self.bereik.vervang_alles();
    }

    async fn voltooi(
        mut self: Box<Self>,
        bron: &str,
        jaar: Option<i32>,
    ) -> Resultaat<Adresbestand> {
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(fout)?;
        let bestand =
            crate::sql::gids::vervang_adressen(&mut tx, bron, jaar, &[], &self.bereik).await?;
        tx.commit().await.map_err(fout)?;
        Ok(bestand)
    }
}
