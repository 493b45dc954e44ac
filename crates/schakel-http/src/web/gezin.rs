//! A jeugdige's data changed, and a brother or sister added to the same
//! household — through the API's own checks (`controleer_gegevens`,
//! `controleer_jeugdige`) and `Dossier`, so access and NEN 7513 logging are
//! the API's. A change carries the version the form was read at: someone
//! else's change in between is refused, nothing is overwritten.

use super::formulier::{Path, Query};
use askama::Template;
use chrono::NaiveDate;
use schakel_domain::grens::Datumsoort;
use schakel_domain::{OrganisatieSoort, Rol};
use schakel_storage::{Id, Jeugdige};
use serde::Deserialize;

use super::formulier::{Fouten, Keuze};
use super::jeugdigen::organisaties;
use super::sessie::{Formulier, Ingelogd};
use super::{Kop, WebResultaat, naar, pagina_met};
use crate::api::jeugdigen::{
    GegevensInvoer, JeugdigeInvoer, controleer_gegevens, controleer_jeugdige,
};
use crate::api::route::{HulpvraagInvoer, registreer_hulpvraag};

/// The fields of both forms; `bsn`, `geboortedatum` and `omschrijving` only
/// when adding.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct GegevensFormulier {
    versie: String,
    bsn: String,
    voornaam: String,
    achternaam: String,
    geboortedatum: String,
    postcode: String,
    huisnummer: String,
    toevoeging: String,
    school: String,
    omschrijving: String,
}

impl GegevensFormulier {
    fn uit(j: &Jeugdige) -> Self {
        let g = &j.gegevens;
        Self {
            versie: j.versie.to_string(),
            voornaam: g.voornaam.clone(),
            achternaam: g.achternaam.clone(),
            postcode: g.postcode.als_tekst().to_string(),
            huisnummer: g.huisnummer.waarde().to_string(),
            toevoeging: g.toevoeging.clone().unwrap_or_default(),
            school: g.school.map(|s| s.to_string()).unwrap_or_default(),
            ..Self::default()
        }
    }

    /// A brother or sister: the same address and surname, the rest new.
    fn broer_of_zus_van(j: &Jeugdige) -> Self {
        Self {
            versie: String::new(),
            voornaam: String::new(),
            ..Self::uit(j)
        }
    }

    fn huisnummer(&self, fouten: &mut Fouten) -> Option<u32> {
        match super::formulier::huisnummer(&self.huisnummer, &self.toevoeging) {
            Ok((n, _)) => Some(n),
            Err(m) => {
                fouten.veld("huisnummer", "Huisnummer", m);
                None
            }
        }
    }

    fn geboortedatum(&self, fouten: &mut Fouten) -> Option<NaiveDate> {
        let d = super::formulier::datum(&self.geboortedatum, Datumsoort::Geboortedatum);
        if let Err(m) = &d {
            fouten.veld("geboortedatum", "Geboortedatum", m.as_str());
        }
        d.ok()
    }

    fn school(&self) -> Option<Id> {
        self.school.trim().parse().ok()
    }

    /// The toevoeging typed with the number ("12a") or in its own field.
    fn toevoeging(&self) -> Option<String> {
        match super::formulier::huisnummer(&self.huisnummer, &self.toevoeging) {
            Ok((_, t)) => t,
            Err(_) => Some(self.toevoeging.clone()),
        }
    }
}

/// The API's field names, to the form's ids.
const VELDEN: [(&str, &str, &str); 9] = [
    ("bsn", "bsn", "BSN"),
    ("voornaam", "voornaam", "Voornaam"),
    ("achternaam", "achternaam", "Achternaam"),
    ("geboortedatum", "geboortedatum", "Geboortedatum"),
    ("postcode", "postcode", "Postcode"),
    ("huisnummer", "huisnummer", "Huisnummer"),
    ("toevoeging", "toevoeging", "Toevoeging"),
    ("school", "school", "School"),
    ("omschrijving", "omschrijving", "Omschrijving van de vraag"),
];

#[derive(Template)]
#[template(path = "jeugdige_gegevens.html")]
struct GegevensPagina {
    kop: Kop,
    fouten: Fouten,
    id: Id,
    naam: String,
    /// Adding a brother or sister (else: changing `id`'s data).
    toevoegen: bool,
    invoer: GegevensFormulier,
    scholen: Vec<Keuze>,
}

async fn formulier(
    wie: &Ingelogd,
    j: &Jeugdige,
    toevoegen: bool,
    mut fouten: Fouten,
    invoer: GegevensFormulier,
) -> WebResultaat {
    fouten.op_volgorde(&VELDEN);
    let mut scholen = vec![Keuze::new("", "Geen school bekend")];
    scholen.extend(
        organisaties(&wie.state)
            .await?
            .iter()
            .filter(|o| o.soort == OrganisatieSoort::School)
            .map(|o| Keuze::new(o.id.to_string(), &o.naam)),
    );
    let titel = if toevoegen {
        "Broer of zus toevoegen"
    } else {
        "Gegevens wijzigen"
    };
    let status = fouten.status();
    pagina_met(
        status,
        &GegevensPagina {
            kop: Kop::voor(wie, titel, "/jeugdigen").await?,
            fouten,
            id: j.id,
            naam: j.naam(),
            toevoegen,
            invoer,
            scholen,
        },
    )
}

pub async fn wijzigscherm(wie: Ingelogd, Path(id): Path<Id>) -> WebResultaat {
    let j = wie.dossier().lees(id).await?;
    formulier(
        &wie,
        &j,
        false,
        Fouten::default(),
        GegevensFormulier::uit(&j),
    )
    .await
}

pub async fn wijzig(Path(id): Path<Id>, f: Formulier<GegevensFormulier>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let dossier = wie.dossier();
    let j = dossier.lees(id).await?;
    let mut fouten = Fouten::default();
    // An unreadable number is named, and the other fields are checked too
    // (with a stand-in number), so that every error shows at once.
    let huisnummer = invoer.huisnummer(&mut fouten);
    let versie = invoer.versie.trim().parse().unwrap_or(-1);
    let gewijzigd = controleer_gegevens(GegevensInvoer {
        voornaam: invoer.voornaam.clone(),
        achternaam: invoer.achternaam.clone(),
        postcode: invoer.postcode.clone(),
        huisnummer: huisnummer.unwrap_or(1),
        toevoeging: invoer.toevoeging(),
        school: invoer.school(),
    });
    let uitkomst = match gewijzigd {
        Ok(_) if !fouten.is_leeg() => {
            return formulier(&wie, &j, false, fouten, invoer).await;
        }
        Ok(g) => dossier.wijzig(id, versie, &g).await,
        Err(f) => Err(f),
    };
    match uitkomst {
        Ok(_)
            if wie.rol() == Rol::Zorgcoordinator
                && invoer.school() != Some(wie.actor.rol.organisatie) =>
        {
            // The pupil left the own school: the school no longer sees them.
            Ok(naar("/jeugdigen?gelukt=overgeschreven"))
        }
        Ok(_) => Ok(naar(format!("/jeugdigen/{id}?gelukt=gewijzigd"))),
        Err(f) => {
            fouten.uit(f, &VELDEN)?;
            formulier(&wie, &j, false, fouten, invoer).await
        }
    }
}

pub async fn broer_of_zus_scherm(wie: Ingelogd, Path(id): Path<Id>) -> WebResultaat {
    let j = wie.dossier().lees(id).await?;
    let invoer = GegevensFormulier::broer_of_zus_van(&j);
    formulier(&wie, &j, true, Fouten::default(), invoer).await
}

/// A brother or sister in the household of `id`, and the question that
/// brings them if one is given. Everything is checked before anything is
/// stored.
pub async fn voeg_broer_of_zus_toe(
    Path(id): Path<Id>,
    f: Formulier<GegevensFormulier>,
) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let dossier = wie.dossier();
    let j = dossier.lees(id).await?;
    let mut fouten = Fouten::default();
    // Unreadable dates and numbers are named, and the other fields are
    // checked too (with stand-ins), so that every error shows at once.
    let geboortedatum = invoer.geboortedatum(&mut fouten);
    let huisnummer = invoer.huisnummer(&mut fouten);
    let nieuw = controleer_jeugdige(JeugdigeInvoer {
        huishouden: j.huishouden,
        bsn: invoer.bsn.trim().into(),
        geboortedatum: geboortedatum.unwrap_or_else(crate::api::vandaag),
        voornaam: invoer.voornaam.clone(),
        achternaam: invoer.achternaam.clone(),
        postcode: invoer.postcode.clone(),
        huisnummer: huisnummer.unwrap_or(1),
        toevoeging: invoer.toevoeging(),
        school: invoer.school(),
    });
    let nieuw = match nieuw {
        Ok(_) if !fouten.is_leeg() => {
            return formulier(&wie, &j, true, fouten, invoer).await;
        }
        Ok(n) => n,
        Err(f) => {
            fouten.uit(f, &VELDEN)?;
            return formulier(&wie, &j, true, fouten, invoer).await;
        }
    };
    let omschrijving = invoer.omschrijving.trim().to_string();
    if !omschrijving.is_empty() && !mag_hulpvraag_registreren(&wie, &nieuw) {
        fouten.veld(
            "omschrijving",
            "Omschrijving van de vraag",
            "Een hulpvraag registreert de contactpersoon van de school van de jeugdige of van het wijkteam; laat dit veld leeg.",
        );
        return formulier(&wie, &j, true, fouten, invoer).await;
    }
    if super::jeugdigen::bsn_gecontroleerd(&wie, &nieuw, &mut fouten, &VELDEN).await? {
        return formulier(&wie, &j, true, fouten, invoer).await;
    }
    let stappen = async {
        let broer_of_zus = dossier.maak_na_controle(&nieuw).await?;
        if omschrijving.is_empty() {
            return Ok(format!("/jeugdigen/{}?gelukt=toegevoegd", broer_of_zus.id));
        }
        let h = registreer_hulpvraag(
            &dossier,
            &HulpvraagInvoer {
                jeugdige: broer_of_zus.id,
                omschrijving,
            },
        )
        .await?;
        Ok(format!("/hulpvragen/{}?gelukt=geregistreerd", h.id))
    };
    match stappen.await {
        Ok(pad) => Ok(naar(pad)),
        Err(f) => {
            fouten.uit(f, &VELDEN)?;
            formulier(&wie, &j, true, fouten, invoer).await
        }
    }
}

/// Whether the question can be registered with the new jeugdige, checked
/// before anything is stored (the API checks again): a school for its own
/// pupil, a wijkteam for the household it works with.
fn mag_hulpvraag_registreren(wie: &Ingelogd, nieuw: &schakel_storage::NieuweJeugdige) -> bool {
    match wie.rol() {
        Rol::Zorgcoordinator => nieuw.gegevens.school == Some(wie.actor.rol.organisatie),
        Rol::Casusregisseur | Rol::Wijkteammedewerker => true,
        _ => false,
    }
}

#[derive(Deserialize)]
pub struct Gelukt {
    pub gelukt: Option<String>,
}

/// The confirmation a jeugdige's page shows after one of these forms.
pub fn melding(g: &Query<Gelukt>) -> Option<&'static str> {
    match g.gelukt.as_deref() {
        Some("gewijzigd") => Some("De gegevens zijn gewijzigd."),
        Some("toegevoegd") => Some("De jeugdige is aan het huishouden toegevoegd."),
        _ => None,
    }
}

/// Whose household a new case is for: a jeugdige the user may read, or
/// the jeugdige of a hulpvraag the user's organisation registered or
/// handles (a wijkteam that registered a family sees the child only once
/// it has a case). Either read is logged.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CasusVoor {
    jeugdige: String,
    hulpvraag: String,
}

impl CasusVoor {
    async fn jeugdige(&self, wie: &Ingelogd) -> Result<Jeugdige, super::WebFout> {
        let nummer = |s: &str| s.trim().parse::<Id>().ok();
        let dossier = wie.dossier();
        Ok(match (nummer(&self.jeugdige), nummer(&self.hulpvraag)) {
            (Some(j), _) => dossier.lees(j).await?,
            (None, Some(h)) => crate::api::route::lees_hulpvraag_voor(&dossier, h).await?.1,
            (None, None) => {
                return Err(crate::fout::ApiFout::veld(
                    "jeugdige",
                    "verwacht het nummer van een jeugdige of hulpvraag",
                )
                .into());
            }
        })
    }
}

#[derive(Template)]
#[template(path = "casus_nieuw.html")]
struct NieuweCasusPagina {
    kop: Kop,
    fouten: Fouten,
    voor: CasusVoor,
    jeugdige: Id,
    naam: String,
    /// The jeugdige's page is the user's to open (not so for a wijkteam
    /// that registered the family: it sees the child once there is a case).
    link: bool,
    partijen: Vec<Keuze>,
    gekozen: Vec<String>,
}

async fn casusformulier(
    wie: &Ingelogd,
    voor: CasusVoor,
    j: &Jeugdige,
    fouten: Fouten,
    gekozen: Vec<String>,
) -> WebResultaat {
    let partijen = organisaties(&wie.state)
        .await?
        .iter()
        // What schakel_domain::route::mag_partij_worden allows: the JGZ
        // and the jeugdige's school; a provider comes in through a
        // referral or an inkoop.
        .filter(|o| {
            o.soort == OrganisatieSoort::Jgz
                || (o.soort == OrganisatieSoort::School && j.gegevens.school == Some(o.id))
        })
        .map(|o| Keuze::new(o.id.to_string(), &o.naam))
        .collect();
    let status = fouten.status();
    pagina_met(
        status,
        &NieuweCasusPagina {
            kop: Kop::voor(wie, "Casus openen", "/casussen").await?,
            fouten,
            link: !voor.jeugdige.trim().is_empty(),
            voor,
            jeugdige: j.id,
            naam: j.naam(),
            partijen,
            gekozen,
        },
    )
}

/// `/casussen/nieuw?hulpvraag=…` (or `?jeugdige=…`): the casusregisseur
/// opens a case for the household.
pub async fn casusscherm(wie: Ingelogd, Query(voor): Query<CasusVoor>) -> WebResultaat {
    let j = voor.jeugdige(&wie).await?;
    casusformulier(&wie, voor, &j, Fouten::default(), Vec::new()).await
}

pub async fn open_casus(f: Formulier<super::sessie::Velden>) -> WebResultaat {
    use super::sessie::{alle, veld};
    use crate::api::route::{CasusInvoer, open_casus_voor};
    let Formulier { wie, invoer } = f;
    let voor = CasusVoor {
        jeugdige: veld(&invoer, "jeugdige"),
        hulpvraag: veld(&invoer, "hulpvraag"),
    };
    let gekozen = alle(&invoer, "partij");
    let j = voor.jeugdige(&wie).await?;
    let i = CasusInvoer {
        huishouden: j.huishouden,
        partijen: gekozen.iter().filter_map(|p| p.parse().ok()).collect(),
    };
    match open_casus_voor(&wie.dossier(), i).await {
        Ok(c) => Ok(naar(format!("/casussen/{}", c.id))),
        Err(f) => {
            let mut fouten = Fouten::default();
            fouten.uit(
                super::formulier::per_lijstveld(f, "partijen"),
                &[("partijen", "partijen", "Partijen")],
            )?;
            casusformulier(&wie, voor, &j, fouten, gekozen).await
        }
    }
}
