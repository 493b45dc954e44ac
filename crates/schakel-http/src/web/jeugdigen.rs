//! Jeugdigen and hulpvragen: the need-to-know list, one jeugdige, where
//! the parents go with their question (the access route), registering and
//! triaging a hulpvraag, and the OJA scope of the own school. Every read
//! goes through `Dossier` and the API's shared functions, and is logged
//! as through the API.

use schakel_domain::grens::Datumsoort;
use std::collections::HashMap;

use super::formulier::{Path, Query};
use askama::Template;
use axum::extract::State;
use schakel_domain::toegangsroute::{Route, Vraagsoort};
use schakel_domain::{OrganisatieSoort, Rol, Triage};
use schakel_storage::{
    Hulpvraag, HulpvragenFilter, Id, Jeugdige, JeugdigenFilter, JeugdigenSortering, Organisatie,
    Pagina,
};
use serde::Deserialize;

use super::formulier::{Fouten, Keuze};
use super::sessie::{Formulier, Ingelogd, Velden, veld};
use super::{Kop, WebFout, WebResultaat, lijstkeuze, naar, opmaak, pagina, pagina_met};
use crate::api::route::{
    HulpvraagInvoer, TriageInvoer, eigen_hulpvragen, lees_hulpvraag_voor, registreer_hulpvraag,
    trieer_hulpvraag,
};
use crate::api::toegangsroute::{ToegangsrouteDto, toegangsroute_voor};
use crate::api::vandaag;
use crate::fout::ApiFout;
use crate::state::AppState;

/// Every organisation of the directory (a few hundred at most), by id.
pub async fn organisaties(state: &AppState) -> Result<Vec<Organisatie>, WebFout> {
    Ok(crate::api::organisaties::alle(state).await?)
}

pub fn namen(orgs: &[Organisatie]) -> HashMap<Id, String> {
    orgs.iter().map(|o| (o.id, o.naam.clone())).collect()
}

/// The jeugdigen this user may see: `Dossier::lijst`, each read logged.
pub async fn zichtbare_jeugdigen(wie: &Ingelogd) -> Result<Vec<Jeugdige>, WebFout> {
    Ok(wie.dossier().lijst(Pagina::new(1, 100)).await?.items)
}

pub struct JeugdigeRegel {
    pub id: Id,
    pub naam: String,
    pub geboortedatum: String,
    pub school: String,
}

pub fn jeugdige_regel(j: &Jeugdige, namen: &HashMap<Id, String>) -> JeugdigeRegel {
    JeugdigeRegel {
        id: j.id,
        naam: j.naam(),
        geboortedatum: opmaak::datum(j.geboortedatum),
        school: j
            .gegevens
            .school
            .and_then(|s| namen.get(&s).cloned())
            .unwrap_or_else(|| "Geen school geregistreerd".into()),
    }
}

/// An open hulpvraag of the own organisation, on the list page.
pub struct HulpvraagRegel {
    pub id: Id,
    pub jeugdige: Id,
    pub naam: String,
    /// The pupil's school, "–" for none.
    pub school: String,
    pub aangemaakt: String,
    /// Who asked it: "Uw organisatie" or the registrant's name.
    pub door: String,
    /// Where it stands, with whom it lies now.
    pub stand: String,
}

#[derive(Template)]
#[template(path = "jeugdigen.html")]
struct Lijst {
    kop: Kop,
    melding: Option<&'static str>,
    fouten: Fouten,
    jeugdigen: Vec<JeugdigeRegel>,
    totaal: i64,
    pagina: i64,
    paginas: i64,
    hulpvragen: Option<Vec<HulpvraagRegel>>,
    /// How many open hulpvragen there are in all.
    hulpvragen_totaal: i64,
    school: bool,
    /// What the user searched for (from the POST body, never a URL).
    zoek: String,
    bsn: String,
    /// Whether this role searches by BSN.
    op_bsn: bool,
    gekozen_school: String,
    scholen: Vec<Keuze>,
    sorteer: &'static str,
    sorteringen: Vec<Keuze>,
    paginering: lijstkeuze::Paginering,
    csrf: String,
}

impl Lijst {
    pub fn gezocht(&self) -> bool {
        !self.zoek.is_empty() || !self.bsn.is_empty()
    }
}

/// The open hulpvragen the own organisation registered or handles (each a
/// logged read); `None` for a role that registers none.
async fn open_hulpvragen(
    wie: &Ingelogd,
    namen: &HashMap<Id, String>,
) -> Result<(Option<Vec<HulpvraagRegel>>, i64), WebFout> {
    if !matches!(
        wie.rol(),
        Rol::Zorgcoordinator | Rol::Casusregisseur | Rol::Wijkteammedewerker
    ) {
        return Ok((None, 0));
    }
    let filter = HulpvragenFilter {
        alleen_open: true,
        ..Default::default()
    };
    let lijst = eigen_hulpvragen(&wie.dossier(), &filter, Pagina::new(1, NIEUWSTE_VRAGEN)).await?;
    let eigen = wie.actor.rol.organisatie;
    Ok((
        Some(
            lijst
                .items
                .iter()
                .map(|(h, j)| hulpvraag_regel(h, j, eigen, namen))
                .collect(),
        ),
        lijst.totaal,
    ))
}

/// The newest open hulpvragen on the list of jeugdigen; the rest on
/// `/hulpvragen`.
const NIEUWSTE_VRAGEN: i64 = 10;

/// A hulpvraag on a list, with where it stands for organisation `eigen`.
pub fn hulpvraag_regel(
    h: &Hulpvraag,
    j: &Jeugdige,
    eigen: Id,
    namen: &HashMap<Id, String>,
) -> HulpvraagRegel {
    let naam_van = |org: Id| {
        if org == eigen {
            "Uw organisatie".to_string()
        } else {
            namen
                .get(&org)
                .cloned()
                .unwrap_or_else(|| "Een andere organisatie".into())
        }
    };
    HulpvraagRegel {
        id: h.id,
        jeugdige: j.id,
        naam: j.naam(),
        school: j
            .gegevens
            .school
            .and_then(|s| namen.get(&s).cloned())
            .unwrap_or_else(|| "–".into()),
        aangemaakt: opmaak::datum(h.aangemaakt.date_naive()),
        door: naam_van(h.organisatie),
        stand: match h.triage {
            None => "Nog te triëren".into(),
            Some(_) if h.behandelaar == eigen => "Getriëerd: uw organisatie pakt haar op".into(),
            Some(_) => format!(
                "Overgedragen aan {}",
                namen
                    .get(&h.behandelaar)
                    .map_or("een andere organisatie", String::as_str)
            ),
        },
    }
}

/// Jeugdigen per page of the list.
const PER_PAGINA: i64 = 50;

/// The list's choices as the URL or the form sends them (all text, checked
/// in [`toon`] so a bad value gets the list again with a message).
#[derive(Deserialize, Default)]
pub struct LijstVraag {
    gelukt: Option<String>,
    pagina: Option<String>,
    sorteer: Option<String>,
    school: Option<String>,
}

fn sortering_label(s: JeugdigenSortering) -> &'static str {
    match s {
        JeugdigenSortering::Registratie => "Laatst geregistreerd onderaan",
        JeugdigenSortering::Naam => "Achternaam (A–Z)",
        JeugdigenSortering::Leeftijd => "Jongste eerst",
    }
}

/// The need-to-know list, paged in the database (each listed jeugdige
/// logged); a bad choice gives the list again with a message.
pub async fn lijst(wie: Ingelogd, Query(g): Query<LijstVraag>) -> WebResultaat {
    toon(wie, g, String::new(), String::new()).await
}

/// A search by name or BSN: sent in the body, never in a URL; the page
/// answers directly.
pub async fn zoek(f: Formulier<Velden>) -> WebResultaat {
    let gekozen = |n: &str| Some(veld(&f.invoer, n)).filter(|s| !s.is_empty());
    let g = LijstVraag {
        gelukt: None,
        pagina: gekozen("pagina"),
        sorteer: gekozen("sorteer"),
        school: gekozen("school"),
    };
    let (zoek, bsn) = (veld(&f.invoer, "zoek"), veld(&f.invoer, "bsn"));
    toon(f.wie, g, zoek, bsn).await
}

/// Whether a role searches its list by BSN: every role that sees
/// dossiers; the search finds only jeugdigen it has a relation with.
fn zoekt_op_bsn(rol: Rol) -> bool {
    rol.ziet_dossiers()
}

async fn toon(wie: Ingelogd, g: LijstVraag, zoek: String, bsn: String) -> WebResultaat {
    let school = wie.rol() == Rol::Zorgcoordinator;
    let titel = if school {
        "Mijn leerlingen"
    } else {
        "Jeugdigen"
    };
    let orgs = organisaties(&wie.state).await?;
    let namen = namen(&orgs);
    let mut fouten = Fouten::default();
    let op_bsn = zoekt_op_bsn(wie.rol());
    let filter = JeugdigenFilter {
        zoek: lijstkeuze::zoekterm(&zoek, &mut fouten),
        bsn: if op_bsn || bsn.trim().is_empty() {
            lijstkeuze::bsn(&bsn, &mut fouten)
        } else {
            fouten.veld("bsn", "BSN", "uw rol zoekt niet op BSN");
            None
        },
        school: lijstkeuze::school(g.school.as_deref(), &orgs, &mut fouten),
        sortering: lijstkeuze::sortering(
            g.sorteer.as_deref(),
            JeugdigenSortering::parse,
            &mut fouten,
        ),
    };
    let gevraagd = lijstkeuze::paginanummer(g.pagina.as_deref(), &mut fouten);
    let dossier = wie.dossier();
    let mut l = dossier
        .zoek(&filter, Pagina::new(gevraagd, PER_PAGINA))
        .await?;
    let paginas = lijstkeuze::paginas(l.totaal, PER_PAGINA);
    let pagina = lijstkeuze::binnen_bereik(gevraagd, paginas, &mut fouten);
    if pagina != gevraagd {
        l = dossier
            .zoek(&filter, Pagina::new(pagina, PER_PAGINA))
            .await?;
    }
    let jeugdigen = l.items.iter().map(|j| jeugdige_regel(j, &namen)).collect();
    let (hulpvragen, hulpvragen_totaal) = open_hulpvragen(&wie, &namen).await?;
    let sorteringen = JeugdigenSortering::ALLE
        .iter()
        .map(|s| Keuze::new(s.naam(), sortering_label(*s)))
        .collect();
    let gekozen_school = filter.school.map(|s| s.to_string()).unwrap_or_default();
    let paginering = lijstkeuze::Paginering {
        anker: "#jeugdigen-kop",
        ..lijstkeuze::Paginering::new("Pagina's van de jeugdigen", "/jeugdigen", (pagina, paginas))
    }
    .met(&[
        ("sorteer", filter.sortering.naam()),
        ("school", &gekozen_school),
    ])
    .gezocht_op(&[("zoek", &zoek), ("bsn", &bsn)], &wie.csrf);
    pagina_met(
        fouten.status(),
        &Lijst {
            kop: Kop::voor(&wie, titel, "/jeugdigen").await?,
            melding: (g.gelukt.as_deref() == Some("overgeschreven")).then_some(
                "De gegevens zijn gewijzigd. De leerling staat nu bij een andere school en verdwijnt daarom uit uw lijst.",
            ),
            fouten,
            hulpvragen,
            hulpvragen_totaal,
            jeugdigen,
            totaal: l.totaal,
            pagina,
            paginas,
            school,
            zoek,
            bsn,
            op_bsn,
            gekozen_school,
            scholen: lijstkeuze::scholen(&orgs),
            sorteer: filter.sortering.naam(),
            sorteringen,
            paginering,
            csrf: wie.csrf.clone(),
        },
    )
}

pub struct VerwijzingRegel {
    pub id: Id,
    pub product: String,
    pub omvang: String,
    pub periode: String,
    pub aanbieder: String,
    pub resterend: String,
    pub binnen_normen: bool,
}

#[derive(Template)]
#[template(path = "jeugdige.html")]
struct JeugdigePagina {
    kop: Kop,
    melding: Option<&'static str>,
    mag_wijzigen: bool,
    mag_toevoegen: bool,
    casus_openen: bool,
    j: JeugdigeRegel,
    postcode: String,
    casus: Option<Id>,
    verwijzingen: Vec<VerwijzingRegel>,
    verwijzer: bool,
    /// The onderwijssituatie that holds today, in words.
    onderwijssituatie: Option<String>,
    /// The advisor and the check for this jeugdige, for the roles whose
    /// navigation offers them.
    advies: bool,
    toets: bool,
}

pub async fn jeugdige(
    wie: Ingelogd,
    Path(id): Path<Id>,
    g: Query<super::gezin::Gelukt>,
) -> WebResultaat {
    let j = wie.dossier().lees(id).await?;
    let orgs = organisaties(&wie.state).await?;
    let namen = namen(&orgs);
    let casus = match wie.state.opslag.open_casus(j.huishouden).await? {
        Some(c)
            if c.wijkteam == wie.actor.rol.organisatie
                || c.partijen.contains(&wie.actor.rol.organisatie) =>
        {
            Some(c.id)
        }
        _ => None,
    };
    let verwijzingen = super::verwijzingen::regels_voor(&wie, &j, &namen).await?;
    let situatienamen = crate::regels::regels_of_geen(&wie.state, &j).await?;
    let onderwijssituatie =
        crate::api::onderwijssituatie::Dossiersituatie::op(&wie.state, &j, crate::api::vandaag())
            .await?
            .map(|d| super::onderwijssituatie::beschrijving(situatienamen, &d));
    pagina(&JeugdigePagina {
        kop: Kop::voor(&wie, "Jeugdige", "/jeugdigen").await?,
        melding: super::gezin::melding(&g),
        mag_wijzigen: matches!(
            wie.rol(),
            Rol::Zorgcoordinator | Rol::Casusregisseur | Rol::Wijkteammedewerker
        ),
        mag_toevoegen: crate::dossier::REGISTREREN.contains(&wie.rol()),
        casus_openen: casus.is_none() && wie.rol() == Rol::Casusregisseur,
        postcode: j.gegevens.postcode.als_tekst().to_string(),
        j: jeugdige_regel(&j, &namen),
        casus,
        verwijzingen,
        verwijzer: wie.rol() == Rol::Verwijzer,
        onderwijssituatie,
        advies: super::biedt(wie.rol(), "/advies"),
        toets: super::biedt(wie.rol(), "/toets"),
    })
}

pub struct RouteWeergave {
    pub vraag: &'static str,
    pub route: &'static str,
    pub beschikking: &'static str,
    pub organisatie: Option<String>,
    pub contact: Option<(String, String)>,
    /// The directory's contact persons: (function and name, phone, e-mail).
    pub contacten: Vec<(String, String, String)>,
    pub toelichting: Vec<String>,
    pub bronnen: Vec<String>,
}

fn route_weergave(vraag: &'static str, r: ToegangsrouteDto) -> RouteWeergave {
    RouteWeergave {
        vraag,
        route: match r.route {
            Route::OjaHoofdaanbieder => "Via de hoofdaanbieder van het OJA van de school",
            Route::RegulierVerwijzer => "De reguliere route: via de gemandateerde verwijzer",
            Route::Wijkteam => "Via het wijkteam van het adres",
        },
        beschikking: opmaak::ja_nee(r.beschikking_nodig),
        organisatie: r.organisatie.map(|o| o.naam),
        contact: r.contactpersoon.map(|c| (c.naam, c.email)),
        contacten: r
            .contacten
            .into_iter()
            .map(|c| {
                (
                    format!("{} ({})", c.naam, c.functie),
                    c.telefoon.unwrap_or_default(),
                    c.email.unwrap_or_default(),
                )
            })
            .collect(),
        toelichting: r.toelichting,
        bronnen: r.bronnen,
    }
}

#[derive(Template)]
#[template(path = "toegangsroute.html")]
struct RoutePagina {
    kop: Kop,
    id: Id,
    routes: Vec<RouteWeergave>,
}

/// Where the parents go: for a question about upbringing or jeugdhulp, and
/// for a question of the parents themselves (seed 000).
pub async fn toegangsroute(wie: Ingelogd, Path(id): Path<Id>) -> WebResultaat {
    let dossier = wie.dossier();
    let opvoeding = toegangsroute_voor(&dossier, id, Vraagsoort::Opvoeding).await?;
    let ouders = toegangsroute_voor(&dossier, id, Vraagsoort::Ouders).await?;
    pagina(&RoutePagina {
        kop: Kop::voor(&wie, "Toegangsroute", "/jeugdigen").await?,
        id,
        routes: vec![
            route_weergave(
                "Een vraag over opvoeden of jeugdhulp voor de jeugdige",
                opvoeding,
            ),
            route_weergave(
                "Een vraag van de ouders zelf (schulden, laaggeletterdheid, …)",
                ouders,
            ),
        ],
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HulpvraagFormulier {
    jeugdige: String,
    omschrijving: String,
}

#[derive(Template)]
#[template(path = "hulpvraag_nieuw.html")]
struct NieuweHulpvraag {
    kop: Kop,
    fouten: Fouten,
    jeugdigen: Vec<Keuze>,
    invoer: HulpvraagFormulier,
}

/// A jeugdige in a form's list: by name, told apart by the date of birth
/// (not by an id).
pub fn jeugdige_keuze(j: &Jeugdige) -> Keuze {
    Keuze::new(
        j.id.to_string(),
        format!(
            "{} (geboren {})",
            j.naam(),
            super::opmaak::datum(j.geboortedatum)
        ),
    )
}

async fn hulpvraagformulier(
    wie: &Ingelogd,
    fouten: Fouten,
    invoer: HulpvraagFormulier,
) -> WebResultaat {
    let mut jeugdigen = vec![Keuze::new("", "Kies een jeugdige")];
    jeugdigen.extend(zichtbare_jeugdigen(wie).await?.iter().map(jeugdige_keuze));
    let status = fouten.status();
    pagina_met(
        status,
        &NieuweHulpvraag {
            kop: Kop::voor(wie, "Hulpvraag registreren", "/hulpvragen/nieuw").await?,
            fouten,
            jeugdigen,
            invoer,
        },
    )
}

pub async fn nieuwe_hulpvraag(wie: Ingelogd) -> WebResultaat {
    hulpvraagformulier(&wie, Fouten::default(), HulpvraagFormulier::default()).await
}

const HULPVRAAGVELDEN: [(&str, &str, &str); 2] = [
    ("jeugdige", "jeugdige", "Jeugdige"),
    ("omschrijving", "omschrijving", "Omschrijving"),
];

pub async fn registreer(f: Formulier<HulpvraagFormulier>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let mut fouten = Fouten::default();
    let Ok(jeugdige) = invoer.jeugdige.trim().parse::<Id>() else {
        fouten.veld(
            "jeugdige",
            "Jeugdige",
            "Kies de jeugdige voor wie de hulpvraag is.",
        );
        return hulpvraagformulier(&wie, fouten, invoer).await;
    };
    let i = HulpvraagInvoer {
        jeugdige,
        omschrijving: invoer.omschrijving.clone(),
    };
    match registreer_hulpvraag(&wie.dossier(), &i).await {
        Ok(h) => Ok(naar(format!("/hulpvragen/{}?gelukt=geregistreerd", h.id))),
        Err(f) => {
            fouten.uit(f, &HULPVRAAGVELDEN)?;
            hulpvraagformulier(&wie, fouten, invoer).await
        }
    }
}

#[derive(Deserialize)]
pub struct Zoek {
    nummer: Option<String>,
}

/// Opens a hulpvraag by its number (as the registrant knows it).
pub async fn zoek_hulpvraag(_wie: Ingelogd, Query(z): Query<Zoek>) -> WebResultaat {
    match z
        .nummer
        .as_deref()
        .map(str::trim)
        .and_then(|n| n.parse::<Id>().ok())
    {
        Some(n) if n > 0 => Ok(naar(format!("/hulpvragen/{n}"))),
        _ => Err(ApiFout::veld("nummer", "verwacht het nummer van een hulpvraag").into()),
    }
}

#[derive(Deserialize)]
pub struct Gelukt {
    gelukt: Option<String>,
}

#[derive(Template)]
#[template(path = "hulpvraag.html")]
struct HulpvraagPagina {
    kop: Kop,
    fouten: Fouten,
    melding: Option<&'static str>,
    h: Hulpvraag,
    /// The jeugdige's name.
    jeugdige: String,
    triage: Option<&'static str>,
    behandelaar: String,
    aangemaakt: String,
    kan_trieren: bool,
    /// The wijkteam handles the question: its casusregisseur may open a
    /// case for the household.
    casus_openen: bool,
    wijkteams: Vec<Keuze>,
    /// The help text at the wijkteam: the proposal from the address.
    wijkteam_uitleg: String,
    partijen: Vec<Keuze>,
    invoer: TriageFormulier,
}

fn triage_label(t: Triage) -> &'static str {
    match t {
        Triage::Gemeente => "Alleen gemeente: het wijkteam pakt de vraag op",
        Triage::Onderwijs => "Alleen onderwijs: de school pakt de vraag op",
        Triage::Beide => "Gemeente en onderwijs samen: één integraal plan",
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TriageFormulier {
    uitkomst: String,
    wijkteam: String,
    partij: Vec<String>,
}

/// Where the jeugdige's address lies, by the areas' names (issue 16.3):
/// " Het adres ligt in buurt …, gemeente …."; empty when the address file
/// does not hold it.
async fn ligging(wie: &Ingelogd, j: &Jeugdige) -> Result<String, WebFout> {
    let stand = wie.state.gebieden.stand(wie.state.opslag.as_ref()).await?;
    let buurt = crate::gids::buurt_van(
        wie.state.opslag.as_ref(),
        &stand,
        &j.gegevens.postcode,
        j.gegevens.huisnummer,
    )
    .await?;
    Ok(buurt.map_or_else(String::new, |b| {
        format!(
            " Het adres ligt in buurt {}, gemeente {}.",
            stand.benoem(&b.to_string()),
            stand.benoem(&b.gemeente().cbs())
        )
    }))
}

/// What the triage form says at the wijkteam, and the wijkteam it
/// proposes: the one the directory finds for the jeugdige's address
/// (issue 16.5), unless the user chose one already.
async fn stel_wijkteam_voor(
    wie: &Ingelogd,
    j: &Jeugdige,
    namen: &HashMap<Id, String>,
    invoer: &mut TriageFormulier,
) -> Result<String, WebFout> {
    const NODIG: &str = "Nodig als de school de vraag aan de gemeente geeft of samen oppakt.";
    let gevonden = crate::api::toegangsroute::wijkteams_van_adres(&wie.state, j).await?;
    let naam = |w: &Id| namen.get(w).cloned().unwrap_or_default();
    Ok(match &gevonden[..] {
        [w] => {
            if invoer.wijkteam.is_empty() {
                invoer.wijkteam = w.to_string();
            }
            format!(
                "{NODIG} Voorgesteld: {}, het wijkteam van het adres van {} volgens de gids.{}",
                naam(w),
                j.gegevens.voornaam,
                ligging(wie, j).await?
            )
        }
        [] => format!("{NODIG} De gids kent geen wijkteam voor dit adres: kies het zelf."),
        meer => format!(
            "{NODIG} Het adres ligt in het gebied van meer wijkteams ({}): kies er een.",
            meer.iter().map(naam).collect::<Vec<_>>().join(" en ")
        ),
    })
}

async fn hulpvraagpagina(
    wie: &Ingelogd,
    id: Id,
    fouten: Fouten,
    melding: Option<&'static str>,
    invoer: TriageFormulier,
) -> WebResultaat {
    let (h, j) = lees_hulpvraag_voor(&wie.dossier(), id).await?;
    let orgs = organisaties(&wie.state).await?;
    let namen = namen(&orgs);
    let mut invoer = invoer;
    let kan_trieren = h.triage.is_none()
        && h.open
        && h.organisatie == wie.actor.rol.organisatie
        && matches!(
            wie.rol(),
            Rol::Zorgcoordinator | Rol::Casusregisseur | Rol::Wijkteammedewerker
        );
    let wijkteam_uitleg = if kan_trieren {
        stel_wijkteam_voor(wie, &j, &namen, &mut invoer).await?
    } else {
        String::new()
    };
    let mut wijkteams = vec![Keuze::new("", "Kies het wijkteam van het adres")];
    wijkteams.extend(
        orgs.iter()
            .filter(|o| o.soort == OrganisatieSoort::Wijkteam)
            .map(|o| Keuze::new(o.id.to_string(), &o.naam)),
    );
    let partijen = orgs
        .iter()
        // The support route's parties besides the school (which joins by
        // itself): a provider comes in through a referral or an inkoop.
        .filter(|o| o.soort == OrganisatieSoort::Jgz)
        .map(|o| Keuze::new(o.id.to_string(), &o.naam))
        .collect();
    let status = fouten.status();
    pagina_met(
        status,
        &HulpvraagPagina {
            kop: Kop::voor(wie, "Hulpvraag", "/hulpvragen/nieuw").await?,
            fouten,
            melding,
            jeugdige: j.naam(),
            triage: h.triage.map(triage_label),
            behandelaar: namen.get(&h.behandelaar).cloned().unwrap_or_default(),
            aangemaakt: opmaak::datum(h.aangemaakt.date_naive()),
            kan_trieren,
            casus_openen: h.open
                && h.casus.is_none()
                && h.triage == Some(Triage::Gemeente)
                && h.behandelaar == wie.actor.rol.organisatie
                && wie.rol() == Rol::Casusregisseur,
            wijkteams,
            wijkteam_uitleg,
            partijen,
            invoer,
            h,
        },
    )
}

pub async fn hulpvraag(wie: Ingelogd, Path(id): Path<Id>, Query(g): Query<Gelukt>) -> WebResultaat {
    let melding = match g.gelukt.as_deref() {
        Some("geregistreerd") => Some("De hulpvraag is geregistreerd. Triëer haar hieronder."),
        Some("getrieerd") => Some("De hulpvraag is getriëerd."),
        _ => None,
    };
    hulpvraagpagina(
        &wie,
        id,
        Fouten::default(),
        melding,
        TriageFormulier::default(),
    )
    .await
}

const TRIAGEVELDEN: [(&str, &str, &str); 3] = [
    ("uitkomst", "uitkomst", "Uitkomst"),
    ("wijkteam", "wijkteam", "Wijkteam"),
    ("partijen", "partijen", "Andere partijen"),
];

/// The triage form: the checkboxes `partij` repeat, hence the field list.
pub async fn trieer(Path(id): Path<Id>, f: Formulier<super::sessie::Velden>) -> WebResultaat {
    use super::sessie::{alle, veld};
    let Formulier { wie, invoer } = f;
    let formulier = TriageFormulier {
        uitkomst: veld(&invoer, "uitkomst"),
        wijkteam: veld(&invoer, "wijkteam"),
        partij: alle(&invoer, "partij"),
    };
    let mut fouten = Fouten::default();
    let uitkomst = match formulier.uitkomst.as_str() {
        "gemeente" => Some(Triage::Gemeente),
        "onderwijs" => Some(Triage::Onderwijs),
        "beide" => Some(Triage::Beide),
        _ => None,
    };
    let Some(uitkomst) = uitkomst else {
        fouten.veld("uitkomst", "Uitkomst", "Kies wie de vraag oppakt.");
        return hulpvraagpagina(&wie, id, fouten, None, formulier).await;
    };
    let i = TriageInvoer {
        uitkomst,
        wijkteam: formulier.wijkteam.parse().ok(),
        partijen: formulier
            .partij
            .iter()
            .filter_map(|p| p.parse().ok())
            .collect(),
    };
    match trieer_hulpvraag(&wie.dossier(), id, &i).await {
        Ok(h) => Ok(naar(match h.casus {
            Some(c) => format!("/casussen/{c}?gelukt=getrieerd"),
            None => format!("/hulpvragen/{id}?gelukt=getrieerd"),
        })),
        Err(f) => {
            fouten.uit(
                super::formulier::per_lijstveld(f, "partijen"),
                &TRIAGEVELDEN,
            )?;
            hulpvraagpagina(&wie, id, fouten, None, formulier).await
        }
    }
}

#[derive(Deserialize)]
pub struct SchoolVraag {
    school: Option<String>,
}

#[derive(Template)]
#[template(path = "reikwijdte.html")]
struct ReikwijdtePagina {
    kop: Kop,
    scholen: Vec<Keuze>,
    gekozen: String,
    eigen: Option<String>,
    diensten: Vec<super::advies::ReikwijdteRegel>,
    toelichting: Vec<String>,
    bronnen: Vec<String>,
    /// The organisation's region has no normenkader: no OJA there.
    zonder_normenkader: Option<String>,
}

/// What an OJA (or JOA) school's arrangement covers: the own school's by
/// default (from the directory), or another the normenkader names.
pub async fn reikwijdte(
    wie: Ingelogd,
    State(state): State<AppState>,
    Query(v): Query<SchoolVraag>,
) -> WebResultaat {
    let eigen = state
        .opslag
        .directory_gegevens(wie.actor.rol.organisatie)
        .await?
        .and_then(|g| g.oja)
        .map(|o| o.arrangement);
    // The school's own region's normenkader; a region without one has no
    // OJA schools, and no other region's are offered.
    let regio = crate::regels::regio_van_organisatie(&state, wie.actor.rol.organisatie).await?;
    let kader = match regio.and_then(|r| r.regels.as_ref()) {
        Some(r) => Some(r.kader_voor(vandaag(), "peildatum")?),
        None => None,
    };
    let gekozen = v
        .school
        .filter(|s| !s.trim().is_empty())
        .or_else(|| eigen.clone())
        .unwrap_or_default();
    let (diensten, toelichting, bronnen) = match kader.map(|k| k.reikwijdte_school(&gekozen)) {
        Some(Ok((r, t, b))) => (
            super::advies::reikwijdte_regels(&r),
            t.iter().map(|x| x.to_string()).collect(),
            b.iter().map(|x| x.to_string()).collect(),
        ),
        _ => (vec![], vec![], vec![]),
    };
    let scholen = kader
        .iter()
        .flat_map(|k| &k.scholen)
        .filter(|s| s.arrangement.is_some())
        .map(|s| Keuze::new(&s.naam, &s.naam))
        .collect();
    let zonder_normenkader = match (regio, kader) {
        (Some(r), None) => Some(format!(
            "Regio {} heeft geen normenkader in Schakel, en dus geen scholen met een OJA. Voor haar jeugdigen geldt {}.",
            r.naam,
            r.route.uitleg("waar de jeugdige woont")
        )),
        _ => None,
    };
    pagina(&ReikwijdtePagina {
        kop: Kop::voor(&wie, "Reikwijdte van het arrangement", "/reikwijdte").await?,
        scholen,
        gekozen,
        eigen,
        diensten,
        toelichting,
        bronnen,
        zonder_normenkader,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LeerlingFormulier {
    bsn: String,
    voornaam: String,
    achternaam: String,
    geboortedatum: String,
    postcode: String,
    huisnummer: String,
    toevoeging: String,
    school: String,
    ouder: String,
    relatie: String,
    omschrijving: String,
}

#[derive(Template)]
#[template(path = "jeugdige_nieuw.html")]
struct NieuweJeugdigePagina {
    kop: Kop,
    fouten: Fouten,
    invoer: LeerlingFormulier,
    /// The zorgcoördinator registers for the own school; others choose.
    eigen_school: Option<String>,
    scholen: Vec<Keuze>,
    relaties: Vec<Keuze>,
}

async fn leerlingformulier(
    wie: &Ingelogd,
    mut fouten: Fouten,
    invoer: LeerlingFormulier,
) -> WebResultaat {
    fouten.op_volgorde(&LEERLINGVELDEN);
    let orgs = organisaties(&wie.state).await?;
    let eigen_school = (wie.rol() == Rol::Zorgcoordinator)
        .then(|| namen(&orgs).get(&wie.actor.rol.organisatie).cloned())
        .flatten();
    let mut scholen = vec![Keuze::new("", "Geen school bekend")];
    scholen.extend(
        orgs.iter()
            .filter(|o| o.soort == OrganisatieSoort::School)
            .map(|o| Keuze::new(o.id.to_string(), &o.naam)),
    );
    let status = fouten.status();
    pagina_met(
        status,
        &NieuweJeugdigePagina {
            kop: Kop::voor(
                wie,
                "Jeugdige en hulpvraag registreren",
                "/hulpvragen/nieuw",
            )
            .await?,
            fouten,
            invoer,
            eigen_school,
            scholen,
            relaties: vec![Keuze::new("ouder", "Ouder"), Keuze::new("voogd", "Voogd")],
        },
    )
}

pub async fn nieuwe_jeugdige(wie: Ingelogd) -> WebResultaat {
    leerlingformulier(&wie, Fouten::default(), LeerlingFormulier::default()).await
}

const LEERLINGVELDEN: [(&str, &str, &str); 11] = [
    ("bsn", "bsn", "BSN"),
    ("voornaam", "voornaam", "Voornaam"),
    ("achternaam", "achternaam", "Achternaam"),
    ("geboortedatum", "geboortedatum", "Geboortedatum"),
    ("postcode", "postcode", "Postcode"),
    ("huisnummer", "huisnummer", "Huisnummer"),
    ("toevoeging", "toevoeging", "Toevoeging"),
    ("school", "school", "School"),
    ("vertegenwoordigers[0].naam", "ouder", "Naam ouder of voogd"),
    ("vertegenwoordigers[0].relatie", "relatie", "Relatie"),
    ("omschrijving", "omschrijving", "Omschrijving van de vraag"),
];

/// The role, the school, then the BSN, as `Dossier::mag_registreren_met` checks them
/// (logged and counted per account): when this BSN cannot be registered,
/// the form's `bsn` field says so, and `true` asks for the form again. A
/// role that may not register gets the refusal page, before any lookup.
pub async fn bsn_gecontroleerd(
    wie: &Ingelogd,
    nieuw: &schakel_storage::NieuweJeugdige,
    fouten: &mut Fouten,
    velden: &[(&str, &str, &str)],
) -> Result<bool, WebFout> {
    match wie.dossier().mag_registreren_met(nieuw).await {
        Ok(()) => Ok(false),
        Err(ApiFout::Conflict(m)) => {
            fouten.veld("bsn", "BSN", format!("{m}."));
            Ok(true)
        }
        Err(f @ ApiFout::Ongeldig(_)) => {
            fouten.uit(f, velden)?;
            Ok(true)
        }
        Err(f) => Err(f.into()),
    }
}

/// A new jeugdige in a new household, with the hulpvraag that brings it:
/// the API's three steps (household, jeugdige, hulpvraag) with their own
/// checks and audit records; everything is checked before anything is
/// stored, so a refused form leaves no empty household behind.
pub async fn registreer_jeugdige(f: Formulier<LeerlingFormulier>) -> WebResultaat {
    use crate::api::jeugdigen::{
        HuishoudenInvoer, JeugdigeInvoer, VertegenwoordigerInvoer, controleer_jeugdige,
        registreer_huishouden,
    };
    let Formulier { wie, invoer } = f;
    let mut fouten = Fouten::default();
    let geboortedatum = super::formulier::datum(&invoer.geboortedatum, Datumsoort::Geboortedatum);
    if let Err(m) = &geboortedatum {
        fouten.veld("geboortedatum", "Geboortedatum", m.as_str());
    }
    let geboortedatum = geboortedatum.ok();
    let huisnummer = super::formulier::huisnummer(&invoer.huisnummer, &invoer.toevoeging);
    if let Err(m) = &huisnummer {
        fouten.veld("huisnummer", "Huisnummer", m.as_str());
    }
    if invoer.ouder.trim().is_empty() {
        fouten.veld(
            "ouder",
            "Naam ouder of voogd",
            "Vul de naam van een wettelijk vertegenwoordiger in.",
        );
    }
    if invoer.omschrijving.trim().is_empty() {
        fouten.veld(
            "omschrijving",
            "Omschrijving van de vraag",
            "Beschrijf de hulpvraag.",
        );
    }
    let school = if wie.rol() == Rol::Zorgcoordinator {
        Some(wie.actor.rol.organisatie)
    } else {
        invoer.school.trim().parse().ok()
    };
    let (Some(geboortedatum), Ok((huisnummer, toevoeging))) = (geboortedatum, huisnummer) else {
        return leerlingformulier(&wie, fouten, invoer).await;
    };
    let jeugdige = JeugdigeInvoer {
        huishouden: 0,
        bsn: invoer.bsn.trim().into(),
        geboortedatum,
        voornaam: invoer.voornaam.clone(),
        achternaam: invoer.achternaam.clone(),
        postcode: invoer.postcode.clone(),
        huisnummer,
        toevoeging,
        school,
    };
    let nieuw = match controleer_jeugdige(jeugdige) {
        Ok(n) if fouten.is_leeg() => n,
        Ok(_) => return leerlingformulier(&wie, fouten, invoer).await,
        Err(f) => {
            fouten.uit(f, &LEERLINGVELDEN)?;
            return leerlingformulier(&wie, fouten, invoer).await;
        }
    };
    if bsn_gecontroleerd(&wie, &nieuw, &mut fouten, &LEERLINGVELDEN).await? {
        return leerlingformulier(&wie, fouten, invoer).await;
    }
    let dossier = wie.dossier();
    let stappen = async {
        let h = registreer_huishouden(
            &dossier,
            HuishoudenInvoer {
                vertegenwoordigers: vec![VertegenwoordigerInvoer {
                    naam: invoer.ouder.clone(),
                    relatie: invoer.relatie.clone(),
                }],
            },
        )
        .await?;
        let j = dossier
            .maak_na_controle(&schakel_storage::NieuweJeugdige {
                huishouden: h.id,
                ..nieuw
            })
            .await?;
        registreer_hulpvraag(
            &dossier,
            &HulpvraagInvoer {
                jeugdige: j.id,
                omschrijving: invoer.omschrijving.clone(),
            },
        )
        .await
    };
    match stappen.await {
        Ok(h) => Ok(naar(format!("/hulpvragen/{}?gelukt=geregistreerd", h.id))),
        Err(f) => {
            fouten.uit(f, &LEERLINGVELDEN)?;
            leerlingformulier(&wie, fouten, invoer).await
        }
    }
}
