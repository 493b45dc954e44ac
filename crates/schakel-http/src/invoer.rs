//! Request bodies: JSON parsed into typed structs, with every problem named
//! by its field (`invalidParams`), never a bare "bad request".

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use schakel_domain::grens::{self, MAX_TEKST};
use serde::de::DeserializeOwned;

use crate::fout::{ApiFout, VeldFout};

/// A JSON body of type `T`; syntax and type errors name the field.
pub struct Invoer<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Invoer<T> {
    type Rejection = ApiFout;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiFout> {
        // The media type without parameters, case-insensitively (RFC 9110 8.3.1).
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(ApiFout::veld("Content-Type", "verwacht application/json"));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|r| {
            if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiFout::TeGroot
            } else {
                ApiFout::veld("body", "kan de body niet lezen")
            }
        })?;
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        let waarde: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let (veld, reden) = veldfout(e.path(), e.inner());
            ApiFout::veld(veld, reden)
        })?;
        // Nothing but whitespace after the value.
        de.end().map_err(|e| ApiFout::veld("body", vertaal(&e)))?;
        let boom: serde_json::Value = serde_json::from_slice(&bytes).map_err(ApiFout::intern)?;
        if let Some(veld) = te_lange_tekst(&boom, "") {
            return Err(ApiFout::veld(veld, te_lang()));
        }
        Ok(Self(waarde))
    }
}

/// A JSON body of type `T`, refused when it holds a field `T` does not
/// know — also inside internally tagged enums, where serde's
/// `deny_unknown_fields` does not reach: the parsed value is written back
/// and every field of the input must be there.
pub struct StrikteInvoer<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + serde::Serialize> FromRequest<S> for StrikteInvoer<T> {
    type Rejection = ApiFout;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiFout> {
        let Invoer(waarde) = Invoer::<serde_json::Value>::from_request(req, state).await?;
        let t: T = serde_path_to_error::deserialize(&waarde).map_err(|e| {
            let (mut veld, reden) = veldfout(e.path(), e.inner());
            // Inside an internally tagged enum serde loses the path; an
            // unknown variant, or a value the domain quotes as a JSON string
            // first (a date out of range), is found back by its value.
            let geciteerd = reden
                .strip_prefix("unknown variant `")
                .and_then(|r| r.split('`').next())
                .map(String::from)
                .or_else(|| {
                    serde_json::Deserializer::from_str(&reden)
                        .into_iter::<String>()
                        .next()
                        .and_then(Result::ok)
                });
            if veld == "body"
                && let Some(w) = geciteerd
                && let Some(pad) = pad_van_tekst(&waarde, &w, "")
            {
                veld = pad;
            }
            ApiFout::veld(veld, reden)
        })?;
        let terug = serde_json::to_value(&t).map_err(ApiFout::intern)?;
        if let Some(veld) = onbekend_veld(&waarde, &terug, "") {
            return Err(ApiFout::veld(veld, "onbekend veld"));
        }
        Ok(Self(t))
    }
}

/// `pad.k`, or `k` at the top.
fn pad_onder(pad: &str, k: &str) -> String {
    if pad.is_empty() {
        k.to_string()
    } else {
        format!("{pad}.{k}")
    }
}

/// The message for a text over [`MAX_TEKST`].
pub fn te_lang() -> String {
    format!("ten hoogste {MAX_TEKST} tekens")
}

/// The path of the first string in a body longer than [`MAX_TEKST`]
/// characters: every free text of every body is bounded here, in one place
/// (names have their own, tighter bound where they are checked).
fn te_lange_tekst(v: &serde_json::Value, pad: &str) -> Option<String> {
    use serde_json::Value;
    let onder = |k: &str| pad_onder(pad, k);
    match v {
        Value::String(s) if grens::tekst(s, MAX_TEKST).is_err() => Some(if pad.is_empty() {
            "body".into()
        } else {
            pad.into()
        }),
        Value::Object(m) => m.iter().find_map(|(k, w)| te_lange_tekst(w, &onder(k))),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .find_map(|(i, w)| te_lange_tekst(w, &format!("{pad}[{i}]"))),
        _ => None,
    }
}

/// The path of the first string field holding `tekst`.
fn pad_van_tekst(v: &serde_json::Value, tekst: &str, pad: &str) -> Option<String> {
    use serde_json::Value;
    match v {
        Value::Object(m) => m.iter().find_map(|(k, w)| {
            let p = pad_onder(pad, k);
            match w {
                Value::String(s) if s == tekst => Some(p),
                _ => pad_van_tekst(w, tekst, &p),
            }
        }),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .find_map(|(i, w)| pad_van_tekst(w, tekst, &format!("{pad}[{i}]"))),
        _ => None,
    }
}

/// The first field of `invoer` that `terug` lacks, as a dotted path.
fn onbekend_veld(
    invoer: &serde_json::Value,
    terug: &serde_json::Value,
    pad: &str,
) -> Option<String> {
    use serde_json::Value;
    let onder = |sleutel: &str| pad_onder(pad, sleutel);
    match (invoer, terug) {
        (Value::Object(a), Value::Object(b)) => a.iter().find_map(|(k, v)| match b.get(k) {
            None => Some(onder(k)),
            Some(w) => onbekend_veld(v, w, &onder(k)),
        }),
        (Value::Array(a), Value::Array(b)) => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (v, w))| onbekend_veld(v, w, &format!("{pad}[{i}]"))),
        _ => None,
    }
}

/// The field an error is about and what is wrong with it. A syntax error is
/// about the body as a whole; a missing or unknown field is named itself
/// (serde reports a missing one at the enclosing object).
fn veldfout(pad: &serde_path_to_error::Path, e: &serde_json::Error) -> (String, String) {
    use serde_json::error::Category;
    let reden = vertaal(e);
    if matches!(e.classify(), Category::Syntax | Category::Eof) {
        return ("body".into(), reden);
    }
    let pad = pad.to_string();
    let ouder = if pad == "." || pad.is_empty() || pad.contains('?') {
        None
    } else {
        Some(pad)
    };
    let tekst = e.to_string();
    let genoemd = ["missing field `", "unknown field `"]
        .iter()
        .find_map(|begin| tekst.strip_prefix(begin))
        .and_then(|rest| rest.split('`').next())
        .filter(|naam| !naam.is_empty());
    let veld = match (ouder, genoemd) {
        // An unknown field's path already ends in it; a missing one's does not.
        (Some(o), Some(n)) if o == n || o.ends_with(&format!(".{n}")) => o,
        (Some(o), Some(n)) => format!("{o}.{n}"),
        (None, Some(n)) => n.to_string(),
        (Some(o), None) => o,
        (None, None) => "body".into(),
    };
    (veld, reden)
}

/// Query parameters of type `T` (camelCase names); a bad value is named by
/// its parameter, as `invalidParams`.
pub struct Vraag<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Vraag<T> {
    type Rejection = ApiFout;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiFout> {
        Query::<T>::try_from_uri(&parts.uri)
            .map(|Query(t)| Self(t))
            .map_err(ApiFout::from)
    }
}

/// Path parameters of type `T` (a struct with the route's names); a bad
/// value is named by its parameter.
pub struct Pad<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Pad<T> {
    type Rejection = ApiFout;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiFout> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(t)| Self(t))
            .map_err(ApiFout::from)
    }
}

fn vertaal(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax | Category::Eof => format!(
            "geen geldige JSON (regel {}, kolom {})",
            e.line(),
            e.column()
        ),
        Category::Data | Category::Io => {
            // serde's own wording names the expected type; strip its position suffix.
            let tekst = e.to_string();
            tekst
                .split(" at line ")
                .next()
                .unwrap_or(&tekst)
                .to_string()
        }
    }
}

/// Collects field errors, so a client learns of all of them at once.
#[derive(Default)]
pub struct Controle(Vec<VeldFout>);

impl Controle {
    pub fn veld<T, E: std::fmt::Display>(&mut self, naam: &str, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(VeldFout {
                    name: naam.into(),
                    reason: e.to_string(),
                });
                None
            }
        }
    }

    /// A person's name: required, at most `grens::MAX_NAAM` characters;
    /// trimmed.
    pub fn naam(&mut self, veld: &str, waarde: &str) -> Option<String> {
        self.veld(veld, schakel_domain::grens::naam(waarde))
    }

    pub fn eis(&mut self, naam: &str, ok: bool, reden: &str) {
        if !ok {
            self.0.push(VeldFout {
                name: naam.into(),
                reason: reden.into(),
            });
        }
    }

    pub fn klaar(self) -> Result<(), ApiFout> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiFout::Ongeldig(self.0))
        }
    }
}
