//! The two kinds of error the rules library reports.
//!
//! - [`InvoerFout`]: the caller's input is wrong. Names the field and what is
//!   allowed; the CLI exits 2, the API answers 400 with problem+json.
//! - [`LaadFout`]: a rule or calendar file is wrong. Names file, line and
//!   problem; the rule set is not used at all (no half-loaded rules).

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{veld}: {melding}")]
pub struct InvoerFout {
    /// Dotted path of the offending field, e.g. `verwijzing.einddatum`.
    pub veld: String,
    /// What is wrong and what is allowed, in Dutch.
    pub melding: String,
}

impl InvoerFout {
    pub fn new(veld: impl Into<String>, melding: impl Into<String>) -> Self {
        Self {
            veld: veld.into(),
            melding: melding.into(),
        }
    }

    /// The same error for a field nested under `ouder`.
    pub fn onder(self, ouder: &str) -> Self {
        let veld = if self.veld == "invoer" {
            ouder.to_string()
        } else {
            format!("{ouder}.{}", self.veld)
        };
        Self {
            veld,
            melding: self.melding,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LaadFout {
    pub bestand: PathBuf,
    /// 1-based line, when the problem sits at one place in the file.
    pub regel: Option<usize>,
    pub melding: String,
}

impl std::fmt::Display for LaadFout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.regel {
            Some(regel) => write!(f, "{}:{}: {}", self.bestand.display(), regel, self.melding),
            None => write!(f, "{}: {}", self.bestand.display(), self.melding),
        }
    }
}

/// Turns byte offsets of one source text into line numbers.
pub(crate) struct Bron<'a> {
    pub pad: &'a Path,
    pub tekst: &'a str,
}

impl Bron<'_> {
    pub fn regel(&self, offset: usize) -> usize {
        let tot = offset.min(self.tekst.len());
        self.tekst.as_bytes()[..tot]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    pub fn fout(&self, offset: Option<usize>, melding: impl Into<String>) -> LaadFout {
        LaadFout {
            bestand: self.pad.to_path_buf(),
            regel: offset.map(|o| self.regel(o)),
            melding: melding.into(),
        }
    }

    pub fn fout_bij<T>(&self, waarde: &toml::Spanned<T>, melding: impl Into<String>) -> LaadFout {
        self.fout(Some(waarde.span().start), melding)
    }

    /// Parses the whole file, reporting TOML and schema errors by line.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, LaadFout> {
        toml::from_str(self.tekst).map_err(|e| {
            let melding = e.message().trim().to_string();
            self.fout(e.span().map(|s| s.start), melding)
        })
    }
}

pub(crate) fn lees_bestand(pad: &Path) -> Result<String, LaadFout> {
    std::fs::read_to_string(pad)
        .map(|t| crate::tekst::zonder_bom(&t).to_owned())
        .map_err(|e| LaadFout {
            bestand: pad.to_path_buf(),
            regel: None,
            melding: format!("kan bestand niet lezen: {e}"),
        })
}

/// Files with the given extension in `map`, sorted by name.
pub(crate) fn bestanden_in(map: &Path, extensie: &str) -> Result<Vec<PathBuf>, LaadFout> {
    let lees_fout = |e: std::io::Error| LaadFout {
        bestand: map.to_path_buf(),
        regel: None,
        melding: format!("kan map niet lezen: {e}"),
    };
    let mut paden = Vec::new();
    for entry in std::fs::read_dir(map).map_err(lees_fout)? {
        let pad = entry.map_err(lees_fout)?.path();
        if pad.extension().is_some_and(|e| e == extensie) {
            paden.push(pad);
        }
    }
    paden.sort();
    Ok(paden)
}
