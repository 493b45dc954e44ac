//! For the functional beheerder: the directory's organisations and the
//! rule-set versions in use (read-only). No personal data.

use askama::Template;
use schakel_domain::Rol;

use super::jeugdigen::organisaties;
use super::sessie::Ingelogd;
use super::{Kop, WebResultaat, opmaak, pagina};
use crate::fout::ApiFout;

pub struct OrganisatieRegel {
    pub id: i64,
    pub naam: String,
    pub soort: String,
    pub code: String,
}

pub struct VersieRegel {
    pub regio: String,
    pub versie: String,
    pub geldig_vanaf: String,
    pub bestand: String,
    pub rijen: usize,
    pub scholen: usize,
}

#[derive(Template)]
#[template(path = "beheer.html")]
struct Beheer {
    kop: Kop,
    organisaties: Vec<OrganisatieRegel>,
    versies: Vec<VersieRegel>,
}

pub async fn overzicht(wie: Ingelogd) -> WebResultaat {
    if wie.rol() != Rol::Beheerder {
        return Err(
            ApiFout::Geweigerd("Dit overzicht is voor functioneel beheerders.".into()).into(),
        );
    }
    let organisaties = organisaties(&wie.state)
        .await?
        .into_iter()
        .map(|o| OrganisatieRegel {
            id: o.id,
            soort: opmaak::product(o.soort.naam()),
            code: [
                o.brin.map(|b| format!("BRIN {b}")),
                o.agb.map(|a| format!("AGB {a}")),
                o.gemeente.map(|g| g.cbs()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", "),
            naam: o.naam,
        })
        .collect();
    let versies = wie
        .state
        .regels
        .kaders()
        .iter()
        .map(|k| VersieRegel {
            regio: opmaak::product(&k.regio),
            versie: k.versie.clone(),
            geldig_vanaf: opmaak::datum(k.geldig_vanaf),
            bestand: k
                .bestand
                .file_name()
                .map(|f| f.to_string_lossy().to_string())
                .unwrap_or_default(),
            rijen: k.rijen.len(),
            scholen: k.scholen.len(),
        })
        .collect();
    pagina(&Beheer {
        kop: Kop::voor(&wie, "Organisaties en regels", "/beheer").await?,
        organisaties,
        versies,
    })
}
