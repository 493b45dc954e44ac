//! Hour budgets for "max N uur per week; door vakanties worden uren
//! gespaard" (interpretatie `almere.interpretatie.budget`).
//!
//! Over a period: calendar weeks = days / 7, school weeks = school days / 5,
//! total = N × calendar weeks, and the hours that can be spent in each school
//! week = total / school weeks. Only the part of the period that the school
//! calendar covers is counted. Hours are exact hundredths, rounded once as
//! [`crate::hoeveelheid`] says.

use chrono::NaiveDate;
use serde::Serialize;

use crate::datum::Periode;
use crate::hoeveelheid::Hoeveelheid;
use crate::kalender::{Kalender, Vakantieregio};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Budget {
    /// First and last day counted (the covered part of the period).
    pub van: NaiveDate,
    pub tot: NaiveDate,
    pub kalenderweken: f64,
    pub schooldagen: u64,
    pub schoolweken: f64,
    pub totaal_uren: Hoeveelheid,
    /// `None` when the counted part has no school days (a summer holiday).
    pub uren_per_schoolweek: Option<Hoeveelheid>,
    /// False when the period runs past the known school calendar.
    pub volledig: bool,
    pub vakantieregio: Vakantieregio,
    /// True when the period is so much holiday that the hours per school
    /// week were held to the source's own ceiling ([`Budget::begrens`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub begrensd: bool,
}

impl Budget {
    /// Holds the hours per school week to `max` ("ca 4 uur per school
    /// week"), and the total to what that leaves for the school weeks: hours
    /// saved up in holidays are spent in school weeks, and a period with
    /// few school weeks has few to spend them in. Returns the figure before
    /// the ceiling when it applied.
    pub fn begrens(&mut self, max: Hoeveelheid) -> Option<Hoeveelheid> {
        let per_week = self.uren_per_schoolweek.filter(|u| *u > max)?;
        self.uren_per_schoolweek = Some(max);
        self.totaal_uren = Hoeveelheid::breuk(
            i128::from(max.in_honderdsten()) * i128::from(self.schooldagen),
            5,
        )?;
        self.begrensd = true;
        Some(per_week)
    }
}

fn afgerond(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `None` when the calendar covers no day of `periode`.
pub fn bereken(
    periode: Periode,
    uren_per_week: Hoeveelheid,
    kalender: &Kalender,
) -> Option<Budget> {
    let mut dagen = 0u64;
    let mut schooldagen = 0u64;
    let mut gedekt: Option<Periode> = None;
    for deel in kalender.gedekte_delen(periode) {
        dagen += deel.dagen();
        schooldagen += kalender.schooldagen(deel);
        gedekt = Some(match gedekt {
            None => deel,
            Some(g) => Periode {
                van: g.van,
                tot: deel.tot,
            },
        });
    }
    let gedekt = gedekt?;
    let kalenderweken = dagen as f64 / 7.0;
    let schoolweken = schooldagen as f64 / 5.0;
    // total / school weeks = hours × (days / 7) / (school days / 5).
    let per_schoolweek = Hoeveelheid::breuk(
        i128::from(uren_per_week.in_honderdsten()) * i128::from(dagen) * 5,
        7 * i128::from(schooldagen),
    );
    Some(Budget {
        van: gedekt.van,
        tot: gedekt.tot,
        kalenderweken: afgerond(kalenderweken),
        schooldagen,
        schoolweken: afgerond(schoolweken),
        totaal_uren: uren_per_week.over_dagen(dagen)?,
        uren_per_schoolweek: per_schoolweek,
        volledig: dagen == periode.dagen(),
        vakantieregio: kalender.regio,
        begrensd: false,
    })
}

/// Units a referral grants over its whole period: per week, the volume
/// times the calendar weeks (days / 7), as `bereken` counts the hours that
/// holidays save up; in total, the volume itself. `None` only when the
/// amount does not fit (a volume far beyond any norm).
pub fn toegekend(
    volume: Hoeveelheid,
    per: crate::ijw::Per,
    periode: Periode,
) -> Option<Hoeveelheid> {
    match per {
        crate::ijw::Per::Week => volume.over_dagen(periode.dagen()),
        crate::ijw::Per::Totaal => Some(volume),
    }
}

#[cfg(test)]
mod toegekend_tests {
    use super::*;
    use crate::ijw::Per;

    #[test]
    fn drie_uur_per_week_over_het_schooljaar() {
        // Normenkader: "max 3 uur begeleiding individueel basis per week max.
        // voor de duur van het schooljaar" — 2026-08-01..2027-07-31 is 365
        // days, 52.14 calendar weeks: 156.43 hours.
        let schooljaar = Periode::new(
            NaiveDate::from_ymd_opt(2026, 8, 1).expect("geldig"),
            NaiveDate::from_ymd_opt(2027, 7, 31).expect("geldig"),
        )
        .expect("geldig");
        assert_eq!(
            toegekend(Hoeveelheid::eenheden(3), Per::Week, schooljaar),
            Some(Hoeveelheid::honderdsten(15643))
        );
        assert_eq!(
            toegekend(Hoeveelheid::eenheden(40), Per::Totaal, schooljaar),
            Some(Hoeveelheid::eenheden(40))
        );
    }
}
