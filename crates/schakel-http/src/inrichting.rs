//! The region's set-up as data (issue 13): registering organisations and
//! setting what the access route (seed 000) needs of each — a school's OJA
//! arrangement with its hoofdaanbieder, the contact person, the region's
//! gemandateerde verwijzer. One door for the API, the beheer pages, the
//! CLI imports and the demo: every change is checked here (each problem
//! named by its field), stored with its audit record in one transaction,
//! and read by the access route from the next request on.

use chrono::NaiveDate;
use schakel_domain::{Agb, Brin, GemeenteCode, OrganisatieSoort, Pc4, Rol};
use schakel_rules::Regelset;
use schakel_rules::situatie::Arrangement;
use schakel_storage::audit::{Actie, NieuwAuditRecord, Uitkomst};
use schakel_storage::{
    DirectoryGegevens, Id, NieuweOrganisatie, OjaArrangement, Opslag, OpslagFout, Organisatie,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::Controle;

/// The audit event of a change of an organisation's access-route data.
pub const GEBEURTENIS: &str = "organisatie.toegangsroute";

/// A change of an organisation's access-route data. `None` keeps what is
/// stored (the werkgebied is never touched here); `Some(None)` removes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Toegangsroutewijziging {
    /// A medewerker with a role at the organisation.
    pub contactpersoon: Option<Option<Id>>,
    /// Schools only; the arrangement a name of an OJA school in the
    /// normenkader in force, the hoofdaanbieder an aanbieder.
    pub oja: Option<Option<OjaArrangement>>,
    /// JGZ only; one per region.
    pub verwijzer_van_regio: Option<bool>,
    /// Wijkteams only: the PC4 areas the access route falls back on where
    /// no area of the werkgebied covers an address.
    pub werkgebied: Option<Vec<Pc4>>,
}

/// The OJA schools of the normenkader in force on `peildatum`, as it
/// spells them; none for a region without a normenkader.
pub fn oja_scholen(regels: Option<&Regelset>, peildatum: NaiveDate) -> Vec<String> {
    regels
        .and_then(|r| r.kader_op(peildatum))
        .map(|k| {
            k.scholen_met(Arrangement::Oja)
                .map(|s| s.naam.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// Applies `w` to the organisation's access-route data, keeping what `w`
/// leaves alone, and stores it with `audit`. Only what `w` changes is
/// checked, so an old entry never blocks an unrelated change. Returns what
/// is now stored.
pub async fn zet_toegangsroute(
    opslag: &dyn Opslag,
    regels: Option<&Regelset>,
    peildatum: NaiveDate,
    organisatie: Id,
    w: &Toegangsroutewijziging,
    audit: &NieuwAuditRecord,
) -> ApiResultaat<DirectoryGegevens> {
    let org = opslag
        .organisatie(organisatie)
        .await?
        .ok_or(ApiFout::NietGevonden)?;
    let mut g = opslag
        .directory_gegevens(organisatie)
        .await?
        .ok_or(ApiFout::NietGevonden)?;
    let mut w = w.clone();
    controleer(opslag, regels, peildatum, &org, &mut w).await?;
    if let Some(c) = w.contactpersoon {
        g.contactpersoon = c;
    }
    if let Some(o) = w.oja {
        g.oja = o;
    }
    if let Some(v) = w.verwijzer_van_regio {
        g.verwijzer_van_regio = v;
    }
    if let Some(p) = w.werkgebied {
        g.werkgebied = p;
    }
    match opslag.zet_directory_gegevens(organisatie, &g, audit).await {
        Err(OpslagFout::BestaatAl(k)) if k == "arrangement" => Err(ApiFout::veld(
            "oja.arrangement",
            "een andere school heeft dit arrangement al; haal het daar eerst weg",
        )),
        uit => Ok(uit?),
    }?;
    Ok(g.genormaliseerd())
}

/// Checks what `w` changes for `org`; writes the normenkader's spelling of
/// the arrangement into `w`.
async fn controleer(
    opslag: &dyn Opslag,
    regels: Option<&Regelset>,
    peildatum: NaiveDate,
    org: &Organisatie,
    w: &mut Toegangsroutewijziging,
) -> ApiResultaat<()> {
    let mut c = Controle::default();
    if let Some(Some(m)) = w.contactpersoon {
        let werkt_er = opslag
            .medewerker(m)
            .await?
            .map(|m| m.rollen.iter().any(|r| r.organisatie == org.id));
        match werkt_er {
            None => c.eis("contactpersoon", false, "onbekende medewerker"),
            Some(ja) => c.eis(
                "contactpersoon",
                ja,
                "deze medewerker werkt niet bij deze organisatie (heeft er geen rol)",
            ),
        }
    }
    if let Some(Some(oja)) = &mut w.oja {
        controleer_oja(opslag, regels, peildatum, org, oja, &mut c).await?;
    }
    if w.werkgebied.as_ref().is_some_and(|p| !p.is_empty()) {
        c.eis(
            "werkgebied",
            org.soort == OrganisatieSoort::Wijkteam,
            "alleen een wijkteam heeft een werkgebied",
        );
    }
    if w.verwijzer_van_regio == Some(true) {
        if org.soort != OrganisatieSoort::Jgz {
            c.eis(
                "verwijzerVanRegio",
                false,
                "alleen de jeugdgezondheidszorg (JGZ) kan de gemandateerde verwijzer van de regio zijn",
            );
        } else if let Some(ander) = opslag.verwijzer_van_regio(org.regio).await?
            && ander != org.id
        {
            let naam = opslag.organisatie(ander).await?.map(|o| o.naam);
            c.eis(
                "verwijzerVanRegio",
                false,
                &format!(
                    "de regio heeft al een gemandateerde verwijzer ({}); zet die eerst uit",
                    naam.unwrap_or_default()
                ),
            );
        }
    }
    c.klaar()
}

async fn controleer_oja(
    opslag: &dyn Opslag,
    regels: Option<&Regelset>,
    peildatum: NaiveDate,
    org: &Organisatie,
    oja: &mut OjaArrangement,
    c: &mut Controle,
) -> ApiResultaat<()> {
    if org.soort != OrganisatieSoort::School {
        c.eis(
            "oja",
            false,
            "alleen een school heeft een onderwijs-jeugdhulparrangement",
        );
        return Ok(());
    }
    let scholen = oja_scholen(regels, peildatum);
    match scholen
        .iter()
        .find(|s| s.eq_ignore_ascii_case(oja.arrangement.trim()))
    {
        Some(naam) => oja.arrangement = naam.clone(),
        None if regels.is_none() => c.eis(
            "oja.arrangement",
            false,
            "de regio van deze school heeft geen normenkader in Schakel, en dus geen OJA-scholen",
        ),
        None => c.eis(
            "oja.arrangement",
            false,
            &format!(
                "het normenkader dat nu geldt kent geen OJA-school met deze naam; toegestaan: {}",
                scholen.join(", ")
            ),
        ),
    }
    if let (Some(v), Some(t)) = (oja.geldig_vanaf, oja.geldig_tot) {
        c.eis(
            "oja.geldigTot",
            v <= t,
            "ligt vóór de begindatum (geldigVanaf); het arrangement loopt van geldigVanaf tot en met geldigTot",
        );
    }
    if let Some(h) = oja.hoofdaanbieder {
        match opslag.organisatie(h).await? {
            None => c.eis("oja.hoofdaanbieder", false, "onbekende organisatie"),
            Some(a) => c.eis(
                "oja.hoofdaanbieder",
                a.soort == OrganisatieSoort::Aanbieder,
                "de hoofdaanbieder moet een aanbieder (jeugdhulpaanbieder) zijn",
            ),
        }
    }
    Ok(())
}

/// Only the beheerder of the organisation's own region sets it up. A
/// refusal is audited (`gebeurtenis`, outcome refused) and logged; an
/// unknown organisation is 404 for the beheerder only, so that nobody
/// else learns which ids exist.
pub async fn eis_beheerder_van(
    dossier: &Dossier<'_>,
    organisatie: Id,
    gebeurtenis: &str,
) -> ApiResultaat<Organisatie> {
    let weiger = |grond: &'static str| async move {
        let record = dossier.record(
            gebeurtenis,
            Actie::Wijzigen,
            None,
            ("organisatie", Some(organisatie)),
            Uitkomst::Geweigerd,
            Some(grond),
        );
        dossier.state.opslag.schrijf_audit(&record).await?;
        dossier.log_weigering("organisatie", organisatie, grond);
        Err::<Organisatie, _>(ApiFout::Geweigerd(
            "De inrichting van de regio doet de beheerder van die regio; de poging is gelogd."
                .into(),
        ))
    };
    if dossier.actor.rol.rol != Rol::Beheerder {
        return weiger("rol_geen_beheerder").await;
    }
    let org = dossier
        .state
        .opslag
        .organisatie(organisatie)
        .await?
        .ok_or(ApiFout::NietGevonden)?;
    if org.regio != regio_van(dossier.state.opslag.as_ref(), dossier.actor).await? {
        return weiger("andere_regio").await;
    }
    Ok(org)
}

/// The region a beheerder's or beleid user's lists keep to: they see and
/// change nothing of another region (issue 17.2). None for the other
/// roles, who work with organisations of several regions (a school serves
/// pupils of many; seed 002).
pub async fn eigen_regio_alleen(opslag: &dyn Opslag, actor: &Actor) -> ApiResultaat<Option<Id>> {
    if matches!(actor.rol.rol, Rol::Beheerder | Rol::Beleid) {
        Ok(Some(regio_van(opslag, actor).await?))
    } else {
        Ok(None)
    }
}

/// The region of the actor's organisation.
pub async fn regio_van(opslag: &dyn Opslag, actor: &Actor) -> ApiResultaat<Id> {
    opslag
        .organisatie(actor.rol.organisatie)
        .await?
        .map(|o| o.regio)
        .ok_or_else(|| ApiFout::intern("de organisatie van een rol bestaat niet"))
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Naam {
    pub id: i64,
    pub naam: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactpersoonDto {
    pub id: i64,
    pub naam: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OjaDto {
    /// The normenkader's name of the OJA school.
    pub arrangement: String,
    pub hoofdaanbieder: Option<Naam>,
    pub geldig_vanaf: Option<NaiveDate>,
    pub geldig_tot: Option<NaiveDate>,
}

/// An organisation's access-route data, with names.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InrichtingDto {
    pub organisatie: Naam,
    pub soort: OrganisatieSoort,
    pub contactpersoon: Option<ContactpersoonDto>,
    pub oja: Option<OjaDto>,
    pub verwijzer_van_regio: bool,
    /// The PC4 areas the access route falls back on (wijkteams; set with
    /// the werkgebied, not here).
    pub werkgebied: Vec<String>,
}

/// What is stored for `org`, with the names of the people and
/// organisations it points to.
pub async fn lees_toegangsroute(
    opslag: &dyn Opslag,
    org: &Organisatie,
) -> ApiResultaat<InrichtingDto> {
    let g = opslag
        .directory_gegevens(org.id)
        .await?
        .ok_or(ApiFout::NietGevonden)?;
    let contactpersoon = match g.contactpersoon {
        Some(id) => opslag.medewerker(id).await?.map(|m| ContactpersoonDto {
            id: m.id,
            naam: m.naam,
            email: m.email,
        }),
        None => None,
    };
    let oja = match g.oja {
        Some(o) => Some(OjaDto {
            arrangement: o.arrangement,
            geldig_vanaf: o.geldig_vanaf,
            geldig_tot: o.geldig_tot,
            hoofdaanbieder: match o.hoofdaanbieder {
                Some(h) => opslag.organisatie(h).await?.map(|a| Naam {
                    id: a.id,
                    naam: a.naam,
                }),
                None => None,
            },
        }),
        None => None,
    };
    Ok(InrichtingDto {
        organisatie: Naam {
            id: org.id,
            naam: org.naam.clone(),
        },
        soort: org.soort,
        contactpersoon,
        oja,
        verwijzer_van_regio: g.verwijzer_van_regio,
        werkgebied: g.werkgebied.iter().map(ToString::to_string).collect(),
    })
}

/// A new organisation as typed: codes still text.
#[derive(Debug, Clone, Default)]
pub struct Organisatieaanvraag {
    pub regio: Id,
    pub naam: String,
    pub soort: Option<OrganisatieSoort>,
    pub gemeente: Option<String>,
    pub brin: Option<String>,
    pub agb: Option<String>,
}

/// Checks a new organisation: a name, a kind, a school's BRIN (with its
/// vestiging, `99AA00`), an aanbieder's AGB, a gemeente's CBS code; each
/// problem named by its field. Empty codes count as absent.
pub fn controleer_organisatie(a: &Organisatieaanvraag) -> ApiResultaat<NieuweOrganisatie> {
    let mut c = Controle::default();
    fn leeg(s: &Option<String>) -> Option<&str> {
        s.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    let gemeente = leeg(&a.gemeente).and_then(|g| c.veld("gemeente", GemeenteCode::parse(g)));
    let brin = leeg(&a.brin).and_then(|b| c.veld("brin", Brin::parse(b)));
    let agb = leeg(&a.agb).and_then(|x| c.veld("agb", Agb::parse(x)));
    c.eis("naam", !a.naam.trim().is_empty(), "verplicht");
    c.eis(
        "soort",
        a.soort.is_some(),
        "verplicht: school, wijkteam, jgz, aanbieder, gemeente of samenwerkingsverband",
    );
    c.eis(
        "brin",
        a.soort != Some(OrganisatieSoort::School) || leeg(&a.brin).is_some(),
        "verplicht voor een school",
    );
    c.eis(
        "agb",
        a.soort != Some(OrganisatieSoort::Aanbieder) || leeg(&a.agb).is_some(),
        "verplicht voor een aanbieder",
    );
    c.klaar()?;
    Ok(NieuweOrganisatie {
        regio: a.regio,
        naam: a.naam.trim().into(),
        soort: a.soort.unwrap_or(OrganisatieSoort::Gemeente),
        gemeente,
        brin,
        agb,
    })
}

/// The region with `r`'s code, registered (with `audit`, its object id
/// filled in here) when there is none yet: the first start of a region
/// (`schakel account uitnodigen` on an empty database) and the demo.
pub async fn registreer_regio(
    opslag: &dyn Opslag,
    r: &schakel_storage::NieuweRegio,
    audit: &NieuwAuditRecord,
) -> ApiResultaat<schakel_storage::Regio> {
    if let Some(bestaand) = opslag.regio_op_code(&r.code).await? {
        return Ok(bestaand);
    }
    if r.code.trim().is_empty() || r.naam.trim().is_empty() {
        return Err(ApiFout::veld(
            "regio",
            "een regio heeft een code en een naam",
        ));
    }
    let regio = opslag.maak_regio(r).await?;
    let mut record = audit.clone();
    record.object_id = Some(regio.id);
    opslag.schrijf_audit(&record).await?;
    Ok(regio)
}

/// Registers an organisation after [`controleer_organisatie`]; `audit` (its
/// object id filled in here) is written right after.
pub async fn registreer_organisatie(
    opslag: &dyn Opslag,
    a: &Organisatieaanvraag,
    audit: &NieuwAuditRecord,
) -> ApiResultaat<Organisatie> {
    let nieuw = controleer_organisatie(a)?;
    let org = opslag.maak_organisatie(&nieuw).await?;
    let mut record = audit.clone();
    record.object_id = Some(org.id);
    opslag.schrijf_audit(&record).await?;
    // A new wijkteam is in the directory's snapshot on every instance.
    opslag.meld_gidswijziging().await?;
    Ok(org)
}
