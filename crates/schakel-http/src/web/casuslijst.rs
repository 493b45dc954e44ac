//! My cases at real volume (issue 16.2): the open cases where the own
//! organisation is the wijkteam or a party, filtered by school, sorted and
//! paged in the database ([`schakel_storage::Opslag::casusoverzicht`]),
//! with the columns a user decides on: phase, next deadline, regisseur and
//! last change. A search by name is sent in a POST body, never in the URL.
//! Each listed case is read through `lees_casus`, so every listed child is
//! logged as when the case is opened.

use askama::Template;
use schakel_domain::verloop::Fase;
use schakel_storage::{CasusFilter, CasusSortering, Id, Pagina, Periode};
use serde::Deserialize;

use super::formulier::{Fouten, Keuze, Query};
use super::jeugdigen::{namen, organisaties};
use super::sessie::{Formulier, Ingelogd, Velden, veld};
use super::{Kop, WebResultaat, lijstkeuze, opmaak, pagina_met};
use crate::api::casussen::lees_casus;

/// Cases per page.
pub const PER_PAGINA: i64 = 25;

pub struct Rij {
    pub id: Id,
    pub jeugdigen: String,
    pub fase: &'static str,
    pub termijn: String,
    pub verlopen: bool,
    pub regisseur: String,
    pub gewijzigd: String,
}

#[derive(Template)]
#[template(path = "casussen.html")]
struct Lijst {
    kop: Kop,
    melding: Option<&'static str>,
    fouten: Fouten,
    rijen: Vec<Rij>,
    totaal: i64,
    pagina: i64,
    paginas: i64,
    zoek: String,
    sorteer: &'static str,
    school: String,
    scholen: Vec<Keuze>,
    fase: &'static str,
    fasen: Vec<Keuze>,
    periode: &'static str,
    periodes: Vec<Keuze>,
    sorteringen: Vec<Keuze>,
    paginering: lijstkeuze::Paginering,
    csrf: String,
}

/// The list's choices as the URL or the form sends them (all text, checked
/// here so a bad value gets the page again with a message).
#[derive(Deserialize, Default)]
pub struct Keuzes {
    sorteer: Option<String>,
    school: Option<String>,
    fase: Option<String>,
    periode: Option<String>,
    pagina: Option<String>,
    gelukt: Option<String>,
}

const FASEN: [Fase; 4] = [
    Fase::Uitvoering,
    Fase::Gesprek,
    Fase::ExpertpoolAdvies,
    Fase::Escalatie,
];

/// When a case last changed, as a choice on the list.
fn periode_label(p: Periode) -> &'static str {
    match p {
        Periode::Week => "Gewijzigd in de afgelopen 7 dagen",
        Periode::Maand => "Gewijzigd in de afgelopen 30 dagen",
        Periode::Ouder => "30 dagen of langer niets gewijzigd",
    }
}

fn fase(f: Fase) -> &'static str {
    match f {
        Fase::Uitvoering => "Uitvoering",
        Fase::Gesprek => "Gesprek (stap 1)",
        Fase::ExpertpoolAdvies => "Expertpool (stap 2)",
        Fase::Escalatie => "Escalatie (stap 3)",
    }
}

fn sortering_label(s: CasusSortering) -> &'static str {
    match s {
        CasusSortering::Gewijzigd => "Laatst gewijzigd eerst",
        CasusSortering::Termijn => "Eerstvolgende termijn eerst",
        CasusSortering::Naam => "Achternaam (A–Z)",
    }
}

pub async fn lijst(wie: Ingelogd, Query(k): Query<Keuzes>) -> WebResultaat {
    toon(wie, k, String::new()).await
}

/// The search: the name comes in the body; the page answers directly.
pub async fn zoek(f: Formulier<Velden>) -> WebResultaat {
    let k = Keuzes {
        sorteer: Some(veld(&f.invoer, "sorteer")).filter(|s| !s.is_empty()),
        school: Some(veld(&f.invoer, "school")).filter(|s| !s.is_empty()),
        fase: Some(veld(&f.invoer, "fase")).filter(|s| !s.is_empty()),
        periode: Some(veld(&f.invoer, "periode")).filter(|s| !s.is_empty()),
        pagina: Some(veld(&f.invoer, "pagina")).filter(|s| !s.is_empty()),
        gelukt: None,
    };
    let zoek = veld(&f.invoer, "zoek");
    toon(f.wie, k, zoek).await
}

async fn toon(wie: Ingelogd, k: Keuzes, zoek: String) -> WebResultaat {
    let orgs = organisaties(&wie.state).await?;
    let mut fouten = Fouten::default();
    let sortering = lijstkeuze::sortering(k.sorteer.as_deref(), CasusSortering::parse, &mut fouten);
    let school = lijstkeuze::school(k.school.as_deref(), &orgs, &mut fouten);
    let gevraagd = lijstkeuze::paginanummer(k.pagina.as_deref(), &mut fouten);
    let zoek_term = lijstkeuze::zoekterm(&zoek, &mut fouten);
    let gekozen_fase = lijstkeuze::keuze(
        k.fase.as_deref(),
        |g| FASEN.into_iter().find(|f| f.naam() == g),
        ("fase", "Fase"),
        &mut fouten,
    );
    let periode = lijstkeuze::keuze(
        k.periode.as_deref(),
        Periode::parse,
        ("periode", "Laatst gewijzigd"),
        &mut fouten,
    );
    let (gewijzigd_vanaf, gewijzigd_voor) =
        periode.map_or((None, None), |p| p.grenzen(schakel_storage::klok::nu()));
    let filter = CasusFilter {
        organisatie: wie.actor.rol.organisatie,
        zoek: zoek_term,
        school,
        fase: gekozen_fase,
        gewijzigd_vanaf,
        gewijzigd_voor,
        sortering,
    };
    let mut lijst = wie
        .state
        .opslag
        .casusoverzicht(&filter, Pagina::new(gevraagd, PER_PAGINA))
        .await?;
    let paginas = lijstkeuze::paginas(lijst.totaal, PER_PAGINA);
    let pagina = lijstkeuze::binnen_bereik(gevraagd, paginas, &mut fouten);
    if pagina != gevraagd {
        lijst = wie
            .state
            .opslag
            .casusoverzicht(&filter, Pagina::new(pagina, PER_PAGINA))
            .await?;
    }
    let namen = namen(&orgs);
    let nu = crate::api::vandaag();
    let dossier = wie.dossier();
    let mut rijen = Vec::with_capacity(lijst.items.len());
    for c in &lijst.items {
        let cd = lees_casus(&dossier, c.casus).await?;
        let t = &cd.toestand;
        rijen.push(Rij {
            id: c.casus,
            jeugdigen: cd.namen(),
            fase: fase(t.fase),
            termijn: c.termijn.map_or("–".into(), opmaak::datum),
            verlopen: c.termijn.is_some_and(|d| d < nu),
            regisseur: t
                .regisseur
                .and_then(|r| namen.get(&r.organisatie).cloned())
                .unwrap_or_else(|| "Nog niet gekozen".into()),
            gewijzigd: opmaak::datum(schakel_domain::grens::dag_van(c.gewijzigd)),
        });
    }
    let scholen = lijstkeuze::scholen(&orgs);
    let sorteringen = CasusSortering::ALLE
        .iter()
        .map(|s| Keuze::new(s.naam(), sortering_label(*s)))
        .collect();
    let status = fouten.status();
    let school = school.map(|s| s.to_string()).unwrap_or_default();
    let (fase_naam, periode_naam) = (
        gekozen_fase.map_or("", Fase::naam),
        periode.map_or("", Periode::naam),
    );
    let paginering =
        lijstkeuze::Paginering::new("Pagina's van de casussen", "/casussen", (pagina, paginas))
            .met(&[
                ("sorteer", sortering.naam()),
                ("school", &school),
                ("fase", fase_naam),
                ("periode", periode_naam),
            ])
            .gezocht_op(&[("zoek", &zoek)], &wie.csrf);
    pagina_met(
        status,
        &Lijst {
            kop: Kop::voor(&wie, "Casussen", "/casussen").await?,
            melding: (k.gelukt.as_deref() == Some("afgesloten"))
                .then_some("De casus is afgesloten."),
            fouten,
            rijen,
            totaal: lijst.totaal,
            pagina,
            paginas,
            zoek,
            sorteer: sortering.naam(),
            school,
            scholen,
            fase: fase_naam,
            fasen: FASEN
                .iter()
                .map(|f| Keuze::new(f.naam(), fase(*f)))
                .collect(),
            periode: periode_naam,
            periodes: Periode::ALLE
                .iter()
                .map(|p| Keuze::new(p.naam(), periode_label(*p)))
                .collect(),
            sorteringen,
            paginering,
            csrf: wie.csrf.clone(),
        },
    )
}
