//! The normenkader's advice and check as endpoints, with the same JSON
//! contract as `schakel advies` and `schakel toets` (snake_case keys, as in
//! the rule data). Public: they hold no personal data — except when the
//! question names a `"jeugdige"`, which reads that jeugdige's address and
//! dossier under need to know, logged as every read of a jeugdige.

use axum::Json;
use axum::extract::State;
use axum::response::IntoResponse;
use serde_json::Value;

use serde::Deserialize;

use schakel_rules::{Keuze, Regio, Regios};
use schakel_storage::Jeugdige;

use super::onderwijssituatie::Dossiersituatie;
use super::vandaag;
use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat, VeldFout};
use crate::invoer::{Invoer, Pad};
use crate::openapi::{Geweigerd, NietGevonden, NietIngelogd, OngeldigeInvoer};
use crate::state::AppState;

/// `/reikwijdtes/{school}`
#[derive(Deserialize)]
pub struct SchoolPad {
    pub school: String,
}

/// What may be referred for a child in an education situation.
#[utoipa::path(post, path = "/normenkader/adviezen", operation_id = "maakAdvies", tag = "normenkader",
    security(()),
    request_body(content = Object, description = "{gemeente?, jeugdige?, geboortedatum, peildatum?, onderwijssituatie, school?, tlv?, schooldagdelen?} — see README 'advies'. gemeente: the CBS code of where the jeugdige lives (GM0034); it picks the region and its normenkader; without it the signed-in user's organisation's region, else the server's default region. jeugdige (signed in, need to know, logged): its id; its address gives the gemeente, its dossier the birth date and the recorded situation (a given field that differs is refused); not together with gemeente"),
    responses((status = 200, description = "Het advies: wat verwezen mag worden, met regel-ids; voor een gemeente zonder normenkader situatie null met een toelichting over de route daar", body = Object), (status = 400, response = OngeldigeInvoer),
              (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd), (status = 404, response = NietGevonden)))]
pub async fn advies(
    State(state): State<AppState>,
    actor: Result<Actor, ApiFout>,
    Invoer(invoer): Invoer<Value>,
) -> ApiResultaat<impl IntoResponse> {
    let vraag = Vraag::van(&state, actor, invoer, None).await?;
    Ok(Json(match vraag {
        Vraag::Jeugdige(keuze, rest) => Regios::advies_met(keuze, &rest, vandaag())?,
        Vraag::Gemeente(eigen, invoer) => state.regios.advies_json_in(&invoer, eigen, vandaag())?,
    }))
}

/// Whether a proposed referral is within the norms.
#[utoipa::path(post, path = "/normenkader/toetsingen", operation_id = "maakToetsing", tag = "normenkader",
    security(()),
    request_body(content = Object, description = "{gemeente?, jeugdige?, situatie: advies-invoer, verwijzing: {product, volume, eenheid, per, ingangsdatum, einddatum}}; gemeente and jeugdige as for the advice (the jeugdige's dossier fills situatie)"),
    responses((status = 200, description = "De toetsing: binnen de normen of niet, met bevindingen", body = Object), (status = 400, response = OngeldigeInvoer),
              (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd), (status = 404, response = NietGevonden)))]
pub async fn toets(
    State(state): State<AppState>,
    actor: Result<Actor, ApiFout>,
    Invoer(invoer): Invoer<Value>,
) -> ApiResultaat<impl IntoResponse> {
    let vraag = Vraag::van(&state, actor, invoer, Some("situatie")).await?;
    Ok(Json(match vraag {
        Vraag::Jeugdige(keuze, rest) => Regios::toets_met(keuze, &rest, vandaag())?,
        Vraag::Gemeente(eigen, invoer) => state.regios.toets_json_in(&invoer, eigen, vandaag())?,
    }))
}

/// Whose rules answer an advice or check.
enum Vraag<'s> {
    /// A jeugdige's: its region's choice, and the input filled from its
    /// dossier.
    Jeugdige(Keuze<'s>, Value),
    /// A `"gemeente"` in the input, else the asking user's own region
    /// (None: the public, the default region).
    Gemeente(Option<&'s Regio>, Value),
}

impl<'s> Vraag<'s> {
    /// `situatie`: where the situation sits in the input (the check's
    /// `"situatie"`; the advice's is the input itself).
    async fn van(
        state: &'s AppState,
        actor: Result<Actor, ApiFout>,
        mut invoer: Value,
        situatie: Option<&str>,
    ) -> ApiResultaat<Self> {
        let Some(veld) = invoer.as_object_mut().and_then(|m| m.remove("jeugdige")) else {
            let eigen = match actor {
                Ok(a) => crate::regels::regio_van_organisatie(state, a.rol.organisatie).await?,
                Err(_) => state.regios.standaard(),
            };
            return Ok(Self::Gemeente(eigen, invoer));
        };
        if invoer.get("gemeente").is_some_and(|g| !g.is_null()) {
            let reden = "geef gemeente of jeugdige, niet allebei: de jeugdige bepaalt zelf zijn gemeente (zijn adres)";
            return Err(ApiFout::Ongeldig(
                ["gemeente", "jeugdige"]
                    .map(|name| VeldFout {
                        name: name.into(),
                        reason: reden.into(),
                    })
                    .into(),
            ));
        }
        let id = veld.as_i64().ok_or_else(|| {
            ApiFout::veld("jeugdige", "verwacht het nummer (id) van een jeugdige")
        })?;
        let actor = actor?;
        let (j, keuze) = jeugdige_en_regels(state, &actor, id).await?;
        let keuze = keuze?;
        let plek = match situatie {
            Some(s) => invoer.get_mut(s),
            None => Some(&mut invoer),
        };
        if let Some(Value::Object(m)) = plek {
            vul_uit_dossier(state, &j, m).await?;
        }
        Ok(Self::Jeugdige(keuze, invoer))
    }
}

/// The jeugdige an advice or check is asked for, read under need to know
/// and logged as `normenkader.advies` (allowed or refused), with whose
/// rules apply to it (its address's gemeente; an input error when that
/// gemeente belongs to no region here). The API and the web advisor for
/// a jeugdige (`/jeugdigen/{id}/advies`) both ask here.
pub(crate) async fn jeugdige_en_regels<'s>(
    state: &'s AppState,
    actor: &Actor,
    id: schakel_storage::Id,
) -> ApiResultaat<(Jeugdige, ApiResultaat<Keuze<'s>>)> {
    let dossier = Dossier { state, actor };
    let j = dossier.lees_voor(id, "normenkader.advies").await?;
    let keuze = match crate::regels::keuze_voor(state, &j).await {
        Err(ApiFout::Ongeldig(v)) => Err(ApiFout::Ongeldig(v)),
        k => Ok(k?),
    };
    Ok((j, keuze))
}

/// The day a question is about: its peildatum, else today.
pub(crate) fn peildag(m: &serde_json::Map<String, Value>) -> chrono::NaiveDate {
    m.get("peildatum")
        .and_then(Value::as_str)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or_else(vandaag)
}

/// The jeugdige's birth date, and its situation where the dossier records
/// one on the peildatum (today by default); a given field that differs
/// from the dossier is refused, naming both values.
pub(crate) async fn vul_uit_dossier(
    state: &AppState,
    j: &Jeugdige,
    m: &mut serde_json::Map<String, Value>,
) -> ApiResultaat<()> {
    m.insert(
        "geboortedatum".into(),
        Value::String(j.geboortedatum.to_string()),
    );
    if let Some(d) = Dossiersituatie::op(state, j, peildag(m)).await? {
        d.vergelijk(m)?;
        m.extend(d.velden());
    }
    Ok(())
}

/// What an OJA school's arrangement covers, per service.
#[utoipa::path(get, path = "/normenkader/reikwijdtes/{school}", operation_id = "leesReikwijdte", tag = "normenkader",
    security(()),
    params(("school" = String, Path, description = "Een school met een OJA of een JOA-groep, zoals het normenkader van de regio haar noemt")),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "Wat het arrangement van de school dekt, per dienst", body = Object), (status = 404, response = NietGevonden)))]
pub async fn reikwijdte(
    State(state): State<AppState>,
    Pad(SchoolPad { school }): Pad<SchoolPad>,
) -> ApiResultaat<impl IntoResponse> {
    // The school's region is the one whose normenkader names its
    // arrangement; a school of a region without one has no OJA here.
    let mut gevonden = None;
    for regio in state.regios.alle() {
        let Some(regels) = &regio.regels else {
            continue;
        };
        let kader = regels.kader_voor(vandaag(), "peildatum")?;
        if let Ok(r) = kader.reikwijdte_school(&school) {
            gevonden = Some((regio, r));
            break;
        }
    }
    let (regio, (reikwijdte, toelichting, bronnen)) = gevonden.ok_or(ApiFout::NietGevonden)?;
    Ok(Json(serde_json::json!({
        "school": reikwijdte.school,
        "regio": regio.code,
        "reikwijdte": reikwijdte,
        "voorwaarden": reikwijdte.voorwaarden(),
        "toelichting": toelichting,
        "bronnen": bronnen,
    })))
}
