//! Break-the-glass in the web application (issue 12.3): the closed-case
//! page of the wijkteam that ran it shows a short explanation and a form
//! for the reason instead of the dossier; after it, the dossier with a
//! banner saying until when. The region's beheerder lists every use under
//! `/beheer/noodtoegang`. The rules and the logging are the API's
//! (`crate::api::noodtoegang`).

use std::collections::HashMap;

use askama::Template;
use chrono::NaiveDate;
use schakel_storage::{Id, Pagina};
use serde::Deserialize;

use super::formulier::{Fouten, Path, Query};
use super::sessie::{Formulier, Ingelogd, Velden};
use super::{Kop, WebResultaat, naar, opmaak, pagina, pagina_met};
use crate::api::noodtoegang::Stand;
use crate::fout::ApiFout;

#[derive(Template)]
#[template(path = "casus_noodtoegang.html")]
struct Formulierpagina {
    kop: Kop,
    fouten: Fouten,
    id: Id,
    laatste_dag: String,
    reden: String,
    minuten: i64,
}

/// A moment as the clock on the wall in the Netherlands shows it.
fn tijd(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&chrono_tz::Europe::Amsterdam)
        .format("%H:%M")
        .to_string()
}

/// What the closed-case page shows instead of a refusal: the form, when
/// this user may break the glass; otherwise the refusal (`weigering`).
pub async fn na_weigering(wie: &Ingelogd, id: Id, weigering: ApiFout) -> WebResultaat {
    match wie.dossier().noodtoegang_stand(id).await? {
        // Still a refusal of the plain read (403, logged), with the way in.
        Some(Stand::Mogelijk { laatste_dag }) => {
            let mut p = formulier(wie, id, laatste_dag, Fouten::default(), String::new()).await?;
            *p.status_mut() = axum::http::StatusCode::FORBIDDEN;
            Ok(p)
        }
        _ => Err(weigering.into()),
    }
}

async fn formulier(
    wie: &Ingelogd,
    id: Id,
    laatste_dag: NaiveDate,
    fouten: Fouten,
    reden: String,
) -> WebResultaat {
    let status = fouten.status();
    pagina_met(
        status,
        &Formulierpagina {
            kop: Kop::voor(wie, format!("Casus {id} is gesloten"), "/casussen").await?,
            fouten,
            id,
            laatste_dag: opmaak::datum(laatste_dag),
            reden,
            minuten: schakel_domain::toegang::NOODTOEGANG_MINUTEN,
        },
    )
}

/// The banner over a closed case read under a grant: until when.
pub async fn banner(
    wie: &Ingelogd,
    casus: &schakel_storage::Casus,
) -> Result<Option<String>, ApiFout> {
    if casus.open {
        return Ok(None);
    }
    Ok(wie.dossier().noodtoegang_op(casus.id).await?.map(|n| {
        format!(
            "U ziet dit gesloten dossier met noodtoegang tot {}",
            tijd(n.tot)
        )
    }))
}

/// The form's answer: the grant, then the dossier; or the form again with
/// the error at the field.
pub async fn vraag(Path(id): Path<Id>, f: Formulier<Velden>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let invoer: HashMap<String, String> = invoer.into_iter().collect();
    let reden = invoer.get("reden").cloned().unwrap_or_default();
    match wie.dossier().verleen_noodtoegang(id, &reden).await {
        Ok(_) => Ok(naar(format!("/casussen/{id}"))),
        Err(ApiFout::Ongeldig(v)) => {
            let Some(Stand::Mogelijk { laatste_dag }) = wie.dossier().noodtoegang_stand(id).await?
            else {
                return Err(ApiFout::Ongeldig(v).into());
            };
            let mut fouten = Fouten::default();
            fouten.uit_api(&v, &[("reden", "reden", "Reden")]);
            formulier(&wie, id, laatste_dag, fouten, reden).await
        }
        Err(f) => Err(f.into()),
    }
}

pub struct Regel {
    pub verleend: String,
    pub tot: String,
    pub medewerker: String,
    pub organisatie: String,
    pub casus: Id,
    pub huishouden: Id,
    pub reden: String,
}

#[derive(Template)]
#[template(path = "beheer_noodtoegang.html")]
struct Rapport {
    kop: Kop,
    regels: Vec<Regel>,
    totaal: i64,
    van: String,
    tot: String,
}

#[derive(Deserialize, Default)]
pub struct Periode {
    #[serde(default)]
    van: Option<String>,
    #[serde(default)]
    tot: Option<String>,
}

use super::opmaak::moment;

/// The region's break-the-glass uses, newest first (the latest 100), for
/// its beheerder; `?van=&tot=` (JJJJ-MM-DD) narrows the period.
pub async fn rapport(wie: Ingelogd, Query(p): Query<Periode>) -> WebResultaat {
    let dag = |t: &Option<String>, veld: &str| -> Result<Option<NaiveDate>, ApiFout> {
        match t.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            None => Ok(None),
            Some(t) => super::formulier::datum(t, schakel_domain::grens::Datumsoort::Periode)
                .map(Some)
                .map_err(|m| ApiFout::veld(veld, m)),
        }
    };
    let (van, tot) = (dag(&p.van, "van")?, dag(&p.tot, "tot")?);
    let lijst = wie
        .dossier()
        .noodtoegangen(van, tot, Pagina::new(1, Pagina::MAX))
        .await?;
    let regels = lijst
        .items
        .into_iter()
        .map(|n| Regel {
            verleend: moment(n.verleend),
            tot: tijd(n.tot),
            medewerker: n.medewerker_naam,
            organisatie: n.organisatie_naam,
            casus: n.casus,
            huishouden: n.huishouden,
            reden: n.reden,
        })
        .collect();
    pagina(&Rapport {
        kop: Kop::voor(&wie, "Gebruik van noodtoegang", "/beheer").await?,
        regels,
        totaal: lijst.totaal,
        van: van.map(|d| d.to_string()).unwrap_or_default(),
        tot: tot.map(|d| d.to_string()).unwrap_or_default(),
    })
}
