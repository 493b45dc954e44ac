//! A validated normenkader: the rows, options, footnotes, reikwijdte and
//! interpretations of one region's rule set, in one version.
//!
//! The data lives in `data/regio/<regio>/normenkader/<geldig_vanaf>.toml`;
//! [`laden`] turns such a file into these types or says, by file and line,
//! why it cannot.

mod bestand;
pub(crate) mod laden;

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::ijw::{Eenheid, Per};
use crate::kalender::{Kalender, Vakantieregio};
use crate::situatie::{Arrangement, Situatie, Situaties};

#[derive(Debug, Clone)]
pub struct Normenkader {
    pub regio: String,
    pub versie: String,
    pub geldig_vanaf: NaiveDate,
    pub titel: String,
    pub bron: String,
    pub bestand: PathBuf,
    pub vakantieregio: Vakantieregio,
    /// Product key → display name, in file order.
    pub producten: Vec<(String, String)>,
    /// The situations this version's rows are for, with their labels.
    pub situaties: Situaties,
    pub scholen: Vec<School>,
    pub voetnoten: Vec<Voetnoot>,
    pub rijen: Vec<Rij>,
    pub reikwijdte: Vec<ReikwijdteRij>,
    pub reikwijdte_voetnoten: Vec<Voetnoot>,
    pub joa_regels: Vec<JoaRegel>,
    pub interpretaties: Vec<Interpretatie>,
    /// The region's calendar, and per school (same index as `scholen`) the
    /// calendar it follows.
    pub(crate) kalender: Kalender,
    pub(crate) school_kalenders: Vec<Kalender>,
    /// Per engine semantic, the index of the interpretation that states it.
    pub(crate) uitleg: [Option<usize>; Uitleg::ALLE.len()],
    /// Per school (same index as `scholen`), its reikwijdte, computed once
    /// at load from the schema (OJA) or the JOA rules.
    pub(crate) reikwijdtes: Vec<Option<SchoolReikwijdte>>,
}

/// A rule the advice cites, by index into the normenkader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BronRef {
    Reikwijdte(usize),
    ReikwijdteVoetnoot(usize),
    JoaRegel(usize),
    Uitleg(Uitleg),
}

#[derive(Debug, Clone, Default)]
pub(crate) struct SchoolReikwijdte {
    /// (index into `reikwijdte`, coverage), in the schema's order.
    pub diensten: Vec<(usize, Dekking)>,
    pub bronnen: Vec<BronRef>,
    /// Indices into `reikwijdte_voetnoten`.
    pub voetnoten: Vec<usize>,
    /// (index into `reikwijdte`, the condition or reading the source
    /// attaches to that service for this school).
    pub voorwaarden: Vec<(usize, Voorwaarde)>,
    /// (index into `reikwijdte`, the rule that sets the cell).
    pub regels: Vec<(usize, BronRef)>,
}

/// A qualifier the source attaches to a service of the reikwijdte: its own
/// words and, in B1 Dutch, what it means (or which reading Schakel chose
/// where the words are ambiguous).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Voorwaarde {
    pub tekst: String,
    pub voorwaarde: String,
}

/// The semantics the engine implements in code, each stated in the rule
/// file as `[[interpretatie]]` with id `<regio>.interpretatie.<onderwerp>`
/// and cited wherever the advice relies on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uitleg {
    Leeftijd,
    Periode,
    Schooljaar,
    Budget,
    NaarRato,
    Verplichtingen,
    JoaReikwijdte,
}

impl Uitleg {
    pub const ALLE: [Uitleg; 7] = [
        Self::Leeftijd,
        Self::Periode,
        Self::Schooljaar,
        Self::Budget,
        Self::NaarRato,
        Self::Verplichtingen,
        Self::JoaReikwijdte,
    ];

    pub fn onderwerp(self) -> &'static str {
        match self {
            Self::Leeftijd => "leeftijd",
            Self::Periode => "periode",
            Self::Schooljaar => "schooljaar",
            Self::Budget => "budget",
            Self::NaarRato => "naar_rato",
            Self::Verplichtingen => "verplichtingen",
            Self::JoaReikwijdte => "joa_reikwijdte",
        }
    }
}

#[derive(Debug, Clone)]
pub struct School {
    pub naam: String,
    pub soort: Option<String>,
    pub arrangement: Option<Arrangement>,
    pub joa_groepen: Vec<String>,
    pub locatie: Option<String>,
    pub plaats: Option<String>,
    pub vakantieregio: Vakantieregio,
    pub bron: String,
}

#[derive(Debug, Clone)]
pub struct Voetnoot {
    pub id: String,
    pub teken: String,
    pub bron: String,
    pub tekst: String,
    pub toelichting: String,
    /// Products a referral is conditional on this footnote for (footnote
    /// ***: behandeling only under an interventie-afspraak); the check
    /// reports the condition as a finding.
    pub voorwaarde_voor: Vec<String>,
}

/// Age bounds: `vanaf` inclusive, `tot` exclusive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Leeftijdsgrens {
    pub vanaf: Option<u32>,
    pub tot: Option<u32>,
}

impl Leeftijdsgrens {
    pub fn past(&self, leeftijd: u32) -> bool {
        self.vanaf.is_none_or(|v| leeftijd >= v) && self.tot.is_none_or(|t| leeftijd < t)
    }

    pub fn overlapt(&self, ander: &Leeftijdsgrens) -> bool {
        let van = self.vanaf.unwrap_or(0).max(ander.vanaf.unwrap_or(0));
        let tot = self
            .tot
            .unwrap_or(u32::MAX)
            .min(ander.tot.unwrap_or(u32::MAX));
        van < tot
    }

    pub fn is_begrensd(&self) -> bool {
        self.vanaf.is_some() || self.tot.is_some()
    }

    /// "van 4 tot 13 jaar", "vanaf 4 jaar", "jonger dan 5 jaar".
    pub fn beschrijving(&self) -> String {
        match (self.vanaf, self.tot) {
            (Some(v), Some(t)) => format!("van {v} tot {t} jaar"),
            (Some(v), None) => format!("vanaf {v} jaar"),
            (None, Some(t)) => format!("jonger dan {t} jaar"),
            (None, None) => "elke leeftijd".into(),
        }
    }

    /// The same bounds read as dagdelen per week at school: "van 1 tot 5
    /// dagdelen", "minder dan 3 dagdelen".
    pub fn beschrijving_dagdelen(&self) -> String {
        match (self.vanaf, self.tot) {
            (Some(v), Some(t)) => format!("van {v} tot {t} dagdelen"),
            (Some(v), None) => format!("{v} of meer dagdelen"),
            (None, Some(t)) => format!("minder dan {t} dagdelen"),
            (None, None) => "elk aantal dagdelen".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Rij {
    pub id: String,
    pub situatie: Situatie,
    pub bron: String,
    pub tekst: String,
    pub leeftijd: Leeftijdsgrens,
    pub tlv_vereist: bool,
    /// Dagdelen per week the child attends school for which the row holds
    /// (`vanaf` inclusive, `tot` exclusive); unbounded for most rows.
    pub schooldagdelen: Leeftijdsgrens,
    pub arrangement: Option<Arrangement>,
    /// Whether a named OJA school means help without beschikking is at hand
    /// (seed 000), so a referral risks double financing.
    pub waarschuw_bij_oja_school: bool,
    /// Index into `Normenkader::scholen` of the school whose calendar applies
    /// whatever school the input names (a school in another holiday region).
    pub kalender_school: Option<usize>,
    pub beschikking_nodig: bool,
    pub regie: Option<String>,
    pub interpretaties: Vec<String>,
    /// Indices into `Normenkader::voetnoten`.
    pub voetnoten: Vec<usize>,
    pub toelichting: Vec<String>,
    pub verplichtingen: Vec<Verplichting>,
    pub opties: Vec<Optie>,
    /// Why the row does not apply, written once at load.
    pub melding_leeftijd: String,
    pub melding_tlv: String,
    pub melding_schooldagdelen: String,
}

impl Rij {
    /// Whether the row's conditions hold for a child of `leeftijd` with
    /// or without a TLV who attends school `schooldagdelen` per week.
    pub fn past(&self, leeftijd: u32, tlv: bool, schooldagdelen: u8) -> bool {
        self.leeftijd.past(leeftijd)
            && (tlv || !self.tlv_vereist)
            && self.schooldagdelen.past(u32::from(schooldagdelen))
    }
}

#[derive(Debug, Clone)]
pub struct Optie {
    pub id: String,
    pub omschrijving: String,
    pub programma: Option<String>,
    pub bron: String,
    pub tekst: String,
    pub leeftijd: Leeftijdsgrens,
    pub periode: PeriodeRegel,
    pub voetnoten: Vec<usize>,
    pub toelichting: Vec<String>,
    pub inzet: Vec<InzetRegel>,
    /// Only where the source says hours are saved up by holidays: the hour
    /// budget per school week, and its ceiling.
    pub gespaard: Option<Gespaard>,
}

/// "NB door vakanties worden uren gespaard … Feitelijk is daarmee ca 4 uur
/// per school week inzetbaar": the budget per school week never exceeds
/// `max_per_schoolweek`, the source's own figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gespaard {
    pub max_per_schoolweek: u32,
    /// The source's words for that figure.
    pub tekst: String,
}

/// How an option's period follows from the peildatum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodeRegel {
    /// max(peildatum, 1 Aug) to 31 Jul of the school year.
    Schooljaar,
    /// From peildatum + `na` months, for `aantal` months.
    Maanden {
        aantal: u32,
        na: u32,
    },
    Weken {
        aantal: u32,
    },
    /// From the peildatum to 31 December of its year.
    Kalenderjaar,
    /// The source sets no term.
    Onbepaald,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InzetRegel {
    pub product: String,
    pub min: Option<u32>,
    pub max: u32,
    pub eenheid: Eenheid,
    pub per: Per,
    /// Reduced by the dagdelen the child still attends school.
    pub naar_rato: bool,
}

#[derive(Debug, Clone)]
pub struct Verplichting {
    pub id: String,
    pub wat: String,
    pub bron: String,
    pub tekst: String,
    pub termijn_maanden: u32,
    /// Repeats every `termijn_maanden` up to this many months.
    pub herhalen_tot_maanden: Option<u32>,
}

/// What an arrangement covers for one service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Dekking {
    /// Covered by the school's OJA.
    #[serde(rename = "OJA")]
    Oja,
    /// Needs a separate referral (verwijzing).
    #[serde(rename = "V")]
    V,
    /// Covered by the JOA group.
    #[serde(rename = "JOA")]
    Joa,
    #[serde(rename = "niet_mogelijk")]
    NietMogelijk,
}

impl Dekking {
    pub fn naam(self) -> &'static str {
        match self {
            Self::Oja => "OJA",
            Self::V => "V",
            Self::Joa => "JOA",
            Self::NietMogelijk => "niet_mogelijk",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "OJA" => Some(Self::Oja),
            "V" => Some(Self::V),
            "JOA" => Some(Self::Joa),
            "niet_mogelijk" => Some(Self::NietMogelijk),
            _ => None,
        }
    }
}

/// One row of the schema reikwijdte OJA's: a service and its coverage per
/// OJA school (indices into `Normenkader::scholen`).
#[derive(Debug, Clone)]
pub struct ReikwijdteRij {
    pub id: String,
    pub dienst: String,
    pub omschrijving: String,
    pub bron: String,
    pub waarden: Vec<(usize, Dekking)>,
    /// Index into `Normenkader::reikwijdte_voetnoten`.
    pub voetnoot: Option<usize>,
    /// The condition in the service's own cell, e.g. "(tenzij (een
    /// vermoeden van) psychiatrie voorliggend is)".
    pub voorwaarde: Option<Voorwaarde>,
}

#[derive(Debug, Clone)]
pub struct JoaRegel {
    pub id: String,
    pub bron: String,
    pub tekst: String,
    pub scholen: Vec<usize>,
    pub waarden: Vec<(String, Dekking)>,
    /// Where the words are ambiguous: the reading Schakel chose.
    pub voorwaarde: Option<Voorwaarde>,
}

#[derive(Debug, Clone)]
pub struct Interpretatie {
    pub id: String,
    pub onderwerp: String,
    pub tekst: String,
}

impl Normenkader {
    /// A school by name, matched case-insensitively.
    pub fn school(&self, naam: &str) -> Option<usize> {
        let naam = naam.trim();
        self.scholen
            .iter()
            .position(|s| s.naam.eq_ignore_ascii_case(naam))
    }

    pub fn scholen_met(&self, arrangement: Arrangement) -> impl Iterator<Item = &School> {
        self.scholen
            .iter()
            .filter(move |s| s.arrangement == Some(arrangement))
    }

    pub fn product_bekend(&self, product: &str) -> bool {
        self.producten.iter().any(|(k, _)| k == product)
    }

    /// The calendar of a school, or the region's.
    pub fn kalender_voor(&self, school: Option<usize>) -> &Kalender {
        school.map_or(&self.kalender, |i| &self.school_kalenders[i])
    }

    pub(crate) fn bron_id(&self, b: BronRef) -> &str {
        match b {
            BronRef::Reikwijdte(i) => &self.reikwijdte[i].id,
            BronRef::ReikwijdteVoetnoot(i) => &self.reikwijdte_voetnoten[i].id,
            BronRef::JoaRegel(i) => &self.joa_regels[i].id,
            BronRef::Uitleg(u) => self.uitleg_id(u).unwrap_or(""),
        }
    }

    /// What the arrangement of school `i` covers: the OJA schema's column,
    /// or the JOA rules that name the group.
    pub(crate) fn bereken_reikwijdte(&self, i: usize) -> Option<SchoolReikwijdte> {
        let arrangement = self.scholen[i].arrangement?;
        let mut r = SchoolReikwijdte::default();
        for (rij_index, rij) in self.reikwijdte.iter().enumerate() {
            let (dekking, regel, voorwaarde) = match arrangement {
                Arrangement::Oja => {
                    r.bronnen.push(BronRef::Reikwijdte(rij_index));
                    let Some(d) = rij.waarden.iter().find(|(s, _)| *s == i).map(|(_, d)| *d) else {
                        continue;
                    };
                    (d, BronRef::Reikwijdte(rij_index), rij.voorwaarde.as_ref())
                }
                Arrangement::Joa => {
                    let Some((g_index, g, d)) = self.joa_cel(i, &rij.dienst) else {
                        continue;
                    };
                    if !r.bronnen.contains(&BronRef::JoaRegel(g_index)) {
                        r.bronnen.push(BronRef::JoaRegel(g_index));
                    }
                    // The cell's own qualifier belongs to the service; a
                    // group's own note to what it says about it.
                    (
                        d,
                        BronRef::JoaRegel(g_index),
                        g.voorwaarde.as_ref().or(rij.voorwaarde.as_ref()),
                    )
                }
            };
            r.diensten.push((rij_index, dekking));
            r.regels.push((rij_index, regel));
            if let Some(w) = voorwaarde {
                r.voorwaarden.push((rij_index, w.clone()));
            }
            // The schema's footnotes are about OJA schools; a JOA
            // group's cells come from the JOA rules, which have none.
            if arrangement == Arrangement::Oja
                && let Some(v) = rij.voetnoot.filter(|v| !r.voetnoten.contains(v))
            {
                r.voetnoten.push(v);
                r.bronnen.push(BronRef::ReikwijdteVoetnoot(v));
            }
        }
        if arrangement == Arrangement::Joa && self.uitleg_id(Uitleg::JoaReikwijdte).is_some() {
            r.bronnen.push(BronRef::Uitleg(Uitleg::JoaReikwijdte));
        }
        Some(r)
    }

    /// The JOA rule that says something about `dienst` at group `i`.
    fn joa_cel(&self, i: usize, dienst: &str) -> Option<(usize, &JoaRegel, Dekking)> {
        self.joa_regels
            .iter()
            .enumerate()
            .filter(|(_, g)| g.scholen.contains(&i))
            .find_map(|(g_index, g)| {
                let d = g.waarden.iter().find(|(k, _)| k == dienst)?.1;
                Some((g_index, g, d))
            })
    }

    /// The id of the interpretation that states an engine semantic.
    pub fn uitleg_id(&self, onderwerp: Uitleg) -> Option<&str> {
        self.uitleg[onderwerp as usize].map(|i| self.interpretaties[i].id.as_str())
    }

    pub fn interpretatie(&self, id: &str) -> Option<&Interpretatie> {
        self.interpretaties.iter().find(|i| i.id == id)
    }
}
