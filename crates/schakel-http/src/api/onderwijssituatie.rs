//! A jeugdige's onderwijssituatie in the dossier (issue 14, item 5): the
//! normenkader's situation, the school as the normenkader names it, and
//! the dagdelen at school, each record from a date, with its history. The
//! roles that may change the jeugdige's data (`toegang::mag_wijzigen`:
//! the school for its pupil, the wijkteam for its case) record it; whoever
//! may see the jeugdige reads it. The TLV is not typed here: it comes from
//! the TLV events of the household's case. A referral is checked against
//! this record, not against what the verwijzer types.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::NaiveDate;
use schakel_domain::toegang;
use schakel_domain::verloop::Gebeurtenis;
use schakel_rules::AdviesVraag;
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{Jeugdige, NieuweOnderwijssituatie, Onderwijssituatie};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use utoipa::ToSchema;

use super::jeugdigen::JeugdigePad;
use crate::auth::Actor;
use crate::dossier::{Dossier, grond_naam};
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::{Invoer, Pad};
use crate::openapi::{Geweigerd, NietGevonden, OngeldigeInvoer};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OnderwijssituatieInvoer {
    /// A situation key of the region's normenkader (its `[[situatie]]`
    /// list; an unknown one is refused with the allowed keys).
    pub onderwijssituatie: String,
    /// The school as the normenkader names it (its `[[school]]` list: OJA
    /// and JOA schools, schools with their own calendar); empty for
    /// another school.
    pub school: Option<String>,
    /// Dagdelen per week the child still attends school (0–9).
    pub schooldagdelen: Option<u8>,
    #[serde(deserialize_with = "schakel_domain::grens::periode")]
    pub van: NaiveDate,
    /// The last day it holds; empty until a later record replaces it.
    #[serde(default, deserialize_with = "schakel_domain::grens::periode_optie")]
    pub tot: Option<NaiveDate>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OnderwijssituatieDto {
    pub id: i64,
    pub onderwijssituatie: String,
    pub school: Option<String>,
    pub schooldagdelen: Option<u8>,
    pub van: NaiveDate,
    pub tot: Option<NaiveDate>,
    /// The organisation that recorded it.
    pub organisatie: i64,
    pub vastgelegd: chrono::DateTime<chrono::Utc>,
}

impl From<&Onderwijssituatie> for OnderwijssituatieDto {
    fn from(s: &Onderwijssituatie) -> Self {
        let g = &s.gegevens;
        Self {
            id: s.id,
            onderwijssituatie: g.situatie.clone(),
            school: g.school.clone(),
            schooldagdelen: g.schooldagdelen,
            van: g.van,
            tot: g.tot,
            organisatie: g.door.organisatie,
            vastgelegd: s.vastgelegd,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TlvDto {
    pub geldig_van: NaiveDate,
    pub geldig_tot: NaiveDate,
}

/// The history, oldest first; which record holds today; the TLV of the
/// case's events that holds today.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OnderwijssituatiesDto {
    pub items: Vec<OnderwijssituatieDto>,
    pub huidig: Option<i64>,
    pub tlv: Option<TlvDto>,
}

/// A TLV as the case's events record it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv {
    pub geldig_van: NaiveDate,
    pub geldig_tot: NaiveDate,
}

/// The TLV that holds on `dag` for `j`, from the TLV events of the
/// household's open case; of several, the one recorded last.
pub async fn tlv_op(state: &AppState, j: &Jeugdige, dag: NaiveDate) -> ApiResultaat<Option<Tlv>> {
    let Some(casus) = state.opslag.open_casus(j.huishouden).await? else {
        return Ok(None);
    };
    let gebeurtenissen = state.opslag.gebeurtenissen(casus.id).await?;
    Ok(gebeurtenissen
        .iter()
        .rev()
        .find_map(|g| match g.gebeurtenis {
            Gebeurtenis::Tlv {
                jeugdige,
                geldig_van,
                geldig_tot,
            } if jeugdige == j.id && geldig_van <= dag && dag <= geldig_tot => Some(Tlv {
                geldig_van,
                geldig_tot,
            }),
            _ => None,
        }))
}

/// The situation fields a referral's check takes from the dossier: the
/// record that holds on `dag` and the TLV that holds then.
pub struct Dossiersituatie {
    pub record: Onderwijssituatie,
    pub tlv: Option<Tlv>,
}

/// Fields of the advice input the dossier decides, with their names in
/// the messages.
const VELDEN: [(&str, &str); 4] = [
    ("onderwijssituatie", "de onderwijssituatie"),
    ("school", "de school"),
    ("tlv", "de TLV"),
    ("schooldagdelen", "het aantal dagdelen op school"),
];

impl Dossiersituatie {
    pub async fn op(state: &AppState, j: &Jeugdige, dag: NaiveDate) -> ApiResultaat<Option<Self>> {
        let historie = state.opslag.onderwijssituaties(j.id).await?;
        let Some(record) = Onderwijssituatie::op(&historie, dag).cloned() else {
            return Ok(None);
        };
        let tlv = tlv_op(state, j, dag).await?;
        Ok(Some(Self { record, tlv }))
    }

    /// The advice input's fields as the dossier has them.
    pub fn velden(&self) -> Map<String, Value> {
        let g = &self.record.gegevens;
        let mut m = Map::new();
        m.insert("onderwijssituatie".into(), json!(g.situatie));
        m.insert("school".into(), json!(g.school));
        m.insert("tlv".into(), json!(self.tlv.is_some()));
        m.insert(
            "schooldagdelen".into(),
            json!(g.schooldagdelen.unwrap_or(0)),
        );
        m
    }

    /// A claimed situation must say what the dossier says; the first field
    /// that differs is named, with both values.
    pub fn vergelijk(&self, claim: &Map<String, Value>) -> ApiResultaat<()> {
        let dossier = self.velden();
        for (veld, naam) in VELDEN {
            let Some(geclaimd) = claim.get(veld) else {
                continue;
            };
            let eigen = &dossier[veld];
            if !gelijk(geclaimd, eigen) {
                return Err(ApiFout::veld(
                    "situatie",
                    format!(
                        "wijkt af van het dossier: daar is {naam} {}, niet {}. De situatie komt uit het dossier van de jeugdige; laat dit veld weg, of laat de school of het wijkteam eerst de onderwijssituatie in het dossier aanpassen",
                        waarde(eigen),
                        waarde(geclaimd)
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Equal as the advice reads them: texts trimmed and without regard to
/// case, a missing school as an empty one, a number as a number.
fn gelijk(a: &Value, b: &Value) -> bool {
    let tekst = |v: &Value| match v {
        Value::Null => Some(String::new()),
        Value::String(s) => Some(s.trim().to_lowercase()),
        _ => None,
    };
    match (tekst(a), tekst(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

fn waarde(v: &Value) -> String {
    match v {
        Value::Null => "leeg".into(),
        Value::Bool(true) => "aanwezig".into(),
        Value::Bool(false) => "afwezig".into(),
        Value::String(s) if s.trim().is_empty() => "leeg".into(),
        Value::String(s) => format!("'{s}'"),
        v => v.to_string(),
    }
}

/// The history of a jeugdige's onderwijssituatie, for whoever may see the
/// jeugdige (the read is logged).
#[utoipa::path(get, path = "/jeugdigen/{id}/onderwijssituaties", operation_id = "lijstOnderwijssituaties", tag = "jeugdigen",
    params(("id" = i64, Path)),
    responses((status = 200, description = "De vastgelegde onderwijssituaties, oudste eerst, met de huidige en de TLV", body = OnderwijssituatiesDto),
              (status = 400, response = OngeldigeInvoer), (status = 403, response = Geweigerd), (status = 404, response = NietGevonden)))]
pub async fn lijst(
    State(state): State<AppState>,
    actor: Actor,
    Pad(JeugdigePad { id }): Pad<JeugdigePad>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let j = dossier.lees_voor(id, "onderwijssituatie.lezen").await?;
    Ok(Json(overzicht(&state, &j).await?))
}

/// The history with the record and TLV that hold today (the API and the
/// jeugdige's page).
pub async fn overzicht(state: &AppState, j: &Jeugdige) -> ApiResultaat<OnderwijssituatiesDto> {
    let vandaag = super::vandaag();
    let historie = state.opslag.onderwijssituaties(j.id).await?;
    let huidig = Onderwijssituatie::op(&historie, vandaag).map(|s| s.id);
    let tlv = tlv_op(state, j, vandaag).await?.map(|t| TlvDto {
        geldig_van: t.geldig_van,
        geldig_tot: t.geldig_tot,
    });
    Ok(OnderwijssituatiesDto {
        items: historie.iter().map(OnderwijssituatieDto::from).collect(),
        huidig,
        tlv,
    })
}

/// Records a jeugdige's onderwijssituatie from a date (the roles that may
/// change the jeugdige's data); audited with the ground it rests on.
#[utoipa::path(post, path = "/jeugdigen/{id}/onderwijssituaties", operation_id = "legOnderwijssituatieVast", tag = "jeugdigen",
    params(("id" = i64, Path)), request_body = OnderwijssituatieInvoer,
    responses((status = 201, description = "De vastgelegde onderwijssituatie", body = OnderwijssituatieDto),
              (status = 400, response = OngeldigeInvoer), (status = 403, response = Geweigerd), (status = 404, response = NietGevonden)))]
pub async fn leg_vast(
    State(state): State<AppState>,
    actor: Actor,
    Pad(JeugdigePad { id }): Pad<JeugdigePad>,
    Invoer(i): Invoer<OnderwijssituatieInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let s = leg_situatie_vast(&dossier, id, i).await?;
    Ok((StatusCode::CREATED, Json(OnderwijssituatieDto::from(&s))))
}

/// Records a situation for `dossier`'s actor (the API and the web page):
/// access first (refusals logged), then the input, checked by the
/// normenkader as an advice for that day would check it.
pub async fn leg_situatie_vast(
    dossier: &Dossier<'_>,
    id: i64,
    i: OnderwijssituatieInvoer,
) -> ApiResultaat<Onderwijssituatie> {
    const GEBEURTENIS: &str = "onderwijssituatie.vastleggen";
    let j = dossier
        .jeugdige_of_weigering(id, GEBEURTENIS, Actie::Wijzigen)
        .await?;
    let grond = dossier
        .toegang(&j, GEBEURTENIS, Actie::Wijzigen, toegang::mag_wijzigen)
        .await?;
    // Situations are the jeugdige's own region's (woonplaatsbeginsel).
    let regels = crate::regels::regels_voor(dossier.state, &j).await?;
    let nieuw = controleer(regels, &j, i, dossier.actor)?;
    let record = dossier.record(
        GEBEURTENIS,
        Actie::Wijzigen,
        Some(&j.bsn),
        ("jeugdige", Some(j.id)),
        Uitkomst::Toegestaan,
        Some(grond_naam(grond)),
    );
    Ok(dossier
        .state
        .opslag
        .leg_onderwijssituatie_vast(&nieuw, &record)
        .await?)
}

fn controleer(
    regels: &schakel_rules::Regelset,
    j: &Jeugdige,
    i: OnderwijssituatieInvoer,
    actor: &Actor,
) -> ApiResultaat<NieuweOnderwijssituatie> {
    let situaties = regels.situaties();
    let situatie = situaties.parse(i.onderwijssituatie.trim()).ok_or_else(|| {
        ApiFout::veld(
            "onderwijssituatie",
            format!(
                "onbekende situatie '{}'; toegestaan: {}",
                i.onderwijssituatie,
                situaties.toegestaan()
            ),
        )
    })?;
    if i.schooldagdelen
        .is_some_and(|d| d > schakel_rules::vraag::DAGDELEN_PER_SCHOOLWEEK)
    {
        return Err(ApiFout::veld(
            "schooldagdelen",
            "verwacht een heel getal van 0 tot en met 9",
        ));
    }
    if i.tot.is_some_and(|t| t < i.van) {
        return Err(ApiFout::veld(
            "tot",
            "ligt vóór 'van'; toegestaan: een datum op of na 'van', of leeg",
        ));
    }
    if i.van < j.geboortedatum {
        return Err(ApiFout::veld(
            "van",
            "ligt vóór de geboortedatum van de jeugdige",
        ));
    }
    let school = i
        .school
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    // The normenkader checks the school's name and the dagdelen as it
    // would for an advice on that day, and names the field.
    regels.advies(&AdviesVraag {
        geboortedatum: j.geboortedatum,
        peildatum: i.van,
        situatie: situatie.clone(),
        school: school.clone(),
        tlv: false,
        schooldagdelen: i.schooldagdelen.unwrap_or(0),
    })?;
    Ok(NieuweOnderwijssituatie {
        jeugdige: j.id,
        situatie: situatie.naam().into(),
        school,
        schooldagdelen: i.schooldagdelen,
        van: i.van,
        tot: i.tot,
        door: actor.door(),
    })
}
