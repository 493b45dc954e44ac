//! Households, jeugdigen and the relations that give access to them.
//! Every read and write of a jeugdige's data is logged (see `dossier`).

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use schakel_domain::grens::{self, Datumsoort};
use schakel_domain::{Bsn, Huisnummer, Postcode};
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{
    Huishouden, Jeugdige, JeugdigeWijziging, JeugdigenFilter, JeugdigenSortering, NieuwHuishouden,
    NieuweJeugdige, Vertegenwoordiger,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{PaginaAntwoord, PaginaVraag};
use crate::api::lijstkeuze::keuze;
use crate::auth::Actor;
use crate::dossier::{Dossier, REGISTREREN};
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::{Controle, Invoer, Pad, Vraag};
use crate::openapi::{
    Conflict, Geweigerd, IfMatchVereist, NietGevonden, OngeldigeInvoer, VersieVerouderd,
};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JeugdigeDto {
    pub id: i64,
    pub huishouden: i64,
    pub bsn: String,
    pub voornaam: String,
    pub achternaam: String,
    pub geboortedatum: NaiveDate,
    pub postcode: String,
    pub huisnummer: u32,
    pub toevoeging: Option<String>,
    pub school: Option<i64>,
    pub versie: i64,
    /// Jeugdwet art. 7.3.8: kept until this date (20 years after the last change).
    pub bewaren_tot: NaiveDate,
}

impl From<&Jeugdige> for JeugdigeDto {
    fn from(j: &Jeugdige) -> Self {
        Self {
            id: j.id,
            huishouden: j.huishouden,
            bsn: j.bsn.als_tekst().into(),
            voornaam: j.gegevens.voornaam.clone(),
            achternaam: j.gegevens.achternaam.clone(),
            geboortedatum: j.geboortedatum,
            postcode: j.gegevens.postcode.als_tekst().into(),
            huisnummer: j.gegevens.huisnummer.waarde(),
            toevoeging: j.gegevens.toevoeging.clone(),
            school: j.gegevens.school,
            versie: j.versie,
            bewaren_tot: j.bewaren_tot,
        }
    }
}

fn etag(versie: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{versie}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

fn met_etag(j: &Jeugdige, status: StatusCode) -> Response {
    let mut r = (status, Json(JeugdigeDto::from(j))).into_response();
    r.headers_mut().insert(header::ETAG, etag(j.versie));
    if status == StatusCode::CREATED
        && let Ok(plek) = HeaderValue::from_str(&format!("/api/v1/jeugdigen/{}", j.id))
    {
        r.headers_mut().insert(header::LOCATION, plek);
    }
    r
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GegevensInvoer {
    pub voornaam: String,
    pub achternaam: String,
    pub postcode: String,
    pub huisnummer: u32,
    pub toevoeging: Option<String>,
    pub school: Option<i64>,
}

impl GegevensInvoer {
    fn controleer(self, c: &mut Controle) -> Option<JeugdigeWijziging> {
        let voornaam = c.naam("voornaam", &self.voornaam);
        let achternaam = c.naam("achternaam", &self.achternaam);
        let postcode = c.veld("postcode", Postcode::parse(&self.postcode));
        let huisnummer = c.veld("huisnummer", Huisnummer::new(self.huisnummer));
        let toevoeging = self
            .toevoeging
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        c.eis(
            "toevoeging",
            toevoeging.as_ref().is_none_or(|t| t.len() <= 4),
            "hoogstens 4 tekens",
        );
        Some(JeugdigeWijziging {
            voornaam: voornaam?,
            achternaam: achternaam?,
            postcode: postcode?,
            huisnummer: huisnummer?,
            toevoeging,
            school: self.school,
        })
    }
}

/// A new jeugdige. The fields are spelled out rather than flattened from
/// [`GegevensInvoer`]: serde's `flatten` loses the field path of type errors
/// and does not combine with `deny_unknown_fields`.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JeugdigeInvoer {
    pub huishouden: i64,
    pub bsn: String,
    pub geboortedatum: NaiveDate,
    pub voornaam: String,
    pub achternaam: String,
    pub postcode: String,
    pub huisnummer: u32,
    pub toevoeging: Option<String>,
    pub school: Option<i64>,
}

/// `/jeugdigen/{id}`
#[derive(Deserialize)]
pub struct JeugdigePad {
    pub id: i64,
}

/// The jeugdigen the current role has a relation with (need to know).
/// `?school=12&sorteer=naam`: the list narrowed to a school's pupils and
/// ordered (a name or BSN never goes in a URL: see `POST /jeugdigen/_zoek`).
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JeugdigenKeuze {
    /// Only the pupils of this school (an organisation id).
    pub school: Option<i64>,
    /// `registratie` (default), `naam` (achternaam, voornaam) or `leeftijd` (youngest first).
    pub sorteer: Option<String>,
}

/// A search in the jeugdigen this role may see: by part of the name and/or
/// a whole BSN, in the body so neither ends up in a URL or a log.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JeugdigenZoekvraag {
    /// Part of "voornaam achternaam", any case (at most 100 characters).
    #[schema(max_length = 100)]
    pub naam: Option<String>,
    /// A whole BSN (9 digits, 11-proef). A search that finds no one is logged too.
    #[schema(pattern = "^[0-9]{9}$")]
    pub bsn: Option<String>,
    pub school: Option<i64>,
    /// `registratie` (default), `naam` or `leeftijd`.
    pub sorteer: Option<String>,
}

impl JeugdigenZoekvraag {
    /// The storage filter, each wrong field named with what is allowed
    /// (the name and BSN checked as the web list checks them).
    pub fn filter(&self) -> Result<JeugdigenFilter, ApiFout> {
        let mut c = Controle::default();
        let zoek = c
            .veld(
                "naam",
                schakel_storage::zoekterm(self.naam.as_deref().unwrap_or_default()),
            )
            .flatten();
        let bsn = c
            .veld(
                "bsn",
                schakel_storage::zoek_bsn(self.bsn.as_deref().unwrap_or_default()),
            )
            .flatten();
        let sortering = keuze(
            &mut c,
            "sorteer",
            self.sorteer.as_deref(),
            &JeugdigenSortering::ALLE,
            JeugdigenSortering::naam,
        )
        .unwrap_or_default();
        c.klaar()?;
        Ok(JeugdigenFilter {
            zoek,
            bsn,
            school: self.school,
            sortering,
        })
    }
}

#[utoipa::path(get, path = "/jeugdigen", operation_id = "lijstJeugdigen", tag = "jeugdigen", params(PaginaVraag, JeugdigenKeuze),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "Een pagina met de jeugdigen die deze rol mag zien (elke inzage gelogd)", body = inline(PaginaAntwoord<JeugdigeDto>)), (status = 403, response = Geweigerd)))]
pub async fn lijst(
    State(state): State<AppState>,
    actor: Actor,
    Vraag(p): Vraag<PaginaVraag>,
    Vraag(k): Vraag<JeugdigenKeuze>,
) -> ApiResultaat<impl IntoResponse> {
    let vraag = JeugdigenZoekvraag {
        school: k.school,
        sorteer: k.sorteer,
        ..Default::default()
    };
    zoek_en_geef(&state, &actor, &vraag, p).await
}

#[utoipa::path(post, path = "/jeugdigen/_zoek", operation_id = "zoekJeugdigen", tag = "jeugdigen", params(PaginaVraag),
    request_body = JeugdigenZoekvraag,
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "Een pagina met de gevonden jeugdigen die deze rol mag zien (elke inzage en elke zoekvraag op BSN gelogd)", body = inline(PaginaAntwoord<JeugdigeDto>)), (status = 403, response = Geweigerd)))]
pub async fn zoek(
    State(state): State<AppState>,
    actor: Actor,
    Vraag(p): Vraag<PaginaVraag>,
    Invoer(vraag): Invoer<JeugdigenZoekvraag>,
) -> ApiResultaat<impl IntoResponse> {
    zoek_en_geef(&state, &actor, &vraag, p).await
}

async fn zoek_en_geef(
    state: &AppState,
    actor: &Actor,
    vraag: &JeugdigenZoekvraag,
    p: PaginaVraag,
) -> ApiResultaat<Json<PaginaAntwoord<JeugdigeDto>>> {
    let pagina = p.pagina()?;
    let filter = vraag.filter()?;
    let lijst = Dossier { state, actor }.zoek(&filter, pagina).await?;
    Ok(Json(PaginaAntwoord::new(
        lijst.items.iter().map(JeugdigeDto::from).collect(),
        &pagina,
        lijst.totaal,
    )))
}

/// Registers a jeugdige in a household.
#[utoipa::path(post, path = "/jeugdigen", operation_id = "maakJeugdige", tag = "jeugdigen", request_body = JeugdigeInvoer,
    responses((status = 201, description = "De nieuwe jeugdige", body = JeugdigeDto), (status = 400, response = OngeldigeInvoer),
              (status = 409, response = Conflict)))]
pub async fn maak(
    State(state): State<AppState>,
    actor: Actor,
    Invoer(i): Invoer<JeugdigeInvoer>,
) -> ApiResultaat<Response> {
    let nieuw = controleer_jeugdige(i)?;
    let j = Dossier {
        state: &state,
        actor: &actor,
    }
    .maak(&nieuw)
    .await?;
    Ok(met_etag(&j, StatusCode::CREATED))
}

/// A new jeugdige's input checked, every problem named by its field (the
/// API and the web page's registration form).
pub fn controleer_jeugdige(i: JeugdigeInvoer) -> ApiResultaat<NieuweJeugdige> {
    let mut c = Controle::default();
    let bsn = c.veld("bsn", Bsn::parse(&i.bsn));
    c.veld(
        "geboortedatum",
        Datumsoort::Geboortedatum.controleer(i.geboortedatum),
    );
    let gegevens = GegevensInvoer {
        voornaam: i.voornaam,
        achternaam: i.achternaam,
        postcode: i.postcode,
        huisnummer: i.huisnummer,
        toevoeging: i.toevoeging,
        school: i.school,
    }
    .controleer(&mut c);
    c.klaar()?;
    let (Some(bsn), Some(gegevens)) = (bsn, gegevens) else {
        return Err(ApiFout::veld("body", "onvolledig"));
    };
    Ok(NieuweJeugdige {
        huishouden: i.huishouden,
        bsn,
        geboortedatum: i.geboortedatum,
        gegevens,
    })
}

/// A jeugdige's changed data, checked (the API and the web page).
pub fn controleer_gegevens(i: GegevensInvoer) -> ApiResultaat<JeugdigeWijziging> {
    let mut c = Controle::default();
    let gegevens = i.controleer(&mut c);
    c.klaar()?;
    gegevens.ok_or_else(|| ApiFout::veld("body", "onvolledig"))
}

/// One jeugdige, with its version as ETag.
#[utoipa::path(get, path = "/jeugdigen/{id}", operation_id = "leesJeugdige", tag = "jeugdigen", params(("id" = i64, Path)),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "De jeugdige; de ETag is de versie", body = JeugdigeDto, headers(("ETag" = String))), (status = 403, response = Geweigerd),
              (status = 404, response = NietGevonden)))]
pub async fn lees(
    State(state): State<AppState>,
    actor: Actor,
    Pad(JeugdigePad { id }): Pad<JeugdigePad>,
) -> ApiResultaat<Response> {
    let j = Dossier {
        state: &state,
        actor: &actor,
    }
    .lees(id)
    .await?;
    Ok(met_etag(&j, StatusCode::OK))
}

/// Changes a jeugdige's data. Requires If-Match with the ETag last read: a
/// stale write gets 412 and changes nothing.
#[utoipa::path(put, path = "/jeugdigen/{id}", operation_id = "wijzigJeugdige", tag = "jeugdigen", params(("id" = i64, Path), ("If-Match" = String, Header)),
    request_body = GegevensInvoer,
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "De gewijzigde jeugdige", body = JeugdigeDto), (status = 412, response = VersieVerouderd),
              (status = 428, response = IfMatchVereist)))]
pub async fn wijzig(
    State(state): State<AppState>,
    actor: Actor,
    Pad(JeugdigePad { id }): Pad<JeugdigePad>,
    headers: HeaderMap,
    Invoer(i): Invoer<GegevensInvoer>,
) -> ApiResultaat<Response> {
    let if_match = headers
        .get(header::IF_MATCH)
        .ok_or(ApiFout::IfMatchVereist)?;
    let versie: i64 = if_match
        .to_str()
        .ok()
        .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            ApiFout::veld(
                "If-Match",
                "verwacht de ETag van de laatst opgehaalde versie, bijvoorbeeld \"3\"",
            )
        })?;
    let gegevens = controleer_gegevens(i)?;
    let j = Dossier {
        state: &state,
        actor: &actor,
    }
    .wijzig(id, versie, &gegevens)
    .await?;
    Ok(met_etag(&j, StatusCode::OK))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HuishoudenInvoer {
    pub vertegenwoordigers: Vec<VertegenwoordigerInvoer>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HuishoudenDto {
    pub id: i64,
    pub vertegenwoordigers: Vec<VertegenwoordigerInvoer>,
    pub jeugdigen: Vec<i64>,
    pub gewijzigd: chrono::DateTime<chrono::Utc>,
    /// Jeugdwet art. 7.3.8: kept until this date (20 years after the last change).
    pub bewaren_tot: NaiveDate,
}

impl From<Huishouden> for HuishoudenDto {
    fn from(h: Huishouden) -> Self {
        Self {
            id: h.id,
            vertegenwoordigers: h
                .vertegenwoordigers
                .into_iter()
                .map(|v| VertegenwoordigerInvoer {
                    naam: v.naam,
                    relatie: v.relatie,
                })
                .collect(),
            jeugdigen: h.jeugdigen,
            gewijzigd: h.gewijzigd,
            bewaren_tot: h.bewaren_tot,
        }
    }
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VertegenwoordigerInvoer {
    pub naam: String,
    /// ouder, voogd, …
    pub relatie: String,
}

/// Registers a household with its wettelijk vertegenwoordigers.
#[utoipa::path(post, path = "/huishoudens", operation_id = "maakHuishouden", tag = "jeugdigen", request_body = HuishoudenInvoer,
    responses((status = 201, description = "Het nieuwe huishouden", body = HuishoudenDto), (status = 400, response = OngeldigeInvoer)))]
pub async fn maak_huishouden(
    State(state): State<AppState>,
    actor: Actor,
    Invoer(i): Invoer<HuishoudenInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let h = registreer_huishouden(&dossier, i).await?;
    Ok((StatusCode::CREATED, Json(HuishoudenDto::from(h))))
}

/// A household has a few wettelijk vertegenwoordigers, never hundreds.
pub const MAX_VERTEGENWOORDIGERS: usize = 10;

/// Registers a household for `dossier`'s actor (the API and the web page).
pub async fn registreer_huishouden(
    dossier: &Dossier<'_>,
    i: HuishoudenInvoer,
) -> ApiResultaat<Huishouden> {
    let (state, actor) = (dossier.state, dossier.actor);
    dossier.eis_rol(&REGISTREREN, "huishoudens registreren")?;
    let mut c = Controle::default();
    c.eis(
        "vertegenwoordigers",
        i.vertegenwoordigers.len() <= MAX_VERTEGENWOORDIGERS,
        &format!("ten hoogste {MAX_VERTEGENWOORDIGERS} vertegenwoordigers"),
    );
    for (n, v) in i.vertegenwoordigers.iter().enumerate() {
        c.naam(&format!("vertegenwoordigers[{n}].naam"), &v.naam);
        c.eis(
            &format!("vertegenwoordigers[{n}].relatie"),
            !v.relatie.trim().is_empty(),
            "verplicht, bijvoorbeeld ouder of voogd",
        );
        c.veld(
            &format!("vertegenwoordigers[{n}].relatie"),
            grens::tekst(&v.relatie, grens::MAX_NAAM),
        );
    }
    c.klaar()?;
    let nieuw = NieuwHuishouden {
        vertegenwoordigers: i
            .vertegenwoordigers
            .into_iter()
            .map(|v| Vertegenwoordiger {
                naam: v.naam.trim().into(),
                relatie: v.relatie.trim().into(),
            })
            .collect(),
        aangemaakt_door: Some(actor.rol.organisatie),
    };
    let record = dossier.record(
        "huishouden.aanmaken",
        Actie::Aanmaken,
        None,
        ("huishouden", None),
        Uitkomst::Toegestaan,
        Some("registratie"),
    );
    Ok(state.opslag.maak_huishouden(&nieuw, &record).await?)
}
