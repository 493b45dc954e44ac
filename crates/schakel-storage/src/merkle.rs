//! The audit log as one RFC 6962 Merkle tree (as Certificate Transparency
//! and Trillian keep theirs): leaf `i` is record `i + 1`'s chain hash (32
//! bytes), hashed as SHA-256(0x00 || leaf); a node is SHA-256(0x01 || l || r).
//!
//! Proofs are checked by the `ct-merkle` crate. What it lacks is the
//! streaming form a log of millions of records needs: the right border of
//! the tree (one subtree root per set bit of its size, O(log n)), extended
//! leaf by leaf without keeping the leaves ([`Rand`]), and inclusion proofs
//! made in one such pass ([`Bewijzer`]). Both are written here; the tests
//! check their roots and proofs against `ct-merkle`'s tree in memory for
//! every size and leaf up to a few hundred.

use std::collections::{BTreeSet, HashMap, HashSet};

use ct_merkle::{InclusionProof, RootHash};
use sha2_011::{Digest, Sha256};

/// A 32-byte hash.
pub type Hash = [u8; 32];

/// The leaf of a record: its chain hash (hex) as 32 bytes.
pub fn blad(keten_hash: &str) -> Option<Hash> {
    // Into the array directly: `hex::decode` collects a Vec byte by byte
    // through an iterator, a quarter of a checkpoint's time over 10M leaves.
    let mut blad = [0u8; 32];
    hex::decode_to_slice(keten_hash, &mut blad).ok()?;
    Some(blad)
}

/// SHA-256(0x00 || leaf).
pub fn blad_hash(blad: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(blad);
    h.finalize().into()
}

/// SHA-256(0x01 || left || right).
pub fn knoop_hash(links: &Hash, rechts: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(links);
    h.update(rechts);
    h.finalize().into()
}

/// The right border of a tree of `grootte` leaves: the roots of its perfect
/// subtrees from the largest (left) to the smallest (right), one per set
/// bit of `grootte`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rand {
    grootte: u64,
    bomen: Vec<Hash>,
}

impl Rand {
    /// A border read back: `None` when the number of subtrees does not match
    /// the size (a border that was tampered with or cut).
    pub fn uit(grootte: u64, bomen: Vec<Hash>) -> Option<Self> {
        (bomen.len() == grootte.count_ones() as usize).then_some(Self { grootte, bomen })
    }

    pub fn grootte(&self) -> u64 {
        self.grootte
    }

    pub fn bomen(&self) -> &[Hash] {
        &self.bomen
    }

    /// Appends one leaf: merges equal-sized subtrees as a binary counter.
    pub fn voeg_toe(&mut self, blad: &Hash) {
        let mut h = blad_hash(blad);
        let mut n = self.grootte;
        while n & 1 == 1 {
            let links = self.bomen.pop().expect("one subtree per set bit");
            h = knoop_hash(&links, &h);
            n >>= 1;
        }
        self.bomen.push(h);
        self.grootte += 1;
    }

    /// The tree's root (RFC 6962 MTH): the subtrees folded from the right.
    /// The empty tree's root is SHA-256 of nothing.
    pub fn wortel(&self) -> Hash {
        let mut bomen = self.bomen.iter().rev();
        let Some(eerste) = bomen.next() else {
            return Sha256::digest([]).into();
        };
        bomen.fold(*eerste, |rechts, links| knoop_hash(links, &rechts))
    }
}

/// Inclusion proofs for chosen leaves of a tree of `grootte` leaves, made
/// in one pass over all its leaves that keeps only the subtree roots the
/// proofs need: a few per proof, never the tree. (`ct-merkle`'s tree in
/// memory took ~100 MB per million leaves; a region's year of log is
/// ~150 million.)
pub struct Bewijzer {
    grootte: u64,
    gezocht: BTreeSet<u64>,
    nodig: HashSet<Deelboom>,
    gevonden: HashMap<Deelboom, Hash>,
    /// The right border so far: (subtree, root), the largest first.
    rand: Vec<(Deelboom, Hash)>,
    gezien: u64,
}

/// A perfect subtree: its first leaf and its number of leaves (a power of
/// two, the first leaf a multiple of it).
type Deelboom = (u64, u64);

impl Bewijzer {
    /// Proofs for the leaves `indices` (0-based) that lie in the tree.
    pub fn new(grootte: u64, indices: impl IntoIterator<Item = u64>) -> Self {
        let gezocht: BTreeSet<u64> = indices.into_iter().filter(|&i| i < grootte).collect();
        let nodig = gezocht
            .iter()
            .flat_map(|&m| pad(m, grootte))
            .flat_map(|(van, tot)| deelbomen(van, tot))
            .collect();
        Self {
            grootte,
            gezocht,
            nodig,
            gevonden: HashMap::new(),
            rand: Vec::new(),
            gezien: 0,
        }
    }

    /// The leaves sought that lie in the tree.
    pub fn gezocht(&self) -> &BTreeSet<u64> {
        &self.gezocht
    }

    /// Feeds the next leaf (leaf 0 first); leaves beyond the tree are
    /// ignored.
    pub fn voeg_toe(&mut self, blad: &Hash) {
        if self.gezien == self.grootte {
            return;
        }
        let mut knoop = ((self.gezien, 1), blad_hash(blad));
        self.bewaar(&knoop);
        while let Some(&((van, n), links)) = self.rand.last()
            && n == knoop.0.1
        {
            self.rand.pop();
            knoop = ((van, 2 * n), knoop_hash(&links, &knoop.1));
            self.bewaar(&knoop);
        }
        self.rand.push(knoop);
        self.gezien += 1;
    }

    fn bewaar(&mut self, (deelboom, hash): &(Deelboom, Hash)) {
        if self.nodig.contains(deelboom) {
            self.gevonden.insert(*deelboom, *hash);
        }
    }

    /// Each sought leaf's sibling hashes from the leaf up (RFC 6962 PATH),
    /// or `None` while not every leaf of the tree has been fed.
    pub fn bewijzen(&self) -> Option<HashMap<u64, Vec<Hash>>> {
        if self.gezien != self.grootte {
            return None;
        }
        self.gezocht
            .iter()
            .map(|&m| {
                let bewijs = pad(m, self.grootte)
                    .into_iter()
                    .map(|(van, tot)| self.wortel_van(van, tot))
                    .collect::<Option<Vec<_>>>()?;
                Some((m, bewijs))
            })
            .collect()
    }

    /// MTH of leaves `van .. tot`: its perfect subtrees folded from the right.
    fn wortel_van(&self, van: u64, tot: u64) -> Option<Hash> {
        let mut wortels = deelbomen(van, tot)
            .map(|d| self.gevonden.get(&d).copied())
            .collect::<Option<Vec<_>>>()?
            .into_iter()
            .rev();
        let rechts = wortels.next()?;
        Some(wortels.fold(rechts, |rechts, links| knoop_hash(&links, &rechts)))
    }
}

/// The leaf ranges whose roots are leaf `m`'s proof in a tree of `n`
/// leaves, from the leaf up: RFC 6962 section 2.1.1, PATH(m, D[n]), with
/// the split at the largest power of two below the size.
fn pad(mut m: u64, mut n: u64) -> Vec<(u64, u64)> {
    let mut van = 0;
    let mut van_boven = Vec::new();
    while n > 1 {
        let k = 1 << (u64::BITS - 1 - (n - 1).leading_zeros());
        if m < k {
            van_boven.push((van + k, van + n));
            n = k;
        } else {
            van_boven.push((van, van + k));
            (m, van, n) = (m - k, van + k, n - k);
        }
    }
    van_boven.reverse();
    van_boven
}

/// Leaves `van .. tot` as perfect subtrees, the largest (leftmost) first:
/// one per set bit of the range's length. Every range of [`pad`] starts at
/// a multiple of its largest part, so the parts are the subtrees
/// [`Bewijzer::voeg_toe`] builds.
fn deelbomen(van: u64, tot: u64) -> impl Iterator<Item = Deelboom> {
    let lengte = tot - van;
    let mut begin = van;
    (0..u64::BITS)
        .rev()
        .filter(move |b| lengte >> b & 1 == 1)
        .map(move |b| {
            let deel = (begin, 1 << b);
            begin += 1 << b;
            deel
        })
}

/// Whether `blad` is leaf `index` of the tree of `grootte` leaves with root
/// `wortel`, by the sibling hashes `bewijs`.
pub fn controleer_bewijs(
    wortel: &Hash,
    grootte: u64,
    index: u64,
    blad: &Hash,
    bewijs: &[Hash],
) -> bool {
    let root = RootHash::<Sha256>::new((*wortel).into(), grootte);
    let proof = InclusionProof::<Sha256>::from_digests(bewijs.iter().map(|h| h.into()));
    root.verify_inclusion(blad, index, &proof).is_ok()
}

#[cfg(test)]
mod tests {
    use ct_merkle::mem_backed_tree::MemoryBackedTree;

    use super::*;

    /// `ct-merkle`'s tree in memory, the reference.
    fn boom(bladeren: &[Hash]) -> MemoryBackedTree<Sha256, Hash> {
        let mut boom = MemoryBackedTree::new();
        for b in bladeren {
            boom.push(*b);
        }
        boom
    }

    #[test]
    fn een_blad_is_de_hash_als_32_bytes() {
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        let verwacht: Hash = Sha256::digest(b"abc").into();
        assert_eq!(blad(abc), Some(verwacht));
        assert_eq!(blad(&abc.to_uppercase()), Some(verwacht));
        for kapot in [&abc[..62], &format!("{abc}00"), &abc.replace('b', "g"), ""] {
            assert_eq!(blad(kapot), None, "{kapot}");
        }
    }

    fn bewijs_van(boom: &MemoryBackedTree<Sha256, Hash>, index: u64) -> Vec<Hash> {
        boom.prove_inclusion(index as usize)
            .as_bytes()
            .chunks(32)
            .map(|c| c.try_into().expect("32 bytes"))
            .collect()
    }

    fn blad_nr(i: u64) -> Hash {
        Sha256::digest(i.to_be_bytes()).into()
    }

    #[test]
    fn rand_geeft_dezelfde_wortel_als_ct_merkle() {
        let mut rand = Rand::default();
        let mut bladeren = Vec::new();
        for i in 0..300u64 {
            rand.voeg_toe(&blad_nr(i));
            bladeren.push(blad_nr(i));
            let wortel: Hash = (*boom(&bladeren).root().as_bytes()).into();
            assert_eq!(rand.wortel(), wortel, "grootte {}", i + 1);
            assert_eq!(rand.bomen().len(), (i + 1).count_ones() as usize);
        }
    }

    #[test]
    fn rfc6962_wortel_van_twee_bladeren() {
        // MTH({d0, d1}) = SHA-256(0x01 || SHA-256(0x00 || d0) || SHA-256(0x00 || d1)).
        let mut rand = Rand::default();
        rand.voeg_toe(&blad_nr(0));
        rand.voeg_toe(&blad_nr(1));
        let verwacht = knoop_hash(&blad_hash(&blad_nr(0)), &blad_hash(&blad_nr(1)));
        assert_eq!(rand.wortel(), verwacht);
        assert_eq!(
            hex::encode(Rand::default().wortel()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    /// Every leaf of every tree up to 130 leaves: the streamed proof is
    /// `ct-merkle`'s, byte for byte, and verifies against the root.
    #[test]
    fn bewijzer_geeft_de_bewijzen_van_ct_merkle() {
        for grootte in 1..=130u64 {
            let bladeren: Vec<Hash> = (0..grootte).map(blad_nr).collect();
            let referentie = boom(&bladeren);
            let wortel: Hash = (*referentie.root().as_bytes()).into();
            let mut bewijzer = Bewijzer::new(grootte, 0..grootte);
            for b in &bladeren {
                bewijzer.voeg_toe(b);
            }
            let bewijzen = bewijzer.bewijzen().expect("every leaf fed");
            assert_eq!(bewijzen.len() as u64, grootte);
            for (i, b) in bladeren.iter().enumerate() {
                let i = i as u64;
                assert_eq!(bewijzen[&i], bewijs_van(&referentie, i), "{i} of {grootte}");
                assert!(controleer_bewijs(&wortel, grootte, i, b, &bewijzen[&i]));
            }
        }
    }

    /// A few leaves of a larger tree; one that is not in it; proofs only
    /// once every leaf was fed; a wrong leaf does not verify.
    #[test]
    fn bewijzer_voor_enkele_bladeren() {
        let grootte = 1_000u64;
        let bladeren: Vec<Hash> = (0..grootte).map(blad_nr).collect();
        let referentie = boom(&bladeren);
        let wortel: Hash = (*referentie.root().as_bytes()).into();
        let mut bewijzer = Bewijzer::new(grootte, [0, 511, 512, 999, 1_000]);
        for b in &bladeren[..999] {
            bewijzer.voeg_toe(b);
        }
        assert!(bewijzer.bewijzen().is_none(), "a leaf is missing");
        bewijzer.voeg_toe(&bladeren[999]);
        bewijzer.voeg_toe(&blad_nr(5_000));
        let bewijzen = bewijzer.bewijzen().expect("every leaf fed");
        let mut gevonden: Vec<u64> = bewijzen.keys().copied().collect();
        gevonden.sort_unstable();
        assert_eq!(gevonden, [0, 511, 512, 999]);
        for (&i, bewijs) in &bewijzen {
            assert_eq!(*bewijs, bewijs_van(&referentie, i));
            assert!(controleer_bewijs(
                &wortel,
                grootte,
                i,
                &bladeren[i as usize],
                bewijs
            ));
            assert!(!controleer_bewijs(
                &wortel,
                grootte,
                i,
                &blad_nr(5_000),
                bewijs
            ));
        }
        assert_eq!(bewijzen[&0].len(), 10, "ceil(log2(1000)) siblings");
    }

    #[test]
    fn rand_uit_weigert_verkeerd_aantal_bomen() {
        assert!(Rand::uit(5, vec![[0; 32]]).is_none());
        assert!(Rand::uit(5, vec![[0; 32], [1; 32]]).is_some());
    }
}
