//! The JSON API under /api/v1, following the NL API Design Rules: plural
//! Dutch nouns, kebab-case paths, camelCase query parameters, problem+json
//! errors, an `API-Version` header, pagination on every list.

pub mod acties;
pub mod casussen;
pub mod contactpersonen;
pub mod gids;
pub mod jeugdigen;
pub mod leveringen;
pub mod lijstkeuze;
pub mod maatwerk;
pub mod medewerkers;
pub mod monitoring;
pub mod noodtoegang;
pub mod normenkader;
pub mod onderwijssituatie;
pub mod organisaties;
pub mod route;
pub mod sessies;
pub mod sso;
pub mod systeem;
pub mod toegangsroute;
pub mod verwijzingen;
pub mod werkvoorraad;

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::fout::ApiFout;

pub const API_VERSIE: &str = "1.0.0";

/// Today in the Netherlands, by the storage clock
/// ([`schakel_storage::klok::nu`]): the real day, except while the demo
/// loader replays its history through these functions (the only caller of
/// `klok::op`; no request can set it), when every check judges on the day
/// the history is at, as it did then.
pub fn vandaag() -> chrono::NaiveDate {
    schakel_domain::grens::dag_van(schakel_storage::klok::nu())
}

/// Reads a paged list whole, in one read ([`schakel_storage::Pagina::ALLES`]).
/// Page by page, each page counted the list again and skipped the items
/// before it: quadratic in the list (BENCHMARKS.md, "An organisation's
/// open cases from its indexes").
pub async fn alle_items<T, F, Fut>(lees: F) -> crate::fout::ApiResultaat<Vec<T>>
where
    F: FnOnce(schakel_storage::Pagina) -> Fut,
    Fut: std::future::Future<Output = crate::fout::ApiResultaat<schakel_storage::Lijst<T>>>,
{
    Ok(lees(schakel_storage::Pagina::ALLES).await?.items)
}

/// `?pagina=1&perPagina=20` (1-based; at most 100 per page).
#[derive(Debug, Clone, Copy, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct PaginaVraag {
    pub pagina: Option<i64>,
    pub per_pagina: Option<i64>,
}

impl PaginaVraag {
    pub const MAX_PAGINA: i64 = 1_000_000_000;

    pub fn pagina(&self) -> Result<schakel_storage::Pagina, ApiFout> {
        let pagina = self.pagina.unwrap_or(1);
        let per = self.per_pagina.unwrap_or(20);
        // Bounded so that the offset, (pagina - 1) × perPagina, cannot overflow.
        if !(1..=Self::MAX_PAGINA).contains(&pagina) {
            return Err(ApiFout::veld(
                "pagina",
                format!(
                    "verwacht een geheel getal van 1 tot en met {}",
                    Self::MAX_PAGINA
                ),
            ));
        }
        if !(1..=schakel_storage::Pagina::MAX).contains(&per) {
            return Err(ApiFout::veld(
                "perPagina",
                "verwacht een geheel getal van 1 tot en met 100",
            ));
        }
        Ok(schakel_storage::Pagina::new(pagina, per))
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Paginering {
    pub pagina: i64,
    pub per_pagina: i64,
    pub totaal: i64,
    pub paginas: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PaginaAntwoord<T: ToSchema> {
    pub items: Vec<T>,
    pub paginering: Paginering,
}

/// The items of page `vraag` of a list held in memory.
pub fn deel_van<T>(alle: Vec<T>, vraag: &schakel_storage::Pagina) -> Vec<T> {
    alle.into_iter()
        .skip(vraag.vanaf.max(0) as usize)
        .take(vraag.aantal.max(0) as usize)
        .collect()
}

impl<T: ToSchema> PaginaAntwoord<T> {
    pub fn new(items: Vec<T>, vraag: &schakel_storage::Pagina, totaal: i64) -> Self {
        Self {
            items,
            paginering: Paginering::new(vraag, totaal),
        }
    }

    /// One page of a list held in memory.
    pub fn pagineer(alle: Vec<T>, vraag: &schakel_storage::Pagina) -> Self {
        let totaal = alle.len() as i64;
        Self::new(deel_van(alle, vraag), vraag, totaal)
    }
}

impl Paginering {
    pub fn new(vraag: &schakel_storage::Pagina, totaal: i64) -> Self {
        Self {
            pagina: vraag.vanaf / vraag.aantal + 1,
            per_pagina: vraag.aantal,
            totaal,
            paginas: (totaal + vraag.aantal - 1) / vraag.aantal,
        }
    }
}
