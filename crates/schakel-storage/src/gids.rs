//! The regional directory's address data (issue 5): CBS's postcode–
//! huisnummer file, the wijkteams' werkgebieden and the organisations'
//! fixed contact points. An address import is a stream of batches into a
//! table of its own, swapped in at the end in one short transaction.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use schakel_domain::gids::{Buurtcode, Gebied};
use serde::Serialize;

use crate::{Id, Resultaat};

/// One address of the CBS file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Adresrij {
    /// `schakel_domain::gids::postcode_getal`.
    pub postcode: u32,
    pub huisnummer: u32,
    pub buurt: Buurtcode,
}

/// The address file in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Adresbestand {
    pub bron: String,
    /// The year of the CBS classification (`Buurt2025` → 2025).
    pub jaar: Option<i32>,
    pub rijen: i64,
    pub geimporteerd: DateTime<Utc>,
}

/// An address import under way. Nothing of it is visible until
/// [`Adresimport::voltooi`]; dropped without it, it leaves the addresses as
/// they were (the next import clears what it left).
///
/// An import replaces the addresses of the gemeenten its rows lie in and
/// keeps every other gemeente's (issue 17.4: one database holds several
/// regions, each importing its own file). A national CBS file names every
/// gemeente, so it replaces them all — except a gemeente that no longer
/// exists (a herindeling): its addresses that the file does not repeat
/// under the new gemeente would stay, so a national import asks for
/// [`Adresimport::vervang_alles`].
#[async_trait]
pub trait Adresimport: Send {
    /// Adds a batch; returns how many were new (a repeated address is
    /// skipped, the first one counts).
    async fn voeg_toe(&mut self, rijen: &[Adresrij]) -> Resultaat<u64>;
    /// Makes this import replace every address, not only those of the
    /// gemeenten in it (a national file).
    fn vervang_alles(&mut self);
    /// Swaps the new addresses in, in one transaction.
    async fn voltooi(self: Box<Self>, bron: &str, jaar: Option<i32>) -> Resultaat<Adresbestand>;
}

/// Which addresses an import replaces: those of the gemeenten its rows lie
/// in (CBS gemeente numbers, `Buurtcode::getal() / 10 000`), or all.
#[derive(Debug, Default, Clone)]
pub struct Importbereik {
    gemeenten: std::collections::BTreeSet<u32>,
    alles: bool,
}

impl Importbereik {
    /// Notes the gemeenten of a batch.
    pub fn zie(&mut self, rijen: &[Adresrij]) {
        self.gemeenten
            .extend(rijen.iter().map(|r| r.buurt.getal() / 10_000));
    }

    pub fn vervang_alles(&mut self) {
        self.alles = true;
    }

    /// The gemeenten replaced; `None` for all.
    pub fn gemeenten(&self) -> Option<Vec<u32>> {
        (!self.alles).then(|| self.gemeenten.iter().copied().collect())
    }
}

/// An organisation's fixed contact point (seed 002).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contactpunt {
    pub naam: String,
    pub telefoon: Option<String>,
    pub email: Option<String>,
}

/// A wijkteam's werkgebied and contact point, as an import or the
/// beheerder sets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WijkteamGebied {
    pub wijkteam: Id,
    pub gebieden: Vec<Gebied>,
    pub contactpunt: Option<Contactpunt>,
}

/// Packs an address key for duplicate checks: postcode and house number.
pub fn adressleutel(r: &Adresrij) -> u64 {
    (u64::from(r.postcode) << 32) | u64::from(r.huisnummer)
}

/// One school location of DUO's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schoolrij {
    /// Institution and vestiging: the school's key.
    pub brin: schakel_domain::Brin,
    pub naam: String,
    pub gemeente: Option<schakel_domain::GemeenteCode>,
    pub schooltype: schakel_domain::gids::Schooltype,
    pub postcode: Option<schakel_domain::Postcode>,
}

/// What a school import changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Schoolimport {
    pub nieuw: u64,
    pub bijgewerkt: u64,
}

/// One line of a provider's offer: a product of the normenkader, in
/// general or within one arrangement.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Aanbod {
    pub product: String,
    /// The OJA school's name the product is offered within, if any.
    pub arrangement: Option<String>,
}

/// A contact person in the directory: of an organisation, or of the
/// region's expertpool (`organisatie` `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gidscontact {
    /// Given by the storage layer; ignored when a contact is added.
    pub id: Id,
    pub regio: Id,
    pub organisatie: Option<Id>,
    /// The role: "zorgcoördinator", "vast contactpunt", "expertpool", …
    pub functie: String,
    pub naam: String,
    pub telefoon: Option<String>,
    pub email: Option<String>,
    /// When it was last added or changed (stamped by the storage layer;
    /// none for lists loaded before migration 0027).
    pub gewijzigd: Option<chrono::DateTime<chrono::Utc>>,
}

/// The name of a CBS area (issue 16.3): a gemeente, wijk or buurt by its
/// code, as CBS's Wijk- en buurtkaart names it. The kind and the area it
/// lies in follow from the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gebiednaam {
    pub code: schakel_domain::gids::Gebiedcode,
    pub naam: String,
}
