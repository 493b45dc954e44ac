//! The NEN 7513 access log: what every record holds, and the hash chain that
//! makes altered or removed records detectable.
//!
//! Each record's hash is SHA-256 over its volgnummer, the previous record's
//! hash and the record's canonical JSON. The chain's head (last volgnummer and
//! hash) is stored separately, so removing the newest records is detected too.

use chrono::{DateTime, SecondsFormat, Utc};
use schakel_domain::Rol;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::Id;

/// The hash before the first record.
pub const BEGIN_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// NEN 7513 action codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Actie {
    #[serde(rename = "C")]
    Aanmaken,
    #[serde(rename = "R")]
    Lezen,
    #[serde(rename = "U")]
    Wijzigen,
    #[serde(rename = "D")]
    Verwijderen,
    #[serde(rename = "E")]
    Uitvoeren,
}

impl Actie {
    pub fn code(self) -> &'static str {
        match self {
            Self::Aanmaken => "C",
            Self::Lezen => "R",
            Self::Wijzigen => "U",
            Self::Verwijderen => "D",
            Self::Uitvoeren => "E",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Aanmaken,
            Self::Lezen,
            Self::Wijzigen,
            Self::Verwijderen,
            Self::Uitvoeren,
        ]
        .into_iter()
        .find(|a| a.code() == s)
    }
}

/// Whether the access was allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Uitkomst {
    Toegestaan,
    Geweigerd,
}

impl Uitkomst {
    pub fn naam(self) -> &'static str {
        match self {
            Self::Toegestaan => "toegestaan",
            Self::Geweigerd => "geweigerd",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "toegestaan" => Some(Self::Toegestaan),
            "geweigerd" => Some(Self::Geweigerd),
            _ => None,
        }
    }
}

/// One access-log record before it joins the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NieuwAuditRecord {
    /// Event code, e.g. `jeugdige.lezen`.
    pub gebeurtenis: String,
    pub actie: Actie,
    /// Stored at microsecond precision, UTC.
    pub tijdstip: DateTime<Utc>,
    pub gebruiker: Option<Id>,
    pub rol: Option<Rol>,
    /// The organisation the user acted for.
    pub organisatie: Option<Id>,
    /// The responsible user on whose behalf the user acted, if any.
    pub namens: Option<Id>,
    /// Identifier type of the client: "bsn-pseudoniem".
    pub client_type: Option<String>,
    /// Keyed pseudonym of the client's BSN; never the BSN itself.
    pub client: Option<String>,
    pub object_type: String,
    pub object_id: Option<Id>,
    pub uitkomst: Uitkomst,
    /// The authorisation ground (or reason for refusal).
    pub grond: Option<String>,
    /// Access point: channel and client address, e.g. `api 127.0.0.1`.
    pub bron: String,
    /// The system that logged the record.
    pub systeem: String,
}

impl NieuwAuditRecord {
    /// A record of the system itself, by no user and about no client: an
    /// import, a test set-up, a generated load.
    pub fn door_systeem(
        gebeurtenis: &str,
        actie: Actie,
        object_type: &str,
        grond: &str,
        bron: &str,
        systeem: &str,
    ) -> Self {
        Self {
            gebeurtenis: gebeurtenis.into(),
            actie,
            tijdstip: nu(),
            gebruiker: None,
            rol: None,
            organisatie: None,
            namens: None,
            client_type: None,
            client: None,
            object_type: object_type.into(),
            object_id: None,
            uitkomst: Uitkomst::Toegestaan,
            grond: Some(grond.into()),
            bron: bron.into(),
            systeem: systeem.into(),
        }
    }

    /// The same record about a newly created object.
    pub fn over_object(&self, id: Id) -> Self {
        Self {
            object_id: Some(id),
            ..self.clone()
        }
    }

    /// About `id` unless it names an object already (a case event's
    /// `toegang.verleend` names the organisation let in, not the case).
    pub fn anders_over_object(&self, id: Id) -> Self {
        match self.object_id {
            Some(_) => self.clone(),
            None => self.over_object(id),
        }
    }

    pub fn tijdstip_tekst(&self) -> String {
        self.tijdstip.to_rfc3339_opts(SecondsFormat::Micros, true)
    }
}

/// A record's place in the chain, without its content: what a checkpoint
/// signs (its leaves are the chain hashes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditSchakel {
    pub volgnummer: i64,
    pub vorige_hash: String,
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    pub volgnummer: i64,
    #[serde(flatten)]
    pub record: NieuwAuditRecord,
    pub vorige_hash: String,
    pub hash: String,
}

/// The hash of the record that follows `vorige_hash` as number `volgnummer`:
/// SHA-256 over `volgnummer|vorige_hash|` and the record's canonical JSON
/// (its fields as a JSON object with the keys sorted, the timestamp as
/// stored: RFC 3339 with microseconds).
pub fn bereken_hash(volgnummer: i64, vorige_hash: &str, r: &NieuwAuditRecord) -> String {
    let mut h = begin_hash(volgnummer, vorige_hash);
    // Written straight into the hash, without building a JSON value: this
    // is what `audit verify` does ten million times.
    let _ = serde_json::to_writer(HashSchrijver(&mut h), &Canoniek::van(r));
    hex_van(h)
}

/// The digest as lowercase hex.
fn hex_van(h: Sha256) -> String {
    hex::encode(h.finalize())
}

fn begin_hash(volgnummer: i64, vorige_hash: &str) -> Sha256 {
    let mut h = Sha256::new();
    h.update(itoa::Buffer::new().format(volgnummer).as_bytes());
    h.update(b"|");
    h.update(vorige_hash.as_bytes());
    h.update(b"|");
    h
}

fn hash_canoniek(volgnummer: i64, vorige_hash: &str, canoniek: &serde_json::Value) -> String {
    let mut h = begin_hash(volgnummer, vorige_hash);
    h.update(canoniek.to_string().as_bytes());
    hex_van(h)
}

/// A record's fields in the canonical order: the keys sorted, as
/// `serde_json::Value` sorts them (the form records were first hashed in).
#[derive(Serialize)]
struct Canoniek<'a> {
    actie: Actie,
    bron: &'a str,
    client: &'a Option<String>,
    client_type: &'a Option<String>,
    gebeurtenis: &'a str,
    gebruiker: Option<Id>,
    grond: &'a Option<String>,
    namens: Option<Id>,
    object_id: Option<Id>,
    object_type: &'a str,
    organisatie: Option<Id>,
    rol: Option<Rol>,
    systeem: &'a str,
    tijdstip: String,
    uitkomst: Uitkomst,
}

impl<'a> Canoniek<'a> {
    fn van(r: &'a NieuwAuditRecord) -> Self {
        Self {
            actie: r.actie,
            bron: &r.bron,
            client: &r.client,
            client_type: &r.client_type,
            gebeurtenis: &r.gebeurtenis,
            gebruiker: r.gebruiker,
            grond: &r.grond,
            namens: r.namens,
            object_id: r.object_id,
            object_type: &r.object_type,
            organisatie: r.organisatie,
            rol: r.rol,
            systeem: &r.systeem,
            tijdstip: r.tijdstip_tekst(),
            uitkomst: r.uitkomst,
        }
    }
}

struct HashSchrijver<'a>(&'a mut Sha256);

impl std::io::Write for HashSchrijver<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The chain hash of a record as exported (an [`AuditRecord`] as JSON, with
/// any extra field `bewijs`), recomputed from its content, so that an
/// export can be checked without the database; `None` when a field is
/// missing.
pub fn hash_van_export(v: &serde_json::Value) -> Option<String> {
    let mut canoniek = v.as_object()?.clone();
    let volgnummer = canoniek.remove("volgnummer")?.as_i64()?;
    let vorige_hash = canoniek.remove("vorige_hash")?.as_str()?.to_owned();
    canoniek.remove("hash")?;
    canoniek.remove("bewijs");
    let tijdstip: DateTime<Utc> = canoniek.get("tijdstip")?.as_str()?.parse().ok()?;
    canoniek.insert(
        "tijdstip".into(),
        serde_json::Value::String(tijdstip.to_rfc3339_opts(SecondsFormat::Micros, true)),
    );
    Some(hash_canoniek(
        volgnummer,
        &vorige_hash,
        &serde_json::Value::Object(canoniek),
    ))
}

/// The storage layer's clock (see [`crate::klok`]), at microseconds.
pub use crate::klok::nu;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Breuk {
    #[error("record {volgnummer}: inhoud gewijzigd (hash klopt niet)")]
    Gewijzigd { volgnummer: i64 },
    #[error("record {verwacht} ontbreekt (volgende gevonden: {gevonden})")]
    Ontbreekt { verwacht: i64, gevonden: i64 },
    #[error("record {volgnummer}: sluit niet aan op het vorige record")]
    KetenBreuk { volgnummer: i64 },
    #[error(
        "de laatste records ontbreken: de kop wijst naar {kop}, het laatste record is {laatste}"
    )]
    StaartOntbreekt { kop: i64, laatste: i64 },
    #[error("de kop van de keten klopt niet met record {volgnummer}")]
    KopKlopt { volgnummer: i64 },
}

/// Checks a chain incrementally, page by page.
#[derive(Debug, Clone)]
pub struct Verificatie {
    volgende: i64,
    vorige_hash: String,
}

impl Default for Verificatie {
    fn default() -> Self {
        Self {
            volgende: 1,
            vorige_hash: BEGIN_HASH.to_string(),
        }
    }
}

impl Verificatie {
    /// Continues a chain checked up to `volgende - 1`, whose last hash is
    /// `vorige_hash` (e.g. from a signed checkpoint).
    pub fn vanaf(volgende: i64, vorige_hash: &str) -> Self {
        Self {
            volgende,
            vorige_hash: vorige_hash.to_owned(),
        }
    }

    /// Checks a page whose hashes [`hashes_kloppen`] recomputed already
    /// (so a caller can hash one page while it reads the next).
    pub fn controleer_gehasht(
        &mut self,
        pagina: &[AuditRecord],
        klopt: &[bool],
    ) -> Result<(), Breuk> {
        for (r, klopt) in pagina
            .iter()
            .zip(klopt.iter().chain(std::iter::repeat(&false)))
        {
            self.volgt(r.volgnummer, &r.vorige_hash)?;
            if !klopt {
                return Err(Breuk::Gewijzigd {
                    volgnummer: r.volgnummer,
                });
            }
            self.schuif(&r.hash);
        }
        Ok(())
    }

    /// Whether record `volgnummer` takes the next number and links to the
    /// previous hash.
    fn volgt(&self, volgnummer: i64, vorige_hash: &str) -> Result<(), Breuk> {
        if volgnummer != self.volgende {
            return Err(Breuk::Ontbreekt {
                verwacht: self.volgende,
                gevonden: volgnummer,
            });
        }
        if vorige_hash != self.vorige_hash {
            return Err(Breuk::KetenBreuk { volgnummer });
        }
        Ok(())
    }

    fn schuif(&mut self, hash: &str) {
        self.volgende += 1;
        hash.clone_into(&mut self.vorige_hash);
    }

    /// Checks only the link: the number and the previous hash, not the
    /// content (for what a checkpoint signs; `audit verify` checks content).
    pub fn controleer_schakel(&mut self, s: &AuditSchakel) -> Result<(), Breuk> {
        self.volgt(s.volgnummer, &s.vorige_hash)?;
        self.schuif(&s.hash);
        Ok(())
    }

    pub fn controleer(&mut self, r: &AuditRecord) -> Result<(), Breuk> {
        self.volgt(r.volgnummer, &r.vorige_hash)?;
        if bereken_hash(r.volgnummer, &r.vorige_hash, &r.record) != r.hash {
            return Err(Breuk::Gewijzigd {
                volgnummer: r.volgnummer,
            });
        }
        self.schuif(&r.hash);
        Ok(())
    }

    /// After the last record: compares with the stored head.
    pub fn sluit_af(&self, kop: Option<(i64, String)>) -> Result<i64, Breuk> {
        let laatste = self.volgende - 1;
        match kop {
            None if laatste == 0 => Ok(0),
            None => Err(Breuk::KopKlopt {
                volgnummer: laatste,
            }),
            Some((n, _)) if n > laatste => Err(Breuk::StaartOntbreekt { kop: n, laatste }),
            Some((n, hash)) if n != laatste || hash != self.vorige_hash => Err(Breuk::KopKlopt {
                volgnummer: laatste,
            }),
            Some(_) => Ok(laatste),
        }
    }
}

/// Whether each record's stored hash is the hash of its content, computed
/// on every core (each hash needs only its own record).
pub fn hashes_kloppen(pagina: &[AuditRecord]) -> Vec<bool> {
    let kernen = std::thread::available_parallelism().map_or(1, |n| n.get());
    let stuk = pagina.len().div_ceil(kernen).max(1);
    std::thread::scope(|s| {
        let taken: Vec<_> = pagina
            .chunks(stuk)
            .map(|deel| {
                s.spawn(move || {
                    deel.iter()
                        .map(|r| bereken_hash(r.volgnummer, &r.vorige_hash, &r.record) == r.hash)
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        taken
            .into_iter()
            .flat_map(|t| t.join().unwrap_or_default())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first form of the hash, through `serde_json::Value`: every
    /// stored record was hashed so, and must verify the same way.
    fn via_value(volgnummer: i64, vorige_hash: &str, r: &NieuwAuditRecord) -> String {
        let mut canoniek = serde_json::to_value(r).expect("test");
        canoniek["tijdstip"] = serde_json::Value::String(r.tijdstip_tekst());
        hash_canoniek(volgnummer, vorige_hash, &canoniek)
    }

    #[test]
    fn de_snelle_hash_is_de_hash_van_het_json_object() {
        let kaal = NieuwAuditRecord::door_systeem("a", Actie::Aanmaken, "b", "c", "d", "e");
        let mut vol = kaal.clone();
        vol.gebeurtenis = "jeugdige.\"lezen\"\n\u{1}é€".into();
        vol.actie = Actie::Verwijderen;
        vol.gebruiker = Some(7);
        vol.rol = Some(Rol::Zorgcoordinator);
        vol.organisatie = Some(-3);
        vol.namens = Some(i64::MAX);
        vol.client_type = Some("bsn-pseudoniem".into());
        vol.client = Some("ab\\cd".into());
        vol.object_id = Some(0);
        vol.uitkomst = Uitkomst::Geweigerd;
        vol.grond = None;
        for (i, r) in [kaal, vol].iter().enumerate() {
            let n = i as i64 + 1;
            assert_eq!(bereken_hash(n, BEGIN_HASH, r), via_value(n, BEGIN_HASH, r));
        }
        for rol in Rol::ALLE {
            let mut r = NieuwAuditRecord::door_systeem("a", Actie::Lezen, "b", "c", "d", "e");
            r.rol = Some(rol);
            assert_eq!(bereken_hash(9, "x", &r), via_value(9, "x", &r));
        }
    }

    #[test]
    fn een_hash_is_zijn_digest_in_kleine_hexcijfers() {
        let mut h = Sha256::new();
        h.update(b"abc");
        assert_eq!(
            hex_van(h),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let r = NieuwAuditRecord::door_systeem("a", Actie::Lezen, "b", "c", "d", "e");
        let mut h = begin_hash(3, BEGIN_HASH);
        h.update(serde_json::to_string(&Canoniek::van(&r)).expect("json"));
        assert_eq!(
            bereken_hash(3, BEGIN_HASH, &r),
            hex::encode(h.finalize()),
            "as hex::encode writes it"
        );
    }

    #[test]
    fn een_geexporteerd_record_geeft_dezelfde_hash() {
        let mut record = NieuwAuditRecord::door_systeem(
            "test.export",
            Actie::Lezen,
            "jeugdige",
            "test",
            "cli",
            "schakel",
        );
        record.rol = Some(Rol::Casusregisseur);
        record.client = Some("abc".into());
        // A time chrono would print with fewer digits (.120000 as .120).
        record.tijdstip = "2026-12-05T01:02:03.120000Z".parse().expect("test");
        let hash = bereken_hash(7, BEGIN_HASH, &record);
        let opgeslagen = AuditRecord {
            volgnummer: 7,
            record,
            vorige_hash: BEGIN_HASH.into(),
            hash: hash.clone(),
        };
        let mut export = serde_json::to_value(&opgeslagen).expect("test");
        export["bewijs"] = serde_json::json!(["00"]);
        assert_eq!(hash_van_export(&export), Some(hash.clone()));
        export["grond"] = serde_json::json!("anders");
        assert_ne!(hash_van_export(&export), Some(hash));
    }
}
