//! The second factor in the browser (issue 13.3): the step after the
//! password (`/inloggen/tweede-factor`: a code, or a passkey with script),
//! and `/account/tweede-factor`, where a factor is enrolled — after
//! activation, or by an account without one, through the waiting login's
//! cookie; or, with a login of the last 10 minutes, to add a passkey, a new
//! authenticator app or new recovery codes. The logic is in
//! [`crate::tweedefactor`], shared with the API.

use std::net::SocketAddr;

use askama::Template;
use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use schakel_storage::{AanmeldDoel, Aanmelding, Medewerker};
use serde::Deserialize;

use super::formulier::{Fouten, OpenFormulier};
use super::sessie::Ingelogd;
use super::{Kop, WebFout, WebResultaat, naar, pagina_met};
use crate::api::sessies::sessie_cookie;
use crate::auth::{CSRF_HEADER, Herkomst, gelijk_in_constante_tijd};
use crate::fout::ApiFout;
use crate::state::AppState;
use crate::tweedefactor::{self as tf, AANMELD_COOKIE, Bewijs};

fn aanmeld_geheim(jar: &CookieJar) -> Option<String> {
    jar.get(AANMELD_COOKIE).map(|c| c.value().to_string())
}

fn zonder_aanmelding(jar: CookieJar) -> CookieJar {
    jar.remove(Cookie::build(AANMELD_COOKIE).path("/").build())
}

fn niet_bewaren(mut r: Response) -> Response {
    r.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    r
}

// --- the step after the password ---------------------------------------------------

#[derive(Template)]
#[template(path = "tweede_factor.html")]
struct Controlescherm {
    kop: Kop,
    fouten: Fouten,
    csrf: String,
    totp: bool,
    passkey: bool,
    /// Unused recovery codes left: the form says they work.
    herstelcodes: bool,
}

async fn controlescherm(state: &AppState, jar: &CookieJar, fouten: Fouten) -> WebResultaat {
    let Some(geheim) = aanmeld_geheim(jar) else {
        return Err(WebFout::Inloggen { verlopen: false });
    };
    let (a, m) = match tf::geldige_aanmelding(state, &geheim).await {
        Ok(x) => x,
        Err(ApiFout::NietIngelogd) => return Err(WebFout::Inloggen { verlopen: true }),
        Err(f) => return Err(f.into()),
    };
    if a.doel == AanmeldDoel::Inschrijven {
        return Ok(naar("/account/tweede-factor"));
    }
    let (totp, passkey) = tf::soorten(state, m.id).await?;
    let scherm = Controlescherm {
        kop: Kop::openbaar("Tweede stap van het inloggen", ""),
        fouten,
        csrf: a.csrf_token,
        totp,
        passkey: passkey && state.webauthn.is_some(),
        herstelcodes: state.opslag.herstelcodes_over(m.id).await? > 0,
    };
    Ok(niet_bewaren(pagina_met(scherm.fouten.status(), &scherm)?))
}

pub async fn controle(State(state): State<AppState>, jar: CookieJar) -> WebResultaat {
    controlescherm(&state, &jar, Fouten::default()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CodeInvoer {
    code: String,
    csrf: String,
}

/// The waiting login behind the cookie, when `csrf` is its token.
async fn aanmelding_met_csrf(
    state: &AppState,
    jar: &CookieJar,
    csrf: &str,
) -> Result<(String, Aanmelding, Medewerker), WebFout> {
    let geheim = aanmeld_geheim(jar).ok_or(WebFout::Inloggen { verlopen: false })?;
    let (a, m) = tf::geldige_aanmelding(state, &geheim)
        .await
        .map_err(|_| WebFout::Inloggen { verlopen: true })?;
    if !gelijk_in_constante_tijd(csrf, &a.csrf_token) {
        return Err(ApiFout::CsrfOntbreekt.into());
    }
    Ok((geheim, a, m))
}

pub async fn bevestig(
    State(state): State<AppState>,
    ConnectInfo(adres): ConnectInfo<SocketAddr>,
    Herkomst(herkomst): Herkomst,
    jar: CookieJar,
    OpenFormulier(i): OpenFormulier<CodeInvoer>,
) -> WebResultaat {
    let (geheim, _, _) = aanmelding_met_csrf(&state, &jar, &i.csrf).await?;
    let mut fouten = Fouten::default();
    if i.code.trim().is_empty() {
        fouten.veld(
            "code",
            "Code",
            "Vul de code uit uw app of een herstelcode in.",
        );
        return controlescherm(&state, &jar, fouten).await;
    }
    match tf::controleer(
        &state,
        &geheim,
        adres.ip(),
        &herkomst,
        Bewijs::Code(&i.code),
    )
    .await
    {
        Ok((sessie, _)) => {
            let jar = zonder_aanmelding(jar).add(sessie_cookie(&state, sessie));
            Ok((jar, naar("/start")).into_response())
        }
        Err(ApiFout::NietIngelogd) => {
            fouten.veld(
                "code",
                "Code",
                "Deze code klopt niet, of is al gebruikt. Wacht op de volgende code van uw app.",
            );
            match controlescherm(&state, &jar, fouten).await {
                // After five wrong codes the step ends: log in again.
                Err(WebFout::Inloggen { .. }) => Ok(naar("/inloggen?verlopen=1")),
                r => r,
            }
        }
        Err(ApiFout::TeVeel { opnieuw_na }) => {
            fouten.algemeen(format!(
                "Te veel mislukte pogingen. Probeer het over {opnieuw_na} seconden opnieuw."
            ));
            controlescherm(&state, &jar, fouten).await
        }
        Err(f) => Err(f.into()),
    }
}

fn csrf_kop(h: &HeaderMap) -> String {
    h.get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// `POST /inloggen/passkey/uitdaging`: the challenge for the browser.
pub async fn passkey_uitdaging(
    State(state): State<AppState>,
    jar: CookieJar,
    koppen: HeaderMap,
) -> Result<Response, ApiFout> {
    let (geheim, _, _) = aanmelding_met_csrf(&state, &jar, &csrf_kop(&koppen))
        .await
        .map_err(|_| ApiFout::NietIngelogd)?;
    Ok(Json(tf::passkey_uitdaging(&state, &geheim).await?).into_response())
}

/// `POST /inloggen/passkey`: the browser's signed answer; logged in, the
/// answer says where to go.
pub async fn passkey_aanmelden(
    State(state): State<AppState>,
    ConnectInfo(adres): ConnectInfo<SocketAddr>,
    Herkomst(herkomst): Herkomst,
    jar: CookieJar,
    koppen: HeaderMap,
    Json(antwoord): Json<webauthn_rs::prelude::PublicKeyCredential>,
) -> Result<Response, ApiFout> {
    let (geheim, _, _) = aanmelding_met_csrf(&state, &jar, &csrf_kop(&koppen))
        .await
        .map_err(|_| ApiFout::NietIngelogd)?;
    let (sessie, _) = tf::controleer(
        &state,
        &geheim,
        adres.ip(),
        &herkomst,
        Bewijs::Passkey(&antwoord),
    )
    .await?;
    let jar = zonder_aanmelding(jar).add(sessie_cookie(&state, sessie));
    Ok((jar, Json(serde_json::json!({ "naar": "/start" }))).into_response())
}

// --- enrolment and changes -----------------------------------------------------------

/// Who may enrol or change second factors: a waiting login that must
/// enrol first, or a logged-in user (changes need a recent login).
pub enum Inschrijver {
    Aanmelding {
        state: AppState,
        aanmelding: Aanmelding,
        medewerker: Medewerker,
        herkomst: String,
    },
    Sessie(Ingelogd),
}

impl FromRequestParts<AppState> for Inschrijver {
    type Rejection = WebFout;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebFout> {
        let jar = CookieJar::from_headers(&parts.headers);
        if let Some(geheim) = aanmeld_geheim(&jar)
            && let Ok((a, m)) = tf::geldige_aanmelding(state, &geheim).await
            && a.doel == AanmeldDoel::Inschrijven
        {
            let Ok(Herkomst(herkomst)) = Herkomst::from_request_parts(parts, state).await;
            return Ok(Self::Aanmelding {
                state: state.clone(),
                aanmelding: a,
                medewerker: m,
                herkomst,
            });
        }
        Ok(Self::Sessie(
            Ingelogd::from_request_parts(parts, state).await?,
        ))
    }
}

impl Inschrijver {
    fn state(&self) -> &AppState {
        match self {
            Self::Aanmelding { state, .. } => state,
            Self::Sessie(i) => &i.state,
        }
    }

    fn medewerker(&self) -> &Medewerker {
        match self {
            Self::Aanmelding { medewerker, .. } => medewerker,
            Self::Sessie(i) => &i.actor.medewerker,
        }
    }

    fn herkomst(&self) -> &str {
        match self {
            Self::Aanmelding { herkomst, .. } => herkomst,
            Self::Sessie(i) => &i.actor.herkomst,
        }
    }

    fn csrf(&self) -> &str {
        match self {
            Self::Aanmelding { aanmelding, .. } => &aanmelding.csrf_token,
            Self::Sessie(i) => &i.csrf,
        }
    }

    /// May change factors now: enrolling, or logged in recently.
    fn mag_wijzigen(&self) -> bool {
        match self {
            Self::Aanmelding { .. } => true,
            Self::Sessie(i) => i.actor.eis_recent_ingelogd("").is_ok(),
        }
    }

    /// Refuses a form without this page's CSRF token, or a change without
    /// a recent login (logged like the API's refusals).
    fn eis(&self, csrf: &str) -> Result<(), WebFout> {
        if !gelijk_in_constante_tijd(csrf, self.csrf()) {
            return Err(ApiFout::CsrfOntbreekt.into());
        }
        if let Self::Sessie(i) = self {
            i.actor
                .eis_recent_ingelogd("uw tweede factor wijzigen")
                .map_err(|_| {
                    ApiFout::OpnieuwInloggen(
                        "Om uw tweede factor te wijzigen moet u in de laatste 10 minuten zijn ingelogd. Log uit en opnieuw in, en probeer het dan nog eens.".into(),
                    )
                })?;
        }
        Ok(())
    }

    /// After an enrolment: a waiting login ends (the user logs in with the
    /// new factor); true when it did.
    async fn rond_inschrijving_af(&self) -> Result<bool, WebFout> {
        match self {
            Self::Aanmelding {
                state, aanmelding, ..
            } => {
                state
                    .opslag
                    .verwijder_aanmelding(&aanmelding.token_hash)
                    .await?;
                Ok(true)
            }
            Self::Sessie(_) => Ok(false),
        }
    }

    async fn kop(&self, titel: &str) -> Result<Kop, WebFout> {
        match self {
            Self::Aanmelding { .. } => Ok(Kop::openbaar(titel, "")),
            Self::Sessie(i) => Kop::voor(i, titel, "").await,
        }
    }
}

/// One factor as the page lists it.
pub struct FactorRegel {
    pub naam: String,
    pub soort: &'static str,
    pub sinds: String,
}

#[derive(Template)]
#[template(path = "tweede_factor_instellen.html")]
struct Instelscherm {
    kop: Kop,
    fouten: Fouten,
    csrf: String,
    /// Enrolling through the waiting login (not yet logged in).
    inschrijven: bool,
    mag_wijzigen: bool,
    factoren: Vec<FactorRegel>,
    herstelcodes_over: i64,
    totp: Option<tf::TotpVoorstel>,
    passkeys: bool,
}

async fn instelscherm(wie: &Inschrijver, fouten: Fouten) -> WebResultaat {
    let state = wie.state();
    let m = wie.medewerker();
    let factoren = state
        .opslag
        .tweede_factoren(m.id)
        .await?
        .into_iter()
        .map(|f| FactorRegel {
            naam: f.naam,
            soort: match f.soort {
                schakel_storage::Factorsoort::Totp => "Authenticator-app (TOTP)",
                schakel_storage::Factorsoort::Passkey => "Passkey",
            },
            sinds: super::opmaak::datum(
                f.aangemaakt
                    .with_timezone(&chrono_tz::Europe::Amsterdam)
                    .date_naive(),
            ),
        })
        .collect();
    let mag_wijzigen = wie.mag_wijzigen();
    let scherm = Instelscherm {
        kop: wie.kop("Tweede factor").await?,
        fouten,
        csrf: wie.csrf().to_string(),
        inschrijven: matches!(wie, Inschrijver::Aanmelding { .. }),
        mag_wijzigen,
        factoren,
        herstelcodes_over: state.opslag.herstelcodes_over(m.id).await?,
        totp: if mag_wijzigen {
            Some(tf::totp_voorstel(state, m)?)
        } else {
            None
        },
        passkeys: state.webauthn.is_some(),
    };
    Ok(niet_bewaren(pagina_met(scherm.fouten.status(), &scherm)?))
}

/// `GET /account/tweede-factor`.
pub async fn instellen(wie: Inschrijver) -> WebResultaat {
    instelscherm(&wie, Fouten::default()).await
}

#[derive(Template)]
#[template(path = "herstelcodes.html")]
struct Herstelscherm {
    kop: Kop,
    codes: Vec<String>,
    inschrijven: bool,
}

/// The recovery codes, shown this once. Enrolment through a waiting login
/// ends here: the user logs in with the new factor.
async fn toon_codes(wie: &Inschrijver, jar: CookieJar, codes: Vec<String>) -> WebResultaat {
    let inschrijven = wie.rond_inschrijving_af().await?;
    let scherm = Herstelscherm {
        kop: wie.kop("Uw herstelcodes").await?,
        codes,
        inschrijven,
    };
    let jar = if inschrijven {
        zonder_aanmelding(jar)
    } else {
        jar
    };
    Ok((
        jar,
        niet_bewaren(pagina_met(axum::http::StatusCode::OK, &scherm)?),
    )
        .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TotpInvoer {
    csrf: String,
    zegel: String,
    code: String,
}

/// `POST /account/tweede-factor/totp`: confirms the app with a current code.
pub async fn schrijf_totp_in(
    wie: Inschrijver,
    jar: CookieJar,
    OpenFormulier(i): OpenFormulier<TotpInvoer>,
) -> WebResultaat {
    wie.eis(&i.csrf)?;
    let state = wie.state();
    match tf::schrijf_totp_in(state, wie.medewerker(), &i.zegel, &i.code, wie.herkomst()).await {
        Ok(codes) => toon_codes(&wie, jar, codes).await,
        Err(ApiFout::Ongeldig(v)) => {
            let mut fouten = Fouten::default();
            fouten.uit_api(&v, &[("code", "code", "Code uit de app")]);
            instelscherm(&wie, fouten).await
        }
        Err(f) => Err(f.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AlleenCsrf {
    csrf: String,
}

/// `POST /account/tweede-factor/herstelcodes`: ten new codes.
pub async fn vernieuw_herstelcodes(
    wie: Inschrijver,
    jar: CookieJar,
    OpenFormulier(i): OpenFormulier<AlleenCsrf>,
) -> WebResultaat {
    wie.eis(&i.csrf)?;
    if wie
        .state()
        .opslag
        .tweede_factoren(wie.medewerker().id)
        .await?
        .is_empty()
    {
        return Err(ApiFout::Conflict("Stel eerst een tweede factor in.".into()).into());
    }
    let codes = tf::vernieuw_herstelcodes(wie.state(), wie.medewerker(), wie.herkomst()).await?;
    toon_codes(&wie, jar, codes).await
}

/// `POST /account/tweede-factor/passkey/uitdaging`: the options for
/// `navigator.credentials.create` and the sealed state to send back.
pub async fn passkey_registratie(wie: Inschrijver, koppen: HeaderMap) -> Result<Response, WebFout> {
    wie.eis(&csrf_kop(&koppen))?;
    let (opties, zegel) = tf::passkey_registratie(wie.state(), wie.medewerker()).await?;
    Ok(Json(serde_json::json!({ "opties": opties, "zegel": zegel })).into_response())
}

#[derive(Deserialize)]
pub struct PasskeyInvoer {
    zegel: String,
    antwoord: webauthn_rs::prelude::RegisterPublicKeyCredential,
}

/// `POST /account/tweede-factor/passkey`: stores the new passkey; back to
/// the page, which then offers recovery codes.
pub async fn schrijf_passkey_in(
    wie: Inschrijver,
    koppen: HeaderMap,
    Json(i): Json<PasskeyInvoer>,
) -> Result<Response, WebFout> {
    wie.eis(&csrf_kop(&koppen))?;
    tf::schrijf_passkey_in(
        wie.state(),
        wie.medewerker(),
        &i.zegel,
        &i.antwoord,
        wie.herkomst(),
    )
    .await?;
    // Enrolling, the page offers recovery codes next (they end the
    // enrolment); logged in, the list shows the new passkey.
    Ok(Json(serde_json::json!({ "naar": "/account/tweede-factor?toegevoegd=1" })).into_response())
}
