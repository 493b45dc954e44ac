//! `schakel-auditvul`: appends N generated audit records to a Schakel
//! database through the real append path (the sequencer's batches, the
//! hash chain), to time `schakel audit verify` over a large log (issue
//! 15.4, BENCHMARKS.md). Each record reads like a case-list read: a
//! casusregisseur of wijkteam 1 reading one jeugdige, with a pseudonym.
//!
//! ```sh
//! schakel-auditvul --database-url sqlite:///tmp/audit.db --records 10000000
//! ```

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use schakel_domain::Rol;
use schakel_storage::audit::{Actie, NieuwAuditRecord, Uitkomst, nu};

#[derive(Parser)]
#[command(about = "Voegt gegenereerde auditrecords toe (alleen voor metingen)")]
struct Opties {
    /// postgres://… or sqlite://PATH.
    #[arg(long, env = "SCHAKEL_DATABASE_URL")]
    database_url: String,
    /// How many records to append.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    records: u64,
    /// Records per call (one batch, one transaction).
    #[arg(long, default_value_t = 5_000,
          value_parser = clap::value_parser!(u64).range(1..=5_000))]
    batch: u64,
}

fn record(i: u64) -> NieuwAuditRecord {
    NieuwAuditRecord {
        gebeurtenis: "jeugdige.lijst".into(),
        actie: Actie::Lezen,
        tijdstip: nu(),
        gebruiker: Some(1),
        rol: Some(Rol::Casusregisseur),
        organisatie: Some(1),
        namens: None,
        client_type: Some("bsn-pseudoniem".into()),
        // A fixed-width stand-in with the length of a real pseudonym.
        client: Some(format!("{i:064x}")),
        object_type: "jeugdige".into(),
        object_id: i64::try_from(i).ok(),
        uitkomst: Uitkomst::Toegestaan,
        grond: Some("casus_wijkteam".into()),
        bron: "api 127.0.0.1".into(),
        systeem: "schakel-auditvul".into(),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let opties = Opties::parse();
    let opslag = match schakel_loadtest::open(&opties.database_url).await {
        Ok(o) => o,
        Err(e) => {
            eprintln!("fout: --database-url: {e}");
            return ExitCode::from(2);
        }
    };
    let begin = Instant::now();
    let mut gedaan = 0;
    while gedaan < opties.records {
        let n = opties.batch.min(opties.records - gedaan);
        let records: Vec<_> = (gedaan..gedaan + n).map(record).collect();
        if let Err(e) = opslag.schrijf_audits(records).await {
            eprintln!("fout: database: {e}");
            return ExitCode::from(1);
        }
        gedaan += n;
        if gedaan % 1_000_000 < n {
            eprintln!("{gedaan} records, {:.0} s", begin.elapsed().as_secs_f64());
        }
    }
    let s = begin.elapsed().as_secs_f64();
    println!(
        "{{\"records\": {gedaan}, \"seconden\": {s:.1}, \"per_seconde\": {:.0}}}",
        gedaan as f64 / s
    );
    ExitCode::SUCCESS
}
