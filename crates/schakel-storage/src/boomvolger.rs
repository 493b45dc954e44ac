//! The Merkle tree of the audit log as this process appends to it, so that
//! `serve`'s checkpoint every interval signs the tree it already holds
//! instead of reading back every link appended since the last one (at
//! thousands of requests a second, hundreds of thousands of links per
//! interval, each read, decompressed and parsed: BENCHMARKS.md, "Checkpoints
//! from the appends in memory").
//!
//! The tree is known only from a checkpoint built from the database
//! ([`Boomvolger::zaai`]): from then on every append this process commits
//! extends it ([`Boomvolger::na_append`]). Appends it does not see (another
//! instance's, a write's own transaction on PostgreSQL) leave a gap; the
//! appends after a gap wait, and the tree stays at the gap until the next
//! checkpoint from the database seeds it again past it. What is signed from
//! here is what this process committed, hashed as it was committed: a row
//! changed in the database afterwards does not change it, and
//! `schakel audit verify` finds the change against it.

use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::AuditRecord;
use crate::merkle::{self, Hash, Rand};

/// At most this many leaves wait behind a gap (8 MB); beyond it they are
/// dropped and the next checkpoint reads the database.
const MAX_WACHTEND: usize = 1 << 18;

/// One append: its first volgnummer's predecessor hash, its leaves, and its
/// last record's hash.
struct Append {
    vorige: String,
    bladen: Vec<Hash>,
    kop: String,
}

#[derive(Default)]
struct Stand {
    /// The tree over records 1 ..= its size, and the hash of the last one.
    boom: Option<(Rand, String)>,
    /// Appends not yet in the tree, by first volgnummer.
    wachtend: BTreeMap<i64, Append>,
    bladen_wachtend: usize,
}

/// See the module documentation. One per store; cheap to lock (an append
/// folds its leaves, two SHA-256 compressions each).
#[derive(Default)]
pub struct Boomvolger(Mutex<Stand>);

impl std::fmt::Debug for Boomvolger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Boomvolger")
    }
}

impl Boomvolger {
    /// `opgeslagen`, consecutive records just committed, join the tree.
    pub fn na_append(&self, opgeslagen: &[AuditRecord]) {
        let (Some(eerste), Some(laatste)) = (opgeslagen.first(), opgeslagen.last()) else {
            return;
        };
        let Some(bladen) = opgeslagen
            .iter()
            .map(|r| merkle::blad(&r.hash))
            .collect::<Option<Vec<Hash>>>()
        else {
            return;
        };
        let mut stand = self.stand();
        let n = bladen.len();
        if let std::collections::btree_map::Entry::Vacant(plek) =
            stand.wachtend.entry(eerste.volgnummer)
        {
            plek.insert(Append {
                vorige: eerste.vorige_hash.clone(),
                bladen,
                kop: laatste.hash.clone(),
            });
            stand.bladen_wachtend += n;
        }
        stand.vouw();
    }

    /// The tree as a checkpoint from the database found it: `rand` over
    /// records 1 ..= its size, `kop` the last one's hash. A tree this
    /// process already holds further is kept.
    pub fn zaai(&self, rand: &Rand, kop: &str) {
        let mut stand = self.stand();
        if stand
            .boom
            .as_ref()
            .is_none_or(|(b, _)| b.grootte() < rand.grootte())
        {
            stand.boom = Some((rand.clone(), kop.to_owned()));
        }
        stand.vouw();
    }

    /// The tree and its last hash, once seeded.
    pub fn boom(&self) -> Option<(Rand, String)> {
        self.stand().boom.clone()
    }

    fn stand(&self) -> std::sync::MutexGuard<'_, Stand> {
        self.0.lock().unwrap_or_else(|v| v.into_inner())
    }
}

impl Stand {
    /// Folds the waiting appends that continue the tree, drops those it
    /// already holds, and forgets them all when too many wait.
    fn vouw(&mut self) {
        while let Some((boom, kop)) = self.boom.as_mut() {
            let Some(eerste) = self.wachtend.first_entry() else {
                break;
            };
            let grootte = i64::try_from(boom.grootte()).unwrap_or(i64::MAX);
            let vanaf = *eerste.key();
            if vanaf > grootte + 1 {
                break;
            }
            let a = eerste.remove();
            self.bladen_wachtend -= a.bladen.len();
            let tot = vanaf + a.bladen.len() as i64 - 1;
            if vanaf == grootte + 1 && a.vorige == *kop {
                for blad in &a.bladen {
                    boom.voeg_toe(blad);
                }
                *kop = a.kop;
            } else if vanaf == grootte + 1 || tot > grootte {
                // Appends are whole ranges that follow each other: one that
                // does not follow the tree's last hash, or reaches past its
                // end from inside it, means the tree is not this log's.
                self.boom = None;
            }
        }
        if self.bladen_wachtend > MAX_WACHTEND {
            self.wachtend.clear();
            self.bladen_wachtend = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Actie, NieuwAuditRecord};

    /// Records `vanaf ..= tot` of a chain whose record i has hash [i; 32]
    /// (hex): what the tree is built from.
    fn records(vanaf: u8, tot: u8) -> Vec<AuditRecord> {
        (vanaf..=tot)
            .map(|i| AuditRecord {
                volgnummer: i64::from(i),
                record: NieuwAuditRecord::door_systeem("t", Actie::Lezen, "t", "t", "t", "t"),
                vorige_hash: hex::encode([i - 1; 32]),
                hash: hex::encode([i; 32]),
            })
            .collect()
    }

    fn rand_tot(n: u8) -> Rand {
        let mut r = Rand::default();
        for i in 1..=n {
            r.voeg_toe(&[i; 32]);
        }
        r
    }

    fn grootte(v: &Boomvolger) -> Option<u64> {
        v.boom().map(|(r, _)| r.grootte())
    }

    /// The tree over records 1 ..= n, with record n's hash.
    fn boom_tot(n: u8) -> Option<(Rand, String)> {
        Some((rand_tot(n), hex::encode([n; 32])))
    }

    fn zaai_tot(v: &Boomvolger, n: u8) {
        v.zaai(&rand_tot(n), &hex::encode([n; 32]));
    }

    #[test]
    fn na_het_zaaien_groeit_de_boom_met_elke_append() {
        let v = Boomvolger::default();
        v.na_append(&records(4, 5));
        assert_eq!(grootte(&v), None, "not seeded: nothing known");
        zaai_tot(&v, 3);
        assert_eq!(v.boom(), boom_tot(5));
        v.na_append(&records(6, 9));
        assert_eq!(v.boom(), boom_tot(9));
    }

    #[test]
    fn een_append_na_een_gat_wacht_tot_het_gat_dicht_is() {
        let v = Boomvolger::default();
        zaai_tot(&v, 2);
        v.na_append(&records(5, 6));
        assert_eq!(grootte(&v), Some(2), "3 and 4 missing");
        v.na_append(&records(3, 4));
        assert_eq!(v.boom(), boom_tot(6));
    }

    #[test]
    fn zaaien_voorbij_een_gat_neemt_de_wachtende_mee() {
        let v = Boomvolger::default();
        zaai_tot(&v, 2);
        v.na_append(&records(6, 7));
        zaai_tot(&v, 5);
        assert_eq!(v.boom(), boom_tot(7));
        // A seed from an older checkpoint does not take the tree back.
        zaai_tot(&v, 4);
        assert_eq!(grootte(&v), Some(7));
        // An append the tree already holds changes nothing.
        v.na_append(&records(6, 7));
        assert_eq!(v.boom(), boom_tot(7));
    }

    #[test]
    fn een_append_die_niet_op_de_kop_volgt_maakt_de_boom_onbekend() {
        let v = Boomvolger::default();
        v.zaai(&rand_tot(2), &hex::encode([9; 32]));
        v.na_append(&records(3, 3));
        assert_eq!(grootte(&v), None);
        let w = Boomvolger::default();
        zaai_tot(&w, 3);
        w.na_append(&records(2, 4));
        assert_eq!(grootte(&w), None, "an append across the tree's end");
    }

    #[test]
    fn te_veel_wachtende_bladen_worden_vergeten() {
        let v = Boomvolger::default();
        v.na_append(&records(10, 10));
        assert_eq!(v.stand().bladen_wachtend, 1);
        let groot: Vec<AuditRecord> = (0..MAX_WACHTEND as i64)
            .map(|i| AuditRecord {
                volgnummer: 20 + i,
                ..records(3, 3).remove(0)
            })
            .collect();
        v.na_append(&groot);
        assert_eq!(v.stand().bladen_wachtend, 0);
        assert!(v.stand().wachtend.is_empty());
    }
}
