//! Errors on a form: each beside its field (`aria-describedby`) and all of
//! them in a summary on top that takes the focus, linking to the fields.

use crate::fout::{ApiFout, VeldFout};

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
