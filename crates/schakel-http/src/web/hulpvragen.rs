//! The own organisation's hulpvragen at real volume (issue 16.2): where
//! each stands for us (to triage, to take on, with us, handed over), the
//! open or all, by the pupil's school and when it was asked, the newest or
//! the oldest first, a search by the jeugdige's name in the POST body,
//! paged in the database. Each listed question is a logged read of its
//! jeugdige.

use askama::Template;
use schakel_domain::Rol;
use schakel_storage::{HulpvraagStand, HulpvragenFilter, HulpvragenSortering, Id, Pagina, Periode};
use serde::Deserialize;

use super::formulier::{Fouten, Keuze, Query};
use super::jeugdigen::{HulpvraagRegel, hulpvraag_regel, namen, organisaties};
use super::sessie::{Formulier, Ingelogd, Velden, veld};
use super::{Kop, WebResultaat, lijstkeuze, pagina_met};
use crate::api::route::eigen_hulpvragen;

/// Questions per page.
const PER_PAGINA: i64 = 25;

#[derive(Template)]
#[template(path = "hulpvragen.html")]
struct Lijst {
    kop: Kop,
    fouten: Fouten,
    rijen: Vec<HulpvraagRegel>,
    totaal: i64,
    pagina: i64,
    paginas: i64,
    zoek: String,
    stand: &'static str,
    standen: Vec<Keuze>,
    /// "open" (default) or "alle".
    welke: &'static str,
    school: String,
    scholen: Vec<Keuze>,
    periode: &'static str,
    periodes: Vec<Keuze>,
    sorteer: &'static str,
    sorteringen: Vec<Keuze>,
    paginering: lijstkeuze::Paginering,
    registreren: bool,
    csrf: String,
}

impl Lijst {
    /// Whether any choice narrows the list beyond open or all.
    pub fn gekozen(&self) -> bool {
        !(self.stand.is_empty() && self.school.is_empty() && self.periode.is_empty())
    }
}

#[derive(Deserialize, Default)]
pub struct Keuzes {
    stand: Option<String>,
    welke: Option<String>,
    school: Option<String>,
    periode: Option<String>,
    sorteer: Option<String>,
    pagina: Option<String>,
}

/// When a question was asked, as a choice on the list.
fn periode_label(p: Periode) -> &'static str {
    match p {
        Periode::Week => "Gesteld in de afgelopen 7 dagen",
        Periode::Maand => "Gesteld in de afgelopen 30 dagen",
        Periode::Ouder => "30 dagen of langer geleden gesteld",
    }
}

fn sortering_label(s: HulpvragenSortering) -> &'static str {
    match s {
        HulpvragenSortering::Nieuwste => "Nieuwste eerst",
        HulpvragenSortering::Oudste => "Oudste eerst",
    }
}

fn stand_label(s: HulpvraagStand) -> &'static str {
    match s {
        HulpvraagStand::TeTrieren => "Nog te triëren door ons",
        HulpvraagStand::Oppakken => "Aan ons overgedragen, nog op te pakken",
        HulpvraagStand::BijOns => "Wij pakken haar op",
        HulpvraagStand::Overgedragen => "Door ons overgedragen",
    }
}

pub async fn lijst(wie: Ingelogd, Query(k): Query<Keuzes>) -> WebResultaat {
    toon(wie, k, String::new()).await
}

/// The search by name: in the body; the page answers directly.
pub async fn zoek(f: Formulier<Velden>) -> WebResultaat {
    let gekozen = |n: &str| Some(veld(&f.invoer, n)).filter(|s| !s.is_empty());
    let k = Keuzes {
        stand: gekozen("stand"),
        welke: gekozen("welke"),
        school: gekozen("school"),
        periode: gekozen("periode"),
        sorteer: gekozen("sorteer"),
        pagina: gekozen("pagina"),
    };
    let zoek = veld(&f.invoer, "zoek");
    toon(f.wie, k, zoek).await
}

async fn toon(wie: Ingelogd, k: Keuzes, zoek: String) -> WebResultaat {
    let orgs = organisaties(&wie.state).await?;
    let mut fouten = Fouten::default();
    let stand = lijstkeuze::keuze(
        k.stand.as_deref(),
        HulpvraagStand::parse,
        ("stand", "Stand"),
        &mut fouten,
    );
    let alleen_open = match k.welke.as_deref() {
        None | Some("open") => true,
        Some("alle") => false,
        Some(_) => {
            fouten.veld("welke", "Welke", "kies open of alle hulpvragen");
            true
        }
    };
    let school = lijstkeuze::school(k.school.as_deref(), &orgs, &mut fouten);
    let periode = lijstkeuze::keuze(
        k.periode.as_deref(),
        Periode::parse,
        ("periode", "Gesteld"),
        &mut fouten,
    );
    let (aangemaakt_vanaf, aangemaakt_voor) =
        periode.map_or((None, None), |p| p.grenzen(schakel_storage::klok::nu()));
    let sortering = lijstkeuze::sortering(
        k.sorteer.as_deref(),
        HulpvragenSortering::parse,
        &mut fouten,
    );
    let filter = HulpvragenFilter {
        organisatie: wie.actor.rol.organisatie,
        alleen_open,
        stand,
        zoek: lijstkeuze::zoekterm(&zoek, &mut fouten),
        school,
        aangemaakt_vanaf,
        aangemaakt_voor,
        sortering,
    };
    let gevraagd = lijstkeuze::paginanummer(k.pagina.as_deref(), &mut fouten);
    let dossier = wie.dossier();
    let mut l = eigen_hulpvragen(&dossier, &filter, Pagina::new(gevraagd, PER_PAGINA)).await?;
    let paginas = lijstkeuze::paginas(l.totaal, PER_PAGINA);
    let pagina = lijstkeuze::binnen_bereik(gevraagd, paginas, &mut fouten);
    if pagina != gevraagd {
        l = eigen_hulpvragen(&dossier, &filter, Pagina::new(pagina, PER_PAGINA)).await?;
    }
    let namen = namen(&orgs);
    let eigen: Id = wie.actor.rol.organisatie;
    let rijen = l
        .items
        .iter()
        .map(|(h, j)| hulpvraag_regel(h, j, eigen, &namen))
        .collect();
    let (stand, welke) = (
        stand.map_or("", HulpvraagStand::naam),
        if alleen_open { "open" } else { "alle" },
    );
    let school = school.map(|s| s.to_string()).unwrap_or_default();
    let periode = periode.map_or("", Periode::naam);
    let paginering = lijstkeuze::Paginering::new(
        "Pagina's van de hulpvragen",
        "/hulpvragen",
        (pagina, paginas),
    )
    .met(&[
        ("welke", welke),
        ("stand", stand),
        ("school", &school),
        ("periode", periode),
        ("sorteer", sortering.naam()),
    ])
    .gezocht_op(&[("zoek", &zoek)], &wie.csrf);
    pagina_met(
        fouten.status(),
        &Lijst {
            kop: Kop::voor(&wie, "Hulpvragen", "/hulpvragen").await?,
            fouten,
            rijen,
            totaal: l.totaal,
            pagina,
            paginas,
            zoek,
            stand,
            standen: HulpvraagStand::ALLE
                .iter()
                .map(|s| Keuze::new(s.naam(), stand_label(*s)))
                .collect(),
            welke,
            school,
            scholen: lijstkeuze::scholen(&orgs),
            periode,
            periodes: Periode::ALLE
                .iter()
                .map(|p| Keuze::new(p.naam(), periode_label(*p)))
                .collect(),
            sorteer: sortering.naam(),
            sorteringen: HulpvragenSortering::ALLE
                .iter()
                .map(|s| Keuze::new(s.naam(), sortering_label(*s)))
                .collect(),
            paginering,
            registreren: matches!(
                wie.rol(),
                Rol::Zorgcoordinator | Rol::Casusregisseur | Rol::Wijkteammedewerker
            ),
            csrf: wie.csrf.clone(),
        },
    )
}
