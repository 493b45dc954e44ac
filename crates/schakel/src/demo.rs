//! `schakel serve --demo`: a demo region Almere with the organisations the
//! normenkader names, one account per role and fictitious households with
//! test BSNs only, from `data/demo/almere.toml`; beside it the region
//! Achterhoek (`data/demo/achterhoek.toml`) with a fictitious border school
//! whose pupils live in both regions (issue 17.4).

pub mod historie;

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use schakel_domain::{Bsn, OrganisatieSoort, Pc4, Rol};
use schakel_http::api::vandaag;
use schakel_http::inrichting::{
    GEBEURTENIS, Organisatieaanvraag, Toegangsroutewijziging, registreer_organisatie,
    registreer_regio, zet_toegangsroute,
};
use schakel_rules::Regios;
use schakel_storage::audit::{Actie, NieuwAuditRecord, Uitkomst, nu};
use schakel_storage::{NieuweRegio, OjaArrangement, Opslag, Roltoewijzing};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Demo {
    regio: NieuweRegioBestand,
    organisatie: Vec<OrganisatieBestand>,
    medewerker: Vec<MedewerkerBestand>,
    #[serde(default)]
    huishouden: Vec<HuishoudenBestand>,
}

#[derive(Deserialize)]
struct NieuweRegioBestand {
    code: String,
    naam: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisatieBestand {
    sleutel: String,
    naam: String,
    soort: String,
    brin: Option<String>,
    agb: Option<String>,
    gemeente: Option<String>,
    /// E-mail address of a medewerker of this organisation.
    contactpersoon: Option<String>,
    oja: Option<OjaBestand>,
    #[serde(default)]
    werkgebied: Vec<u16>,
    #[serde(default)]
    verwijzer_van_regio: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OjaBestand {
    /// The normenkader's name of the OJA school.
    arrangement: String,
    /// An aanbieder's `sleutel`.
    hoofdaanbieder: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MedewerkerBestand {
    email: String,
    naam: String,
    rollen: Vec<RolBestand>,
}

#[derive(Deserialize)]
struct RolBestand {
    rol: String,
    organisatie: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HuishoudenBestand {
    #[allow(dead_code)]
    sleutel: String,
    vertegenwoordigers: Vec<VertegenwoordigerBestand>,
    casus: Option<CasusBestand>,
    #[serde(default)]
    jeugdige: Vec<JeugdigeBestand>,
}

#[derive(Deserialize)]
struct VertegenwoordigerBestand {
    naam: String,
    relatie: String,
}

#[derive(Deserialize)]
struct CasusBestand {
    wijkteam: String,
    #[serde(default)]
    partijen: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JeugdigeBestand {
    bsn: String,
    voornaam: String,
    achternaam: String,
    geboortedatum: toml::value::Datetime,
    postcode: String,
    huisnummer: u32,
    toevoeging: Option<String>,
    school: Option<String>,
    hulpvraag: Option<String>,
}

/// An account created for the demo, with its one-time password.
pub struct DemoAccount {
    pub email: String,
    pub rol: Rol,
    pub organisatie: String,
    pub wachtwoord: String,
}

/// A record of the demo loader itself, as of the CLI: the region and its
/// organisations exist before anyone who could set them up logs in (as at
/// a real region's first start, `schakel account uitnodigen`). Never about
/// a person: those writes go through the API's functions as a user.
pub(crate) fn systeem_record(
    gebeurtenis: &str,
    actie: Actie,
    object_type: &str,
) -> NieuwAuditRecord {
    NieuwAuditRecord {
        gebeurtenis: gebeurtenis.into(),
        actie,
        tijdstip: nu(),
        gebruiker: None,
        rol: None,
        organisatie: None,
        namens: None,
        client_type: None,
        client: None,
        object_type: object_type.into(),
        object_id: None,
        uitkomst: Uitkomst::Toegestaan,
        grond: Some("demo-gegevens".into()),
        bron: "cli demo".into(),
        systeem: "schakel".into(),
    }
}

pub(crate) fn fout(m: impl std::fmt::Display) -> String {
    m.to_string()
}

/// The access-route data of one organisation as a change through the
/// region's set-up door, with its references (contact person,
/// hoofdaanbieder) resolved.
async fn toegangsroute(
    opslag: &dyn Opslag,
    o: &OrganisatieBestand,
    org_id: &dyn Fn(&str) -> Result<i64, String>,
) -> Result<Toegangsroutewijziging, String> {
    let contactpersoon = match &o.contactpersoon {
        Some(email) => Some(
            opslag
                .medewerker_op_email(email)
                .await
                .map_err(fout)?
                .ok_or_else(|| format!("{}: onbekende contactpersoon {email}", o.sleutel))?
                .0
                .id,
        ),
        None => None,
    };
    let oja = match &o.oja {
        Some(oja) => Some(OjaArrangement {
            arrangement: oja.arrangement.clone(),
            hoofdaanbieder: oja.hoofdaanbieder.as_deref().map(org_id).transpose()?,
            ..OjaArrangement::default()
        }),
        None => None,
    };
    let werkgebied = o
        .werkgebied
        .iter()
        .map(|n| Pc4::new(*n).map_err(|e| format!("{}: {e}", o.sleutel)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Toegangsroutewijziging {
        contactpersoon: Some(contactpersoon),
        oja: Some(oja),
        verwijzer_van_regio: Some(o.verwijzer_van_regio),
        werkgebied: Some(werkgebied),
    })
}

/// A demo account through the doors a real region uses: invited with its
/// first role ([`schakel_http::account::nodig_uit`], marked as a demo
/// account), and its known password set through its activation link
/// ([`schakel_http::account::activeer`]); further roles follow from the
/// beheerder ([`verdere_rollen`]). Returns the password.
async fn demo_account(
    opslag: &dyn Opslag,
    m: &MedewerkerBestand,
    rollen: &[Roltoewijzing],
) -> Result<String, String> {
    use schakel_http::account::{activeer, nodig_uit};
    let eerste = *rollen
        .first()
        .ok_or_else(|| format!("{}: geen rol", m.email))?;
    let bron = "cli demo";
    let u = nodig_uit(
        opslag,
        &m.naam,
        &m.email,
        eerste,
        schakel_http::toegangslog::Wie::default(),
        bron,
        true,
    )
    .await
    .map_err(|e| format!("{}: {e:?}", m.email))?;
    // 24 hex digits: long enough for the password rules, printed at start.
    let wachtwoord = hex::encode(rand::random::<[u8; 12]>());
    activeer(opslag, &u.geheim, &wachtwoord, bron)
        .await
        .map_err(|e| format!("{}: {e:?}", m.email))?;
    Ok(wachtwoord)
}

/// The roles after the first of the accounts that have more, given by a
/// beheerder of the region through the beheer door
/// ([`schakel_http::accountbeheer::zet_rollen`], logged under that
/// beheerder), as in a real region; a beheerder's own by another one.
async fn verdere_rollen(
    state: &schakel_http::AppState,
    medewerkers: &[MedewerkerBestand],
    rollen: &[Vec<Roltoewijzing>],
) -> Result<(), String> {
    let mut beheerders = Vec::new();
    for (m, r) in medewerkers.iter().zip(rollen) {
        if let Some(b) = r.iter().find(|r| r.rol == Rol::Beheerder) {
            beheerders.push(als(
                medewerker(state, &m.email).await?,
                b.rol,
                b.organisatie,
            ));
        }
    }
    for (m, r) in medewerkers.iter().zip(rollen).filter(|(_, r)| r.len() > 1) {
        let id = medewerker(state, &m.email).await?.id;
        let beheerder = beheerders
            .iter()
            .find(|b| b.medewerker.id != id)
            .ok_or_else(|| {
                format!(
                    "demo: {}: geen andere beheerder die de verdere rollen geeft",
                    m.email
                )
            })?;
        schakel_http::accountbeheer::zet_rollen(state, beheerder, id, r)
            .await
            .map_err(|e| format!("demo: {}: {e:?}", m.email))?;
    }
    Ok(())
}

/// The medewerker with `email`.
async fn medewerker(
    state: &schakel_http::AppState,
    email: &str,
) -> Result<schakel_storage::Medewerker, String> {
    Ok(state
        .opslag
        .medewerker_op_email(email)
        .await
        .map_err(fout)?
        .ok_or_else(|| format!("demo: {email} bestaat niet"))?
        .0)
}

/// Reads a demo file.
fn lees(bestand: &Path) -> Result<Demo, String> {
    let tekst =
        std::fs::read_to_string(bestand).map_err(|e| format!("{}: {e}", bestand.display()))?;
    toml::from_str(schakel_rules::tekst::zonder_bom(&tekst))
        .map_err(|e| format!("{}: {e}", bestand.display()))
}

/// Registers a demo file's region and organisations through the region's
/// set-up doors, adding them to `org` (keys are unique over all files, so
/// a household of one region may name a school of another).
async fn registreer(
    opslag: &dyn Opslag,
    demo: &Demo,
    org: &mut HashMap<String, (i64, String)>,
) -> Result<(), String> {
    let regio = registreer_regio(
        opslag,
        &NieuweRegio {
            code: demo.regio.code.clone(),
            naam: demo.regio.naam.clone(),
        },
        &systeem_record("regio.aanmaken", Actie::Aanmaken, "regio"),
    )
    .await
    .map_err(fout)?;
    for o in &demo.organisatie {
        if org.contains_key(&o.sleutel) {
            return Err(format!("demo: sleutel {} staat er twee keer in", o.sleutel));
        }
        let soort = OrganisatieSoort::parse(&o.soort)
            .ok_or_else(|| format!("onbekende soort {}", o.soort))?;
        let aanvraag = Organisatieaanvraag {
            regio: regio.id,
            naam: o.naam.clone(),
            soort: Some(soort),
            gemeente: o.gemeente.clone(),
            brin: o.brin.clone(),
            agb: o.agb.clone(),
        };
        let record = systeem_record("organisatie.aanmaken", Actie::Aanmaken, "organisatie");
        let gemaakt = registreer_organisatie(opslag, &aanvraag, &record)
            .await
            .map_err(|e| format!("{}: {e}", o.sleutel))?;
        org.insert(o.sleutel.clone(), (gemaakt.id, gemaakt.naam));
    }
    Ok(())
}

/// A demo file's accounts (see [`demo_account`], [`verdere_rollen`]),
/// added to `accounts`.
async fn maak_accounts(
    state: &schakel_http::AppState,
    demo: &Demo,
    org: &HashMap<String, (i64, String)>,
    accounts: &mut Vec<DemoAccount>,
) -> Result<(), String> {
    let org_id = |s: &str| {
        org.get(s)
            .map(|o| o.0)
            .ok_or_else(|| format!("onbekende organisatie {s}"))
    };
    let mut alle_rollen = Vec::new();
    for m in &demo.medewerker {
        let mut rollen = Vec::new();
        for r in &m.rollen {
            rollen.push(Roltoewijzing {
                rol: Rol::parse(&r.rol).ok_or_else(|| format!("onbekende rol {}", r.rol))?,
                organisatie: org_id(&r.organisatie)?,
            });
        }
        let wachtwoord = demo_account(state.opslag.as_ref(), m, &rollen).await?;
        alle_rollen.push(rollen.clone());
        for r in rollen {
            let naam = org
                .values()
                .find(|(id, _)| *id == r.organisatie)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            accounts.push(DemoAccount {
                email: m.email.clone(),
                rol: r.rol,
                organisatie: naam,
                wachtwoord: wachtwoord.clone(),
            });
        }
    }
    verdere_rollen(state, &demo.medewerker, &alle_rollen).await
}

/// Seeds an empty store from the demo files (`bestanden`, one region each:
/// Almere's first, then the Achterhoek's), then replays `historie` (see
/// [`historie`]) when given: after the named households, so their ids stay
/// what the files' order makes them. Returns the accounts with their
/// passwords.
pub async fn vul(
    gedeeld: std::sync::Arc<dyn Opslag>,
    bestanden: &[&Path],
    historie: Option<&Path>,
    sleutel: &[u8],
    regios: &Regios,
) -> Result<Vec<DemoAccount>, String> {
    let opslag: &dyn Opslag = gedeeld.as_ref();
    let mut regio_bestanden = Vec::new();
    let mut org: HashMap<String, (i64, String)> = HashMap::new();
    for bestand in bestanden {
        let demo = lees(bestand)?;
        registreer(opslag, &demo, &mut org).await?;
        regio_bestanden.push(demo);
    }
    let org_id = |s: &str| {
        org.get(s)
            .map(|o| o.0)
            .ok_or_else(|| format!("onbekende organisatie {s}"))
    };
    // The API's state: what a region's users do goes through its functions.
    let state = schakel_http::AppState::new(
        gedeeld.clone(),
        regios.clone(),
        schakel_http::Instellingen {
            pseudoniem_sleutel: sleutel.to_vec(),
            ..Default::default()
        },
        None,
    );
    let mut accounts = Vec::new();
    for r in &regio_bestanden {
        maak_accounts(&state, r, &org, &mut accounts).await?;
    }
    // After the medewerkers: a contact person is one of them.
    for o in regio_bestanden.iter().flat_map(|r| &r.organisatie) {
        let w = toegangsroute(opslag, o, &org_id).await?;
        let id = org_id(&o.sleutel)?;
        let mut record = systeem_record(GEBEURTENIS, Actie::Wijzigen, "organisatie");
        record.object_id = Some(id);
        // The organisation's own region's normenkader names its OJA.
        let regels = schakel_http::regels::regels_van_organisatie(&state, id)
            .await
            .map_err(|e| format!("{}: {e}", o.sleutel))?;
        zet_toegangsroute(opslag, regels, vandaag(), id, &w, &record)
            .await
            .map_err(|e| format!("{}: {e}", o.sleutel))?;
    }
    // Households, jeugdigen, hulpvragen and cases go through the API's own
    // functions, each as the account that would do it in a real region:
    // the same checks and audit records.
    for r in &regio_bestanden {
        for h in &r.huishouden {
            vul_huishouden(&state, &r.medewerker, h, &org_id).await?;
        }
    }
    if let Some(pad) = historie {
        let ids: HashMap<String, i64> = org.iter().map(|(k, v)| (k.clone(), v.0)).collect();
        let begin = std::time::Instant::now();
        let vandaag = schakel_storage::klok::nu().date_naive();
        let v = historie::speel(&state, pad, &ids, vandaag).await?;
        eprintln!(
            "Demo-historie: {} huishoudens, {} gebeurtenissen in {} ms",
            v.huishoudens,
            v.gebeurtenissen,
            begin.elapsed().as_millis()
        );
    }
    Ok(accounts)
}

/// The demo account with `rol` at organisation `sleutel`, as an actor of
/// the API's functions.
async fn actor_van(
    state: &schakel_http::AppState,
    medewerkers: &[MedewerkerBestand],
    rol: Rol,
    sleutel: &str,
    organisatie: i64,
) -> Result<schakel_http::auth::Actor, String> {
    let email = medewerkers
        .iter()
        .find(|m| {
            m.rollen
                .iter()
                .any(|r| r.organisatie == sleutel && Rol::parse(&r.rol) == Some(rol))
        })
        .map(|m| m.email.clone())
        .ok_or_else(|| format!("demo: geen {} bij {sleutel}", rol.naam()))?;
    Ok(als(medewerker(state, &email).await?, rol, organisatie))
}

/// `medewerker` acting in `rol` at `organisatie`, as if just logged in.
pub(crate) fn als(
    medewerker: schakel_storage::Medewerker,
    rol: Rol,
    organisatie: i64,
) -> schakel_http::auth::Actor {
    schakel_http::auth::Actor {
        medewerker,
        rol: Roltoewijzing { rol, organisatie },
        herkomst: "demo".into(),
        via: schakel_http::auth::Via::Sessie {
            ingelogd: schakel_storage::klok::nu(),
        },
    }
}

/// One household of the demo file: registered (with its jeugdigen) by the
/// casusregisseur of its case's wijkteam, or else by the zorgcoördinator
/// of its first jeugdige's school; each hulpvraag by the zorgcoördinator
/// of the jeugdige's school; the case by the casusregisseur.
async fn vul_huishouden(
    state: &schakel_http::AppState,
    demo: &[MedewerkerBestand],
    h: &HuishoudenBestand,
    org_id: &impl Fn(&str) -> Result<i64, String>,
) -> Result<(), String> {
    use schakel_http::api::jeugdigen::{
        HuishoudenInvoer, JeugdigeInvoer, VertegenwoordigerInvoer, controleer_jeugdige,
        registreer_huishouden,
    };
    use schakel_http::dossier::Dossier;
    let api = |e: schakel_http::fout::ApiFout| format!("demo-gegevens: {e:?}");
    let registrant = match (
        &h.casus,
        h.jeugdige.first().and_then(|j| j.school.as_deref()),
    ) {
        (Some(c), _) => {
            actor_van(
                state,
                demo,
                Rol::Casusregisseur,
                &c.wijkteam,
                org_id(&c.wijkteam)?,
            )
            .await?
        }
        (None, Some(school)) => {
            actor_van(state, demo, Rol::Zorgcoordinator, school, org_id(school)?).await?
        }
        (None, None) => return Err("demo-gegevens: een huishouden zonder casus en school".into()),
    };
    let dossier = Dossier {
        state,
        actor: &registrant,
    };
    let invoer = HuishoudenInvoer {
        vertegenwoordigers: h
            .vertegenwoordigers
            .iter()
            .map(|v| VertegenwoordigerInvoer {
                naam: v.naam.clone(),
                relatie: v.relatie.clone(),
            })
            .collect(),
    };
    let huishouden = registreer_huishouden(&dossier, invoer).await.map_err(api)?;
    for j in &h.jeugdige {
        let bsn = Bsn::parse(&j.bsn).map_err(fout)?;
        if !bsn.is_test_bsn() {
            return Err(format!("demo-gegevens: {} is geen test-BSN", j.voornaam));
        }
        let d = j.geboortedatum.date.ok_or("geboortedatum zonder datum")?;
        let geboortedatum = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
            .ok_or("ongeldige geboortedatum")?;
        let school = j.school.as_deref().map(org_id).transpose()?;
        let nieuw = controleer_jeugdige(JeugdigeInvoer {
            huishouden: huishouden.id,
            bsn: j.bsn.clone(),
            geboortedatum,
            voornaam: j.voornaam.clone(),
            achternaam: j.achternaam.clone(),
            postcode: j.postcode.clone(),
            huisnummer: j.huisnummer,
            toevoeging: j.toevoeging.clone(),
            school,
        })
        .map_err(api)?;
        let jeugdige = dossier.maak(&nieuw).await.map_err(api)?;
        if let (Some(vraag), Some(sleutel), Some(school)) = (&j.hulpvraag, &j.school, school) {
            let zc = actor_van(state, demo, Rol::Zorgcoordinator, sleutel, school).await?;
            let i = schakel_http::api::route::HulpvraagInvoer {
                jeugdige: jeugdige.id,
                omschrijving: vraag.clone(),
            };
            let school_dossier = Dossier { state, actor: &zc };
            schakel_http::api::route::registreer_hulpvraag(&school_dossier, &i)
                .await
                .map_err(api)?;
        }
    }
    if let Some(c) = &h.casus {
        let partijen = c
            .partijen
            .iter()
            .map(|p| org_id(p))
            .collect::<Result<Vec<_>, _>>()?;
        let i = schakel_http::api::route::CasusInvoer {
            huishouden: huishouden.id,
            partijen,
        };
        schakel_http::api::route::open_casus_voor(&dossier, i)
            .await
            .map_err(api)?;
    }
    Ok(())
}
