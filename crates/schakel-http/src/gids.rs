//! "Which wijkteam and which contact serve this pupil?" (issue 5; seeds
//! 002, 003): an address → its gemeente, wijk and buurt (CBS file) → the
//! wijkteam whose most specific area covers it → that wijkteam's fixed
//! contact point. Used by the API and the CLI alike.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use schakel_domain::gids::{Buurtcode, Niveau, Toewijzing, Werkgebieden, postcode_getal};
use schakel_domain::{Huisnummer, Postcode};
use schakel_storage::{Contactpunt, Id, Opslag, Resultaat};
use serde::Serialize;

/// The directory is read again after this long: an import by the CLI
/// (another process) shows within this time; a change through the API at
/// once.
pub const VERS: Duration = Duration::from_secs(30);
/// Addresses per page when the address file is loaded into memory.
const PAGINA: i64 = 200_000;

/// The CBS address file in memory, compact: per postcode its house numbers
/// (sorted), and per run of consecutive addresses in one buurt that buurt.
/// About 4 bytes an address (40 MB for the whole country), and a lookup is
/// three binary searches, without a database round trip.
#[derive(Debug, Default)]
pub struct Adresindex {
    postcodes: Vec<u32>,
    /// Where each postcode's house numbers begin in `nummers`.
    begin: Vec<u32>,
    nummers: Vec<u32>,
    /// Where each run of one buurt begins in `nummers`, and its buurt.
    runs: Vec<u32>,
    buurten: Vec<u32>,
}

impl Adresindex {
    /// Reads the whole address file, page by page in key order.
    pub async fn laad(opslag: &dyn Opslag) -> Resultaat<Self> {
        let mut ix = Self::default();
        let mut na = None;
        loop {
            let pagina = opslag.adressen(na, PAGINA).await?;
            for r in &pagina {
                ix.voeg_toe(r);
            }
            match pagina.last() {
                Some(r) if pagina.len() as i64 == PAGINA => na = Some((r.postcode, r.huisnummer)),
                _ => break,
            }
        }
        ix.postcodes.shrink_to_fit();
        ix.begin.shrink_to_fit();
        ix.nummers.shrink_to_fit();
        Ok(ix)
    }

    /// Rows must come in key order.
    fn voeg_toe(&mut self, r: &schakel_storage::Adresrij) {
        let i = self.nummers.len() as u32;
        if self.postcodes.last() != Some(&r.postcode) {
            self.postcodes.push(r.postcode);
            self.begin.push(i);
        }
        self.nummers.push(r.huisnummer);
        if self.buurten.last() != Some(&r.buurt.getal()) {
            self.runs.push(i);
            self.buurten.push(r.buurt.getal());
        }
    }

    pub fn buurt(&self, postcode: u32, huisnummer: u32) -> Option<Buurtcode> {
        let p = self.postcodes.binary_search(&postcode).ok()?;
        let van = self.begin[p] as usize;
        let tot = self
            .begin
            .get(p + 1)
            .map_or(self.nummers.len(), |e| *e as usize);
        let i = van + self.nummers[van..tot].binary_search(&huisnummer).ok()?;
        let run = self.runs.partition_point(|r| *r as usize <= i) - 1;
        Buurtcode::uit_getal(self.buurten[run]).ok()
    }

    pub fn len(&self) -> usize {
        self.nummers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nummers.is_empty()
    }
}

/// What an address lookup needs of the directory, read at once.
pub struct Gidsstand {
    pub gebieden: Werkgebieden,
    pub wijkteams: HashMap<Id, Wijkteam>,
    /// The address file in memory, once loaded; until then lookups ask the
    /// database.
    pub adressen: Option<Arc<Adresindex>>,
    /// CBS's names of gemeenten, wijken and buurten, by code (issue 16.3).
    pub namen: HashMap<String, String>,
}

impl Gidsstand {
    /// The CBS name of an area code (`GM0034` → "Almere"), if the
    /// directory holds it.
    pub fn naam(&self, code: &str) -> Option<&str> {
        self.namen.get(code).map(String::as_str)
    }

    /// The area by its name, or, when the directory has no name for it,
    /// the code said to be one: never a bare code as the only label.
    pub fn benoem(&self, code: &str) -> String {
        match self.naam(code) {
            Some(n) => n.to_string(),
            None => format!("CBS-code {code} (naam niet bekend)"),
        }
    }
}

/// The directory snapshot lookups use, refreshed after [`VERS`]. The
/// address file is loaded in the background (the whole country takes
/// seconds) and reloaded when another file has been imported.
pub struct GebiedenCache {
    /// How long a snapshot serves before it is read again; another
    /// instance's change ends it at once ([`volg_andere_instanties`]).
    vers: Duration,
    stand: Mutex<Option<(Instant, Arc<Gidsstand>)>>,
    /// Held by the one caller that reads the directory again.
    lezen: tokio::sync::Mutex<()>,
    adressen: Mutex<Adresstand>,
}

#[derive(Default)]
struct Adresstand {
    bestand: Option<schakel_storage::Adresbestand>,
    index: Option<Arc<Adresindex>>,
    bezig: bool,
}

impl Default for GebiedenCache {
    fn default() -> Self {
        Self::met_vers(VERS)
    }
}

impl GebiedenCache {
    pub fn met_vers(vers: Duration) -> Self {
        Self {
            vers,
            stand: Mutex::default(),
            lezen: tokio::sync::Mutex::default(),
            adressen: Mutex::default(),
        }
    }

    /// The current snapshot. When it is out of date one caller reads the
    /// directory again while the others go on with the old snapshot.
    pub async fn stand(&self, opslag: &dyn Opslag) -> Resultaat<Arc<Gidsstand>> {
        let oud = slot(&self.stand).clone();
        if let Some((t, s)) = &oud
            && t.elapsed() < self.vers
        {
            return Ok(s.clone());
        }
        let _lezer = match (self.lezen.try_lock(), &oud) {
            (Ok(l), _) => l,
            (Err(_), Some((_, s))) => return Ok(s.clone()),
            (Err(_), None) => self.lezen.lock().await,
        };
        if let Some((t, s)) = slot(&self.stand).as_ref()
            && t.elapsed() < self.vers
        {
            return Ok(s.clone());
        }
        let stand = Arc::new(self.lees(opslag).await?);
        *slot(&self.stand) = Some((Instant::now(), stand.clone()));
        Ok(stand)
    }

    async fn lees(&self, opslag: &dyn Opslag) -> Resultaat<Gidsstand> {
        let gebieden = opslag.gebieden().await?;
        let mut contact: HashMap<Id, Contactpunt> =
            opslag.contactpunten().await?.into_iter().collect();
        let wijkteams = opslag
            .wijkteamnamen()
            .await?
            .into_iter()
            .map(|(id, naam)| {
                let contactpunt = contact.remove(&id);
                (
                    id,
                    Wijkteam {
                        id,
                        naam,
                        contactpunt,
                    },
                )
            })
            .collect();
        Ok(Gidsstand {
            gebieden: Werkgebieden::nieuw(gebieden.iter().map(|(t, g)| (*t, g))),
            wijkteams,
            adressen: self.adresindex(opslag).await?,
            namen: opslag
                .gebiednamen()
                .await?
                .into_iter()
                .map(|n| (n.code.to_string(), n.naam))
                .collect(),
        })
    }

    /// The loaded address index if it matches the file in the database;
    /// otherwise `None`, having started a (re)load when `laden` was given.
    async fn adresindex(&self, opslag: &dyn Opslag) -> Resultaat<Option<Arc<Adresindex>>> {
        let bestand = opslag.adresbestand().await?;
        let a = slot(&self.adressen);
        Ok(a.index.clone().filter(|_| a.bestand == bestand))
    }

    /// Loads the address file into memory (the server calls this at start
    /// and whenever a lookup finds the index out of date).
    pub async fn laad_adressen(&self, opslag: &dyn Opslag) -> Resultaat<()> {
        {
            let mut a = slot(&self.adressen);
            if a.bezig {
                return Ok(());
            }
            a.bezig = true;
        }
        let uitkomst = async {
            let bestand = opslag.adresbestand().await?;
            let index = Adresindex::laad(opslag).await?;
            Ok::<_, schakel_storage::OpslagFout>((bestand, index))
        }
        .await;
        let mut a = slot(&self.adressen);
        a.bezig = false;
        let (bestand, index) = uitkomst?;
        a.bestand = bestand;
        a.index = Some(Arc::new(index));
        drop(a);
        self.vergeet();
        Ok(())
    }

    pub fn vergeet(&self) {
        *slot(&self.stand) = None;
    }

    /// Whether the address file in memory is missing or out of date.
    pub async fn adressen_verouderd(&self, opslag: &dyn Opslag) -> Resultaat<bool> {
        let bestand = opslag.adresbestand().await?;
        let a = slot(&self.adressen);
        Ok(bestand.is_some() && (a.index.is_none() || a.bestand != bestand) && !a.bezig)
    }
}

/// Drops this instance's directory snapshot whenever another instance on
/// the same database announces a change (issue 15.3; PostgreSQL
/// `LISTEN`), so that every instance answers from the same directory. Runs
/// until the database has no such announcements (SQLite: returns at once).
pub async fn volg_andere_instanties(state: crate::state::AppState) -> Resultaat<()> {
    let Some(mut wijzigingen) = state.opslag.volg_gidswijzigingen().await? else {
        return Ok(());
    };
    tokio::spawn(async move {
        while wijzigingen.recv().await.is_some() {
            state.gebieden.vergeet();
        }
    });
    Ok(())
}

fn slot<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|v| v.into_inner())
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Wijkteam {
    pub id: Id,
    pub naam: String,
    pub contactpunt: Option<Contactpunt>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Adresantwoord {
    pub postcode: String,
    pub huisnummer: u32,
    /// `wijkteam`, `buiten` (no werkgebied covers it), `overlap` (several do)
    /// or `onbekend_adres` (not in the address file, and no area by postcode).
    pub uitkomst: &'static str,
    pub gemeente: Option<String>,
    pub wijk: Option<String>,
    pub buurt: Option<String>,
    /// CBS's names of the three codes, where the directory holds them
    /// (`schakel import gebieden`).
    pub gemeentenaam: Option<String>,
    pub wijknaam: Option<String>,
    pub buurtnaam: Option<String>,
    pub wijkteam: Option<Wijkteam>,
    /// For `overlap`: every wijkteam that claims the address.
    pub wijkteams: Vec<Id>,
    pub niveau: Option<Niveau>,
    pub toelichting: String,
}

/// The CBS buurt of an address (which holds its wijk and gemeente): from
/// the address file in memory once loaded, else from the database.
pub async fn buurt_van(
    opslag: &dyn Opslag,
    stand: &Gidsstand,
    postcode: &Postcode,
    huisnummer: Huisnummer,
) -> Resultaat<Option<Buurtcode>> {
    let (pc, nummer) = (postcode_getal(postcode), huisnummer.waarde());
    Ok(match &stand.adressen {
        Some(ix) => ix.buurt(pc, nummer),
        None => opslag.adres(pc, nummer).await?,
    })
}

/// Looks up an address. The toevoeging does not change the answer: the
/// CBS file lists addresses by postcode and house number.
pub async fn zoek(
    opslag: &dyn Opslag,
    stand: &Gidsstand,
    postcode: &Postcode,
    huisnummer: Huisnummer,
) -> Resultaat<Adresantwoord> {
    let nummer = huisnummer.waarde();
    let pc = postcode_getal(postcode);
    let buurt = buurt_van(opslag, stand, postcode, huisnummer).await?;
    let toewijzing = stand.gebieden.wijs_toe(pc, nummer, buurt);
    let mut a = Adresantwoord {
        postcode: postcode.als_tekst().to_string(),
        huisnummer: nummer,
        uitkomst: "wijkteam",
        gemeente: buurt.map(|b| b.gemeente().cbs()),
        wijk: buurt.map(|b| b.wijk().to_string()),
        buurt: buurt.map(|b| b.to_string()),
        gemeentenaam: None,
        wijknaam: None,
        buurtnaam: None,
        wijkteam: None,
        wijkteams: Vec::new(),
        niveau: None,
        toelichting: String::new(),
    };
    let naam = |c: &Option<String>| c.as_deref().and_then(|c| stand.naam(c)).map(String::from);
    a.gemeentenaam = naam(&a.gemeente);
    a.wijknaam = naam(&a.wijk);
    a.buurtnaam = naam(&a.buurt);
    let onbekend = if buurt.is_none() {
        " Het adres staat niet in het adressenbestand; alleen gebieden op postcode konden worden getoetst."
    } else {
        ""
    };
    match toewijzing {
        Toewijzing::Wijkteam {
            wijkteam: id,
            niveau,
        } => {
            a.wijkteam = Some(
                stand
                    .wijkteams
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| Wijkteam {
                        id,
                        naam: format!("organisatie {id}"),
                        contactpunt: None,
                    }),
            );
            a.niveau = Some(niveau);
            a.toelichting = format!(
                "Het meest specifieke werkgebied dat dit adres dekt ({}) wijst het wijkteam aan.{onbekend}",
                niveau_naam(niveau)
            );
        }
        Toewijzing::Overlap { wijkteams, niveau } => {
            a.uitkomst = "overlap";
            a.wijkteams = wijkteams;
            a.niveau = Some(niveau);
            a.toelichting = format!(
                "Meerdere wijkteams claimen dit adres op hetzelfde niveau ({}); de gids moet worden rechtgezet. Er wordt niet gegokt.",
                niveau_naam(niveau)
            );
        }
        Toewijzing::Buiten if buurt.is_none() => {
            a.uitkomst = "onbekend_adres";
            a.toelichting =
                "Dit adres staat niet in het adressenbestand en geen werkgebied dekt de postcode."
                    .into();
        }
        Toewijzing::Buiten => {
            a.uitkomst = "buiten";
            a.toelichting =
                "Geen werkgebied van een wijkteam dekt dit adres; de gids moet worden aangevuld."
                    .into();
        }
    }
    Ok(a)
}

fn niveau_naam(n: Niveau) -> &'static str {
    match n {
        Niveau::Adres => "postcode en huisnummer",
        Niveau::Postcode => "postcodegebied",
        Niveau::Buurt => "CBS-buurt",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use schakel_storage::Adresrij;

    #[test]
    fn index_vindt_alleen_bestaande_adressen() {
        let b = |n| Buurtcode::uit_getal(n).expect("buurt");
        let mut ix = Adresindex::default();
        for (postcode, huisnummer, buurt) in [
            (10, 1, 101),
            (10, 3, 101),
            (10, 5, 102),
            (11, 1, 102),
            (12, 2, 101),
        ] {
            ix.voeg_toe(&Adresrij {
                postcode,
                huisnummer,
                buurt: b(buurt),
            });
        }
        assert_eq!(ix.len(), 5);
        assert_eq!(ix.buurt(10, 1), Some(b(101)));
        assert_eq!(ix.buurt(10, 3), Some(b(101)));
        assert_eq!(
            ix.buurt(10, 5),
            Some(b(102)),
            "a run begins inside a postcode"
        );
        assert_eq!(ix.buurt(11, 1), Some(b(102)), "and runs on into the next");
        assert_eq!(ix.buurt(12, 2), Some(b(101)));
        assert_eq!(ix.buurt(10, 2), None, "no such house number");
        assert_eq!(ix.buurt(13, 1), None, "no such postcode");
        assert_eq!(Adresindex::default().buurt(10, 1), None);
    }
}
