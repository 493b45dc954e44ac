//! The audit log as one RFC 6962 Merkle tree (as Certificate Transparency
//! and Trillian keep theirs): leaf `i` is record `i + 1`'s chain hash (32
//! bytes), hashed as SHA-256(0x00 || leaf); a node is SHA-256(0x01 || l || r).
//!
//! Proofs come from the `ct-merkle` crate (inclusion proofs over a tree in
//! memory, and their verification). What it lacks is the streaming form a
//! log of millions of records needs: the right border of the tree (one
//! subtree root per set bit of its size, O(log n)), extended leaf by leaf
//! without keeping the leaves. That is [`Rand`], written here; the tests
//! check its root against `ct-merkle`'s for every size up to a few hundred.

use ct_merkle::mem_backed_tree::MemoryBackedTree;
use ct_merkle::{InclusionProof, RootHash};
use sha2_011::{Digest, Sha256};

/// A 32-byte hash.
pub type Hash = [u8; 32];

/// The leaf of a record: its chain hash (hex) as 32 bytes.
pub fn blad(keten_hash: &str) -> Option<Hash> {
    hex::decode(keten_hash).ok()?.try_into().ok()
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

/// Inclusion proofs for leaves of one tree, held in memory (32 bytes per
/// leaf and two nodes per leaf: ~100 MB per million records).
pub struct Boom(MemoryBackedTree<Sha256, Hash>);

impl Boom {
    pub fn new(bladeren: impl IntoIterator<Item = Hash>) -> Self {
        let mut boom = MemoryBackedTree::new();
        for b in bladeren {
            boom.push(b);
        }
        Self(boom)
    }

    pub fn wortel(&self) -> Hash {
        (*self.0.root().as_bytes()).into()
    }

    /// The sibling hashes from the leaf up, or `None` for an index outside
    /// the tree.
    pub fn bewijs(&self, index: u64) -> Option<Vec<Hash>> {
        if index >= self.0.len() {
            return None;
        }
        let bewijs = self.0.prove_inclusion(usize::try_from(index).ok()?);
        Some(
            bewijs
                .as_bytes()
                .chunks(32)
                .filter_map(|c| c.try_into().ok())
                .collect(),
        )
    }
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
    use super::*;

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
            let boom = Boom::new(bladeren.iter().copied());
            assert_eq!(rand.wortel(), boom.wortel(), "grootte {}", i + 1);
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

    #[test]
    fn bewijzen_kloppen_en_een_ander_blad_niet() {
        let bladeren: Vec<Hash> = (0..37).map(blad_nr).collect();
        let boom = Boom::new(bladeren.iter().copied());
        let wortel = boom.wortel();
        for (i, b) in bladeren.iter().enumerate() {
            let bewijs = boom.bewijs(i as u64).expect("test");
            assert!(controleer_bewijs(&wortel, 37, i as u64, b, &bewijs));
            assert!(!controleer_bewijs(
                &wortel,
                37,
                i as u64,
                &blad_nr(99),
                &bewijs
            ));
        }
        assert!(boom.bewijs(37).is_none());
    }

    #[test]
    fn rand_uit_weigert_verkeerd_aantal_bomen() {
        assert!(Rand::uit(5, vec![[0; 32]]).is_none());
        assert!(Rand::uit(5, vec![[0; 32], [1; 32]]).is_some());
    }
}
