//! The bounds of every input, in one place (issue 12, item 7): how long a
//! text may be and which dates are plausible for which kind of date. The
//! API's JSON bodies and query strings, the web forms and the rules'
//! advice all check against these, and every refusal names the bound.
//!
//! Dates: a **geboortedatum** lies from [`GEBOORTE_VANAF`] (1990-01-01: a
//! jeugdige is under 23 at most, so earlier dates are typos) up to today; any
//! other date — a peildatum, the start or end of a referral, a deadline, an
//! evaluation, a monitoring period — lies within [`PERIODE_VANAF`] ..=
//! [`PERIODE_TOT`] (2000-01-01 ..= 2100-12-31). Within those ranges date
//! arithmetic (months, weeks, a school year) cannot leave chrono's range.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// A person's name (a jeugdige's first or last name, a vertegenwoordiger,
/// a contact person).
pub const MAX_NAAM: usize = 200;
/// Any other free text (a toelichting, a goal, a motivation): about two
/// pages. The HTTP layer applies it to every string of every body and form.
pub const MAX_TEKST: usize = 4000;

const MAANDEN: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// A date as a Dutch reader writes it, "4 december 2026": for every text
/// meant for people (pages, messages); machine fields keep ISO 8601.
pub fn nl_datum(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {} {}", d.day(), MAANDEN[d.month0() as usize], d.year())
}

/// A date as people type it in a form: ISO 8601 ("2026-12-04", what a
/// browser's date field sends), day-month-year in digits ("4-12-2026",
/// "04/12/2026", "4.12.2026") or in words ("4 december 2026", "4 dec
/// 2026", "4 mrt 2026"). `None` for anything else or a day that does not
/// exist.
pub fn lees_nl_datum(s: &str) -> Option<NaiveDate> {
    let s = s.trim().to_lowercase();
    // ISO 8601 only with a four-digit year first: chrono would read
    // "4-12-26" as the year 4.
    if s.len() == 10
        && s.as_bytes()[4] == b'-'
        && let Ok(d) = NaiveDate::parse_from_str(&s, "%Y-%m-%d")
    {
        return Some(d);
    }
    let delen: Vec<&str> = s
        .split(|c: char| c == '-' || c == '/' || c == '.' || c.is_whitespace())
        .filter(|d| !d.is_empty())
        .collect();
    let [dag, maand, jaar] = delen.as_slice() else {
        return None;
    };
    let maand = maand.parse::<u32>().ok().or_else(|| {
        let kort = |m: &str| m.chars().take(3).collect::<String>();
        // "mrt" is Dutch for March beside "maa(rt)"; "sept" for September.
        match *maand {
            "mrt" => Some(3),
            "sept" => Some(9),
            m if m.len() >= 3 => MAANDEN
                .iter()
                .position(|n| n.starts_with(m) || (m.len() == 3 && kort(n) == m))
                .map(|i| i as u32 + 1),
            _ => None,
        }
    })?;
    let jaar = jaar
        .parse::<i32>()
        .ok()
        .filter(|j| jaar.len() == 4 && *j > 0)?;
    NaiveDate::from_ymd_opt(jaar, maand, dag.parse().ok()?)
}

/// `Err` names the bound: "ten hoogste 200 tekens".
pub fn tekst(waarde: &str, max: usize) -> Result<(), String> {
    if waarde.chars().count() > max {
        Err(format!("ten hoogste {max} tekens"))
    } else {
        Ok(())
    }
}

/// A name: not empty, at most [`MAX_NAAM`] characters; trimmed.
pub fn naam(waarde: &str) -> Result<String, String> {
    let w = waarde.trim();
    if w.is_empty() {
        return Err("verplicht".into());
    }
    tekst(w, MAX_NAAM)?;
    Ok(w.to_string())
}

const fn dag(j: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(j, m, d) {
        Some(x) => x,
        None => panic!("invalid constant date"),
    }
}

pub const GEBOORTE_VANAF: NaiveDate = dag(1990, 1, 1);
pub const PERIODE_VANAF: NaiveDate = dag(2000, 1, 1);
pub const PERIODE_TOT: NaiveDate = dag(2100, 12, 31);

/// Today in the Netherlands.
pub fn vandaag() -> NaiveDate {
    dag_van(chrono::Utc::now())
}

/// The day a moment falls on in the Netherlands.
pub fn dag_van(t: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    t.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive()
}

/// Which range a date must lie in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Datumsoort {
    /// From [`GEBOORTE_VANAF`] up to today.
    Geboortedatum,
    /// Any other date: [`PERIODE_VANAF`] ..= [`PERIODE_TOT`].
    Periode,
}

impl Datumsoort {
    pub fn bereik(self) -> (NaiveDate, NaiveDate) {
        match self {
            Self::Geboortedatum => (GEBOORTE_VANAF, vandaag()),
            Self::Periode => (PERIODE_VANAF, PERIODE_TOT),
        }
    }

    /// `d` when it lies in the range; else what is allowed.
    pub fn controleer(self, d: NaiveDate) -> Result<NaiveDate, String> {
        let (van, tot) = self.bereik();
        if (van..=tot).contains(&d) {
            Ok(d)
        } else if self == Self::Geboortedatum && d > tot {
            Err(format!(
                "ligt in de toekomst; toegestaan: {} tot en met vandaag",
                nl_datum(van)
            ))
        } else {
            Err(format!(
                "ligt buiten het toegestane bereik {} tot en met {}",
                nl_datum(van),
                nl_datum(tot)
            ))
        }
    }
}

/// Reads a date as text and checks it. The message quotes the input
/// first, as a JSON string (`"1800-01-01" ligt buiten …`): inside an internally tagged enum
/// serde loses the field's path, and the HTTP layer finds the field back
/// by that value.
fn lees<'de, D: Deserializer<'de>>(de: D, soort: Datumsoort) -> Result<NaiveDate, D::Error> {
    let tekst = String::deserialize(de)?;
    // As a JSON string, so any input (quotes included) is found back.
    let citaat = serde_json::to_string(&tekst).unwrap_or_default();
    let d = tekst.parse::<NaiveDate>().map_err(|_| {
        serde::de::Error::custom(format!("{citaat} is geen datum; verwacht JJJJ-MM-DD"))
    })?;
    soort
        .controleer(d)
        .map_err(|m| serde::de::Error::custom(format!("{citaat} {m}")))
}

/// `#[serde(deserialize_with = "grens::periode")]` on a date field.
pub fn periode<'de, D: Deserializer<'de>>(de: D) -> Result<NaiveDate, D::Error> {
    lees(de, Datumsoort::Periode)
}

/// `#[serde(default, deserialize_with = "grens::periode_optie")]`.
pub fn periode_optie<'de, D: Deserializer<'de>>(de: D) -> Result<Option<NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    struct Periode(#[serde(deserialize_with = "periode")] NaiveDate);
    Ok(Option::<Periode>::deserialize(de)?.map(|p| p.0))
}

/// `#[serde(deserialize_with = "grens::geboortedatum")]`.
pub fn geboortedatum<'de, D: Deserializer<'de>>(de: D) -> Result<NaiveDate, D::Error> {
    lees(de, Datumsoort::Geboortedatum)
}

#[cfg(test)]
mod tests {
    #[test]
    fn datum_zoals_mensen_hem_typen() {
        let d = |j, m, dag| NaiveDate::from_ymd_opt(j, m, dag);
        for (tekst, verwacht) in [
            ("2026-12-04", d(2026, 12, 4)),
            ("4-12-2026", d(2026, 12, 4)),
            ("04/12/2026", d(2026, 12, 4)),
            ("4.12.2026", d(2026, 12, 4)),
            (" 4 december 2026 ", d(2026, 12, 4)),
            ("4 December 2026", d(2026, 12, 4)),
            ("4 dec 2026", d(2026, 12, 4)),
            ("1 mrt 2026", d(2026, 3, 1)),
            ("1 maart 2026", d(2026, 3, 1)),
            ("1 sept 2026", d(2026, 9, 1)),
            ("31 juni 2026", None),
            ("4-13-2026", None),
            ("4 de 2026", None),
            ("4-12-26", None),
            ("december 2026", None),
            ("", None),
        ] {
            assert_eq!(super::lees_nl_datum(tekst), verwacht, "{tekst}");
        }
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn grenzen_van_datums() {
        let p = Datumsoort::Periode;
        assert!(p.controleer(PERIODE_VANAF).is_ok());
        assert!(p.controleer(PERIODE_TOT).is_ok());
        assert_eq!(
            p.controleer(dag(1999, 12, 31)),
            Err(
                "ligt buiten het toegestane bereik 1 januari 2000 tot en met 31 december 2100"
                    .into()
            )
        );
        let g = Datumsoort::Geboortedatum;
        assert!(g.controleer(GEBOORTE_VANAF).is_ok());
        assert!(g.controleer(dag(1800, 1, 1)).is_err());
        assert!(
            g.controleer(vandaag().succ_opt().expect("tomorrow"))
                .is_err()
        );
    }

    #[test]
    fn tekst_en_naam() {
        assert_eq!(naam("  Ada "), Ok("Ada".into()));
        assert_eq!(naam(" "), Err("verplicht".into()));
        assert_eq!(naam(&"é".repeat(200)).map(|n| n.chars().count()), Ok(200));
        assert_eq!(naam(&"é".repeat(201)), Err("ten hoogste 200 tekens".into()));
    }

    proptest! {
        /// Every date chrono can hold either lies in the range or is refused
        /// with a message naming it — never a panic.
        #[test]
        fn elke_datum_een_antwoord(dagen in i32::MIN / 2..i32::MAX / 2) {
            if let Some(d) = NaiveDate::from_num_days_from_ce_opt(dagen) {
                for soort in [Datumsoort::Periode, Datumsoort::Geboortedatum] {
                    let (van, tot) = soort.bereik();
                    match soort.controleer(d) {
                        Ok(x) => prop_assert!(van <= x && x <= tot),
                        Err(m) => prop_assert!(m.contains(&nl_datum(van))),
                    }
                }
            }
        }
    }
}
