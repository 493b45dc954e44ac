//! Request bodies: JSON parsed into typed structs, with every problem named
//! by its field (`invalidParams`), never a bare "bad request".

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

use crate::fout::{ApiFout, VeldFout};

/// A JSON body of type `T`; syntax and type errors name the field.
pub struct Invoer<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Invoer<T> {
    type Rejection = ApiFout;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiFout> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !is_json {
            return Err(ApiFout::veld("Content-Type", "verwacht application/json"));
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| ApiFout::veld("body", "kan de body niet lezen"))?;
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        let waarde: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let veld = e.path().to_string();
            let veld = if veld == "." || veld.is_empty() {
                "body".to_string()
            } else {
                veld
            };
            ApiFout::veld(veld, vertaal(e.inner()))
        })?;
        Ok(Self(waarde))
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
