//! The on-disk schema of a normenkader file. Fields that validation may
//! reject are `Spanned`, so the error names the line.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use crate::ijw::{Eenheid, Per};
use crate::kalender::VakantieRegel;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NormenkaderBestand {
    pub versie: Spanned<String>,
    pub geldig_vanaf: Spanned<Datetime>,
    pub regio: Spanned<String>,
    pub titel: String,
    pub bron: Option<String>,
    pub vakantieregio: Spanned<String>,
    pub producten: Spanned<BTreeMap<String, String>>,
    pub situatie: Spanned<Vec<SituatieBestand>>,
    #[serde(default)]
    pub school: Vec<SchoolBestand>,
    #[serde(default)]
    pub voetnoot: Vec<VoetnootBestand>,
    #[serde(default)]
    pub rij: Vec<RijBestand>,
    #[serde(default)]
    pub reikwijdte: Vec<ReikwijdteBestand>,
    #[serde(default)]
    pub reikwijdte_voetnoot: Vec<VoetnootBestand>,
    #[serde(default)]
    pub joa_regel: Vec<JoaRegelBestand>,
    #[serde(default)]
    pub interpretatie: Vec<InterpretatieBestand>,
}

/// `[[situatie]]`: a situation the region's rows are for, with its label.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SituatieBestand {
    pub sleutel: Spanned<String>,
    pub naam: Spanned<String>,
    pub omschrijving: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SchoolBestand {
    pub naam: Spanned<String>,
    pub soort: Option<String>,
    pub arrangement: Option<Spanned<String>>,
    #[serde(default)]
    pub joa_groepen: Vec<Spanned<String>>,
    pub locatie: Option<String>,
    pub plaats: Option<String>,
    pub vakantieregio: Option<Spanned<String>>,
    pub bron: Option<String>,
    /// Holidays where this school deviates from its region.
    #[serde(default)]
    pub afwijking: Vec<VakantieRegel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VoetnootBestand {
    pub teken: Spanned<String>,
    pub id: Spanned<String>,
    pub bron: Option<String>,
    pub tekst: String,
    pub toelichting: String,
    #[serde(default)]
    pub voorwaarde_voor: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct GrensBestand {
    pub vanaf: Option<u32>,
    pub tot: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RijBestand {
    pub id: Spanned<String>,
    pub situatie: Spanned<String>,
    pub bron: Option<String>,
    #[serde(default)]
    pub tekst: String,
    pub leeftijd: Option<Spanned<GrensBestand>>,
    #[serde(default)]
    pub tlv_vereist: bool,
    /// Dagdelen per week at school for which the row holds.
    pub schooldagdelen: Option<Spanned<GrensBestand>>,
    pub arrangement: Option<Spanned<String>>,
    #[serde(default)]
    pub waarschuw_bij_oja_school: bool,
    pub kalender_school: Option<Spanned<String>>,
    pub beschikking_nodig: bool,
    pub regie: Option<String>,
    #[serde(default)]
    pub interpretaties: Vec<Spanned<String>>,
    #[serde(default)]
    pub voetnoten: Vec<Spanned<String>>,
    #[serde(default)]
    pub toelichting: Vec<String>,
    #[serde(default)]
    pub verplichting: Vec<VerplichtingBestand>,
    #[serde(default)]
    pub optie: Vec<OptieBestand>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OptieBestand {
    pub id: Spanned<String>,
    pub omschrijving: String,
    pub programma: Option<String>,
    pub bron: Option<String>,
    #[serde(default)]
    pub tekst: String,
    pub leeftijd: Option<Spanned<GrensBestand>>,
    pub periode: Spanned<PeriodeBestand>,
    #[serde(default)]
    pub voetnoten: Vec<Spanned<String>>,
    #[serde(default)]
    pub toelichting: Vec<String>,
    pub inzet: Vec<InzetBestand>,
    pub gespaard: Option<Spanned<GespaardBestand>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GespaardBestand {
    pub max_per_schoolweek: u32,
    pub tekst: String,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(tag = "soort", rename_all = "lowercase")]
pub(super) enum PeriodeBestand {
    Schooljaar,
    Maanden {
        aantal: u32,
        #[serde(default)]
        na_maanden: u32,
    },
    Weken {
        aantal: u32,
    },
    Kalenderjaar,
    Onbepaald,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct InzetBestand {
    pub product: Spanned<String>,
    pub min: Option<u32>,
    pub max: Spanned<u32>,
    pub eenheid: Eenheid,
    pub per: Per,
    #[serde(default)]
    pub naar_rato: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VerplichtingBestand {
    pub id: Spanned<String>,
    pub wat: String,
    pub bron: Option<String>,
    #[serde(default)]
    pub tekst: String,
    pub termijn_maanden: Spanned<u32>,
    pub herhalen_tot_maanden: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ReikwijdteBestand {
    pub dienst: Spanned<String>,
    pub omschrijving: String,
    pub bron: Option<String>,
    pub waarden: BTreeMap<String, Spanned<String>>,
    pub voetnoot: Option<Spanned<String>>,
    pub voorwaarde: Option<VoorwaardeBestand>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VoorwaardeBestand {
    pub tekst: String,
    pub voorwaarde: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct JoaRegelBestand {
    pub id: Spanned<String>,
    pub bron: Option<String>,
    #[serde(default)]
    pub tekst: String,
    pub scholen: Vec<Spanned<String>>,
    pub waarden: BTreeMap<String, Spanned<String>>,
    pub voorwaarde: Option<VoorwaardeBestand>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct InterpretatieBestand {
    pub id: Spanned<String>,
    pub onderwerp: String,
    pub tekst: String,
}
