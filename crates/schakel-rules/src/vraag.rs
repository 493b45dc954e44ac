//! The JSON contract's inputs, parsed into types that cannot hold invalid
//! values. Every rejection names the field and what is allowed.

use chrono::NaiveDate;
use schakel_domain::grens::Datumsoort;
use schakel_domain::grens::nl_datum;
use serde_json::{Map, Value};

use crate::datum::parse_datum;
use crate::fout::InvoerFout;
use crate::hoeveelheid::Hoeveelheid;
use crate::ijw::{Eenheid, Per};
use crate::situatie::{Situatie, Situaties};

/// Dagdelen in a school week (5 days, Wednesday afternoon free).
pub const DAGDELEN_PER_SCHOOLWEEK: u8 = 9;

/// "What may be referred for this child?"
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdviesVraag {
    pub geboortedatum: NaiveDate,
    pub peildatum: NaiveDate,
    pub situatie: Situatie,
    /// As the caller wrote it; resolved against the normenkader's schools.
    pub school: Option<String>,
    pub tlv: bool,
    /// Dagdelen per week the child still attends school (0–9).
    pub schooldagdelen: u8,
}

/// A proposed referral, to be checked against the norms.
#[derive(Debug, Clone, PartialEq)]
pub struct Verwijzing {
    pub product: String,
    pub volume: Hoeveelheid,
    pub eenheid: Eenheid,
    pub per: Per,
    pub ingangsdatum: NaiveDate,
    pub einddatum: NaiveDate,
    /// For a pupil of an OJA school or JOA group: the service of the
    /// reikwijdte the referral is for (`jggz`, …); checked against the
    /// normenkader's services.
    pub dienst: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ToetsVraag {
    pub situatie: AdviesVraag,
    pub verwijzing: Verwijzing,
    /// Whether the provider has an interventie-afspraak with the gemeente
    /// that holds on the referral's start (seed 004, footnote ***), when
    /// the caller knows: the region's set-up records them. Unknown (the
    /// CLI, the public check) reports the condition as a finding only.
    pub interventie_afspraak: Option<bool>,
}

/// Parses JSON text; a syntax error names line and column.
pub fn parse_json(tekst: &str) -> Result<Value, InvoerFout> {
    serde_json::from_str(tekst).map_err(|e| {
        InvoerFout::new(
            "invoer",
            format!(
                "geen geldige JSON (regel {}, kolom {}): {e}; verwacht een JSON-object",
                e.line(),
                e.column()
            ),
        )
    })
}

/// A JSON object whose keys are checked against the allowed ones, so a typo
/// such as `peildatun` is refused instead of silently defaulted.
struct Velden<'a> {
    map: &'a Map<String, Value>,
}

impl<'a> Velden<'a> {
    fn new(waarde: &'a Value, naam: &str, toegestaan: &[&str]) -> Result<Self, InvoerFout> {
        let map = waarde.as_object().ok_or_else(|| {
            InvoerFout::new(
                naam,
                format!(
                    "verwacht een JSON-object met velden {}",
                    toegestaan.join(", ")
                ),
            )
        })?;
        if let Some(onbekend) = map.keys().find(|k| !toegestaan.contains(&k.as_str())) {
            return Err(InvoerFout::new(
                onbekend.as_str(),
                format!("onbekend veld; toegestaan: {}", toegestaan.join(", ")),
            ));
        }
        Ok(Self { map })
    }

    /// Absent and `null` both count as not given.
    fn waarde(&self, veld: &str) -> Option<&'a Value> {
        self.map.get(veld).filter(|v| !v.is_null())
    }

    fn verplicht(&self, veld: &str, verwacht: &str) -> Result<&'a Value, InvoerFout> {
        self.waarde(veld).ok_or_else(|| {
            InvoerFout::new(
                veld,
                format!("verplicht veld ontbreekt; verwacht {verwacht}"),
            )
        })
    }

    fn tekst(&self, veld: &str, verwacht: &str) -> Result<Option<&'a str>, InvoerFout> {
        match self.waarde(veld) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(InvoerFout::new(
                veld,
                format!("verwacht een tekst: {verwacht}"),
            )),
        }
    }

    fn verplichte_tekst(&self, veld: &str, verwacht: &str) -> Result<&'a str, InvoerFout> {
        self.verplicht(veld, verwacht)?;
        self.tekst(veld, verwacht).map(|t| t.unwrap_or_default())
    }

    /// A date in the range for its kind (`schakel_domain::grens`): a
    /// geboortedatum from 1990 up to today, any other 2000..=2100.
    fn datum(&self, veld: &str) -> Result<Option<NaiveDate>, InvoerFout> {
        let soort = if veld == "geboortedatum" {
            Datumsoort::Geboortedatum
        } else {
            Datumsoort::Periode
        };
        match self.tekst(veld, "een datum JJJJ-MM-DD")? {
            None => Ok(None),
            Some(s) => parse_datum(s)
                .ok_or_else(|| InvoerFout::new(veld, format!("'{s}' is geen bestaande datum; verwacht JJJJ-MM-DD, bijvoorbeeld 2026-11-23")))
                .and_then(|d| soort.controleer(d).map_err(|m| InvoerFout::new(veld, m)))
                .map(Some),
        }
    }

    fn verplichte_datum(&self, veld: &str) -> Result<NaiveDate, InvoerFout> {
        self.verplicht(veld, "een datum JJJJ-MM-DD")?;
        self.datum(veld).map(|d| d.unwrap_or_default())
    }

    fn keuze<T>(
        &self,
        veld: &str,
        parse: impl Fn(&str) -> Option<T>,
        toegestaan: &str,
    ) -> Result<T, InvoerFout> {
        let s = self.verplichte_tekst(veld, &format!("een van {toegestaan}"))?;
        parse(s).ok_or_else(|| {
            InvoerFout::new(
                veld,
                format!("onbekende waarde '{s}'; toegestaan: {toegestaan}"),
            )
        })
    }
}

impl AdviesVraag {
    pub const VELDEN: [&'static str; 6] = [
        "geboortedatum",
        "peildatum",
        "onderwijssituatie",
        "school",
        "tlv",
        "schooldagdelen",
    ];

    /// `vandaag` is the default peildatum; `situaties` the rule set's
    /// ([`crate::Regelset::situaties`]).
    pub fn uit_json(
        waarde: &Value,
        vandaag: NaiveDate,
        situaties: &Situaties,
    ) -> Result<Self, InvoerFout> {
        let v = Velden::new(waarde, "invoer", &Self::VELDEN)?;
        let geboortedatum = v.verplichte_datum("geboortedatum")?;
        let situatie = v.keuze(
            "onderwijssituatie",
            |s| situaties.parse(s),
            &situaties.toegestaan(),
        )?;
        let peildatum = v.datum("peildatum")?.unwrap_or(vandaag);
        if peildatum < geboortedatum {
            return Err(InvoerFout::new(
                "peildatum",
                format!(
                    "{} ligt vóór de geboortedatum {}; toegestaan: een datum op of na de geboortedatum",
                    nl_datum(peildatum),
                    nl_datum(geboortedatum)
                ),
            ));
        }
        let school = v
            .tekst("school", "de naam van de school")?
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from);
        let tlv = match v.waarde("tlv") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(InvoerFout::new("tlv", "verwacht true of false")),
        };
        let schooldagdelen = match v.waarde("schooldagdelen") {
            None => 0,
            Some(w) => w
                .as_u64()
                .filter(|n| *n <= u64::from(DAGDELEN_PER_SCHOOLWEEK))
                .map(|n| n as u8)
                .ok_or_else(|| InvoerFout::new("schooldagdelen", format!("verwacht een heel getal van 0 tot en met {DAGDELEN_PER_SCHOOLWEEK}, niet {w}")))?,
        };
        Ok(Self {
            geboortedatum,
            peildatum,
            situatie,
            school,
            tlv,
            schooldagdelen,
        })
    }
}

impl Verwijzing {
    pub const VELDEN: [&'static str; 7] = [
        "product",
        "volume",
        "eenheid",
        "per",
        "ingangsdatum",
        "einddatum",
        "dienst",
    ];

    pub fn uit_json(waarde: &Value) -> Result<Self, InvoerFout> {
        let v = Velden::new(waarde, "invoer", &Self::VELDEN)?;
        let product = v
            .verplichte_tekst(
                "product",
                "een productcode zoals begeleiding_individueel_basis",
            )?
            .trim()
            .to_string();
        const VOLUME: &str = "een getal groter dan 0 met ten hoogste twee decimalen";
        let volume = v
            .verplicht("volume", VOLUME)?
            .as_f64()
            .and_then(Hoeveelheid::uit_getal)
            .filter(|h| h.is_positief())
            .ok_or_else(|| InvoerFout::new("volume", format!("verwacht {VOLUME}")))?;
        let eenheid = v.keuze("eenheid", Eenheid::parse, "uur | dagdeel")?;
        let per = v.keuze("per", Per::parse, "week | totaal")?;
        let ingangsdatum = v.verplichte_datum("ingangsdatum")?;
        let einddatum = v.verplichte_datum("einddatum")?;
        if einddatum < ingangsdatum {
            return Err(InvoerFout::new(
                "einddatum",
                format!(
                    "{} ligt vóór de ingangsdatum {}; toegestaan: een datum op of na de ingangsdatum",
                    nl_datum(einddatum),
                    nl_datum(ingangsdatum)
                ),
            ));
        }
        let dienst = v
            .tekst("dienst", "een dienst uit de reikwijdte, zoals jggz")?
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty());
        Ok(Self {
            product,
            volume,
            eenheid,
            per,
            ingangsdatum,
            einddatum,
            dienst,
        })
    }
}

impl ToetsVraag {
    pub fn uit_json(
        waarde: &Value,
        vandaag: NaiveDate,
        situaties: &Situaties,
    ) -> Result<Self, InvoerFout> {
        let v = Velden::new(waarde, "invoer", &["situatie", "verwijzing"])?;
        let situatie = AdviesVraag::uit_json(
            v.verplicht("situatie", "een advies-invoerobject")?,
            vandaag,
            situaties,
        )
        .map_err(|e| e.onder("situatie"))?;
        let verwijzing = Verwijzing::uit_json(v.verplicht("verwijzing", "een verwijzingsobject")?)
            .map_err(|e| e.onder("verwijzing"))?;
        Ok(Self {
            situatie,
            verwijzing,
            interventie_afspraak: None,
        })
    }
}
