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

/// Why a read-only command has no store to read.
#[derive(Debug)]
pub enum BestaatNiet {
    /// The options point at nothing: the caller's input (exit 2).
    Ontbreekt {
        optie: &'static str,
        melding: String,
    },
    /// It is there but cannot be opened (exit 1).
    Open(OpenFout),
}

impl OpslagOpties {
    pub fn sqlite_pad(&self) -> PathBuf {
        self.data_dir.join("schakel.db")
    }

    /// The SQLite file these options point at, if they point at one.
    fn sqlite_bestand(&self) -> Option<PathBuf> {
        match self.database_url.as_deref() {
            None => Some(self.sqlite_pad()),
            Some(url) => url.strip_prefix("sqlite://").map(PathBuf::from),
        }
    }

    /// Opens an existing store for a command that only reads (or only adds
    /// to the audit log of) what is there: a missing SQLite file is refused,
    /// naming the option, and nothing is created — verifying a fresh, empty
    /// database would report an intact chain of nothing.
    pub async fn open_bestaand(&self) -> Result<Arc<dyn Opslag>, BestaatNiet> {
        if let Some(pad) = self.sqlite_bestand()
            && !pad.is_file()
        {
            let optie = if self.database_url.is_some() {
                "--database-url"
            } else {
                "--data-dir"
            };
            return Err(BestaatNiet::Ontbreekt {
                optie,
                melding: format!(
                    "{} bestaat niet; geef de map (--data-dir) of --database-url van een bestaande database",
                    pad.display()
                ),
            });
        }
        self.open().await.map_err(BestaatNiet::Open)
    }

    /// The pseudonym key for a command that reads the audit log: never made
    /// here, since a new key matches no stored pseudonym.
    pub fn bestaande_pseudoniem_sleutel(&self) -> Result<Vec<u8>, BestaatNiet> {
        let pad = self.data_dir.join("pseudoniem.sleutel");
        if std::env::var_os("SCHAKEL_PSEUDONIEM_SLEUTEL").is_none() && !pad.is_file() {
            return Err(BestaatNiet::Ontbreekt {
                optie: "--data-dir",
                melding: format!(
                    "{} bestaat niet; geef de map met de sleutel of zet SCHAKEL_PSEUDONIEM_SLEUTEL",
                    pad.display()
                ),
            });
        }
        self.pseudoniem_sleutel().map_err(BestaatNiet::Open)
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
        self.sleutel("SCHAKEL_PSEUDONIEM_SLEUTEL", "pseudoniem.sleutel")
    }

    /// The key that encrypts TOTP secrets and keys the recovery codes'
    /// hashes (issue 13.3): `$SCHAKEL_FACTOR_SLEUTEL` (64 hex digits) or the
    /// file `factor.sleutel` in the data directory, created on first use.
    /// It is never stored in the database, so a dump of the database alone
    /// does not give away the second factors; back it up apart from it.
    pub fn factor_sleutel(&self) -> Result<[u8; 32], OpenFout> {
        let s = self.sleutel("SCHAKEL_FACTOR_SLEUTEL", "factor.sleutel")?;
        s.try_into().map_err(|_| {
            OpenFout(
                "SCHAKEL_FACTOR_SLEUTEL / factor.sleutel: verwacht 64 hexadecimale tekens".into(),
            )
        })
    }

    /// A 256-bit key from `$omgeving` (hex) or `bestand` in the data
    /// directory, created (owner-only) on first use.
    fn sleutel(&self, omgeving: &str, bestand: &str) -> Result<Vec<u8>, OpenFout> {
        if let Ok(hex_sleutel) = std::env::var(omgeving) {
            return hex::decode(hex_sleutel.trim())
                .map_err(|_| OpenFout(format!("{omgeving}: verwacht hexadecimale tekens")));
        }
        let pad = self.data_dir.join(bestand);
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
pub(crate) fn schrijf_geheim(pad: &Path, inhoud: &str) -> std::io::Result<()> {
    use std::io::Write;
    // Written whole beside it, synced, then linked into place: a process
    // stopped halfway leaves no half key, and an existing key is never
    // replaced (the link fails).
    let tijdelijk = pad.with_extension(format!("nieuw-{}", std::process::id()));
    let mut opties = std::fs::OpenOptions::new();
    opties.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opties.mode(0o600);
    }
    let schrijf = || -> std::io::Result<()> {
        let mut f = opties.open(&tijdelijk)?;
        f.write_all(inhoud.as_bytes())?;
        f.sync_all()?;
        std::fs::hard_link(&tijdelijk, pad)
    };
    let uit = schrijf();
    let _ = std::fs::remove_file(&tijdelijk);
    uit
}
