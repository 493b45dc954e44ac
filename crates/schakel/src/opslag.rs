//! Opening the case-record store: an SQLite file in the data directory by
//! default, PostgreSQL when given a postgres:// URL.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;
use schakel_storage::Opslag;

#[derive(Args, Debug, Clone)]
pub struct OpslagOpties {
    /// Directory for the SQLite database and the pseudonym key.
    #[arg(long, env = "SCHAKEL_DATA_DIR", default_value = "schakel-data")]
    pub data_dir: PathBuf,
    /// postgres://… to use PostgreSQL instead of SQLite; sqlite://PATH for another SQLite file.
    #[arg(long, env = "SCHAKEL_DATABASE_URL")]
    pub database_url: Option<String>,
}

#[derive(Debug)]
pub struct OpenFout(pub String);

impl OpslagOpties {
    pub fn sqlite_pad(&self) -> PathBuf {
        self.data_dir.join("schakel.db")
    }

    pub async fn open(&self) -> Result<Arc<dyn Opslag>, OpenFout> {
        std::fs::create_dir_all(&self.data_dir).map_err(|e| {
            OpenFout(format!(
                "--data-dir {}: kan map niet maken: {e}",
                self.data_dir.display()
            ))
        })?;
        match self.database_url.as_deref() {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                let opslag = schakel_storage_postgres::PgOpslag::connect(url)
                    .await
                    .map_err(|e| {
                        OpenFout(format!("--database-url: kan PostgreSQL niet openen: {e}"))
                    })?;
                Ok(Arc::new(opslag))
            }
            Some(url) if url.starts_with("sqlite://") => {
                open_sqlite(Path::new(url.trim_start_matches("sqlite://"))).await
            }
            Some(_) => Err(OpenFout(
                "--database-url: verwacht postgres://… of sqlite://PAD".into(),
            )),
            None => open_sqlite(&self.sqlite_pad()).await,
        }
    }

    /// The key for BSN pseudonyms in the audit log: `$SCHAKEL_PSEUDONIEM_SLEUTEL`
    /// (hex) or the file `pseudoniem.sleutel` in the data directory, created
    /// on first use. The same key must be used for `audit inzage`.
    pub fn pseudoniem_sleutel(&self) -> Result<Vec<u8>, OpenFout> {
        if let Ok(hex_sleutel) = std::env::var("SCHAKEL_PSEUDONIEM_SLEUTEL") {
            return hex::decode(hex_sleutel.trim()).map_err(|_| {
                OpenFout("SCHAKEL_PSEUDONIEM_SLEUTEL: verwacht hexadecimale tekens".into())
            });
        }
        let pad = self.data_dir.join("pseudoniem.sleutel");
        if let Ok(tekst) = std::fs::read_to_string(&pad) {
            return hex::decode(tekst.trim())
                .map_err(|_| OpenFout(format!("{}: geen geldige sleutel", pad.display())));
        }
        std::fs::create_dir_all(&self.data_dir)
            .map_err(|e| OpenFout(format!("{}: {e}", self.data_dir.display())))?;
        let sleutel: [u8; 32] = rand::random();
        schrijf_geheim(&pad, &hex::encode(sleutel))
            .map_err(|e| OpenFout(format!("{}: {e}", pad.display())))?;
        Ok(sleutel.to_vec())
    }
}

async fn open_sqlite(pad: &Path) -> Result<Arc<dyn Opslag>, OpenFout> {
    let opslag = schakel_storage_sqlite::SqliteOpslag::open(pad)
        .await
        .map_err(|e| {
            OpenFout(format!(
                "{}: kan SQLite-database niet openen: {e}",
                pad.display()
            ))
        })?;
    Ok(Arc::new(opslag))
}

/// Writes a secret readable by the owner only.
fn schrijf_geheim(pad: &Path, inhoud: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut opties = std::fs::OpenOptions::new();
    opties.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opties.mode(0o600);
    }
    opties.open(pad)?.write_all(inhoud.as_bytes())
}
