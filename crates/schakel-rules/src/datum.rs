//! Date arithmetic with the normenkader's conventions: whole-year ages,
//! inclusive periods and the legal school year (1 Aug – 31 Jul).

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;

/// Whole years between `geboortedatum` and `peildatum`
/// (interpretatie `almere.interpretatie.leeftijd`).
pub fn leeftijd(geboortedatum: NaiveDate, peildatum: NaiveDate) -> u32 {
    peildatum.years_since(geboortedatum).unwrap_or(0)
}

/// `d` plus `n` calendar months; a day past the end of the target month
/// lands on its last day (31 Aug + 6 months = 28/29 Feb).
pub fn plus_maanden(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

pub fn plus_dagen(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

pub fn min_dagen(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(NaiveDate::MIN)
}

/// A closed date interval: both `van` and `tot` belong to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Periode {
    pub van: NaiveDate,
    pub tot: NaiveDate,
}

impl Periode {
    /// `None` when `tot` lies before `van`.
    pub fn new(van: NaiveDate, tot: NaiveDate) -> Option<Self> {
        (van <= tot).then_some(Self { van, tot })
    }

    pub fn dagen(&self) -> u64 {
        (self.tot - self.van).num_days() as u64 + 1
    }

    pub fn bevat(&self, d: NaiveDate) -> bool {
        self.van <= d && d <= self.tot
    }

    pub fn doorsnede(&self, ander: &Periode) -> Option<Periode> {
        Periode::new(self.van.max(ander.van), self.tot.min(ander.tot))
    }

    /// Monday to Friday in the period.
    pub fn werkdagen(&self) -> u64 {
        werkdagen_voor(plus_dagen(self.tot, 1)) - werkdagen_voor(self.van)
    }
}

/// Weekdays from a fixed Monday up to (not including) `d`: a closed-form
/// count, so budgets over long periods cost the same as over short ones.
fn werkdagen_voor(d: NaiveDate) -> u64 {
    let dagen = d.num_days_from_ce() as u64;
    // num_days_from_ce(1-01-01) = 1, a Monday.
    let sinds_maandag = dagen - 1;
    let weken = sinds_maandag / 7;
    let rest = sinds_maandag % 7;
    weken * 5 + rest.min(5)
}

/// The legal school year that starts on 1 August of `beginjaar`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Schooljaar {
    pub beginjaar: i32,
}

impl Schooljaar {
    pub fn van_datum(d: NaiveDate) -> Self {
        let beginjaar = if d.month() >= 8 {
            d.year()
        } else {
            d.year() - 1
        };
        Self { beginjaar }
    }

    pub fn periode(&self) -> Periode {
        Periode {
            van: NaiveDate::from_ymd_opt(self.beginjaar, 8, 1).unwrap_or(NaiveDate::MIN),
            tot: NaiveDate::from_ymd_opt(self.beginjaar + 1, 7, 31).unwrap_or(NaiveDate::MAX),
        }
    }

    pub fn volgende(&self) -> Self {
        Self {
            beginjaar: self.beginjaar + 1,
        }
    }

    pub fn vorige(&self) -> Self {
        Self {
            beginjaar: self.beginjaar - 1,
        }
    }

    /// Parses "2026-2027".
    pub fn parse(s: &str) -> Option<Self> {
        let (a, b) = s.trim().split_once('-')?;
        let (a, b): (i32, i32) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        (b == a + 1).then_some(Self { beginjaar: a })
    }
}

impl std::fmt::Display for Schooljaar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.beginjaar, self.beginjaar + 1)
    }
}

pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Strict `YYYY-MM-DD`.
pub fn parse_datum(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let vorm_klopt = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !vorm_klopt {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_datum(s).expect("valid test date")
    }

    #[test]
    fn leeftijd_telt_hele_jaren() {
        assert_eq!(leeftijd(d("2014-03-15"), d("2027-03-14")), 12);
        assert_eq!(leeftijd(d("2014-03-15"), d("2027-03-15")), 13);
        assert_eq!(leeftijd(d("2020-02-29"), d("2024-02-28")), 3);
        assert_eq!(leeftijd(d("2020-02-29"), d("2024-02-29")), 4);
    }

    #[test]
    fn maanden_optellen_klemt_op_maandeinde() {
        assert_eq!(plus_maanden(d("2026-08-31"), 6), d("2027-02-28"));
        assert_eq!(plus_maanden(d("2026-11-23"), 24), d("2028-11-23"));
    }

    #[test]
    fn werkdagen_in_een_week_en_een_jaar() {
        let week = Periode::new(d("2026-11-23"), d("2026-11-29")).expect("period");
        assert_eq!(week.werkdagen(), 5);
        let zaterdag = Periode::new(d("2026-11-28"), d("2026-11-28")).expect("period");
        assert_eq!(zaterdag.werkdagen(), 0);
        // 2026-08-01 is a Saturday, 2027-07-31 too: 52 weeks + 1 Saturday.
        assert_eq!(Schooljaar { beginjaar: 2026 }.periode().werkdagen(), 260);
        // 2025-08-01 is a Friday, 2026-07-31 too: 52 weeks + 1 Friday.
        assert_eq!(Schooljaar { beginjaar: 2025 }.periode().werkdagen(), 261);
    }

    #[test]
    fn schooljaar_loopt_van_1_augustus_tot_31_juli() {
        assert_eq!(Schooljaar::van_datum(d("2026-07-31")).beginjaar, 2025);
        assert_eq!(Schooljaar::van_datum(d("2026-08-01")).beginjaar, 2026);
        assert_eq!(
            Schooljaar::parse("2026-2027"),
            Some(Schooljaar { beginjaar: 2026 })
        );
        assert_eq!(Schooljaar::parse("2026-2028"), None);
    }

    #[test]
    fn datum_strikt_jjjj_mm_dd() {
        assert!(parse_datum("2026-02-28").is_some());
        assert!(parse_datum("2026-02-30").is_none());
        assert!(parse_datum("2026-2-3").is_none());
        assert!(parse_datum("23-11-2026").is_none());
    }
}
