//! The school calendar: holidays per Rijksoverheid region, which legal school
//! years are fully known, and school-day counts.
//!
//! Holiday data lives in `data/kalender/schoolvakanties/<schooljaar>.toml`,
//! one file per Rijksoverheid school year. A legal school year (1 Aug – 31 Jul)
//! is *covered* for a region only when all five holidays of that school year
//! and the summer holiday of the year before (whose tail falls in August) are
//! known; budgets are computed over covered days only.

use schakel_domain::grens::nl_datum;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::datum::{Periode, Schooljaar};
use crate::fout::{Bron, LaadFout, bestanden_in, lees_bestand};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Vakantieregio {
    Noord,
    Midden,
    Zuid,
}

impl Vakantieregio {
    pub const ALLE: [Vakantieregio; 3] = [Self::Noord, Self::Midden, Self::Zuid];

    pub fn naam(self) -> &'static str {
        match self {
            Self::Noord => "noord",
            Self::Midden => "midden",
            Self::Zuid => "zuid",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE
            .into_iter()
            .find(|r| r.naam() == s.trim().to_lowercase())
    }

    fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VakantieSoort {
    Herfst,
    Kerst,
    Voorjaar,
    Mei,
    Zomer,
}

impl VakantieSoort {
    pub const ALLE: [VakantieSoort; 5] = [
        Self::Herfst,
        Self::Kerst,
        Self::Voorjaar,
        Self::Mei,
        Self::Zomer,
    ];

    pub fn naam(self) -> &'static str {
        match self {
            Self::Herfst => "herfst",
            Self::Kerst => "kerst",
            Self::Voorjaar => "voorjaar",
            Self::Mei => "mei",
            Self::Zomer => "zomer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE
            .into_iter()
            .find(|v| v.naam() == s.trim().to_lowercase())
    }

    /// Recognises the holiday names of the Rijksoverheid feed
    /// ("Herfstvakantie ", "Voorjaarsvakantie", …).
    pub fn uit_feednaam(s: &str) -> Option<Self> {
        let s = s.trim().to_lowercase();
        Self::ALLE.into_iter().find(|v| s.starts_with(v.naam()))
    }
}

/// One holiday of one region in one Rijksoverheid school year; both dates are
/// holiday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vakantie {
    pub soort: VakantieSoort,
    pub regio: Vakantieregio,
    pub schooljaar: Schooljaar,
    pub periode: Periode,
    pub geverifieerd: bool,
}

/// The effective calendar of one region, or of one school with its own
/// deviations: holidays sorted by start, and the covered date ranges.
#[derive(Debug, Clone)]
pub struct Kalender {
    pub regio: Vakantieregio,
    vakanties: Vec<Vakantie>,
    dekking: Vec<Periode>,
    /// Per covered school year its last school day, computed once.
    laatste_schooldagen: Vec<(Schooljaar, NaiveDate)>,
}

impl Kalender {
    pub fn nieuw(regio: Vakantieregio, mut vakanties: Vec<Vakantie>) -> Self {
        vakanties.sort_by_key(|v| v.periode);
        let dekking = bereken_dekking(&vakanties);
        let mut kalender = Self {
            regio,
            vakanties,
            dekking,
            laatste_schooldagen: Vec::new(),
        };
        kalender.laatste_schooldagen = kalender.bereken_laatste_schooldagen();
        kalender
    }

    fn bereken_laatste_schooldagen(&self) -> Vec<(Schooljaar, NaiveDate)> {
        let mut uit = Vec::new();
        for d in &self.dekking {
            let mut jaar = Schooljaar::van_datum(d.van);
            while jaar.periode().tot <= d.tot {
                let p = jaar.periode();
                if let Some(laatste) = p
                    .tot
                    .iter_days()
                    .rev()
                    .take_while(|x| *x >= p.van)
                    .find(|x| self.is_schooldag(*x))
                {
                    uit.push((jaar, laatste));
                }
                jaar = jaar.volgende();
            }
        }
        uit
    }

    /// The same calendar with some holidays replaced: a deviation replaces the
    /// region's holiday of the same kind in the same school year.
    pub fn met_afwijkingen(&self, afwijkingen: &[Vakantie]) -> Self {
        let vervangen = |v: &Vakantie| {
            afwijkingen
                .iter()
                .any(|a| a.soort == v.soort && a.schooljaar == v.schooljaar)
        };
        let vakanties = self
            .vakanties
            .iter()
            .filter(|v| !vervangen(v))
            .chain(afwijkingen)
            .map(|v| Vakantie {
                regio: self.regio,
                ..v.clone()
            })
            .collect();
        Self::nieuw(self.regio, vakanties)
    }

    pub fn vakanties(&self) -> &[Vakantie] {
        &self.vakanties
    }

    /// Date ranges whose holidays are fully known, merged where adjacent.
    pub fn dekking(&self) -> &[Periode] {
        &self.dekking
    }

    /// The covered parts of `periode`.
    pub fn gedekte_delen(&self, periode: Periode) -> impl Iterator<Item = Periode> + '_ {
        self.dekking
            .iter()
            .filter_map(move |d| d.doorsnede(&periode))
    }

    /// Weekdays outside the holidays. Only meaningful inside the coverage.
    pub fn schooldagen(&self, periode: Periode) -> u64 {
        let vakantie_werkdagen: u64 = self
            .vakanties_in(periode)
            .filter_map(|v| v.periode.doorsnede(&periode))
            .map(|p| p.werkdagen())
            .sum();
        periode.werkdagen() - vakantie_werkdagen
    }

    pub fn vakanties_in(&self, periode: Periode) -> impl Iterator<Item = &Vakantie> {
        self.vakanties
            .iter()
            .filter(move |v| v.periode.van <= periode.tot && v.periode.tot >= periode.van)
    }

    pub fn is_schooldag(&self, d: NaiveDate) -> bool {
        !crate::datum::is_weekend(d) && !self.vakanties.iter().any(|v| v.periode.bevat(d))
    }

    /// The last school day of a legal school year, when that year is covered.
    pub fn laatste_schooldag(&self, jaar: Schooljaar) -> Option<NaiveDate> {
        self.laatste_schooldagen
            .iter()
            .find(|(j, _)| *j == jaar)
            .map(|(_, d)| *d)
    }
}

fn bereken_dekking(vakanties: &[Vakantie]) -> Vec<Periode> {
    let heeft = |soort: VakantieSoort, jaar: Schooljaar| {
        vakanties
            .iter()
            .any(|v| v.soort == soort && v.schooljaar == jaar)
    };
    let mut jaren: Vec<Schooljaar> = vakanties.iter().map(|v| v.schooljaar).collect();
    jaren.sort();
    jaren.dedup();
    let mut dekking: Vec<Periode> = Vec::new();
    for jaar in jaren {
        let compleet = VakantieSoort::ALLE.iter().all(|s| heeft(*s, jaar))
            && heeft(VakantieSoort::Zomer, jaar.vorige());
        if !compleet {
            continue;
        }
        let p = jaar.periode();
        match dekking.last_mut() {
            Some(laatste) if crate::datum::plus_dagen(laatste.tot, 1) == p.van => {
                laatste.tot = p.tot
            }
            _ => dekking.push(p),
        }
    }
    dekking
}

/// All holidays known to Schakel, per region.
#[derive(Debug, Clone)]
pub struct Schoolkalender {
    regios: [Kalender; 3],
    pub bestanden: Vec<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KalenderBestand {
    schooljaar: Spanned<String>,
    bron: Option<String>,
    #[serde(default)]
    vakantie: Vec<VakantieRegel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VakantieRegel {
    pub soort: Spanned<String>,
    pub regio: Option<Spanned<String>>,
    pub schooljaar: Option<Spanned<String>>,
    pub van: Spanned<toml::value::Datetime>,
    pub tot: Spanned<toml::value::Datetime>,
    pub geverifieerd: Option<bool>,
}

impl Schoolkalender {
    /// Loads every `*.toml` in `map`.
    pub fn laad(map: &Path) -> Result<Self, LaadFout> {
        let mut vakanties = Vec::new();
        let bestanden = bestanden_in(map, "toml")?;
        if bestanden.is_empty() {
            return Err(LaadFout {
                bestand: map.to_path_buf(),
                regel: None,
                melding: "geen schoolvakantiebestanden (*.toml) gevonden".into(),
            });
        }
        for pad in &bestanden {
            let tekst = lees_bestand(pad)?;
            vakanties.extend(lees_kalenderbestand(&Bron { pad, tekst: &tekst })?);
        }
        controleer_overlap(&vakanties, map)?;
        let per_regio = |r: Vakantieregio| {
            Kalender::nieuw(
                r,
                vakanties.iter().filter(|v| v.regio == r).cloned().collect(),
            )
        };
        Ok(Self {
            regios: Vakantieregio::ALLE.map(per_regio),
            bestanden,
        })
    }

    pub fn regio(&self, regio: Vakantieregio) -> &Kalender {
        &self.regios[regio.index()]
    }
}

fn lees_kalenderbestand(bron: &Bron<'_>) -> Result<Vec<Vakantie>, LaadFout> {
    let bestand: KalenderBestand = bron.parse()?;
    let schooljaar = Schooljaar::parse(bestand.schooljaar.get_ref()).ok_or_else(|| {
        bron.fout_bij(
            &bestand.schooljaar,
            "schooljaar: verwacht de vorm 2026-2027",
        )
    })?;
    if bestand.bron.as_deref().is_none_or(|b| b.trim().is_empty()) {
        return Err(bron.fout(
            Some(0),
            "bron ontbreekt: noem waar deze vakantiedata vandaan komen",
        ));
    }
    let mut vakanties: Vec<Vakantie> = Vec::new();
    for regel in &bestand.vakantie {
        let regio = regel
            .regio
            .as_ref()
            .ok_or_else(|| bron.fout_bij(&regel.soort, "regio ontbreekt: noord, midden of zuid"))?;
        let v = lees_vakantie(bron, regel, parse_regio(bron, regio)?, schooljaar)?;
        if vakanties
            .iter()
            .any(|w| w.soort == v.soort && w.regio == v.regio)
        {
            return Err(bron.fout_bij(
                &regel.soort,
                format!(
                    "{}vakantie {} staat twee keer in dit bestand",
                    v.soort.naam(),
                    v.regio.naam()
                ),
            ));
        }
        vakanties.push(v);
    }
    Ok(vakanties)
}

fn parse_regio(bron: &Bron<'_>, regio: &Spanned<String>) -> Result<Vakantieregio, LaadFout> {
    Vakantieregio::parse(regio.get_ref()).ok_or_else(|| {
        bron.fout_bij(
            regio,
            format!(
                "onbekende regio '{}': noord, midden of zuid",
                regio.get_ref()
            ),
        )
    })
}

/// Reads one holiday entry; shared by calendar files and per-school deviations.
pub(crate) fn lees_vakantie(
    bron: &Bron<'_>,
    regel: &VakantieRegel,
    regio: Vakantieregio,
    schooljaar: Schooljaar,
) -> Result<Vakantie, LaadFout> {
    let soort = VakantieSoort::parse(regel.soort.get_ref()).ok_or_else(|| {
        bron.fout_bij(
            &regel.soort,
            format!(
                "onbekende vakantie '{}': herfst, kerst, voorjaar, mei of zomer",
                regel.soort.get_ref()
            ),
        )
    })?;
    let van = toml_datum(bron, &regel.van)?;
    let tot = toml_datum(bron, &regel.tot)?;
    let periode = Periode::new(van, tot).ok_or_else(|| {
        bron.fout_bij(
            &regel.tot,
            format!("tot ({}) ligt vóór van ({})", nl_datum(tot), nl_datum(van)),
        )
    })?;
    let venster = Periode {
        van: schooljaar.periode().van,
        tot: crate::datum::plus_maanden(schooljaar.periode().tot, 2),
    };
    if !venster.bevat(van) {
        return Err(bron.fout_bij(
            &regel.van,
            format!(
                "{} valt niet in schooljaar {schooljaar} (1 augustus tot en met september erna)",
                nl_datum(van)
            ),
        ));
    }
    Ok(Vakantie {
        soort,
        regio,
        schooljaar,
        periode,
        geverifieerd: regel.geverifieerd.unwrap_or(true),
    })
}

pub(crate) fn toml_datum(
    bron: &Bron<'_>,
    waarde: &Spanned<toml::value::Datetime>,
) -> Result<NaiveDate, LaadFout> {
    let dt = waarde.get_ref();
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                .ok_or_else(|| bron.fout_bij(waarde, format!("{dt} is geen bestaande datum")))
        }
        _ => Err(bron.fout_bij(
            waarde,
            format!("verwacht een datum zonder tijd (JJJJ-MM-DD), niet {dt}"),
        )),
    }
}

fn controleer_overlap(vakanties: &[Vakantie], map: &Path) -> Result<(), LaadFout> {
    for (i, a) in vakanties.iter().enumerate() {
        for b in &vakanties[i + 1..] {
            if a.regio == b.regio && a.periode.doorsnede(&b.periode).is_some() {
                return Err(LaadFout {
                    bestand: map.to_path_buf(),
                    regel: None,
                    melding: format!(
                        "{}vakantie {} ({}) overlapt met {}vakantie {} ({})",
                        a.soort.naam(),
                        a.schooljaar,
                        a.regio.naam(),
                        b.soort.naam(),
                        b.schooljaar,
                        b.regio.naam()
                    ),
                });
            }
        }
    }
    Ok(())
}

pub mod import;
