//! For the functional beheerder: the directory's organisations, what the
//! regional directory holds (address file, werkgebieden, offer, contact
//! persons; werkgebieden are edited under `/gids/wijkteams`) and the
//! rule-set versions in use. No personal data.

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
    gids: Gidsstand,
    organisaties: Vec<OrganisatieRegel>,
    versies: Vec<VersieRegel>,
    /// The beheerder's region has no normenkader.
    zonder_normenkader: Option<String>,
}

/// What the directory holds, in figures.
pub struct Gidsstand {
    pub adresbestand: Option<String>,
    /// How many CBS area names the directory holds.
    pub gebiednamen: usize,
    pub wijkteams: usize,
    pub gebieden: usize,
    pub zonder_gebied: usize,
    pub aanbod: usize,
    pub contacten: usize,
}

async fn gidsstand(wie: &Ingelogd) -> Result<Gidsstand, ApiFout> {
    let opslag = wie.state.opslag.as_ref();
    let teams = crate::api::gids::wijkteamlijst_voor(&wie.state, &wie.actor).await?;
    let adresbestand = opslag.adresbestand().await?.map(|a| {
        format!(
            "{} ({} adressen{}, ingelezen {})",
            a.bron,
            opmaak::aantal(a.rijen),
            a.jaar
                .map(|j| format!(", CBS-indeling {j}"))
                .unwrap_or_default(),
            opmaak::datum(a.geimporteerd.date_naive())
        )
    });
    Ok(Gidsstand {
        adresbestand,
        gebiednamen: opslag.gebiednamen().await?.len(),
        wijkteams: teams.len(),
        gebieden: teams.iter().map(|t| t.gebieden.len()).sum(),
        zonder_gebied: teams.iter().filter(|t| t.gebieden.is_empty()).count(),
        aanbod: opslag.aanbod().await?.len(),
        contacten: opslag.contacten(None).await?.len(),
    })
}

pub async fn overzicht(wie: Ingelogd) -> WebResultaat {
    wie.dossier()
        .eis_rol_gelogd(
            &[Rol::Beheerder],
            "beheer.lezen",
            schakel_storage::audit::Actie::Lezen,
            "organisatie",
            "Dit overzicht is voor functioneel beheerders.",
        )
        .await?;
    let organisaties = organisaties(&wie.state)
        .await?
        .into_iter()
        .map(|o| OrganisatieRegel {
            id: o.id,
            soort: opmaak::organisatiesoort(o.soort).into(),
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
    // The beheerder's own region's versions; none for a region without
    // a normenkader.
    let regio = crate::regels::regio_van_organisatie(&wie.state, wie.actor.rol.organisatie).await?;
    let zonder_normenkader = regio
        .filter(|r| r.regels.is_none())
        .map(|r| format!("Regio {} heeft geen normenkader in Schakel.", r.naam));
    let versies = regio
        .and_then(|r| r.regels.as_ref())
        .map(|r| r.kaders())
        .unwrap_or_default()
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
        gids: gidsstand(&wie).await?,
        organisaties,
        versies,
        zonder_normenkader,
    })
}
