//! Several regions in one installation (issue 17.2–3). A region is data:
//! `data/regio/<code>/regio.toml` names its gemeenten (CBS codes) with
//! their school-holiday region, and the access route its gemeenten use;
//! its optional `normenkader/` holds its rule versions. The woonplaatsbeginsel
//! (Jeugdwet art. 1.1) decides whose rules apply to a jeugdige: the region of
//! the gemeente where the jeugdige lives, whatever school it attends.
//! [`Regios::kies`] makes that choice; a region without a normenkader
//! answers with [`GeenNormenkader`] (`"situatie": null` and the route of
//! that gemeente), never with another region's rules.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use schakel_domain::GemeenteCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::fout::{Bron, LaadFout, lees_bestand};
use crate::{AdviesVraag, InvoerFout, Regelset, ToetsVraag, Vakantieregio};

/// The access route a region's gemeenten use (seeds 000, 003).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regioroute {
    /// Seed 000: OJA schools with a hoofdaanbieder, no beschikking there.
    Oja,
    /// Seed 003: contact persons, triage, one integral plan, a
    /// casusregisseur and the expertpool.
    Ondersteuningsroute,
    /// A gemandateerde verwijzer refers; the gemeente decides with a
    /// beschikking.
    Regulier,
}

impl Regioroute {
    pub fn naam(self) -> &'static str {
        match self {
            Self::Oja => "oja",
            Self::Ondersteuningsroute => "ondersteuningsroute",
            Self::Regulier => "regulier",
        }
    }

    /// What the route means for a family, in B1 Dutch, for `gemeente`.
    pub fn uitleg(self, gemeente: &str) -> String {
        match self {
            Self::Oja => format!(
                "de OJA-route: op een school met een onderwijs-jeugdhulparrangement geeft de hoofdaanbieder jeugdhulp zonder beschikking; anders verwijst een gemandateerde verwijzer en beslist de gemeente {gemeente}"
            ),
            Self::Ondersteuningsroute => format!(
                "de ondersteuningsroute: de contactpersoon van school of wijkteam meldt de hulpvraag, na triage komt er één plan met een casusregisseur, en de gemeente {gemeente} beslist over jeugdhulp"
            ),
            Self::Regulier => format!(
                "de reguliere route: een gemandateerde verwijzer (huisarts, jeugdarts of wijkteam) verwijst, en de gemeente {gemeente} beslist met een beschikking"
            ),
        }
    }
}

/// One gemeente of a region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gemeente {
    /// CBS code, `GM` and four digits.
    pub code: String,
    pub naam: String,
    /// The school-holiday region of the gemeente's schools.
    pub kalenderregio: Vakantieregio,
}

/// One region: its gemeenten, route and (optional) normenkader.
#[derive(Debug, Clone)]
pub struct Regio {
    /// Lower-case key; the directory's name.
    pub code: String,
    pub naam: String,
    pub route: Regioroute,
    pub gemeenten: Vec<Gemeente>,
    /// None: the region has no normenkader in Schakel.
    pub regels: Option<Regelset>,
}

impl Regio {
    pub fn gemeente(&self, code: &str) -> Option<&Gemeente> {
        self.gemeenten.iter().find(|g| g.code == code)
    }
}

/// What advice and toets say for a gemeente whose region has no
/// normenkader: no situation, and the route the family takes there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GeenNormenkader {
    /// Always null: no rule of any region applies.
    pub situatie: Option<()>,
    /// None: asked for a region (a user's own) without a gemeente.
    pub gemeente: Option<String>,
    pub regio: String,
    pub route: Regioroute,
    pub toelichting: String,
}

/// Whose rules apply.
#[derive(Debug, Clone, Copy)]
pub enum Keuze<'a> {
    Regels(&'a Regio, &'a Regelset),
    /// No normenkader: the region, and the gemeente when one was named.
    Geen(&'a Regio, Option<&'a Gemeente>),
}

impl<'a> Keuze<'a> {
    pub fn regio(&self) -> &'a Regio {
        match self {
            Self::Regels(r, _) | Self::Geen(r, _) => r,
        }
    }

    pub fn regels(&self) -> Option<&'a Regelset> {
        match self {
            Self::Regels(_, r) => Some(r),
            Self::Geen(..) => None,
        }
    }

    /// The answer without rules; None when the region has rules.
    pub fn zonder_regels(&self) -> Option<GeenNormenkader> {
        let Self::Geen(regio, g) = self else {
            return None;
        };
        let toelichting = match g {
            Some(g) => format!(
                "{} hoort bij regio {}, die geen normenkader in Schakel heeft. Er gelden geen regels van een andere regio. Voor een jeugdige die in {} woont geldt {}.",
                g.naam,
                regio.naam,
                g.naam,
                regio.route.uitleg(&g.naam)
            ),
            None => format!(
                "Regio {} heeft geen normenkader in Schakel. Er gelden geen regels van een andere regio. Voor een jeugdige die in deze regio woont geldt {}.",
                regio.naam,
                regio.route.uitleg("waar de jeugdige woont")
            ),
        };
        Some(GeenNormenkader {
            situatie: None,
            gemeente: g.map(|g| g.code.clone()),
            regio: regio.code.clone(),
            route: regio.route,
            toelichting,
        })
    }
}

/// Every region of an installation.
#[derive(Debug, Clone)]
pub struct Regios {
    regios: Vec<Regio>,
    /// Gemeente code → index in `regios`.
    per_gemeente: HashMap<String, usize>,
    /// The region for questions without a gemeente or a user's own
    /// region (`--regio`, or the only region); None with several regions
    /// and no choice.
    standaard: Option<usize>,
}

/// `regio.toml` as written (see `data/schema/regio.schema.json`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Regiobestand {
    code: toml::Spanned<String>,
    naam: String,
    route: Regioroute,
    #[serde(rename = "gemeente")]
    gemeenten: Vec<Gemeentebestand>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Gemeentebestand {
    code: toml::Spanned<String>,
    naam: String,
    kalenderregio: toml::Spanned<String>,
}

impl Regios {
    /// Loads every `data/regio/*/regio.toml`, each region's normenkader
    /// when it has a `normenkader/` directory. `standaard` names the region
    /// for questions that give no gemeente; it must have a normenkader.
    /// Without it, a single region with a normenkader is the default, and
    /// several regions have none.
    pub fn laad(data: &Path, standaard: Option<&str>) -> Result<Self, LaadFout> {
        let map = data.join("regio");
        let mut regios = Vec::new();
        for pad in submappen(&map)? {
            regios.push(laad_regio(data, &pad)?);
        }
        Self::uit(regios, standaard, &map)
    }

    /// A registry from regions built in memory (tests, one-region set-ups).
    pub fn uit(regios: Vec<Regio>, standaard: Option<&str>, map: &Path) -> Result<Self, LaadFout> {
        let fout = |melding: String| LaadFout {
            bestand: map.to_path_buf(),
            regel: None,
            melding,
        };
        let mut per_gemeente = HashMap::new();
        for (i, r) in regios.iter().enumerate() {
            for g in &r.gemeenten {
                if let Some(j) = per_gemeente.insert(g.code.clone(), i) {
                    return Err(fout(format!(
                        "gemeente {} hoort bij twee regio's ({} en {}); een gemeente hoort bij één regio",
                        g.code, regios[j].code, r.code
                    )));
                }
            }
        }
        let standaard = match standaard {
            None => (regios.len() == 1 && regios[0].regels.is_some()).then_some(0),
            Some(code) => Some(
                regios
                    .iter()
                    .position(|r| r.code == code && r.regels.is_some())
                    .ok_or_else(|| {
                        fout(format!(
                            "regio '{code}' bestaat niet of heeft geen normenkader; regio's met een normenkader: {}",
                            met_normenkader(&regios)
                        ))
                    })?,
            ),
        };
        Ok(Self {
            regios,
            per_gemeente,
            standaard,
        })
    }

    /// One region with rules and no gemeenten, named after its rules:
    /// what a test or a single region's set-up gives [`Regelset`] alone.
    pub fn enkel(regels: Regelset) -> Self {
        let code = regels.kaders()[0].regio.clone();
        Self {
            regios: vec![Regio {
                code: code.clone(),
                naam: code,
                route: Regioroute::Oja,
                gemeenten: Vec::new(),
                regels: Some(regels),
            }],
            per_gemeente: HashMap::new(),
            standaard: Some(0),
        }
    }

    pub fn alle(&self) -> &[Regio] {
        &self.regios
    }

    pub fn regio(&self, code: &str) -> Option<&Regio> {
        self.regios.iter().find(|r| r.code == code)
    }

    /// The region for questions without a gemeente; None when there are
    /// several and none was chosen.
    pub fn standaard(&self) -> Option<&Regio> {
        self.standaard.map(|i| &self.regios[i])
    }

    /// The default region's rules (a default always has them).
    pub fn standaard_regels(&self) -> Option<&Regelset> {
        self.standaard().and_then(|r| r.regels.as_ref())
    }

    /// The default region's rules, or an input error naming `veld` and
    /// `--regio` with the codes to choose from (several regions, none
    /// chosen).
    pub fn eis_standaard(&self, veld: &str) -> Result<(&Regio, &Regelset), InvoerFout> {
        self.standaard()
            .and_then(|r| Some((r, r.regels.as_ref()?)))
            .ok_or_else(|| {
                InvoerFout::new(
                    veld,
                    format!(
                        "geef de gemeente waar de jeugdige woont (CBS-code zoals GM0034): deze installatie heeft meerdere regio's en geen standaardregio; regio's met een normenkader: {}",
                        met_normenkader(&self.regios)
                    ),
                )
            })
    }

    /// The region a gemeente (CBS code, `GM0034` or `0034`) belongs to.
    pub fn voor_gemeente(&self, code: &str) -> Option<&Regio> {
        let code = GemeenteCode::parse(code).ok()?.cbs();
        self.per_gemeente.get(&code).map(|&i| &self.regios[i])
    }

    /// Whose rules apply to a jeugdige living in `gemeente`; `None`: the
    /// default region's. An unknown or malformed code is an input error
    /// naming `veld` and the gemeenten this installation knows.
    pub fn kies(&self, gemeente: Option<&str>, veld: &str) -> Result<Keuze<'_>, InvoerFout> {
        self.kies_in(gemeente, None, veld)
    }

    /// As [`Self::kies`], but without a gemeente the region `eigen` (a
    /// user's own organisation's region) decides before the default.
    pub fn kies_in<'a>(
        &'a self,
        gemeente: Option<&str>,
        eigen: Option<&'a Regio>,
        veld: &str,
    ) -> Result<Keuze<'a>, InvoerFout> {
        let Some(tekst) = gemeente else {
            if let Some(r) = eigen {
                return Ok(match &r.regels {
                    Some(regels) => Keuze::Regels(r, regels),
                    None => Keuze::Geen(r, None),
                });
            }
            let (r, regels) = self.eis_standaard(veld)?;
            return Ok(Keuze::Regels(r, regels));
        };
        let code = GemeenteCode::parse(tekst)
            .map_err(|e| InvoerFout::new(veld, e.to_string()))?
            .cbs();
        let Some(&i) = self.per_gemeente.get(&code) else {
            return Err(InvoerFout::new(
                veld,
                format!(
                    "gemeente {code} hoort bij geen regio van deze installatie; toegestaan: {}",
                    self.gemeentelijst()
                ),
            ));
        };
        let regio = &self.regios[i];
        Ok(match &regio.regels {
            Some(regels) => Keuze::Regels(regio, regels),
            None => Keuze::Geen(regio, regio.gemeente(&code)),
        })
    }

    fn gemeentelijst(&self) -> String {
        let mut alle: Vec<_> = self
            .regios
            .iter()
            .flat_map(|r| &r.gemeenten)
            .map(|g| format!("{} ({})", g.code, g.naam))
            .collect();
        alle.sort();
        alle.join(", ")
    }

    /// `schakel advies` and `POST /normenkader/adviezen`: the advice input
    /// with an optional `"gemeente"` that picks the region.
    pub fn advies_json(&self, invoer: &Value, vandaag: NaiveDate) -> Result<Value, InvoerFout> {
        self.advies_json_in(invoer, None, vandaag)
    }

    /// The advice; without a gemeente, `eigen`'s rules (see [`Self::kies_in`]).
    pub fn advies_json_in(
        &self,
        invoer: &Value,
        eigen: Option<&Regio>,
        vandaag: NaiveDate,
    ) -> Result<Value, InvoerFout> {
        let (gemeente, rest) = zonder_gemeente(invoer)?;
        let keuze = self.kies_in(gemeente.as_deref(), eigen, "gemeente")?;
        Self::advies_met(keuze, &rest, vandaag)
    }

    /// The advice by the rules `keuze` names (a jeugdige's region), for an
    /// input without `"gemeente"`.
    pub fn advies_met(
        keuze: Keuze<'_>,
        rest: &Value,
        vandaag: NaiveDate,
    ) -> Result<Value, InvoerFout> {
        let Some(regels) = keuze.regels() else {
            return Ok(als_json(&keuze.zonder_regels()));
        };
        let vraag = AdviesVraag::uit_json(rest, vandaag, regels.situaties())?;
        Ok(als_json(&regels.advies(&vraag)?))
    }

    /// `schakel toets` and `POST /normenkader/toetsingen`, likewise.
    pub fn toets_json(&self, invoer: &Value, vandaag: NaiveDate) -> Result<Value, InvoerFout> {
        self.toets_json_in(invoer, None, vandaag)
    }

    /// The check; without a gemeente, `eigen`'s rules.
    pub fn toets_json_in(
        &self,
        invoer: &Value,
        eigen: Option<&Regio>,
        vandaag: NaiveDate,
    ) -> Result<Value, InvoerFout> {
        let (gemeente, rest) = zonder_gemeente(invoer)?;
        let keuze = self.kies_in(gemeente.as_deref(), eigen, "gemeente")?;
        Self::toets_met(keuze, &rest, vandaag)
    }

    /// The check by the rules `keuze` names, likewise.
    pub fn toets_met(
        keuze: Keuze<'_>,
        rest: &Value,
        vandaag: NaiveDate,
    ) -> Result<Value, InvoerFout> {
        let Some(regels) = keuze.regels() else {
            return Ok(als_json(&keuze.zonder_regels()));
        };
        let vraag = ToetsVraag::uit_json(rest, vandaag, regels.situaties())?;
        Ok(als_json(&regels.toets(&vraag)?))
    }

    /// Each region's rule fingerprint (None: no normenkader), by code.
    pub fn vingerafdrukken(&self) -> Vec<(&str, Option<&str>)> {
        self.regios
            .iter()
            .map(|r| {
                (
                    r.code.as_str(),
                    r.regels.as_ref().and_then(Regelset::vingerafdruk),
                )
            })
            .collect()
    }
}

/// The codes of the regions with a normenkader, comma-separated.
fn met_normenkader(regios: &[Regio]) -> String {
    regios
        .iter()
        .filter(|r| r.regels.is_some())
        .map(|r| r.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn als_json<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

/// Splits `"gemeente"` off an input object.
fn zonder_gemeente(invoer: &Value) -> Result<(Option<String>, Value), InvoerFout> {
    let mut rest = invoer.clone();
    let gemeente = match rest.as_object_mut().and_then(|m| m.remove("gemeente")) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(_) => {
            return Err(InvoerFout::new(
                "gemeente",
                "verwacht een CBS-gemeentecode zoals GM0034",
            ));
        }
    };
    Ok((gemeente, rest))
}

/// The region directories under `map`, sorted.
fn submappen(map: &Path) -> Result<Vec<PathBuf>, LaadFout> {
    let lees_fout = |e: std::io::Error| LaadFout {
        bestand: map.to_path_buf(),
        regel: None,
        melding: format!("kan map niet lezen: {e}"),
    };
    let mut uit = Vec::new();
    for e in std::fs::read_dir(map).map_err(lees_fout)? {
        let pad = e.map_err(lees_fout)?.path();
        if pad.is_dir() {
            uit.push(pad);
        }
    }
    uit.sort();
    Ok(uit)
}

fn laad_regio(data: &Path, map: &Path) -> Result<Regio, LaadFout> {
    let pad = map.join("regio.toml");
    let tekst = lees_bestand(&pad)?;
    let bron = Bron {
        pad: &pad,
        tekst: &tekst,
    };
    let b: Regiobestand = bron.parse()?;
    let mapnaam = map
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if *b.code.get_ref() != mapnaam {
        return Err(bron.fout_bij(
            &b.code,
            format!(
                "code '{}' moet gelijk zijn aan de mapnaam '{mapnaam}'",
                b.code.get_ref()
            ),
        ));
    }
    if b.gemeenten.is_empty() {
        return Err(bron.fout(None, "een regio heeft ten minste één [[gemeente]]"));
    }
    let mut gemeenten = Vec::new();
    for g in b.gemeenten {
        let code = GemeenteCode::parse(g.code.get_ref())
            .ok()
            .filter(|c| c.cbs() == *g.code.get_ref())
            .ok_or_else(|| {
                bron.fout_bij(&g.code, "verwacht een CBS-gemeentecode: GM en vier cijfers")
            })?
            .cbs();
        if gemeenten.iter().any(|x: &Gemeente| x.code == code) {
            return Err(bron.fout_bij(&g.code, format!("gemeente {code} staat er twee keer in")));
        }
        let kalenderregio = Vakantieregio::parse(g.kalenderregio.get_ref())
            .ok_or_else(|| bron.fout_bij(&g.kalenderregio, "toegestaan: noord | midden | zuid"))?;
        gemeenten.push(Gemeente {
            code,
            naam: g.naam,
            kalenderregio,
        });
    }
    let regels = if map.join("normenkader").is_dir() {
        Some(Regelset::laad(data, &mapnaam)?)
    } else {
        None
    };
    Ok(Regio {
        code: mapnaam,
        naam: b.naam,
        route: b.route,
        gemeenten,
        regels,
    })
}

impl From<Regelset> for Regios {
    fn from(regels: Regelset) -> Self {
        Self::enkel(regels)
    }
}
