//! Logging in and out in the browser, and who is asking: the same session
//! (cookie, 30-minute idle time-out, CSRF token) as the API's
//! `POST /api/v1/sessies`, created by the same [`meld_aan`]. Forms carry
//! the CSRF token as a hidden field instead of a header.

use std::net::SocketAddr;

use super::formulier::Query;
use askama::Template;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use schakel_domain::Rol;
use schakel_storage::{Roltoewijzing, Sessie};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::formulier::Fouten;
use super::{Kop, WebFout, WebResultaat, naar, pagina_met, rol_label, startpagina};
use crate::api::sessies::{Aanmelding, Inloggen, meld_aan, sessie_cookie};
use crate::auth::{
    self, Actor, Herkomst, SESSIE_COOKIE, SessieStand, gelijk_in_constante_tijd, nieuw_geheim,
};
use crate::fout::ApiFout;
use crate::state::AppState;

/// The cookie that ties the login form to the browser that loaded it
/// (double submit), so no other site can log a browser in to its account.
const INLOG_COOKIE: &str = "schakel_inlogformulier";

/// A logged-in user, with the session's CSRF token for the page's forms.
pub struct Ingelogd {
    pub state: AppState,
    pub actor: Actor,
    pub csrf: String,
}

impl Ingelogd {
    pub fn dossier(&self) -> crate::dossier::Dossier<'_> {
        crate::dossier::Dossier {
            state: &self.state,
            actor: &self.actor,
        }
    }

    pub fn rol(&self) -> Rol {
        self.actor.rol.rol
    }
}

/// The session behind the request's cookie, checked as the API checks it.
/// A form's CSRF token is checked (`csrf`) before the session is touched.
async fn sessie_van(
    parts: &mut Parts,
    state: &AppState,
    csrf: Option<&str>,
) -> Result<Ingelogd, WebFout> {
    match ingelogd_of_verlopen(parts, state, csrf).await? {
        Ok(i) => Ok(i),
        Err(verlopen) => Err(WebFout::Inloggen {
            verlopen: verlopen.is_some(),
        }),
    }
}

/// As [`sessie_van`], but no session is `Ok(Err(..))`, with the session
/// that just expired, if that is why.
async fn ingelogd_of_verlopen(
    parts: &mut Parts,
    state: &AppState,
    csrf: Option<&str>,
) -> Result<Result<Ingelogd, Option<Sessie>>, WebFout> {
    let Ok(Herkomst(herkomst)) = Herkomst::from_request_parts(parts, state).await;
    let jar = CookieJar::from_headers(&parts.headers);
    let Some(geheim) = jar.get(SESSIE_COOKIE).map(|c| c.value().to_string()) else {
        return Ok(Err(None));
    };
    let sessie = match auth::sessie_stand(state, &geheim).await? {
        SessieStand::Geldig(s) => s,
        SessieStand::Verlopen(s) => return Ok(Err(Some(s))),
        SessieStand::Onbekend => return Ok(Err(None)),
    };
    if let Some(meegestuurd) = csrf {
        auth::eis_csrf(state, meegestuurd, &sessie, &herkomst).await?;
    }
    auth::raak_aan(state, &sessie).await?;
    let actor = Actor::van(
        state,
        sessie.medewerker,
        sessie.rol,
        herkomst,
        auth::via(&sessie),
    )
    .await
    .map_err(|_| WebFout::Inloggen { verlopen: true })?;
    eis_pagina_voor_rol(state, &actor, parts.uri.path()).await?;
    Ok(Ok(Ingelogd {
        state: state.clone(),
        actor,
        csrf: sessie.csrf_token,
    }))
}

/// The pages the national role opens (issue 17.5): its dashboard, its own
/// account, session and API tokens, and the normenkader's public pages
/// (open to anyone, no personal data). Exact paths, then path prefixes.
const LANDELIJKE_PAGINAS: [&str; 8] = [
    "/",
    "/start",
    "/dashboard",
    "/uitloggen",
    "/sessie/verlengen",
    "/advies",
    "/toets",
    "/reikwijdte",
];
const LANDELIJKE_PREFIXEN: [&str; 2] = ["/account/", "/api-token"];

/// The pages about jeugdigen, their questions and cases: only for roles
/// that may ever see a dossier. Exact paths and what lies below. (The
/// deadlines, `/acties`, are also toegang's: its maatwerk reviews.)
const DOSSIERPAGINAS: [&str; 3] = ["/jeugdigen", "/hulpvragen", "/casussen"];

fn is_dossierpagina(pad: &str) -> bool {
    DOSSIERPAGINAS.iter().any(|p| {
        pad.strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// Deny by default before a page's handler runs, the refusal logged:
/// - the national role opens only its own pages ([`LANDELIJKE_PAGINAS`]):
///   any page of a region's work (dossiers, cases, the directory, beheer,
///   accounts) is refused;
/// - a role that never sees a dossier (beleid, beheerder, accountbeheerder,
///   toegang) is refused the dossier pages, which would otherwise open
///   empty or offer a registration it may not make.
async fn eis_pagina_voor_rol(state: &AppState, actor: &Actor, pad: &str) -> Result<(), WebFout> {
    let rol = actor.rol.rol;
    let weigering = if rol.is_landelijk() {
        let open = LANDELIJKE_PAGINAS.contains(&pad)
            || LANDELIJKE_PREFIXEN.iter().any(|p| pad.starts_with(p));
        (!open).then_some((
            "pagina.landelijk",
            "Landelijke monitoring ziet alleen de landelijke cijfers; deze pagina hoort bij het werk in een regio.",
        ))
    } else {
        (!rol.ziet_dossiers() && is_dossierpagina(pad)).then_some((
            "pagina.geen_dossierrol",
            "Uw rol werkt niet met dossiers van jeugdigen; deze pagina is voor wie dat wel doet.",
        ))
    };
    if let Some((gebeurtenis, melding)) = weigering {
        crate::dossier::Dossier { state, actor }
            .eis_rol_gelogd(
                &[],
                gebeurtenis,
                schakel_storage::audit::Actie::Lezen,
                "pagina",
                melding,
            )
            .await?;
    }
    Ok(())
}

impl FromRequestParts<AppState> for Ingelogd {
    type Rejection = WebFout;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebFout> {
        sessie_van(parts, state, None).await
    }
}

/// A visitor of a public page: logged in or not.
pub struct Bezoeker(pub Option<Ingelogd>);

impl FromRequestParts<AppState> for Bezoeker {
    type Rejection = WebFout;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebFout> {
        match sessie_van(parts, state, None).await {
            Ok(i) => Ok(Self(Some(i))),
            Err(WebFout::Inloggen { .. }) => Ok(Self(None)),
            Err(f) => Err(f),
        }
    }
}

/// A posted form of a logged-in user: its CSRF field must match the
/// session's token, or nothing is done. `T` is read from the form's fields
/// (application/x-www-form-urlencoded).
pub struct Formulier<T> {
    pub wie: Ingelogd,
    pub invoer: T,
}

pub use super::formulier::Velden;

/// The first value of field `naam` (empty when absent).
pub fn veld(velden: &Velden, naam: &str) -> String {
    velden
        .iter()
        .find(|(k, _)| k == naam)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// Every value of a repeated field (checkboxes).
pub fn alle(velden: &Velden, naam: &str) -> Vec<String> {
    velden
        .iter()
        .filter(|(k, _)| k == naam)
        .map(|(_, v)| v.clone())
        .collect()
}

impl<T: DeserializeOwned> FromRequest<AppState> for Formulier<T> {
    type Rejection = WebFout;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, WebFout> {
        let (mut parts, body) = req.into_parts();
        let (bytes, velden) = super::formulier::lees_velden(body).await?;
        let csrf = velden
            .iter()
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.as_str())
            .unwrap_or_default();
        let wie = match ingelogd_of_verlopen(&mut parts, state, Some(csrf)).await? {
            Ok(wie) => wie,
            // Sent after the time-out: kept through the new login.
            Err(Some(verlopen)) => {
                let actie = parts.uri.path();
                return Err(
                    match super::bewaard::houd_vast(state, actie, &velden, &verlopen) {
                        Some(sleutel) => {
                            WebFout::Bewaard(Box::new(super::bewaard::cookie(state, sleutel)))
                        }
                        None => WebFout::Inloggen { verlopen: true },
                    },
                );
            }
            Err(None) => return Err(WebFout::Inloggen { verlopen: false }),
        };
        let invoer = super::formulier::als(&bytes)?;
        Ok(Self { wie, invoer })
    }
}

/// `/`: the public advisor for visitors, the role's start page otherwise.
pub async fn begin(Bezoeker(wie): Bezoeker) -> Response {
    match wie {
        Some(w) => naar(startpagina(w.rol())),
        None => naar("/advies"),
    }
}

/// `/start`: the role's first page, or right after a new login the page
/// of a form the ended session had sent (`bewaard`), to send it again.
pub async fn start(wie: Ingelogd, jar: CookieJar) -> Response {
    match super::bewaard::pagina_voor(&wie.state, &jar, wie.actor.medewerker.id) {
        Some(pagina) => naar(pagina),
        None => naar(startpagina(wie.rol())),
    }
}

#[derive(Deserialize)]
pub struct Verlengen {
    /// Where the form (without script) returns to.
    #[serde(default)]
    terug: String,
}

/// `POST /sessie/verlengen`: "Blijf ingelogd" in the warning before the
/// time-out. Its form's CSRF check touches the session, which is all it
/// takes; then back to the page (a path of this site only), or 204 for
/// the script.
pub async fn verleng(Query(q): Query<VerlengVraag>, f: Formulier<Verlengen>) -> Response {
    if q.stil.is_some() {
        return axum::http::StatusCode::NO_CONTENT.into_response();
    }
    let terug = &f.invoer.terug;
    let eigen = terug.starts_with('/') && !terug.starts_with("//") && !terug.contains('\\');
    naar(if eigen { terug.as_str() } else { "/start" })
}

#[derive(Deserialize)]
pub struct VerlengVraag {
    stil: Option<String>,
}

#[derive(Deserialize)]
pub struct InlogMelding {
    verlopen: Option<String>,
    /// The form sent after the time-out is kept (`bewaard`).
    bewaard: Option<String>,
    uitgelogd: Option<String>,
    geactiveerd: Option<String>,
    ingeschreven: Option<String>,
}

/// A role the account may act in, as the login form offers it.
pub struct RolKeuze {
    pub waarde: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "inloggen.html")]
struct InlogScherm {
    kop: Kop,
    fouten: Fouten,
    melding: Option<&'static str>,
    email: String,
    inlogtoken: String,
    rollen: Vec<RolKeuze>,
}

fn inlogcookie(token: String, state: &AppState) -> Cookie<'static> {
    Cookie::build((INLOG_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.instellingen.veilige_cookies)
        .path("/inloggen")
        .build()
}

fn inlogscherm_met(
    state: &AppState,
    jar: CookieJar,
    fouten: Fouten,
    melding: Option<&'static str>,
    email: String,
    rollen: Vec<RolKeuze>,
) -> WebResultaat {
    let token = nieuw_geheim();
    let scherm = InlogScherm {
        kop: Kop::openbaar("Inloggen", "/inloggen"),
        fouten,
        melding,
        email,
        inlogtoken: token.clone(),
        rollen,
    };
    let status = if scherm.fouten.is_leeg() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::BAD_REQUEST
    };
    let html = pagina_met(status, &scherm)?;
    Ok((jar.add(inlogcookie(token, state)), html).into_response())
}

pub async fn inlogscherm(
    State(state): State<AppState>,
    jar: CookieJar,
    Query(m): Query<InlogMelding>,
) -> WebResultaat {
    let melding = if m.verlopen.is_some() && m.bewaard.is_some() {
        Some(
            "Uw sessie was verlopen, daarom is wat u net verstuurde nog niet opgeslagen. We hebben het wel bewaard (een uur, alleen voor u): log opnieuw in, dan ziet u het formulier ingevuld terug om te controleren en opnieuw te versturen.",
        )
    } else if m.verlopen.is_some() {
        Some("Uw sessie is verlopen omdat u een tijd niets deed. Log opnieuw in.")
    } else if m.uitgelogd.is_some() {
        Some("U bent uitgelogd.")
    } else if m.ingeschreven.is_some() {
        Some(
            "Uw tweede factor is ingesteld. Log in met uw e-mailadres, uw wachtwoord en daarna uw tweede factor.",
        )
    } else if m.geactiveerd.is_some() {
        Some("Uw account is geactiveerd. Log in met uw e-mailadres en het nieuwe wachtwoord.")
    } else {
        None
    };
    inlogscherm_met(
        &state,
        jar,
        Fouten::default(),
        melding,
        String::new(),
        vec![],
    )
}

#[derive(Deserialize)]
pub struct InlogInvoer {
    #[serde(default)]
    email: String,
    #[serde(default)]
    wachtwoord: String,
    #[serde(default)]
    inlogtoken: String,
    /// `rol:organisatie`, when the account has several roles.
    rol: Option<String>,
}

fn lees_rol(waarde: &str) -> Option<(Rol, i64)> {
    let (rol, org) = waarde.split_once(':')?;
    Some((Rol::parse(rol)?, org.parse().ok()?))
}

async fn rolkeuzes(state: &AppState, rollen: &[Roltoewijzing]) -> Result<Vec<RolKeuze>, WebFout> {
    let mut keuzes = Vec::with_capacity(rollen.len());
    for r in rollen {
        let org = state
            .opslag
            .organisatie(r.organisatie)
            .await?
            .map(|o| o.naam)
            .unwrap_or_default();
        keuzes.push(RolKeuze {
            waarde: format!("{}:{}", r.rol.naam(), r.organisatie),
            label: format!("{} bij {org}", rol_label(r.rol)),
        });
    }
    Ok(keuzes)
}

pub async fn inloggen(
    State(state): State<AppState>,
    ConnectInfo(adres): ConnectInfo<SocketAddr>,
    Herkomst(herkomst): Herkomst,
    jar: CookieJar,
    super::formulier::OpenFormulier(i): super::formulier::OpenFormulier<InlogInvoer>,
) -> WebResultaat {
    let formulier_klopt = jar.get(INLOG_COOKIE).is_some_and(|c| {
        !i.inlogtoken.is_empty() && gelijk_in_constante_tijd(c.value(), &i.inlogtoken)
    });
    let mut fouten = Fouten::default();
    if !formulier_klopt {
        // A login form from elsewhere (login CSRF), or a stale one.
        let record = crate::toegangslog::record(
            "csrf.geweigerd",
            schakel_storage::audit::Actie::Uitvoeren,
            crate::toegangslog::Wie::default(),
            ("inlogformulier", None),
            schakel_storage::audit::Uitkomst::Geweigerd,
            "inlogformulier_verlopen_of_vreemd",
            &herkomst,
        );
        crate::toegangslog::log(&state, record).await?;
        fouten.algemeen("Het inlogformulier is verlopen. Vul het opnieuw in.");
        return inlogscherm_met(&state, jar, fouten, None, i.email, vec![]);
    }
    if i.email.trim().is_empty() {
        fouten.veld("email", "E-mailadres", "Vul uw e-mailadres in.");
    }
    if i.wachtwoord.is_empty() {
        fouten.veld("wachtwoord", "Wachtwoord", "Vul uw wachtwoord in.");
    }
    if !fouten.is_leeg() {
        return inlogscherm_met(&state, jar, fouten, None, i.email, vec![]);
    }
    let gekozen = i.rol.as_deref().and_then(lees_rol);
    let vraag = Inloggen {
        email: i.email.clone(),
        wachtwoord: i.wachtwoord,
        rol: gekozen.map(|g| g.0),
        organisatie: gekozen.map(|g| g.1),
    };
    match meld_aan(&state, adres.ip(), &herkomst, &vraag).await {
        Ok(Aanmelding::Gelukt { geheim, .. }) => {
            let jar = jar
                .remove(Cookie::build(INLOG_COOKIE).path("/inloggen").build())
                .add(sessie_cookie(&state, geheim));
            Ok((jar, naar("/start")).into_response())
        }
        Ok(Aanmelding::TweedeFactor { geheim, doel, .. }) => {
            let jar = jar
                .remove(Cookie::build(INLOG_COOKIE).path("/inloggen").build())
                .add(crate::api::sessies::aanmeld_cookie(&state, geheim));
            let volgende = match doel {
                schakel_storage::AanmeldDoel::Controle => "/inloggen/tweede-factor",
                schakel_storage::AanmeldDoel::Inschrijven => "/account/tweede-factor",
            };
            Ok((jar, naar(volgende)).into_response())
        }
        Ok(Aanmelding::KiesRol(rollen)) => {
            let keuzes = rolkeuzes(&state, &rollen).await?;
            fouten.veld(
                "rol",
                "Rol",
                "Dit account heeft meer rollen. Kies de rol waarin u nu werkt en vul uw wachtwoord opnieuw in.",
            );
            inlogscherm_met(&state, jar, fouten, None, i.email, keuzes)
        }
        Err(ApiFout::NietIngelogd) => {
            fouten.veld(
                "wachtwoord",
                "Wachtwoord",
                "Het e-mailadres of het wachtwoord klopt niet.",
            );
            inlogscherm_met(&state, jar, fouten, None, i.email, vec![])
        }
        Err(ApiFout::TeVeel { opnieuw_na }) => {
            fouten.algemeen(format!(
                "Te veel mislukte pogingen. Probeer het over {opnieuw_na} seconden opnieuw."
            ));
            inlogscherm_met(&state, jar, fouten, None, i.email, vec![])
        }
        Err(ApiFout::Ongeldig(_)) => {
            fouten.veld("rol", "Rol", "Kies een rol die bij dit account hoort.");
            inlogscherm_met(&state, jar, fouten, None, i.email, vec![])
        }
        Err(f) => Err(f.into()),
    }
}

#[derive(Deserialize)]
pub struct Leeg {}

/// Ends the session (CSRF-checked like every form) and clears the cookie.
pub async fn uitloggen(jar: CookieJar, f: Formulier<Leeg>) -> WebResultaat {
    let na = super::sso::na_uitloggen(&jar);
    let jar = crate::api::sessies::beeindig_sessie(&f.wie.state, &f.wie.actor, jar).await?;
    Ok((jar, naar(na)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TokenFormulier {
    naam: String,
    dagen: String,
    /// Asked again when the login is not recent (never shown back).
    wachtwoord: String,
}

/// A token in the page's lists.
pub struct TokenRegel {
    pub id: i64,
    pub naam: String,
    pub wie: String,
    pub aangemaakt: String,
    pub laatst_gebruikt: String,
    pub verloopt: String,
    pub verlopen: bool,
}

#[derive(Template)]
#[template(path = "token.html")]
struct TokenPagina {
    kop: Kop,
    fouten: Fouten,
    invoer: TokenFormulier,
    /// The new token and when it expires: shown this once.
    nieuw: Option<(String, String)>,
    /// The login is not recent: the form asks for the password.
    wachtwoord_nodig: bool,
    /// ... or, for an account without a password (single sign-on only),
    /// where to log in anew at the organisation's provider.
    herbevestig: Option<String>,
    eigen: Vec<TokenRegel>,
    /// For the beheerder: every token of the region.
    regio: Option<Vec<TokenRegel>>,
}

use super::opmaak::moment;

async fn tokenregels(
    wie: &Ingelogd,
    tokens: Vec<schakel_storage::ApiToken>,
) -> Result<Vec<TokenRegel>, WebFout> {
    let mut regels = Vec::with_capacity(tokens.len());
    for t in tokens {
        let naam = wie
            .state
            .opslag
            .medewerker(t.medewerker)
            .await?
            .map(|m| m.naam)
            .unwrap_or_default();
        regels.push(TokenRegel {
            id: t.id,
            wie: format!("{naam} ({})", rol_label(t.rol.rol)),
            naam: t.naam,
            aangemaakt: moment(t.aangemaakt),
            laatst_gebruikt: t
                .laatst_gebruikt
                .map(moment)
                .unwrap_or_else(|| "nog niet".into()),
            verlopen: t.verloopt <= chrono::Utc::now(),
            verloopt: moment(t.verloopt),
        });
    }
    Ok(regels)
}

async fn tokenpagina(
    wie: &Ingelogd,
    fouten: Fouten,
    invoer: TokenFormulier,
    nieuw: Option<(String, String)>,
) -> WebResultaat {
    use crate::api::sessies::tokens_voor;
    let status = fouten.status();
    let eigen = tokenregels(wie, tokens_voor(&wie.state, &wie.actor, false).await?).await?;
    let regio = if wie.rol() == Rol::Beheerder {
        Some(tokenregels(wie, tokens_voor(&wie.state, &wie.actor, true).await?).await?)
    } else {
        None
    };
    let mut antwoord = pagina_met(
        status,
        &TokenPagina {
            kop: Kop::voor(wie, "API-token", "").await?,
            fouten,
            invoer,
            nieuw,
            wachtwoord_nodig: wie.actor.eis_recent_ingelogd("").is_err(),
            herbevestig: herbevestig_via_sso(wie).await?,
            eigen,
            regio,
        },
    )?;
    // The token is shown once: not kept in any cache.
    antwoord.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(antwoord)
}

/// `/api-token`: the own tokens (and for the beheerder the region's), and a
/// new bearer token for another system, acting in the current role (the
/// API's `GET`/`POST /api/v1/api-tokens`).
pub async fn tokenscherm(wie: Ingelogd) -> WebResultaat {
    tokenpagina(&wie, Fouten::default(), TokenFormulier::leeg(), None).await
}

impl TokenFormulier {
    /// A blank form: 90 days unless said otherwise.
    fn leeg() -> Self {
        Self {
            naam: String::new(),
            dagen: "90".into(),
            wachtwoord: String::new(),
        }
    }
}

/// Whether the account has no password (it logs in only through its
/// organisation's provider).
async fn zonder_wachtwoord(wie: &Ingelogd) -> Result<bool, WebFout> {
    Ok(wie
        .state
        .opslag
        .medewerker_op_email(&wie.actor.medewerker.email)
        .await?
        .is_some_and(|(_, hash)| hash.is_empty()))
}

/// For a login that is not recent, of an account without a password whose
/// organisation has single sign-on: the fresh login at the provider
/// (`prompt=login`, `max_age=0`) that re-confirms it.
async fn herbevestig_via_sso(wie: &Ingelogd) -> Result<Option<String>, WebFout> {
    if wie.actor.eis_recent_ingelogd("").is_ok() || !zonder_wachtwoord(wie).await? {
        return Ok(None);
    }
    let organisatie = wie.actor.rol.organisatie;
    let sso = wie.state.opslag.sso_instelling(organisatie).await?;
    Ok(sso
        .filter(|i| i.actief)
        .map(|_| super::sso::herbevestig_pad(organisatie)))
}

/// When the login is not recent, the password typed in the form proves it
/// again (through the same counters and log as a login); the token is then
/// made as by a fresh login. An account without a password re-confirms at
/// its organisation's provider instead (the page's link).
async fn herbevestig(
    wie: &Ingelogd,
    adres: std::net::IpAddr,
    wachtwoord: &str,
    fouten: &mut Fouten,
) -> Result<Option<Actor>, WebFout> {
    use crate::api::sessies::controleer_wachtwoord;
    if wie.actor.eis_recent_ingelogd("").is_ok() {
        return Ok(Some(wie.actor.clone()));
    }
    if zonder_wachtwoord(wie).await? {
        fouten.algemeen(
            "U bent meer dan 10 minuten geleden ingelogd. Log eerst opnieuw in via uw organisatie (de link boven het formulier); daarna kunt u hier een token maken.",
        );
        return Ok(None);
    }
    if wachtwoord.is_empty() {
        fouten.veld(
            "wachtwoord",
            "Wachtwoord",
            "Vul uw wachtwoord opnieuw in: u bent meer dan 10 minuten geleden ingelogd.",
        );
        return Ok(None);
    }
    let email = &wie.actor.medewerker.email;
    match controleer_wachtwoord(&wie.state, adres, &wie.actor.herkomst, email, wachtwoord).await {
        Ok(_) => Ok(Some(Actor {
            via: auth::Via::Sessie {
                ingelogd: chrono::Utc::now(),
            },
            ..wie.actor.clone()
        })),
        Err(ApiFout::NietIngelogd) => {
            fouten.veld("wachtwoord", "Wachtwoord", "Het wachtwoord klopt niet.");
            Ok(None)
        }
        Err(ApiFout::TeVeel { opnieuw_na }) => {
            fouten.algemeen(format!(
                "Te veel mislukte pogingen. Probeer het over {opnieuw_na} seconden opnieuw."
            ));
            Ok(None)
        }
        Err(f) => Err(f.into()),
    }
}

pub async fn maak_token(
    ConnectInfo(adres): ConnectInfo<SocketAddr>,
    f: Formulier<TokenFormulier>,
) -> WebResultaat {
    use crate::api::sessies::{NieuwToken, maak_token_voor};
    let Formulier { wie, invoer } = f;
    let mut fouten = Fouten::default();
    let Ok(dagen) = invoer.dagen.trim().parse::<i64>() else {
        fouten.veld(
            "dagen",
            "Geldig (dagen)",
            "Vul een aantal dagen in, 1 tot en met 365.",
        );
        return tokenpagina(&wie, fouten, invoer, None).await;
    };
    let Some(actor) = herbevestig(&wie, adres.ip(), &invoer.wachtwoord, &mut fouten).await? else {
        return tokenpagina(&wie, fouten, invoer, None).await;
    };
    let t = NieuwToken {
        naam: invoer.naam.clone(),
        geldig_dagen: dagen,
    };
    match maak_token_voor(&wie.state, &actor, t).await {
        Ok(a) => {
            let verloopt = super::opmaak::datum(
                a.verloopt
                    .with_timezone(&chrono_tz::Europe::Amsterdam)
                    .date_naive(),
            );
            tokenpagina(
                &wie,
                fouten,
                TokenFormulier::leeg(),
                Some((a.token, verloopt)),
            )
            .await
        }
        Err(f) => {
            fouten.uit(
                f,
                &[
                    ("naam", "naam", "Waarvoor"),
                    ("geldigDagen", "dagen", "Geldig (dagen)"),
                ],
            )?;
            tokenpagina(&wie, fouten, invoer, None).await
        }
    }
}

/// `POST /api-token/{id}/intrekken`: revokes an own token (or, for the
/// beheerder, one of the region), as `DELETE /api/v1/api-tokens/{id}`.
pub async fn trek_token_in(
    axum::extract::Path(id): axum::extract::Path<i64>,
    f: Formulier<Leeg>,
) -> WebResultaat {
    crate::api::sessies::trek_token_in(&f.wie.state, &f.wie.actor, id).await?;
    Ok(naar("/api-token?ingetrokken=1"))
}
