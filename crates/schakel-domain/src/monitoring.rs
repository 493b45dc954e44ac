//! Monitoring without personal data (seeds 000 and 002): figures per
//! region and school over time. A small count can point at one family, so
//! every count below five is shown as "<5", and an average or sum resting
//! on fewer than five values is not shown at all.

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

/// An average or sum, published only when at least [`DREMPEL`] values
/// stand behind it; rounded to one decimal.
pub fn waarde(w: Option<f64>, aantal_waarden: i64) -> Option<f64> {
    w.filter(|_| aantal_waarden >= DREMPEL)
        .map(|w| (w * 10.0).round() / 10.0)
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
        assert_eq!(waarde(Some(7.25), 4), None);
        assert_eq!(waarde(Some(7.25), 5), Some(7.3));
        assert_eq!(waarde(None, 9), None);
    }

    fn serde_json_string(a: Aantal) -> String {
        serde_json::to_string(&a).expect("geldig")
    }
}
