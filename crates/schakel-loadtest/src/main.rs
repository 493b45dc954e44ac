//! # schakel-vul
//!
//! Fills an empty Schakel database with generated households, jeugdigen and
//! casussen for load tests (`scripts/bench-api`, BENCHMARKS.md):
//!
//! ```sh
//! schakel-vul --database-url sqlite:///tmp/bench.db --casussen 1000000
//! schakel-vul --database-url postgres://… --casussen 1000000
//! ```
//!
//! - The directory (regio `bench`, wijkteams, schools, providers, JGZ,
//!   gemeente, samenwerkingsverband) and one account per role are made
//!   through the storage interface, like any other client would; every
//!   account gets the password `--wachtwoord` (argon2id, as the server
//!   hashes it).
//! - Households, representatives, jeugdigen, casussen, parties and
//!   hulpvragen are written in bulk, straight into the schema (multi-row
//!   INSERTs on SQLite, `UNNEST` arrays on PostgreSQL), one transaction per
//!   10,000 casussen. No audit record is written per generated row: the load
//!   is logged as one record (`testgegevens.genereren`). The kept access
//!   facts are recomputed once at the end (`Opslag::herbereken_toegang`).
//! - Every casus has a household of its own with 1–3 jeugdigen. Casussen are
//!   spread at random over the wijkteams, so with the defaults (1M casussen,
//!   50 wijkteams) the measured casusregisseur's wijkteam (the first) has
//!   ~20,000 casussen, ~17,000 of them open.
//!
//! **BSNs.** The test range 9999xxxxx holds only ~9,090 numbers that pass
//! the 11-proef: far too few for a million jeugdigen. The generator therefore
//! counts up from 100000000 and keeps the numbers that pass the 11-proef.
//! These are *synthetic*: they are not test BSNs, may coincide with a real
//! person's number, and are attached to made-up names and addresses. They
//! exist only in a throwaway load-test database: never commit, ship or demo
//! them (the demo data uses test BSNs only).

use schakel_loadtest::Rng;
use std::path::Path;
use std::str::FromStr;
use std::time::Instant;

use chrono::{DateTime, Days, NaiveDate, SecondsFormat, Utc};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use schakel_domain::{Agb, Brin, GemeenteCode, OrganisatieSoort, Postcode, Rol};
use schakel_storage::audit::{self, Actie, NieuwAuditRecord};
use schakel_storage::{
    Id, NieuweMedewerker, NieuweOrganisatie, NieuweRegio, Opslag, Pagina, Roltoewijzing,
    bewaren_tot,
};
use schakel_storage_postgres::PgOpslag;
use schakel_storage_sqlite::SqliteOpslag;
use sqlx::postgres::PgConnectOptions;
use sqlx::query_builder::Separated;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, PgConnection, QueryBuilder, Sqlite, SqliteConnection};

#[derive(Parser, Debug)]
#[command(
    name = "schakel-vul",
    about = "Vult een lege Schakel-database met gegenereerde casussen voor belastingtests \
             (nooit als demo-gegevens gebruiken: synthetische BSN's buiten de testreeks)"
)]
struct Opties {
    /// sqlite://PAD or postgres://…; the database must not hold organisations yet.
    #[arg(long, env = "SCHAKEL_DATABASE_URL")]
    database_url: String,
    /// Number of casussen; each has its own household with 1–3 jeugdigen.
    #[arg(long, default_value_t = 1_000_000)]
    casussen: u32,
    #[arg(long, default_value_t = 50)]
    wijkteams: u32,
    #[arg(long, default_value_t = 200)]
    scholen: u32,
    #[arg(long, default_value_t = 20)]
    aanbieders: u32,
    /// The password of every generated account.
    #[arg(
        long,
        env = "SCHAKEL_VUL_WACHTWOORD",
        default_value = "schakel-bench-wachtwoord"
    )]
    wachtwoord: String,
    /// The same seed gives the same data.
    #[arg(long, default_value_t = 7513)]
    zaad: u64,
}

/// Casussen per transaction.
const PER_TRANSACTIE: u32 = 10_000;

/// The e-mail domain of the generated accounts (`.invalid`: never deliverable).
const DOMEIN: &str = "bench.schakel.invalid";

type Fout = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let opties = Opties::parse();
    match vul(&opties).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("schakel-vul: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

// --- synthetic BSNs -----------------------------------------------------------------

/// 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11).
fn elfproef(n: u32) -> bool {
    let mut rest = n;
    let mut som: i64 = 0;
    for positie in 0..9 {
        let cijfer = i64::from(rest % 10);
        rest /= 10;
        som += if positie == 0 {
            -cijfer
        } else {
            cijfer * (positie + 1)
        };
    }
    som % 11 == 0
}

/// Counts up from 100000000, keeping the numbers that pass the 11-proef.
struct BsnTeller(u32);

impl BsnTeller {
    const BEGIN: u32 = 100_000_000;

    fn volgende(&mut self) -> Result<String, Fout> {
        loop {
            self.0 += 1;
            if self.0 >= *schakel_domain::id::TEST_BSN_BEREIK.start() {
                return Err("te veel jeugdigen: de BSN-teller bereikt de testreeks".into());
            }
            if elfproef(self.0) {
                return Ok(format!("{:09}", self.0));
            }
        }
    }
}

// --- the generated rows ---------------------------------------------------------------

const VOORNAMEN: [&str; 40] = [
    "Noah", "Emma", "Liam", "Julia", "Luca", "Mila", "Sem", "Tess", "Lucas", "Sophie", "Finn",
    "Zoë", "Daan", "Sara", "Levi", "Nora", "Milan", "Yara", "Bram", "Evi", "Adam", "Saar", "Mees",
    "Lotte", "Jesse", "Eva", "Sam", "Lina", "Thijs", "Noor", "Jayden", "Fenna", "Mohamed", "Anna",
    "Ryan", "Liv", "Stijn", "Isa", "Ilias", "Roos",
];

const ACHTERNAMEN: [&str; 40] = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Bruin",
    "van der Heijden",
    "Schouten",
    "van Beek",
    "Willems",
    "van Vliet",
];

const OMSCHRIJVINGEN: [&str; 5] = [
    "Zorgen over de schoolgang",
    "Vraag om ondersteuning in de klas",
    "Dreigend thuiszitten",
    "Gedrag thuis en op school",
    "Begeleiding na schooltijd gevraagd",
];

const LETTERS: &[u8; 26] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

struct JeugdigeRij {
    id: Id,
    huishouden: Id,
    bsn: String,
    geboortedatum: NaiveDate,
    voornaam: &'static str,
    achternaam: &'static str,
    postcode: String,
    huisnummer: i32,
    toevoeging: Option<&'static str>,
    school: Option<Id>,
    gewijzigd: DateTime<Utc>,
}

struct CasusRij {
    id: Id,
    huishouden: Id,
    wijkteam: Id,
    open: bool,
    aangemaakt: DateTime<Utc>,
}

struct HulpvraagRij {
    jeugdige: Id,
    school: Id,
    omschrijving: &'static str,
    open: bool,
    aangemaakt: DateTime<Utc>,
}

/// The rows of one transaction.
#[derive(Default)]
struct Partij {
    huishoudens: Vec<(Id, DateTime<Utc>)>,
    vertegenwoordigers: Vec<(Id, String, &'static str)>,
    jeugdigen: Vec<JeugdigeRij>,
    casussen: Vec<CasusRij>,
    partijen: Vec<(Id, Id)>,
    hulpvragen: Vec<HulpvraagRij>,
}

/// The organisations rows refer to.
struct Directory {
    wijkteams: Vec<Id>,
    scholen: Vec<Id>,
    aanbieders: Vec<Id>,
    jgz: Id,
}

struct Generator {
    rng: Rng,
    bsn: BsnTeller,
    volgende_jeugdige: Id,
    nu: DateTime<Utc>,
    vandaag: NaiveDate,
}

impl Generator {
    /// A moment in the last `dagen` days before `voor`, whole seconds.
    fn eerder(&mut self, voor: DateTime<Utc>, dagen: u64) -> DateTime<Utc> {
        let seconden = self.rng.onder(dagen * 86_400) as i64;
        voor - chrono::Duration::seconds(seconden)
    }

    fn postcode(&mut self) -> Result<String, Fout> {
        loop {
            let cijfers = 1300 + self.rng.onder(100);
            let a = LETTERS[self.rng.onder(26) as usize] as char;
            let b = LETTERS[self.rng.onder(26) as usize] as char;
            let tekst = format!("{cijfers}{a}{b}");
            // SA, SD and SS are not used; the domain type knows.
            if let Ok(p) = Postcode::parse(&tekst) {
                return Ok(p.als_tekst().to_string());
            }
        }
    }

    /// Casussen `van..tot` (0-based; casus and household ids are index + 1).
    fn partij(&mut self, d: &Directory, van: u32, tot: u32) -> Result<Partij, Fout> {
        let mut p = Partij::default();
        for i in van..tot {
            let id = Id::from(i) + 1;
            let gewijzigd = self.eerder(self.nu, 730);
            let aangemaakt = self.eerder(gewijzigd, 365);
            let achternaam = self.rng.kies(&ACHTERNAMEN);
            p.huishoudens.push((id, gewijzigd));
            let ouders = if self.rng.kans(60) { 2 } else { 1 };
            for _ in 0..ouders {
                let relatie = if self.rng.kans(5) { "voogd" } else { "ouder" };
                let naam = format!("{} {achternaam}", self.rng.kies(&VOORNAMEN));
                p.vertegenwoordigers.push((id, naam, relatie));
            }
            p.casussen.push(CasusRij {
                id,
                huishouden: id,
                wijkteam: self.rng.kies(&d.wijkteams),
                open: self.rng.kans(85),
                aangemaakt,
            });
            if self.rng.kans(30) {
                p.partijen.push((id, self.rng.kies(&d.aanbieders)));
            }
            if self.rng.kans(10) {
                p.partijen.push((id, d.jgz));
            }
            let postcode = self.postcode()?;
            let huisnummer = 1 + self.rng.onder(250) as i32;
            let toevoeging = self
                .rng
                .kans(5)
                .then(|| self.rng.kies(&["A", "B", "bis", "1"]));
            let kinderen = match self.rng.onder(100) {
                0..55 => 1,
                55..88 => 2,
                _ => 3,
            };
            for _ in 0..kinderen {
                let jeugdige = self.volgende_jeugdige;
                self.volgende_jeugdige += 1;
                // 4 to 17 years old.
                let leeftijd_dagen = 4 * 365 + self.rng.onder(14 * 365);
                let geboortedatum = self
                    .vandaag
                    .checked_sub_days(Days::new(leeftijd_dagen))
                    .ok_or("geboortedatum")?;
                let school = self.rng.kans(92).then(|| self.rng.kies(&d.scholen));
                if let Some(school) = school
                    && self.rng.kans(15)
                {
                    p.hulpvragen.push(HulpvraagRij {
                        jeugdige,
                        school,
                        omschrijving: self.rng.kies(&OMSCHRIJVINGEN),
                        open: self.rng.kans(70),
                        aangemaakt,
                    });
                }
                p.jeugdigen.push(JeugdigeRij {
                    id: jeugdige,
                    huishouden: id,
                    bsn: self.bsn.volgende()?,
                    geboortedatum,
                    voornaam: self.rng.kies(&VOORNAMEN),
                    achternaam,
                    postcode: postcode.clone(),
                    huisnummer,
                    toevoeging,
                    school,
                    gewijzigd,
                });
            }
        }
        Ok(p)
    }
}

// --- the directory and accounts, through the storage interface ---------------------

enum Winkel {
    Sqlite(SqliteOpslag),
    Pg(PgOpslag),
}

impl Winkel {
    async fn open(url: &str) -> Result<Self, Fout> {
        if let Some(pad) = url.strip_prefix("sqlite://") {
            Ok(Self::Sqlite(SqliteOpslag::open(Path::new(pad)).await?))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Pg(PgOpslag::connect_met(url, 2).await?))
        } else {
            Err("--database-url: verwacht sqlite://PAD of postgres://…".into())
        }
    }

    fn opslag(&self) -> &dyn Opslag {
        match self {
            Self::Sqlite(o) => o,
            Self::Pg(o) => o,
        }
    }

    async fn sluit(self) {
        match self {
            Self::Sqlite(o) => o.sluit().await,
            Self::Pg(o) => o.sluit().await,
        }
    }
}

fn organisatie(regio: Id, naam: String, soort: OrganisatieSoort) -> NieuweOrganisatie {
    NieuweOrganisatie {
        regio,
        naam,
        soort,
        gemeente: None,
        brin: None,
        agb: None,
    }
}

/// Two base-36 characters for a fictitious BRIN ("99" + these + "00").
fn brin(i: u32) -> Result<Brin, Fout> {
    const TEKENS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let a = TEKENS[(i / 36 % 36) as usize] as char;
    let b = TEKENS[(i % 36) as usize] as char;
    Ok(Brin::parse(&format!("99{a}{b}00"))?)
}

struct Account {
    email: String,
    rol: Rol,
    organisatie: Id,
    organisatie_naam: String,
}

async fn maak_directory(
    o: &dyn Opslag,
    opties: &Opties,
) -> Result<(Directory, Vec<Account>), Fout> {
    if opties.wijkteams < 2 || opties.scholen < 1 || opties.aanbieders < 1 {
        return Err("verwacht minstens 2 wijkteams, 1 school en 1 aanbieder".into());
    }
    let regio = o
        .maak_regio(&NieuweRegio {
            code: "bench".into(),
            naam: "Belastingtest (gegenereerd)".into(),
        })
        .await?
        .id;
    let gemeentecode = GemeenteCode::parse("GM0034")?;
    let mut wijkteams = Vec::new();
    for i in 1..=opties.wijkteams {
        let mut n = organisatie(
            regio,
            format!("Wijkteam Bench {i:03}"),
            OrganisatieSoort::Wijkteam,
        );
        n.gemeente = Some(gemeentecode.clone());
        wijkteams.push(o.maak_organisatie(&n).await?);
    }
    let mut scholen = Vec::new();
    for i in 1..=opties.scholen {
        let mut n = organisatie(
            regio,
            format!("Bench-school {i:03}"),
            OrganisatieSoort::School,
        );
        n.brin = Some(brin(i)?);
        scholen.push(o.maak_organisatie(&n).await?);
    }
    let mut aanbieders = Vec::new();
    for i in 1..=opties.aanbieders {
        let mut n = organisatie(
            regio,
            format!("Bench-aanbieder {i:02}"),
            OrganisatieSoort::Aanbieder,
        );
        n.agb = Some(Agb::parse(&format!("99{i:06}"))?);
        aanbieders.push(o.maak_organisatie(&n).await?);
    }
    let mut n = organisatie(regio, "JGZ Bench".into(), OrganisatieSoort::Jgz);
    n.gemeente = Some(gemeentecode.clone());
    let jgz = o.maak_organisatie(&n).await?;
    let mut n = organisatie(regio, "Gemeente Bench".into(), OrganisatieSoort::Gemeente);
    n.gemeente = Some(gemeentecode);
    let gemeente = o.maak_organisatie(&n).await?;
    o.maak_organisatie(&organisatie(
        regio,
        "Samenwerkingsverband Bench".into(),
        OrganisatieSoort::Samenwerkingsverband,
    ))
    .await?;

    let accounts = [
        (Rol::Casusregisseur, &wijkteams[0]),
        (Rol::Wijkteammedewerker, &wijkteams[1]),
        (Rol::Zorgcoordinator, &scholen[0]),
        (Rol::Verwijzer, &jgz),
        (Rol::Aanbieder, &aanbieders[0]),
        (Rol::Beleid, &gemeente),
        (Rol::Beheerder, &gemeente),
    ];
    let mut uit = Vec::new();
    for (rol, org) in accounts {
        let email = format!("{}@{DOMEIN}", rol.naam());
        let hash = schakel_http::auth::hash_wachtwoord(&opties.wachtwoord)
            .map_err(|_| "kan het wachtwoord niet hashen")?;
        o.maak_medewerker(&NieuweMedewerker {
            naam: format!("Bench {}", rol.naam()),
            email: email.clone(),
            wachtwoord_hash: hash,
            demo: true,
            rollen: vec![Roltoewijzing {
                rol,
                organisatie: org.id,
            }],
        })
        .await?;
        uit.push(Account {
            email,
            rol,
            organisatie: org.id,
            organisatie_naam: org.naam.clone(),
        });
    }
    let ids = |v: &[schakel_storage::Organisatie]| v.iter().map(|o| o.id).collect::<Vec<_>>();
    Ok((
        Directory {
            wijkteams: ids(&wijkteams),
            scholen: ids(&scholen),
            aanbieders: ids(&aanbieders),
            jgz: jgz.id,
        },
        uit,
    ))
}

// --- bulk writes ------------------------------------------------------------------------

fn tijd_tekst(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn datum_tekst(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

enum Doel {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

impl Doel {
    async fn open(url: &str) -> Result<Self, Fout> {
        if let Some(pad) = url.strip_prefix("sqlite://") {
            // A bulk load: no fsync per transaction (the file is checkpointed
            // and synced at the end), references are generated consistent.
            let c = SqliteConnectOptions::new()
                .filename(pad)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Off)
                .foreign_keys(false)
                .pragma("cache_size", "-262144")
                .connect()
                .await?;
            Ok(Self::Sqlite(c))
        } else {
            let mut c = PgConnectOptions::from_str(url)?.connect().await?;
            sqlx::query("SET synchronous_commit = off")
                .execute(&mut c)
                .await?;
            Ok(Self::Pg(c))
        }
    }

    async fn leeg(&mut self) -> Result<bool, Fout> {
        let n: i64 = match self {
            Self::Sqlite(c) => {
                sqlx::query_scalar("SELECT (SELECT count(*) FROM huishouden) + (SELECT count(*) FROM jeugdige) + (SELECT count(*) FROM casus)")
                    .fetch_one(&mut *c)
                    .await?
            }
            Self::Pg(c) => {
                sqlx::query_scalar("SELECT (SELECT count(*) FROM huishouden) + (SELECT count(*) FROM jeugdige) + (SELECT count(*) FROM casus)")
                    .fetch_one(&mut *c)
                    .await?
            }
        };
        Ok(n == 0)
    }

    async fn schrijf(&mut self, p: &Partij) -> Result<(), Fout> {
        match self {
            Self::Sqlite(c) => schrijf_sqlite(c, p).await,
            Self::Pg(c) => schrijf_pg(c, p).await,
        }
    }

    /// Statistics, sequences and checkpoint after the load.
    async fn afronden(&mut self) -> Result<(), Fout> {
        match self {
            Self::Sqlite(c) => {
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(&mut *c)
                    .await?;
            }
            Self::Pg(c) => {
                for tabel in ["huishouden", "jeugdige", "casus"] {
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), \
                         (SELECT max(id) FROM {tabel}))"
                    )))
                    .execute(&mut *c)
                    .await?;
                }
                // What autovacuum would do in time; also sets the visibility
                // map, so index-only scans need not visit the table.
                sqlx::query("VACUUM ANALYZE").execute(&mut *c).await?;
            }
        }
        Ok(())
    }

    async fn tel(&mut self, sql: &'static str, id: Id) -> Result<i64, Fout> {
        Ok(match self {
            Self::Sqlite(c) => sqlx::query_scalar(sql).bind(id).fetch_one(&mut *c).await?,
            Self::Pg(c) => {
                let sql = sqlx::AssertSqlSafe(sql.replace('?', "$1"));
                sqlx::query_scalar(sql).bind(id).fetch_one(&mut *c).await?
            }
        })
    }

    async fn sluit(self) -> Result<(), Fout> {
        match self {
            Self::Sqlite(c) => c.close().await?,
            Self::Pg(c) => c.close().await?,
        }
        Ok(())
    }
}

/// SQLite allows 32766 parameters per statement.
const SQLITE_PARAMETERS: usize = 30_000;

async fn sqlite_rijen<T>(
    c: &mut SqliteConnection,
    kop: &'static str,
    kolommen: usize,
    rijen: &[T],
    mut bind: impl FnMut(&mut Separated<'_, Sqlite, &'static str>, &T),
) -> Result<(), Fout> {
    for stuk in rijen.chunks(SQLITE_PARAMETERS / kolommen) {
        let mut q = QueryBuilder::<Sqlite>::new(kop);
        q.push_values(stuk, |mut s, r| bind(&mut s, r));
        q.build().execute(&mut *c).await?;
    }
    Ok(())
}

async fn schrijf_sqlite(c: &mut SqliteConnection, p: &Partij) -> Result<(), Fout> {
    let mut tx = c.begin().await?;
    sqlite_rijen(
        &mut tx,
        "INSERT INTO huishouden (id, gewijzigd, bewaren_tot) ",
        3,
        &p.huishoudens,
        |s, (id, gewijzigd)| {
            s.push_bind(*id)
                .push_bind(tijd_tekst(gewijzigd))
                .push_bind(datum_tekst(bewaren_tot(*gewijzigd)));
        },
    )
    .await?;
    sqlite_rijen(
        &mut tx,
        "INSERT INTO vertegenwoordiger (huishouden, naam, relatie) ",
        3,
        &p.vertegenwoordigers,
        |s, (h, naam, relatie)| {
            s.push_bind(*h).push_bind(naam.clone()).push_bind(*relatie);
        },
    )
    .await?;
    sqlite_rijen(
        &mut tx,
        "INSERT INTO jeugdige (id, huishouden, bsn, geboortedatum, voornaam, achternaam, \
         postcode, huisnummer, toevoeging, school, versie, gewijzigd, bewaren_tot) ",
        13,
        &p.jeugdigen,
        |s, j| {
            s.push_bind(j.id)
                .push_bind(j.huishouden)
                .push_bind(j.bsn.clone())
                .push_bind(datum_tekst(j.geboortedatum))
                .push_bind(j.voornaam)
                .push_bind(j.achternaam)
                .push_bind(j.postcode.clone())
                .push_bind(i64::from(j.huisnummer))
                .push_bind(j.toevoeging)
                .push_bind(j.school)
                .push_bind(1_i64)
                .push_bind(tijd_tekst(&j.gewijzigd))
                .push_bind(datum_tekst(bewaren_tot(j.gewijzigd)));
        },
    )
    .await?;
    sqlite_rijen(
        &mut tx,
        "INSERT INTO casus (id, huishouden, wijkteam, open, aangemaakt) ",
        5,
        &p.casussen,
        |s, k| {
            s.push_bind(k.id)
                .push_bind(k.huishouden)
                .push_bind(k.wijkteam)
                .push_bind(i64::from(k.open))
                .push_bind(tijd_tekst(&k.aangemaakt));
        },
    )
    .await?;
    sqlite_rijen(
        &mut tx,
        "INSERT INTO casus_partij (casus, organisatie) ",
        2,
        &p.partijen,
        |s, (casus, org)| {
            s.push_bind(*casus).push_bind(*org);
        },
    )
    .await?;
    sqlite_rijen(
        &mut tx,
        "INSERT INTO hulpvraag (jeugdige, organisatie, behandelaar, omschrijving, open, \
         aangemaakt) ",
        6,
        &p.hulpvragen,
        |s, h| {
            // Untriaged: the school that registered it handles it.
            s.push_bind(h.jeugdige)
                .push_bind(h.school)
                .push_bind(h.school)
                .push_bind(h.omschrijving)
                .push_bind(i64::from(h.open))
                .push_bind(tijd_tekst(&h.aangemaakt));
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn kolom<T, U>(rijen: &[T], f: impl Fn(&T) -> U) -> Vec<U> {
    rijen.iter().map(f).collect()
}

async fn schrijf_pg(c: &mut PgConnection, p: &Partij) -> Result<(), Fout> {
    let mut tx = c.begin().await?;
    sqlx::query(
        "INSERT INTO huishouden (id, gewijzigd, bewaren_tot) \
         SELECT * FROM UNNEST($1::bigint[], $2::timestamptz[], $3::date[])",
    )
    .bind(kolom(&p.huishoudens, |h| h.0))
    .bind(kolom(&p.huishoudens, |h| h.1))
    .bind(kolom(&p.huishoudens, |h| bewaren_tot(h.1)))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO vertegenwoordiger (huishouden, naam, relatie) \
         SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[])",
    )
    .bind(kolom(&p.vertegenwoordigers, |v| v.0))
    .bind(kolom(&p.vertegenwoordigers, |v| v.1.clone()))
    .bind(kolom(&p.vertegenwoordigers, |v| v.2.to_string()))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO jeugdige (id, huishouden, bsn, geboortedatum, voornaam, achternaam, \
         postcode, huisnummer, toevoeging, school, versie, gewijzigd, bewaren_tot) \
         SELECT id, huishouden, bsn, geboortedatum, voornaam, achternaam, postcode, huisnummer, \
                toevoeging, school, 1, gewijzigd, bewaren_tot \
         FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::date[], $5::text[], $6::text[], \
                     $7::text[], $8::int[], $9::text[], $10::bigint[], $11::timestamptz[], \
                     $12::date[]) \
           AS t(id, huishouden, bsn, geboortedatum, voornaam, achternaam, postcode, huisnummer, \
                toevoeging, school, gewijzigd, bewaren_tot)",
    )
    .bind(kolom(&p.jeugdigen, |j| j.id))
    .bind(kolom(&p.jeugdigen, |j| j.huishouden))
    .bind(kolom(&p.jeugdigen, |j| j.bsn.clone()))
    .bind(kolom(&p.jeugdigen, |j| j.geboortedatum))
    .bind(kolom(&p.jeugdigen, |j| j.voornaam.to_string()))
    .bind(kolom(&p.jeugdigen, |j| j.achternaam.to_string()))
    .bind(kolom(&p.jeugdigen, |j| j.postcode.clone()))
    .bind(kolom(&p.jeugdigen, |j| j.huisnummer))
    .bind(kolom(&p.jeugdigen, |j| j.toevoeging.map(String::from)))
    .bind(kolom(&p.jeugdigen, |j| j.school))
    .bind(kolom(&p.jeugdigen, |j| j.gewijzigd))
    .bind(kolom(&p.jeugdigen, |j| bewaren_tot(j.gewijzigd)))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO casus (id, huishouden, wijkteam, open, aangemaakt) \
         SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[], $4::boolean[], \
                              $5::timestamptz[])",
    )
    .bind(kolom(&p.casussen, |k| k.id))
    .bind(kolom(&p.casussen, |k| k.huishouden))
    .bind(kolom(&p.casussen, |k| k.wijkteam))
    .bind(kolom(&p.casussen, |k| k.open))
    .bind(kolom(&p.casussen, |k| k.aangemaakt))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO casus_partij (casus, organisatie) \
         SELECT * FROM UNNEST($1::bigint[], $2::bigint[])",
    )
    .bind(kolom(&p.partijen, |x| x.0))
    .bind(kolom(&p.partijen, |x| x.1))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO hulpvraag (jeugdige, organisatie, behandelaar, omschrijving, open, \
         aangemaakt) \
         SELECT j, o, o, t, b, a FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], \
                                              $4::boolean[], $5::timestamptz[]) AS u(j, o, t, b, a)",
    )
    .bind(kolom(&p.hulpvragen, |h| h.jeugdige))
    .bind(kolom(&p.hulpvragen, |h| h.school))
    .bind(kolom(&p.hulpvragen, |h| h.omschrijving.to_string()))
    .bind(kolom(&p.hulpvragen, |h| h.open))
    .bind(kolom(&p.hulpvragen, |h| h.aangemaakt))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

// --- the whole run ----------------------------------------------------------------------

async fn vul(opties: &Opties) -> Result<(), Fout> {
    let begin = Instant::now();
    let winkel = Winkel::open(&opties.database_url).await?;
    let o = winkel.opslag();
    if o.organisaties(Pagina::new(1, 1)).await?.totaal > 0 {
        return Err("de database is niet leeg (er zijn al organisaties); geef een nieuwe".into());
    }
    let mut doel = Doel::open(&opties.database_url).await?;
    if !doel.leeg().await? {
        return Err(
            "de database is niet leeg (er zijn al huishoudens, jeugdigen of casussen)".into(),
        );
    }
    let (directory, accounts) = maak_directory(o, opties).await?;
    // The load itself is logged once, not per generated row.
    o.schrijf_audit(&NieuwAuditRecord::door_systeem(
        "testgegevens.genereren",
        Actie::Aanmaken,
        "testgegevens",
        &format!("schakel-vul --casussen {}", opties.casussen),
        "cli schakel-vul",
        "schakel-vul",
    ))
    .await?;
    winkel.sluit().await;

    let nu = audit::nu();
    let mut generator = Generator {
        rng: Rng(opties.zaad),
        bsn: BsnTeller(BsnTeller::BEGIN),
        volgende_jeugdige: 1,
        nu,
        vandaag: nu.date_naive(),
    };
    let balk = ProgressBar::new(u64::from(opties.casussen));
    balk.set_style(
        ProgressStyle::with_template(
            "{elapsed_precise} [{wide_bar}] {human_pos}/{human_len} casussen ({per_sec}, nog {eta})",
        )?
        .progress_chars("=> "),
    );
    let mut tellers = [0usize; 6];
    let mut van = 0;
    while van < opties.casussen {
        let tot = (van + PER_TRANSACTIE).min(opties.casussen);
        let p = generator.partij(&directory, van, tot)?;
        doel.schrijf(&p).await?;
        for (t, n) in tellers.iter_mut().zip([
            p.huishoudens.len(),
            p.vertegenwoordigers.len(),
            p.jeugdigen.len(),
            p.casussen.len(),
            p.partijen.len(),
            p.hulpvragen.len(),
        ]) {
            *t += n;
        }
        balk.inc(u64::from(tot - van));
        van = tot;
    }
    balk.finish_and_clear();
    let geladen = begin.elapsed();
    eprintln!("schakel-vul: toegang herberekenen …");
    let winkel = Winkel::open(&opties.database_url).await?;
    winkel.opslag().herbereken_toegang().await?;
    winkel.sluit().await;
    eprintln!("schakel-vul: afronden (statistieken, checkpoint) …");
    doel.afronden().await?;

    let gemeten = directory.wijkteams[0];
    let open = doel
        .tel(
            "SELECT count(*) FROM casus WHERE wijkteam = ? AND open = TRUE",
            gemeten,
        )
        .await?;
    let jeugdigen = doel
        .tel(
            "SELECT count(*) FROM jeugdige j WHERE j.huishouden IN \
             (SELECT huishouden FROM casus WHERE wijkteam = ? AND open = TRUE)",
            gemeten,
        )
        .await?;
    doel.sluit().await?;

    println!(
        "schakel-vul: {} huishoudens, {} vertegenwoordigers, {} jeugdigen, {} casussen, \
         {} casuspartijen, {} hulpvragen in {:.1} s (laden {:.1} s)",
        tellers[0],
        tellers[1],
        tellers[2],
        tellers[3],
        tellers[4],
        tellers[5],
        begin.elapsed().as_secs_f64(),
        geladen.as_secs_f64(),
    );
    println!(
        "gemeten wijkteam: organisatie {gemeten} met {open} open casussen en {jeugdigen} jeugdigen \
         (de lijst van de casusregisseur)"
    );
    println!("BSN's: synthetisch (11-proef, vanaf 100000000, géén testreeks) — niet verspreiden.");
    println!("accounts (wachtwoord: --wachtwoord):");
    for a in &accounts {
        println!(
            "  {:<44} {:<20} organisatie {} ({})",
            a.email,
            a.rol.naam(),
            a.organisatie,
            a.organisatie_naam
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use schakel_domain::Bsn;

    #[test]
    fn gegenereerde_bsns_halen_de_elfproef_en_liggen_buiten_de_testreeks() {
        let mut t = BsnTeller(BsnTeller::BEGIN);
        let mut vorige = String::new();
        for _ in 0..10_000 {
            let s = t.volgende().expect("bsn");
            let b = Bsn::parse(&s).expect("11-proef");
            assert!(!b.is_test_bsn());
            assert!(s > vorige, "oplopend, dus uniek");
            vorige = s;
        }
        // And the filter is exactly the domain's 11-proef.
        for n in 100_000_000..100_020_000 {
            assert_eq!(elfproef(n), Bsn::parse(&format!("{n:09}")).is_ok(), "{n}");
        }
    }

    #[test]
    fn gegenereerde_waarden_zijn_geldig() {
        let mut g = Generator {
            rng: Rng(1),
            bsn: BsnTeller(BsnTeller::BEGIN),
            volgende_jeugdige: 1,
            nu: audit::nu(),
            vandaag: audit::nu().date_naive(),
        };
        let d = Directory {
            wijkteams: vec![1, 2],
            scholen: vec![3],
            aanbieders: vec![4],
            jgz: 5,
        };
        let p = g.partij(&d, 0, 500).expect("partij");
        assert_eq!(p.casussen.len(), 500);
        assert!(p.jeugdigen.len() >= 500);
        for j in &p.jeugdigen {
            Postcode::parse(&j.postcode).expect("postcode");
            schakel_domain::Huisnummer::new(j.huisnummer as u32).expect("huisnummer");
            assert!(j.toevoeging.is_none_or(|t| t.len() <= 4));
            assert!(j.geboortedatum < g.vandaag);
        }
        for i in 0..100 {
            brin(i).expect("brin");
        }
    }
}
