//! `schakel account …`: accounts without a running server (issue 13). An
//! invitation prints one line with a one-time activation link; on an empty
//! database it first creates the region and the gemeente organisation.
//! Deactivation ends the account's sessions and API tokens at once.

use clap::Subcommand;
use schakel_domain::{OrganisatieSoort, Rol};
use schakel_rules::InvoerFout;
use schakel_storage::audit::{Actie, NieuwAuditRecord};
use schakel_storage::{Opslag, Organisatie, Roltoewijzing};

use crate::Fout;
use crate::opslag::OpslagOpties;

/// Where users reach the web application: printed links start with it.
#[derive(clap::Args, Debug)]
pub struct BasisUrl {
    /// Where users reach the web application.
    #[arg(
        long = "basis-url",
        env = "SCHAKEL_BASIS_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub url: String,
}

impl BasisUrl {
    /// The link to `pad` (`/activeren/…`).
    fn link(&self, pad: &str) -> String {
        format!("{}{pad}", self.url.trim_end_matches('/'))
    }
}

#[derive(Subcommand, Debug)]
pub enum AccountOpdracht {
    /// Invites an account with one role: prints its one-time activation link (valid 72 hours).
    Uitnodigen {
        #[arg(long)]
        email: String,
        /// zorgcoordinator, casusregisseur, wijkteammedewerker, verwijzer, aanbieder, beleid, beheerder, accountbeheerder, toegang or landelijk (national totals only; its organisation is created in --regio when new).
        #[arg(long)]
        rol: String,
        /// The organisation's name; on an empty database the gemeente to create.
        #[arg(long)]
        organisatie: String,
        /// The person's name (default: the e-mail address).
        #[arg(long)]
        naam: Option<String>,
        #[command(flatten)]
        basis: BasisUrl,
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
    /// Gives an account a role at an organisation, or takes it away
    /// (--intrekken; its sessions and API tokens in that role end at once).
    Rol {
        #[arg(long)]
        email: String,
        /// zorgcoordinator, casusregisseur, wijkteammedewerker, verwijzer, aanbieder, beleid, beheerder, accountbeheerder, toegang or landelijk (national totals only; its organisation is created in --regio when new).
        #[arg(long)]
        rol: String,
        /// The organisation's name.
        #[arg(long)]
        organisatie: String,
        /// Take the role away instead of giving it.
        #[arg(long)]
        intrekken: bool,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// Prints a one-time reset link (valid 24 hours) with which the account
    /// sets a new password; using it ends the account's sessions.
    Herstellink {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        basis: BasisUrl,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// Removes the account's second factors (a lost phone or passkey; for
    /// the last beheerder too): its authenticator app, passkeys and recovery
    /// codes; its sessions end, and its next login enrols a factor anew.
    TweedeFactorVerwijderen {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
}

/// `--rol`'s value as a role; the error names every role.
fn rol_uit(tekst: &str) -> Result<Rol, Fout> {
    Rol::parse(tekst).ok_or_else(|| {
        let namen: Vec<&str> = Rol::ALLE.iter().map(|r| r.naam()).collect();
        invoer(
            "--rol",
            format!("'{tekst}' is geen rol; verwacht {}", namen.join(", ")),
        )
    })
}

/// The account with this e-mail address.
async fn account(opslag: &dyn Opslag, email: &str) -> Result<schakel_storage::Medewerker, Fout> {
    Ok(opslag
        .medewerker_op_email(email)
        .await
        .map_err(bedrijf)?
        .ok_or_else(|| invoer("--email", format!("geen account met e-mailadres {email}")))?
        .0)
}

/// An operator's change of an account, in the audit log.
fn cli_record(gebeurtenis: &str, actie: Actie, grond: &str) -> NieuwAuditRecord {
    NieuwAuditRecord::door_systeem(gebeurtenis, actie, "medewerker", grond, "cli", "schakel")
}

fn bedrijf(e: impl std::fmt::Display) -> Fout {
    Fout::Bedrijf(e.to_string())
}

fn invoer(veld: &str, melding: String) -> Fout {
    Fout::Invoer(InvoerFout::new(veld, melding))
}

pub async fn voer_uit(
    opdracht: &AccountOpdracht,
    regio: &crate::Regiokeuze<'_>,
) -> Result<(), Fout> {
    match opdracht {
        AccountOpdracht::Uitnodigen {
            email,
            rol,
            organisatie,
            naam,
            basis,
            opslag,
        } => {
            let rol = rol_uit(rol)?;
            let regio = regio.code()?;
            let opslag = opslag.open().await.map_err(|e| bedrijf(e.0))?;
            let org = organisatie_voor(opslag.as_ref(), organisatie, &regio, rol).await?;
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
                "Activeringslink voor {} ({} bij {}; eenmalig, geldig tot {}): {}",
                u.medewerker.email,
                rol.naam(),
                org.naam,
                schakel_http::web::opmaak::moment(u.verloopt),
                basis.link(&u.pad())
            );
            Ok(())
        }
        AccountOpdracht::Deactiveren { email, opslag } => zet_actief(opslag, email, false).await,
        AccountOpdracht::Heractiveren { email, opslag } => zet_actief(opslag, email, true).await,
        AccountOpdracht::Rol {
            email,
            rol,
            organisatie,
            intrekken,
            opslag,
        } => {
            let rol = rol_uit(rol)?;
            let regio = regio.code()?;
            let opslag = opslag.open().await.map_err(|e| bedrijf(e.0))?;
            let org = organisatie_voor(opslag.as_ref(), organisatie, &regio, rol).await?;
            zet_rol(opslag.as_ref(), email, rol, &org, *intrekken).await
        }
        AccountOpdracht::TweedeFactorVerwijderen { email, opslag } => {
            verwijder_tweede_factoren(opslag, email).await
        }
        AccountOpdracht::Herstellink {
            email,
            basis,
            opslag,
        } => {
            let opslag = opslag.open().await.map_err(|e| bedrijf(e.0))?;
            let m = account(opslag.as_ref(), email).await?;
            if !m.actief {
                return Err(invoer(
                    "--email",
                    format!("{} is gedeactiveerd; heractiveer het eerst", m.email),
                ));
            }
            let record = cli_record("account.herstellink", Actie::Aanmaken, "beheer_cli");
            let (geheim, verloopt) = schakel_http::account::maak_link(
                opslag.as_ref(),
                m.id,
                schakel_http::accountbeheer::HERSTEL_GELDIG,
                &record,
            )
            .await
            .map_err(|f| bedrijf(format!("{f:?}")))?;
            println!(
                "Herstellink voor {} (eenmalig, geldig tot {}): {}",
                m.email,
                schakel_http::web::opmaak::moment(verloopt),
                basis.link(&format!("/activeren/{geheim}")),
            );
            Ok(())
        }
    }
}

async fn verwijder_tweede_factoren(opties: &OpslagOpties, email: &str) -> Result<(), Fout> {
    let opslag = opties.open().await.map_err(|e| bedrijf(e.0))?;
    let m = account(opslag.as_ref(), email).await?;
    let record = cli_record(
        "tweede_factor.verwijderen",
        Actie::Verwijderen,
        "beheer_cli",
    )
    .over_object(m.id);
    let aantal = opslag
        .verwijder_tweede_factoren(m.id, &record)
        .await
        .map_err(bedrijf)?;
    println!(
        "Tweede factor van {} verwijderd ({aantal}), met de herstelcodes; de sessies zijn beëindigd. Bij de volgende keer inloggen stelt het account een nieuwe in.",
        m.email
    );
    Ok(())
}

/// The organisation named `naam`; on a database without organisations the
/// region `regio` and the gemeente `naam` are created first. For the
/// national role (`landelijk`, which only the operator grants) a missing
/// organisation is created in region `regio` too: a national organisation
/// is registered in a region of its own (`--regio landelijk`) that serves
/// no gemeente, out of every region's beheer.
async fn organisatie_voor(
    opslag: &dyn Opslag,
    naam: &str,
    regio: &str,
    rol: Rol,
) -> Result<Organisatie, Fout> {
    let alle = crate::gids::organisaties(opslag).await?;
    if let Some(o) = alle
        .iter()
        .find(|o| o.naam.eq_ignore_ascii_case(naam.trim()))
    {
        return Ok(o.clone());
    }
    if !alle.is_empty() && !rol.is_landelijk() {
        let namen: Vec<&str> = alle.iter().take(10).map(|o| o.naam.as_str()).collect();
        return Err(invoer(
            "--organisatie",
            format!(
                "geen organisatie '{naam}'; bijvoorbeeld: {}",
                namen.join(", ")
            ),
        ));
    }
    let regio = crate::gids::regio_voor(opslag, regio).await?;
    let aanvraag = schakel_http::inrichting::Organisatieaanvraag {
        regio,
        naam: naam.trim().into(),
        soort: Some(OrganisatieSoort::Gemeente),
        ..Default::default()
    };
    let record = NieuwAuditRecord::door_systeem(
        "organisatie.aanmaken",
        Actie::Aanmaken,
        "organisatie",
        "beheer_cli",
        "cli",
        "schakel",
    );
    schakel_http::inrichting::registreer_organisatie(opslag, &aanvraag, &record)
        .await
        .map_err(|e| match e {
            schakel_http::fout::ApiFout::Ongeldig(v) => invoer(
                "--organisatie",
                v.first().map(|f| f.reason.clone()).unwrap_or_default(),
            ),
            e => bedrijf(format!("{e:?}")),
        })
}

/// Gives or takes away one role; the last role is not taken away
/// (deactivate the account to end all access).
async fn zet_rol(
    opslag: &dyn Opslag,
    email: &str,
    rol: Rol,
    org: &Organisatie,
    intrekken: bool,
) -> Result<(), Fout> {
    let m = account(opslag, email).await?;
    let r = Roltoewijzing {
        rol,
        organisatie: org.id,
    };
    let mut rollen = m.rollen.clone();
    if intrekken {
        rollen.retain(|x| *x != r);
    } else if !rollen.contains(&r) {
        rollen.push(r);
    }
    if rollen.is_empty() {
        return Err(invoer(
            "--intrekken",
            "dit is de laatste rol van het account; deactiveer het account om alle toegang te beëindigen".into(),
        ));
    }
    let wat = format!(
        "rollen: {} (was: {})",
        schakel_http::accountbeheer::rollen_tekst(&rollen),
        schakel_http::accountbeheer::rollen_tekst(&m.rollen)
    );
    let record = cli_record("account.rollen", Actie::Wijzigen, &wat);
    opslag
        .zet_rollen(m.id, &rollen, &record)
        .await
        .map_err(bedrijf)?;
    println!(
        "Account {}: rol {} bij {} {}",
        m.email,
        rol.naam(),
        org.naam,
        if intrekken {
            "ingetrokken"
        } else {
            "toegekend"
        }
    );
    Ok(())
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
