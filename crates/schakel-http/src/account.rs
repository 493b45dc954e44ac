//! Accounts outside the demo (issue 13): an invitation creates an account
//! without a password and a one-time activation link (`/activeren/<secret>`,
//! valid 72 hours, only its hash stored); the invited person sets a password
//! there. The command line, and later the beheer pages, invite through
//! [`nodig_uit`]; the web page activates through [`activeer`].

use chrono::{DateTime, Utc};
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{Medewerker, NieuweMedewerker, Opslag, OpslagFout, Roltoewijzing};

use crate::auth::{hash_geheim, hash_wachtwoord, nieuw_geheim};
use crate::fout::{ApiFout, ApiResultaat};
use crate::toegangslog::{self, Wie};

/// How long an activation link works.
pub const ACTIVATIE_GELDIG: chrono::Duration = chrono::Duration::hours(72);
/// The shortest password accepted (NCSC advises a long passphrase).
pub const MINIMALE_LENGTE: usize = 12;

/// A new account and its activation link's secret (shown once).
#[derive(Debug)]
pub struct Uitnodiging {
    pub medewerker: Medewerker,
    pub geheim: String,
    pub verloopt: DateTime<Utc>,
}

impl Uitnodiging {
    /// The link's path on the server.
    pub fn pad(&self) -> String {
        format!("/activeren/{}", self.geheim)
    }
}

/// Who invites: a beheerder's id and role, or nobody (the command line).
pub type Door = Wie;

/// Creates an account with one role and no password, and its activation
/// link; both are logged (`account.uitnodigen`), by `door` from `bron`.
/// `demo` marks the account as a demo account ([`Medewerker::demo`]): only
/// the demo loader (`serve --demo`) passes `true`; every real invitation
/// (CLI, API, beheer pages) passes `false`.
pub async fn nodig_uit(
    opslag: &dyn Opslag,
    naam: &str,
    email: &str,
    rol: Roltoewijzing,
    door: Door,
    bron: &str,
    demo: bool,
) -> ApiResultaat<Uitnodiging> {
    let email = email.trim().to_lowercase();
    if !email.contains('@') || email.len() > 254 {
        return Err(ApiFout::veld("email", "verwacht een e-mailadres"));
    }
    let medewerker = opslag
        .maak_medewerker(&NieuweMedewerker {
            demo,
            naam: naam.trim().to_string(),
            email: email.clone(),
            // No password until activation: this is no PHC string, so no
            // password matches it.
            wachtwoord_hash: String::new(),
            rollen: vec![rol],
        })
        .await
        .map_err(|f| match f {
            OpslagFout::BestaatAl(_) => {
                ApiFout::Conflict(format!("er is al een account met e-mailadres {email}"))
            }
            f => f.into(),
        })?;
    let record = toegangslog::record(
        "account.uitnodigen",
        Actie::Aanmaken,
        door,
        ("medewerker", None),
        Uitkomst::Toegestaan,
        &format!("rol {} bij organisatie {}", rol.rol.naam(), rol.organisatie),
        bron,
    );
    let (geheim, verloopt) = maak_link(opslag, medewerker.id, ACTIVATIE_GELDIG, &record).await?;
    Ok(Uitnodiging {
        medewerker,
        geheim,
        verloopt,
    })
}

/// A one-time link for `medewerker` to set a password (`/activeren/<secret>`),
/// valid for `geldig`, stored hashed with `record`: the invitation's
/// activation link and a beheerder's reset link alike. Returns the secret
/// (shown once) and when the link expires.
pub async fn maak_link(
    opslag: &dyn Opslag,
    medewerker: schakel_storage::Id,
    geldig: chrono::Duration,
    record: &schakel_storage::NieuwAuditRecord,
) -> ApiResultaat<(String, DateTime<Utc>)> {
    let geheim = nieuw_geheim();
    let verloopt = Utc::now() + geldig;
    opslag
        .maak_activatie(medewerker, &hash_geheim(&geheim), verloopt, record)
        .await?;
    Ok((geheim, verloopt))
}

/// Whether a chosen password is good enough: long, not a common one, not
/// the e-mail address. The message names what is wrong, in plain Dutch.
pub fn keur_wachtwoord(wachtwoord: &str, email: &str) -> Result<(), String> {
    static LIJST: &str = include_str!("veelgebruikte-wachtwoorden.txt");
    if wachtwoord.chars().count() < MINIMALE_LENGTE {
        return Err(format!(
            "Kies een wachtwoord van minstens {MINIMALE_LENGTE} tekens. Een zin van een paar woorden is sterk en goed te onthouden."
        ));
    }
    let klein = wachtwoord.to_lowercase();
    let veelgebruikt = LIJST
        .lines()
        .filter(|r| !r.starts_with('#'))
        .any(|r| r.trim() == klein);
    if veelgebruikt || klein == email.trim().to_lowercase() {
        return Err("Dit wachtwoord is te makkelijk te raden. Kies een ander.".into());
    }
    Ok(())
}

/// Sets the password through an activation link (checked with
/// [`keur_wachtwoord`] first), once; logged as `account.activeren`.
pub async fn activeer(
    opslag: &dyn Opslag,
    geheim: &str,
    wachtwoord: &str,
    bron: &str,
) -> ApiResultaat<Medewerker> {
    let hash_link = hash_geheim(geheim);
    let a = opslag
        .activatie(&hash_link)
        .await?
        .ok_or(ApiFout::NietGevonden)?;
    let nu = Utc::now();
    schakel_storage::eis_bruikbaar(&a, nu).map_err(ApiFout::from)?;
    let m = opslag
        .medewerker(a.medewerker)
        .await?
        .ok_or(ApiFout::NietGevonden)?;
    keur_wachtwoord(wachtwoord, &m.email).map_err(|r| ApiFout::veld("wachtwoord", r))?;
    let w = wachtwoord.to_string();
    let hash = tokio::task::spawn_blocking(move || hash_wachtwoord(&w))
        .await
        .map_err(ApiFout::intern)??;
    let record = toegangslog::record(
        "account.activeren",
        Actie::Wijzigen,
        Wie {
            medewerker: Some(m.id),
            rol: None,
        },
        ("medewerker", None),
        Uitkomst::Toegestaan,
        "activeringslink",
        bron,
    );
    Ok(opslag.activeer(&hash_link, &hash, nu, &record).await?)
}
