//! Signed checkpoints of the audit log: the tree size, the Merkle root over
//! every record so far ([`crate::merkle`]), the chain hash of the last record
//! and the time, signed with Ed25519 by a key the database does not hold.
//!
//! The chain alone could be rewritten by anyone who can write the database
//! (its hashes have no key); a checkpoint cannot be, and a copy of each is
//! appended to a file outside the database. [`controleer_log`] recomputes
//! every root from the records and compares it with every checkpoint, from
//! the database and from the file: two checkpoints that both match the one
//! stream of records are consistent (the smaller tree is a prefix of the
//! larger) by construction.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::audit::{Breuk, Verificatie};
use crate::boomvolger::Boomvolger;
use crate::merkle::{self, Hash, Rand};
use crate::{AuditRecord, Opslag, OpslagFout, Resultaat};

/// Records read per query while hashing the log.
const PAGINA: i64 = 10_000;

/// One signed checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Number of records covered: volgnummers 1 ..= grootte.
    pub grootte: i64,
    /// RFC 6962 root over those records (hex).
    pub wortel: String,
    /// Chain hash of record `grootte` (hex): where the chain continues.
    pub kop: String,
    /// RFC 3339 UTC.
    pub tijdstip: String,
    /// The right border of the tree (hex), to extend it without rereading
    /// the log; not signed, but checked against `wortel` before use. Only
    /// in the database, not in the file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rand: Vec<String>,
    /// The public key (hex) that signed.
    pub sleutel: String,
    /// Ed25519 signature (hex) over [`Checkpoint::tekst`].
    pub handtekening: String,
}

impl Checkpoint {
    /// What is signed: a fixed header, then size, root, head and time, one per line.
    pub fn tekst(grootte: i64, wortel: &str, kop: &str, tijdstip: &str) -> String {
        format!("schakel-auditlog/v1\n{grootte}\n{wortel}\n{kop}\n{tijdstip}\n")
    }

    pub fn onderteken(rand: &Rand, kop: &str, tijdstip: &str, sleutel: &SigningKey) -> Self {
        let grootte = i64::try_from(rand.grootte()).unwrap_or(i64::MAX);
        let wortel = hex::encode(rand.wortel());
        let handtekening = sleutel.sign(Self::tekst(grootte, &wortel, kop, tijdstip).as_bytes());
        Self {
            grootte,
            wortel,
            kop: kop.to_owned(),
            tijdstip: tijdstip.to_owned(),
            rand: rand.bomen().iter().map(hex::encode).collect(),
            sleutel: hex::encode(sleutel.verifying_key().as_bytes()),
            handtekening: hex::encode(handtekening.to_bytes()),
        }
    }

    /// Whether `publiek` signed exactly this size, root, head and time.
    pub fn handtekening_klopt(&self, publiek: &VerifyingKey) -> bool {
        let Some(handtekening) = hex::decode(&self.handtekening)
            .ok()
            .and_then(|b| Signature::from_slice(&b).ok())
        else {
            return false;
        };
        self.sleutel == hex::encode(publiek.as_bytes())
            && publiek
                .verify(
                    Self::tekst(self.grootte, &self.wortel, &self.kop, &self.tijdstip).as_bytes(),
                    &handtekening,
                )
                .is_ok()
    }

    /// The stored border, if it is well-formed and folds to the signed root.
    fn geldige_rand(&self) -> Option<Rand> {
        let bomen = self
            .rand
            .iter()
            .map(|h| merkle::blad(h))
            .collect::<Option<Vec<Hash>>>()?;
        let rand = Rand::uit(u64::try_from(self.grootte).ok()?, bomen)?;
        (hex::encode(rand.wortel()) == self.wortel).then_some(rand)
    }

    /// The border as stored in the database: a JSON array of hex hashes.
    pub fn rand_json(&self) -> String {
        serde_json::to_string(&self.rand).unwrap_or_default()
    }

    /// The border read back; one that does not parse is unusable, like a
    /// tampered one, and the next checkpoint is then built from the records.
    pub fn rand_uit_json(tekst: &str) -> Vec<String> {
        serde_json::from_str(tekst).unwrap_or_default()
    }

    /// The line appended to the checkpoint file: JSON without the border.
    pub fn regel(&self) -> String {
        let zonder_rand = Self {
            rand: Vec::new(),
            ..self.clone()
        };
        serde_json::to_string(&zonder_rand).unwrap_or_default()
    }
}

fn breuk(b: Breuk) -> OpslagFout {
    OpslagFout::Database(format!("auditlog: {b}"))
}

/// Adds the chain hashes of records `vanaf ..= tot` to `rand` as leaves,
/// checking from `verificatie` on that they follow on each other. Only the
/// links are read, not each record's content: signing what is stored is as
/// strong as rehashing it first (a rewrite with recomputed hashes before
/// the checkpoint would pass either way, where no [`Boomvolger`] holds what
/// was committed; a changed record is found by `audit verify` against its
/// hash), at a fraction of the work.
async fn schakels_in_boom(
    opslag: &dyn Opslag,
    verificatie: &mut Verificatie,
    rand: &mut Rand,
    vanaf: i64,
    tot: i64,
) -> Resultaat<()> {
    let mut volgende = vanaf;
    while volgende <= tot {
        let schakels = opslag
            .audit_schakels(volgende, PAGINA.min(tot - volgende + 1))
            .await?;
        let Some(laatste) = schakels.last().map(|s| s.volgnummer) else {
            break;
        };
        for s in &schakels {
            verificatie.controleer_schakel(s).map_err(breuk)?;
            rand.voeg_toe(&blad_van(&s.hash)?);
        }
        volgende = laatste.saturating_add(1);
    }
    Ok(())
}

/// Reads records `vanaf ..= tot` page by page (until the log ends) and
/// hands each page to `verwerk` with, per record, whether its hash matches
/// its content. A pipeline: the next page is read and decoded while this
/// one is hashed on the blocking threads (at 10M records reading and
/// hashing are each about half the work), and each page is read as two
/// halves on two connections at once (decoding rows is most of the
/// reading, on the engine's side as on ours).
async fn lees_gehasht<E>(
    opslag: &dyn Opslag,
    vanaf: i64,
    tot: i64,
    fout: impl Fn(OpslagFout) -> E,
    mut verwerk: impl FnMut(&[AuditRecord], &[bool]) -> Result<(), E>,
) -> Result<(), E> {
    let lees = |vanaf: i64| async move {
        match vanaf <= tot {
            true => {
                opslag
                    .audit_records(vanaf, PAGINA.min(tot - vanaf + 1))
                    .await
            }
            false => Ok(Vec::new()),
        }
    };
    // The second half starts where the first ends in an intact log
    // (consecutive volgnummers); where it does not (a gap), the second half
    // is read again from where the first really ends, so every page still
    // starts right after the last record seen.
    let lees_twee = |vanaf: i64| async move {
        let tweede = vanaf.saturating_add(PAGINA);
        let (eerste, vooruit) = tokio::join!(lees(vanaf), lees(tweede));
        let mut pagina = eerste?;
        let rest = match pagina.last().map(|r| r.volgnummer.saturating_add(1)) {
            None => Vec::new(),
            Some(na) if na == tweede => vooruit?,
            Some(na) => lees(na).await?,
        };
        pagina.extend(rest);
        Ok::<_, OpslagFout>(pagina)
    };
    let mut pagina = lees_twee(vanaf).await.map_err(&fout)?;
    while let Some(laatste) = pagina.last().map(|r| r.volgnummer) {
        let (gehasht, volgende) = tokio::join!(
            tokio::task::spawn_blocking(move || {
                let klopt = crate::audit::hashes_kloppen(&pagina);
                (pagina, klopt)
            }),
            lees_twee(laatste + 1)
        );
        let (deze, klopt) =
            gehasht.map_err(|e| fout(OpslagFout::Database(format!("auditlog: {e}"))))?;
        verwerk(&deze, &klopt)?;
        pagina = volgende.map_err(&fout)?;
    }
    Ok(())
}

fn blad_van(hash: &str) -> Resultaat<Hash> {
    merkle::blad(hash)
        .ok_or_else(|| OpslagFout::Database("auditlog: een hash is geen SHA-256".into()))
}

/// The next checkpoint: the log up to its current head, extended from the
/// latest stored checkpoint (whose signature and border are checked first),
/// or `None` when no record came after it. A latest checkpoint that this
/// key did not sign is an error: another key, or a rewritten table. The
/// tree comes from the store's [`Boomvolger`] when it holds the log up to
/// the head, else from the links stored since the latest checkpoint (and
/// then seeds the store's tree).
pub async fn volgende(opslag: &dyn Opslag, sleutel: &SigningKey) -> Resultaat<Option<Checkpoint>> {
    volgende_van(opslag, sleutel, opslag.boomvolger()).await
}

/// The same, always from the links stored since the latest checkpoint, as
/// a store that keeps no tree in memory builds it.
pub async fn volgende_uit_database(
    opslag: &dyn Opslag,
    sleutel: &SigningKey,
) -> Resultaat<Option<Checkpoint>> {
    volgende_van(opslag, sleutel, None).await
}

async fn volgende_van(
    opslag: &dyn Opslag,
    sleutel: &SigningKey,
    volger: Option<&Boomvolger>,
) -> Resultaat<Option<Checkpoint>> {
    let Some((grootte, kop)) = opslag.audit_kop().await? else {
        return Ok(None);
    };
    let (mut rand, mut verificatie) = match opslag.laatste_checkpoint().await? {
        Some(c) if c.grootte >= grootte => return Ok(None),
        Some(c) => {
            let rand = c
                .handtekening_klopt(&sleutel.verifying_key())
                .then(|| c.geldige_rand())
                .flatten()
                .ok_or_else(|| {
                    OpslagFout::Database(format!(
                        "auditlog: checkpoint {} is niet met deze sleutel ondertekend of is gewijzigd",
                        c.grootte
                    ))
                })?;
            (rand, Verificatie::vanaf(c.grootte + 1, &c.kop))
        }
        None => (Rand::default(), Verificatie::default()),
    };
    let tot_de_kop = u64::try_from(grootte).unwrap_or(u64::MAX);
    let (rand, kop) = match volger
        .and_then(Boomvolger::boom)
        .filter(|(boom, _)| boom.grootte() >= tot_de_kop)
    {
        Some(boom) => boom,
        None => {
            let begin = i64::try_from(rand.grootte()).unwrap_or(i64::MAX) + 1;
            schakels_in_boom(opslag, &mut verificatie, &mut rand, begin, grootte).await?;
            verificatie
                .sluit_af(Some((grootte, kop.clone())))
                .map_err(breuk)?;
            if let Some(volger) = volger {
                volger.zaai(&rand, &kop);
            }
            (rand, kop)
        }
    };
    let tijdstip = crate::klok::nu().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    Ok(Some(Checkpoint::onderteken(
        &rand, &kop, &tijdstip, sleutel,
    )))
}

/// Where a checkpoint was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bron {
    Database,
    Bestand,
}

impl Bron {
    fn naam(self) -> &'static str {
        match self {
            Self::Database => "database",
            Self::Bestand => "bestand",
        }
    }
}

/// Where [`controleer_log`] starts reading records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vanaf {
    /// Record 1: every record is read and rehashed.
    Begin,
    /// After the latest checkpoint in the database whose signature holds
    /// and whose stored border folds to its signed root: the chain goes on
    /// from its head and the tree from its border, so a daily check reads
    /// only the day's records. The records under it are not read again
    /// (a full check does that); checkpoints under it are checked by their
    /// signature only.
    LaatsteCheckpoint,
}

/// What [`controleer_log`] found in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Uitslag {
    /// The first record read: 1, or the one after the checkpoint started from.
    pub gecontroleerd_vanaf: i64,
    pub records: i64,
    pub checkpoints_database: usize,
    pub checkpoints_bestand: usize,
    /// Size of the largest checkpoint: records after it are not signed yet.
    pub ondertekend_tot: i64,
}

/// Checks the whole log: the chain of every record and its stored head, the
/// signature of every checkpoint (from the database and from `bestand`),
/// and every checkpoint's root and head against the records. The error
/// names the first record or checkpoint that does not match.
pub async fn controleer_log(
    opslag: &dyn Opslag,
    publiek: Option<&VerifyingKey>,
    bestand: Vec<Checkpoint>,
    vanaf: Vanaf,
) -> Result<Uitslag, String> {
    let db = opslag.checkpoints().await.map_err(|e| e.to_string())?;
    let (checkpoints_database, checkpoints_bestand) = (db.len(), bestand.len());
    let mut alle: Vec<(Checkpoint, Bron)> = db
        .into_iter()
        .map(|c| (c, Bron::Database))
        .chain(bestand.into_iter().map(|c| (c, Bron::Bestand)))
        .collect();
    alle.sort_by_key(|(c, _)| c.grootte);
    if let Some((c, bron)) = alle.first() {
        let publiek = publiek.ok_or_else(|| {
            "er zijn checkpoints maar geen sleutel om ze te controleren (--audit-sleutel)"
                .to_string()
        })?;
        if let Some((c, bron)) = alle.iter().find(|(c, _)| !c.handtekening_klopt(publiek)) {
            return Err(format!(
                "checkpoint {} ({}): handtekening klopt niet",
                c.grootte,
                bron.naam()
            ));
        }
        if c.grootte < 1 {
            return Err(format!(
                "checkpoint {} ({}): lege boom",
                c.grootte,
                bron.naam()
            ));
        }
    }
    let (mut verificatie, mut rand, eerste) = begin_van(&alle, vanaf)?;
    let mut volgende = alle.iter().filter(|(c, _)| c.grootte >= eerste).peekable();
    lees_gehasht(opslag, eerste, i64::MAX, |e| e.to_string(), |pagina, klopt| {
        verificatie
            .controleer_gehasht(pagina, klopt)
            .map_err(|b| format!("auditlog: {b}"))?;
        for r in pagina {
            rand.voeg_toe(&blad_van(&r.hash).map_err(|e| e.to_string())?);
            while let Some((c, bron)) = volgende.next_if(|(c, _)| c.grootte == r.volgnummer) {
                if c.wortel != hex::encode(rand.wortel()) || c.kop != r.hash {
                    return Err(format!(
                        "checkpoint {} ({}): de records kloppen niet met de ondertekende boom (log gewijzigd of herschreven)",
                        c.grootte,
                        bron.naam()
                    ));
                }
            }
        }
        Ok(())
    })
    .await?;
    let kop = opslag.audit_kop().await.map_err(|e| e.to_string())?;
    let records = verificatie
        .sluit_af(kop)
        .map_err(|b| format!("auditlog: {b}"))?;
    if let Some((c, bron)) = volgende.next() {
        return Err(format!(
            "checkpoint {} ({}) dekt {} records, het log heeft er {records}: de laatste records ontbreken",
            c.grootte,
            bron.naam(),
            c.grootte
        ));
    }
    Ok(Uitslag {
        gecontroleerd_vanaf: eerste,
        records,
        checkpoints_database,
        checkpoints_bestand,
        ondertekend_tot: alle.last().map_or(0, |(c, _)| c.grootte),
    })
}

/// Where [`controleer_log`] starts: the chain's state, the tree's border
/// and the first record to read. A start checkpoint must agree with every
/// other checkpoint of its size (the records under it are not read to
/// compare them).
fn begin_van(
    alle: &[(Checkpoint, Bron)],
    vanaf: Vanaf,
) -> Result<(Verificatie, Rand, i64), String> {
    let begin = match vanaf {
        Vanaf::Begin => None,
        Vanaf::LaatsteCheckpoint => laatste_begin(alle),
    };
    let Some((c, rand)) = begin else {
        return Ok((Verificatie::default(), Rand::default(), 1));
    };
    if let Some((ander, bron)) = alle
        .iter()
        .find(|(a, _)| a.grootte == c.grootte && (a.wortel != c.wortel || a.kop != c.kop))
    {
        return Err(format!(
            "checkpoint {} ({}): verschilt van het checkpoint van dezelfde grootte in de database",
            ander.grootte,
            bron.naam()
        ));
    }
    Ok((
        Verificatie::vanaf(c.grootte + 1, &c.kop),
        rand,
        c.grootte + 1,
    ))
}

/// The checkpoint [`Vanaf::LaatsteCheckpoint`] starts after, with its
/// border: the largest from the database whose border holds (every
/// signature has been checked by then; the file's lines carry no border).
fn laatste_begin(alle: &[(Checkpoint, Bron)]) -> Option<(&Checkpoint, Rand)> {
    alle.iter()
        .rev()
        .filter(|(_, bron)| *bron == Bron::Database)
        .find_map(|(c, _)| c.geldige_rand().map(|rand| (c, rand)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rand_van(n: u64) -> Rand {
        let mut r = Rand::default();
        for i in 0..n {
            r.voeg_toe(&[i as u8; 32]);
        }
        r
    }

    #[test]
    fn handtekening_dekt_grootte_wortel_kop_en_tijd() {
        let sleutel = SigningKey::from_bytes(&[7; 32]);
        let c = Checkpoint::onderteken(&rand_van(5), "ab", "2026-12-05T00:00:00.000000Z", &sleutel);
        assert!(c.handtekening_klopt(&sleutel.verifying_key()));
        assert_eq!(c.geldige_rand().map(|r| r.grootte()), Some(5));
        for gewijzigd in [
            Checkpoint {
                grootte: 6,
                ..c.clone()
            },
            Checkpoint {
                kop: "ac".into(),
                ..c.clone()
            },
            Checkpoint {
                tijdstip: "2026-12-05T00:00:01.000000Z".into(),
                ..c.clone()
            },
            Checkpoint {
                wortel: hex::encode(rand_van(4).wortel()),
                ..c.clone()
            },
        ] {
            assert!(!gewijzigd.handtekening_klopt(&sleutel.verifying_key()));
        }
        let ander = SigningKey::from_bytes(&[8; 32]);
        assert!(!c.handtekening_klopt(&ander.verifying_key()));
        // The line in the file has no border, and reads back as signed.
        let terug: Checkpoint = serde_json::from_str(&c.regel()).expect("test");
        assert!(terug.rand.is_empty());
        assert!(terug.handtekening_klopt(&sleutel.verifying_key()));
    }

    #[test]
    fn een_gewijzigde_rand_wordt_niet_gebruikt() {
        let sleutel = SigningKey::from_bytes(&[7; 32]);
        let mut c = Checkpoint::onderteken(&rand_van(5), "ab", "t", &sleutel);
        c.rand[0] = hex::encode([9u8; 32]);
        assert!(c.geldige_rand().is_none());
    }
}
