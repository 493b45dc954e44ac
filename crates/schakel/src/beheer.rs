//! Operator commands: verify the audit chain, export one child's access
//! history (AVG art. 15), take a backup, list what is past retention.

use std::path::PathBuf;

use clap::Subcommand;
use schakel_domain::Bsn;
use schakel_rules::InvoerFout;
use schakel_storage::audit::{Actie, NieuwAuditRecord, Uitkomst, Verificatie, nu};

use crate::opslag::{BestaatNiet, OpenFout, OpslagOpties};
use crate::{Fout, schrijf};

#[derive(Subcommand, Debug)]
pub enum AuditOpdracht {
    /// Checks the whole hash chain; exits 1 naming the first altered or missing record.
    Verify {
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// Every access to one child's data (AVG art. 15), as JSON.
    Inzage {
        /// The child's BSN (9 digits, 11-proef).
        #[arg(long)]
        bsn: String,
        #[command(flatten)]
        opslag: OpslagOpties,
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
        AuditOpdracht::Verify { opslag } => {
            let opslag = opslag.open_bestaand().await.map_err(bestaat_niet)?;
            let mut verificatie = Verificatie::default();
            let mut vanaf = 1;
            loop {
                let pagina = opslag
                    .audit_records(vanaf, 1000)
                    .await
                    .map_err(opslag_fout)?;
                let Some(laatste) = pagina.last().map(|r| r.volgnummer) else {
                    break;
                };
                for r in &pagina {
                    verificatie
                        .controleer(r)
                        .map_err(|b| Fout::Bedrijf(format!("auditlog: {b}")))?;
                }
                vanaf = laatste + 1;
            }
            let kop = opslag.audit_kop().await.map_err(opslag_fout)?;
            let aantal = verificatie
                .sluit_af(kop.clone())
                .map_err(|b| Fout::Bedrijf(format!("auditlog: {b}")))?;
            schrijf(
                &serde_json::json!({ "in_orde": true, "records": aantal, "kop": kop.map(|(_, h)| h) }),
            );
            Ok(())
        }
        AuditOpdracht::Inzage {
            bsn,
            opslag: opties,
        } => {
            let bsn = Bsn::parse(bsn).map_err(|e| Fout::Invoer(InvoerFout::new("--bsn", e.0)))?;
            let opslag = opties.open_bestaand().await.map_err(bestaat_niet)?;
            let sleutel = opties.bestaande_pseudoniem_sleutel().map_err(bestaat_niet)?;
            let pseudoniem = bsn.pseudoniem(&sleutel);
            let records = opslag
                .audit_voor_client(&pseudoniem)
                .await
                .map_err(opslag_fout)?;
            // Exporting a child's access history is itself an access.
            let record = NieuwAuditRecord {
                gebeurtenis: "audit.inzage".into(),
                actie: Actie::Uitvoeren,
                tijdstip: nu(),
                gebruiker: None,
                rol: None,
                organisatie: None,
                namens: None,
                client_type: Some("bsn-pseudoniem".into()),
                client: Some(pseudoniem),
                object_type: "auditlog".into(),
                object_id: None,
                uitkomst: Uitkomst::Toegestaan,
                grond: Some("avg_art_15".into()),
                bron: "cli".into(),
                systeem: "schakel".into(),
            };
            opslag.schrijf_audit(&record).await.map_err(opslag_fout)?;
            schrijf(&serde_json::json!({ "aantal": records.len(), "toegang": records }));
            Ok(())
        }
    }
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
