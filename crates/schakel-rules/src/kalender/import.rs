//! Importer for the Rijksoverheid open-data school-holiday feed
//! (`…/infotypes/schoolholidays/schoolyear/<jaar>?output=json`), so later
//! years are loaded rather than typed.
//!
//! Shape: `content[].schoolyear`, `content[].vacations[]` with `type` and
//! `compulsorydates`, then `regions[]` with `region` (noord / midden / zuid /
//! "heel Nederland"), `startdate` and `enddate`. The feed writes dates as UTC
//! timestamps of Dutch midnight (`2025-12-19T23:00:00.000Z` is 20 December),
//! so they are converted to Europe/Amsterdam before taking the date.

use chrono::{DateTime, NaiveDate};
use chrono_tz::Europe::Amsterdam;
use serde::{Deserialize, Serialize};

use crate::datum::{Periode, Schooljaar, parse_datum};
use crate::kalender::{Vakantie, VakantieSoort, Vakantieregio};

#[derive(Debug, thiserror::Error)]
#[error("{plaats}: {melding}")]
pub struct ImportFout {
    /// JSON path of the problem, e.g. `content[0].vacations[2].regions[1].startdate`.
    pub plaats: String,
    pub melding: String,
}

fn fout(plaats: impl Into<String>, melding: impl Into<String>) -> ImportFout {
    ImportFout {
        plaats: plaats.into(),
        melding: melding.into(),
    }
}

/// One imported school year, ready to be written as a calendar data file.
#[derive(Debug, Clone)]
pub struct KalenderJaar {
    pub schooljaar: Schooljaar,
    pub bron: String,
    pub vakanties: Vec<Vakantie>,
    /// Feed entries that were skipped, with the reason.
    pub waarschuwingen: Vec<String>,
}

#[derive(Deserialize)]
struct Feed {
    content: Vec<FeedJaar>,
}

#[derive(Deserialize)]
struct FeedJaar {
    schoolyear: String,
    #[serde(default)]
    vacations: Vec<FeedVakantie>,
}

#[derive(Deserialize)]
struct FeedVakantie {
    #[serde(rename = "type")]
    soort: String,
    #[serde(default)]
    regions: Vec<FeedRegio>,
}

#[derive(Deserialize)]
struct FeedRegio {
    region: String,
    startdate: String,
    enddate: String,
}

/// Parses the feed; `bron` says where it came from (URL or file) and is
/// written into the data file.
pub fn importeer_rijksoverheid(json: &str, bron: &str) -> Result<Vec<KalenderJaar>, ImportFout> {
    let feed: Feed = serde_json::from_str(json).map_err(|e| {
        fout(
            format!("regel {} kolom {}", e.line(), e.column()),
            format!("geen geldig schoolvakantie-JSON: {e}"),
        )
    })?;
    if feed.content.is_empty() {
        return Err(fout("content", "bevat geen schooljaar"));
    }
    feed.content
        .iter()
        .enumerate()
        .map(|(i, jaar)| importeer_jaar(jaar, &format!("content[{i}]"), bron))
        .collect()
}

fn importeer_jaar(jaar: &FeedJaar, plaats: &str, bron: &str) -> Result<KalenderJaar, ImportFout> {
    let schooljaar = Schooljaar::parse(&jaar.schoolyear).ok_or_else(|| {
        fout(
            format!("{plaats}.schoolyear"),
            format!(
                "'{}' is geen schooljaar zoals 2026-2027",
                jaar.schoolyear.trim()
            ),
        )
    })?;
    let mut vakanties = Vec::new();
    let mut waarschuwingen = Vec::new();
    for (j, v) in jaar.vacations.iter().enumerate() {
        let plaats = format!("{plaats}.vacations[{j}]");
        let Some(soort) = VakantieSoort::uit_feednaam(&v.soort) else {
            waarschuwingen.push(format!(
                "{plaats}: vakantie '{}' overgeslagen (geen herfst, kerst, voorjaar, mei of zomer)",
                v.soort.trim()
            ));
            continue;
        };
        for (k, r) in v.regions.iter().enumerate() {
            let plaats = format!("{plaats}.regions[{k}]");
            let periode = Periode::new(
                feed_datum(&r.startdate).ok_or_else(|| {
                    fout(
                        format!("{plaats}.startdate"),
                        format!("'{}' is geen datum", r.startdate),
                    )
                })?,
                feed_datum(&r.enddate).ok_or_else(|| {
                    fout(
                        format!("{plaats}.enddate"),
                        format!("'{}' is geen datum", r.enddate),
                    )
                })?,
            )
            .ok_or_else(|| {
                fout(
                    format!("{plaats}.enddate"),
                    "einddatum ligt vóór startdatum",
                )
            })?;
            for regio in feed_regios(&r.region).ok_or_else(|| {
                fout(
                    format!("{plaats}.region"),
                    format!(
                        "onbekende regio '{}': noord, midden, zuid of heel Nederland",
                        r.region.trim()
                    ),
                )
            })? {
                vakanties.push(Vakantie {
                    soort,
                    regio,
                    schooljaar,
                    periode,
                    geverifieerd: true,
                });
            }
        }
    }
    Ok(KalenderJaar {
        schooljaar,
        bron: format!("Rijksoverheid open data, schoolholidays/schoolyear/{schooljaar}: {bron}"),
        vakanties,
        waarschuwingen,
    })
}

fn feed_regios(naam: &str) -> Option<Vec<Vakantieregio>> {
    let naam = naam.trim().to_lowercase();
    if naam == "heel nederland" {
        return Some(Vakantieregio::ALLE.to_vec());
    }
    Vakantieregio::parse(&naam).map(|r| vec![r])
}

fn feed_datum(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    parse_datum(s).or_else(|| {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| t.with_timezone(&Amsterdam).date_naive())
    })
}

#[derive(Serialize)]
struct Uitvoer<'a> {
    schooljaar: String,
    bron: &'a str,
    vakantie: Vec<UitvoerVakantie>,
}

#[derive(Serialize)]
struct UitvoerVakantie {
    soort: &'static str,
    regio: &'static str,
    van: toml::value::Datetime,
    tot: toml::value::Datetime,
}

fn toml_datum(d: NaiveDate) -> toml::value::Datetime {
    use chrono::Datelike;
    toml::value::Datetime {
        date: Some(toml::value::Date {
            year: d.year() as u16,
            month: d.month() as u8,
            day: d.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

impl KalenderJaar {
    /// The calendar data file for this school year, in the format
    /// `Schoolkalender::laad` reads.
    pub fn naar_toml(&self) -> Result<String, toml::ser::Error> {
        let mut vakanties = self.vakanties.clone();
        vakanties.sort_by_key(|v| (v.soort, v.regio));
        let uitvoer = Uitvoer {
            schooljaar: self.schooljaar.to_string(),
            bron: &self.bron,
            vakantie: vakanties
                .iter()
                .map(|v| UitvoerVakantie {
                    soort: v.soort.naam(),
                    regio: v.regio.naam(),
                    van: toml_datum(v.periode.van),
                    tot: toml_datum(v.periode.tot),
                })
                .collect(),
        };
        let kop = format!(
            "# Schoolvakanties {} — imported by `schakel kalender importeer`; do not edit by hand,\n# import the feed again instead.\n",
            self.schooljaar
        );
        Ok(kop + &toml::to_string_pretty(&uitvoer)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = r#"{"id":"x","type":"schoolvakanties","content":[{"title":"Schoolvakanties 2026-2027","schoolyear":"2026-2027 ",
      "vacations":[
        {"type":"Herfstvakantie ","compulsorydates":"false","regions":[{"region":"noord","startdate":"2026-10-09T22:00:00.000Z","enddate":"2026-10-18T00:00:00.000Z"}]},
        {"type":" Kerstvakantie","compulsorydates":"false","regions":[{"region":"heel Nederland","startdate":"2026-12-18T23:00:00.000Z","enddate":"2027-01-03T00:00:00.000Z"}]},
        {"type":"Pinkstervakantie","regions":[]}
      ]}]}"#;

    #[test]
    fn feed_met_utc_tijden_van_nederlandse_middernacht() {
        let jaren = importeer_rijksoverheid(FEED, "test").expect("valid feed");
        assert_eq!(jaren.len(), 1);
        let jaar = &jaren[0];
        assert_eq!(jaar.schooljaar.to_string(), "2026-2027");
        // 22:00Z in summer time and 23:00Z in winter time are the next day in Amsterdam.
        let herfst = &jaar.vakanties[0];
        assert_eq!(
            (
                herfst.periode.van.to_string(),
                herfst.periode.tot.to_string()
            ),
            ("2026-10-10".into(), "2026-10-18".into())
        );
        let kerst: Vec<_> = jaar
            .vakanties
            .iter()
            .filter(|v| v.soort == VakantieSoort::Kerst)
            .collect();
        assert_eq!(kerst.len(), 3, "heel Nederland is all three regions");
        assert!(
            kerst
                .iter()
                .all(|v| v.periode.van.to_string() == "2026-12-19")
        );
        assert_eq!(
            jaar.waarschuwingen.len(),
            1,
            "unknown holiday types are reported, not guessed"
        );
        let tekst = jaar.naar_toml().expect("serializes");
        assert!(tekst.contains("van = 2026-12-19"), "{tekst}");
        assert!(tekst.contains("schooljaar = \"2026-2027\""), "{tekst}");
    }

    #[test]
    fn kapotte_feed_noemt_plaats() {
        let f = importeer_rijksoverheid(&FEED.replace("heel Nederland", "oost"), "test")
            .expect_err("unknown region");
        assert_eq!(f.plaats, "content[0].vacations[1].regions[0].region");
        let f = importeer_rijksoverheid(&FEED.replace("2027-01-03T00", "2026-12-01T00"), "test")
            .expect_err("end before start");
        assert_eq!(f.plaats, "content[0].vacations[1].regions[0].enddate");
        assert!(importeer_rijksoverheid("{", "test").is_err());
    }
}
