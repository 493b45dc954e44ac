//! The records every operation reads and writes: row readers, the reads of
//! one record on a connection, a case's parties, the kept access facts and
//! the audit chain's append.

use chrono::{DateTime, Utc};
use schakel_domain::toegang::Relaties;
use schakel_domain::{
    Agb, Brin, Bsn, GemeenteCode, Huisnummer, OrganisatieSoort, Postcode, Triage,
};
use schakel_storage::audit::{Actie, BEGIN_HASH, Uitkomst, bereken_hash};
use schakel_storage::{
    AuditRecord, AuditSchakel, Huishouden, Hulpvraag, Id, Jeugdige, JeugdigeWijziging, Medewerker,
    NieuwAuditRecord, NieuweCasus, OpslagFout, Organisatie, Resultaat, Roltoewijzing,
    Vertegenwoordiger,
};
use serde::de::IgnoredAny;

use crate::motor::{
    JSON_LIJST, JSON_RIJ, ROL_VOLGORDE, Rij, UITVOER, VOOR_WIJZIGING, Verbinding, boolean, datum,
    datum_optie, fout, kol, schrijf_audits, tijd, tijd_db, tijd_optie,
};
use crate::sql::basis::{ORGANISATIE_BESTAAT, eis};
use crate::sql::rij::{geparst, ongeldig, optie_geparst, rol_uit};

pub(crate) fn organisatie_uit(r: &Rij) -> Resultaat<Organisatie> {
    Ok(Organisatie {
        id: kol(r, "id")?,
        regio: kol(r, "regio")?,
        naam: kol(r, "naam")?,
        soort: geparst(r, "soort", |s| OrganisatieSoort::parse(s).ok_or(()))?,
        gemeente: optie_geparst(r, "gemeente", GemeenteCode::parse)?,
        brin: optie_geparst(r, "brin", Brin::parse)?,
        agb: optie_geparst(r, "agb", Agb::parse)?,
    })
}

pub(crate) const JEUGDIGE_KOLOMMEN: &str = "id, huishouden, bsn, geboortedatum, voornaam, \
     achternaam, postcode, huisnummer, toevoeging, school, versie, gewijzigd, bewaren_tot";

pub(crate) fn jeugdige_uit(r: &Rij) -> Resultaat<Jeugdige> {
    let huisnummer: i32 = kol(r, "huisnummer")?;
    Ok(Jeugdige {
        id: kol(r, "id")?,
        huishouden: kol(r, "huishouden")?,
        bsn: geparst(r, "bsn", Bsn::parse)?,
        geboortedatum: datum(r, "geboortedatum")?,
        gegevens: JeugdigeWijziging {
            voornaam: kol(r, "voornaam")?,
            achternaam: kol(r, "achternaam")?,
            postcode: geparst(r, "postcode", Postcode::parse)?,
            huisnummer: u32::try_from(huisnummer)
                .ok()
                .and_then(|n| Huisnummer::new(n).ok())
                .ok_or_else(|| ongeldig("huisnummer"))?,
            toevoeging: kol(r, "toevoeging")?,
            school: kol(r, "school")?,
        },
        versie: kol(r, "versie")?,
        gewijzigd: tijd(r, "gewijzigd")?,
        bewaren_tot: datum(r, "bewaren_tot")?,
    })
}

pub(crate) fn huisnummer_db(h: Huisnummer) -> i32 {
    // 1..=99999 always fits.
    i32::try_from(h.waarde()).unwrap_or(i32::MAX)
}

pub(crate) async fn lees_jeugdige(c: &mut Verbinding, id: Id) -> Resultaat<Option<Jeugdige>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {JEUGDIGE_KOLOMMEN} FROM jeugdige WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?
    .as_ref()
    .map(jeugdige_uit)
    .transpose()
}

pub(crate) const AUDIT_KOLOMMEN: &str = "volgnummer, gebeurtenis, actie, tijdstip, gebruiker, \
     rol, organisatie, namens, client_type, client, object_type, object_id, uitkomst, grond, \
     bron, systeem, vorige_hash, hash";

/// The audit timestamp is TEXT on both engines, exactly as hashed.
fn tijdstip_uit(s: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc))
}

/// The audit records that `waar` selects (a `WHERE … ORDER BY … LIMIT`
/// over `audit`), oldest first, read as one JSON array the engine builds
/// (`JSON_LIJST` of `JSON_RIJ` per record, in the order of
/// [`AUDIT_KOLOMMEN`]): one value per query instead of 18 per record. Row by
/// row, decoding was most of `audit verify`'s time (every value copied and
/// allocated on the engine's side, then again on ours).
pub(crate) fn audit_als_json(waar: &str) -> String {
    format!(
        "SELECT CAST({JSON_LIJST}({JSON_RIJ}({AUDIT_KOLOMMEN}) ORDER BY volgnummer) AS TEXT) \
         FROM (SELECT {AUDIT_KOLOMMEN} FROM audit {waar}) a"
    )
}

/// One audit record as a JSON array, in the order of [`AUDIT_KOLOMMEN`]
/// (borrowed: serialised without copying the record's text).
#[derive(serde::Serialize)]
pub(crate) struct AuditRij<'a>(
    i64,
    &'a str,
    &'static str,
    String,
    Option<Id>,
    Option<&'static str>,
    Option<Id>,
    Option<Id>,
    &'a Option<String>,
    &'a Option<String>,
    &'a str,
    Option<Id>,
    &'static str,
    &'a Option<String>,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
);

impl<'a> AuditRij<'a> {
    pub(crate) fn van(a: &'a schakel_storage::AuditRecord) -> Self {
        let r = &a.record;
        Self(
            a.volgnummer,
            &r.gebeurtenis,
            r.actie.code(),
            r.tijdstip_tekst(),
            r.gebruiker,
            r.rol.map(schakel_domain::Rol::naam),
            r.organisatie,
            r.namens,
            &r.client_type,
            &r.client,
            &r.object_type,
            r.object_id,
            r.uitkomst.naam(),
            &r.grond,
            &r.bron,
            &r.systeem,
            &a.vorige_hash,
            &a.hash,
        )
    }
}

/// Records as the JSON array [`audits_uit_json`] reads: one array per
/// record in the order of [`AUDIT_KOLOMMEN`]. What SQLite's batch INSERT
/// unfolds, and what `audit_pak` stores per batch on both engines.
pub(crate) fn audit_als_json_tekst(opgeslagen: &[AuditRecord]) -> Resultaat<String> {
    let rijen: Vec<AuditRij<'_>> = opgeslagen.iter().map(AuditRij::van).collect();
    // Sized for a record of ~350 bytes: a batch of a few hundred records
    // (~100 KB) written without growing and copying the buffer on the way.
    let mut tekst = Vec::with_capacity(opgeslagen.len() * 400);
    serde_json::to_writer(&mut tekst, &rijen).map_err(|e| OpslagFout::Database(e.to_string()))?;
    String::from_utf8(tekst).map_err(|e| OpslagFout::Database(e.to_string()))
}

/// The jeugdigen a batch is about, each once: the rows of
/// `audit_pak_client` that lead an inzage to the batch.
pub(crate) fn pak_clients(opgeslagen: &[AuditRecord]) -> Vec<&str> {
    let mut clients: Vec<&str> = opgeslagen
        .iter()
        .filter_map(|a| a.record.client.as_deref())
        .collect();
    clients.sort_unstable();
    clients.dedup();
    clients
}

/// One element of [`audit_als_json`]'s array (serde reads a struct from a
/// JSON array field by field, in this order).
#[derive(serde::Deserialize)]
struct AuditJson {
    volgnummer: i64,
    gebeurtenis: String,
    actie: String,
    tijdstip: String,
    gebruiker: Option<Id>,
    rol: Option<String>,
    organisatie: Option<Id>,
    namens: Option<Id>,
    client_type: Option<String>,
    client: Option<String>,
    object_type: String,
    object_id: Option<Id>,
    uitkomst: String,
    grond: Option<String>,
    bron: String,
    systeem: String,
    vorige_hash: String,
    hash: String,
}

/// The records of an [`audit_als_json`] answer (none: `NULL` or `[]`).
pub(crate) fn audits_uit_json(tekst: Option<String>) -> Resultaat<Vec<AuditRecord>> {
    tekst.map_or(Ok(Vec::new()), |t| audits_uit_tekst(&t))
}

/// The records of an array as [`audit_als_json_tekst`] writes it.
pub(crate) fn audits_uit_tekst(tekst: &str) -> Resultaat<Vec<AuditRecord>> {
    let rijen: Vec<AuditJson> = serde_json::from_str(tekst).map_err(|_| ongeldig("audit"))?;
    rijen.into_iter().map(audit_uit).collect()
}

/// One element of an [`audit_als_json_tekst`] array read for its link
/// only: the volgnummer, the record's fifteen fields skipped unread and
/// unallocated, the previous hash and the hash. A checkpoint needs no more,
/// and `serve` reads every new record for one each interval.
#[derive(serde::Deserialize)]
struct SchakelJson(
    i64,
    IgnoredAny,
    IgnoredAny,
    IgnoredAny,
    IgnoredAny,
    IgnoredAny,
    IgnoredAny,
    IgnoredAny,
    IgnoredAny,
    IgnoredAny,
    IgnoredAny,
    IgnoredAny,
    IgnoredAny,
    IgnoredAny,
    IgnoredAny,
    IgnoredAny,
    String,
    String,
);

/// The links of the records in an array as [`audit_als_json_tekst`]
/// writes it; an element of another length is refused as damaged.
pub(crate) fn schakels_uit_tekst(tekst: &str) -> Resultaat<Vec<AuditSchakel>> {
    let rijen: Vec<SchakelJson> = serde_json::from_str(tekst).map_err(|_| ongeldig("audit"))?;
    Ok(rijen
        .into_iter()
        .map(|r| AuditSchakel {
            volgnummer: r.0,
            vorige_hash: r.16,
            hash: r.17,
        })
        .collect())
}

fn audit_uit(r: AuditJson) -> Resultaat<AuditRecord> {
    Ok(AuditRecord {
        volgnummer: r.volgnummer,
        record: NieuwAuditRecord {
            gebeurtenis: r.gebeurtenis,
            actie: Actie::parse(&r.actie).ok_or_else(|| ongeldig("actie"))?,
            tijdstip: tijdstip_uit(&r.tijdstip).map_err(|_| ongeldig("tijdstip"))?,
            gebruiker: r.gebruiker,
            rol: r
                .rol
                .map(|rol| crate::sql::rij::rol_uit(&rol).map_err(|()| ongeldig("rol")))
                .transpose()?,
            organisatie: r.organisatie,
            namens: r.namens,
            client_type: r.client_type,
            client: r.client,
            object_type: r.object_type,
            object_id: r.object_id,
            uitkomst: Uitkomst::parse(&r.uitkomst).ok_or_else(|| ongeldig("uitkomst"))?,
            grond: r.grond,
            bron: r.bron,
            systeem: r.systeem,
        },
        vorige_hash: r.vorige_hash,
        hash: r.hash,
    })
}

/// Logs `r` with the caller's write transaction (see [`bewaar_audits`]).
pub(crate) async fn voeg_audit_toe(c: &mut Verbinding, r: &NieuwAuditRecord) -> Resultaat<()> {
    bewaar_audits(c, std::slice::from_ref(r)).await
}

/// Logs `records` with the caller's write transaction: they commit with its
/// change, or neither does. Where the chain is in the same database
/// (PostgreSQL) they are appended to it here; where it has a file of its own
/// (SQLite, `motor::UITVOER`) they wait in the outbox `audit_uit` for the
/// sequencer's next batch.
pub(crate) async fn bewaar_audits(
    c: &mut Verbinding,
    records: &[NieuwAuditRecord],
) -> Resultaat<()> {
    if records.is_empty() {
        return Ok(());
    }
    if !UITVOER {
        return voeg_audits_toe(c, records.to_vec()).await.map(drop);
    }
    crate::sql::auditlog::UITVOER_GESCHREVEN.fetch_add(1, std::sync::atomic::Ordering::Release);
    sqlx::query("INSERT INTO audit_uit (records) VALUES ($1)")
        .bind(uitvoer_als_json(records)?)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    Ok(())
}

/// Records not yet in the chain, in the chain's JSON form with volgnummer 0
/// and no hashes ([`audits_uit_json`] reads them back).
fn uitvoer_als_json(records: &[NieuwAuditRecord]) -> Resultaat<String> {
    let los: Vec<AuditRecord> = records
        .iter()
        .map(|r| AuditRecord {
            volgnummer: 0,
            record: r.clone(),
            vorige_hash: String::new(),
            hash: String::new(),
        })
        .collect();
    audit_als_json_tekst(&los)
}

/// Appends `records` in order inside the caller's write transaction: the
/// head is read once (and locked until the transaction ends: appends are
/// serialised and never fork the chain) and written once after the last.
pub(crate) async fn voeg_audits_toe(
    c: &mut Verbinding,
    records: Vec<NieuwAuditRecord>,
) -> Resultaat<Vec<AuditRecord>> {
    if records.is_empty() {
        return Ok(Vec::new());
    }
    let kop: Option<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT volgnummer, hash FROM audit_kop WHERE id = 1{VOOR_WIJZIGING}"
    )))
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?;
    let (volgnummer, vorige_hash) = kop.unwrap_or((0, BEGIN_HASH.to_string()));
    let opgeslagen = keten(volgnummer, &vorige_hash, records);
    let (volgnummer, vorige_hash) = kop_na(&opgeslagen).unwrap_or((volgnummer, vorige_hash));
    schrijf_audits(c, &opgeslagen).await?;
    sqlx::query(
        "INSERT INTO audit_kop (id, volgnummer, hash) VALUES (1, $1, $2) \
         ON CONFLICT (id) DO UPDATE SET volgnummer = excluded.volgnummer, hash = excluded.hash",
    )
    .bind(volgnummer)
    .bind(&vorige_hash)
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    Ok(opgeslagen)
}

/// `records` hashed into the chain after record `volgnummer` (whose hash is
/// `vorige_hash`), with consecutive volgnummers: what is stored. Taken, not
/// copied: a batch's records are not needed apart from what is stored
/// ([`los_van_keten`] gives them back).
pub(crate) fn keten(
    mut volgnummer: i64,
    vorige_hash: &str,
    records: Vec<NieuwAuditRecord>,
) -> Vec<AuditRecord> {
    let mut vorige_hash = vorige_hash.to_string();
    let mut opgeslagen = Vec::with_capacity(records.len());
    for mut record in records {
        volgnummer += 1;
        // The record as it will read back: its timestamp at stored precision
        // (microseconds, cut off as `tijdstip_tekst` writes it).
        record.tijdstip = chrono::SubsecRound::trunc_subsecs(record.tijdstip, 6);
        let hash = bereken_hash(volgnummer, &vorige_hash, &record);
        opgeslagen.push(AuditRecord {
            volgnummer,
            record,
            vorige_hash: std::mem::replace(&mut vorige_hash, hash.clone()),
            hash,
        });
    }
    opgeslagen
}

/// The records of a batch [`keten`] hashed, to be hashed again onto another
/// head.
pub(crate) fn los_van_keten(opgeslagen: Vec<AuditRecord>) -> Vec<NieuwAuditRecord> {
    opgeslagen.into_iter().map(|a| a.record).collect()
}

/// The chain head after `opgeslagen` (None: nothing appended).
pub(crate) fn kop_na(opgeslagen: &[AuditRecord]) -> Option<(i64, String)> {
    opgeslagen.last().map(|a| (a.volgnummer, a.hash.clone()))
}

/// A medewerker with its roles in one statement: `extra` columns after the
/// medewerker's own, `waar` the condition on `medewerker m`. The roles come
/// as one JSON array (`rollen`, in [`ROL_VOLGORDE`]), read by
/// [`medewerker_met_rollen`]: every authenticated request reads a
/// medewerker, so one round trip, consistent without a transaction.
pub(crate) fn medewerker_sql(extra: &str, waar: &str) -> String {
    format!(
        "SELECT m.id, m.naam, m.email, m.actief, m.demo{extra}, \
           (SELECT CAST({JSON_LIJST}({JSON_RIJ}(r.rol, r.organisatie) ORDER BY {ROL_VOLGORDE}) AS TEXT) \
            FROM roltoewijzing r WHERE r.medewerker = m.id) AS rollen \
         FROM medewerker m WHERE {waar}"
    )
}

/// One medewerker with its roles, on this connection.
pub(crate) async fn lees_medewerker(c: &mut Verbinding, id: Id) -> Resultaat<Option<Medewerker>> {
    sqlx::query(sqlx::AssertSqlSafe(medewerker_sql("", "m.id = $1")))
        .bind(id)
        .fetch_optional(&mut *c)
        .await
        .map_err(fout)?
        .as_ref()
        .map(medewerker_met_rollen)
        .transpose()
}

/// A row of [`medewerker_sql`] as a medewerker. Its roles are
/// `[[rol, organisatie], …]`, or nothing (PostgreSQL's aggregate over no
/// rows).
pub(crate) fn medewerker_met_rollen(r: &Rij) -> Resultaat<Medewerker> {
    let json: Option<String> = kol(r, "rollen")?;
    let paren: Vec<(String, Id)> = match json {
        Some(j) => serde_json::from_str(&j).map_err(|_| ongeldig("rollen"))?,
        None => Vec::new(),
    };
    let rollen = paren
        .into_iter()
        .map(|(rol, organisatie)| {
            Ok(Roltoewijzing {
                rol: rol_uit(&rol).map_err(|_| ongeldig("rollen"))?,
                organisatie,
            })
        })
        .collect::<Resultaat<Vec<_>>>()?;
    medewerker_uit(r, rollen)
}

fn medewerker_uit(r: &Rij, rollen: Vec<Roltoewijzing>) -> Resultaat<Medewerker> {
    Ok(Medewerker {
        id: kol(r, "id")?,
        naam: kol(r, "naam")?,
        email: kol(r, "email")?,
        actief: boolean(r, "actief")?,
        rollen,
        demo: boolean(r, "demo")?,
    })
}

pub(crate) async fn lees_huishouden(c: &mut Verbinding, id: Id) -> Resultaat<Option<Huishouden>> {
    let Some(rij) = sqlx::query(
        "SELECT id, gewijzigd, bewaren_tot, aangemaakt_door FROM huishouden WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?
    else {
        return Ok(None);
    };
    let vertegenwoordigers = sqlx::query(
        "SELECT naam, relatie FROM vertegenwoordiger WHERE huishouden = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?
    .iter()
    .map(|r| {
        Ok(Vertegenwoordiger {
            naam: kol(r, "naam")?,
            relatie: kol(r, "relatie")?,
        })
    })
    .collect::<Resultaat<Vec<_>>>()?;
    let jeugdigen = sqlx::query_scalar("SELECT id FROM jeugdige WHERE huishouden = $1 ORDER BY id")
        .bind(id)
        .fetch_all(&mut *c)
        .await
        .map_err(fout)?;
    Ok(Some(Huishouden {
        id: kol(&rij, "id")?,
        vertegenwoordigers,
        jeugdigen,
        aangemaakt_door: kol(&rij, "aangemaakt_door")?,
        gewijzigd: tijd(&rij, "gewijzigd")?,
        bewaren_tot: datum(&rij, "bewaren_tot")?,
    }))
}

pub(crate) const HULPVRAAG_KOLOMMEN: &str = "id, jeugdige, organisatie, omschrijving, \
     behandelaar, triage, casus, open, aangemaakt, getrieerd, getrieerd_door";

pub(crate) async fn lees_hulpvraag(c: &mut Verbinding, id: Id) -> Resultaat<Option<Hulpvraag>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {HULPVRAAG_KOLOMMEN} FROM hulpvraag WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?
    .as_ref()
    .map(hulpvraag_uit)
    .transpose()
}

pub(crate) fn hulpvraag_uit(r: &Rij) -> Resultaat<Hulpvraag> {
    Ok(Hulpvraag {
        id: kol(r, "id")?,
        jeugdige: kol(r, "jeugdige")?,
        organisatie: kol(r, "organisatie")?,
        omschrijving: kol(r, "omschrijving")?,
        behandelaar: kol(r, "behandelaar")?,
        triage: optie_geparst(r, "triage", |s| Triage::parse(s).ok_or(()))?,
        casus: kol(r, "casus")?,
        open: boolean(r, "open")?,
        aangemaakt: tijd(r, "aangemaakt")?,
        getrieerd: tijd_optie(r, "getrieerd")?,
        getrieerd_door: kol(r, "getrieerd_door")?,
    })
}

/// Adds a case with its parties; references are checked first, so that an
/// unknown one is named.
pub(crate) async fn voeg_casus_toe(
    c: &mut Verbinding,
    n: &NieuweCasus,
    nu: DateTime<Utc>,
) -> Resultaat<Id> {
    eis(
        c,
        "SELECT 1 FROM huishouden WHERE id = $1",
        n.huishouden,
        "huishouden",
    )
    .await?;
    eis(c, ORGANISATIE_BESTAAT, n.wijkteam, "wijkteam").await?;
    for p in &n.partijen {
        eis(c, ORGANISATIE_BESTAAT, *p, "partij").await?;
    }
    let id: Id = sqlx::query_scalar(
        "INSERT INTO casus (huishouden, wijkteam, open, aangemaakt) VALUES ($1, $2, TRUE, $3) \
         RETURNING id",
    )
    .bind(n.huishouden)
    .bind(n.wijkteam)
    .bind(tijd_db(&nu))
    .fetch_one(&mut *c)
    .await
    .map_err(fout)?;
    voeg_partijen_toe(c, id, &n.partijen).await?;
    Ok(id)
}

pub(crate) async fn voeg_partijen_toe(
    c: &mut Verbinding,
    casus: Id,
    partijen: &[Id],
) -> Resultaat<()> {
    for p in partijen {
        sqlx::query(
            "INSERT INTO casus_partij (casus, organisatie) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(casus)
        .bind(p)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    }
    Ok(())
}

/// Recomputes the `toegang` facts (SQLite migrations/0002_toegang.sql,
/// PostgreSQL 0003) from the records; `$waar` narrows every branch to some
/// jeugdigen `j`. The bits are those of [`Relaties::bits`].
macro_rules! feiten {
    ($waar:literal) => {
        concat!(
            "INSERT INTO toegang (organisatie, jeugdige, relaties, verwijzing_tot) \
             SELECT organisatie, jeugdige, sum(DISTINCT bit), max(tot) FROM ( \
               SELECT h.behandelaar AS organisatie, j.id AS jeugdige, 1 AS bit, \
                 CAST(NULL AS DATE) AS tot \
                 FROM hulpvraag h JOIN jeugdige j ON j.id = h.jeugdige WHERE h.open ",
            $waar,
            " UNION ALL SELECT c.wijkteam, j.id, 2, CAST(NULL AS DATE) \
                 FROM casus c JOIN jeugdige j ON j.huishouden = c.huishouden WHERE c.open ",
            $waar,
            " UNION ALL SELECT p.organisatie, j.id, 4, CAST(NULL AS DATE) \
                 FROM casus c JOIN casus_partij p ON p.casus = c.id \
                 JOIN jeugdige j ON j.huishouden = c.huishouden WHERE c.open ",
            $waar,
            " UNION ALL SELECT v.aanbieder, j.id, 8, v.einddatum \
                 FROM verwijzing v JOIN jeugdige j ON j.id = v.jeugdige \
                 WHERE coalesce(v.gemeentelijke_toets, '') <> 'afgewezen' ",
            $waar,
            " UNION ALL SELECT j.school, j.id, 16, CAST(NULL AS DATE) FROM jeugdige j \
                 WHERE j.school IS NOT NULL ",
            $waar,
            ") f GROUP BY organisatie, jeugdige"
        )
    };
}
pub(crate) use feiten;

/// The kept facts of a row as they hold on the day whose cut-off is bound
/// as $3: bit 8 (a referral) without it once the referral's last day lies
/// before the cut-off — [`Relaties::op`] in SQL, for the list.
macro_rules! geldig {
    () => {
        "CAST((relaties & ~(CASE WHEN verwijzing_tot < $3 THEN CAST(8 AS BIGINT) \
         ELSE CAST(0 AS BIGINT) END)) AS INTEGER)"
    };
}
pub(crate) use geldig;

pub(crate) fn relaties_uit(r: &Rij) -> Resultaat<Relaties> {
    Ok(Relaties {
        verwijzing_tot: datum_optie(r, "verwijzing_tot")?,
        ..Relaties::uit_bits(kol(r, "relaties")?)
    })
}

/// Brings the kept access facts of one household up to date, inside the
/// caller's write transaction. The household row is locked first: two
/// transactions recomputing one household run one after the other, and the
/// second sees what the first committed.
pub(crate) async fn herbereken_huishouden(c: &mut Verbinding, huishouden: Id) -> Resultaat<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT 1 FROM huishouden WHERE id = $1{VOOR_WIJZIGING}"
    )))
    .bind(huishouden)
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    sqlx::query(
        "DELETE FROM toegang WHERE jeugdige IN (SELECT id FROM jeugdige WHERE huishouden = $1)",
    )
    .bind(huishouden)
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    sqlx::query(feiten!("AND j.huishouden = $1"))
        .bind(huishouden)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records() -> Vec<AuditRecord> {
        let mut r = NieuwAuditRecord::door_systeem(
            "jeugdige.\"lijst\"",
            Actie::Lezen,
            "jeugdige",
            "regie",
            "api 127.0.0.1",
            "schakel",
        );
        r.client = Some("pseudoniem\\met\u{e9}".into());
        r.rol = Some(schakel_domain::Rol::Casusregisseur);
        keten(41, BEGIN_HASH, vec![r.clone(), r.over_object(7), r])
    }

    #[test]
    fn een_batch_geeft_de_schakels_van_zijn_records() {
        let opgeslagen = records();
        let tekst = audit_als_json_tekst(&opgeslagen).expect("json");
        let verwacht: Vec<AuditSchakel> = audits_uit_tekst(&tekst)
            .expect("records")
            .into_iter()
            .map(|r| AuditSchakel {
                volgnummer: r.volgnummer,
                vorige_hash: r.vorige_hash,
                hash: r.hash,
            })
            .collect();
        assert_eq!(schakels_uit_tekst(&tekst).expect("schakels"), verwacht);
        assert_eq!(verwacht.len(), 3);
        assert_eq!(verwacht[0].volgnummer, 42);
        assert_eq!(verwacht[0].vorige_hash, BEGIN_HASH);
        assert_eq!(verwacht[2].hash, opgeslagen[2].hash);
    }

    #[test]
    fn een_record_van_een_andere_lengte_is_beschadigd() {
        let tekst = audit_als_json_tekst(&records()).expect("json");
        let mut rijen: Vec<Vec<serde_json::Value>> = serde_json::from_str(&tekst).expect("rijen");
        rijen[1].remove(3);
        let korter = serde_json::to_string(&rijen).expect("korter");
        rijen[1].insert(3, serde_json::json!("x"));
        rijen[1].push(serde_json::json!("y"));
        let langer = serde_json::to_string(&rijen).expect("langer");
        for kapot in [korter, langer] {
            let fout = schakels_uit_tekst(&kapot).expect_err("beschadigd");
            assert!(fout.to_string().contains("audit"), "{fout}");
            assert!(audits_uit_tekst(&kapot).is_err());
        }
    }
}
