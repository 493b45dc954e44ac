//! The names of CBS's areas (issue 16.3): gemeenten, wijken and buurten by
//! code, so that pages show "Almere" rather than "GM0034". An import
//! replaces the names of the gemeenten it holds and keeps the others'.

use schakel_domain::gids::Gebiedcode;
use schakel_storage::{Gebiednaam, NieuwAuditRecord, Resultaat};

use crate::motor::{Pool, Verbinding, fout, kol};
use crate::sql::kern::voeg_audit_toe;
use crate::sql::rij::geparst;

pub(crate) async fn zet(
    c: &mut Verbinding,
    namen: &[Gebiednaam],
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    let gemeenten: std::collections::BTreeSet<u32> =
        namen.iter().map(|n| n.code.gemeentegetal()).collect();
    for g in gemeenten {
        sqlx::query("DELETE FROM gebiednaam WHERE gemeente = $1")
            .bind(g as i32)
            .execute(&mut *c)
            .await
            .map_err(fout)?;
    }
    for n in namen {
        sqlx::query(
            "INSERT INTO gebiednaam (code, naam, soort, ouder, gemeente) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (code) DO UPDATE SET naam = excluded.naam",
        )
        .bind(n.code.to_string())
        .bind(&n.naam)
        .bind(n.code.soort().naam())
        .bind(n.code.ouder().map(|o| o.to_string()))
        .bind(n.code.gemeentegetal() as i32)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    }
    voeg_audit_toe(c, audit).await?;
    Ok(())
}

pub(crate) async fn lijst(pool: &Pool) -> Resultaat<Vec<Gebiednaam>> {
    sqlx::query("SELECT code, naam FROM gebiednaam ORDER BY code")
        .fetch_all(pool)
        .await
        .map_err(fout)?
        .iter()
        .map(|r| {
            Ok(Gebiednaam {
                code: geparst(r, "code", Gebiedcode::parse)?,
                naam: kol(r, "naam")?,
            })
        })
        .collect()
}
