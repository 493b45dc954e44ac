//! The rule versions every instance on this database must serve (issue
//! 15.3): read, recorded on the first start, replaced by a publication.

use schakel_storage::{
    NieuwAuditRecord, Regelversie, Resultaat, VastgelegdeRegelversie, Vastlegging,
};

use crate::motor::{Rij, Verbinding, fout, kol, tijd, tijd_db};
use crate::sql::kern::voeg_audit_toe;

pub(crate) async fn lees(c: &mut Verbinding) -> Resultaat<Vec<VastgelegdeRegelversie>> {
    sqlx::query("SELECT regio, vingerafdruk, vastgelegd FROM regelversie ORDER BY regio")
        .fetch_all(&mut *c)
        .await
        .map_err(fout)?
        .iter()
        .map(uit)
        .collect()
}

fn uit(r: &Rij) -> Resultaat<VastgelegdeRegelversie> {
    Ok(VastgelegdeRegelversie {
        versie: Regelversie {
            regio: kol(r, "regio")?,
            vingerafdruk: kol(r, "vingerafdruk")?,
        },
        vastgelegd: tijd(r, "vastgelegd")?,
    })
}

/// Inside the caller's write transaction. Two instances that record their
/// first versions at the same moment cannot both win a region (its key);
/// the loser then finds the winner's versions and compares.
pub(crate) async fn leg_vast(
    c: &mut Verbinding,
    versies: &[Regelversie],
    wijze: Vastlegging,
    audit: &NieuwAuditRecord,
) -> Resultaat<Vec<VastgelegdeRegelversie>> {
    let schrijven = match wijze {
        Vastlegging::Eerste => lees(c).await?.is_empty(),
        Vastlegging::Publicatie => {
            sqlx::query("DELETE FROM regelversie")
                .execute(&mut *c)
                .await
                .map_err(fout)?;
            true
        }
    };
    if schrijven && !versies.is_empty() {
        let nu = &tijd_db(&audit.tijdstip);
        for v in versies {
            sqlx::query(
                "INSERT INTO regelversie (regio, vingerafdruk, vastgelegd) VALUES ($1, $2, $3) \
                 ON CONFLICT (regio) DO NOTHING",
            )
            .bind(&v.regio)
            .bind(&v.vingerafdruk)
            .bind(nu)
            .execute(&mut *c)
            .await
            .map_err(fout)?;
        }
        voeg_audit_toe(c, audit).await?;
    }
    lees(c).await
}
