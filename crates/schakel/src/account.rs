//! `schakel account …`: accounts without a running server (issue 13). An
//! invitation prints one line with a one-time activation link; on an empty
//! database it first creates the region and the gemeente organisation.
//! Deactivation ends the account's sessions and API tokens at once.

use clap::Subcommand;
use schakel_domain::{OrganisatieSoort, Rol};
use schakel_rules::InvoerFout;
use schakel_storage::audit::{Actie, NieuwAuditRecord};
use schakel_storage::{NieuweOrganisatie, NieuweRegio, Opslag, Organisatie, Roltoewijzing};

use crate::Fout;
use crate::opslag::OpslagOpties;

#[derive(Subcommand, Debug)]
pub enum AccountOpdracht {
    /// Invites an account with one role: prints its one-time activation link (valid 72 hours).
    Uitnodigen {
        #[arg(long)]
        email: String,
        /// zorgcoordinator, casusregisseur, wijkteammedewerker, verwijzer, aanbieder, beleid or beheerder.
        #[arg(long)]
        rol: String,
        /// The organisation's name; on an empty database the gemeente to create.
        #[arg(long)]
        organisatie: String,
        /// The person's name (default: the e-mail address).
        #[arg(long)]
        naam: Option<String>,
        /// Where users reach the web application.
        #[arg(
            long,
            env = "SCHAKEL_BASIS_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        basis_url: String,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// Deactivates an account: its sessions and API tokens end at once.
    Deactiveren {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// Reactivates a deactivated account (it logs in anew).
    Heractiveren {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
}

fn bedrijf(e: impl std::fmt::Display) -> Fout {
    Fout::Bedrijf(e.to_string())
}

fn invoer(veld: &str, melding: String) -> Fout {
    Fout::Invoer(InvoerFout::new(veld, melding))
}

pub async fn voer_uit(opdracht: &AccountOpdracht, regio: &str) -> Result<(), Fout> {
    match opdracht {
        AccountOpdracht::Uitnodigen {
            email,
            rol,
            organisatie,
            naam,
            basis_url,
            opslag,
        } => {
            let rol = Rol::parse(rol).ok_or_else(|| {
                invoer(
                    "--rol",
                    format!("'{rol}' is geen rol; verwacht zorgcoordinator, casusregisseur, wijkteammedewerker, verwijzer, aanbieder, beleid of beheerder"),
                )
            })?;
            let opslag = opslag.open().await.map_err(|e| bedrijf(e.0))?;
            let org = organisatie_voor(opslag.as_ref(), organisatie, regio).await?;
            let u = schakel_http::account::nodig_uit(
                opslag.as_ref(),
                naam.as_deref().unwrap_or(email),
                email,
                Roltoewijzing {
                    rol,
                    organisatie: org.id,
                },
                schakel_http::toegangslog::Wie::default(),
                "cli",
                false,
            )
            .await
            .map_err(|f| match f {
                schakel_http::fout::ApiFout::Conflict(m) => invoer("--email", m),
                schakel_http::fout::ApiFout::Ongeldig(v) => invoer(
                    "--email",
                    v.first().map(|f| f.reason.clone()).unwrap_or_default(),
                ),
                f => bedrijf(format!("{f:?}")),
            })?;
            println!(
                "Activeringslink voor {} ({} bij {}; eenmalig, geldig tot {} UTC): {}{}",
                u.medewerker.email,
                rol.naam(),
                org.naam,
                u.verloopt.format("%Y-%m-%d %H:%M"),
                basis_url.trim_end_matches('/'),
                u.pad()
            );
            Ok(())
        }
        AccountOpdracht::Deactiveren { email, opslag } => zet_actief(opslag, email, false).await,
        AccountOpdracht::Heractiveren { email, opslag } => zet_actief(opslag, email, true).await,
    }
}

/// The organisation named `naam`; on a database without organisations the
/// region `regio` and the gemeente `naam` are created first.
async fn organisatie_voor(
    opslag: &dyn Opslag,
    naam: &str,
    regio: &str,
) -> Result<Organisatie, Fout> {
    let alle = crate::gids::organisaties(opslag).await?;
    if let Some(o) = alle
        .iter()
        .find(|o| o.naam.eq_ignore_ascii_case(naam.trim()))
    {
        return Ok(o.clone());
    }
    if !alle.is_empty() {
        let namen: Vec<&str> = alle.iter().take(10).map(|o| o.naam.as_str()).collect();
        return Err(invoer(
            "--organisatie",
            format!(
                "geen organisatie '{naam}'; bijvoorbeeld: {}",
                namen.join(", ")
            ),
        ));
    }
    let regio = match opslag.regio_op_code(regio).await.map_err(bedrijf)? {
        Some(r) => r,
        None => opslag
            .maak_regio(&NieuweRegio {
                code: regio.into(),
                naam: schakel_http::web::formulier::hoofdletter(regio),
            })
            .await
            .map_err(bedrijf)?,
    };
    opslag
        .maak_organisatie(&NieuweOrganisatie {
            regio: regio.id,
            naam: naam.trim().into(),
            soort: OrganisatieSoort::Gemeente,
            gemeente: None,
            brin: None,
            agb: None,
        })
        .await
        .map_err(bedrijf)
}

async fn zet_actief(opties: &OpslagOpties, email: &str, actief: bool) -> Result<(), Fout> {
    let opslag = opties.open().await.map_err(|e| bedrijf(e.0))?;
    let (m, _) = opslag
        .medewerker_op_email(email)
        .await
        .map_err(bedrijf)?
        .ok_or_else(|| invoer("--email", format!("geen account met e-mailadres {email}")))?;
    let gebeurtenis = if actief {
        "account.heractiveren"
    } else {
        "account.deactiveren"
    };
    let record = NieuwAuditRecord::door_systeem(
        gebeurtenis,
        Actie::Wijzigen,
        "medewerker",
        "beheer_cli",
        "cli",
        "schakel",
    );
    opslag
        .zet_medewerker_actief(m.id, actief, &record)
        .await
        .map_err(bedrijf)?;
    println!(
        "Account {} {}",
        m.email,
        if actief {
            "is weer actief; het logt opnieuw in."
        } else {
            "is gedeactiveerd: alle sessies en API-tokens zijn beëindigd."
        }
    );
    Ok(())
}
