//! The own organisation's hulpvragen at real volume (issue 16.2): where
//! each stands for us (to triage, to take on, with us, handed over), the
//! open or all, a search by the jeugdige's name in the POST body, paged in
//! the database. Each listed question is a logged read of its jeugdige.

use askama::Template;
use schakel_domain::Rol;
use schakel_storage::{HulpvraagStand, HulpvragenFilter, Id, Pagina};
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
    registreren: bool,
    csrf: String,
}

impl Lijst {
    /// Another page of the same list (never a name).
    pub fn naar(&self, pagina: i64) -> String {
        let mut q = format!("?welke={}&pagina={pagina}", self.welke);
        if !self.stand.is_empty() {
            q.push_str(&format!("&stand={}", self.stand));
        }
        q
    }
}

#[derive(Deserialize, Default)]
pub struct Keuzes {
    stand: Option<String>,
    welke: Option<String>,
    pagina: Option<String>,
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
        pagina: gekozen("pagina"),
    };
    let zoek = veld(&f.invoer, "zoek");
    toon(f.wie, k, zoek).await
}

async fn toon(wie: Ingelogd, k: Keuzes, zoek: String) -> WebResultaat {
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
    let filter = HulpvragenFilter {
        organisatie: wie.actor.rol.organisatie,
        alleen_open,
        stand,
        zoek: lijstkeuze::zoekterm(&zoek, &mut fouten),
    };
    let gevraagd = lijstkeuze::paginanummer(k.pagina.as_deref(), &mut fouten);
    let dossier = wie.dossier();
    let mut l = eigen_hulpvragen(&dossier, &filter, Pagina::new(gevraagd, PER_PAGINA)).await?;
    let paginas = lijstkeuze::paginas(l.totaal, PER_PAGINA);
    let pagina = lijstkeuze::binnen_bereik(gevraagd, paginas, &mut fouten);
    if pagina != gevraagd {
        l = eigen_hulpvragen(&dossier, &filter, Pagina::new(pagina, PER_PAGINA)).await?;
    }
    let namen = namen(&organisaties(&wie.state).await?);
    let eigen: Id = wie.actor.rol.organisatie;
    let rijen = l
        .items
        .iter()
        .map(|(h, j)| hulpvraag_regel(h, j, eigen, &namen))
        .collect();
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
            stand: stand.map_or("", HulpvraagStand::naam),
            standen: HulpvraagStand::ALLE
                .iter()
                .map(|s| Keuze::new(s.naam(), stand_label(*s)))
                .collect(),
            welke: if alleen_open { "open" } else { "alle" },
            registreren: matches!(
                wie.rol(),
                Rol::Zorgcoordinator | Rol::Casusregisseur | Rol::Wijkteammedewerker
            ),
            csrf: wie.csrf.clone(),
        },
    )
}
