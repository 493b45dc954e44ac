//! The web application for professionals: server-rendered Dutch pages on
//! the same router, the same sessions and the same access checks as the
//! API. Every page reads and writes through the functions the API handlers
//! use ([`crate::dossier::Dossier`] and the shared functions in
//! [`crate::api`]), so every access is logged exactly as through the API.
//!
//! Forms work without JavaScript: POST, then a redirect (303) on success,
//! or the same form again with the errors beside their fields and a summary
//! on top. URLs carry ids only; page titles never a name or BSN.

pub mod account;
pub mod advies;
pub mod advies_jeugdige;
pub mod beheer;
pub mod beleid;
pub mod bewaard;
pub mod casus;
pub mod casuslijst;
pub mod contactpersonen;
pub mod formulier;
pub mod gezin;
pub mod gids;
pub mod grafiek;
pub mod hulpvragen;
pub mod inrichting;
pub mod interventie;
pub mod jeugdigen;
pub mod leveringen;
pub mod lijstkeuze;
pub mod maatwerk;
pub mod medewerkers;
pub mod noodtoegang;
pub mod onderwijssituatie;
pub mod opmaak;
pub mod sessie;
pub mod sso;
pub mod tweedefactor;
pub mod verwijzingen;
pub mod werk;

use askama::Template;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use schakel_domain::Rol;
use tower_http::services::ServeDir;

use crate::fout::ApiFout;
use crate::state::AppState;
use sessie::Ingelogd;

/// No inline script or style, nothing from elsewhere, never in a frame.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
     font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
     base-uri 'none'; object-src 'none'";

/// The pages, mounted beside the API by [`crate::router`].
pub fn router(state: &AppState) -> Router<AppState> {
    let paginas = Router::new()
        .route("/", get(sessie::begin))
        .route("/start", get(sessie::start))
        .route("/werk", get(werk::werkvoorraad))
        .route("/inloggen", get(sessie::inlogscherm).post(sessie::inloggen))
        .route("/uitloggen", post(sessie::uitloggen))
        .route("/sessie/verlengen", post(sessie::verleng))
        .route("/inloggen/sso", get(sso::inlogscherm).post(sso::zoek))
        .route("/inloggen/sso/start", get(sso::start))
        .route(crate::sso::TERUG_PAD, get(sso::terug))
        .route("/inloggen/sso/uitgelogd", get(sso::uitgelogd))
        .route(
            "/beheer/organisaties/{id}/sso",
            get(sso::beheer).post(sso::zet),
        )
        .route(
            "/inloggen/tweede-factor",
            get(tweedefactor::controle).post(tweedefactor::bevestig),
        )
        .route(
            "/inloggen/passkey/uitdaging",
            post(tweedefactor::passkey_uitdaging),
        )
        .route("/inloggen/passkey", post(tweedefactor::passkey_aanmelden))
        .route("/account/tweede-factor", get(tweedefactor::instellen))
        .route(
            "/account/tweede-factor/totp",
            post(tweedefactor::schrijf_totp_in),
        )
        .route(
            "/account/tweede-factor/herstelcodes",
            post(tweedefactor::vernieuw_herstelcodes),
        )
        .route(
            "/account/tweede-factor/passkey/uitdaging",
            post(tweedefactor::passkey_registratie),
        )
        .route(
            "/account/tweede-factor/passkey",
            post(tweedefactor::schrijf_passkey_in),
        )
        .route(
            "/activeren/{geheim}",
            get(account::activeerscherm).post(account::activeer),
        )
        .route(
            "/api-token",
            get(sessie::tokenscherm).post(sessie::maak_token),
        )
        .route("/api-token/{id}/intrekken", post(sessie::trek_token_in))
        .route("/advies", get(advies::formulier).post(advies::bereken))
        .route("/toets", get(advies::toetsformulier).post(advies::toets))
        .route("/jeugdigen", get(jeugdigen::lijst).post(jeugdigen::zoek))
        .route(
            "/jeugdigen/nieuw",
            get(jeugdigen::nieuwe_jeugdige).post(jeugdigen::registreer_jeugdige),
        )
        .route("/jeugdigen/{id}", get(jeugdigen::jeugdige))
        .route(
            "/jeugdigen/{id}/onderwijssituatie",
            get(onderwijssituatie::pagina).post(onderwijssituatie::leg_vast),
        )
        .route(
            "/jeugdigen/{id}/wijzigen",
            get(gezin::wijzigscherm).post(gezin::wijzig),
        )
        .route(
            "/jeugdigen/{id}/broer-of-zus",
            get(gezin::broer_of_zus_scherm).post(gezin::voeg_broer_of_zus_toe),
        )
        .route(
            "/jeugdigen/{id}/toegangsroute",
            get(jeugdigen::toegangsroute),
        )
        .route(
            "/jeugdigen/{id}/advies",
            get(advies_jeugdige::advies).post(advies_jeugdige::bereken),
        )
        .route(
            "/jeugdigen/{id}/toets",
            get(advies_jeugdige::toets).post(advies_jeugdige::toets_bereken),
        )
        .route(
            "/hulpvragen/nieuw",
            get(jeugdigen::nieuwe_hulpvraag).post(jeugdigen::registreer),
        )
        .route("/hulpvragen", get(hulpvragen::lijst).post(hulpvragen::zoek))
        .route("/hulpvragen/zoek", get(jeugdigen::zoek_hulpvraag))
        .route("/hulpvragen/{id}", get(jeugdigen::hulpvraag))
        .route("/hulpvragen/{id}/triage", post(jeugdigen::trieer))
        .route("/reikwijdte", get(jeugdigen::reikwijdte))
        .route(
            "/verwijzingen",
            get(verwijzingen::lijst).post(verwijzingen::zoek),
        )
        .route(
            "/verwijzingen/nieuw",
            get(verwijzingen::nieuw).post(verwijzingen::maak),
        )
        .route("/verwijzingen/{id}", get(verwijzingen::verwijzing))
        .route("/verwijzingen/{id}/leveringen", post(verwijzingen::lever))
        .route(
            "/verwijzingen/{id}/leveringen/week",
            post(leveringen::lever_week),
        )
        .route("/verwijzingen/{id}/correcties", post(leveringen::corrigeer))
        .route("/casussen", get(casuslijst::lijst).post(casuslijst::zoek))
        .route(
            "/casussen/nieuw",
            get(gezin::casusscherm).post(gezin::open_casus),
        )
        .route("/casussen/{id}", get(casus::casus))
        .route("/casussen/{id}/afdruk", get(casus::afdruk))
        .route(
            "/casussen/{id}/plan",
            get(casus::planformulier).post(casus::zet_plan),
        )
        .route("/casussen/{id}/gebeurtenissen", post(casus::gebeurtenis))
        .route("/casussen/{id}/inzage-gesloten", post(noodtoegang::vraag))
        .route("/acties", get(casus::acties))
        .route("/acties/{id}/afronding", post(casus::rond_af))
        .route("/maatwerk", get(maatwerk::lijst))
        .route("/maatwerk/{id}", post(maatwerk::besluit))
        .route("/dashboard", get(beleid::dashboard))
        .route("/gids", get(gids::zoekscherm).post(gids::zoek))
        .route("/gids/wijkteams", get(gids::wijkteams))
        .route(
            "/gids/wijkteams/{id}",
            get(gids::werkgebied).post(gids::zet_werkgebied),
        )
        .route("/gids/contacten", get(gids::contacten))
        .route("/beheer", get(beheer::overzicht))
        .route("/beheer/noodtoegang", get(noodtoegang::rapport))
        .route(
            "/beheer/interventie-afspraken",
            get(interventie::lijst).post(interventie::maak),
        )
        .route(
            "/beheer/medewerkers",
            get(medewerkers::lijst).post(medewerkers::nodig_uit),
        )
        .route("/beheer/medewerkers/nieuw", get(medewerkers::nieuw))
        .route("/beheer/medewerkers/{id}", get(medewerkers::persoon))
        .route(
            "/beheer/medewerkers/{id}/rollen",
            post(medewerkers::zet_rol),
        )
        .route(
            "/beheer/medewerkers/{id}/actief",
            post(medewerkers::zet_actief),
        )
        .route(
            "/beheer/medewerkers/{id}/herstellink",
            post(medewerkers::herstellink),
        )
        .route(
            "/beheer/medewerkers/{id}/tweede-factoren",
            post(medewerkers::verwijder_factoren),
        )
        .route(
            "/account/wachtwoord",
            get(medewerkers::wachtwoordscherm).post(medewerkers::wijzig_wachtwoord),
        )
        .route(
            "/beheer/contactpersonen",
            get(contactpersonen::lijst).post(contactpersonen::voeg_toe),
        )
        .route(
            "/beheer/contactpersonen/{id}",
            get(contactpersonen::contact).post(contactpersonen::wijzig),
        )
        .route(
            "/beheer/contactpersonen/{id}/verwijderen",
            post(contactpersonen::verwijder),
        )
        .route("/beheer/organisaties/nieuw", get(inrichting::nieuw))
        .route("/beheer/organisaties", post(inrichting::registreer))
        .route(
            "/beheer/organisaties/{id}",
            get(inrichting::organisatie).post(inrichting::zet_organisatie),
        );
    let paginas = match &state.instellingen.web_map {
        Some(map) => paginas.nest_service("/statisch", ServeDir::new(map)),
        None => paginas,
    };
    paginas
        .layer(middleware::from_fn_with_state(
            state.clone(),
            bewaard::zet_terug,
        ))
        .layer(middleware::from_fn(beveiligingskoppen))
}

/// The browser's security headers, on every page and file of the web
/// application.
pub async fn beveiligingskoppen(req: Request, next: Next) -> Response {
    let mut antwoord = next.run(req).await;
    zet_koppen(&mut antwoord);
    antwoord
}

fn zet_koppen(antwoord: &mut Response) {
    let h = antwoord.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

/// What is not found: for the API a problem+json, otherwise a page.
pub async fn niet_gevonden(req: Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        return ApiFout::NietGevonden.into_response();
    }
    let mut antwoord = WebFout::Api(ApiFout::NietGevonden).into_response();
    zet_koppen(&mut antwoord);
    antwoord
}

/// One entry of the main navigation.
pub struct MenuItem {
    pub href: &'static str,
    pub label: &'static str,
}

/// The logged-in user as the page header shows them.
pub struct KopGebruiker {
    pub naam: String,
    pub rol: &'static str,
    pub organisatie: String,
    pub csrf: String,
    /// A demo account: the banner says it logs in without a second factor.
    pub demo: bool,
    /// The session's idle time-out in seconds, for the warning before it.
    pub inactief: i64,
}

/// What every page's frame needs: its title (never a name or BSN), who is
/// logged in, and the navigation for that role.
pub struct Kop {
    pub titel: String,
    pub gebruiker: Option<KopGebruiker>,
    pub menu: Vec<MenuItem>,
    pub huidig: &'static str,
}

impl Kop {
    pub fn openbaar(titel: impl Into<String>, huidig: &'static str) -> Self {
        Self {
            titel: titel.into(),
            gebruiker: None,
            menu: vec![
                MenuItem {
                    href: "/advies",
                    label: "Normenkader-advies",
                },
                MenuItem {
                    href: "/inloggen",
                    label: "Inloggen",
                },
            ],
            huidig,
        }
    }

    pub async fn voor(
        wie: &Ingelogd,
        titel: impl Into<String>,
        huidig: &'static str,
    ) -> Result<Self, WebFout> {
        let organisatie = wie
            .state
            .opslag
            .organisatie(wie.actor.rol.organisatie)
            .await
            .map_err(ApiFout::from)?
            .map(|o| o.naam)
            .unwrap_or_default();
        Ok(Self {
            titel: titel.into(),
            gebruiker: Some(KopGebruiker {
                naam: wie.actor.medewerker.naam.clone(),
                rol: rol_label(wie.actor.rol.rol),
                organisatie,
                csrf: wie.csrf.clone(),
                demo: wie.actor.medewerker.demo,
                inactief: wie.state.instellingen.sessie_inactief.num_seconds(),
            }),
            menu: menu(wie.actor.rol.rol),
            huidig,
        })
    }

    /// Whether `href` is the current section (for `aria-current`).
    pub fn is_huidig(&self, href: &str) -> bool {
        self.huidig == href
    }
}

pub fn rol_label(rol: Rol) -> &'static str {
    match rol {
        Rol::Zorgcoordinator => "Zorgcoördinator",
        Rol::Casusregisseur => "Casusregisseur",
        Rol::Wijkteammedewerker => "Wijkteammedewerker",
        Rol::Verwijzer => "Gemandateerd verwijzer",
        Rol::Aanbieder => "Jeugdhulpaanbieder",
        Rol::Beleid => "Beleidsmedewerker",
        Rol::Beheerder => "Functioneel beheerder",
        Rol::Toegang => "Toegang gemeente",
        Rol::Accountbeheerder => "Accountbeheerder",
        Rol::Landelijk => "Landelijke monitoring",
    }
}

/// The main navigation per role: the role's own work first.
fn menu(rol: Rol) -> Vec<MenuItem> {
    let m = |href, label| MenuItem { href, label };
    match rol {
        Rol::Zorgcoordinator => vec![
            m("/werk", "Wat wacht"),
            m("/jeugdigen", "Mijn leerlingen"),
            m("/hulpvragen/nieuw", "Hulpvraag registreren"),
            m("/casussen", "Casussen"),
            m("/gids", "Wijkteam zoeken"),
            m("/reikwijdte", "Reikwijdte OJA"),
            m("/acties", "Termijnen"),
            m("/advies", "Normenkader-advies"),
        ],
        Rol::Casusregisseur | Rol::Wijkteammedewerker => vec![
            m("/werk", "Wat wacht"),
            m("/casussen", "Mijn casussen"),
            m("/jeugdigen", "Jeugdigen"),
            m("/hulpvragen/nieuw", "Hulpvraag registreren"),
            m("/acties", "Termijnen"),
            m("/gids", "Organisatiegids"),
            m("/advies", "Normenkader-advies"),
        ],
        Rol::Verwijzer => vec![
            m("/werk", "Wat wacht"),
            m("/advies", "Normenkader-advies"),
            m("/toets", "Verwijzing toetsen"),
            m("/verwijzingen/nieuw", "Verwijzing maken"),
            m("/verwijzingen", "Verwijzingen"),
            m("/jeugdigen", "Jeugdigen"),
            m("/acties", "Termijnen"),
            m("/gids", "Organisatiegids"),
        ],
        Rol::Aanbieder => vec![
            m("/werk", "Wat wacht"),
            m("/verwijzingen", "Mijn verwijzingen"),
            m("/casussen", "Casussen"),
            m("/acties", "Termijnen"),
            m("/gids", "Organisatiegids"),
        ],
        Rol::Beleid => vec![
            m("/dashboard", "Dashboard"),
            m("/gids", "Organisatiegids"),
            m("/advies", "Normenkader-advies"),
        ],
        Rol::Accountbeheerder => vec![m("/beheer/medewerkers", "Medewerkers")],
        Rol::Landelijk => vec![m("/dashboard", "Landelijke cijfers")],
        Rol::Beheerder => vec![
            m("/beheer", "Organisaties en regels"),
            m("/beheer/medewerkers", "Medewerkers"),
            m("/gids", "Organisatiegids"),
            m("/advies", "Normenkader-advies"),
        ],
        Rol::Toegang => vec![
            m("/werk", "Wat wacht"),
            m("/maatwerk", "Maatwerk beoordelen"),
            m("/acties", "Termijnen"),
            m("/gids", "Organisatiegids"),
            m("/advies", "Normenkader-advies"),
        ],
    }
}

/// Whether a role's navigation offers the page `href` (the advisor, the
/// check): pages link to it only for those roles.
pub fn biedt(rol: Rol, href: &str) -> bool {
    menu(rol).iter().any(|m| m.href == href)
}

/// The first page of a role.
/// Every role that sees personal data starts at what waits for it (issue
/// 16.1); the others at their one task.
pub fn startpagina(rol: Rol) -> &'static str {
    match rol {
        Rol::Beleid | Rol::Landelijk => "/dashboard",
        Rol::Beheerder => "/beheer",
        Rol::Accountbeheerder => "/beheer/medewerkers",
        Rol::Zorgcoordinator
        | Rol::Casusregisseur
        | Rol::Wijkteammedewerker
        | Rol::Verwijzer
        | Rol::Aanbieder
        | Rol::Toegang => "/werk",
    }
}

/// Renders a page.
pub fn pagina(t: &impl Template) -> Result<Response, WebFout> {
    pagina_met(StatusCode::OK, t)
}

pub fn pagina_met(status: StatusCode, t: &impl Template) -> Result<Response, WebFout> {
    let html = t.render().map_err(ApiFout::intern)?;
    Ok((status, Html(html)).into_response())
}

/// After a successful form: to the page that shows the result (303, so a
/// reload does not post again).
pub fn naar(pad: impl AsRef<str>) -> Response {
    Redirect::to(pad.as_ref()).into_response()
}

pub type WebResultaat = Result<Response, WebFout>;

/// An error leaving a page: not logged in goes to the login page; anything
/// else is a page in Dutch that says what happened, never with details
/// of an internal error.
#[derive(Debug)]
pub enum WebFout {
    Api(ApiFout),
    /// The session ended (or never was): to the login page.
    Inloggen {
        verlopen: bool,
    },
    /// The session had ended when a form was sent; the form is kept
    /// (`bewaard`): to the login page, with this cookie.
    Bewaard(Box<axum_extra::extract::cookie::Cookie<'static>>),
}

impl From<ApiFout> for WebFout {
    fn from(f: ApiFout) -> Self {
        Self::Api(f)
    }
}

impl From<schakel_rules::InvoerFout> for WebFout {
    fn from(f: schakel_rules::InvoerFout) -> Self {
        Self::Api(f.into())
    }
}

impl From<schakel_storage::OpslagFout> for WebFout {
    fn from(f: schakel_storage::OpslagFout) -> Self {
        Self::Api(f.into())
    }
}

#[derive(Template)]
#[template(path = "fout.html")]
struct FoutPagina {
    kop: Kop,
    kopregel: String,
    melding: String,
}

impl IntoResponse for WebFout {
    fn into_response(self) -> Response {
        let fout = match self {
            WebFout::Inloggen { verlopen } => {
                return Redirect::to(if verlopen {
                    "/inloggen?verlopen=1"
                } else {
                    "/inloggen"
                })
                .into_response();
            }
            WebFout::Bewaard(cookie) => {
                return (
                    axum_extra::extract::CookieJar::new().add(*cookie),
                    Redirect::to("/inloggen?verlopen=1&bewaard=1"),
                )
                    .into_response();
            }
            WebFout::Api(ApiFout::NietIngelogd) => {
                return Redirect::to("/inloggen").into_response();
            }
            WebFout::Api(f) => f,
        };
        // A page of too many attempts says when to retry, as the API does.
        let opnieuw = match &fout {
            ApiFout::TeVeel { opnieuw_na } => HeaderValue::from_str(&opnieuw_na.to_string()).ok(),
            _ => None,
        };
        let (status, kopregel, melding) = match fout {
            ApiFout::Geweigerd(d) => (StatusCode::FORBIDDEN, "Geen toegang", d),
            ApiFout::OpnieuwInloggen(d) => (StatusCode::FORBIDDEN, "Opnieuw inloggen", d),
            ApiFout::CsrfOntbreekt => (
                StatusCode::FORBIDDEN,
                "Formulier verlopen",
                "Het formulier hoort niet (meer) bij uw sessie. Ga terug, laad de pagina opnieuw en probeer het nog eens.".into(),
            ),
            ApiFout::NietGevonden => (
                StatusCode::NOT_FOUND,
                "Pagina niet gevonden",
                "Deze pagina bestaat niet (meer). Controleer het adres of ga naar de startpagina.".into(),
            ),
            ApiFout::Ongeldig(v) => (
                StatusCode::BAD_REQUEST,
                "Ongeldig verzoek",
                v.iter()
                    .map(|f| format!("{}: {}", f.name, f.reason))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            ApiFout::Conflict(d) => (StatusCode::CONFLICT, "Dat kan nu niet", d),
            ApiFout::TeGroot => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "Formulier te groot",
                format!(
                    "Wat u verstuurde is groter dan deze pagina aanneemt (ten hoogste {} kB). Maak de teksten korter en probeer het opnieuw.",
                    formulier::MAX_FORMULIER / 1024
                ),
            ),
            ApiFout::TeVeel { opnieuw_na } => (
                StatusCode::TOO_MANY_REQUESTS,
                "Te veel pogingen",
                format!("Probeer het over {opnieuw_na} seconden opnieuw."),
            ),
            ApiFout::Intern(id) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Er ging iets mis",
                format!("Er ging iets mis aan onze kant (fout-id {id}). Probeer het later opnieuw."),
            ),
            ApiFout::VersieVerouderd { .. } => (
                StatusCode::PRECONDITION_FAILED,
                "Gewijzigd door een ander",
                "Iemand anders heeft dit intussen gewijzigd; er is niets opgeslagen. Open de pagina opnieuw en probeer het nog eens.".into(),
            ),
            _ => (
                StatusCode::BAD_REQUEST,
                "Dat kan niet",
                "Dit verzoek kan niet worden verwerkt.".into(),
            ),
        };
        let pagina = FoutPagina {
            kop: Kop::openbaar(kopregel, ""),
            kopregel: kopregel.into(),
            melding,
        };
        let mut antwoord = match pagina.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, kopregel).into_response(),
        };
        if let Some(v) = opnieuw {
            antwoord.headers_mut().insert(header::RETRY_AFTER, v);
        }
        antwoord
    }
}
