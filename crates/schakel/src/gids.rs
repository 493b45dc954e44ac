//! The regional directory from the command line (issue 5): import CBS's
//! postcode–huisnummer file and the wijkteams' areas and contact points,
//! and look up which wijkteam serves an address.
//!
//! Imports stream: a bad row is reported with its line number and reason
//! and the good ones go on; the new data replaces the old in one
//! transaction at the end, so nobody sees a half-imported directory.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use schakel_domain::gids::{Buurtcode, Gebied, Gebiedcode, postcode_getal};
use schakel_domain::{GemeenteCode, Huisnummer, OrganisatieSoort, Postcode};
use schakel_rules::InvoerFout;
use schakel_rules::tekst::zonder_bom;
use schakel_storage::audit::{Actie, NieuwAuditRecord};
use schakel_storage::{Adresrij, Contactpunt, Gebiednaam, Opslag, Pagina, WijkteamGebied};
use serde::Serialize;

use crate::opslag::OpslagOpties;
use crate::{Fout, schrijf};

#[derive(Subcommand, Debug)]
pub enum ImportOpdracht {
    /// CBS postcode–huisnummer file (PC6;Huisnummer;Buurt<jaar>;Wijk<jaar>;Gemeente<jaar>): replaces the addresses of the gemeenten in the file and keeps those of every other gemeente (several regions in one database); --vervang-alles replaces every address (a national file).
    Adressen {
        bestand: PathBuf,
        /// Replace every address, also of gemeenten not in the file (a national CBS file: drops the addresses of gemeenten that no longer exist).
        #[arg(long)]
        vervang_alles: bool,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// DUO's school file (one row per vestiging: BRIN/INSTELLINGSCODE, VESTIGINGSNUMMER/VESTIGINGSCODE, VESTIGINGSNAAM, POSTCODE, GEMEENTENUMMER, SOORT PO or ONDERWIJSSTRUCTUUR): adds or updates the schools of region --regio.
    Scholen {
        bestand: PathBuf,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// What providers offer (aanbieder;agb;product;arrangement): products of the normenkader, in general or within an OJA arrangement; replaces the offer of every provider in the file, adding a provider the directory does not know yet to region --regio.
    Aanbieders {
        bestand: PathBuf,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// Contact persons (organisatie;functie;naam;telefoon;email; organisatie "expertpool" for the region's expertpool): replaces those of region --regio.
    Contacten {
        bestand: PathBuf,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// Each school's OJA arrangement (school;arrangement;hoofdaanbieder): the school by BRIN or name, the arrangement an OJA school of the normenkader in force (empty: none), the hoofdaanbieder an aanbieder by AGB or name; one change per row, the rest of the school's data kept.
    Arrangementen {
        bestand: PathBuf,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// The region's gemandateerde verwijzer with its contact person (organisatie;contactpersoon): a JGZ by name, a medewerker of it by e-mail.
    Verwijzers {
        bestand: PathBuf,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// Interventie-afspraken of seed 004's footnote *** (aanbieder;gemeente;omschrijving;van;tot): the aanbieder by AGB or name, the gemeente by name, both of region --regio; dates JJJJ-MM-DD; a row with the same aanbieder, gemeente and van replaces that agreement.
    InterventieAfspraken {
        bestand: PathBuf,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// CBS area names (code;naam): a gemeente (GM0034), wijk (WK003401) or buurt (BU00340101) with its name, from CBS's Wijk- en buurtkaart; replaces the names of the gemeenten in the file and keeps every other gemeente's.
    Gebieden {
        bestand: PathBuf,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
    /// Wijkteam areas and contact points (wijkteam;gemeente;gebied;contactpunt;telefoon;email): replaces them for the wijkteams in the file; a wijkteam not in the directory yet is added to region --regio (with its gemeente).
    Wijkteams {
        bestand: PathBuf,
        #[command(flatten)]
        opslag: OpslagOpties,
    },
}

/// Rows per batch sent to the store.
const BATCH: usize = 50_000;
/// Bad rows reported in full; the rest are counted.
const GETOONDE_FOUTEN: usize = 20;

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Verslag {
    bestand: String,
    pub rijen: u64,
    pub opgeslagen: u64,
    dubbel: u64,
    pub fouten: u64,
    pub eerste_fouten: Vec<Rijfout>,
    #[serde(skip_serializing_if = "Option::is_none")]
    jaar: Option<i32>,
}

#[derive(Serialize)]
pub struct Rijfout {
    pub regel: u64,
    pub reden: String,
}

impl Verslag {
    pub(crate) fn over(bestand: &Path) -> Self {
        Self {
            bestand: bestand.display().to_string(),
            ..Self::default()
        }
    }

    /// Counts record `i` (line `i + 2`, below the header) and hands it on
    /// with its line number; an unreadable one is reported instead.
    pub(crate) fn lees(
        &mut self,
        i: usize,
        rij: csv::Result<csv::StringRecord>,
    ) -> Option<(u64, csv::StringRecord)> {
        let regel = i as u64 + 2;
        self.rijen += 1;
        match rij {
            Ok(rij) => Some((regel, rij)),
            Err(_) => {
                self.fout(regel, "onleesbare regel".into());
                None
            }
        }
    }

    pub(crate) fn fout(&mut self, regel: u64, reden: String) {
        self.fouten += 1;
        if self.eerste_fouten.len() < GETOONDE_FOUTEN {
            self.eerste_fouten.push(Rijfout { regel, reden });
        }
    }
}

/// A field of a CSV row, trimmed; empty is none.
pub(crate) fn veld(rij: &csv::StringRecord, k: Option<usize>) -> Option<&str> {
    k.and_then(|k| rij.get(k))
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

pub(crate) fn invoerfout(veld: &str, melding: impl Into<String>) -> Fout {
    Fout::Invoer(InvoerFout::new(veld, melding))
}

pub(crate) fn bedrijf(e: impl std::fmt::Display) -> Fout {
    Fout::Bedrijf(e.to_string())
}

fn voortgang(bestand: &Path) -> Result<(File, ProgressBar), Fout> {
    let f = File::open(bestand)
        .map_err(|e| invoerfout("bestand", format!("{}: {e}", bestand.display())))?;
    let grootte = f.metadata().map(|m| m.len()).unwrap_or(0);
    // Drawn on stderr only when it is a terminal.
    let balk = ProgressBar::new(grootte);
    balk.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    Ok((f, balk))
}

fn csv_lezer<R: Read>(r: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(r)
}

/// A semicolon CSV with its progress bar and its header, lower-cased
/// (without a byte-order mark).
type Csv = (
    csv::Reader<indicatif::ProgressBarIter<File>>,
    Vec<String>,
    ProgressBar,
);

pub(crate) fn open_csv(bestand: &Path, wat: &'static str) -> Result<Csv, Fout> {
    let (f, balk) = voortgang(bestand)?;
    balk.set_message(wat);
    let mut lezer = csv_lezer(balk.wrap_read(f));
    let kop = lezer
        .headers()
        .map_err(|e| invoerfout("bestand", e.to_string()))?
        .iter()
        .map(|k| zonder_bom(k).to_lowercase())
        .collect();
    Ok((lezer, kop, balk))
}

/// The column positions of the CBS file, and its year (`Buurt2025`).
struct CbsKolommen {
    pc6: usize,
    huisnummer: usize,
    buurt: usize,
    wijk: usize,
    gemeente: usize,
    jaar: Option<i32>,
}

fn cbs_kolommen(kop: &csv::ByteRecord) -> Result<CbsKolommen, Fout> {
    let namen: Vec<String> = kop
        .iter()
        .map(|k| String::from_utf8_lossy(k).to_lowercase())
        .collect();
    let zoek = |begin: &str| namen.iter().position(|n| zonder_bom(n).starts_with(begin));
    let verplicht = |begin: &str| {
        zoek(begin).ok_or_else(|| {
            invoerfout(
                "kopregel",
                format!("kolom {begin} ontbreekt; verwacht PC6;Huisnummer;Buurt<jaar>;Wijk<jaar>;Gemeente<jaar>"),
            )
        })
    };
    let buurt = verplicht("buurt")?;
    Ok(CbsKolommen {
        pc6: verplicht("pc6")?,
        huisnummer: verplicht("huisnummer")?,
        wijk: verplicht("wijk")?,
        gemeente: verplicht("gemeente")?,
        jaar: namen[buurt].trim_start_matches("buurt").parse().ok(),
        buurt,
    })
}

/// A code column: digits, with or without its prefix (CBS writes them
/// without, zero-padded).
fn code(veld: &[u8], prefix: &str) -> Option<u32> {
    let t = std::str::from_utf8(veld).ok()?.trim();
    let t = t.strip_prefix(prefix).unwrap_or(t);
    if t.is_empty() || t.len() > 8 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

fn cbs_rij(r: &csv::ByteRecord, k: &CbsKolommen) -> Result<Adresrij, String> {
    let veld = |i: usize| r.get(i).unwrap_or_default();
    let tekst = |i: usize| String::from_utf8_lossy(veld(i)).into_owned();
    let postcode = Postcode::parse(&tekst(k.pc6)).map_err(|e| e.to_string())?;
    let huisnummer = Huisnummer::parse(&tekst(k.huisnummer)).map_err(|e| e.to_string())?;
    let buurt = code(veld(k.buurt), "BU")
        .and_then(|b| Buurtcode::uit_getal(b).ok())
        .ok_or("buurt: verwacht een CBS-buurtcode van 8 cijfers")?;
    if code(veld(k.wijk), "WK") != Some(buurt.getal() / 100) {
        return Err(format!(
            "wijk: hoort bij buurt {buurt} {} te zijn",
            buurt.wijk()
        ));
    }
    if code(veld(k.gemeente), "GM") != Some(buurt.getal() / 10_000) {
        return Err(format!(
            "gemeente: hoort bij buurt {buurt} {} te zijn",
            buurt.gemeente().cbs()
        ));
    }
    Ok(Adresrij {
        postcode: postcode_getal(&postcode),
        huisnummer: huisnummer.waarde(),
        buurt,
    })
}

/// Imports a CBS address file: it replaces the addresses of its gemeenten
/// (or, `vervang_alles`, every address; see [`schakel_storage::Adresimport`]).
pub async fn importeer_adressen(
    bestand: &Path,
    opslag: &dyn Opslag,
    vervang_alles: bool,
) -> Result<Verslag, Fout> {
    let (f, balk) = voortgang(bestand)?;
    balk.set_message("adressen");
    let mut lezer = csv_lezer(BufReader::with_capacity(1 << 20, balk.wrap_read(f)));
    let kolommen = cbs_kolommen(
        lezer
            .byte_headers()
            .map_err(|e| invoerfout("bestand", e.to_string()))?,
    )?;
    let mut verslag = Verslag {
        jaar: kolommen.jaar,
        ..Verslag::over(bestand)
    };
    let mut import = opslag.begin_adresimport().await.map_err(bedrijf)?;
    if vervang_alles {
        import.vervang_alles();
    }
    let mut batch = Vec::with_capacity(BATCH);
    let mut rij = csv::ByteRecord::new();
    loop {
        let regel = lezer.position().line();
        match lezer.read_byte_record(&mut rij) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                verslag.fout(regel, format!("onleesbare regel: {e}"));
                continue;
            }
        }
        verslag.rijen += 1;
        match cbs_rij(&rij, &kolommen) {
            Ok(a) => batch.push(a),
            Err(reden) => verslag.fout(rij.position().map_or(regel, |p| p.line()), reden),
        }
        if batch.len() == BATCH {
            verslag.opgeslagen += import.voeg_toe(&batch).await.map_err(bedrijf)?;
            batch.clear();
        }
    }
    verslag.opgeslagen += import.voeg_toe(&batch).await.map_err(bedrijf)?;
    verslag.dubbel = verslag.rijen - verslag.fouten - verslag.opgeslagen;
    let naam = bestand
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    import.voltooi(&naam, verslag.jaar).await.map_err(bedrijf)?;
    balk.finish_and_clear();
    Ok(verslag)
}

/// The wijkteam CSV: one area per row, the contact point on any row of the
/// wijkteam (the last one given counts).
pub async fn importeer_wijkteams(
    bestand: &Path,
    opslag: &dyn Opslag,
    regio: &str,
) -> Result<Verslag, Fout> {
    let (mut lezer, kop, balk) = open_csv(bestand, "wijkteams")?;
    let kolom = |n: &str| kop.iter().position(|k| k == n);
    let (Some(k_team), Some(k_gebied)) = (kolom("wijkteam"), kolom("gebied")) else {
        return Err(invoerfout(
            "kopregel",
            "verwacht wijkteam;gebied;contactpunt;telefoon;email",
        ));
    };
    let mut teams = wijkteams_op_naam(opslag).await?;
    let mut regio_id = None;
    let mut verslag = Verslag::over(bestand);
    let mut per_team: BTreeMap<i64, WijkteamGebied> = BTreeMap::new();
    for (i, rij) in lezer.records().enumerate() {
        let regel = i as u64 + 2;
        let Ok(rij) = rij else {
            verslag.fout(regel, "onleesbare regel".into());
            continue;
        };
        verslag.rijen += 1;
        let naam = veld(&rij, Some(k_team)).unwrap_or_default();
        let id = match (
            teams.get(&naam.to_lowercase()),
            veld(&rij, kolom("gemeente")),
        ) {
            (Some(id), _) => *id,
            (None, Some(gemeente)) if !naam.is_empty() => {
                let gemeente = match GemeenteCode::parse(gemeente) {
                    Ok(g) => g,
                    Err(e) => {
                        verslag.fout(regel, e.to_string());
                        continue;
                    }
                };
                let regio = match regio_id {
                    Some(r) => r,
                    None => {
                        let r = regio_voor(opslag, regio).await?;
                        regio_id = Some(r);
                        r
                    }
                };
                let org = opslag
                    .maak_organisatie(&schakel_storage::NieuweOrganisatie {
                        regio,
                        naam: naam.to_string(),
                        soort: OrganisatieSoort::Wijkteam,
                        gemeente: Some(gemeente),
                        brin: None,
                        agb: None,
                    })
                    .await
                    .map_err(bedrijf)?;
                teams.insert(naam.to_lowercase(), org.id);
                org.id
            }
            _ => {
                verslag.fout(
                    regel,
                    format!("wijkteam: '{naam}' is geen wijkteam in de gids; geef een gemeente om het toe te voegen"),
                );
                continue;
            }
        };
        let id = &id;
        let gebied = match Gebied::parse(veld(&rij, Some(k_gebied)).unwrap_or_default()) {
            Ok(g) => g,
            Err(e) => {
                verslag.fout(regel, e.to_string());
                continue;
            }
        };
        let team = per_team.entry(*id).or_insert_with(|| WijkteamGebied {
            wijkteam: *id,
            gebieden: Vec::new(),
            contactpunt: None,
        });
        team.gebieden.push(gebied);
        if let Some(c) = veld(&rij, kolom("contactpunt")) {
            team.contactpunt = Some(Contactpunt {
                naam: c.into(),
                telefoon: veld(&rij, kolom("telefoon")).map(Into::into),
                email: veld(&rij, kolom("email")).map(Into::into),
            });
        }
        verslag.opgeslagen += 1;
    }
    // No address may get two wijkteams: checked against the areas that stay.
    let blijft: Vec<_> = opslag
        .gebieden()
        .await
        .map_err(bedrijf)?
        .into_iter()
        .filter(|(t, _)| !per_team.contains_key(t))
        .collect();
    let alle = blijft.iter().map(|(t, g)| (*t, g)).chain(
        per_team
            .values()
            .flat_map(|w| w.gebieden.iter().map(move |g| (w.wijkteam, g))),
    );
    let overlap = schakel_domain::gids::Werkgebieden::nieuw(alle).overlappen();
    if let Some((niveau, a, b)) = overlap.first() {
        return Err(invoerfout(
            "gebied",
            format!(
                "wijkteams {a} en {b} dekken dezelfde adressen op niveau {niveau:?}; er is niets ingelezen"
            ),
        ));
    }
    let wijkteams: Vec<WijkteamGebied> = per_team.into_values().collect();
    opslag
        .zet_wijkteamgebieden(&wijkteams, &importrecord("gids.werkgebied.import"))
        .await
        .map_err(bedrijf)?;
    balk.finish_and_clear();
    Ok(verslag)
}

/// The longest area name accepted (CBS's longest are some 60 characters).
pub const GEBIEDNAAM_MAX: usize = 200;

/// One row of the area names file: `code;naam`.
fn gebiedrij(rij: &csv::StringRecord, k_code: usize, k_naam: usize) -> Result<Gebiednaam, String> {
    let code = Gebiedcode::parse(veld(rij, Some(k_code)).unwrap_or_default())
        .map_err(|e| e.to_string())?;
    let naam = veld(rij, Some(k_naam)).unwrap_or_default();
    let tekens = naam.chars().count();
    if tekens == 0 || tekens > GEBIEDNAAM_MAX || naam.chars().any(char::is_control) {
        return Err(format!(
            "naam: verplicht, 1 tot {GEBIEDNAAM_MAX} tekens zonder regeleinden (nu {tekens})"
        ));
    }
    Ok(Gebiednaam {
        code,
        naam: naam.to_string(),
    })
}

/// CBS's area names (`code;naam`, see README "The regional directory"):
/// they replace the names of the gemeenten in the file. A bad row is named
/// by its line and field and left out; a code given twice keeps its first.
pub async fn importeer_gebieden(bestand: &Path, opslag: &dyn Opslag) -> Result<Verslag, Fout> {
    let (mut lezer, kop, balk) = open_csv(bestand, "gebieden")?;
    let kolom = |n: &str| kop.iter().position(|k| k == n);
    let (Some(k_code), Some(k_naam)) = (kolom("code"), kolom("naam")) else {
        return Err(invoerfout("kopregel", "verwacht code;naam"));
    };
    let mut verslag = Verslag::over(bestand);
    let mut namen: BTreeMap<Gebiedcode, Gebiednaam> = BTreeMap::new();
    for (i, rij) in lezer.records().enumerate() {
        let Some((regel, rij)) = verslag.lees(i, rij) else {
            continue;
        };
        match gebiedrij(&rij, k_code, k_naam) {
            Ok(n) if namen.contains_key(&n.code) => verslag.fout(
                regel,
                format!("code: {} staat al op een eerdere regel", n.code),
            ),
            Ok(n) => {
                namen.insert(n.code, n);
                verslag.opgeslagen += 1;
            }
            Err(reden) => verslag.fout(regel, reden),
        }
    }
    let namen: Vec<Gebiednaam> = namen.into_values().collect();
    opslag
        .zet_gebiednamen(&namen, &importrecord("gids.gebieden.import"))
        .await
        .map_err(bedrijf)?;
    balk.finish_and_clear();
    Ok(verslag)
}

/// Providers and their offer. A product must be one the region's
/// normenkader names (when it has one); an arrangement, an OJA school's
/// name.
pub async fn importeer_aanbieders(
    bestand: &Path,
    opslag: &dyn Opslag,
    regio: &str,
    producten: Option<Vec<String>>,
) -> Result<Verslag, Fout> {
    let (mut lezer, kop, balk) = open_csv(bestand, "aanbieders")?;
    let kolom = |n: &str| kop.iter().position(|k| k == n);
    let (Some(k_naam), Some(k_agb), Some(k_product)) =
        (kolom("aanbieder"), kolom("agb"), kolom("product"))
    else {
        return Err(invoerfout(
            "kopregel",
            "verwacht aanbieder;agb;product;arrangement",
        ));
    };
    let mut bekend = aanbieders_op_agb(opslag).await?;
    let mut regio_id = None;
    let mut verslag = Verslag::over(bestand);
    let mut aanbod: BTreeMap<i64, Vec<schakel_storage::Aanbod>> = BTreeMap::new();
    for (i, rij) in lezer.records().enumerate() {
        let Some((regel, rij)) = verslag.lees(i, rij) else {
            continue;
        };
        let agb = match schakel_domain::Agb::parse(veld(&rij, Some(k_agb)).unwrap_or_default()) {
            Ok(a) => a,
            Err(e) => {
                verslag.fout(regel, e.to_string());
                continue;
            }
        };
        let product = veld(&rij, Some(k_product)).unwrap_or_default().to_string();
        if let Some(p) = &producten
            && !p.contains(&product)
        {
            verslag.fout(
                regel,
                format!(
                    "product: '{product}' staat niet in het normenkader; toegestaan: {}",
                    p.join(", ")
                ),
            );
            continue;
        }
        let id = match bekend.get(agb.als_tekst()) {
            Some(id) => *id,
            None => {
                let Some(naam) = veld(&rij, Some(k_naam)) else {
                    verslag.fout(
                        regel,
                        "aanbieder: verplicht voor een nieuwe aanbieder".into(),
                    );
                    continue;
                };
                let regio = match regio_id {
                    Some(r) => r,
                    None => *regio_id.insert(regio_voor(opslag, regio).await?),
                };
                let org = opslag
                    .maak_organisatie(&schakel_storage::NieuweOrganisatie {
                        regio,
                        naam: naam.to_string(),
                        soort: OrganisatieSoort::Aanbieder,
                        gemeente: None,
                        brin: None,
                        agb: Some(agb.clone()),
                    })
                    .await
                    .map_err(bedrijf)?;
                bekend.insert(agb.als_tekst().to_string(), org.id);
                org.id
            }
        };
        aanbod.entry(id).or_default().push(schakel_storage::Aanbod {
            product,
            arrangement: veld(&rij, kolom("arrangement")).map(String::from),
        });
        verslag.opgeslagen += 1;
    }
    let aanbod: Vec<_> = aanbod.into_iter().collect();
    opslag
        .zet_aanbod(&aanbod, &importrecord("gids.aanbod.import"))
        .await
        .map_err(bedrijf)?;
    balk.finish_and_clear();
    Ok(verslag)
}

async fn aanbieders_op_agb(opslag: &dyn Opslag) -> Result<BTreeMap<String, i64>, Fout> {
    Ok(organisaties(opslag)
        .await?
        .into_iter()
        .filter_map(|o| Some((o.agb?.als_tekst().to_string(), o.id)))
        .collect())
}

/// Every organisation in the directory, page by page.
pub(crate) async fn organisaties(
    opslag: &dyn Opslag,
) -> Result<Vec<schakel_storage::Organisatie>, Fout> {
    let mut uit = Vec::new();
    for pagina in 1.. {
        let lijst = opslag
            .organisaties(Pagina::new(pagina, Pagina::MAX))
            .await
            .map_err(bedrijf)?;
        let klaar = lijst.items.len() < Pagina::MAX as usize;
        uit.extend(lijst.items);
        if klaar {
            break;
        }
    }
    Ok(uit)
}

/// Contact persons of a region's organisations (by name) and of its
/// expertpool; the region's previous list is replaced as a whole.
pub async fn importeer_contacten(
    bestand: &Path,
    opslag: &dyn Opslag,
    regio: &str,
) -> Result<Verslag, Fout> {
    let (mut lezer, kop, balk) = open_csv(bestand, "contacten")?;
    let kolom = |n: &str| kop.iter().position(|k| k == n);
    let (Some(k_org), Some(k_functie), Some(k_naam)) =
        (kolom("organisatie"), kolom("functie"), kolom("naam"))
    else {
        return Err(invoerfout(
            "kopregel",
            "verwacht organisatie;functie;naam;telefoon;email",
        ));
    };
    let regio_id = regio_voor(opslag, regio).await?;
    let namen: BTreeMap<String, i64> = organisaties(opslag)
        .await?
        .into_iter()
        .filter(|o| o.regio == regio_id)
        .map(|o| (o.naam.to_lowercase(), o.id))
        .collect();
    let mut verslag = Verslag::over(bestand);
    let mut contacten = Vec::new();
    for (i, rij) in lezer.records().enumerate() {
        let Some((regel, rij)) = verslag.lees(i, rij) else {
            continue;
        };
        let org = veld(&rij, Some(k_org)).unwrap_or_default();
        let organisatie = if org.eq_ignore_ascii_case("expertpool") {
            None
        } else if let Some(id) = namen.get(&org.to_lowercase()) {
            Some(*id)
        } else {
            verslag.fout(
                regel,
                format!(
                    "organisatie: '{org}' staat niet in de gids van deze regio; of 'expertpool'"
                ),
            );
            continue;
        };
        let (Some(functie), Some(naam)) = (veld(&rij, Some(k_functie)), veld(&rij, Some(k_naam)))
        else {
            verslag.fout(regel, "functie en naam: verplicht".into());
            continue;
        };
        let (telefoon, email) = (veld(&rij, kolom("telefoon")), veld(&rij, kolom("email")));
        if telefoon.is_none() && email.is_none() {
            verslag.fout(regel, "telefoon of email: ten minste één van beide".into());
            continue;
        }
        contacten.push(schakel_storage::Gidscontact {
            id: 0,
            regio: regio_id,
            organisatie,
            functie: functie.into(),
            naam: naam.into(),
            telefoon: telefoon.map(Into::into),
            email: email.map(Into::into),
            gewijzigd: None,
        });
        verslag.opgeslagen += 1;
    }
    opslag
        .zet_contacten(regio_id, &contacten, &importrecord("gids.contacten.import"))
        .await
        .map_err(bedrijf)?;
    balk.finish_and_clear();
    Ok(verslag)
}

/// DUO's school file: semicolon or comma separated, quoted or not, with
/// the older (BRIN NUMMER, VESTIGINGSNUMMER) or newer (INSTELLINGSCODE,
/// VESTIGINGSCODE) column names. Every row is checked first; the schools
/// are then stored in one transaction.
pub async fn importeer_scholen(
    bestand: &Path,
    opslag: &dyn Opslag,
    regio: &str,
) -> Result<Verslag, Fout> {
    let tekst = std::fs::read_to_string(bestand)
        .map_err(|e| invoerfout("bestand", format!("{}: {e}", bestand.display())))?;
    let kopregel = tekst.lines().next().unwrap_or_default();
    let scheiding = if kopregel.matches(';').count() >= kopregel.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut lezer = csv::ReaderBuilder::new()
        .delimiter(scheiding)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(tekst.as_bytes());
    let kop: Vec<String> = lezer
        .headers()
        .map_err(|e| invoerfout("bestand", e.to_string()))?
        .iter()
        .map(|k| zonder_bom(k).to_uppercase())
        .collect();
    let kolom = |namen: &[&str]| kop.iter().position(|k| namen.contains(&k.as_str()));
    let brin = kolom(&["BRIN NUMMER", "BRINNUMMER", "INSTELLINGSCODE"]);
    let vestiging = kolom(&["VESTIGINGSNUMMER", "VESTIGINGSCODE"]);
    let naam = kolom(&["VESTIGINGSNAAM"]);
    let soort = kolom(&["SOORT PO", "ONDERWIJSSTRUCTUUR", "ONDERWIJSSOORT"]);
    let (Some(brin), Some(vestiging), Some(naam), Some(soort)) = (brin, vestiging, naam, soort)
    else {
        return Err(invoerfout(
            "kopregel",
            "verwacht de kolommen van DUO: BRIN NUMMER (of INSTELLINGSCODE), VESTIGINGSNUMMER (of VESTIGINGSCODE), VESTIGINGSNAAM en SOORT PO (of ONDERWIJSSTRUCTUUR)",
        ));
    };
    let (postcode, gemeente) = (kolom(&["POSTCODE"]), kolom(&["GEMEENTENUMMER"]));
    let mut verslag = Verslag::over(bestand);
    let mut scholen = Vec::new();
    for (i, rij) in lezer.records().enumerate() {
        let Some((regel, rij)) = verslag.lees(i, rij) else {
            continue;
        };
        match schoolrij(
            veld(&rij, Some(brin)),
            veld(&rij, Some(vestiging)),
            veld(&rij, Some(naam)),
            veld(&rij, Some(soort)),
            veld(&rij, postcode),
            veld(&rij, gemeente),
        ) {
            Ok(s) => scholen.push(s),
            Err(reden) => verslag.fout(regel, reden),
        }
    }
    let regio = regio_voor(opslag, regio).await?;
    let uit = opslag
        .importeer_scholen(regio, &scholen, &importrecord("gids.scholen.import"))
        .await
        .map_err(bedrijf)?;
    verslag.opgeslagen = uit.nieuw + uit.bijgewerkt;
    Ok(verslag)
}

fn schoolrij(
    brin: Option<&str>,
    vestiging: Option<&str>,
    naam: Option<&str>,
    soort: Option<&str>,
    postcode: Option<&str>,
    gemeente: Option<&str>,
) -> Result<schakel_storage::Schoolrij, String> {
    let instelling = brin.ok_or("BRIN: verplicht")?;
    let vestiging = vestiging.ok_or("vestiging: verplicht")?;
    // Newer files repeat the institution in the vestiging code (00AA00).
    let code = if vestiging.len() == 6 {
        vestiging.to_string()
    } else {
        format!("{instelling}{vestiging:0>2}")
    };
    let brin = schakel_domain::Brin::parse(&code).map_err(|e| e.to_string())?;
    let soort = soort.ok_or("schooltype: verplicht")?;
    let schooltype = schakel_domain::gids::Schooltype::uit_duo(soort)
        .ok_or_else(|| format!("schooltype: '{soort}' onbekend; verwacht Bao, SBO, SO, VSO, PRO, MBO of een VO-structuur (VMBO/HAVO/VWO)"))?;
    Ok(schakel_storage::Schoolrij {
        brin,
        naam: naam.ok_or("VESTIGINGSNAAM: verplicht")?.to_string(),
        gemeente: gemeente
            .map(GemeenteCode::parse)
            .transpose()
            .map_err(|e| e.to_string())?,
        schooltype,
        postcode: postcode
            .map(Postcode::parse)
            .transpose()
            .map_err(|e| e.to_string())?,
    })
}

/// The region new wijkteams join: found by its code, or registered
/// through the region's set-up door.
pub(crate) async fn regio_voor(opslag: &dyn Opslag, code: &str) -> Result<i64, Fout> {
    let nieuw = schakel_storage::NieuweRegio {
        code: code.to_string(),
        naam: schakel_http::web::formulier::hoofdletter(code),
    };
    let record = importrecord("regio.aanmaken");
    let r = schakel_http::inrichting::registreer_regio(opslag, &nieuw, &record)
        .await
        .map_err(|e| bedrijf(format!("{e:?}")))?;
    Ok(r.id)
}

async fn wijkteams_op_naam(opslag: &dyn Opslag) -> Result<BTreeMap<String, i64>, Fout> {
    Ok(organisaties(opslag)
        .await?
        .into_iter()
        .filter(|o| o.soort == OrganisatieSoort::Wijkteam)
        .map(|o| (o.naam.to_lowercase(), o.id))
        .collect())
}

/// An operator's change to the directory, in the audit log.
fn importrecord(gebeurtenis: &str) -> NieuwAuditRecord {
    NieuwAuditRecord::door_systeem(
        gebeurtenis,
        Actie::Wijzigen,
        "gids",
        "beheer_cli",
        "cli",
        "schakel",
    )
}

pub async fn importeer(
    opdracht: &ImportOpdracht,
    regio: &crate::Regiokeuze<'_>,
    data: &Path,
) -> Result<(), Fout> {
    // Addresses are national (CBS); every other file is one region's.
    let regio = match opdracht {
        ImportOpdracht::Adressen { .. } => String::new(),
        _ => regio.code()?,
    };
    let regio = regio.as_str();
    let (bestand, opties) = match opdracht {
        ImportOpdracht::Adressen {
            bestand, opslag, ..
        }
        | ImportOpdracht::Aanbieders { bestand, opslag }
        | ImportOpdracht::Contacten { bestand, opslag }
        | ImportOpdracht::Scholen { bestand, opslag }
        | ImportOpdracht::Wijkteams { bestand, opslag }
        | ImportOpdracht::Gebieden { bestand, opslag }
        | ImportOpdracht::Arrangementen { bestand, opslag }
        | ImportOpdracht::Verwijzers { bestand, opslag }
        | ImportOpdracht::InterventieAfspraken { bestand, opslag } => (bestand, opslag),
    };
    let opslag = opties.open().await.map_err(|e| Fout::Bedrijf(e.0))?;
    let verslag = match opdracht {
        ImportOpdracht::Adressen { vervang_alles, .. } => {
            importeer_adressen(bestand, opslag.as_ref(), *vervang_alles).await?
        }
        ImportOpdracht::Aanbieders { .. } => {
            // The region's normenkader names the products, where it has one.
            let producten = schakel_rules::Regelset::laad(data, regio)
                .ok()
                .and_then(|r| {
                    r.kaders()
                        .last()
                        .map(|k| k.producten.iter().map(|(p, _)| p.clone()).collect())
                });
            importeer_aanbieders(bestand, opslag.as_ref(), regio, producten).await?
        }
        ImportOpdracht::Contacten { .. } => {
            importeer_contacten(bestand, opslag.as_ref(), regio).await?
        }
        ImportOpdracht::Scholen { .. } => {
            importeer_scholen(bestand, opslag.as_ref(), regio).await?
        }
        ImportOpdracht::Wijkteams { .. } => {
            importeer_wijkteams(bestand, opslag.as_ref(), regio).await?
        }
        ImportOpdracht::Gebieden { .. } => importeer_gebieden(bestand, opslag.as_ref()).await?,
        ImportOpdracht::InterventieAfspraken { .. } => {
            crate::inrichting::importeer_interventie(bestand, opslag.as_ref(), regio).await?
        }
        ImportOpdracht::Arrangementen { .. } | ImportOpdracht::Verwijzers { .. } => {
            // The region's normenkader names its OJA schools; a region
            // without one has none (its arrangement rows are refused).
            let regels = data
                .join("regio")
                .join(regio)
                .join("normenkader")
                .is_dir()
                .then(|| schakel_rules::Regelset::laad(data, regio))
                .transpose()?;
            let arrangementen = matches!(opdracht, ImportOpdracht::Arrangementen { .. });
            crate::inrichting::importeer(
                bestand,
                opslag.as_ref(),
                regels.as_ref(),
                regio,
                arrangementen,
            )
            .await?
        }
    };
    // Running servers on this database read the directory again at once.
    opslag
        .meld_gidswijziging()
        .await
        .map_err(|e| Fout::Bedrijf(e.to_string()))?;
    if verslag.fouten > 0 {
        eprintln!(
            "let op: {} regel(s) niet ingelezen; zie eersteFouten",
            verslag.fouten
        );
    }
    schrijf(&verslag);
    Ok(())
}

pub async fn wijkteam(postcode: &str, huisnummer: u32, opties: &OpslagOpties) -> Result<(), Fout> {
    let postcode =
        Postcode::parse(postcode).map_err(|e| invoerfout("--postcode", e.to_string()))?;
    let huisnummer =
        Huisnummer::new(huisnummer).map_err(|e| invoerfout("--huisnummer", e.to_string()))?;
    let opslag = opties
        .open_bestaand()
        .await
        .map_err(crate::beheer::bestaat_niet)?;
    // One lookup: the address from the database, not the whole file.
    let stand = schakel_http::gids::GebiedenCache::default()
        .stand(opslag.as_ref())
        .await
        .map_err(bedrijf)?;
    let antwoord = schakel_http::gids::zoek(opslag.as_ref(), &stand, &postcode, huisnummer)
        .await
        .map_err(bedrijf)?;
    schrijf(&antwoord);
    Ok(())
}

/// A demo region's directory: the sample files shipped in
/// `data/gids/<regio>/` (addresses, wijkteam areas, and what else the
/// region's sample has), so the lookup works at once.
pub async fn vul_demo(opslag: &dyn Opslag, map: &Path, regio: &str) -> Result<(), String> {
    let tekst = |f: Fout| match f {
        Fout::Invoer(e) => e.to_string(),
        Fout::Laden(e) => e.to_string(),
        Fout::Bedrijf(e) => e,
    };
    // Each region's file replaces only its own gemeenten' addresses.
    importeer_adressen(&map.join("adressen-2025.csv"), opslag, false)
        .await
        .map_err(tekst)?;
    importeer_wijkteams(&map.join("wijkteams.csv"), opslag, regio)
        .await
        .map_err(tekst)?;
    importeer_gebieden(&map.join("gebieden.csv"), opslag)
        .await
        .map_err(tekst)?;
    // The files a region's sample has (Almere's providers and contacts,
    // the Achterhoek's schools).
    let pad = |f: &str| Some(map.join(f)).filter(|p| p.is_file());
    if let Some(p) = pad("aanbieders.csv") {
        importeer_aanbieders(&p, opslag, regio, None)
            .await
            .map_err(tekst)?;
    }
    if let Some(p) = pad("contacten.csv") {
        importeer_contacten(&p, opslag, regio)
            .await
            .map_err(tekst)?;
    }
    if let Some(p) = pad("scholen-duo.csv") {
        importeer_scholen(&p, opslag, regio).await.map_err(tekst)?;
    }
    Ok(())
}
