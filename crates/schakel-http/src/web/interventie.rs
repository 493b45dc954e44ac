//! The region's interventie-afspraken for its beheerder (seed 004,
//! footnote ***): the list, and a form to record one. Through the same
//! door as the API (`crate::interventie`).

use askama::Template;
use schakel_domain::OrganisatieSoort;
use schakel_storage::audit::Actie;
use serde::Deserialize;

use super::formulier::{Fouten, Keuze};
use super::jeugdigen::organisaties;
use super::sessie::{Formulier, Ingelogd};
use super::{Kop, WebResultaat, naar, opmaak, pagina_met};
use crate::interventie::{
    InterventieafspraakDto, InterventieafspraakInvoer, eis_beheerder, leg_vast, van_regio,
};

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct AfspraakFormulier {
    aanbieder: String,
    gemeente: String,
    omschrijving: String,
    van: String,
    tot: String,
}

/// API field name → (form field id, label).
const VELDEN: [(&str, &str, &str); 5] = [
    ("aanbieder", "aanbieder", "Jeugdhulpaanbieder"),
    ("gemeente", "gemeente", "Gemeente"),
    ("omschrijving", "omschrijving", "Waarvoor"),
    ("van", "van", "Geldig van"),
    ("tot", "tot", "Geldig tot en met"),
];

pub struct AfspraakRegel {
    pub aanbieder: String,
    pub gemeente: String,
    pub omschrijving: String,
    pub periode: String,
    pub geldig: bool,
}

#[derive(Template)]
#[template(path = "beheer_interventie.html")]
struct Pagina {
    kop: Kop,
    fouten: Fouten,
    gelukt: bool,
    afspraken: Vec<AfspraakRegel>,
    invoer: AfspraakFormulier,
    aanbieders: Vec<Keuze>,
    gemeenten: Vec<Keuze>,
}

#[derive(Deserialize, Default)]
pub struct Gelukt {
    gelukt: Option<String>,
}

fn regel(a: InterventieafspraakDto) -> AfspraakRegel {
    AfspraakRegel {
        aanbieder: a.aanbieder.naam,
        gemeente: a.gemeente.naam,
        omschrijving: a.omschrijving,
        periode: format!(
            "{} tot en met {}",
            opmaak::datum(a.van),
            opmaak::datum(a.tot)
        ),
        geldig: a.geldig,
    }
}

async fn toon(
    wie: &Ingelogd,
    fouten: Fouten,
    invoer: AfspraakFormulier,
    gelukt: bool,
) -> WebResultaat {
    let regio = eis_beheerder(&wie.dossier(), Actie::Lezen).await?;
    let orgs = organisaties(&wie.state).await?;
    let keuzes = |soort: OrganisatieSoort, leeg: &str| {
        let mut k = vec![Keuze::new("", leeg)];
        k.extend(
            orgs.iter()
                .filter(|o| o.soort == soort && o.regio == regio)
                .map(|o| Keuze::new(o.id.to_string(), &o.naam)),
        );
        k
    };
    let status = fouten.status();
    pagina_met(
        status,
        &Pagina {
            kop: Kop::voor(wie, "Interventie-afspraken", "/beheer").await?,
            fouten,
            gelukt,
            afspraken: van_regio(wie.state.opslag.as_ref(), regio)
                .await?
                .into_iter()
                .map(regel)
                .collect(),
            invoer,
            aanbieders: keuzes(OrganisatieSoort::Aanbieder, "Kies een jeugdhulpaanbieder"),
            gemeenten: keuzes(OrganisatieSoort::Gemeente, "Kies een gemeente"),
        },
    )
}

pub async fn lijst(
    wie: Ingelogd,
    super::formulier::Query(g): super::formulier::Query<Gelukt>,
) -> WebResultaat {
    toon(
        &wie,
        Fouten::default(),
        AfspraakFormulier::default(),
        g.gelukt.is_some(),
    )
    .await
}

pub async fn maak(f: Formulier<AfspraakFormulier>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let mut fouten = Fouten::default();
    let id = |tekst: &str, veld: &str, label: &str, fouten: &mut Fouten| {
        let id = tekst.trim().parse::<i64>().ok();
        if id.is_none() {
            fouten.veld(veld, label, format!("Kies de {}.", label.to_lowercase()));
        }
        id
    };
    let datum = |tekst: &str, veld: &str, label: &str, fouten: &mut Fouten| {
        let d = super::formulier::datum(tekst, schakel_domain::grens::Datumsoort::Periode);
        d.map_err(|m| fouten.veld(veld, label, m)).ok()
    };
    let aanbieder = id(
        &invoer.aanbieder,
        "aanbieder",
        "Jeugdhulpaanbieder",
        &mut fouten,
    );
    let gemeente = id(&invoer.gemeente, "gemeente", "Gemeente", &mut fouten);
    let van = datum(&invoer.van, "van", "Geldig van", &mut fouten);
    let tot = datum(&invoer.tot, "tot", "Geldig tot en met", &mut fouten);
    let (Some(aanbieder), Some(gemeente), Some(van), Some(tot)) = (aanbieder, gemeente, van, tot)
    else {
        fouten.op_volgorde(&VELDEN);
        return toon(&wie, fouten, invoer, false).await;
    };
    let i = InterventieafspraakInvoer {
        aanbieder,
        gemeente,
        omschrijving: invoer.omschrijving.clone(),
        van,
        tot,
    };
    match leg_vast(&wie.dossier(), i).await {
        Ok(_) => Ok(naar("/beheer/interventie-afspraken?gelukt=ja")),
        Err(e) => {
            fouten.uit(e, &VELDEN)?;
            fouten.op_volgorde(&VELDEN);
            toon(&wie, fouten, invoer, false).await
        }
    }
}
