//! The audit log's signing key, its checkpoint file and the checkpoint task
//! of `serve` (issue 15.2): what lives outside the database, so that
//! someone who can only write the database cannot rewrite the log unseen.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use ed25519_dalek::{SigningKey, VerifyingKey};
use schakel_storage::Opslag;
use schakel_storage::checkpoint::{self, Checkpoint};

use crate::opslag::{BestaatNiet, OpenFout, OpslagOpties};

#[derive(Args, Debug, Clone)]
pub struct AuditOpties {
    /// Ed25519 key (64 hex digits) that signs the audit log's checkpoints;
    /// default `<data-dir>/audit.sleutel`, made (owner-only) on the first
    /// start. Keep it out of the database and its backups; give every
    /// instance on one database the same file.
    #[arg(long, env = "SCHAKEL_AUDIT_SLEUTEL")]
    pub audit_sleutel: Option<PathBuf>,
    /// The file every checkpoint is appended to, outside the database;
    /// default `<data-dir>/audit-checkpoints.log`.
    #[arg(long, env = "SCHAKEL_AUDIT_CHECKPOINTS")]
    pub audit_checkpoints: Option<PathBuf>,
}

impl AuditOpties {
    pub fn sleutel_pad(&self, opslag: &OpslagOpties) -> PathBuf {
        self.audit_sleutel
            .clone()
            .unwrap_or_else(|| opslag.data_dir.join("audit.sleutel"))
    }

    pub fn checkpoints_pad(&self, opslag: &OpslagOpties) -> PathBuf {
        self.audit_checkpoints
            .clone()
            .unwrap_or_else(|| opslag.data_dir.join("audit-checkpoints.log"))
    }

    /// The signing key, made on first use (for `serve`).
    pub fn sleutel(&self, opslag: &OpslagOpties) -> Result<SigningKey, OpenFout> {
        let pad = self.sleutel_pad(opslag);
        if !pad.exists() {
            let zaad: [u8; 32] = rand::random();
            crate::opslag::schrijf_geheim(&pad, &hex::encode(zaad))
                .map_err(|e| OpenFout(format!("--audit-sleutel {}: {e}", pad.display())))?;
        }
        lees_sleutel(&pad)
    }

    /// The public key to check checkpoints with, for the commands that only
    /// read: none when the key file is absent (a log from before signed
    /// checkpoints); a given path that is absent is the caller's mistake.
    pub fn publieke_sleutel(
        &self,
        opslag: &OpslagOpties,
    ) -> Result<Option<VerifyingKey>, BestaatNiet> {
        let pad = self.sleutel_pad(opslag);
        if !pad.is_file() {
            return match self.audit_sleutel {
                Some(_) => Err(ontbreekt("--audit-sleutel", &pad)),
                None => Ok(None),
            };
        }
        lees_sleutel(&pad)
            .map(|s| Some(s.verifying_key()))
            .map_err(BestaatNiet::Open)
    }

    /// The checkpoints in the file, each line checked to be one.
    pub fn bestand(&self, opslag: &OpslagOpties) -> Result<Vec<Checkpoint>, BestaatNiet> {
        let pad = self.checkpoints_pad(opslag);
        if !pad.is_file() {
            return match self.audit_checkpoints {
                Some(_) => Err(ontbreekt("--audit-checkpoints", &pad)),
                None => Ok(Vec::new()),
            };
        }
        let tekst = std::fs::read_to_string(&pad)
            .map_err(|e| BestaatNiet::Open(OpenFout(format!("{}: {e}", pad.display()))))?;
        tekst
            .lines()
            .enumerate()
            .filter(|(_, regel)| !regel.trim().is_empty())
            .map(|(i, regel)| {
                serde_json::from_str(regel).map_err(|_| {
                    BestaatNiet::Open(OpenFout(format!(
                        "auditlog: {} regel {}: geen checkpoint (bestand gewijzigd?)",
                        pad.display(),
                        i + 1
                    )))
                })
            })
            .collect()
    }
}

fn ontbreekt(optie: &'static str, pad: &Path) -> BestaatNiet {
    BestaatNiet::Ontbreekt {
        optie,
        melding: format!("{} bestaat niet", pad.display()),
    }
}

fn lees_sleutel(pad: &Path) -> Result<SigningKey, OpenFout> {
    let tekst = std::fs::read_to_string(pad)
        .map_err(|e| OpenFout(format!("--audit-sleutel {}: {e}", pad.display())))?;
    let zaad: [u8; 32] = hex::decode(tekst.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| {
            OpenFout(format!(
                "--audit-sleutel {}: verwacht 64 hexadecimale tekens",
                pad.display()
            ))
        })?;
    Ok(SigningKey::from_bytes(&zaad))
}

/// Appends `regel` and a newline to the file at `pad`, synced, in one
/// write call: with O_APPEND the kernel appends it in one piece, even when
/// another instance on the same database appends its line to the same file
/// at that moment (`writeln!` writes a line and its newline in two calls,
/// and two instances' lines could interleave).
fn voeg_regel_toe(pad: &Path, regel: &str) -> std::io::Result<()> {
    let mut bestand = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(pad)?;
    bestand.write_all(format!("{regel}\n").as_bytes())?;
    bestand.sync_data()
}

/// Signs what came after the latest checkpoint, if anything: into the
/// database, then appended (and synced) to the file.
pub struct Checkpointer {
    pub opslag: Arc<dyn Opslag>,
    pub sleutel: SigningKey,
    pub bestand: PathBuf,
}

impl Checkpointer {
    pub async fn eens(&self) -> Result<Option<Checkpoint>, String> {
        let Some(c) = checkpoint::volgende(self.opslag.as_ref(), &self.sleutel)
            .await
            .map_err(|e| e.to_string())?
        else {
            return Ok(None);
        };
        self.opslag
            .schrijf_checkpoint(&c)
            .await
            .map_err(|e| e.to_string())?;
        voeg_regel_toe(&self.bestand, &c.regel())
            .map_err(|e| format!("{}: {e}", self.bestand.display()))?;
        Ok(Some(c))
    }

    /// Every `interval`, until the process ends; a failure is logged (and
    /// tried again next time), never fatal to serving.
    pub fn start(self: Arc<Self>, interval: Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut tik = tokio::time::interval(interval);
            tik.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tik.tick().await;
                if let Err(e) = self.eens().await {
                    tracing::error!("auditlog: checkpoint niet geschreven: {e}");
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::voeg_regel_toe;

    /// Two writers appending at once (as two instances on one database do)
    /// never leave a line that is not one of theirs.
    #[test]
    fn gelijktijdige_regels_lopen_niet_door_elkaar() {
        let map = tempfile::tempdir().expect("tempdir");
        let pad = map.path().join("audit-checkpoints.log");
        std::thread::scope(|s| {
            for schrijver in ["a", "b"] {
                let pad = &pad;
                s.spawn(move || {
                    let regel = schrijver.repeat(200);
                    for _ in 0..3000 {
                        voeg_regel_toe(pad, &regel).expect("append");
                    }
                });
            }
        });
        let inhoud = std::fs::read_to_string(&pad).expect("read");
        let regels: Vec<&str> = inhoud.lines().collect();
        assert_eq!(regels.len(), 6000);
        let (a, b) = ("a".repeat(200), "b".repeat(200));
        assert!(
            regels.iter().all(|r| *r == a || *r == b),
            "a line was interleaved"
        );
    }
}
