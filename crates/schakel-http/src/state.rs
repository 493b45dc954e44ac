//! Application state shared by all handlers.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use metrics_exporter_prometheus::PrometheusHandle;
use schakel_rules::Regelset;
use schakel_storage::Opslag;

#[derive(Debug, Clone)]
pub struct Instellingen {
    /// Set the Secure attribute on cookies (behind TLS).
    pub veilige_cookies: bool,
    /// A session ends after this long without activity.
    pub sessie_inactief: chrono::Duration,
    /// And after this long in any case.
    pub sessie_max: chrono::Duration,
    /// Key for BSN pseudonyms in the audit log.
    pub pseudoniem_sleutel: Vec<u8>,
    /// The web application's built styles and scripts (`scripts/web-build`),
    /// served under /statisch; none: pages without them.
    pub web_map: Option<std::path::PathBuf>,
    /// How many BSN checks (registering a jeugdige) one account may make
    /// per hour; then 429 until the hour has passed (issue 12).
    pub bsn_controles_per_uur: i64,
    /// How long access lasts after the relation that gave it ends.
    pub termijnen: schakel_domain::toegang::Termijnen,
}

impl Default for Instellingen {
    fn default() -> Self {
        Self {
            veilige_cookies: false,
            sessie_inactief: chrono::Duration::minutes(30),
            sessie_max: chrono::Duration::hours(12),
            pseudoniem_sleutel: Vec::new(),
            web_map: None,
            bsn_controles_per_uur: 20,
            termijnen: Default::default(),
        }
    }
}

pub struct Binnenkant {
    pub opslag: Arc<dyn Opslag>,
    pub regels: Regelset,
    pub instellingen: Instellingen,
    /// Failed logins per client address and per account.
    pub inlogpogingen: Inlogpogingen,
    pub metrics: Option<PrometheusHandle>,
    /// The wijkteams' werkgebieden, for address lookups.
    pub gebieden: crate::gids::GebiedenCache,
}

#[derive(Clone)]
pub struct AppState(pub Arc<Binnenkant>);

impl std::ops::Deref for AppState {
    type Target = Binnenkant;

    fn deref(&self) -> &Binnenkant {
        &self.0
    }
}

impl AppState {
    pub fn new(
        opslag: Arc<dyn Opslag>,
        regels: Regelset,
        instellingen: Instellingen,
        metrics: Option<PrometheusHandle>,
    ) -> Self {
        Self(Arc::new(Binnenkant {
            opslag,
            regels,
            instellingen,
            inlogpogingen: Inlogpogingen::default(),
            metrics,
            gebieden: Default::default(),
        }))
    }
}

/// Failed logins in the last minute, per key (a client address, an account).
/// At five, further attempts on that key are refused until the oldest
/// failure is a minute old. Only failures count, so colleagues behind one
/// school address do not lock each other out by logging in; a password
/// guesser is stopped per address and, spread over many addresses, per
/// account. (A rate limiter such as governor counts every attempt, which is
/// why this small window is kept here.)
#[derive(Default)]
pub struct Inlogpogingen {
    mislukt: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Inlogpogingen {
    pub const MAXIMUM: usize = 5;
    pub const VENSTER: Duration = Duration::from_secs(60);

    fn lijst(&self) -> std::sync::MutexGuard<'_, HashMap<String, VecDeque<Instant>>> {
        self.mislukt
            .lock()
            .unwrap_or_else(|vergiftigd| vergiftigd.into_inner())
    }

    /// How long to wait before the next attempt on any of `sleutels`, if at all.
    pub fn wachttijd(&self, sleutels: &[String]) -> Option<Duration> {
        let nu = Instant::now();
        let mut lijst = self.lijst();
        sleutels
            .iter()
            .filter_map(|k| {
                let pogingen = lijst.get_mut(k)?;
                while pogingen
                    .front()
                    .is_some_and(|t| nu.duration_since(*t) >= Self::VENSTER)
                {
                    pogingen.pop_front();
                }
                (pogingen.len() >= Self::MAXIMUM)
                    .then(|| Self::VENSTER - nu.duration_since(pogingen[0]))
            })
            .max()
    }

    pub fn mislukt(&self, sleutels: &[String]) {
        let nu = Instant::now();
        let mut lijst = self.lijst();
        if lijst.len() > 10_000 {
            lijst.retain(|_, p| {
                p.back()
                    .is_some_and(|t| nu.duration_since(*t) < Self::VENSTER)
            });
        }
        for k in sleutels {
            let pogingen = lijst.entry(k.clone()).or_default();
            pogingen.push_back(nu);
            if pogingen.len() > Self::MAXIMUM {
                pogingen.pop_front();
            }
        }
    }

    /// A successful login clears the account's failures (not the address's).
    pub fn gelukt(&self, account: &str) {
        self.lijst().remove(account);
    }
}
