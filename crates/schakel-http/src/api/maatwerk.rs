//! The municipality reviews maatwerk (issue 14 item 6). A referral outside
//! the normenkader is stored only with the verwijzer's motivation and waits
//! for the gemeente: seed 004 has verwijzers refer "met inachtneming van de
//! normenkaders", and what goes beyond them is the municipality's decision.
//! The gemeente's `toegang` role sees its region's maatwerk referrals —
//! only those, never a dossier — and decides akkoord or niet akkoord with a
//! motivation, within a term (default 8 weeks) that is an action with a due
//! date for the gemeente. A referral turned down takes no delivery.

use axum::Json;
use axum::extract::State;
use axum::response::IntoResponse;
use chrono::{Days, NaiveDate};
use schakel_domain::{OrganisatieSoort, Rol};
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{
    GemeentelijkeToets, Id, Jeugdige, Lijst, MaatwerkFilter, NieuwActiepunt, NieuweBeoordeling,
    Pagina, Verwijzing,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::verwijzingen::{VerwijzingDto, VerwijzingPad};
use super::{PaginaAntwoord, PaginaVraag};
use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::{Invoer, Pad, Vraag};
use crate::openapi::{Conflict, Geweigerd, OngeldigeInvoer};
use crate::state::AppState;

/// Where the review's action comes from, as shown under "Bronnen".
pub const TOETS_BRON: &str = "004 normenkader: maatwerk buiten de normen, de gemeente besluit";
/// Length of a decision's motivation, in characters.
pub const MOTIVATIE: std::ops::RangeInclusive<usize> = 10..=2000;

/// A maatwerk referral as the toegang sees it: the referral, the child it
/// is for, and the day the decision is due.
pub struct Maatwerk {
    pub verwijzing: Verwijzing,
    pub jeugdige: Jeugdige,
    pub uiterlijk: NaiveDate,
}

/// The day the municipality's decision on `v` is due.
pub fn uiterlijk(state: &AppState, v: &Verwijzing) -> NaiveDate {
    let dag = schakel_domain::grens::dag_van(v.aangemaakt);
    dag.checked_add_days(Days::new(state.instellingen.toetstermijn_dagen))
        .unwrap_or(dag)
}

/// The review's action for the gemeente of the verwijzer's region, due at
/// the end of the term; none when the region has no gemeente yet.
pub async fn toetsactie(state: &AppState, regio: Id) -> ApiResultaat<Option<NieuwActiepunt>> {
    let Some(gemeente) = gemeente_van_regio(state, regio).await? else {
        return Ok(None);
    };
    let uiterlijk = crate::api::vandaag()
        .checked_add_days(Days::new(state.instellingen.toetstermijn_dagen))
        .ok_or_else(|| ApiFout::intern("toetstermijn buiten het bereik van datums"))?;
    Ok(Some(NieuwActiepunt {
        casus: None,
        verwijzing: None,
        organisatie: gemeente,
        medewerker: None,
        wat: "Maatwerkverwijzing beoordelen: akkoord of niet akkoord".into(),
        bron: MaatwerkFilter::ACTIE_BRON.into(),
        uiterlijk,
    }))
}

/// The region's gemeente: the first organisation of that kind.
async fn gemeente_van_regio(state: &AppState, regio: Id) -> ApiResultaat<Option<Id>> {
    Ok(super::organisaties::alle(state)
        .await?
        .iter()
        .find(|o| o.regio == regio && o.soort == OrganisatieSoort::Gemeente)
        .map(|o| o.id))
}

impl Dossier<'_> {
    /// The toegang's region; any other role is refused (and logged).
    async fn toegang_regio(&self, gebeurtenis: &str, actie: Actie) -> ApiResultaat<Id> {
        self.eis_rol_gelogd(
            &[Rol::Toegang],
            gebeurtenis,
            actie,
            "verwijzing",
            "Maatwerkverwijzingen beoordeelt de toegang van de gemeente",
        )
        .await?;
        Ok(self.eigen_organisatie().await?.regio)
    }
}

/// The region's maatwerk referrals for its toegang, open (oldest first) or
/// decided (latest first); every child shown is logged as a read on the
/// ground of the review.
pub async fn maatwerklijst(
    dossier: &Dossier<'_>,
    open: bool,
    pagina: Pagina,
) -> ApiResultaat<Lijst<Maatwerk>> {
    let regio = dossier
        .toegang_regio("verwijzing.maatwerk", Actie::Lezen)
        .await?;
    let state = dossier.state;
    let lijst = state
        .opslag
        .maatwerkverwijzingen(MaatwerkFilter { regio, open }, pagina)
        .await?;
    let mut items = Vec::with_capacity(lijst.items.len());
    let mut records = Vec::with_capacity(lijst.items.len());
    for v in lijst.items {
        let jeugdige = state
            .opslag
            .jeugdige(v.gegevens.jeugdige)
            .await?
            .ok_or_else(|| ApiFout::intern("een verwijzing zonder jeugdige"))?;
        records.push(dossier.record(
            "verwijzing.maatwerk",
            Actie::Lezen,
            Some(&jeugdige.bsn),
            ("verwijzing", Some(v.id)),
            Uitkomst::Toegestaan,
            Some("gemeentelijke_toets"),
        ));
        items.push(Maatwerk {
            uiterlijk: uiterlijk(state, &v),
            verwijzing: v,
            jeugdige,
        });
    }
    state.opslag.schrijf_audits(records).await?;
    Ok(Lijst {
        items,
        totaal: lijst.totaal,
    })
}

/// What the toegang decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Besluit {
    Akkoord,
    NietAkkoord,
}

impl Besluit {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "akkoord" => Some(Self::Akkoord),
            "niet_akkoord" => Some(Self::NietAkkoord),
            _ => None,
        }
    }

    fn toets(self) -> GemeentelijkeToets {
        match self {
            Self::Akkoord => GemeentelijkeToets::Akkoord,
            Self::NietAkkoord => GemeentelijkeToets::Afgewezen,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BeoordelingInvoer {
    pub besluit: Besluit,
    /// Why, for the verwijzer and the provider: 10 to 2000 characters.
    pub motivatie: String,
}

/// Records the toegang's decision on a maatwerk referral of its region
/// (the API and the web page).
pub async fn beoordeel(
    dossier: &Dossier<'_>,
    id: Id,
    i: &BeoordelingInvoer,
) -> ApiResultaat<Verwijzing> {
    const GEBEURTENIS: &str = "verwijzing.beoordelen";
    let state = dossier.state;
    let v = state.opslag.verwijzing(id).await?;
    let j = match &v {
        Some(v) => state.opslag.jeugdige(v.gegevens.jeugdige).await?,
        None => None,
    };
    let weiger = |reden: &'static str, melding: &'static str| {
        dossier.weiger(
            GEBEURTENIS,
            Actie::Wijzigen,
            j.as_ref(),
            ("verwijzing", Some(id)),
            reden,
            melding.into(),
        )
    };
    // The role first, logged about the child when the referral exists.
    if dossier.actor.rol.rol != Rol::Toegang {
        return Err(weiger(
            "rol_niet_bevoegd",
            "Maatwerkverwijzingen beoordeelt de toegang van de gemeente",
        )
        .await);
    }
    let regio = dossier.eigen_organisatie().await?.regio;
    let van_regio = match &v {
        Some(v) => state
            .opslag
            .organisatie(v.gegevens.door.organisatie)
            .await?
            .is_some_and(|o| o.regio == regio),
        None => false,
    };
    let (Some(_), Some(j), true) = (v, &j, van_regio) else {
        // Unknown and another region's referral are answered alike.
        return Err(weiger(
            crate::dossier::ONBEKEND_ID,
            "Deze verwijzing hoort niet bij de maatwerkverwijzingen van uw regio",
        )
        .await);
    };
    let motivatie = i.motivatie.trim();
    if !MOTIVATIE.contains(&motivatie.chars().count()) {
        return Err(ApiFout::veld(
            "motivatie",
            format!(
                "verwacht een toelichting van {} tot en met {} tekens",
                MOTIVATIE.start(),
                MOTIVATIE.end()
            ),
        ));
    }
    let besluit = i.besluit.toets();
    let record = dossier.record(
        GEBEURTENIS,
        Actie::Wijzigen,
        Some(&j.bsn),
        ("verwijzing", Some(id)),
        Uitkomst::Toegestaan,
        Some(besluit.naam()),
    );
    let b = NieuweBeoordeling {
        verwijzing: id,
        besluit,
        motivatie: motivatie.to_string(),
        door: dossier.actor.door(),
    };
    Ok(state.opslag.beoordeel_verwijzing(&b, &record).await?)
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MaatwerkVraag {
    /// `open` (waiting for a decision, the default) or `besloten`.
    pub status: Option<String>,
    pub pagina: Option<i64>,
    pub per_pagina: Option<i64>,
}

impl MaatwerkVraag {
    fn open(&self) -> ApiResultaat<bool> {
        match self.status.as_deref() {
            None | Some("open") => Ok(true),
            Some("besloten") => Ok(false),
            Some(_) => Err(ApiFout::veld("status", "toegestaan: open | besloten")),
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MaatwerkDto {
    pub verwijzing: VerwijzingDto,
    /// The child's name, for the decision about them.
    pub jeugdige_naam: String,
    pub geboortedatum: NaiveDate,
    /// The day the decision is due.
    pub uiterlijk: NaiveDate,
}

/// The region's maatwerk referrals, for the gemeente's toegang only.
#[utoipa::path(get, path = "/maatwerkverwijzingen", operation_id = "lijstMaatwerkverwijzingen", tag = "route",
    params(MaatwerkVraag),
    responses((status = 200, description = "Een pagina maatwerkverwijzingen van de regio",
                body = inline(PaginaAntwoord<MaatwerkDto>)),
              (status = 400, response = OngeldigeInvoer),
              (status = 403, response = Geweigerd)))]
pub async fn lijst(
    State(state): State<AppState>,
    actor: Actor,
    Vraag(v): Vraag<MaatwerkVraag>,
) -> ApiResultaat<impl IntoResponse> {
    let open = v.open()?;
    let p = PaginaVraag {
        pagina: v.pagina,
        per_pagina: v.per_pagina,
    }
    .pagina()?;
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let lijst = maatwerklijst(&dossier, open, p).await?;
    let items = lijst
        .items
        .into_iter()
        .map(|m| MaatwerkDto {
            jeugdige_naam: m.jeugdige.naam(),
            geboortedatum: m.jeugdige.geboortedatum,
            uiterlijk: m.uiterlijk,
            verwijzing: VerwijzingDto::from(m.verwijzing),
        })
        .collect();
    Ok(Json(PaginaAntwoord::new(items, &p, lijst.totaal)))
}

/// The toegang decides on a maatwerk referral of its region: akkoord or
/// niet akkoord, with a motivation the verwijzer and provider see.
#[utoipa::path(post, path = "/verwijzingen/{id}/beoordeling", operation_id = "beoordeelVerwijzing", tag = "route",
    params(("id" = i64, Path)), request_body = BeoordelingInvoer,
    responses((status = 200, description = "De verwijzing met het besluit van de gemeente", body = VerwijzingDto),
              (status = 400, response = OngeldigeInvoer),
              (status = 403, response = Geweigerd),
              (status = 409, response = Conflict)))]
pub async fn besluit(
    State(state): State<AppState>,
    actor: Actor,
    Pad(VerwijzingPad { id }): Pad<VerwijzingPad>,
    Invoer(i): Invoer<BeoordelingInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let v = beoordeel(&dossier, id, &i).await?;
    Ok(Json(VerwijzingDto::from(v)))
}
