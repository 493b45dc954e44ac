//! Shared pieces of Schakel's load-test tools (`schakel-vul`,
//! `schakel-gids`): generated data, never demo data.

/// The allocator of every load-test tool, as in `schakel` itself (see
/// its `main.rs`): the tools measure the same code paths.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// --- deterministic randomness ---------------------------------------------------

/// splitmix64: small, fast, deterministic per seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn volgende(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n (n > 0).
    pub fn onder(&mut self, n: u64) -> u64 {
        self.volgende() % n
    }

    pub fn kans(&mut self, procent: u64) -> bool {
        self.onder(100) < procent
    }

    pub fn kies<T: Copy>(&mut self, uit: &[T]) -> T {
        uit[self.onder(uit.len() as u64) as usize]
    }
}

// --- the store ---------------------------------------------------------------------

/// The store at `url`: `postgres://…`, else an SQLite file (`sqlite://PATH`).
pub async fn open(url: &str) -> Result<Box<dyn schakel_storage::Opslag>, String> {
    if url.starts_with("postgres") {
        Ok(Box::new(
            schakel_storage_postgres::PgOpslag::connect(url)
                .await
                .map_err(|e| e.to_string())?,
        ))
    } else {
        let pad = url.trim_start_matches("sqlite://");
        Ok(Box::new(
            schakel_storage_sqlite::SqliteOpslag::open(std::path::Path::new(pad))
                .await
                .map_err(|e| e.to_string())?,
        ))
    }
}
