//! Amounts of care — hours, dagdelen, etmalen — as exact decimals.
//!
//! An amount is a whole number of hundredths of its unit. Granted budgets,
//! delivered hours, what remains of a referral and the sums that monitoring
//! publishes are all computed on these integers, so a sum never depends on
//! the order it was added in or on binary floating point (a month of
//! referrals once summed to 248.3499… on the server and 248.35 in a test).
//!
//! **The rounding rule**, applied once where a value is made and once where
//! it is shown, never in between:
//! - a computed amount (a weekly volume over a period: volume × days / 7; a
//!   budget per school week) is rounded to hundredths, halves away from
//!   zero ([`Hoeveelheid::breuk`]);
//! - amounts typed by people carry at most two decimals and are taken as
//!   they are ([`Hoeveelheid::parse`], [`Hoeveelheid::uit_getal`]);
//! - sums are exact;
//! - monitoring publishes sums and averages with one decimal, halves away
//!   from zero ([`tienden`]).

use std::fmt;
use std::iter::Sum;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An exact amount of care in hundredths of its unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hoeveelheid(i64);

/// The largest amount accepted from outside: far above any referral (a
/// year of 24 hours a day is 8,784 hours), small enough that sums over
/// millions of referrals cannot overflow.
pub const MAXIMUM_HONDERDSTEN: i64 = 100_000_000;

impl Hoeveelheid {
    pub const NUL: Self = Self(0);

    pub const fn honderdsten(n: i64) -> Self {
        Self(n)
    }

    pub const fn in_honderdsten(self) -> i64 {
        self.0
    }

    /// Whole units: `Hoeveelheid::eenheden(3)` is 3.00.
    pub const fn eenheden(n: i64) -> Self {
        Self(n * 100)
    }

    /// `teller / noemer` hundredths, rounded halves away from zero; `None`
    /// when `noemer` is 0 or the result does not fit.
    pub fn breuk(teller: i128, noemer: i128) -> Option<Self> {
        if noemer == 0 {
            return None;
        }
        let (t, n) = if noemer < 0 {
            (-teller, -noemer)
        } else {
            (teller, noemer)
        };
        let afgerond = if t >= 0 {
            (2 * t + n) / (2 * n)
        } else {
            -((-2 * t + n) / (2 * n))
        };
        i64::try_from(afgerond).ok().map(Self)
    }

    /// A JSON or TOML number with at most two decimals, within
    /// [`MAXIMUM_HONDERDSTEN`]; `None` otherwise.
    pub fn uit_getal(x: f64) -> Option<Self> {
        let honderdsten = x * 100.0;
        if !honderdsten.is_finite() || honderdsten.abs() > MAXIMUM_HONDERDSTEN as f64 {
            return None;
        }
        let heel = honderdsten.round();
        // A decimal with two places is stored as the nearest binary
        // fraction; anything further from a hundredth had more places.
        ((honderdsten - heel).abs() < 1e-6).then_some(Self(heel as i64))
    }

    /// Text as people type it: `2`, `1,5`, `1.25`, `-0,5`; at most two
    /// decimals, a comma or a point. The error says what is allowed.
    pub fn parse(tekst: &str) -> Result<Self, &'static str> {
        const UITLEG: &str = "een getal met ten hoogste twee decimalen, bijvoorbeeld 2 of 1,5";
        let t = tekst.trim();
        let (negatief, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let (heel, deel) = t.split_once([',', '.']).unwrap_or((t, ""));
        let cijfers = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if heel.is_empty() || !cijfers(heel) || !cijfers(deel) || deel.len() > 2 || heel.len() > 7 {
            return Err(UITLEG);
        }
        if t.contains([',', '.']) && deel.is_empty() {
            return Err(UITLEG);
        }
        let heel: i64 = heel.parse().map_err(|_| UITLEG)?;
        let deel: i64 = format!("{deel:0<2}").parse().map_err(|_| UITLEG)?;
        let n = heel * 100 + deel;
        if n > MAXIMUM_HONDERDSTEN {
            return Err(UITLEG);
        }
        Ok(Self(if negatief { -n } else { n }))
    }

    /// A weekly amount over `dagen` calendar days: amount × days / 7.
    pub fn over_dagen(self, dagen: u64) -> Option<Self> {
        Self::breuk(i128::from(self.0) * i128::from(dagen), 7)
    }

    pub fn checked_add(self, ander: Self) -> Option<Self> {
        self.0.checked_add(ander.0).map(Self)
    }

    pub fn checked_sub(self, ander: Self) -> Option<Self> {
        self.0.checked_sub(ander.0).map(Self)
    }

    pub fn is_positief(self) -> bool {
        self.0 > 0
    }

    /// For display and JSON only; never compute with it.
    pub fn als_getal(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

/// Tenths of `teller / noemer`, rounded halves away from zero: how
/// monitoring publishes sums (`noemer` 100 for hundredths) and averages.
pub fn tienden(teller: i64, noemer: i64) -> Option<f64> {
    Hoeveelheid::breuk(i128::from(teller) * 10, i128::from(noemer)).map(|t| t.0 as f64 / 10.0)
}

impl Sum for Hoeveelheid {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        Self(iter.map(|h| h.0).sum())
    }
}

/// Plain decimal notation with a point and the decimals it needs: `3`,
/// `1.5`, `156.43`. Pages show amounts the Dutch way through their own
/// formatting.
impl fmt::Display for Hoeveelheid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let teken = if self.0 < 0 { "-" } else { "" };
        let (heel, deel) = (self.0.unsigned_abs() / 100, self.0.unsigned_abs() % 100);
        match deel {
            0 => write!(f, "{teken}{heel}"),
            d if d % 10 == 0 => write!(f, "{teken}{heel}.{}", d / 10),
            d => write!(f, "{teken}{heel}.{d:02}"),
        }
    }
}

/// A JSON number (`156.43`), as the API has always shown amounts.
impl Serialize for Hoeveelheid {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.als_getal())
    }
}

impl<'de> Deserialize<'de> for Hoeveelheid {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let x = f64::deserialize(d)?;
        Self::uit_getal(x).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{x} is geen hoeveelheid: een getal met ten hoogste twee decimalen, tot {}",
                MAXIMUM_HONDERDSTEN / 100
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn drie_uur_per_week_over_een_schooljaar() {
        // 365 days × 3 h / 7 = 156.428… → 156.43.
        assert_eq!(
            Hoeveelheid::eenheden(3).over_dagen(365),
            Some(Hoeveelheid::honderdsten(15643))
        );
    }

    #[test]
    fn halven_van_nul_af() {
        assert_eq!(Hoeveelheid::breuk(5, 2), Some(Hoeveelheid(3)));
        assert_eq!(Hoeveelheid::breuk(-5, 2), Some(Hoeveelheid(-3)));
        assert_eq!(Hoeveelheid::breuk(5, -2), Some(Hoeveelheid(-3)));
        assert_eq!(Hoeveelheid::breuk(1, 0), None);
        assert_eq!(tienden(24835, 100), Some(248.4));
        assert_eq!(tienden(24834, 100), Some(248.3));
        // An average of 7.35 is 7.4, where 7.35 in binary rounds down.
        assert_eq!(tienden(147, 20), Some(7.4));
    }

    #[test]
    fn getypte_hoeveelheden() {
        for (tekst, h) in [
            ("2", 200),
            ("1,5", 150),
            ("1.25", 125),
            (" 0,05 ", 5),
            ("-0,5", -50),
        ] {
            assert_eq!(Hoeveelheid::parse(tekst), Ok(Hoeveelheid(h)), "{tekst}");
        }
        for fout in ["", "1,234", "1,", ",5", "1e3", "twee", "1,5,0", "99999999"] {
            assert!(Hoeveelheid::parse(fout).is_err(), "{fout}");
        }
    }

    #[test]
    fn getallen_uit_json() {
        assert_eq!(Hoeveelheid::uit_getal(248.35), Some(Hoeveelheid(24835)));
        assert_eq!(Hoeveelheid::uit_getal(0.1 + 0.2), Some(Hoeveelheid(30)));
        assert_eq!(Hoeveelheid::uit_getal(1.005), None);
        assert_eq!(Hoeveelheid::uit_getal(f64::NAN), None);
        assert_eq!(Hoeveelheid::uit_getal(1e300), None);
        let h: Hoeveelheid = serde_json::from_str("3.71").expect("getal");
        assert_eq!(serde_json::to_string(&h).expect("json"), "3.71");
        assert!(serde_json::from_str::<Hoeveelheid>("3.711").is_err());
    }

    #[test]
    fn tekst() {
        for (h, t) in [(300, "3"), (150, "1.5"), (15643, "156.43"), (-5, "-0.05")] {
            assert_eq!(Hoeveelheid(h).to_string(), t);
        }
    }

    proptest! {
        /// Printing and reading back gives the same amount, and a sum is
        /// the same in any order.
        #[test]
        fn heen_en_terug(a in -MAXIMUM_HONDERDSTEN..=MAXIMUM_HONDERDSTEN,
                         b in 0..MAXIMUM_HONDERDSTEN) {
            let h = Hoeveelheid(a);
            prop_assert_eq!(Hoeveelheid::parse(&h.to_string()), Ok(h));
            prop_assert_eq!(Hoeveelheid::uit_getal(h.als_getal()), Some(h));
            let som: Hoeveelheid = [h, Hoeveelheid(b)].into_iter().sum();
            let andersom: Hoeveelheid = [Hoeveelheid(b), h].into_iter().sum();
            prop_assert_eq!(som, andersom);
        }
    }
}
