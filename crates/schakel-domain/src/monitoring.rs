//! Monitoring without personal data (seeds 000 and 002): figures per
//! region and school over time. A small count can point at one family, so
//! every count below five is shown as "<5", and an average or sum resting
//! on fewer than five values is not shown at all.

use crate::hoeveelheid::tienden;
use serde::Serialize;

/// The smallest count shown as a number.
pub const DREMPEL: i64 = 5;

/// A count as published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aantal {
    Getal(i64),
    /// 0 to 4: shown as "<5".
    Onderdrukt,
}

impl Aantal {
    pub fn van(n: i64) -> Self {
        if n < DREMPEL {
            Self::Onderdrukt
        } else {
            Self::Getal(n)
        }
    }
}

impl Serialize for Aantal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Getal(n) => s.serialize_i64(*n),
            Self::Onderdrukt => s.serialize_str("<5"),
        }
    }
}

/// An average of whole scores (1–10) — their exact sum over `aantal`
/// answers —, published only when at least [`DREMPEL`] answers stand
/// behind it; one decimal, halves away from zero.
pub fn gemiddelde(som: Option<i64>, aantal: i64) -> Option<f64> {
    som.filter(|_| aantal >= DREMPEL)
        .and_then(|s| tienden(s, aantal))
}

/// A sum of amounts of care (exact hundredths), published only when at
/// least [`DREMPEL`] values stand behind it; one decimal, halves away from
/// zero — the one rounding of `crate::hoeveelheid`.
pub fn som(honderdsten: Option<i64>, aantal_waarden: i64) -> Option<f64> {
    honderdsten
        .filter(|_| aantal_waarden >= DREMPEL)
        .and_then(|h| tienden(h, 100))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kleine_aantallen_onderdrukt() {
        for n in 0..5 {
            assert_eq!(Aantal::van(n), Aantal::Onderdrukt);
        }
        assert_eq!(Aantal::van(5), Aantal::Getal(5));
        assert_eq!(serde_json_string(Aantal::van(4)), "\"<5\"");
        assert_eq!(serde_json_string(Aantal::van(12)), "12");
    }

    #[test]
    fn gemiddelde_pas_vanaf_vijf_antwoorden() {
        // 29 / 4 = 7.25, but four answers are too few.
        assert_eq!(gemiddelde(Some(29), 4), None);
        // 37 / 5 = 7.4; 147 / 20 = 7.35 → 7.4 (halves away from zero).
        assert_eq!(gemiddelde(Some(37), 5), Some(7.4));
        assert_eq!(gemiddelde(Some(147), 20), Some(7.4));
        assert_eq!(gemiddelde(None, 9), None);
    }

    #[test]
    fn som_van_uren_een_keer_afgerond() {
        assert_eq!(som(Some(24835), 5), Some(248.4));
        assert_eq!(som(Some(24834), 5), Some(248.3));
        assert_eq!(som(Some(24835), 4), None);
    }

    fn serde_json_string(a: Aantal) -> String {
        serde_json::to_string(&a).expect("geldig")
    }
}
