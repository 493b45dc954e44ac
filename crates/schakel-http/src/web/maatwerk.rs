//! The gemeente's toegang reviews maatwerk referrals (issue 14 item 6):
//! the open ones with what was asked, why, and by when the decision is due;
//! a decision with a motivation; and the decisions made. Through the API's
//! `maatwerklijst` and `beoordeel`.

use std::collections::HashMap;

use askama::Template;
use schakel_storage::{GemeentelijkeToets, Id, Pagina};
use serde::Deserialize;

use super::formulier::{Fouten, Path, Query};
use super::jeugdigen::{namen, organisaties};
use super::sessie::{Formulier, Ingelogd};
use super::verwijzingen::regel;
use super::{Kop, WebResultaat, naar, opmaak, pagina_met};
use crate::api::maatwerk::{BeoordelingInvoer, Besluit, Maatwerk, beoordeel, maatwerklijst};
use crate::api::vandaag;

const PER_PAGINA: i64 = 20;

pub struct MaatwerkRegel {
    pub id: Id,
    pub naam: String,
    pub geboortedatum: String,
    pub product: String,
    pub omvang: String,
    pub periode: String,
    pub verwijzer: String,
    pub aanbieder: String,
    pub motivatie: String,
    pub bevindingen: Vec<String>,
    pub regels: Vec<String>,
    pub uiterlijk: String,
    pub verlopen: bool,
    /// Decided: "Akkoord" or "Niet akkoord", the day and the motivation.
    pub besluit: Option<(&'static str, String, String)>,
    /// The form's field ids, and what was entered when it failed.
    pub besluit_id: String,
    pub motivatie_id: String,
    pub gekozen: String,
    pub toelichting: String,
}

fn regel_van(m: Maatwerk, namen: &HashMap<Id, String>) -> MaatwerkRegel {
    let v = &m.verwijzing;
    let r = regel(v, namen);
    let g = &v.gegevens;
    MaatwerkRegel {
        id: v.id,
        naam: m.jeugdige.naam(),
        geboortedatum: opmaak::datum(m.jeugdige.geboortedatum),
        product: r.product,
        omvang: r.omvang,
        periode: r.periode,
        verwijzer: namen.get(&g.door.organisatie).cloned().unwrap_or_default(),
        aanbieder: r.aanbieder,
        motivatie: g.motivatie.clone().unwrap_or_default(),
        bevindingen: g
            .bevindingen
            .as_array()
            .map(|b| {
                b.iter()
                    .filter_map(|x| x["melding"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default(),
        regels: g.regels.clone(),
        uiterlijk: opmaak::datum(m.uiterlijk),
        verlopen: v.beoordeling.is_none() && m.uiterlijk < vandaag(),
        besluit: v.beoordeling.as_ref().map(|b| {
            let wat = if v.gemeentelijke_toets == Some(GemeentelijkeToets::Akkoord) {
                "Akkoord"
            } else {
                "Niet akkoord"
            };
            (
                wat,
                opmaak::datum(schakel_domain::grens::dag_van(b.op)),
                b.motivatie.clone(),
            )
        }),
        besluit_id: format!("besluit-{}", v.id),
        motivatie_id: format!("motivatie-{}", v.id),
        gekozen: String::new(),
        toelichting: String::new(),
    }
}

#[derive(Template)]
#[template(path = "maatwerk.html")]
struct MaatwerkPagina {
    kop: Kop,
    fouten: Fouten,
    melding: Option<&'static str>,
    open: bool,
    regels: Vec<MaatwerkRegel>,
    totaal: i64,
    pagina: i64,
    paginas: i64,
}

#[derive(Deserialize, Default)]
pub struct MaatwerkVraag {
    status: Option<String>,
    pagina: Option<i64>,
    gelukt: Option<String>,
}

async fn maatwerkpagina(
    wie: &Ingelogd,
    open: bool,
    pagina: i64,
    fouten: Fouten,
    melding: Option<&'static str>,
    invoer: (Id, String, String),
) -> WebResultaat {
    let pagina = pagina.clamp(1, crate::api::PaginaVraag::MAX_PAGINA);
    let lijst = maatwerklijst(&wie.dossier(), open, Pagina::new(pagina, PER_PAGINA)).await?;
    let namen = namen(&organisaties(&wie.state).await?);
    let regels = lijst
        .items
        .into_iter()
        .map(|m| {
            let mut r = regel_van(m, &namen);
            if r.id == invoer.0 {
                (r.gekozen, r.toelichting) = (invoer.1.clone(), invoer.2.clone());
            }
            r
        })
        .collect();
    let titel = if open {
        "Maatwerk beoordelen"
    } else {
        "Besluiten over maatwerk"
    };
    pagina_met(
        fouten.status(),
        &MaatwerkPagina {
            kop: Kop::voor(wie, titel, "/maatwerk").await?,
            fouten,
            melding,
            open,
            regels,
            totaal: lijst.totaal,
            pagina,
            paginas: (lijst.totaal + PER_PAGINA - 1) / PER_PAGINA,
        },
    )
}

pub async fn lijst(wie: Ingelogd, Query(v): Query<MaatwerkVraag>) -> WebResultaat {
    let open = v.status.as_deref() != Some("besloten");
    let melding = match v.gelukt.as_deref() {
        Some("akkoord") => Some("Uw besluit is vastgelegd: akkoord."),
        Some("niet_akkoord") => Some("Uw besluit is vastgelegd: niet akkoord."),
        _ => None,
    };
    maatwerkpagina(
        &wie,
        open,
        v.pagina.unwrap_or(1),
        Fouten::default(),
        melding,
        Default::default(),
    )
    .await
}

/// The decision's form: `besluit`, and the motivation in the field named
/// after its referral (`motivatie-{id}`: one form per referral on a page).
pub async fn besluit(Path(id): Path<Id>, f: Formulier<HashMap<String, String>>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let (besluit_veld, motivatie_veld) = (format!("besluit-{id}"), format!("motivatie-{id}"));
    let veld = |naam: &str| invoer.get(naam).cloned().unwrap_or_default();
    let (gekozen, motivatie) = (veld("besluit"), veld(&motivatie_veld));
    let terug = (id, gekozen.clone(), motivatie.clone());
    let mut fouten = Fouten::default();
    let Some(besluit) = Besluit::parse(&gekozen) else {
        fouten.veld(&besluit_veld, "Besluit", "Kies akkoord of niet akkoord.");
        return maatwerkpagina(&wie, true, 1, fouten, None, terug).await;
    };
    let i = BeoordelingInvoer { besluit, motivatie };
    match beoordeel(&wie.dossier(), id, &i).await {
        Ok(_) => Ok(naar(format!(
            "/maatwerk?gelukt={}",
            if besluit == Besluit::Akkoord {
                "akkoord"
            } else {
                "niet_akkoord"
            }
        ))),
        Err(f) => {
            fouten.uit(f, &[("motivatie", motivatie_veld.as_str(), "Toelichting")])?;
            maatwerkpagina(&wie, true, 1, fouten, None, terug).await
        }
    }
}
