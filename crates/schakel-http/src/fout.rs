//! The error policy of the HTTP API, in one place (as crates.io keeps its
//! `util/errors.rs`): every handler returns `Result<_, ApiFout>`, and every
//! error leaves as `application/problem+json` (RFC 9457) with a Dutch title,
//! a detail and, for bad input, one entry per field in `invalidParams`.
//!
//! Internal errors are logged with an id and answered without details; no
//! message ever carries a BSN or a name.

use axum::Json;
use axum::extract::path::ErrorKind;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use schakel_rules::InvoerFout;
use schakel_storage::OpslagFout;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct VeldFout {
    /// The field, as a dotted path (`verwijzing.einddatum`).
    pub name: String,
    /// What is wrong and what is allowed.
    pub reason: String,
}

#[derive(Debug)]
pub enum ApiFout {
    /// 400: input that breaks the contract, per field.
    Ongeldig(Vec<VeldFout>),
    /// 401: no valid session or token.
    NietIngelogd,
    /// 403: logged in, but not allowed (role, or no relation with the jeugdige).
    Geweigerd(String),
    /// 403: an unsafe request with a session cookie but without the CSRF token.
    CsrfOntbreekt,
    /// 403: the act needs a recent login (the detail says how recent).
    OpnieuwInloggen(String),
    NietGevonden,
    /// 405: the path exists, the method does not (the Allow header says which do).
    MethodeNietToegestaan,
    /// 413: a body larger than the server accepts.
    TeGroot,
    /// 409: conflicts with what is stored (a BSN that exists, …).
    Conflict(String),
    /// 422: a referral outside the norms without a motivation; carries the
    /// normenkader's findings.
    BuitenNormen {
        bevindingen: serde_json::Value,
    },
    /// 412: If-Match did not match; nothing was changed.
    VersieVerouderd {
        huidig: i64,
    },
    /// 428: an update without If-Match.
    IfMatchVereist,
    /// 429: too many attempts; retry after the given seconds.
    TeVeel {
        opnieuw_na: u64,
    },
    /// 503: the database does not answer (health check).
    Storing,
    /// 500: logged with this id, never explained to the client.
    Intern(String),
}

impl ApiFout {
    pub fn veld(naam: impl Into<String>, reden: impl Into<String>) -> Self {
        Self::Ongeldig(vec![VeldFout {
            name: naam.into(),
            reason: reden.into(),
        }])
    }

    pub fn intern(e: impl std::fmt::Display) -> Self {
        let id = format!("{:016x}", rand::random::<u64>());
        tracing::error!(fout_id = %id, "interne fout: {e}");
        Self::Intern(id)
    }
}

impl From<InvoerFout> for ApiFout {
    fn from(f: InvoerFout) -> Self {
        Self::veld(f.veld, f.melding)
    }
}

impl From<OpslagFout> for ApiFout {
    fn from(f: OpslagFout) -> Self {
        match f {
            OpslagFout::NietGevonden => Self::NietGevonden,
            OpslagFout::VersieConflict { huidig, .. } => Self::VersieVerouderd { huidig },
            OpslagFout::BestaatAl(wat) => Self::Conflict(format!("{wat} bestaat al")),
            OpslagFout::Toestand(wat) => Self::Conflict(wat),
            OpslagFout::OnbekendeVerwijzing(wat) => Self::veld(
                wat.clone(),
                format!("verwijst naar iets dat niet bestaat ({wat})"),
            ),
            OpslagFout::Database(e) => Self::intern(e),
        }
    }
}

fn verwacht_type(t: &str) -> String {
    let geheel = [
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
    ];
    if geheel.contains(&t) {
        "verwacht een geheel getal".into()
    } else {
        format!("verwacht een waarde van type {t}")
    }
}

/// Query parameters (`?perPagina=veel`): named by parameter, as a body field
/// would be. The value itself is not repeated.
impl From<QueryRejection> for ApiFout {
    fn from(r: QueryRejection) -> Self {
        let mut bron: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(&r);
        while let Some(e) = bron {
            if let Some(f) = e.downcast_ref::<serde_path_to_error::Error<serde::de::value::Error>>()
            {
                let naam = f.path().to_string();
                let naam = if naam == "." || naam.is_empty() {
                    "query".to_string()
                } else {
                    naam
                };
                return Self::veld(naam, f.inner().to_string());
            }
            bron = e.source();
        }
        Self::veld("query", "ongeldige query-parameters")
    }
}

/// Path parameters (`/jeugdigen/abc`): named by parameter. Never logs or
/// repeats the value, which might be anything a client put in a URL.
impl From<PathRejection> for ApiFout {
    fn from(r: PathRejection) -> Self {
        let PathRejection::FailedToDeserializePathParams(f) = r else {
            return Self::intern("padparameters ontbreken (fout in de routering)");
        };
        match f.kind() {
            ErrorKind::ParseErrorAtKey {
                key, expected_type, ..
            } => Self::veld(key.clone(), verwacht_type(expected_type)),
            ErrorKind::ParseError { expected_type, .. }
            | ErrorKind::ParseErrorAtIndex { expected_type, .. } => {
                Self::veld("pad", verwacht_type(expected_type))
            }
            ErrorKind::DeserializeError { key, message, .. } => {
                Self::veld(key.clone(), message.clone())
            }
            ErrorKind::InvalidUtf8InPathParam { key } => {
                Self::veld(key.clone(), "geen geldige UTF-8")
            }
            _ => Self::intern("padparameters passen niet bij het type (fout in de routering)"),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Probleem {
    #[serde(rename = "type")]
    pub soort: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invalid_params: Vec<VeldFout>,
    /// For `buiten-normen`: the normenkader's findings, rule by rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub bevindingen: Option<serde_json::Value>,
}

impl ApiFout {
    fn onderdelen(&self) -> (StatusCode, &'static str, &'static str, String) {
        use ApiFout::*;
        match self {
            Ongeldig(v) => (
                StatusCode::BAD_REQUEST,
                "ongeldige-invoer",
                "Ongeldige invoer",
                format!("{} veld(en) voldoen niet aan de afspraken", v.len()),
            ),
            NietIngelogd => (
                StatusCode::UNAUTHORIZED,
                "niet-ingelogd",
                "Niet ingelogd",
                "Log in of gebruik een geldig API-token.".into(),
            ),
            Geweigerd(d) => (
                StatusCode::FORBIDDEN,
                "geen-toegang",
                "Geen toegang",
                d.clone(),
            ),
            CsrfOntbreekt => (
                StatusCode::FORBIDDEN,
                "csrf",
                "CSRF-token ontbreekt of klopt niet",
                "Stuur het CSRF-token van de sessie mee in de header X-CSRF-Token.".into(),
            ),
            OpnieuwInloggen(d) => (
                StatusCode::FORBIDDEN,
                "opnieuw-inloggen",
                "Opnieuw inloggen nodig",
                d.clone(),
            ),
            NietGevonden => (
                StatusCode::NOT_FOUND,
                "niet-gevonden",
                "Niet gevonden",
                "De gevraagde bron bestaat niet.".into(),
            ),
            MethodeNietToegestaan => (
                StatusCode::METHOD_NOT_ALLOWED,
                "methode-niet-toegestaan",
                "Methode niet toegestaan",
                "Deze bron ondersteunt deze HTTP-methode niet; de header Allow noemt de methoden die wel kunnen.".into(),
            ),
            TeGroot => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "te-groot",
                "Verzoek te groot",
                "De body is groter dan de server aanneemt.".into(),
            ),
            Conflict(d) => (StatusCode::CONFLICT, "conflict", "Conflict", d.clone()),
            BuitenNormen { .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "buiten-normen",
                "Verwijzing buiten het normenkader",
                "De verwijzing valt buiten het normenkader (zie bevindingen). Pas haar aan, of leg als maatwerk een motivatie vast; dan toetst de gemeente haar.".into(),
            ),
            VersieVerouderd { huidig } => (
                StatusCode::PRECONDITION_FAILED,
                "versie-verouderd",
                "Gewijzigd door een ander",
                format!(
                    "If-Match klopt niet: de huidige versie is \"{huidig}\". Haal de gegevens opnieuw op; er is niets gewijzigd."
                ),
            ),
            IfMatchVereist => (
                StatusCode::PRECONDITION_REQUIRED,
                "if-match-vereist",
                "If-Match vereist",
                "Stuur de ETag van de laatst opgehaalde versie mee in If-Match.".into(),
            ),
            TeVeel { opnieuw_na } => (
                StatusCode::TOO_MANY_REQUESTS,
                "te-veel-verzoeken",
                "Te veel pogingen",
                format!("Probeer het over {opnieuw_na} seconden opnieuw."),
            ),
            Storing => (
                StatusCode::SERVICE_UNAVAILABLE,
                "storing",
                "Storing",
                "De database antwoordt niet.".into(),
            ),
            Intern(id) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "interne-fout",
                "Interne fout",
                format!("Er ging iets mis (fout-id {id})."),
            ),
        }
    }
}

/// For callers outside HTTP (the CLI, the demo): the detail, or each
/// field with its problem.
impl std::fmt::Display for ApiFout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiFout::Ongeldig(v) => {
                let velden: Vec<String> = v
                    .iter()
                    .map(|v| format!("{}: {}", v.name, v.reason))
                    .collect();
                f.write_str(&velden.join("; "))
            }
            _ => f.write_str(&self.onderdelen().3),
        }
    }
}

impl IntoResponse for ApiFout {
    fn into_response(self) -> Response {
        let (status, soort, titel, detail) = self.onderdelen();
        let invalid_params = match &self {
            ApiFout::Ongeldig(v) => v.clone(),
            _ => Vec::new(),
        };
        let lichaam = Probleem {
            soort: format!("urn:schakel:probleem:{soort}"),
            title: titel.into(),
            status: status.as_u16(),
            detail,
            invalid_params,
            bevindingen: match &self {
                ApiFout::BuitenNormen { bevindingen } => Some(bevindingen.clone()),
                _ => None,
            },
        };
        let mut antwoord = (status, Json(lichaam)).into_response();
        antwoord.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let ApiFout::TeVeel { opnieuw_na } = self
            && let Ok(v) = HeaderValue::from_str(&opnieuw_na.to_string())
        {
            antwoord.headers_mut().insert(header::RETRY_AFTER, v);
        }
        antwoord
    }
}

pub type ApiResultaat<T> = Result<T, ApiFout>;
