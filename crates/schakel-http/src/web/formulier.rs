//! Errors on a form: each beside its field (`aria-describedby`) and all of
//! them in a summary on top that takes the focus, linking to the fields.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use chrono::NaiveDate;
use schakel_domain::grens::{self, Datumsoort, MAX_TEKST};
use serde::de::DeserializeOwned;

use super::WebFout;
use crate::fout::{ApiFout, VeldFout};
use crate::invoer::{Pad, Vraag};

/// A form's fields in order, for forms with repeated fields.
pub type Velden = Vec<(String, String)>;

/// Forms are small; a megabyte is plenty and bounds what is read.
pub const MAX_FORMULIER: usize = 1 << 20;

/// How much of a too large form is still read (and dropped) before the
/// error page is sent: a server that answers while the browser is still
/// sending resets the connection, and the browser then shows no page at all.
const MAX_AFVOER: usize = 16 << 20;

/// The body within [`MAX_FORMULIER`]; a larger one is drained up to
/// [`MAX_AFVOER`] and refused.
async fn lees_begrensd(body: axum::body::Body) -> Result<Bytes, ApiFout> {
    use http_body_util::BodyExt;
    let mut body = body;
    let mut gelezen = Vec::new();
    let mut totaal = 0usize;
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame.map(|f| f.into_data().unwrap_or_default()) else {
            return Err(ApiFout::veld("formulier", "kan het formulier niet lezen"));
        };
        totaal += data.len();
        if totaal <= MAX_FORMULIER {
            gelezen.extend_from_slice(&data);
        } else if totaal > MAX_AFVOER {
            break;
        }
    }
    if totaal > MAX_FORMULIER {
        return Err(ApiFout::TeGroot);
    }
    Ok(Bytes::from(gelezen))
}

/// A posted form's body and its fields, read within [`MAX_FORMULIER`] and
/// with every value within [`MAX_TEKST`] characters — the same bound as
/// for the API's JSON bodies. Errors become error pages, never text/plain.
pub async fn lees_velden(body: axum::body::Body) -> Result<(Bytes, Velden), ApiFout> {
    let bytes = lees_begrensd(body).await?;
    let velden: Velden = serde_urlencoded::from_bytes(&bytes)
        .map_err(|_| ApiFout::veld("formulier", "kan het formulier niet lezen"))?;
    if let Some((k, _)) = velden
        .iter()
        .find(|(_, v)| grens::tekst(v, MAX_TEKST).is_err())
    {
        return Err(ApiFout::veld(k.clone(), crate::invoer::te_lang()));
    }
    Ok((bytes, velden))
}

/// The fields of `bytes` as `T`; a field that does not fit is named.
pub fn als<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiFout> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(bytes));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let veld = e.path().to_string();
        let veld = if veld == "." {
            "formulier".into()
        } else {
            veld
        };
        ApiFout::veld(veld, format!("onverwachte invoer: {}", e.inner()))
    })
}

/// A form posted to a public page (no session): bounded as [`lees_velden`],
/// its errors an error page.
pub struct OpenFormulier<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for OpenFormulier<T> {
    type Rejection = WebFout;

    async fn from_request(req: Request, _: &S) -> Result<Self, WebFout> {
        let (bytes, _) = lees_velden(req.into_body()).await?;
        Ok(Self(als(&bytes)?))
    }
}

/// Query parameters of a page: a bad value is an error page naming it.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = WebFout;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, WebFout> {
        let Vraag(t) = Vraag::<T>::from_request_parts(parts, state).await?;
        Ok(Self(t))
    }
}

impl<T> std::ops::Deref for Query<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// Path parameters of a page (`/jeugdigen/abc`): an error page naming it.
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = WebFout;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, WebFout> {
        let Pad(t) = Pad::<T>::from_request_parts(parts, state).await?;
        Ok(Self(t))
    }
}

/// What a form says of a date it cannot read.
pub const DATUM_VOORBEELD: &str = "Vul een datum in, bijvoorbeeld 4 december 2026.";

/// A date typed in a form (as the browser's date field sends it, or as
/// people write it: `grens::lees_nl_datum`) in the range for its kind
/// (`schakel_domain::grens`); else the message for beside the field.
pub fn datum(tekst: &str, soort: Datumsoort) -> Result<NaiveDate, String> {
    let d =
        schakel_domain::grens::lees_nl_datum(tekst).ok_or_else(|| DATUM_VOORBEELD.to_string())?;
    soort.controleer(d).map_err(|m| hoofdletter(&m))
}

/// The house number field as people fill it in ("12", "12a", "12-2",
/// "12 bis"), with the form's own toevoeging field if it has one: the
/// number (what the CBS address lookup keys on) and the toevoeging, kept
/// to be stored and shown. Else the message for beside the field.
pub fn huisnummer(nummer: &str, toevoeging: &str) -> Result<(u32, Option<String>), String> {
    let (n, bij_nummer) = schakel_domain::Huisnummer::met_toevoeging(nummer).map_err(|_| {
        "Vul een huisnummer in van 1 tot en met 99999, eventueel met een toevoeging: bijvoorbeeld 12, 12a, 12-2 of 12 bis.".to_string()
    })?;
    let los = toevoeging.trim();
    match bij_nummer {
        Some(t) if !los.is_empty() && t != los => Err(
            "Er staan twee toevoegingen. Vul de toevoeging bij het huisnummer of in het veld Toevoeging in, niet allebei."
                .into(),
        ),
        Some(t) => Ok((n.waarde(), Some(t))),
        None => Ok((n.waarde(), (!los.is_empty()).then(|| los.to_string()))),
    }
}

/// A house number as Dutch addresses write it: "12a" with one letter,
/// else "12-2" or "12-bis".
pub fn huisnummer_tekst(n: u32, toevoeging: Option<&str>) -> String {
    match toevoeging.map(str::trim).filter(|t| !t.is_empty()) {
        None => n.to_string(),
        Some(t) if t.chars().count() == 1 && t.chars().all(char::is_alphabetic) => {
            format!("{n}{t}")
        }
        Some(t) => format!("{n}-{t}"),
    }
}

pub struct Foutmelding {
    /// The field's id in the form (`#id` for the summary's link); empty for
    /// an error about the form as a whole.
    pub veld: String,
    pub label: String,
    pub melding: String,
}

#[derive(Default)]
pub struct Fouten {
    pub lijst: Vec<Foutmelding>,
}

impl Fouten {
    pub fn is_leeg(&self) -> bool {
        self.lijst.is_empty()
    }

    /// A form shown again with errors answers 400; without, 200.
    pub fn status(&self) -> axum::http::StatusCode {
        if self.is_leeg() {
            axum::http::StatusCode::OK
        } else {
            axum::http::StatusCode::BAD_REQUEST
        }
    }

    pub fn veld(&mut self, veld: &str, label: &str, melding: impl Into<String>) {
        self.lijst.push(Foutmelding {
            veld: veld.into(),
            label: label.into(),
            melding: melding.into(),
        });
    }

    pub fn algemeen(&mut self, melding: impl Into<String>) {
        self.veld("", "", melding);
    }

    /// The message for a field, for beside it in the form.
    pub fn voor(&self, veld: &str) -> Option<&str> {
        self.lijst
            .iter()
            .find(|f| f.veld == veld)
            .map(|f| f.melding.as_str())
    }

    /// The field errors of the API's validation (the same checks), mapped
    /// to the form's fields by `velden`: (API name, form id, label). A name
    /// the form does not have is shown in the summary only.
    pub fn uit_api(&mut self, fouten: &[VeldFout], velden: &[(&str, &str, &str)]) {
        for f in fouten {
            match velden.iter().find(|(naam, _, _)| *naam == f.name) {
                // The label stands beside the message already: "BSN: BSN: …" reads badly.
                Some((_, id, label)) => {
                    let reden = f
                        .reason
                        .strip_prefix(&format!("{label}: "))
                        .unwrap_or(&f.reason);
                    self.veld(id, label, hoofdletter(reden))
                }
                None => self.algemeen(format!("{}: {}", f.name, f.reason)),
            }
        }
    }

    /// The summary in the order of the form's fields (`velden`: the form's
    /// ids in that order, as in the API-to-form tables); errors about the
    /// form as a whole first.
    pub fn op_volgorde(&mut self, velden: &[(&str, &str, &str)]) {
        let plek = |veld: &str| {
            velden
                .iter()
                .position(|(_, id, _)| *id == veld)
                .map_or(usize::MAX, |p| p + 1)
        };
        self.lijst
            .sort_by_key(|f| if f.veld.is_empty() { 0 } else { plek(&f.veld) });
    }

    /// An error the API gives for a request: field errors to their fields,
    /// a conflict as a general message; anything else is no form error.
    pub fn uit(&mut self, fout: ApiFout, velden: &[(&str, &str, &str)]) -> Result<(), ApiFout> {
        match fout {
            ApiFout::Ongeldig(v) => self.uit_api(&v, velden),
            ApiFout::Conflict(m) => self.algemeen(hoofdletter(&m)),
            ApiFout::VersieVerouderd { .. } => self.algemeen(
                "Iemand anders heeft dit intussen gewijzigd; er is niets opgeslagen. Open de pagina opnieuw.",
            ),
            f => return Err(f),
        }
        Ok(())
    }
}

/// The API names a repeated field by its place (`partijen[2]`); a form
/// shows the error at the one field that holds them all (`partijen`).
pub fn per_lijstveld(fout: ApiFout, veld: &str) -> ApiFout {
    match fout {
        ApiFout::Ongeldig(v) => ApiFout::Ongeldig(
            v.into_iter()
                .map(|mut f| {
                    if f.name.starts_with(&format!("{veld}[")) {
                        f.name = veld.into();
                    }
                    f
                })
                .collect(),
        ),
        f => f,
    }
}

pub fn hoofdletter(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(eerste) => eerste.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl Fouten {
    /// The ids that describe a field: its explanation and its error.
    pub fn beschreven_door(&self, veld: &str, met_uitleg: bool) -> Option<String> {
        let mut ids = Vec::new();
        if met_uitleg {
            ids.push(format!("{veld}-uitleg"));
        }
        if self.voor(veld).is_some() {
            ids.push(format!("{veld}-fout"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// An option of a select.
pub struct Keuze {
    pub waarde: String,
    pub label: String,
}

impl Keuze {
    pub fn new(waarde: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            waarde: waarde.into(),
            label: label.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VELDEN: [(&str, &str, &str); 3] = [
        ("bsn", "bsn", "BSN"),
        ("voornaam", "voornaam", "Voornaam"),
        ("geboortedatum", "geboortedatum", "Geboortedatum"),
    ];

    fn fout(name: &str, reason: &str) -> VeldFout {
        VeldFout {
            name: name.into(),
            reason: reason.into(),
        }
    }

    #[test]
    fn de_samenvatting_volgt_het_formulier_en_herhaalt_het_label_niet() {
        let mut f = Fouten::default();
        f.veld("geboortedatum", "Geboortedatum", "Vul een datum in.");
        f.uit_api(
            &[
                fout("voornaam", "verplicht"),
                fout("bsn", "BSN: verwacht 9 cijfers"),
                fout("onbekend", "past nergens"),
            ],
            &VELDEN,
        );
        f.op_volgorde(&VELDEN);
        let lijst: Vec<(&str, &str)> = f
            .lijst
            .iter()
            .map(|m| (m.veld.as_str(), m.melding.as_str()))
            .collect();
        assert_eq!(
            lijst,
            [
                ("", "onbekend: past nergens"),
                ("bsn", "Verwacht 9 cijfers"),
                ("voornaam", "Verplicht"),
                ("geboortedatum", "Vul een datum in."),
            ]
        );
    }
}
