//! The regional directory's address import on PostgreSQL (bulk loading;
//! the rest of the directory is `crates/schakel-storage/sql/gids.rs`). It streams
//! batches with COPY into `adres_nieuw` (no index yet: building the primary
//! key once at the end is faster than keeping it up), then builds the key
//! and swaps the table in with one short transaction, so readers see the old
//! file or the new, never half of one. COPY cannot skip a repeated address,
//! so the import keeps the keys it has seen.

use async_trait::async_trait;
use schakel_storage::gids::{Adresbestand, Adresimport, Adresrij, Importbereik};
use std::collections::HashSet;
use std::fmt::Write as _;

use schakel_storage::gids::adressleutel;
use sqlx::pool::PoolConnection;

use super::*;

pub(crate) struct PgAdresimport {
    conn: PoolConnection<Postgres>,
    gezien: HashSet<u64>,
    bereik: Importbereik,
}

pub(crate) async fn begin(pool: &PgPool) -> Resultaat<Box<dyn Adresimport>> {
    let mut conn = pool.acquire().await.map_err(fout)?;
    for sql in [
        "DROP TABLE IF EXISTS adres_nieuw",
        "CREATE TABLE adres_nieuw (postcode INTEGER NOT NULL, huisnummer INTEGER NOT NULL, \
         buurt INTEGER NOT NULL)",
    ] {
        sqlx::query(sql).execute(&mut *conn).await.map_err(fout)?;
    }
    Ok(Box::new(PgAdresimport {
        conn,
        gezien: HashSet::new(),
        bereik: Importbereik::default(),
    }))
}

#[async_trait]
impl Adresimport for PgAdresimport {
    async fn voeg_toe(&mut self, rijen: &[Adresrij]) -> Resultaat<u64> {
        self.bereik.zie(rijen);
        let mut tekst = String::with_capacity(rijen.len() * 24);
        let mut nieuw = 0;
        for r in rijen {
            if self.gezien.insert(adressleutel(r)) {
                nieuw += 1;
                // COPY's text format: tab-separated, one row per line.
                let _ = writeln!(
                    tekst,
                    "{}\t{}\t{}",
                    r.postcode,
                    r.huisnummer,
                    r.buurt.getal()
                );
            }
        }
        let mut copy = self
            .conn
            .copy_in_raw("COPY adres_nieuw (postcode, huisnummer, buurt) FROM STDIN")
            .await
            .map_err(fout)?;
        copy.send(tekst.as_bytes()).await.map_err(fout)?;
        copy.finish().await.map_err(fout)?;
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
        sqlx::query("ALTER TABLE adres_nieuw ADD CONSTRAINT adres_nieuw_pkey PRIMARY KEY (postcode, huisnummer)")
            .execute(&mut *self.conn)
            .await
            .map_err(fout)?;
        let mut tx = sqlx::Connection::begin(&mut *self.conn)
            .await
            .map_err(fout)?;
        let bestand = crate::sql::gids::vervang_adressen(
            &mut tx,
            bron,
            jaar,
            &["ALTER TABLE adres RENAME CONSTRAINT adres_nieuw_pkey TO adres_pkey"],
            &self.bereik,
        )
        .await?;
        tx.commit().await.map_err(fout)?;
        // The new table's statistics, for the lookups' plan.
        sqlx::query("ANALYZE adres")
            .execute(&mut *self.conn)
            .await
            .map_err(fout)?;
        Ok(bestand)
    }
}
