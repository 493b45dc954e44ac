//! Field errors of the workflow's inputs: each names the field (as the API
//! spells it) and what is allowed, so every layer can show it as is.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VeldFout {
    pub veld: String,
    pub melding: String,
}

impl VeldFout {
    pub fn new(veld: impl Into<String>, melding: impl Into<String>) -> Self {
        Self {
            veld: veld.into(),
            melding: melding.into(),
        }
    }
}

/// All field errors of one input, in the order the fields were checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VeldFouten(pub Vec<VeldFout>);

impl VeldFouten {
    pub fn voeg_toe(&mut self, veld: impl Into<String>, melding: impl Into<String>) {
        self.0.push(VeldFout::new(veld, melding));
    }

    pub fn niet_leeg(&mut self, veld: &str, tekst: &str) {
        if tekst.trim().is_empty() {
            self.voeg_toe(veld, "verplicht; mag niet leeg zijn");
        }
    }

    pub fn resultaat<T>(self, waarde: T) -> Result<T, Self> {
        if self.0.is_empty() {
            Ok(waarde)
        } else {
            Err(self)
        }
    }
}

impl From<VeldFout> for VeldFouten {
    fn from(f: VeldFout) -> Self {
        Self(vec![f])
    }
}
