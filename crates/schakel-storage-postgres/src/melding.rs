//! Several `schakel serve` instances on one database (issue 15.3): a change
//! of the regional directory, or a publication of new rule versions, is
//! announced on a PostgreSQL channel, and every instance that listens acts
//! at once: it drops its cached directory snapshot instead of waiting for
//! its refresh interval, or reports that its rules are out of date.

use sqlx::postgres::PgListener;

use schakel_storage::Resultaat;
use sqlx::PgPool;

use crate::motor::fout;

/// The channel directory changes are announced on.
pub(crate) const GIDS: &str = "schakel_gids";
/// The channel rule publications are announced on.
pub(crate) const REGELS: &str = "schakel_regels";

pub(crate) async fn meld(pool: &PgPool, kanaal: &str) -> Resultaat<()> {
    sqlx::query("SELECT pg_notify($1, '')")
        .bind(kanaal)
        .execute(pool)
        .await
        .map_err(fout)?;
    Ok(())
}

/// Listens on `kanaal` on a connection of its own, forwarding each
/// announcement; ends when the receiver is dropped. `PgListener` reconnects
/// by itself after a lost connection; that is forwarded as a change.
pub(crate) async fn volg(
    pool: &PgPool,
    kanaal: &'static str,
) -> Resultaat<tokio::sync::mpsc::Receiver<()>> {
    let mut luisteraar = PgListener::connect_with(pool).await.map_err(fout)?;
    luisteraar.listen(kanaal).await.map_err(fout)?;
    let (zender, ontvanger) = tokio::sync::mpsc::channel(16);
    tokio::spawn(async move {
        loop {
            match luisteraar.try_recv().await {
                // A notification, or `None`: the connection was lost and is
                // being restored (announcements may have been missed).
                Ok(_) => {
                    // A full channel already holds a change to act on.
                    if let Err(tokio::sync::mpsc::error::TrySendError::Closed(())) =
                        zender.try_send(())
                    {
                        return;
                    }
                }
                Err(e) => {
                    tracing::warn!(fout = %e, kanaal, "luisteren naar andere instanties mislukt; opnieuw");
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
            }
        }
    });
    Ok(ontvanger)
}
