//! # schakel-rules
//!
//! A region's normenkader (what may be referred for a child in each
//! education situation) as executable, explainable rules, with the school
//! calendar and hour budgets it needs. Pure: the only I/O is reading rule
//! and calendar files.
//!
//! - The rules themselves are data: `data/regio/<regio>/normenkader/*.toml`
//!   (one file per version, named by its valid-from date), described by
//!   `data/schema/normenkader.schema.json`. A region declares its own
//!   situations, products, schools, periods, budgets, obligations and
//!   reikwijdte there; this crate knows only the generic concepts (age,
//!   TLV, arrangement and dagdelen conditions, period kinds, saved-up hour
//!   budgets, naar-rato reduction, repeating obligations).
//! - [`Regelset::laad`] loads and validates them; [`Regelset::advies`] and
//!   [`Regelset::toets`] apply them.

pub mod advies;
pub mod budget;
pub mod datum;
pub mod fout;
use schakel_domain::grens::nl_datum;
/// Amounts of care as exact hundredths: the domain's type, used by the rules.
pub use schakel_domain::hoeveelheid;
pub use schakel_domain::hoeveelheid::Hoeveelheid;
pub mod ijw;
pub mod kalender;
pub mod normenkader;
pub mod regio;
pub mod situatie;
pub mod tekst;
pub mod toets;
pub mod vraag;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use advies::Advies;
pub use fout::{InvoerFout, LaadFout};
pub use kalender::{Schoolkalender, Vakantieregio};
pub use normenkader::Normenkader;
pub use normenkader::laden::laad_tekst;
pub use regio::{GeenNormenkader, Gemeente, Keuze, Regio, Regioroute, Regios};
pub use situatie::{Situatie, SituatieDefinitie, Situaties};
pub use toets::Toetsing;
pub use vraag::{AdviesVraag, ToetsVraag, Verwijzing};

/// The school calendar plus every version of one region's normenkader.
#[derive(Debug, Clone)]
pub struct Regelset {
    pub kalender: Schoolkalender,
    /// Sorted by `geldig_vanaf`.
    kaders: Vec<Normenkader>,
    /// Every version's situations, the newest version's first: what an
    /// input may name (the version in force then decides the row).
    situaties: Situaties,
    /// SHA-256 over the files [`Regelset::laad`] read (see
    /// [`vingerafdruk_van`]); None for a set built in memory.
    vingerafdruk: Option<String>,
}

impl Regelset {
    /// Loads `data/kalender/schoolvakanties/*.toml` and
    /// `data/regio/<regio>/normenkader/*.toml` from the data directory.
    pub fn laad(data: &Path, regio: &str) -> Result<Self, LaadFout> {
        let kalender = Schoolkalender::laad(&data.join("kalender").join("schoolvakanties"))?;
        let map = data.join("regio").join(regio).join("normenkader");
        let mut kaders = Vec::new();
        for pad in fout::bestanden_in(&map, "toml")? {
            let kader = normenkader::laden::laad_bestand(&pad, &kalender)?;
            if kader.regio != regio {
                return Err(LaadFout {
                    bestand: pad,
                    regel: None,
                    melding: format!(
                        "regio '{}' hoort niet in de map van regio '{regio}'",
                        kader.regio
                    ),
                });
            }
            kaders.push(kader);
        }
        let kalendermap = data.join("kalender").join("schoolvakanties");
        let mut bestanden = fout::bestanden_in(&kalendermap, "toml")?;
        bestanden.extend(fout::bestanden_in(&map, "toml")?);
        let vingerafdruk = vingerafdruk_van(data, &bestanden)?;
        let mut set = Self::uit_kaders(kalender, kaders, map)?;
        set.vingerafdruk = Some(vingerafdruk);
        Ok(set)
    }

    /// Which rule and calendar files this set was loaded from, as one
    /// hash: instances that serve the same region must show the same one
    /// (the health endpoint gives it), or they judge by different rules.
    pub fn vingerafdruk(&self) -> Option<&str> {
        self.vingerafdruk.as_deref()
    }

    pub fn uit_kaders(
        kalender: Schoolkalender,
        mut kaders: Vec<Normenkader>,
        map: PathBuf,
    ) -> Result<Self, LaadFout> {
        if kaders.is_empty() {
            return Err(LaadFout {
                bestand: map,
                regel: None,
                melding: "geen normenkader (*.toml) gevonden".into(),
            });
        }
        kaders.sort_by_key(|k| k.geldig_vanaf);
        if let Some(w) = kaders
            .windows(2)
            .find(|w| w[0].geldig_vanaf == w[1].geldig_vanaf)
        {
            return Err(LaadFout {
                bestand: w[1].bestand.clone(),
                regel: None,
                melding: format!(
                    "twee versies ({} en {}) gelden vanaf {}",
                    w[0].versie, w[1].versie, w[1].geldig_vanaf
                ),
            });
        }
        let situaties = Situaties::vereniging(kaders.iter().rev().map(|k| &k.situaties));
        Ok(Self {
            kalender,
            kaders,
            situaties,
            vingerafdruk: None,
        })
    }

    pub fn kaders(&self) -> &[Normenkader] {
        &self.kaders
    }

    /// The situations an input may name, with their labels.
    pub fn situaties(&self) -> &Situaties {
        &self.situaties
    }

    /// The version in force on `datum`.
    pub fn kader_op(&self, datum: NaiveDate) -> Option<&Normenkader> {
        self.kaders.iter().rev().find(|k| k.geldig_vanaf <= datum)
    }

    /// The version in force on `datum`, or an input error naming `veld`.
    pub fn kader_voor(&self, datum: NaiveDate, veld: &str) -> Result<&Normenkader, InvoerFout> {
        self.kader_op(datum).ok_or_else(|| {
            let eerste = &self.kaders[0];
            InvoerFout::new(
                veld,
                format!("{} ligt vóór het normenkader {} (versie {} geldt vanaf {}); toegestaan: {} of later", nl_datum(datum), eerste.regio, eerste.versie, nl_datum(eerste.geldig_vanaf), nl_datum(eerste.geldig_vanaf)),
            )
        })
    }

    pub fn advies(&self, vraag: &AdviesVraag) -> Result<Advies<'_>, InvoerFout> {
        self.kader_voor(vraag.peildatum, "peildatum")?.advies(vraag)
    }

    pub fn toets(&self, vraag: &ToetsVraag) -> Result<Toetsing<'_>, InvoerFout> {
        self.kader_voor(vraag.situatie.peildatum, "situatie.peildatum")?
            .toets(vraag)
    }
}

/// SHA-256 over each file's path relative to `data` and its bytes, in the
/// given (sorted) order; the length prefixes keep two different file sets
/// from hashing alike.
fn vingerafdruk_van(data: &Path, bestanden: &[PathBuf]) -> Result<String, LaadFout> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for pad in bestanden {
        let inhoud = std::fs::read(pad).map_err(|e| LaadFout {
            bestand: pad.clone(),
            regel: None,
            melding: format!("kan bestand niet lezen: {e}"),
        })?;
        let naam = pad.strip_prefix(data).unwrap_or(pad).to_string_lossy();
        for deel in [naam.as_bytes(), &inhoud] {
            h.update((deel.len() as u64).to_be_bytes());
            h.update(deel);
        }
    }
    Ok(hex::encode(h.finalize()))
}
