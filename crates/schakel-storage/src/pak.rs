//! How a sequencer's batch of audit records is stored, on both engines: a
//! row of `audit_pak` holds the batch's JSON (the array `sql::kern` writes)
//! as its length (four bytes, little-endian) and an LZ4 block in
//! `records_lz4`, with `records` empty. A batch's records repeat most of
//! their fields, so it takes about a quarter of the text: on SQLite a
//! quarter of the pages to write, sync and checkpoint; on PostgreSQL a
//! quarter of the TOAST rows and WAL, with the compressing done by the
//! instances, which scale out, rather than by the one primary
//! (BENCHMARKS.md, "The batches compressed on SQLite", "… and on
//! PostgreSQL"). Batches written before the column keep their text.

use crate::{OpslagFout, Resultaat};

/// What a row of `audit_pak` gives its readers: `records` (text, empty when
/// compressed) and `records_lz4`.
pub type PakInhoud = (String, Option<Vec<u8>>);

/// The largest batch JSON a reader unpacks: the sequencer's 5,000 records
/// of at most a few KB each fit many times over, and a length someone wrote
/// into the database is not allocated blindly.
const PAK_MAX_BYTES: usize = 256 * 1024 * 1024;

/// A batch's JSON as `records_lz4` holds it.
pub fn pak_lz4(json: &str) -> Vec<u8> {
    lz4_flex::block::compress_prepend_size(json.as_bytes())
}

/// The batch's JSON from what its row holds: also for whoever reads the log
/// without the store (the crash and tamper tests do). A damaged block, or a
/// stated length past [`PAK_MAX_BYTES`], is an error, never a panic.
pub fn pak_json((tekst, lz4): PakInhoud) -> Resultaat<String> {
    let Some(lz4) = lz4 else {
        return Ok(tekst);
    };
    let kapot = || OpslagFout::ongeldige_kolom("records_lz4");
    let (lengte, blok) = lz4.split_first_chunk::<4>().ok_or_else(kapot)?;
    let lengte = usize::try_from(u32::from_le_bytes(*lengte)).map_err(|_| kapot())?;
    if lengte > PAK_MAX_BYTES {
        return Err(kapot());
    }
    let json = lz4_flex::block::decompress(blok, lengte).map_err(|_| kapot())?;
    String::from_utf8(json).map_err(|_| kapot())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn een_batch_komt_terug_zoals_hij_ging() {
        let json = r#"[[1,"jeugdige.lezen","R"],[2,"jeugdige.lezen","R"]]"#.repeat(50);
        let lz4 = pak_lz4(&json);
        assert!(
            lz4.len() < json.len() / 4,
            "{} of {} bytes",
            lz4.len(),
            json.len()
        );
        assert_eq!(pak_json((String::new(), Some(lz4))).expect("unpacks"), json);
        assert_eq!(pak_json((json.clone(), None)).expect("text"), json);
    }

    #[test]
    fn een_beschadigde_batch_is_een_fout() {
        let mut te_lang = pak_lz4("[]");
        te_lang[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        for kapot in [vec![1], te_lang, vec![2, 0, 0, 0, 0xff]] {
            assert!(matches!(
                pak_json((String::new(), Some(kapot))),
                Err(OpslagFout::Database(_))
            ));
        }
    }
}
