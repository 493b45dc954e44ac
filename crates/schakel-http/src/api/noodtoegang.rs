//! Break-the-glass on a closed case (noodtoegang, NEN 7510; issue 12.3).
//!
//! A closed case is no longer open to plain reads. The wijkteam that ran it
//! — its casusregisseur or wijkteammedewerker — may still read it for
//! `Termijnen::inzage_gesloten_casus` (12 months by default) after it
//! closed, but only by stating a reason: `POST
//! /casussen/{id}/inzage-gesloten` grants that user, in that role, access to
//! that case for [`NOODTOEGANG_MINUTEN`](schakel_domain::toegang::NOODTOEGANG_MINUTEN)
//! minutes. The grant is stored (who, when, why, which case, until when)
//! and logged under every jeugdige of the household, so each child's AVG
//! art. 15 inzage shows it; the region's beheerder reviews every grant
//! (`GET /noodtoegang`, the page `/beheer/noodtoegang`). Anyone else is
//! refused, and the refusal is logged too.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, NaiveDate, Utc};
use schakel_domain::Rol;
use schakel_domain::toegang::{self, GeenNoodtoegang};
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{Id, Lijst, NieuweNoodtoegang, Noodtoegang, NoodtoegangFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::casussen::CasusPad;
use super::{PaginaAntwoord, PaginaVraag, vandaag};
use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::{Invoer, Pad, Vraag};
use crate::openapi::{Conflict, Geweigerd, NietIngelogd, OngeldigeInvoer};
use crate::state::AppState;

/// The audit ground of a read under a break-the-glass grant, and of the grant.
pub const GROND: &str = "noodtoegang";
/// The audit event of a grant (allowed or refused).
pub const GEBEURTENIS: &str = "casus.noodtoegang";

/// Why someone other than the case's wijkteam may not break the glass;
/// said as well for a case id that does not exist.
const NIET_HET_WIJKTEAM: &str =
    "Alleen het wijkteam dat deze casus voerde kan een gesloten casus met een reden inzien";

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NoodtoegangVraag {
    /// Why this closed dossier must be read now: 10 to 500 characters.
    /// Shown to the region's beheerder (privacy officer) with the grant.
    #[serde(default)]
    pub reden: String,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Naam {
    pub id: i64,
    pub naam: String,
}

/// A break-the-glass grant: who, for which case, why, from when until when.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NoodtoegangDto {
    pub id: i64,
    /// The case number.
    pub casus: i64,
    /// The household's number: the case reference the report shows (never
    /// a jeugdige's name or BSN).
    pub huishouden: i64,
    pub medewerker: Naam,
    pub organisatie: Naam,
    /// `casusregisseur` or `wijkteammedewerker`.
    pub rol: String,
    pub reden: String,
    pub verleend: DateTime<Utc>,
    /// The grant ends at this moment; then the case is closed to the user again.
    pub tot: DateTime<Utc>,
}

impl From<Noodtoegang> for NoodtoegangDto {
    fn from(n: Noodtoegang) -> Self {
        Self {
            id: n.id,
            casus: n.casus,
            huishouden: n.huishouden,
            medewerker: Naam {
                id: n.medewerker,
                naam: n.medewerker_naam,
            },
            organisatie: Naam {
                id: n.organisatie,
                naam: n.organisatie_naam,
            },
            rol: n.rol.naam().to_string(),
            reden: n.reden,
            verleend: n.verleend,
            tot: n.tot,
        }
    }
}

/// Where a closed case stands for its wijkteam's user: the grant that
/// holds, or the last day one may be asked for.
pub enum Stand {
    Lopend(Noodtoegang),
    Mogelijk { laatste_dag: NaiveDate },
}

impl Dossier<'_> {
    /// The grant that lets this user, in this role, read `casus` now.
    pub async fn noodtoegang_op(&self, casus: Id) -> ApiResultaat<Option<Noodtoegang>> {
        Ok(self.lopend().await?.into_iter().find(|n| n.casus == casus))
    }

    /// This user's grants in this role that hold now.
    pub(crate) async fn lopend(&self) -> ApiResultaat<Vec<Noodtoegang>> {
        if !matches!(
            self.actor.rol.rol,
            Rol::Casusregisseur | Rol::Wijkteammedewerker
        ) {
            return Ok(Vec::new());
        }
        let lopend = self
            .state
            .opslag
            .lopende_noodtoegang(
                self.actor.medewerker.id,
                self.actor.rol.organisatie,
                schakel_storage::audit::nu(),
            )
            .await?;
        Ok(lopend
            .into_iter()
            .filter(|n| n.rol == self.actor.rol.rol)
            .collect())
    }

    /// Whether this user may break the glass on a closed case (nothing
    /// logged: the web page asks before it shows the form); `None` when
    /// not.
    pub async fn noodtoegang_stand(&self, id: Id) -> ApiResultaat<Option<Stand>> {
        let Some(casus) = self.state.opslag.casus(id).await? else {
            return Ok(None);
        };
        if let Some(n) = self.noodtoegang_op(id).await? {
            return Ok(Some(Stand::Lopend(n)));
        }
        Ok(self
            .mag_noodtoegang(&casus)
            .ok()
            .map(|laatste_dag| Stand::Mogelijk { laatste_dag }))
    }

    fn mag_noodtoegang(&self, c: &schakel_storage::Casus) -> Result<NaiveDate, GeenNoodtoegang> {
        toegang::mag_noodtoegang(
            self.actor.rol.rol,
            c.wijkteam == self.actor.rol.organisatie,
            c.gesloten.map(schakel_domain::grens::dag_van),
            vandaag(),
            &self.state.instellingen.termijnen,
        )
    }

    /// Grants this user break-the-glass access to closed case `id` with
    /// `reden`: checked by the domain rule, stored with one audit record per
    /// jeugdige of the household. Every refusal is logged the same way.
    pub async fn verleen_noodtoegang(&self, id: Id, reden: &str) -> ApiResultaat<Noodtoegang> {
        let cd = self
            .laad_casus(id, GEBEURTENIS, Actie::Lezen, NIET_HET_WIJKTEAM)
            .await?;
        let weiger = |grond, melding: String| {
            self.weiger_casus(&cd, GEBEURTENIS, Actie::Lezen, grond, melding)
        };
        match self.mag_noodtoegang(&cd.casus) {
            Ok(_) => {}
            Err(GeenNoodtoegang::NietHetWijkteam) => {
                return Err(weiger("geen_wijkteam_van_casus", NIET_HET_WIJKTEAM.into()).await);
            }
            Err(GeenNoodtoegang::CasusOpen) => {
                return Err(ApiFout::Conflict(
                    "Deze casus is open: het wijkteam ziet hem zonder noodtoegang".into(),
                ));
            }
            Err(GeenNoodtoegang::TermijnVerstreken) => {
                let gesloten = cd.casus.gesloten.map(schakel_domain::grens::dag_van);
                let laatste = gesloten.map(|g| {
                    toegang::laatste_noodtoegangsdag(g, &self.state.instellingen.termijnen)
                });
                let datum =
                    |d: Option<NaiveDate>| d.map_or_else(String::new, crate::web::opmaak::datum);
                return Err(weiger(
                    "noodtoegang_termijn_verstreken",
                    format!(
                        "Deze casus is gesloten op {} en kon tot en met {} met noodtoegang worden ingezien; die termijn is voorbij",
                        datum(gesloten),
                        datum(laatste)
                    ),
                )
                .await);
            }
        }
        let reden = toegang::reden(reden).map_err(|m| ApiFout::veld("reden", m))?;
        let verleend = schakel_storage::audit::nu();
        let nieuw = NieuweNoodtoegang {
            casus: id,
            medewerker: self.actor.medewerker.id,
            rol: self.actor.rol.rol,
            organisatie: self.actor.rol.organisatie,
            reden,
            verleend,
            tot: verleend + chrono::Duration::minutes(toegang::NOODTOEGANG_MINUTEN),
        };
        let records =
            self.casus_records(&cd, GEBEURTENIS, Actie::Lezen, Uitkomst::Toegestaan, GROND);
        Ok(self.state.opslag.maak_noodtoegang(&nieuw, &records).await?)
    }

    /// Every grant of the beheerder's region the filter selects; the read is
    /// logged, and so is a refusal by role.
    pub async fn noodtoegangen(
        &self,
        van: Option<NaiveDate>,
        tot: Option<NaiveDate>,
        pagina: schakel_storage::Pagina,
    ) -> ApiResultaat<Lijst<Noodtoegang>> {
        self.eis_rol_gelogd(
            &[Rol::Beheerder],
            "noodtoegang.rapport",
            Actie::Lezen,
            "noodtoegang",
            "Alleen de beheerder van de regio ziet het gebruik van noodtoegang.",
        )
        .await?;
        let regio = self
            .state
            .opslag
            .organisatie(self.actor.rol.organisatie)
            .await?
            .ok_or(ApiFout::NietIngelogd)?
            .regio;
        let filter = NoodtoegangFilter {
            regio,
            van: van.map(begin_van_dag),
            tot: tot.and_then(|d| d.succ_opt()).map(begin_van_dag),
        };
        let lijst = self.state.opslag.noodtoegangen(&filter, pagina).await?;
        let record = self.record(
            "noodtoegang.rapport",
            Actie::Lezen,
            None,
            ("noodtoegang", None),
            Uitkomst::Toegestaan,
            Some("beheerder_regio"),
        );
        self.state.opslag.schrijf_audit(&record).await?;
        Ok(lijst)
    }
}

/// Midnight at the start of `d` in the Netherlands.
fn begin_van_dag(d: NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(0, 0, 0)
        .and_then(|t| {
            t.and_local_timezone(chrono_tz::Europe::Amsterdam)
                .earliest()
        })
        .map_or_else(
            || d.and_time(chrono::NaiveTime::MIN).and_utc(),
            |t| t.with_timezone(&Utc),
        )
}

/// Break-the-glass on a closed case: the wijkteam that ran it states why it
/// must read it now, and may then read it (`GET /casussen/{id}`) for one
/// hour. Only within 12 months (configurable) after the case closed; the
/// grant is logged under every jeugdige of the household and shown to the
/// region's beheerder.
#[utoipa::path(post, path = "/casussen/{id}/inzage-gesloten", operation_id = "maakNoodtoegang", tag = "route", params(("id" = i64, Path)),
    request_body = NoodtoegangVraag,
    responses((status = 201, description = "Noodtoegang verleend tot `tot`", body = NoodtoegangDto), (status = 400, response = OngeldigeInvoer),
              (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd), (status = 409, response = Conflict)))]
pub async fn maak(
    State(state): State<AppState>,
    actor: Actor,
    Pad(CasusPad { id }): Pad<CasusPad>,
    Invoer(v): Invoer<NoodtoegangVraag>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let n = dossier.verleen_noodtoegang(id, &v.reden).await?;
    Ok((StatusCode::CREATED, Json(NoodtoegangDto::from(n))))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct NoodtoegangLijstVraag {
    /// Granted on or after this day (Dutch time); 2000-01-01 .. 2100-12-31.
    #[serde(default, deserialize_with = "schakel_domain::grens::periode_optie")]
    pub van: Option<NaiveDate>,
    /// Granted on or before this day (Dutch time); 2000-01-01 .. 2100-12-31.
    #[serde(default, deserialize_with = "schakel_domain::grens::periode_optie")]
    pub tot: Option<NaiveDate>,
    pub pagina: Option<i64>,
    pub per_pagina: Option<i64>,
}

/// Every break-the-glass grant of the region, newest first, for its
/// beheerder (privacy officer): when, who (name, organisation), which case
/// (case and household number, no child's name or BSN), why, until when.
#[utoipa::path(get, path = "/noodtoegang", operation_id = "zoekNoodtoegang", tag = "toegang", params(NoodtoegangLijstVraag),
    responses((status = 200, description = "Het gebruik van noodtoegang in de regio, nieuwste eerst", body = inline(PaginaAntwoord<NoodtoegangDto>)),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd)))]
pub async fn lijst(
    State(state): State<AppState>,
    actor: Actor,
    Vraag(v): Vraag<NoodtoegangLijstVraag>,
) -> ApiResultaat<impl IntoResponse> {
    let pagina = PaginaVraag {
        pagina: v.pagina,
        per_pagina: v.per_pagina,
    }
    .pagina()?;
    if let (Some(van), Some(tot)) = (v.van, v.tot)
        && tot < van
    {
        return Err(ApiFout::veld("tot", "ligt voor van"));
    }
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let lijst = dossier.noodtoegangen(v.van, v.tot, pagina).await?;
    Ok(Json(PaginaAntwoord::new(
        lijst.items.into_iter().map(NoodtoegangDto::from).collect(),
        &pagina,
        lijst.totaal,
    )))
}
