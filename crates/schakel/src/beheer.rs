//! Operator commands: verify the audit chain, export one child's access
//! history (AVG art. 15), take a backup, list what is past retention.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use schakel_domain::Bsn;
use schakel_rules::InvoerFout;
use schakel_storage::audit::{Actie, NieuwAuditRecord, hash_van_export};
use schakel_storage::checkpoint::{Checkpoint, Vanaf, controleer_log};
use schakel_storage::merkle::{self, Bewijzer};

use crate::auditlog::AuditOpties;
use crate::opslag::{BestaatNiet, OpenFout, OpslagOpties};
use crate::{Fout, schrijf};

#[derive(Subcommand, Debug)]
pub enum AuditOpdracht {
    /// Checks the hash chain, the Merkle roots and signatures of every
    /// checkpoint (database and file); exits 1 naming the first altered or
    /// missing record or checkpoint.
    Verify {
        /// Reads only the records after the latest checkpoint in the
        /// database (its signature and stored tree border checked): a daily
        /// check. Records under it are not read again; without this option
        /// every record is.
        #[arg(long)]
        vanaf_checkpoint: bool,
        #[command(flatten)]
        opslag: OpslagOpties,
        #[command(flatten)]
        audit: AuditOpties,
    },
    /// Every access to one child's data (AVG art. 15), as JSON, each record
    /// with its inclusion proof against the latest signed checkpoint.
    Inzage {
        /// The child's BSN (9 digits, 11-proef).
        #[arg(long)]
        bsn: String,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// Every record of the log from --vanaf on, oldest first, as JSON lines
    /// (one record a line, as `audit inzage` gives them, without proofs):
    /// for examining the log outside the application. The export is itself
    /// recorded in the log first.
    Export {
        /// The first record (its volgnummer) to export: 1 is the log's
        /// beginning, a later one continues a previous export.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(i64).range(1..))]
        vanaf: i64,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// Signs a checkpoint of what came since the last one, now (as `serve`
    /// does at its interval): into the database and the checkpoint file.
    Checkpoint {
        #[command(flatten)]
        opslag: OpslagOpties,
        #[command(flatten)]
        audit: AuditOpties,
    },
    /// Checks an `audit inzage` export without the database: each record's
    /// hash, its inclusion proof and the checkpoint's signature.
    VerifyInzage {
        /// The export (JSON from `audit inzage`).
        bestand: PathBuf,
        /// The public key (64 hex digits) that signs the checkpoints; `audit
        /// verify` prints it.
        #[arg(long)]
        publieke_sleutel: String,
    },
}

fn open_fout(e: OpenFout) -> Fout {
    Fout::Bedrijf(e.0)
}

/// A missing database is the caller's mistake (exit 2, the message names
/// the option); one that does not open is operational (exit 1).
pub(crate) fn bestaat_niet(e: BestaatNiet) -> Fout {
    match e {
        BestaatNiet::Ontbreekt { optie, melding } => Fout::Invoer(InvoerFout::new(optie, melding)),
        BestaatNiet::Open(e) => open_fout(e),
    }
}

fn opslag_fout(e: schakel_storage::OpslagFout) -> Fout {
    Fout::Bedrijf(format!("database: {e}"))
}

pub async fn audit(opdracht: &AuditOpdracht) -> Result<(), Fout> {
    match opdracht {
        AuditOpdracht::Verify {
            vanaf_checkpoint,
            opslag: opties,
            audit,
        } => {
            let vanaf = match vanaf_checkpoint {
                true => Vanaf::LaatsteCheckpoint,
                false => Vanaf::Begin,
            };
            let opslag = opties.open_bestaand().await.map_err(bestaat_niet)?;
            let publiek = audit.publieke_sleutel(opties).map_err(bestaat_niet)?;
            let bestand = audit.bestand(opties).map_err(bestaat_niet)?;
            let uitslag = controleer_log(opslag.as_ref(), publiek.as_ref(), bestand, vanaf)
                .await
                .map_err(Fout::Bedrijf)?;
            let kop = opslag.audit_kop().await.map_err(opslag_fout)?;
            schrijf(&serde_json::json!({
                "in_orde": true,
                "records": uitslag.records,
                "gecontroleerd_vanaf": uitslag.gecontroleerd_vanaf,
                "kop": kop.map(|(_, h)| h),
                "checkpoints": {
                    "database": uitslag.checkpoints_database,
                    "bestand": uitslag.checkpoints_bestand,
                },
                "ondertekend_tot": uitslag.ondertekend_tot,
                "publieke_sleutel": publiek.map(|p| hex::encode(p.as_bytes())),
            }));
            Ok(())
        }
        AuditOpdracht::VerifyInzage {
            bestand,
            publieke_sleutel,
        } => verify_inzage(bestand, publieke_sleutel),
        AuditOpdracht::Checkpoint {
            opslag: opties,
            audit,
        } => {
            let checkpointer = crate::auditlog::Checkpointer {
                opslag: opties.open_bestaand().await.map_err(bestaat_niet)?,
                sleutel: audit.sleutel(opties).map_err(open_fout)?,
                bestand: audit.checkpoints_pad(opties),
            };
            let c = checkpointer.eens().await.map_err(Fout::Bedrijf)?;
            schrijf(&serde_json::json!({ "checkpoint": c.map(|c| c.grootte) }));
            Ok(())
        }
        AuditOpdracht::Export {
            vanaf,
            opslag: opties,
        } => {
            let opslag = opties.open_bestaand().await.map_err(bestaat_niet)?;
            // Logged before anything is read: an export cut short is still
            // an access.
            opslag
                .schrijf_audit(&cli_record("audit.export", "nen_7513_controle"))
                .await
                .map_err(opslag_fout)?;
            let mut uit = std::io::BufWriter::new(std::io::stdout().lock());
            let aantal = exporteer(opslag.as_ref(), *vanaf, &mut uit).await?;
            eprintln!("audit export: {aantal} records vanaf {vanaf}");
            Ok(())
        }
        AuditOpdracht::Inzage {
            bsn,
            opslag: opties,
        } => {
            let bsn = Bsn::parse(bsn).map_err(|e| Fout::Invoer(InvoerFout::new("--bsn", e.0)))?;
            let opslag = opties.open_bestaand().await.map_err(bestaat_niet)?;
            let sleutel = opties
                .bestaande_pseudoniem_sleutel()
                .map_err(bestaat_niet)?;
            let pseudoniem = bsn.pseudoniem(&sleutel);
            let records = opslag
                .audit_voor_client(&pseudoniem)
                .await
                .map_err(opslag_fout)?;
            // Exporting a child's access history is itself an access.
            let mut record = cli_record("audit.inzage", "avg_art_15");
            record.client_type = Some("bsn-pseudoniem".into());
            record.client = Some(pseudoniem);
            let (checkpoint, toegang) = met_bewijzen(opslag.as_ref(), records).await?;
            opslag.schrijf_audit(&record).await.map_err(opslag_fout)?;
            schrijf(&serde_json::json!({
                "aantal": toegang.len(),
                "toegang": toegang,
                "checkpoint": checkpoint,
            }));
            Ok(())
        }
    }
}

/// A record of an audit command run from the command line.
fn cli_record(gebeurtenis: &str, grond: &str) -> NieuwAuditRecord {
    NieuwAuditRecord::door_systeem(
        gebeurtenis,
        Actie::Uitvoeren,
        "auditlog",
        grond,
        "cli",
        "schakel",
    )
}

/// Writes every record from `vanaf` to the log's end to `uit`, one JSON
/// object a line, a window of records at a time (a log may hold billions);
/// a gap (a removed record) does not end it: `audit verify` reports those.
/// Returns how many it wrote.
async fn exporteer(
    opslag: &dyn schakel_storage::Opslag,
    mut vanaf: i64,
    uit: &mut impl Write,
) -> Result<u64, Fout> {
    let schrijffout = |e: std::io::Error| Fout::Bedrijf(format!("uitvoer: {e}"));
    let mut aantal = 0;
    loop {
        let records = opslag
            .audit_records(vanaf, 10_000)
            .await
            .map_err(opslag_fout)?;
        let Some(laatste) = records.last() else {
            break;
        };
        vanaf = laatste.volgnummer + 1;
        for r in &records {
            serde_json::to_writer(&mut *uit, r).map_err(|e| schrijffout(e.into()))?;
            uit.write_all(b"\n").map_err(schrijffout)?;
        }
        aantal += records.len() as u64;
    }
    uit.flush().map_err(schrijffout)?;
    Ok(aantal)
}

/// Each record as JSON with `bewijs`: its inclusion proof (sibling hashes,
/// hex) in the tree of the latest checkpoint, or null for a record after it.
async fn met_bewijzen(
    opslag: &dyn schakel_storage::Opslag,
    records: Vec<schakel_storage::AuditRecord>,
) -> Result<(Option<Checkpoint>, Vec<serde_json::Value>), Fout> {
    let checkpoint = opslag.laatste_checkpoint().await.map_err(opslag_fout)?;
    let grootte = checkpoint.as_ref().map_or(0, |c| c.grootte);
    let mut bewijzen = bewijzen_tot(
        opslag,
        grootte,
        records.iter().filter_map(|r| blad_index(r.volgnummer)),
    )
    .await?;
    let toegang = records
        .into_iter()
        .map(|r| {
            let bewijs = blad_index(r.volgnummer)
                .and_then(|i| bewijzen.remove(&i))
                .map(|b| b.iter().map(hex::encode).collect::<Vec<_>>());
            let mut v = serde_json::to_value(&r).unwrap_or_default();
            v["bewijs"] = serde_json::json!(bewijs);
            v
        })
        .collect();
    let checkpoint = checkpoint.map(|c| Checkpoint {
        rand: Vec::new(),
        ..c
    });
    Ok((checkpoint, toegang))
}

/// Record `volgnummer`'s leaf in the tree (volgnummer 1 is leaf 0).
fn blad_index(volgnummer: i64) -> Option<u64> {
    u64::try_from(volgnummer - 1).ok()
}

/// The proofs of `bladeren` in the tree of records 1 ..= grootte, from one
/// pass over the chain's links; none when no leaf lies in the tree.
async fn bewijzen_tot(
    opslag: &dyn schakel_storage::Opslag,
    grootte: i64,
    bladeren: impl Iterator<Item = u64>,
) -> Result<HashMap<u64, Vec<merkle::Hash>>, Fout> {
    let mut bewijzer = Bewijzer::new(u64::try_from(grootte).unwrap_or(0), bladeren);
    if bewijzer.gezocht().is_empty() {
        return Ok(HashMap::new());
    }
    let mut vanaf = 1;
    while vanaf <= grootte {
        let pagina = opslag
            .audit_schakels(vanaf, (grootte - vanaf + 1).min(10_000))
            .await
            .map_err(opslag_fout)?;
        let Some(laatste) = pagina.last().map(|s| s.volgnummer) else {
            break;
        };
        for s in &pagina {
            bewijzer.voeg_toe(&merkle::blad(&s.hash).ok_or_else(|| {
                Fout::Bedrijf(format!(
                    "auditlog: record {}: hash onleesbaar",
                    s.volgnummer
                ))
            })?);
        }
        vanaf = laatste + 1;
    }
    bewijzer.bewijzen().ok_or_else(|| {
        Fout::Bedrijf(format!(
            "auditlog: er ontbreken records onder checkpoint {grootte}, dus geen bewijzen; controleer het log met `schakel audit verify`"
        ))
    })
}

/// `audit verify-inzage`: an export checked against its checkpoint.
fn verify_inzage(bestand: &PathBuf, publieke_sleutel: &str) -> Result<(), Fout> {
    let publiek = hex::decode(publieke_sleutel.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .and_then(|b| ed25519_dalek::VerifyingKey::from_bytes(&b).ok())
        .ok_or_else(|| {
            Fout::Invoer(InvoerFout::new(
                "--publieke-sleutel",
                "verwacht 64 hexadecimale tekens (een Ed25519-sleutel)",
            ))
        })?;
    let tekst = std::fs::read_to_string(bestand).map_err(|e| {
        Fout::Invoer(InvoerFout::new(
            "BESTAND",
            format!("{}: {e}", bestand.display()),
        ))
    })?;
    let export: serde_json::Value = serde_json::from_str(&tekst)
        .map_err(|_| Fout::Invoer(InvoerFout::new("BESTAND", "geen JSON van audit inzage")))?;
    let uitslag = controleer_export(&export, &publiek).map_err(Fout::Bedrijf)?;
    schrijf(&uitslag);
    Ok(())
}

fn controleer_export(
    export: &serde_json::Value,
    publiek: &ed25519_dalek::VerifyingKey,
) -> Result<serde_json::Value, String> {
    let checkpoint: Option<Checkpoint> = serde_json::from_value(export["checkpoint"].clone())
        .map_err(|_| "checkpoint onleesbaar".to_string())?;
    if let Some(c) = &checkpoint
        && !c.handtekening_klopt(publiek)
    {
        return Err(format!("checkpoint {}: handtekening klopt niet", c.grootte));
    }
    let toegang = export["toegang"]
        .as_array()
        .ok_or_else(|| "geen lijst toegang".to_string())?;
    let mut bewezen = 0;
    for r in toegang {
        let volgnummer = r["volgnummer"].as_i64().unwrap_or_default();
        let hash = hash_van_export(r)
            .filter(|h| r["hash"].as_str() == Some(h.as_str()))
            .ok_or_else(|| format!("record {volgnummer}: inhoud gewijzigd (hash klopt niet)"))?;
        let Some(bewijs) = r["bewijs"].as_array() else {
            continue;
        };
        let bewijs: Option<Vec<merkle::Hash>> =
            bewijs.iter().map(|h| merkle::blad(h.as_str()?)).collect();
        let klopt = match (&checkpoint, bewijs, merkle::blad(&hash)) {
            (Some(c), Some(bewijs), Some(blad)) => merkle::blad(&c.wortel).is_some_and(|w| {
                merkle::controleer_bewijs(
                    &w,
                    u64::try_from(c.grootte).unwrap_or_default(),
                    u64::try_from(volgnummer - 1).unwrap_or(u64::MAX),
                    &blad,
                    &bewijs,
                )
            }),
            _ => false,
        };
        if !klopt {
            return Err(format!(
                "record {volgnummer}: zit niet in de ondertekende boom (bewijs klopt niet)"
            ));
        }
        bewezen += 1;
    }
    Ok(serde_json::json!({
        "in_orde": true,
        "records": toegang.len(),
        "bewezen": bewezen,
        "niet_ondertekend": toegang.len() - bewezen,
        "checkpoint": checkpoint.map(|c| c.grootte),
    }))
}

pub async fn backup(opslag: &OpslagOpties, doel: &PathBuf) -> Result<(), Fout> {
    let store = opslag.open_bestaand().await.map_err(bestaat_niet)?;
    store.backup(doel).await.map_err(|e| match e {
        schakel_storage::OpslagFout::BestaatAl(_) => Fout::Invoer(InvoerFout::new(
            "--doel",
            format!("{} bestaat al; kies een nieuw bestand", doel.display()),
        )),
        e => opslag_fout(e),
    })?;
    schrijf(&serde_json::json!({ "backup": doel, "database": store.backend() }));
    Ok(())
}

pub async fn retentie(opslag: &OpslagOpties, peildatum: chrono::NaiveDate) -> Result<(), Fout> {
    let store = opslag.open_bestaand().await.map_err(bestaat_niet)?;
    let items = store
        .verlopen_bewaartermijnen(peildatum)
        .await
        .map_err(opslag_fout)?;
    schrijf(
        &serde_json::json!({ "peildatum": peildatum, "aantal": items.len(), "verlopen": items }),
    );
    Ok(())
}
