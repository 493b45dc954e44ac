//! PostgreSQL backend tests. Each test gets its own fresh database on the
//! server named by `SCHAKEL_TEST_PG_URL` (scripts/test starts a throwaway
//! one with scripts/pg). Without that variable the tests are skipped with a
//! notice — except in CI (`CI` set), where they fail: CI never silently
//! skips them.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::NaiveDate;
use schakel_domain::{Bsn, Huisnummer, OrganisatieSoort, Postcode, Rol};
use schakel_storage::audit::{self, Actie, Breuk, Uitkomst, Verificatie};
use schakel_storage::testsuite;
use schakel_storage::*;
use schakel_storage_postgres::PgOpslag;
use sqlx::Connection;

// --- a fresh database per test ---------------------------------------------------

/// A database made for one test; [`TestDb::weg`] drops it.
struct TestDb {
    basis: String,
    naam: String,
    url: String,
}

fn basis_url() -> Option<String> {
    match std::env::var("SCHAKEL_TEST_PG_URL") {
        Ok(u) if !u.trim().is_empty() => Some(u),
        _ if std::env::var_os("CI").is_some() => panic!(
            "SCHAKEL_TEST_PG_URL is not set, and CI is: the PostgreSQL tests must run in CI \
             (scripts/test starts a throwaway server with scripts/pg)"
        ),
        _ => {
            // Straight to stderr, past the test harness's capture, once.
            static MELDING: std::sync::Once = std::sync::Once::new();
            MELDING.call_once(|| {
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "\nOVERGESLAGEN: SCHAKEL_TEST_PG_URL is not set, so the PostgreSQL tests \
                     do not run. Run scripts/test, or: eval \"$(scripts/pg start)\" and cargo \
                     test again.\n"
                );
            });
            None
        }
    }
}

static TELLER: AtomicU32 = AtomicU32::new(0);

impl TestDb {
    async fn nieuw() -> Option<Self> {
        let basis = basis_url()?;
        let naam = format!(
            "schakel_t_{}_{}_{}",
            std::process::id(),
            TELLER.fetch_add(1, Ordering::SeqCst),
            chrono::Utc::now().timestamp_micros() % 1_000_000_000
        );
        let mut c = sqlx::PgConnection::connect(&basis)
            .await
            .expect("connect to SCHAKEL_TEST_PG_URL");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {naam}")))
            .execute(&mut c)
            .await
            .expect("create database");
        c.close().await.ok();
        let url = met_database(&basis, &naam);
        Some(Self { basis, naam, url })
    }

    async fn opslag(&self) -> PgOpslag {
        PgOpslag::connect_met(&self.url, 8)
            .await
            .expect("connect and migrate")
    }

    async fn weg(self) {
        if let Ok(mut c) = sqlx::PgConnection::connect(&self.basis).await {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.naam
            )))
            .execute(&mut c)
            .await;
        }
    }
}

/// The same server URL with another database.
fn met_database(basis: &str, naam: &str) -> String {
    let mut u = url::Url::parse(basis).expect("SCHAKEL_TEST_PG_URL is a URL");
    u.set_path(&format!("/{naam}"));
    let paren: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| k != "dbname")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if paren.is_empty() {
        u.set_query(None);
    } else {
        u.query_pairs_mut().clear().extend_pairs(paren);
    }
    u.to_string()
}

// --- fixtures ----------------------------------------------------------------------

fn audit(gebeurtenis: &str, actie: Actie) -> NieuwAuditRecord {
    NieuwAuditRecord {
        gebeurtenis: gebeurtenis.into(),
        actie,
        tijdstip: chrono::Utc::now(), // nanoseconds: stored at microseconds
        gebruiker: Some(1),
        rol: Some(Rol::Zorgcoordinator),
        organisatie: Some(1),
        namens: None,
        client_type: Some("bsn-pseudoniem".into()),
        client: Some("pseudo-1".into()),
        object_type: "jeugdige".into(),
        object_id: None,
        uitkomst: Uitkomst::Toegestaan,
        grond: Some("open_hulpvraag".into()),
        bron: "test 127.0.0.1".into(),
        systeem: "schakel-test".into(),
    }
}

/// A household with one jeugdige (two audit records).
struct Wereld {
    huishouden: Huishouden,
    jeugdige: Jeugdige,
}

fn gegevens(school: Option<Id>) -> JeugdigeWijziging {
    JeugdigeWijziging {
        voornaam: "Sam".into(),
        achternaam: "Jansen".into(),
        postcode: Postcode::parse("1315 ab").expect("valid"),
        huisnummer: Huisnummer::new(12).expect("valid"),
        toevoeging: Some("A".into()),
        school,
    }
}

async fn wereld(o: &PgOpslag) -> Wereld {
    let regio = o
        .maak_regio(&NieuweRegio {
            code: "almere".into(),
            naam: "Almere".into(),
        })
        .await
        .expect("regio");
    let school = o
        .maak_organisatie(&NieuweOrganisatie {
            regio: regio.id,
            naam: "De Watertuin".into(),
            soort: OrganisatieSoort::School,
            gemeente: Some(schakel_domain::GemeenteCode::parse("GM0034").expect("valid")),
            brin: Some(schakel_domain::Brin::parse("02qz00").expect("valid")),
            agb: None,
        })
        .await
        .expect("school");
    let huishouden = o
        .maak_huishouden(
            &NieuwHuishouden {
                vertegenwoordigers: vec![
                    Vertegenwoordiger {
                        naam: "Ouder Een".into(),
                        relatie: "ouder".into(),
                    },
                    Vertegenwoordiger {
                        naam: "Ouder Twee".into(),
                        relatie: "voogd".into(),
                    },
                ],
                aangemaakt_door: None,
            },
            &audit("huishouden.aanmaken", Actie::Aanmaken),
        )
        .await
        .expect("huishouden");
    let jeugdige = o
        .maak_jeugdige(
            &NieuweJeugdige {
                huishouden: huishouden.id,
                bsn: Bsn::parse("999900006").expect("valid"),
                geboortedatum: NaiveDate::from_ymd_opt(2016, 5, 12).expect("valid"),
                gegevens: gegevens(Some(school.id)),
            },
            &audit("jeugdige.aanmaken", Actie::Aanmaken),
        )
        .await
        .expect("jeugdige");
    Wereld {
        huishouden,
        jeugdige,
    }
}

async fn verifieer(o: &PgOpslag) -> Result<i64, Breuk> {
    let mut v = Verificatie::default();
    let mut vanaf = 1;
    loop {
        let pagina = o.audit_records(vanaf, 50).await.expect("audit records");
        let Some(laatste) = pagina.last() else { break };
        vanaf = laatste.volgnummer + 1;
        for r in &pagina {
            v.controleer(r)?;
        }
    }
    v.sluit_af(o.audit_kop().await.expect("kop"))
}

macro_rules! met_db {
    ($db:ident, $o:ident) => {
        let Some($db) = TestDb::nieuw().await else {
            return;
        };
        let $o = $db.opslag().await;
    };
}

// --- tests --------------------------------------------------------------------------

/// The behaviour every backend shares (schakel_storage::testsuite), on a
/// fresh database, then concurrent appends from several tasks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gedeelde_testsuite() {
    met_db!(db, o);
    testsuite::alles(&o).await;
    testsuite::gelijktijdig(Arc::new(o.clone())).await;
    testsuite::batches_tegelijk(Arc::new(o.clone()), 200, 20).await;
    o.sluit().await;
    db.weg().await;
}

#[tokio::test]
async fn migraties_zijn_herhaalbaar_en_de_keten_begint_leeg() {
    met_db!(db, o);
    assert_eq!(o.backend(), "postgres");
    // A second connect finds the schema in place.
    let o2 = db.opslag().await;
    assert_eq!(o2.audit_kop().await.expect("kop"), None);
    assert!(o2.audit_records(1, 10).await.expect("records").is_empty());
    assert_eq!(verifieer(&o2).await, Ok(0));
    o.sluit().await;
    o2.sluit().await;
    db.weg().await;
}

#[tokio::test]
async fn auditlog_is_alleen_toevoegen_en_manipulatie_valt_op() {
    met_db!(db, o);
    let mut r = audit("jeugdige.lezen", Actie::Lezen);
    r.tijdstip = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:15:00.123456789Z")
        .expect("valid")
        .to_utc();
    let opgeslagen = o.schrijf_audit(&r).await.expect("schrijven");
    assert_eq!(opgeslagen.volgnummer, 1);
    assert_eq!(opgeslagen.vorige_hash, audit::BEGIN_HASH);
    assert_eq!(
        opgeslagen.record.tijdstip_tekst(),
        "2026-11-23T09:15:00.123456Z"
    );
    let gelezen = o.audit_records(1, 10).await.expect("lezen");
    assert_eq!(gelezen, vec![opgeslagen.clone()], "exact round trip");
    let mut ander = audit("jeugdige.lezen", Actie::Lezen);
    ander.client = Some("pseudo-2".into());
    ander.rol = None;
    ander.gebruiker = None;
    ander.uitkomst = Uitkomst::Geweigerd;
    o.schrijf_audit(&ander).await.expect("schrijven");
    o.schrijf_audit(&r).await.expect("schrijven");
    assert_eq!(o.audit_kop().await.expect("kop").map(|(n, _)| n), Some(3));
    let pakken: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_pak")
        .fetch_one(o.pool())
        .await
        .expect("pakken");
    assert!(pakken > 0, "the sequencer wrote its batches as batches");
    let inzage = o.audit_voor_client("pseudo-1").await.expect("inzage");
    assert_eq!(
        inzage.iter().map(|r| r.volgnummer).collect::<Vec<_>>(),
        vec![1, 3]
    );
    assert_eq!(o.audit_records(2, 1).await.expect("lezen").len(), 1);
    assert_eq!(verifieer(&o).await, Ok(3));

    let tekst: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_pak WHERE records <> '' OR records_lz4 IS NULL",
    )
    .fetch_one(o.pool())
    .await
    .expect("pakken");
    assert_eq!(tekst, 0, "the store writes its batches compressed");

    // The application cannot change or remove a record, in whichever form
    // it is stored (a row, or an element of a sequencer's batch)…
    let bron = |b: &str| Knoei::Bron(b.to_string());
    for (volgnummer, poging) in [(2, bron("x")), (3, Knoei::Verwijder)] {
        let uit = knoei(&o, volgnummer, &poging).await;
        assert!(uit.iter().any(Result::is_err), "geweigerd: {uit:?}");
        assert!(!uit.iter().any(|u| matches!(u, Ok(n) if *n > 0)), "{uit:?}");
    }
    // …and someone who switches the guard off is caught by the chain.
    for tabel in ["audit", "audit_pak"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "ALTER TABLE {tabel} DISABLE TRIGGER USER"
        )))
        .execute(o.pool())
        .await
        .expect("disable");
    }
    assert_eq!(geraakt(&knoei(&o, 2, &bron("vervalst")).await), 1);
    assert_eq!(verifieer(&o).await, Err(Breuk::Gewijzigd { volgnummer: 2 }));
    assert_eq!(geraakt(&knoei(&o, 2, &bron(&ander.bron)).await), 1);
    assert_eq!(verifieer(&o).await, Ok(3));
    assert_eq!(geraakt(&knoei(&o, 3, &Knoei::Verwijder).await), 1);
    assert_eq!(
        verifieer(&o).await,
        Err(Breuk::StaartOntbreekt { kop: 3, laatste: 2 })
    );
    o.sluit().await;
    db.weg().await;
}

/// Two instances on one database (two stores, two sequencers) appending
/// in turn: each batch finds the head moved by the other, hashes itself
/// again onto it and is still stored as one compressed batch; only each
/// store's first batch, which knows no head yet, goes the long way as rows.
#[tokio::test]
async fn twee_instanties_om_de_beurt_schrijven_batches() {
    met_db!(db, a);
    let b = db.opslag().await;
    testsuite::om_de_beurt(&a, &b, async || {
        sqlx::query_as(testsuite::RIJEN_EN_BATCHES)
            .fetch_one(a.pool())
            .await
            .expect("count")
    })
    .await;
    b.sluit().await;
    a.sluit().await;
    db.weg().await;
}

/// What someone with write access does to one record.
enum Knoei {
    /// Sets its `bron`.
    Bron(String),
    Verwijder,
}

/// Does `hoe` to record `volgnummer` in every form it can be stored in: its
/// row, and its element in a sequencer's batch (unpacked, changed, and
/// written back compressed as the store writes it). Gives the rows each
/// statement changed, or its error.
async fn knoei(
    o: &schakel_storage_postgres::PgOpslag,
    volgnummer: i64,
    hoe: &Knoei,
) -> Vec<Result<u64, sqlx::Error>> {
    let rij = match hoe {
        Knoei::Bron(b) => format!("UPDATE audit SET bron = '{b}' WHERE volgnummer = {volgnummer}"),
        Knoei::Verwijder => format!("DELETE FROM audit WHERE volgnummer = {volgnummer}"),
    };
    let mut uit = vec![
        sqlx::query(sqlx::AssertSqlSafe(rij))
            .execute(o.pool())
            .await
            .map(|r| r.rows_affected()),
    ];
    let pak: Option<(i64, String, Option<Vec<u8>>)> = sqlx::query_as(
        "SELECT eerste, records, records_lz4 FROM audit_pak WHERE eerste <= $1 AND laatste >= $1",
    )
    .bind(volgnummer)
    .fetch_optional(o.pool())
    .await
    .expect("the batch");
    if let Some((eerste, records, lz4)) = pak {
        let json = schakel_storage::pak::pak_json((records, lz4)).expect("the batch's JSON");
        let mut rijen: Vec<serde_json::Value> = serde_json::from_str(&json).expect("JSON");
        let i = usize::try_from(volgnummer - eerste).expect("inside the batch");
        match hoe {
            // Each record an array in the columns' order of `audit`.
            Knoei::Bron(b) => rijen[i][14] = b.as_str().into(),
            Knoei::Verwijder => drop(rijen.remove(i)),
        }
        let json = serde_json::to_string(&rijen).expect("JSON");
        uit.push(
            sqlx::query("UPDATE audit_pak SET records = '', records_lz4 = $1 WHERE eerste = $2")
                .bind(schakel_storage::pak::pak_lz4(&json))
                .bind(eerste)
                .execute(o.pool())
                .await
                .map(|r| r.rows_affected()),
        );
    }
    uit
}

/// The rows changed over all forms; panics on an error.
fn geraakt(uit: &[Result<u64, sqlx::Error>]) -> u64 {
    uit.iter().map(|u| *u.as_ref().expect("knoeien")).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn gelijktijdige_schrijvers_splitsen_de_keten_niet() {
    met_db!(db, o);
    let w = wereld(&o).await;
    let o = Arc::new(o);
    let mut taken = Vec::new();
    for t in 0..8 {
        let o = Arc::clone(&o);
        let j = w.jeugdige.id;
        taken.push(tokio::spawn(async move {
            let mut gelukt = 0;
            for i in 0..15 {
                if i % 3 == 0 {
                    // Concurrent changes: exactly one per version wins.
                    let huidig = o.jeugdige(j).await.expect("lezen").expect("er");
                    let mut g = huidig.gegevens.clone();
                    g.voornaam = format!("T{t}-{i}");
                    match o
                        .wijzig_jeugdige(
                            j,
                            huidig.versie,
                            &g,
                            &audit("jeugdige.wijzigen", Actie::Wijzigen),
                        )
                        .await
                    {
                        Ok(_) => gelukt += 1,
                        Err(OpslagFout::VersieConflict { .. }) => {}
                        Err(e) => panic!("{e}"),
                    }
                } else {
                    o.schrijf_audit(&audit("jeugdige.lezen", Actie::Lezen))
                        .await
                        .expect("schrijven");
                    gelukt += 1;
                }
            }
            gelukt
        }));
    }
    let mut totaal = 0;
    for t in taken {
        totaal += t.await.expect("taak");
    }
    let j = o.jeugdige(w.jeugdige.id).await.expect("lezen").expect("er");
    let wijzigingen = j.versie - 1;
    // 2 records from the set-up, one per successful write.
    assert_eq!(verifieer(&o).await, Ok(2 + totaal));
    assert!(wijzigingen >= 1);
    assert_eq!(
        o.audit_records(1, 1000)
            .await
            .expect("lezen")
            .iter()
            .filter(|r| r.record.actie == Actie::Wijzigen)
            .count() as i64,
        wijzigingen
    );
    o.sluit().await;
    db.weg().await;
}

#[tokio::test]
async fn backup_en_herstel() {
    met_db!(db, o);
    let w = wereld(&o).await;
    o.schrijf_audit(&audit("jeugdige.lezen", Actie::Lezen))
        .await
        .expect("schrijven");
    let map = tempfile::tempdir().expect("tempdir");
    let doel = map.path().join("schakel.dump");
    let t0 = std::time::Instant::now();
    o.backup(&doel).await.expect("backup");
    eprintln!("pg_dump: {:?}", t0.elapsed());
    assert!(std::fs::metadata(&doel).expect("dump").len() > 0);
    // Never overwritten; no partial files left beside it.
    assert!(matches!(
        o.backup(&doel).await,
        Err(OpslagFout::BestaatAl(_))
    ));
    assert_eq!(std::fs::read_dir(map.path()).expect("map").count(), 1);

    // Restore into a new database, as the doc comment of backup says.
    let Some(hersteld) = TestDb::nieuw().await else {
        return;
    };
    let (url, wachtwoord) = {
        let mut u = url::Url::parse(&hersteld.url).expect("url");
        let w = u.password().map(str::to_string);
        let _ = u.set_password(None);
        (u.to_string(), w)
    };
    let pg_restore = std::fs::read_dir("/usr/lib/postgresql")
        .ok()
        .and_then(|d| {
            d.flatten()
                .filter_map(|e| Some((e.file_name().to_str()?.parse::<u32>().ok()?, e.path())))
                .max_by_key(|(v, _)| *v)
        })
        .map(|(_, p)| p.join("bin/pg_restore"))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| "pg_restore".into());
    let mut opdracht = std::process::Command::new(pg_restore);
    opdracht
        .args(["--exit-on-error", "--single-transaction", "--no-owner"])
        .arg(format!("--dbname={url}"))
        .arg(&doel);
    if let Some(w) = wachtwoord {
        opdracht.env("PGPASSWORD", w);
    }
    let uit = opdracht.output().expect("pg_restore");
    assert!(
        uit.status.success(),
        "pg_restore: {}",
        String::from_utf8_lossy(&uit.stderr)
    );
    let h = hersteld.opslag().await;
    assert_eq!(
        h.jeugdige(w.jeugdige.id).await.expect("lezen"),
        Some(w.jeugdige.clone())
    );
    assert_eq!(
        h.huishouden(w.huishouden.id).await.expect("lezen"),
        o.huishouden(w.huishouden.id).await.expect("lezen")
    );
    assert_eq!(
        h.organisaties(Pagina::new(1, 100)).await.expect("lijst"),
        o.organisaties(Pagina::new(1, 100)).await.expect("lijst")
    );
    assert_eq!(verifieer(&h).await, Ok(3));
    assert_eq!(
        h.audit_kop().await.expect("kop"),
        o.audit_kop().await.expect("kop")
    );
    // The restored database works on: new ids and the chain continue.
    let nieuw = h
        .schrijf_audit(&audit("jeugdige.lezen", Actie::Lezen))
        .await
        .expect("schrijven");
    assert_eq!(nieuw.volgnummer, 4);
    let regio = h
        .maak_regio(&NieuweRegio {
            code: "zeewolde".into(),
            naam: "Zeewolde".into(),
        })
        .await
        .expect("regio");
    assert!(regio.id > 1);
    assert_eq!(verifieer(&h).await, Ok(4));
    h.sluit().await;
    o.sluit().await;
    hersteld.weg().await;
    db.weg().await;
}

/// Two instances on one database (issue 15.3): two stores, each with its
/// own pool and sequencer, append batches at the same time. Every record
/// gets exactly one volgnummer (no gap, no double), the chain verifies, and
/// checkpoints signed by both (same key) describe one log.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twee_instanties_schrijven_een_log() {
    use schakel_storage::checkpoint;
    met_db!(db, o);
    let tweede = db.opslag().await;
    let sleutel = ed25519_dalek::SigningKey::from_bytes(&[5; 32]);
    let mut taken = Vec::new();
    for (instantie, opslag) in [o.clone(), tweede.clone()].into_iter().enumerate() {
        for t in 0..20 {
            let opslag = opslag.clone();
            let sleutel = sleutel.clone();
            taken.push(tokio::spawn(async move {
                let records: Vec<NieuwAuditRecord> = (0..25)
                    .map(|_| audit(&format!("test.instantie.{instantie}.{t}"), Actie::Lezen))
                    .collect();
                let terug = opslag
                    .schrijf_audits(records)
                    .await
                    .expect("schrijf_audits");
                // Now and then an instance signs what is there.
                if t % 5 == 0
                    && let Some(c) = checkpoint::volgende(&opslag, &sleutel)
                        .await
                        .expect("checkpoint")
                {
                    opslag.schrijf_checkpoint(&c).await.expect("opslaan");
                }
                terug.iter().map(|r| r.volgnummer).collect::<Vec<_>>()
            }));
        }
    }
    let mut nummers = Vec::new();
    for t in taken {
        nummers.extend(t.await.expect("taak"));
    }
    nummers.sort_unstable();
    assert_eq!(nummers, (1..=2 * 20 * 25).collect::<Vec<i64>>());
    let uitslag = checkpoint::controleer_log(
        &o,
        Some(&sleutel.verifying_key()),
        vec![],
        checkpoint::Vanaf::Begin,
    )
    .await
    .expect("één log, alle checkpoints kloppen");
    assert_eq!(uitslag.records, 1000);
    assert!(uitslag.checkpoints_database >= 1);
    tweede.sluit().await;
    o.sluit().await;
    db.weg().await;
}

/// Migration 0041 (the national role `landelijk`) on a database in use:
/// every existing role, toegang included, its session and its API token
/// stay valid; the new role can be given afterwards and an unknown one is
/// still refused.
#[tokio::test]
async fn landelijk_migratie_behoudt_rollen_sessies_en_tokens() {
    use schakel_storage::Roltoewijzing;
    let Some(db) = TestDb::nieuw().await else {
        return;
    };
    let pool = sqlx::PgPool::connect(&db.url).await.expect("pool");
    schakel_storage_postgres::MIGRATIES
        .run_to(40, &pool)
        .await
        .expect("migraties tot en met 0040");
    for sql in [
        "INSERT INTO regio (id, code, naam) VALUES (1, 'almere', 'Almere')",
        "INSERT INTO organisatie (id, regio, naam, soort) VALUES (1, 1, 'Gemeente', 'gemeente')",
        "INSERT INTO medewerker (id, naam, email, wachtwoord_hash) VALUES (1, 'A', 'a@gemeente.test', 'h')",
        "INSERT INTO roltoewijzing (medewerker, rol, organisatie) VALUES (1, 'toegang', 1)",
        "INSERT INTO roltoewijzing (medewerker, rol, organisatie) VALUES (1, 'beleid', 1)",
        "INSERT INTO sessie (token_hash, medewerker, rol, organisatie, csrf_token, aangemaakt, \
         laatst_actief, verloopt) VALUES ('sessie-1', 1, 'toegang', 1, 'c', now(), now(), \
         now() + interval '1 day')",
        "INSERT INTO api_token (token_hash, medewerker, rol, organisatie, naam, aangemaakt, verloopt) \
         VALUES ('token-1', 1, 'beleid', 1, 'koppeling', now(), now() + interval '1 day')",
    ] {
        sqlx::query(sql).execute(&pool).await.expect(sql);
    }
    pool.close().await;
    let o = db.opslag().await;
    let rol = |rol| Roltoewijzing {
        rol,
        organisatie: 1,
    };
    let m = o.medewerker(1).await.expect("lees").expect("medewerker");
    assert_eq!(m.rollen.len(), 2, "{:?}", m.rollen);
    assert!(m.rollen.contains(&rol(Rol::Toegang)) && m.rollen.contains(&rol(Rol::Beleid)));
    assert!(o.sessie("sessie-1").await.expect("sessie").is_some());
    assert!(o.api_token("token-1").await.expect("token").is_some());
    let nieuw = [rol(Rol::Toegang), rol(Rol::Beleid), rol(Rol::Landelijk)];
    let m = o
        .zet_rollen(
            1,
            &nieuw,
            &testsuite::record("account.rollen", Actie::Wijzigen, "medewerker", None, None),
        )
        .await
        .expect("zet_rollen");
    assert_eq!(m.rollen.len(), 3);
    assert!(o.sessie("sessie-1").await.expect("sessie").is_some());
    let pool = sqlx::PgPool::connect(&db.url).await.expect("pool");
    let fout = sqlx::query(
        "INSERT INTO roltoewijzing (medewerker, rol, organisatie) VALUES (1, 'baas', 1)",
    )
    .execute(&pool)
    .await;
    assert!(fout.is_err(), "an unknown role is refused");
    pool.close().await;
    o.sluit().await;
    db.weg().await;
}

/// A client that hangs up while its request's transaction begins drops that
/// future between sending `BEGIN` and reading its answer. The pooled
/// connection must not stay inside that transaction: the next borrower would
/// run in it (a stale, read-only snapshot; statements that are never
/// committed). sqlx 0.9.0 left it open (transact-rs/sqlx#4393, fixed in
/// 0.9.1). `testsuite::breek_lezingen_af` cancels 2,000 reads spread over
/// that round trip (on sqlx 0.9.0 this failed in 10 runs of 10); one
/// connection in the pool, so each check runs on the connection the
/// cancelled read used.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn een_afgebroken_begin_laat_de_verbinding_niet_in_een_transactie() {
    let Some(db) = TestDb::nieuw().await else {
        return;
    };
    let o = PgOpslag::connect_met(&db.url, 1)
        .await
        .expect("connect and migrate");
    testsuite::breek_lezingen_af(&o, async |poging| {
        // A read runs in `BEGIN … READ ONLY`; outside it nothing is.
        let in_transactie: bool =
            sqlx::query_scalar("SELECT current_setting('transaction_read_only') = 'on'")
                .fetch_one(o.pool())
                .await
                .expect("controle");
        assert!(
            !in_transactie,
            "poging {poging}: de verbinding bleef in de transactie van een afgebroken lezing"
        );
    })
    .await;
    o.sluit().await;
    db.weg().await;
}
