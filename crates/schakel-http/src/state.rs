//! Application state shared by all handlers.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
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
}

impl Default for Instellingen {
    fn default() -> Self {
        Self {
            veilige_cookies: false,
            sessie_inactief: chrono::Duration::minutes(30),
            sessie_max: chrono::Duration::hours(12),
            pseudoniem_sleutel: Vec::new(),
        }
    }
}

pub struct Binnenkant {
    pub opslag: Arc<dyn Opslag>,
    pub regels: Regelset,
    pub instellingen: Instellingen,
    /// Login attempts per client address: 5 per minute.
    pub login_limiet: DefaultKeyedRateLimiter<IpAddr>,
    pub metrics: Option<PrometheusHandle>,
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
        let per_minuut = Quota::per_minute(NonZeroU32::new(5).unwrap_or(NonZeroU32::MIN));
        Self(Arc::new(Binnenkant {
            opslag,
            regels,
            instellingen,
            login_limiet: RateLimiter::keyed(per_minuut),
            metrics,
        }))
    }
}
