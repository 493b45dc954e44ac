//! Accounts in the browser (issue 13.2): the list of the staff one manages
//! (the region's for the beheerder, the own organisation's for an
//! accountbeheerder) with a filter by organisation and pages, a person's
//! page (roles, deactivation, reset link), the invitation form, and the
//! own password change at `/account/wachtwoord`. Through the same functions
//! as the API (`crate::accountbeheer`): the same checks, the same log.

use askama::Template;
use axum::extract::{Path, Query};
use schakel_domain::Rol;
use schakel_storage::{Id, Medewerker, Pagina, Roltoewijzing};
use serde::Deserialize;

use super::formulier::{Fouten, Keuze};
use super::sessie::{Formulier, Ingelogd};
use super::{Kop, WebResultaat, naar, pagina_met, rol_label};
use crate::accountbeheer::{self, Bevoegdheid, Bezorgd};
use crate::fout::ApiFout;
use crate::post::Soort;

const LIJST: &str = "/beheer/medewerkers";

/// A role as the pages show it.
pub struct RolRegel {
    pub rol: String,
    pub organisatie: String,
    /// `rol@organisatie`, the value of its remove button.
    pub sleutel: String,
}

pub struct MedewerkerRegel {
    pub id: Id,
    pub naam: String,
    pub email: String,
    pub actief: bool,
    pub rollen: Vec<RolRegel>,
}

/// The organisations the actor manages accounts of, by name.
async fn organisaties(wie: &Ingelogd, b: Bevoegdheid) -> Result<Vec<(Id, String)>, super::WebFout> {
    let alle = super::jeugdigen::organisaties(&wie.state).await?;
    Ok(alle
        .into_iter()
        .filter(|o| match b {
            Bevoegdheid::Regio(r) => o.regio == r,
            Bevoegdheid::Organisatie(id) => o.id == id,
        })
        .map(|o| (o.id, o.naam))
        .collect())
}

fn regel(m: Medewerker, namen: &[(Id, String)]) -> MedewerkerRegel {
    let naam = |id: Id| {
        namen
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| format!("organisatie {id}"))
    };
    MedewerkerRegel {
        id: m.id,
        naam: m.naam,
        email: m.email,
        actief: m.actief,
        rollen: m
            .rollen
            .iter()
            .map(|r| RolRegel {
                rol: rol_label(r.rol).into(),
                organisatie: naam(r.organisatie),
                sleutel: format!("{}@{}", r.rol.naam(), r.organisatie),
            })
            .collect(),
    }
}

/// The roles the actor may grant: never beheerder for an accountbeheerder,
/// never the national role (the installation's operator gives that).
fn rollen(b: Bevoegdheid) -> Vec<Keuze> {
    std::iter::once(Keuze::new("", "Kies een rol"))
        .chain(
            Rol::ALLE
                .into_iter()
                .filter(|r| !r.is_landelijk())
                .filter(|r| matches!(b, Bevoegdheid::Regio(_)) || *r != Rol::Beheerder)
                .map(|r| Keuze::new(r.naam(), rol_label(r))),
        )
        .collect()
}

fn keuzes(orgs: &[(Id, String)]) -> Vec<Keuze> {
    orgs.iter()
        .map(|(id, n)| Keuze::new(id.to_string(), n.clone()))
        .collect()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LijstVraag {
    organisatie: Option<Id>,
    pagina: Option<i64>,
}

#[derive(Template)]
#[template(path = "medewerkers.html")]
struct Lijstpagina {
    kop: Kop,
    /// The filter form shows no errors.
    fouten_leeg: Fouten,
    medewerkers: Vec<MedewerkerRegel>,
    filter: Vec<Keuze>,
    gekozen: String,
    totaal: i64,
    pagina: i64,
    paginas: i64,
    vorige: Option<String>,
    volgende: Option<String>,
}

pub async fn lijst(wie: Ingelogd, Query(v): Query<LijstVraag>) -> WebResultaat {
    let nummer = v.pagina.unwrap_or(1).clamp(1, 1_000_000);
    let pagina = Pagina::new(nummer, 25);
    let (b, lijst) = accountbeheer::lijst(&wie.state, &wie.actor, v.organisatie, pagina).await?;
    let orgs = organisaties(&wie, b).await?;
    let paginas = (lijst.totaal + 24) / 25;
    let pad = |n: i64| {
        let filter = v
            .organisatie
            .map(|o| format!("organisatie={o}&"))
            .unwrap_or_default();
        format!("{LIJST}?{filter}pagina={n}")
    };
    let filter = std::iter::once(Keuze::new("", "Alle organisaties"))
        .chain(keuzes(&orgs))
        .collect();
    pagina_met(
        axum::http::StatusCode::OK,
        &Lijstpagina {
            kop: Kop::voor(&wie, "Medewerkers", LIJST).await?,
            fouten_leeg: Fouten::default(),
            medewerkers: lijst.items.into_iter().map(|m| regel(m, &orgs)).collect(),
            filter,
            gekozen: v.organisatie.map(|o| o.to_string()).unwrap_or_default(),
            totaal: lijst.totaal,
            pagina: nummer,
            paginas,
            vorige: (nummer > 1).then(|| pad(nummer - 1)),
            volgende: (nummer < paginas).then(|| pad(nummer + 1)),
        },
    )
}

#[derive(Template)]
#[template(path = "medewerker.html")]
struct Persoonpagina {
    kop: Kop,
    fouten: Fouten,
    m: MedewerkerRegel,
    eigen: bool,
    /// A link just made: (address, valid until, e-mailed).
    link: Option<(String, String, bool)>,
    melding: Option<&'static str>,
    rollen: Vec<Keuze>,
    organisaties: Vec<Keuze>,
    /// How many second factors (authenticator app, passkeys) it has.
    factoren: usize,
}

fn tot(u: &crate::account::Uitnodiging) -> String {
    super::opmaak::moment(u.verloopt)
}

async fn persoonpagina(
    wie: &Ingelogd,
    m: Medewerker,
    fouten: Fouten,
    link: Option<(String, String, bool)>,
    melding: Option<&'static str>,
) -> WebResultaat {
    let (b, _) = accountbeheer::lijst(&wie.state, &wie.actor, None, Pagina::new(1, 1)).await?;
    let orgs = organisaties(wie, b).await?;
    let factoren = wie.state.opslag.tweede_factoren(m.id).await?.len();
    let status = if fouten.is_leeg() && link.is_some() {
        axum::http::StatusCode::CREATED
    } else {
        fouten.status()
    };
    let mut antwoord = pagina_met(
        status,
        &Persoonpagina {
            kop: Kop::voor(wie, "Medewerker", LIJST).await?,
            fouten,
            eigen: m.id == wie.actor.medewerker.id,
            m: regel(m, &orgs),
            link,
            melding,
            rollen: rollen(b),
            organisaties: keuzes(&orgs),
            factoren,
        },
    )?;
    // A page with a link on it is never cached.
    antwoord.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(antwoord)
}

#[derive(Deserialize)]
pub struct Melding {
    gelukt: Option<String>,
}

pub async fn persoon(wie: Ingelogd, Path(id): Path<Id>, Query(q): Query<Melding>) -> WebResultaat {
    let m = accountbeheer::lees(&wie.state, &wie.actor, id).await?;
    let melding = match q.gelukt.as_deref() {
        Some("rollen") => Some("De rollen zijn gewijzigd."),
        Some("actief") => Some("Opgeslagen."),
        Some("factoren") => Some(
            "De tweede factor is verwijderd en de sessies zijn beëindigd. Bij de volgende keer inloggen stelt deze persoon een nieuwe in.",
        ),
        _ => None,
    };
    persoonpagina(&wie, m, Fouten::default(), None, melding).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RolFormulier {
    /// A role to add: its name and organisation.
    rol: String,
    organisatie: String,
    /// A role to take away: `rol@organisatie`.
    weg: String,
}

fn rol_uit(rol: &str, organisatie: &str) -> Option<Roltoewijzing> {
    Some(Roltoewijzing {
        rol: Rol::parse(rol)?,
        organisatie: organisatie.trim().parse().ok()?,
    })
}

pub async fn zet_rol(Path(id): Path<Id>, f: Formulier<RolFormulier>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let m = accountbeheer::lees(&wie.state, &wie.actor, id).await?;
    let mut rollen = m.rollen.clone();
    let mut fouten = Fouten::default();
    match invoer.weg.split_once('@') {
        Some((rol, org)) => match rol_uit(rol, org) {
            Some(r) => rollen.retain(|x| *x != r),
            None => fouten.algemeen("Deze rol bestaat niet."),
        },
        None => match rol_uit(&invoer.rol, &invoer.organisatie) {
            Some(r) => rollen.push(r),
            None => fouten.veld("rol", "Rol", "Kies een rol en een organisatie."),
        },
    }
    if fouten.is_leeg() {
        match accountbeheer::zet_rollen(&wie.state, &wie.actor, id, &rollen).await {
            Ok(_) => return Ok(naar(format!("{LIJST}/{id}?gelukt=rollen"))),
            Err(e) => fouten.uit(
                e,
                &[
                    ("rollen", "rol", "Rol"),
                    ("organisatie", "organisatie", "Organisatie"),
                    ("id", "rol", "Rol"),
                ],
            )?,
        }
    }
    persoonpagina(&wie, m, fouten, None, None).await
}

/// The person's page again, with what was wrong said at the top.
async fn met_meldingen(wie: &Ingelogd, id: Id, v: &[crate::fout::VeldFout]) -> WebResultaat {
    let m = accountbeheer::lees(&wie.state, &wie.actor, id).await?;
    let mut fouten = Fouten::default();
    for f in v {
        fouten.algemeen(super::formulier::hoofdletter(&f.reason));
    }
    persoonpagina(wie, m, fouten, None, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ActiefFormulier {
    /// "ja" or "nee".
    actief: String,
}

pub async fn zet_actief(Path(id): Path<Id>, f: Formulier<ActiefFormulier>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let actief = invoer.actief == "ja";
    match accountbeheer::zet_actief(&wie.state, &wie.actor, id, actief).await {
        Ok(_) => Ok(naar(format!("{LIJST}/{id}?gelukt=actief"))),
        Err(ApiFout::Ongeldig(v)) => met_meldingen(&wie, id, &v).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct Leeg {}

pub async fn herstellink(Path(id): Path<Id>, f: Formulier<Leeg>) -> WebResultaat {
    let wie = f.wie;
    match accountbeheer::herstellink(&wie.state, &wie.actor, id).await {
        Ok(u) => {
            let Bezorgd { link, verstuurd } =
                accountbeheer::bezorg(&wie.state, Soort::Herstel, &u).await;
            let t = tot(&u);
            persoonpagina(
                &wie,
                u.medewerker,
                Fouten::default(),
                Some((link, t, verstuurd)),
                None,
            )
            .await
        }
        Err(ApiFout::Ongeldig(v)) => met_meldingen(&wie, id, &v).await,
        Err(e) => Err(e.into()),
    }
}

/// Removes the account's lost second factors (and ends its sessions).
pub async fn verwijder_factoren(Path(id): Path<Id>, f: Formulier<Leeg>) -> WebResultaat {
    let wie = f.wie;
    match accountbeheer::verwijder_tweede_factoren(&wie.state, &wie.actor, id).await {
        Ok(_) => Ok(naar(format!("{LIJST}/{id}?gelukt=factoren"))),
        Err(ApiFout::Ongeldig(v)) => met_meldingen(&wie, id, &v).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UitnodigingFormulier {
    naam: String,
    email: String,
    rol: String,
    organisatie: String,
}

#[derive(Template)]
#[template(path = "medewerker_nieuw.html")]
struct Nieuwpagina {
    kop: Kop,
    fouten: Fouten,
    invoer: UitnodigingFormulier,
    rollen: Vec<Keuze>,
    organisaties: Vec<Keuze>,
}

const NIEUW_VELDEN: [(&str, &str, &str); 4] = [
    ("naam", "naam", "Naam"),
    ("email", "email", "E-mailadres"),
    ("rol", "rol", "Rol"),
    ("organisatie", "organisatie", "Organisatie"),
];

async fn nieuwpagina(wie: &Ingelogd, fouten: Fouten, invoer: UitnodigingFormulier) -> WebResultaat {
    let (b, _) = accountbeheer::lijst(&wie.state, &wie.actor, None, Pagina::new(1, 1)).await?;
    let orgs = organisaties(wie, b).await?;
    let status = fouten.status();
    pagina_met(
        status,
        &Nieuwpagina {
            kop: Kop::voor(wie, "Medewerker uitnodigen", LIJST).await?,
            fouten,
            invoer,
            rollen: rollen(b),
            organisaties: keuzes(&orgs),
        },
    )
}

pub async fn nieuw(wie: Ingelogd) -> WebResultaat {
    nieuwpagina(&wie, Fouten::default(), UitnodigingFormulier::default()).await
}

pub async fn nodig_uit(f: Formulier<UitnodigingFormulier>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let mut fouten = Fouten::default();
    let rol = Rol::parse(&invoer.rol);
    if rol.is_none() {
        fouten.veld("rol", "Rol", "Kies een rol.");
    }
    let org = invoer.organisatie.trim().parse::<Id>().ok();
    if org.is_none() {
        fouten.veld("organisatie", "Organisatie", "Kies een organisatie.");
    }
    if let (Some(rol), Some(organisatie)) = (rol, org) {
        let r = Roltoewijzing { rol, organisatie };
        match accountbeheer::nodig_uit_door(&wie.state, &wie.actor, &invoer.naam, &invoer.email, r)
            .await
        {
            Ok(u) => {
                let Bezorgd { link, verstuurd } =
                    accountbeheer::bezorg(&wie.state, Soort::Uitnodiging, &u).await;
                let t = tot(&u);
                return persoonpagina(
                    &wie,
                    u.medewerker,
                    Fouten::default(),
                    Some((link, t, verstuurd)),
                    None,
                )
                .await;
            }
            Err(ApiFout::Conflict(m)) => {
                fouten.veld("email", "E-mailadres", super::formulier::hoofdletter(&m))
            }
            Err(e) => fouten.uit(e, &NIEUW_VELDEN)?,
        }
    }
    fouten.op_volgorde(&NIEUW_VELDEN);
    nieuwpagina(&wie, fouten, invoer).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WachtwoordFormulier {
    huidig: String,
    nieuw: String,
    herhaling: String,
}

#[derive(Template)]
#[template(path = "wachtwoord.html")]
struct Wachtwoordpagina {
    kop: Kop,
    fouten: Fouten,
    minimaal: usize,
    gelukt: bool,
}

async fn wachtwoordpagina(wie: &Ingelogd, fouten: Fouten, gelukt: bool) -> WebResultaat {
    let status = fouten.status();
    pagina_met(
        status,
        &Wachtwoordpagina {
            kop: Kop::voor(wie, "Wachtwoord wijzigen", "/account/wachtwoord").await?,
            fouten,
            minimaal: crate::account::MINIMALE_LENGTE,
            gelukt,
        },
    )
}

pub async fn wachtwoordscherm(wie: Ingelogd, Query(q): Query<Melding>) -> WebResultaat {
    wachtwoordpagina(&wie, Fouten::default(), q.gelukt.as_deref() == Some("ja")).await
}

pub async fn wijzig_wachtwoord(
    axum::extract::ConnectInfo(adres): axum::extract::ConnectInfo<std::net::SocketAddr>,
    jar: axum_extra::extract::CookieJar,
    f: Formulier<WachtwoordFormulier>,
) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let mut fouten = Fouten::default();
    if invoer.nieuw != invoer.herhaling {
        fouten.veld(
            "herhaling",
            "Herhaal het nieuwe wachtwoord",
            "De twee nieuwe wachtwoorden zijn niet gelijk.",
        );
        return wachtwoordpagina(&wie, fouten, false).await;
    }
    let behoud = jar
        .get(crate::auth::SESSIE_COOKIE)
        .map(|c| crate::auth::hash_geheim(c.value()));
    match accountbeheer::wijzig_wachtwoord(
        &wie.state,
        &wie.actor,
        adres.ip(),
        &invoer.huidig,
        &invoer.nieuw,
        behoud.as_deref(),
    )
    .await
    {
        Ok(()) => Ok(naar("/account/wachtwoord?gelukt=ja")),
        Err(e) => {
            fouten.uit(
                e,
                &[
                    ("huidigWachtwoord", "huidig", "Huidig wachtwoord"),
                    ("nieuwWachtwoord", "nieuw", "Nieuw wachtwoord"),
                ],
            )?;
            wachtwoordpagina(&wie, fouten, false).await
        }
    }
}
