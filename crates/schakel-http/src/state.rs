//! Application state shared by all handlers.

use std::sync::Arc;
use std::time::Duration;

use metrics_exporter_prometheus::PrometheusHandle;
use schakel_rules::Regios;
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
    /// Days the municipality has to decide on a maatwerk referral.
    pub toetstermijn_dagen: u64,
    /// Encrypts TOTP secrets at rest and keys the recovery codes' hashes
    /// (`serve`: `$SCHAKEL_FACTOR_SLEUTEL` or `factor.sleutel` in the data
    /// directory, never in the database). None: stored unencrypted.
    pub factor_sleutel: Option<[u8; 32]>,
    /// The address users open Schakel at (`serve --publieke-url`): the
    /// origin and relying-party id of passkeys. None: no passkeys.
    pub publieke_url: Option<url::Url>,
    /// Where users reach the web application (`https://schakel.regio.nl`):
    /// activation and reset links start with it, and so does the single
    /// sign-on's redirect URI.
    pub basis_url: String,
    /// SMTP for activation and reset links; none: the links are only shown.
    pub post: Option<crate::post::Post>,
    /// Accept an `http://` issuer on a loopback address (a test provider);
    /// otherwise single sign-on talks to `https://` issuers only.
    pub sso_http_toegestaan: bool,
    /// How long the directory snapshot of address lookups serves before it
    /// is read again ([`crate::gids::VERS`]); a change on any instance ends
    /// it at once.
    pub gids_vers: std::time::Duration,
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
            toetstermijn_dagen: 8 * 7,
            factor_sleutel: None,
            publieke_url: None,
            basis_url: "http://127.0.0.1:8080".into(),
            post: None,
            sso_http_toegestaan: false,
            gids_vers: crate::gids::VERS,
        }
    }
}

pub struct Binnenkant {
    pub opslag: Arc<dyn Opslag>,
    /// Every region this installation serves, with its rules (issue 17).
    pub regios: Regios,
    pub instellingen: Instellingen,
    /// Failed logins per client address and per account.
    pub inlogpogingen: Inlogpogingen,
    pub metrics: Option<PrometheusHandle>,
    /// The wijkteams' werkgebieden, for address lookups.
    pub gebieden: crate::gids::GebiedenCache,
    /// Passkeys (WebAuthn) for the public URL, when one is configured.
    pub webauthn: Option<webauthn_rs::Webauthn>,
    /// Seals what the browser carries between two requests of an
    /// enrolment: the factor key, else one made for this process.
    pub zegel_sleutel: [u8; 32],
    /// Forms sent after their session expired, until the new login.
    pub bewaard: crate::web::bewaard::Bewaarplaats,
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
        regios: impl Into<Regios>,
        instellingen: Instellingen,
        metrics: Option<PrometheusHandle>,
    ) -> Self {
        let webauthn = instellingen.publieke_url.as_ref().and_then(webauthn);
        let zegel_sleutel = instellingen
            .factor_sleutel
            .unwrap_or_else(rand::random::<[u8; 32]>);
        let gebieden = crate::gids::GebiedenCache::met_vers(instellingen.gids_vers);
        Self(Arc::new(Binnenkant {
            opslag,
            regios: regios.into(),
            instellingen,
            inlogpogingen: Inlogpogingen,
            metrics,
            gebieden,
            webauthn,
            zegel_sleutel,
            bewaard: Default::default(),
        }))
    }
}

/// The relying party for passkeys at `url`: its host is the RP id. None
/// (and a warning) when webauthn-rs refuses it, e.g. an IP address.
fn webauthn(url: &url::Url) -> Option<webauthn_rs::Webauthn> {
    let host = url.host_str()?;
    match webauthn_rs::WebauthnBuilder::new(host, url).and_then(|b| b.rp_name("Schakel").build()) {
        Ok(w) => Some(w),
        Err(e) => {
            tracing::warn!("passkeys uit: {url} kan geen relying party zijn ({e})");
            None
        }
    }
}

/// Failed logins in the last minute, counted in the database (so every
/// server instance on it counts the same attempts), per account and per
/// client address **separately**: five failures on one account block that
/// account for the rest of the minute (a guesser spread over many
/// addresses); an address is blocked only at twenty failures (a guesser
/// trying many accounts). So a wrong-password storm on one account from a
/// school's shared NAT address blocks that account, not every colleague
/// behind the address. Only failures count, and a refused (blocked)
/// attempt is no failure, so the storm does not climb to the address's
/// limit on its own. Keys are stored hashed.
#[derive(Default)]
pub struct Inlogpogingen;

/// What is counted: an account or an address, with its own limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Teller {
    /// Stored: a hash of "account <e-mail>" or "adres <ip>".
    pub sleutel: String,
    pub maximum: usize,
    /// For the audit log: `geblokkeerd_account` or `geblokkeerd_adres`.
    pub grond: &'static str,
}

impl Inlogpogingen {
    pub const PER_ACCOUNT: usize = 5;
    pub const PER_ADRES: usize = 20;
    pub const VENSTER: Duration = Duration::from_secs(60);

    /// The account's counter and the address's, in that order.
    pub fn tellers(email: &str, adres: std::net::IpAddr) -> [Teller; 2] {
        [
            Teller {
                sleutel: crate::auth::hash_geheim(&format!("account {email}")),
                maximum: Self::PER_ACCOUNT,
                grond: "geblokkeerd_account",
            },
            Teller {
                sleutel: crate::auth::hash_geheim(&format!("adres {adres}")),
                maximum: Self::PER_ADRES,
                grond: "geblokkeerd_adres",
            },
        ]
    }

    /// Failed returns from an identity provider (single sign-on: a forged
    /// or used state, a wrong nonce, a token that does not validate),
    /// per client address: the same limit as an address's failed
    /// passwords, counted apart, so a storm of forged callbacks blocks
    /// only further callbacks from that address.
    pub fn sso_teller(adres: std::net::IpAddr) -> Teller {
        Teller {
            sleutel: crate::auth::hash_geheim(&format!("sso-adres {adres}")),
            maximum: Self::PER_ADRES,
            grond: "geblokkeerd_adres_sso",
        }
    }

    fn venster() -> chrono::Duration {
        chrono::Duration::from_std(Self::VENSTER).unwrap_or(chrono::Duration::minutes(1))
    }

    /// The first counter that blocks, with how long until the next attempt.
    pub async fn blokkade<'a>(
        &self,
        opslag: &dyn Opslag,
        tellers: &'a [Teller],
    ) -> schakel_storage::Resultaat<Option<(&'a Teller, Duration)>> {
        let nu = chrono::Utc::now();
        for t in tellers {
            let pogingen = opslag
                .mislukte_inlogs(&t.sleutel, nu - Self::venster())
                .await?;
            if pogingen.len() >= t.maximum {
                // Free again once all but maximum - 1 have left the window.
                let vrij = pogingen[pogingen.len() - t.maximum] + Self::venster();
                let wacht = (vrij - nu).to_std().unwrap_or(Duration::from_secs(1));
                return Ok(Some((t, wacht)));
            }
        }
        Ok(None)
    }

    pub async fn mislukt(
        &self,
        opslag: &dyn Opslag,
        tellers: &[Teller],
    ) -> schakel_storage::Resultaat<()> {
        let nu = chrono::Utc::now();
        let sleutels: Vec<String> = tellers.iter().map(|t| t.sleutel.clone()).collect();
        opslag
            .registreer_mislukte_inlog(&sleutels, nu, nu - Self::venster())
            .await
    }

    /// A successful login clears the account's failures (not the address's).
    pub async fn gelukt(
        &self,
        opslag: &dyn Opslag,
        account: &Teller,
    ) -> schakel_storage::Resultaat<()> {
        opslag.wis_mislukte_inlogs(&account.sleutel).await
    }
}
