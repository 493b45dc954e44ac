//! The education situations a region's normenkader distinguishes, as data,
//! and the arrangements (OJA, JOA) the engine knows as generic concepts.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A situation key the loaded rules declare (`[[situatie]]` in a
/// region's normenkader file). Only [`Situaties::parse`] and the loader
/// make one, so holding a `Situatie` means the region knows it: the set,
/// its labels and the rows with their conditions are data, not code.
#[derive(Debug, Clone)]
pub struct Situatie {
    sleutel: Arc<str>,
    /// A hash of the key, so that comparing two situations (every row of
    /// every advice) settles on one integer instead of a string compare:
    /// the advice's speed stays what the enum gave.
    vingerafdruk: u64,
}

impl PartialEq for Situatie {
    fn eq(&self, ander: &Self) -> bool {
        self.vingerafdruk == ander.vingerafdruk
            && (Arc::ptr_eq(&self.sleutel, &ander.sleutel) || self.sleutel == ander.sleutel)
    }
}

impl Eq for Situatie {}

impl std::hash::Hash for Situatie {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.sleutel.hash(h);
    }
}

impl PartialOrd for Situatie {
    fn partial_cmp(&self, ander: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(ander))
    }
}

impl Ord for Situatie {
    fn cmp(&self, ander: &Self) -> std::cmp::Ordering {
        self.sleutel.cmp(&ander.sleutel)
    }
}

impl Situatie {
    /// The key as the rule file, the API and the stored records write it.
    pub fn naam(&self) -> &str {
        &self.sleutel
    }

    /// A key is lower-case letters, digits and underscores, starting with
    /// a letter: it goes into JSON, URLs' queries and the database as is.
    pub(crate) fn geldige_sleutel(s: &str) -> bool {
        s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.len() <= 64
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    }

    pub(crate) fn nieuw(sleutel: &str) -> Self {
        // FNV-1a: fixed, so equal keys hash equally in every set.
        let vingerafdruk = sleutel.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        Self {
            sleutel: Arc::from(sleutel),
            vingerafdruk,
        }
    }
}

impl std::fmt::Display for Situatie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.sleutel)
    }
}

impl Serialize for Situatie {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.sleutel)
    }
}

/// One situation as the region's file declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SituatieDefinitie {
    pub situatie: Situatie,
    /// What the UI shows, in B1 Dutch ("Volledig onderwijs").
    pub naam: String,
    /// Help text for the UI, where the label alone is not enough.
    pub omschrijving: Option<String>,
}

/// The situations a rule set knows, in the file's order (the order of the
/// UI's choices and of the "toegestaan" lists in messages).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Situaties {
    lijst: Vec<SituatieDefinitie>,
}

impl Situaties {
    pub fn new(lijst: Vec<SituatieDefinitie>) -> Self {
        Self { lijst }
    }

    /// The situation with key `s`, exactly as declared.
    pub fn parse(&self, s: &str) -> Option<Situatie> {
        self.lijst
            .iter()
            .find(|d| d.situatie.naam() == s)
            .map(|d| d.situatie.clone())
    }

    /// "volledig_onderwijs | nog_niet_ingeschreven | …", for messages.
    pub fn toegestaan(&self) -> String {
        self.sleutels().collect::<Vec<_>>().join(" | ")
    }

    pub fn sleutels(&self) -> impl Iterator<Item = &str> {
        self.lijst.iter().map(|d| d.situatie.naam())
    }

    pub fn iter(&self) -> impl Iterator<Item = &SituatieDefinitie> {
        self.lijst.iter()
    }

    /// The label of a key, or None for a key this set does not know (a
    /// stored record from an older rule set).
    pub fn label(&self, sleutel: &str) -> Option<&str> {
        self.lijst
            .iter()
            .find(|d| d.situatie.naam() == sleutel)
            .map(|d| d.naam.as_str())
    }

    pub fn len(&self) -> usize {
        self.lijst.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lijst.is_empty()
    }

    /// The union of several versions' situations: the first set's order
    /// and labels, then what only later sets add.
    pub fn vereniging<'a>(sets: impl IntoIterator<Item = &'a Situaties>) -> Self {
        let mut uit = Situaties::default();
        for set in sets {
            for d in &set.lijst {
                if uit.parse(d.situatie.naam()).is_none() {
                    uit.lijst.push(d.clone());
                }
            }
        }
        uit
    }
}

/// What a school offers on top of education.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Arrangement {
    /// Onderwijs-jeugdhulparrangement: the whole school, one hoofdaanbieder.
    Oja,
    /// Jeugdhulp-onderwijsarrangement: a combination group at a school.
    Joa,
}

impl Arrangement {
    pub fn naam(self) -> &'static str {
        match self {
            Self::Oja => "oja",
            Self::Joa => "joa",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "oja" => Some(Self::Oja),
            "joa" => Some(Self::Joa),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(sleutel: &str, naam: &str) -> SituatieDefinitie {
        SituatieDefinitie {
            situatie: Situatie::nieuw(sleutel),
            naam: naam.into(),
            omschrijving: None,
        }
    }

    #[test]
    fn sleutels_zijn_kleine_letters_cijfers_en_underscores() {
        for goed in ["a", "volledig_onderwijs", "rij2", "a_1_b"] {
            assert!(Situatie::geldige_sleutel(goed), "{goed}");
        }
        for fout in [
            "",
            "1a",
            "_a",
            "Volledig",
            "op weg",
            "a-b",
            "é",
            &"a".repeat(65),
        ] {
            assert!(!Situatie::geldige_sleutel(fout), "{fout}");
        }
    }

    /// The newest version's order and labels first, then what only an
    /// older version knows.
    #[test]
    fn vereniging_van_versies() {
        let nieuw = Situaties::new(vec![def("b", "B nieuw"), def("a", "A")]);
        let oud = Situaties::new(vec![def("a", "A oud"), def("c", "C")]);
        let alle = Situaties::vereniging([&nieuw, &oud]);
        assert_eq!(alle.toegestaan(), "b | a | c");
        assert_eq!(alle.label("b"), Some("B nieuw"));
        assert_eq!(alle.label("a"), Some("A"));
        assert_eq!(alle.label("x"), None);
        assert_eq!(alle.parse("c").map(|s| s.to_string()), Some("c".into()));
        assert_eq!(alle.parse("C"), None);
    }
}
