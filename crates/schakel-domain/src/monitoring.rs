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
    /// Five or more, hidden beside a small count so that a total minus the
    /// shown parts does not reveal it ([`aanvullend_onderdrukt`]): shown as
    /// "verborgen", never as "<5" (which it is not).
    Verborgen,
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
            Self::Verborgen => s.serialize_str("verborgen"),
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

/// Complementary suppression (issue 17.5): which of `delen` to publish
/// as "<5" when they are shown beside their total (a region's gemeenten
/// beside the region, the regions beside the country). Each part below
/// [`DREMPEL`] is suppressed; `rest` is what the total holds beyond the
/// parts (never published, so hidden like a suppressed part). Whenever
/// something is hidden, the total minus the shown parts gives the sum of
/// what is hidden; so while that sum is below [`DREMPEL`] the smallest
/// shown part is suppressed too (its own size then hides the others).
/// Zero counts as small: "none" is not revealed either. Returns, per part,
/// whether it is suppressed.
pub fn aanvullend_onderdrukt(delen: &[i64], rest: i64) -> Vec<bool> {
    let mut weg: Vec<bool> = delen.iter().map(|&n| n < DREMPEL).collect();
    let verborgen = |weg: &[bool]| -> i64 {
        rest.max(0)
            + delen
                .iter()
                .zip(weg)
                .filter(|(_, w)| **w)
                .map(|(n, _)| n)
                .sum::<i64>()
    };
    let iets_verborgen = |weg: &[bool]| rest > 0 || weg.iter().any(|w| *w);
    while iets_verborgen(&weg) && verborgen(&weg) < DREMPEL {
        let kleinste = (0..delen.len())
            .filter(|&i| !weg[i])
            .min_by_key(|&i| (delen[i], i));
        match kleinste {
            Some(i) => weg[i] = true,
            None => break,
        }
    }
    weg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aanvullend_onderdrukken() {
        // Nothing small, nothing hidden.
        assert_eq!(aanvullend_onderdrukt(&[12, 7], 0), [false, false]);
        // One small part beside its total: the smallest other goes too.
        assert_eq!(aanvullend_onderdrukt(&[12, 3, 7], 0), [false, true, true]);
        // Two small parts whose sum is already five or more: enough.
        assert_eq!(aanvullend_onderdrukt(&[12, 3, 4], 0), [false, true, true]);
        assert_eq!(
            aanvullend_onderdrukt(&[20, 3, 4, 9], 0),
            [false, true, true, false]
        );
        // Two small parts summing to less than five: one more.
        assert_eq!(
            aanvullend_onderdrukt(&[20, 1, 2, 9], 0),
            [false, true, true, true]
        );
        // Zero is small too.
        assert_eq!(aanvullend_onderdrukt(&[0, 8], 0), [true, true]);
        // A hidden rest of two (e.g. addresses outside the region's
        // gemeenten) would reveal itself: a part goes with it; a rest of
        // five or more hides by itself.
        assert_eq!(aanvullend_onderdrukt(&[9, 30], 2), [true, false]);
        assert_eq!(aanvullend_onderdrukt(&[9, 30], 5), [false, false]);
        assert_eq!(aanvullend_onderdrukt(&[], 0), Vec::<bool>::new());
        // Every rule holds: whatever is hidden sums to five or more, or
        // everything is hidden.
        for delen in [[0, 1, 2], [4, 4, 40], [5, 0, 5], [3, 100, 6]] {
            let weg = aanvullend_onderdrukt(&delen, 0);
            let som: i64 = delen
                .iter()
                .zip(&weg)
                .filter(|(_, w)| **w)
                .map(|(n, _)| n)
                .sum();
            assert!(
                !weg.contains(&true) || som >= DREMPEL || weg.iter().all(|w| *w),
                "{delen:?} {weg:?}"
            );
            for (n, w) in delen.iter().zip(&weg) {
                assert!(*n >= DREMPEL || *w, "a small part is always hidden");
            }
        }
    }

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
