//! A jeugdige's onderwijssituatie in the dossier (issue 14, item 5): its
//! history and the TLV from the case, for whoever may see the jeugdige;
//! the form to record a new one for the roles that may change the
//! jeugdige's data. Through the API's `leg_situatie_vast`.

use askama::Template;
use schakel_domain::Rol;
use schakel_domain::grens::Datumsoort;
use schakel_rules::Regelset;
use schakel_storage::Id;
use serde::Deserialize;

use super::advies::{schoolkeuzes, situatiekeuzes_van};
use super::formulier::{Fouten, Keuze, Path};
use super::sessie::{Formulier, Ingelogd};
use super::{Kop, WebResultaat, naar, opmaak, pagina_met};
use crate::api::onderwijssituatie::{
    Dossiersituatie, OnderwijssituatieInvoer, OnderwijssituatiesDto, leg_situatie_vast, overzicht,
};

/// "<the situation's label>; school: <name>; TLV tot en met 31 juli 2027; …"
pub fn beschrijving(regels: Option<&Regelset>, d: &Dossiersituatie) -> String {
    let g = &d.record.gegevens;
    let mut delen = vec![opmaak::situatie(regels, &g.situatie)];
    if let Some(school) = &g.school {
        delen.push(format!("school: {school}"));
    }
    delen.push(match d.tlv {
        Some(t) => format!("TLV tot en met {}", opmaak::datum(t.geldig_tot)),
        None => "geen TLV in het dossier".into(),
    });
    if let Some(n) = g.schooldagdelen {
        delen.push(format!("{n} dagdelen per week op school"));
    }
    delen.push(format!("vastgelegd vanaf {}", opmaak::datum(g.van)));
    delen.join("; ")
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct SituatieFormulier {
    onderwijssituatie: String,
    school: String,
    schooldagdelen: String,
    van: String,
    tot: String,
}

const VELDEN: [(&str, &str, &str); 5] = [
    (
        "onderwijssituatie",
        "onderwijssituatie",
        "Onderwijssituatie",
    ),
    ("school", "school", "School"),
    (
        "schooldagdelen",
        "schooldagdelen",
        "Dagdelen per week op school",
    ),
    ("van", "van", "Vanaf"),
    ("tot", "tot", "Tot en met"),
];

pub struct SituatieRegel {
    pub situatie: String,
    pub school: String,
    pub schooldagdelen: String,
    pub periode: String,
    pub huidig: bool,
}

#[derive(Template)]
#[template(path = "onderwijssituatie.html")]
struct Pagina {
    kop: Kop,
    id: Id,
    naam: String,
    gelukt: bool,
    fouten: Fouten,
    historie: Vec<SituatieRegel>,
    tlv: Option<String>,
    mag_wijzigen: bool,
    invoer: SituatieFormulier,
    situaties: Vec<Keuze>,
    scholen: Vec<Keuze>,
}

#[derive(Deserialize, Default)]
pub struct Gelukt {
    gelukt: Option<String>,
}

fn historie(regels: Option<&Regelset>, o: &OnderwijssituatiesDto) -> Vec<SituatieRegel> {
    o.items
        .iter()
        .map(|s| SituatieRegel {
            situatie: opmaak::situatie(regels, &s.onderwijssituatie),
            school: s.school.clone().unwrap_or_default(),
            schooldagdelen: s.schooldagdelen.map(|d| d.to_string()).unwrap_or_default(),
            periode: match s.tot {
                Some(t) => format!("{} tot en met {}", opmaak::datum(s.van), opmaak::datum(t)),
                None => format!("vanaf {}", opmaak::datum(s.van)),
            },
            huidig: o.huidig == Some(s.id),
        })
        .collect()
}

async fn toon(
    wie: &Ingelogd,
    id: Id,
    fouten: Fouten,
    invoer: SituatieFormulier,
    gelukt: bool,
) -> WebResultaat {
    let j = wie
        .dossier()
        .lees_voor(id, "onderwijssituatie.lezen")
        .await?;
    let o = overzicht(&wie.state, &j).await?;
    // The jeugdige's own region's situations (woonplaatsbeginsel).
    let regels = crate::regels::regels_of_geen(&wie.state, &j).await?;
    let status = fouten.status();
    pagina_met(
        status,
        &Pagina {
            kop: Kop::voor(wie, "Onderwijssituatie", "/jeugdigen").await?,
            id,
            naam: j.naam(),
            gelukt,
            fouten,
            historie: historie(regels, &o),
            tlv: o.tlv.as_ref().map(|t| {
                format!(
                    "{} tot en met {}",
                    opmaak::datum(t.geldig_van),
                    opmaak::datum(t.geldig_tot)
                )
            }),
            mag_wijzigen: matches!(
                wie.rol(),
                Rol::Zorgcoordinator | Rol::Casusregisseur | Rol::Wijkteammedewerker
            ),
            invoer,
            situaties: situatiekeuzes_van(regels),
            scholen: schoolkeuzes(regels),
        },
    )
}

pub async fn pagina(
    wie: Ingelogd,
    Path(id): Path<Id>,
    super::formulier::Query(g): super::formulier::Query<Gelukt>,
) -> WebResultaat {
    toon(
        &wie,
        id,
        Fouten::default(),
        SituatieFormulier::default(),
        g.gelukt.is_some(),
    )
    .await
}

pub async fn leg_vast(Path(id): Path<Id>, f: Formulier<SituatieFormulier>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let mut fouten = Fouten::default();
    let van = super::formulier::datum(&invoer.van, Datumsoort::Periode)
        .map_err(|m| fouten.veld("van", "Vanaf", m))
        .ok();
    let tot = match invoer.tot.trim() {
        "" => Some(None),
        t => super::formulier::datum(t, Datumsoort::Periode)
            .map(Some)
            .map_err(|m| fouten.veld("tot", "Tot en met", m))
            .ok(),
    };
    let schooldagdelen = match invoer.schooldagdelen.trim() {
        "" => Some(None),
        d => d
            .parse::<u8>()
            .map(Some)
            .map_err(|_| {
                fouten.veld(
                    "schooldagdelen",
                    "Dagdelen per week op school",
                    "Vul een heel getal van 0 tot en met 9 in.",
                )
            })
            .ok(),
    };
    let (Some(van), Some(tot), Some(schooldagdelen)) = (van, tot, schooldagdelen) else {
        fouten.op_volgorde(&VELDEN);
        return toon(&wie, id, fouten, invoer, false).await;
    };
    let i = OnderwijssituatieInvoer {
        onderwijssituatie: invoer.onderwijssituatie.clone(),
        school: Some(invoer.school.clone()),
        schooldagdelen,
        van,
        tot,
    };
    match leg_situatie_vast(&wie.dossier(), id, i).await {
        Ok(_) => Ok(naar(format!("/jeugdigen/{id}/onderwijssituatie?gelukt=ja"))),
        Err(e) => {
            fouten.uit(e, &VELDEN)?;
            fouten.op_volgorde(&VELDEN);
            toon(&wie, id, fouten, invoer, false).await
        }
    }
}
