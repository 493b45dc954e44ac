//! `schakel-gids`: a national-size address directory for the benchmark of
//! issue 5 (BENCHMARKS.md, `scripts/bench-gids`). Generated data only.
//!
//! - `genereer --rijen N`: a CBS-shaped postcode–huisnummer file on stdout
//!   (`PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025`), sorted by postcode
//!   and house number as CBS ships it: 342 gemeenten × 9 wijken × 5 buurten,
//!   20 house numbers per postcode.
//! - `gebieden`: wijkteams with werkgebieden over those buurten (every six
//!   buurten one wijkteam), postcode ranges and house-number ranges on top,
//!   and one account to log in with.
//! - `zoek --aantal N`: N lookups of random existing addresses in process
//!   (address file + werkgebieden + contact point, as the API answers),
//!   reporting p50 / p99 / max in µs.

use std::io::{BufWriter, Write};
use std::time::Instant;

use clap::{Parser, Subcommand};
use schakel_domain::gids::{Gebied, postcode_uit_getal};
use schakel_domain::{GemeenteCode, Huisnummer, OrganisatieSoort, Rol};
use schakel_http::gids::{GebiedenCache, zoek};
use schakel_loadtest::Rng;
use schakel_storage::audit::{Actie, NieuwAuditRecord};
use schakel_storage::{
    NieuweMedewerker, NieuweOrganisatie, NieuweRegio, Opslag, Roltoewijzing, WijkteamGebied,
};

/// The first postcode of the generated file: 1000AA.
const BEGIN: u32 = 1000 * 676;
const PER_POSTCODE: u32 = 20;
const WIJKEN: u32 = 9;
const BUURTEN_PER_WIJK: u32 = 5;
const GEMEENTEN: u32 = 342;
const BUURTEN_PER_TEAM: u32 = 6;

#[derive(Parser)]
struct Opties {
    #[command(subcommand)]
    opdracht: Opdracht,
}

#[derive(Subcommand)]
enum Opdracht {
    Genereer {
        #[arg(long, default_value_t = 10_000_000)]
        rijen: u32,
    },
    Gebieden {
        #[arg(long)]
        database_url: String,
        #[arg(long, default_value_t = 10_000_000)]
        rijen: u32,
        #[arg(long, default_value = "schakel-bench-wachtwoord")]
        wachtwoord: String,
    },
    Zoek {
        #[arg(long)]
        database_url: String,
        #[arg(long, default_value_t = 10_000_000)]
        rijen: u32,
        #[arg(long, default_value_t = 100_000)]
        aantal: u32,
    },
}

type Fout = String;

/// The `k`-th valid postcode from 1000AA, as `postcode_getal`: the letter
/// pairs SA, SD and SS are not used in Dutch postcodes.
fn postcode(k: u32) -> u32 {
    const GELDIG_PER_PC4: u32 = 676 - 3;
    let mut letters = k % GELDIG_PER_PC4;
    for ongeldig in [18 * 26, 18 * 26 + 3, 18 * 26 + 18] {
        if letters >= ongeldig {
            letters += 1;
        }
    }
    BEGIN + k / GELDIG_PER_PC4 * 676 + letters
}

/// The buurt code of the `b`-th buurt: gemeente, wijk and buurt numbers.
fn buurtcode(b: u32) -> u32 {
    let per_gemeente = WIJKEN * BUURTEN_PER_WIJK;
    let gemeente = b / per_gemeente % GEMEENTEN + 1;
    let binnen = b % per_gemeente;
    gemeente * 10_000 + (binnen / BUURTEN_PER_WIJK + 1) * 100 + binnen % BUURTEN_PER_WIJK + 1
}

/// How many buurten the file spreads its addresses over.
fn buurten(rijen: u32) -> u32 {
    (GEMEENTEN * WIJKEN * BUURTEN_PER_WIJK).min(rijen).max(1)
}

/// Which buurt the `i`-th address lies in: addresses are spread evenly.
fn buurt_van(i: u32, rijen: u32) -> u32 {
    (u64::from(i) * u64::from(buurten(rijen)) / u64::from(rijen.max(1))) as u32
}

fn genereer(rijen: u32) -> Result<(), Fout> {
    let uit = std::io::stdout().lock();
    let mut uit = BufWriter::with_capacity(1 << 20, uit);
    let fout = |e: std::io::Error| e.to_string();
    writeln!(uit, "PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025").map_err(fout)?;
    for i in 0..rijen {
        let postcode = postcode_uit_getal(postcode(i / PER_POSTCODE)).map_err(|e| e.to_string())?;
        let b = buurtcode(buurt_van(i, rijen));
        writeln!(
            uit,
            "{};{};{:08};{:06};{:04}",
            postcode.als_tekst(),
            i % PER_POSTCODE + 1,
            b,
            b / 100,
            b / 10_000
        )
        .map_err(fout)?;
    }
    uit.flush().map_err(fout)
}

fn record() -> NieuwAuditRecord {
    NieuwAuditRecord::door_systeem(
        "gids.werkgebied.bench",
        Actie::Wijzigen,
        "gids",
        "bench",
        "schakel-gids",
        "schakel-loadtest",
    )
}

async fn gebieden(url: &str, rijen: u32, wachtwoord: &str) -> Result<(), Fout> {
    let o = schakel_loadtest::open(url).await?;
    let fout = |e: schakel_storage::OpslagFout| e.to_string();
    let regio = o
        .maak_regio(&NieuweRegio {
            code: "nederland".into(),
            naam: "Nederland (gegenereerd)".into(),
        })
        .await
        .map_err(fout)?;
    let teams = buurten(rijen).div_ceil(BUURTEN_PER_TEAM);
    let mut wijkteams = Vec::with_capacity(teams as usize);
    for t in 0..teams {
        let b = buurtcode(t * BUURTEN_PER_TEAM);
        let org = o
            .maak_organisatie(&NieuweOrganisatie {
                regio: regio.id,
                naam: format!("Wijkteam {t}"),
                soort: OrganisatieSoort::Wijkteam,
                gemeente: GemeenteCode::parse(&format!("{:04}", b / 10_000)).ok(),
                brin: None,
                agb: None,
            })
            .await
            .map_err(fout)?;
        let mut g: Vec<Gebied> = (t * BUURTEN_PER_TEAM
            ..((t + 1) * BUURTEN_PER_TEAM).min(buurten(rijen)))
            .filter_map(|b| Gebied::parse(&format!("BU{:08}", buurtcode(b))).ok())
            .collect();
        // Every tenth team also has a postcode range and a house-number
        // range somewhere in the country, so all three levels are used.
        if t % 10 == 0 {
            let p = t * 97 % (rijen / PER_POSTCODE).max(1);
            let pc = |n| {
                postcode_uit_getal(postcode(n))
                    .map(|p| p.als_tekst().to_string())
                    .unwrap_or_default()
            };
            g.extend(Gebied::parse(&pc(p)).ok());
            g.extend(Gebied::parse(&format!("{} 1-5", pc(p + 1))).ok());
        }
        wijkteams.push(WijkteamGebied {
            wijkteam: org.id,
            gebieden: g,
            contactpunt: Some(schakel_storage::Contactpunt {
                naam: format!("Contactpunt wijkteam {t}"),
                telefoon: Some("088-0000000".into()),
                email: None,
            }),
        });
    }
    o.zet_wijkteamgebieden(&wijkteams, &record())
        .await
        .map_err(fout)?;
    let school = o
        .maak_organisatie(&NieuweOrganisatie {
            regio: regio.id,
            naam: "School (gegenereerd)".into(),
            soort: OrganisatieSoort::School,
            gemeente: None,
            brin: schakel_domain::Brin::parse("99ZZ00").ok(),
            agb: None,
        })
        .await
        .map_err(fout)?;
    o.maak_medewerker(&NieuweMedewerker {
        naam: "Zorgcoördinator (bench)".into(),
        email: "zorgcoordinator@gids.bench.invalid".into(),
        wachtwoord_hash: schakel_http::auth::hash_wachtwoord(wachtwoord)
            .map_err(|_| "kan het wachtwoord niet hashen".to_string())?,
        demo: true,
        rollen: vec![Roltoewijzing {
            rol: Rol::Zorgcoordinator,
            organisatie: school.id,
        }],
    })
    .await
    .map_err(fout)?;
    let n: usize = wijkteams.iter().map(|w| w.gebieden.len()).sum();
    println!("{} wijkteams, {n} gebieden", wijkteams.len());
    Ok(())
}

async fn meet(url: &str, rijen: u32, aantal: u32) -> Result<(), Fout> {
    let o = schakel_loadtest::open(url).await?;
    let fout = |e: schakel_storage::OpslagFout| e.to_string();
    let cache = GebiedenCache::default();
    // First through the database (what the CLI does), then with the
    // address file in memory (what the server does once it has loaded it).
    let zonder = cache.stand(o.as_ref()).await.map_err(fout)?;
    reeks(o.as_ref(), &zonder, rijen, aantal, "database").await?;
    let t = Instant::now();
    cache.laad_adressen(o.as_ref()).await.map_err(fout)?;
    let geladen = t.elapsed();
    let met = cache.stand(o.as_ref()).await.map_err(fout)?;
    let n = met.adressen.as_ref().map_or(0, |a| a.len());
    println!(
        "GELADEN {n} adressen in het geheugen in {:.1} s",
        geladen.as_secs_f64()
    );
    reeks(o.as_ref(), &met, rijen, aantal, "geheugen").await
}

async fn reeks(
    o: &dyn Opslag,
    stand: &schakel_http::gids::Gidsstand,
    rijen: u32,
    aantal: u32,
    wat: &str,
) -> Result<(), Fout> {
    let fout = |e: schakel_storage::OpslagFout| e.to_string();
    let mut rng = Rng(7513);
    let mut adres = || -> Result<_, Fout> {
        let i = rng.onder(u64::from(rijen)) as u32;
        Ok((
            postcode_uit_getal(postcode(i / PER_POSTCODE)).map_err(|e| e.to_string())?,
            Huisnummer::new(i % PER_POSTCODE + 1).map_err(|e| e.to_string())?,
        ))
    };
    // Warm up: the pages a running service would have in cache.
    for _ in 0..aantal / 10 {
        let (p, h) = adres()?;
        zoek(o, stand, &p, h).await.map_err(fout)?;
    }
    let mut duur = Vec::with_capacity(aantal as usize);
    let mut gevonden = 0u32;
    for _ in 0..aantal {
        let (p, h) = adres()?;
        let t = Instant::now();
        let a = zoek(o, stand, &p, h).await.map_err(fout)?;
        duur.push(t.elapsed().as_nanos() as u64);
        gevonden += u32::from(a.uitkomst == "wijkteam" && a.buurt.is_some());
    }
    duur.sort_unstable();
    let pct = |p: f64| duur[((duur.len() as f64 * p) as usize).min(duur.len() - 1)] as f64 / 1000.0;
    println!(
        "UITSLAG {wat}: {aantal} lookups, {gevonden} met buurt en wijkteam: p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    Ok(())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let opties = Opties::parse();
    let uitkomst = match opties.opdracht {
        Opdracht::Genereer { rijen } => genereer(rijen),
        Opdracht::Gebieden {
            database_url,
            rijen,
            wachtwoord,
        } => gebieden(&database_url, rijen, &wachtwoord).await,
        Opdracht::Zoek {
            database_url,
            rijen,
            aantal,
        } => meet(&database_url, rijen, aantal).await,
    };
    match uitkomst {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("schakel-gids: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
