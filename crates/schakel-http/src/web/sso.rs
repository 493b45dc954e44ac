//! Single sign-on in the browser (issue 13.4): "Inloggen met uw
//! organisatie" (`/inloggen/sso`), the way back from the provider
//! (`/inloggen/sso/terug`), logging out at the provider too
//! (`/inloggen/sso/uitgelogd`), and the beheerder's settings per
//! organisation (`/beheer/organisaties/{id}/sso`). The protocol and every
//! decision are in [`crate::sso`].

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use schakel_storage::{Id, Roltoewijzing};
use serde::Deserialize;

use super::formulier::{Fouten, Keuze, OpenFormulier, Path, Query};
use super::sessie::{Formulier, Ingelogd, RolKeuze};
use super::{Kop, WebResultaat, naar, pagina_met, rol_label};
use crate::api::sessies::sessie_cookie;
use crate::auth::{Herkomst, nieuw_geheim};
use crate::sso::{self, Afloop, SsoInvoer, Weigering};
use crate::state::AppState;

/// Binds a login under way to the browser that started it. SameSite=Lax:
/// the provider sends the browser back with a top-level GET from its site.
const BINDING_COOKIE: &str = "schakel_sso";
/// Which organisation's provider a session came from, to offer its logout.
const ORGANISATIE_COOKIE: &str = "schakel_sso_organisatie";

fn cookie(
    state: &AppState,
    naam: &'static str,
    waarde: String,
    pad: &'static str,
) -> Cookie<'static> {
    Cookie::build((naam, waarde))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.instellingen.veilige_cookies)
        .path(pad)
        .build()
}

#[derive(Template)]
#[template(path = "sso_inloggen.html")]
struct InlogPagina {
    kop: Kop,
    fouten: Fouten,
    /// Each a link to [`start`] (a navigation, not a form: the page's
    /// CSP lets forms post to Schakel only, and the provider is elsewhere).
    organisaties: Vec<Keuze>,
    email: String,
}

async fn inlogpagina(state: &AppState, fouten: Fouten, email: String) -> WebResultaat {
    let organisaties = sso::organisaties_met_sso(state)
        .await?
        .into_iter()
        .map(|(id, naam)| Keuze::new(start_pad(id, None), naam))
        .collect();
    let status = fouten.status();
    pagina_met(
        status,
        &InlogPagina {
            kop: Kop::openbaar("Inloggen met uw organisatie", "/inloggen"),
            fouten,
            organisaties,
            email,
        },
    )
}

pub async fn inlogscherm(State(state): State<AppState>) -> WebResultaat {
    inlogpagina(&state, Fouten::default(), String::new()).await
}

/// The start of a login at an organisation's provider (and the role asked
/// for, on a second round).
fn start_pad(organisatie: Id, rol: Option<&str>) -> String {
    let mut pad = format!("/inloggen/sso/start?organisatie={organisatie}");
    if let Some(r) = rol {
        pad.push_str("&rol=");
        pad.push_str(&form_urlencoded::byte_serialize(r.as_bytes()).collect::<String>());
    }
    pad
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmailInvoer {
    email: String,
}

/// Finds the organisation by the e-mail address's domain, then goes on
/// to [`start`] by a page that refreshes (a form may not end at another
/// site: the CSP's form-action).
pub async fn zoek(
    State(state): State<AppState>,
    OpenFormulier(i): OpenFormulier<EmailInvoer>,
) -> WebResultaat {
    let mut fouten = Fouten::default();
    let gevonden = match i.email.trim() {
        "" => None,
        email => sso::organisatie_van_email(&state, email).await?,
    };
    let Some(organisatie) = gevonden else {
        fouten.veld(
            "email",
            "E-mailadres",
            "Voor dit e-mailadres kan niet met een organisatie worden ingelogd. Kies uw organisatie of log in met uw wachtwoord.",
        );
        return inlogpagina(&state, fouten, i.email).await;
    };
    let mut p = uitkomst(
        "Naar uw organisatie",
        "U gaat nu naar de inlogdienst van uw organisatie.",
    );
    p.verder = Some(start_pad(organisatie, None));
    pagina_met(StatusCode::OK, &p)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StartVraag {
    organisatie: Option<Id>,
    /// `rol:organisatie`, when an account with several roles chose one.
    rol: Option<String>,
    /// "1": a re-confirmation of a signed-in user (the provider logs the
    /// person in anew); back to the API-token page afterwards.
    opnieuw: Option<String>,
}

/// Where a user without a password re-confirms a login: a fresh login at
/// the organisation's provider.
pub fn herbevestig_pad(organisatie: Id) -> String {
    format!("{}&opnieuw=1", start_pad(organisatie, None))
}

/// Sends the browser to the organisation's provider.
pub async fn start(
    State(state): State<AppState>,
    Herkomst(herkomst): Herkomst,
    jar: CookieJar,
    Query(v): Query<StartVraag>,
) -> WebResultaat {
    let Some(organisatie) = v.organisatie else {
        return Ok(naar("/inloggen/sso"));
    };
    let binding = jar
        .get(BINDING_COOKIE)
        .map(|c| c.value().to_string())
        .filter(|b| b.len() == 64)
        .unwrap_or_else(nieuw_geheim);
    let opnieuw = v.opnieuw.as_deref() == Some("1");
    match sso::begin(&state, organisatie, &binding, v.rol, &herkomst, opnieuw).await? {
        Ok(url) => {
            let jar = jar.add(cookie(&state, BINDING_COOKIE, binding, "/inloggen/sso"));
            Ok((jar, Redirect::to(&url)).into_response())
        }
        Err(w) => {
            let p = uitkomst("Inloggen is niet gelukt", w.melding());
            pagina_met(status_van(w), &p)
        }
    }
}

#[derive(Template)]
#[template(path = "sso_uitkomst.html")]
struct Uitkomst {
    kop: Kop,
    kopregel: &'static str,
    melding: String,
    /// On to this page at once (after a login: the start page, by a
    /// same-site navigation, so the SameSite=Strict session cookie goes
    /// along).
    verder: Option<String>,
    /// Links that start a second round, one per role.
    rollen: Vec<RolKeuze>,
}

fn uitkomst(kopregel: &'static str, melding: impl Into<String>) -> Uitkomst {
    Uitkomst {
        kop: Kop::openbaar(kopregel, "/inloggen"),
        kopregel,
        melding: melding.into(),
        verder: None,
        rollen: vec![],
    }
}

async fn rolkeuzes(
    state: &AppState,
    organisatie: Id,
    rollen: &[Roltoewijzing],
) -> Result<Vec<RolKeuze>, super::WebFout> {
    let mut uit = Vec::new();
    for r in rollen {
        let org = state.opslag.organisatie(r.organisatie).await?;
        uit.push(RolKeuze {
            waarde: start_pad(organisatie, Some(&sso::rolkeuze(*r))),
            label: format!(
                "{} bij {}",
                rol_label(r.rol),
                org.map(|o| o.naam).unwrap_or_default()
            ),
        });
    }
    Ok(uit)
}

/// The answer's status for a refusal: the provider unreachable is a bad
/// gateway, a login Schakel does not know (or that is off) a bad request,
/// anyone refused forbidden.
fn status_van(w: Weigering) -> StatusCode {
    match w {
        Weigering::IdpOnbereikbaar => StatusCode::BAD_GATEWAY,
        Weigering::StateOnbekend | Weigering::AndereBrowser | Weigering::SsoUit => {
            StatusCode::BAD_REQUEST
        }
        _ => StatusCode::FORBIDDEN,
    }
}

/// The way back from the provider.
pub async fn terug(
    State(state): State<AppState>,
    Herkomst(herkomst): Herkomst,
    axum::extract::ConnectInfo(adres): axum::extract::ConnectInfo<std::net::SocketAddr>,
    jar: CookieJar,
    Query(t): Query<sso::Terugkeer>,
) -> WebResultaat {
    let binding = jar.get(BINDING_COOKIE).map(|c| c.value().to_string());
    let afloop = sso::terugkeer(&state, &t, binding.as_deref(), &herkomst, adres.ip()).await?;
    let (status, pagina, jar) = match afloop {
        Afloop::Ingelogd {
            geheim,
            organisatie,
            herbevestigd,
            ..
        } => {
            let jar = jar.add(sessie_cookie(&state, geheim)).add(
                Cookie::build((ORGANISATIE_COOKIE, organisatie.to_string()))
                    .http_only(true)
                    .same_site(SameSite::Strict)
                    .secure(state.instellingen.veilige_cookies)
                    .path("/")
                    .build(),
            );
            let mut p = uitkomst("U bent ingelogd", "U bent ingelogd via uw organisatie.");
            p.verder = Some(if herbevestigd { "/api-token" } else { "/start" }.into());
            (StatusCode::OK, p, jar)
        }
        Afloop::TweedeFactor { geheim, doel } => {
            // A page that moves on, not a redirect: the step's cookie is
            // SameSite=Strict and this request came from the provider.
            let jar = jar.add(crate::api::sessies::aanmeld_cookie(&state, geheim));
            let mut p = uitkomst(
                "Nog één stap",
                "Uw organisatie heeft u herkend. Bevestig nu met uw tweede factor.",
            );
            p.verder = Some(
                match doel {
                    schakel_storage::AanmeldDoel::Controle => "/inloggen/tweede-factor",
                    schakel_storage::AanmeldDoel::Inschrijven => "/account/tweede-factor",
                }
                .into(),
            );
            (StatusCode::OK, p, jar)
        }
        Afloop::WachtOpRol { nieuw } => {
            let melding = if nieuw {
                "Er is een account voor u gemaakt. U kunt nog niets doen in Schakel: de beheerder van uw organisatie moet u eerst een rol geven. Daarna logt u hier opnieuw in."
            } else {
                "Uw account heeft nog geen rol. De beheerder van uw organisatie moet u eerst een rol geven. Daarna logt u hier opnieuw in."
            };
            (
                StatusCode::FORBIDDEN,
                uitkomst("Uw account wacht op een rol", melding),
                jar,
            )
        }
        Afloop::KiesRol {
            organisatie,
            rollen,
        } => {
            let mut p = uitkomst(
                "Kies uw rol",
                "Uw account heeft meer rollen bij deze organisatie. U werkt steeds in één rol: kies er een. Uw organisatie bevestigt het daarna nog eens.",
            );
            p.rollen = rolkeuzes(&state, organisatie, &rollen).await?;
            (StatusCode::OK, p, jar)
        }
        Afloop::Geweigerd(w) => (
            status_van(w),
            uitkomst("Inloggen is niet gelukt", w.melding()),
            jar,
        ),
    };
    Ok((jar, pagina_met(status, &pagina)?).into_response())
}

#[derive(Template)]
#[template(path = "sso_uitgelogd.html")]
struct Uitgelogd {
    kop: Kop,
    uitlog_url: Option<String>,
}

/// After a logout of a session that came through a provider: offers to end
/// the session at the provider too, when it has an end-session endpoint.
pub async fn uitgelogd(State(state): State<AppState>, jar: CookieJar) -> WebResultaat {
    let organisatie = jar
        .get(ORGANISATIE_COOKIE)
        .and_then(|c| c.value().parse::<Id>().ok());
    let uitlog_url = match organisatie {
        Some(o) => sso::uitlog_url(&state, o).await?,
        None => None,
    };
    let jar = jar.remove(Cookie::build(ORGANISATIE_COOKIE).path("/").build());
    let pagina = Uitgelogd {
        kop: Kop::openbaar("Uitgelogd", "/inloggen"),
        uitlog_url,
    };
    Ok((jar, pagina_met(StatusCode::OK, &pagina)?).into_response())
}

/// Where a logout goes: to [`uitgelogd`] when the session came through a
/// provider (the cookie says which), else the login page.
pub fn na_uitloggen(jar: &CookieJar) -> &'static str {
    if jar.get(ORGANISATIE_COOKIE).is_some() {
        "/inloggen/sso/uitgelogd"
    } else {
        "/inloggen?uitgelogd=1"
    }
}

// --- the beheerder's settings -------------------------------------------------------------

/// API field → (form id, label), for errors beside their field.
const VELDEN: [(&str, &str, &str); 6] = [
    ("issuer", "issuer", "Issuer-URL"),
    ("clientId", "client_id", "Client-id"),
    ("clientSecret", "client_secret", "Clientgeheim"),
    ("domeinen", "domeinen", "E-maildomeinen"),
    ("acrMfa", "acr_mfa", "acr-waarden met meer factoren"),
    ("actief", "actief", "Inloggen met deze organisatie"),
];

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SsoFormulier {
    actief: String,
    issuer: String,
    client_id: String,
    /// Never shown back; empty keeps the stored one.
    client_secret: String,
    /// One per line.
    domeinen: String,
    aanmaken: String,
    acr_mfa: String,
}

#[derive(Template)]
#[template(path = "beheer_sso.html")]
struct BeheerPagina {
    kop: Kop,
    fouten: Fouten,
    melding: Option<&'static str>,
    id: Id,
    naam: String,
    invoer: SsoFormulier,
    geheim_bewaard: bool,
    redirect_uri: String,
    wachtenden: Vec<(String, String)>,
    janee: Vec<Keuze>,
}

fn regels(lijst: &[String]) -> String {
    lijst.join("\n")
}

fn janee(b: bool) -> String {
    if b { "ja" } else { "nee" }.into()
}

async fn beheerpagina(
    wie: &Ingelogd,
    id: Id,
    fouten: Fouten,
    invoer: Option<SsoFormulier>,
    melding: Option<&'static str>,
) -> WebResultaat {
    let nu = sso::lees(&wie.dossier(), id).await?;
    let invoer = invoer.unwrap_or_else(|| SsoFormulier {
        actief: janee(nu.actief),
        issuer: nu.issuer.clone().unwrap_or_default(),
        client_id: nu.client_id.clone().unwrap_or_default(),
        client_secret: String::new(),
        domeinen: regels(&nu.domeinen),
        aanmaken: janee(nu.onbekende_accounts_aanmaken),
        acr_mfa: regels(&nu.acr_mfa),
    });
    let status = fouten.status();
    pagina_met(
        status,
        &BeheerPagina {
            kop: Kop::voor(wie, "Inloggen met de eigen organisatie", "/beheer").await?,
            fouten,
            melding,
            id,
            naam: nu.organisatie.naam,
            invoer,
            geheim_bewaard: nu.client_secret_ingesteld,
            redirect_uri: nu.redirect_uri.unwrap_or_default(),
            wachtenden: nu
                .wachten_op_rol
                .into_iter()
                .map(|m| (m.naam, m.email))
                .collect(),
            janee: vec![Keuze::new("nee", "Nee"), Keuze::new("ja", "Ja")],
        },
    )
}

#[derive(Deserialize)]
pub struct Melding {
    gelukt: Option<String>,
}

pub async fn beheer(wie: Ingelogd, Path(id): Path<Id>, Query(m): Query<Melding>) -> WebResultaat {
    let melding = m.gelukt.is_some().then_some("Opgeslagen.");
    beheerpagina(&wie, id, Fouten::default(), None, melding).await
}

fn lijst(tekst: &str) -> Vec<String> {
    tekst
        .lines()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect()
}

pub async fn zet(Path(id): Path<Id>, f: Formulier<SsoFormulier>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let i = SsoInvoer {
        actief: invoer.actief == "ja",
        issuer: invoer.issuer.clone(),
        client_id: invoer.client_id.clone(),
        client_secret: Some(invoer.client_secret.clone()),
        domeinen: lijst(&invoer.domeinen),
        onbekende_accounts_aanmaken: invoer.aanmaken == "ja",
        acr_mfa: lijst(&invoer.acr_mfa),
    };
    let mut fouten = Fouten::default();
    match sso::zet(&wie.dossier(), id, i).await {
        Ok(_) => return Ok(naar(format!("/beheer/organisaties/{id}/sso?gelukt=ja"))),
        Err(e) => fouten.uit(super::formulier::per_lijstveld(e, "domeinen"), &VELDEN)?,
    }
    fouten.op_volgorde(&VELDEN);
    let invoer = SsoFormulier {
        client_secret: String::new(),
        ..invoer
    };
    beheerpagina(&wie, id, fouten, Some(invoer), None).await
}
