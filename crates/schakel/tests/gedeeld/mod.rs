//! What several test binaries share: a fresh PostgreSQL database per test
//! on the server `SCHAKEL_TEST_PG_URL` names, and a runtime for blocking
//! tests.

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

pub fn pg_basis_url() -> Option<String> {
    match std::env::var("SCHAKEL_TEST_PG_URL") {
        Ok(u) if !u.trim().is_empty() => Some(u),
        _ if std::env::var_os("CI").is_some() => panic!(
            "SCHAKEL_TEST_PG_URL is not set, and CI is: the PostgreSQL tests must run in CI \
             (scripts/test starts a throwaway server with scripts/pg)"
        ),
        _ => {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "\nOVERGESLAGEN: SCHAKEL_TEST_PG_URL is not set, so the PostgreSQL test \
                 does not run. Run scripts/test, or: eval \"$(scripts/pg start)\" and cargo \
                 test again.\n"
            );
            None
        }
    }
}

/// The same server URL with another database.
pub fn met_database(basis: &str, naam: &str) -> String {
    let (zonder_query, query) = basis.split_once('?').unwrap_or((basis, ""));
    let begin_pad = zonder_query
        .find("://")
        .map(|i| i + 3)
        .and_then(|i| zonder_query[i..].find('/').map(|j| i + j))
        .unwrap_or(zonder_query.len());
    let query: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("dbname="))
        .collect();
    let mut url = format!("{}/{naam}", &zonder_query[..begin_pad]);
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.join("&"));
    }
    url
}

/// A fresh database for this test, dropped again when this goes.
static VOLGNUMMER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

pub struct PgDb {
    basis: String,
    naam: String,
    pub url: String,
}

impl PgDb {
    pub fn nieuw(basis: String) -> Self {
        use sqlx::Connection;
        let naam = format!(
            "schakel_test_{}_{}_{}",
            std::process::id(),
            VOLGNUMMER.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            chrono::Utc::now().timestamp_micros() % 1_000_000_000
        );
        runtime().block_on(async {
            let mut c = sqlx::PgConnection::connect(&basis)
                .await
                .expect("connect to SCHAKEL_TEST_PG_URL");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {naam}")))
                .execute(&mut c)
                .await
                .expect("create database");
            c.close().await.ok();
        });
        let url = met_database(&basis, &naam);
        Self { basis, naam, url }
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        use sqlx::Connection;
        runtime().block_on(async {
            if let Ok(mut c) = sqlx::PgConnection::connect(&self.basis).await {
                let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    self.naam
                )))
                .execute(&mut c)
                .await;
            }
        });
    }
}
