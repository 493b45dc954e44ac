//! The region's set-up in the browser, for the beheerder of the region
//! (issue 13): registering an organisation of any kind, and per
//! organisation what the access route needs — its contact person, a
//! school's OJA arrangement with its hoofdaanbieder, whether a JGZ is the
//! region's gemandateerde verwijzer. Through the same functions as the API
//! (`crate::inrichting`, `crate::api::organisaties`): the same checks, the
//! same audit records.

use askama::Template;
use axum::extract::{Path, Query};
use schakel_domain::{OrganisatieSoort, Rol};
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{Id, OjaArrangement};
use serde::Deserialize;

use super::formulier::{Fouten, Keuze};
use super::jeugdigen::organisaties;
use super::sessie::{Formulier, Ingelogd};
use super::{Kop, WebResultaat, naar, opmaak, pagina_met};
use crate::api::organisaties::zet_toegangsroute_voor;
use crate::api::vandaag;
use crate::fout::ApiFout;
use crate::inrichting::{
    self, Organisatieaanvraag, Toegangsroutewijziging, eis_beheerder_van, oja_scholen, regio_van,
    registreer_organisatie,
};

/// API field → (form id, label), for errors beside their field.
const VELDEN: [(&str, &str, &str); 7] = [
    ("contactpersoon", "contactpersoon", "Contactpersoon"),
    ("oja", "arrangement", "Arrangement"),
    ("oja.arrangement", "arrangement", "Arrangement"),
    ("oja.hoofdaanbieder", "hoofdaanbieder", "Hoofdaanbieder"),
    ("oja.geldigVanaf", "geldig_vanaf", "Geldig vanaf"),
    ("oja.geldigTot", "geldig_tot", "Geldig tot en met"),
    ("verwijzerVanRegio", "verwijzer", "Verwijzer van de regio"),
];

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct InrichtingFormulier {
    /// The contact person's e-mail address (empty: none).
    contactpersoon: String,
    /// The normenkader's name of the OJA school (empty: none).
    arrangement: String,
    /// The hoofdaanbieder's id (empty: none).
    hoofdaanbieder: String,
    /// "ja" or "nee".
    verwijzer: String,
    /// The arrangement's period, `YYYY-MM-DD` (empty: open).
    geldig_vanaf: String,
    geldig_tot: String,
}

#[derive(Deserialize)]
pub struct Melding {
    gelukt: Option<String>,
}

#[derive(Template)]
#[template(path = "beheer_organisatie.html")]
struct Inrichtingpagina {
    kop: Kop,
    fouten: Fouten,
    melding: Option<&'static str>,
    id: Id,
    naam: String,
    soort: String,
    school: bool,
    jgz: bool,
    werkgebied: String,
    invoer: InrichtingFormulier,
    arrangementen: Vec<Keuze>,
    aanbieders: Vec<Keuze>,
    janee: Vec<Keuze>,
}

async fn inrichtingpagina(
    wie: &Ingelogd,
    id: Id,
    fouten: Fouten,
    invoer: Option<InrichtingFormulier>,
    melding: Option<&'static str>,
) -> WebResultaat {
    let org = eis_beheerder_van(&wie.dossier(), id, inrichting::GEBEURTENIS).await?;
    let nu = inrichting::lees_toegangsroute(wie.state.opslag.as_ref(), &org).await?;
    let invoer = invoer.unwrap_or_else(|| InrichtingFormulier {
        contactpersoon: nu
            .contactpersoon
            .as_ref()
            .map(|c| c.email.clone())
            .unwrap_or_default(),
        arrangement: nu
            .oja
            .as_ref()
            .map(|o| o.arrangement.clone())
            .unwrap_or_default(),
        hoofdaanbieder: nu
            .oja
            .as_ref()
            .and_then(|o| o.hoofdaanbieder.as_ref())
            .map(|h| h.id.to_string())
            .unwrap_or_default(),
        verwijzer: if nu.verwijzer_van_regio { "ja" } else { "nee" }.into(),
        geldig_vanaf: datumtekst(nu.oja.as_ref().and_then(|o| o.geldig_vanaf)),
        geldig_tot: datumtekst(nu.oja.as_ref().and_then(|o| o.geldig_tot)),
    });
    let geen = || Keuze::new("", "(geen)");
    let arrangementen = std::iter::once(geen())
        .chain(
            oja_scholen(
                crate::regels::regels_van_organisatie(&wie.state, org.id).await?,
                vandaag(),
            )
            .into_iter()
            .map(|s| Keuze::new(s.clone(), format!("OJA {s}"))),
        )
        .collect();
    let aanbieders = std::iter::once(geen())
        .chain(
            organisaties(&wie.state)
                .await?
                .into_iter()
                .filter(|o| o.soort == OrganisatieSoort::Aanbieder && o.regio == org.regio)
                .map(|o| Keuze::new(o.id.to_string(), o.naam)),
        )
        .collect();
    let status = fouten.status();
    pagina_met(
        status,
        &Inrichtingpagina {
            kop: Kop::voor(wie, "Organisatie inrichten", "/beheer").await?,
            fouten,
            melding,
            id,
            naam: org.naam,
            soort: opmaak::organisatiesoort(org.soort).into(),
            school: org.soort == OrganisatieSoort::School,
            jgz: org.soort == OrganisatieSoort::Jgz,
            werkgebied: nu.werkgebied.join(", "),
            invoer,
            arrangementen,
            aanbieders,
            janee: vec![Keuze::new("nee", "Nee"), Keuze::new("ja", "Ja")],
        },
    )
}

pub async fn organisatie(
    wie: Ingelogd,
    Path(id): Path<Id>,
    Query(m): Query<Melding>,
) -> WebResultaat {
    let melding = (m.gelukt.as_deref() == Some("ja"))
        .then_some("Opgeslagen. De toegangsroute gebruikt dit meteen.");
    inrichtingpagina(&wie, id, Fouten::default(), None, melding).await
}

fn datumtekst(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A date field of the form: empty is none, anything else must be a date.
fn datumveld(
    tekst: &str,
    veld: &str,
    label: &str,
    fouten: &mut Fouten,
) -> Option<chrono::NaiveDate> {
    let t = tekst.trim();
    if t.is_empty() {
        return None;
    }
    let d = schakel_domain::grens::lees_nl_datum(t);
    if d.is_none() {
        fouten.veld(veld, label, super::formulier::DATUM_VOORBEELD);
    }
    d
}

/// The form as a change: only what this kind of organisation shows.
async fn wijziging(
    wie: &Ingelogd,
    soort: Option<OrganisatieSoort>,
    f: &InrichtingFormulier,
    fouten: &mut Fouten,
) -> Result<Toegangsroutewijziging, ApiFout> {
    let contactpersoon = match f.contactpersoon.trim() {
        "" => None,
        email => match wie.state.opslag.medewerker_op_email(email).await? {
            Some((m, _)) => Some(m.id),
            None => {
                fouten.veld(
                    "contactpersoon",
                    "Contactpersoon",
                    "Er is geen medewerker met dit e-mailadres.",
                );
                None
            }
        },
    };
    let oja = match (soort, f.arrangement.trim()) {
        (Some(OrganisatieSoort::School), "") => Some(None),
        (Some(OrganisatieSoort::School), a) => Some(Some(OjaArrangement {
            arrangement: a.into(),
            hoofdaanbieder: f.hoofdaanbieder.trim().parse().ok(),
            geldig_vanaf: datumveld(&f.geldig_vanaf, "geldig_vanaf", "Geldig vanaf", fouten),
            geldig_tot: datumveld(&f.geldig_tot, "geldig_tot", "Geldig tot en met", fouten),
        })),
        _ => None,
    };
    Ok(Toegangsroutewijziging {
        contactpersoon: Some(contactpersoon),
        oja,
        verwijzer_van_regio: (soort == Some(OrganisatieSoort::Jgz)).then_some(f.verwijzer == "ja"),
        werkgebied: None,
    })
}

pub async fn zet_organisatie(
    Path(id): Path<Id>,
    f: Formulier<InrichtingFormulier>,
) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let soort = wie.state.opslag.organisatie(id).await?.map(|o| o.soort);
    let mut fouten = Fouten::default();
    let w = wijziging(&wie, soort, &invoer, &mut fouten).await?;
    if fouten.is_leeg() {
        match zet_toegangsroute_voor(&wie.dossier(), id, &w).await {
            Ok(_) => return Ok(naar(format!("/beheer/organisaties/{id}?gelukt=ja"))),
            Err(e) => fouten.uit(e, &VELDEN)?,
        }
    }
    fouten.op_volgorde(&VELDEN);
    inrichtingpagina(&wie, id, fouten, Some(invoer), None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NieuweOrganisatieFormulier {
    naam: String,
    soort: String,
    brin: String,
    agb: String,
    gemeente: String,
}

#[derive(Template)]
#[template(path = "beheer_organisatie_nieuw.html")]
struct NieuwePagina {
    kop: Kop,
    fouten: Fouten,
    invoer: NieuweOrganisatieFormulier,
    soorten: Vec<Keuze>,
    /// The region's gemeenten by name (issue 16.3); empty when the region
    /// declares none, and then the code is typed.
    gemeenten: Vec<Keuze>,
}

const NIEUW_VELDEN: [(&str, &str, &str); 5] = [
    ("naam", "naam", "Naam"),
    ("soort", "soort", "Soort"),
    ("brin", "brin", "BRIN"),
    ("agb", "agb", "AGB-code"),
    ("gemeente", "gemeente", "Gemeente"),
];

async fn nieuwe_pagina(
    wie: &Ingelogd,
    fouten: Fouten,
    invoer: NieuweOrganisatieFormulier,
) -> WebResultaat {
    wie.dossier()
        .eis_rol(&[Rol::Beheerder], "organisaties registreren")?;
    let soorten = std::iter::once(Keuze::new("", "Kies een soort"))
        .chain(
            OrganisatieSoort::ALLE
                .into_iter()
                .map(|s| Keuze::new(s.naam(), opmaak::organisatiesoort(s))),
        )
        .collect();
    let regio = regio_van(wie.state.opslag.as_ref(), &wie.actor).await?;
    let lijst = crate::api::monitoring::gemeenten_van_regio(&wie.state, regio).await?;
    let gemeenten = if lijst.is_empty() {
        Vec::new()
    } else {
        std::iter::once(Keuze::new("", "Geen gemeente"))
            .chain(lijst.iter().map(|g| Keuze::new(&g.code, &g.naam)))
            .collect()
    };
    let status = fouten.status();
    pagina_met(
        status,
        &NieuwePagina {
            kop: Kop::voor(wie, "Organisatie registreren", "/beheer").await?,
            fouten,
            invoer,
            soorten,
            gemeenten,
        },
    )
}

pub async fn nieuw(wie: Ingelogd) -> WebResultaat {
    nieuwe_pagina(
        &wie,
        Fouten::default(),
        NieuweOrganisatieFormulier::default(),
    )
    .await
}

pub async fn registreer(f: Formulier<NieuweOrganisatieFormulier>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let dossier = wie.dossier();
    dossier.eis_rol(&[Rol::Beheerder], "organisaties registreren")?;
    let tekst = |s: &str| Some(s.to_string());
    let aanvraag = Organisatieaanvraag {
        regio: regio_van(wie.state.opslag.as_ref(), &wie.actor).await?,
        naam: invoer.naam.clone(),
        soort: OrganisatieSoort::parse(&invoer.soort),
        gemeente: tekst(&invoer.gemeente),
        brin: tekst(&invoer.brin),
        agb: tekst(&invoer.agb),
    };
    let record = dossier.record(
        "organisatie.aanmaken",
        Actie::Aanmaken,
        None,
        ("organisatie", None),
        Uitkomst::Toegestaan,
        Some("beheerder"),
    );
    match registreer_organisatie(wie.state.opslag.as_ref(), &aanvraag, &record).await {
        Ok(org) => Ok(naar(format!("/beheer/organisaties/{}?gelukt=ja", org.id))),
        Err(e) => {
            let mut fouten = Fouten::default();
            fouten.uit(e, &NIEUW_VELDEN)?;
            fouten.op_volgorde(&NIEUW_VELDEN);
            nieuwe_pagina(&wie, fouten, invoer).await
        }
    }
}
