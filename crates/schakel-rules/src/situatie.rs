//! The education situations the normenkader distinguishes.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Onderwijssituatie {
    VolledigOnderwijs,
    NogNietIngeschreven,
    Onderwijsperspectief,
    DreigendeThuiszitter,
    OntheffingLeerplicht,
    OpWegNaarSchool,
    Joa,
    Oja,
    Kolibrie,
}

impl Onderwijssituatie {
    pub const ALLE: [Onderwijssituatie; 9] = [
        Self::VolledigOnderwijs,
        Self::NogNietIngeschreven,
        Self::Onderwijsperspectief,
        Self::DreigendeThuiszitter,
        Self::OntheffingLeerplicht,
        Self::OpWegNaarSchool,
        Self::Joa,
        Self::Oja,
        Self::Kolibrie,
    ];

    pub fn naam(self) -> &'static str {
        match self {
            Self::VolledigOnderwijs => "volledig_onderwijs",
            Self::NogNietIngeschreven => "nog_niet_ingeschreven",
            Self::Onderwijsperspectief => "onderwijsperspectief",
            Self::DreigendeThuiszitter => "dreigende_thuiszitter",
            Self::OntheffingLeerplicht => "ontheffing_leerplicht",
            Self::OpWegNaarSchool => "op_weg_naar_school",
            Self::Joa => "joa",
            Self::Oja => "oja",
            Self::Kolibrie => "kolibrie",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|o| o.naam() == s)
    }

    pub fn toegestaan() -> String {
        Self::ALLE.map(Self::naam).join(" | ")
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
