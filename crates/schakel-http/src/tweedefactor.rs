//! Multi-factor login (issue 13.3; BIO2 5.17.01, NEN 7510). Every account
//! that can see personal data, and every beheerder, proves itself with a
//! second factor after its password: a TOTP app (RFC 6238, `totp-rs`) with
//! ten single-use recovery codes, or a passkey (WebAuthn, `webauthn-rs`).
//!
//! Between the two factors the login is an [`Aanmelding`]: its own cookie
//! ([`AANMELD_COOKIE`]), its own short expiry, and no access to anything
//! but the second-factor step — it is no `Sessie`, so no extractor of the
//! API or the pages accepts it. [`na_eerste_factor`] is the one door from a
//! first factor (password, or single sign-on) to either a session or that
//! step.
//!
//! TOTP secrets are stored encrypted (AES-256-GCM) with the server's
//! factor key ([`crate::Instellingen::factor_sleutel`], kept outside the
//! database), so a database dump alone does not hand them out; without a
//! key they are stored as they are, marked `open:` (tests only: `serve`
//! always has a key). Recovery codes are stored as keyed hashes.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use schakel_domain::Rol;
use schakel_storage::audit::{Actie, NieuwAuditRecord, Uitkomst};
use schakel_storage::{
    AanmeldDoel, Aanmelding, Factorsoort, Medewerker, NieuweTweedeFactor, Roltoewijzing, Sessie,
    TweedeFactor,
};
use serde::{Serialize, de::DeserializeOwned};
use sha2::Sha256;
use totp_rs::{Algorithm, Secret, TOTP};
use webauthn_rs::prelude::{
    CreationChallengeResponse, Passkey, PasskeyAuthentication, PasskeyRegistration,
    PublicKeyCredential, RegisterPublicKeyCredential, RequestChallengeResponse, Uuid,
};

use crate::api::sessies::SessieInfo;
use crate::auth::{hash_geheim, nieuw_geheim};
use crate::fout::{ApiFout, ApiResultaat};
use crate::state::{AppState, Inlogpogingen};
use crate::toegangslog::{self, Wie};

/// The cookie of a login waiting for its second factor.
pub const AANMELD_COOKIE: &str = "schakel_aanmelding";
/// How long the second-factor step waits after the password.
pub const CONTROLE_GELDIG: Duration = Duration::minutes(5);
/// How long enrolment waits (scanning a QR code takes a while).
pub const INSCHRIJVEN_GELDIG: Duration = Duration::minutes(15);
/// Wrong codes one waiting login takes before it ends (the password must
/// then be typed again); the account's failed-login counter counts them too.
pub const POGINGEN: i64 = 5;
/// Recovery codes per account.
pub const HERSTELCODES: usize = 10;
/// TOTP as every authenticator app knows it: SHA-1, 6 digits, 30 seconds,
/// one step of clock skew either way.
const STAP: u64 = 30;

/// Whether an account must use a second factor: every role that sees
/// personal data and every beheerder does; beleid and landelijke monitoring
/// alone do not (they only see aggregates); a demo account never does.
pub fn verplicht(m: &Medewerker) -> bool {
    !m.demo
        && m.rollen
            .iter()
            .any(|r| !matches!(r.rol, Rol::Beleid | Rol::Landelijk))
}

// --- secrets at rest and in transit ------------------------------------------

fn cijfer(sleutel: &[u8; 32]) -> Aes256Gcm {
    Aes256Gcm::new(sleutel.into())
}

/// Encrypts with AES-256-GCM under `sleutel` (`aes:` + hex of nonce and
/// ciphertext); without a key the bytes are kept as they are (`open:`).
pub fn versleutel(sleutel: Option<&[u8; 32]>, klaar: &[u8]) -> ApiResultaat<String> {
    let Some(s) = sleutel else {
        return Ok(format!("open:{}", hex::encode(klaar)));
    };
    let nonce: [u8; 12] = rand::random();
    let geheim = cijfer(s)
        .encrypt(Nonce::from_slice(&nonce), klaar)
        .map_err(|_| ApiFout::intern("versleutelen mislukt"))?;
    Ok(format!("aes:{}{}", hex::encode(nonce), hex::encode(geheim)))
}

/// The reverse of [`versleutel`]; `None` for anything that does not open
/// under the key (tampered with, another key, not ours).
pub fn ontsleutel(sleutel: Option<&[u8; 32]>, tekst: &str) -> Option<Vec<u8>> {
    if let Some(open) = tekst.strip_prefix("open:") {
        return hex::decode(open).ok();
    }
    let bytes = hex::decode(tekst.strip_prefix("aes:")?).ok()?;
    let (nonce, geheim) = bytes.split_at_checked(12)?;
    cijfer(sleutel?)
        .decrypt(Nonce::from_slice(nonce), geheim)
        .ok()
}

/// A value handed to the browser and back (a TOTP secret being enrolled, a
/// WebAuthn registration's challenge): sealed with the server's key for one
/// account and a few minutes, so the browser can neither read nor forge it.
#[derive(Serialize, serde::Deserialize)]
struct Verzegeld<T> {
    medewerker: i64,
    tot: DateTime<Utc>,
    inhoud: T,
}

pub fn verzegel<T: Serialize>(
    state: &AppState,
    medewerker: i64,
    inhoud: T,
) -> ApiResultaat<String> {
    let v = Verzegeld {
        medewerker,
        tot: Utc::now() + INSCHRIJVEN_GELDIG,
        inhoud,
    };
    let json = serde_json::to_vec(&v).map_err(ApiFout::intern)?;
    versleutel(Some(&state.zegel_sleutel), &json)
}

pub fn open_zegel<T: DeserializeOwned>(
    state: &AppState,
    medewerker: i64,
    tekst: &str,
) -> Option<T> {
    if !tekst.starts_with("aes:") {
        return None;
    }
    let json = ontsleutel(Some(&state.zegel_sleutel), tekst)?;
    let v: Verzegeld<T> = serde_json::from_slice(&json).ok()?;
    (v.medewerker == medewerker && Utc::now() < v.tot).then_some(v.inhoud)
}

// --- TOTP ---------------------------------------------------------------------

fn totp(geheim: Vec<u8>, email: &str) -> ApiResultaat<TOTP> {
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STAP,
        geheim,
        Some("Schakel".into()),
        email.to_string(),
    )
    .map_err(ApiFout::intern)
}

/// A new TOTP secret for enrolment, as the page shows it.
pub struct TotpVoorstel {
    /// Base32 in groups of four, for typing into an app.
    pub geheim: String,
    /// The QR code of the otpauth URL, as an inline SVG.
    pub qr_svg: String,
    /// The secret sealed for the confirming form.
    pub zegel: String,
}

pub fn totp_voorstel(state: &AppState, m: &Medewerker) -> ApiResultaat<TotpVoorstel> {
    let bytes = Secret::generate_secret()
        .to_bytes()
        .map_err(ApiFout::intern)?;
    let t = totp(bytes.clone(), &m.email)?;
    let qr = qrcode::QrCode::new(t.get_url().as_bytes()).map_err(ApiFout::intern)?;
    let qr_svg = qr
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    // Drop the XML prolog: the SVG goes inline in the page.
    let qr_svg = match qr_svg.find("<svg") {
        Some(i) => qr_svg[i..].to_string(),
        None => qr_svg,
    };
    // In groups of four, as apps accept it typed: easier to read, and a
    // line can break between groups on a narrow screen.
    let geheim = t
        .get_secret_base32()
        .chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|g| g.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(TotpVoorstel {
        geheim,
        qr_svg,
        zegel: verzegel(state, m.id, hex::encode(&bytes))?,
    })
}

/// The time step a six-digit code belongs to, within one step of skew;
/// `None` when it matches none.
fn totp_stap(t: &TOTP, code: &str, nu: DateTime<Utc>) -> Option<i64> {
    let tijd = u64::try_from(nu.timestamp()).ok()?;
    let stap = tijd / STAP;
    [stap.saturating_sub(1), stap, stap + 1]
        .into_iter()
        .find(|s| crate::auth::gelijk_in_constante_tijd(&t.generate(s * STAP), code))
        .and_then(|s| i64::try_from(s).ok())
}

/// Only digits, the way people type them ("123 456").
fn zes_cijfers(code: &str) -> Option<String> {
    let c: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    (c.len() == 6 && c.chars().all(|c| c.is_ascii_digit())).then_some(c)
}

// --- recovery codes -------------------------------------------------------------

const HERSTEL_ALFABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Ten new recovery codes (`xxxx-xxxx-xxxx`, about 59 bits each).
pub fn nieuwe_herstelcodes() -> Vec<String> {
    (0..HERSTELCODES)
        .map(|_| {
            let tekens: String = (0..12)
                .map(|_| {
                    let i = rand::random_range(0..HERSTEL_ALFABET.len());
                    char::from(HERSTEL_ALFABET[i])
                })
                .collect();
            format!("{}-{}-{}", &tekens[0..4], &tekens[4..8], &tekens[8..12])
        })
        .collect()
}

/// A recovery code's stored form: keyed with the factor key (a dump alone
/// cannot test guesses), bound to the account, case and dashes ignored.
pub fn herstelcode_hash(state: &AppState, medewerker: i64, code: &str) -> String {
    let schoon: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let sleutel = state.instellingen.factor_sleutel.unwrap_or_default();
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(&sleutel).expect("HMAC takes a key of any length");
    mac.update(format!("herstelcode {medewerker} {schoon}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

// --- the audit log --------------------------------------------------------------

/// A record about an account's second factor (`gebeurtenis`, e.g.
/// `sessie.tweede_factor`, `tweede_factor.inschrijven`).
pub fn record(
    gebeurtenis: &str,
    actie: Actie,
    medewerker: i64,
    uitkomst: Uitkomst,
    grond: &str,
    herkomst: &str,
) -> NieuwAuditRecord {
    toegangslog::record(
        gebeurtenis,
        actie,
        Wie {
            medewerker: Some(medewerker),
            rol: None,
        },
        ("medewerker", Some(medewerker)),
        uitkomst,
        grond,
        herkomst,
    )
}

// --- from the first factor to a session ----------------------------------------------

/// Where a login stands after its first factor.
pub enum NaEersteFactor {
    /// Logged in: the session cookie's secret and what the client sees.
    Gelukt { geheim: String, info: SessieInfo },
    /// The second factor is asked (or, without one, enrolled first): the
    /// waiting login's cookie secret.
    TweedeFactor {
        geheim: String,
        doel: AanmeldDoel,
        verloopt: DateTime<Utc>,
    },
}

/// **The one door after a first factor.** `medewerker` proved itself with
/// a password, or with single sign-on (`grond` says which, for the audit
/// log); `mfa_bevestigd` is true only when the identity provider asserted
/// a second factor (OIDC `amr`/`acr`). Accounts that need a second factor
/// and have not shown one get a waiting login ([`Aanmelding`]): to the
/// check when they have a factor, to enrolment when they have none. Others
/// get their session at once. The role must be one the account holds.
pub async fn na_eerste_factor(
    state: &AppState,
    medewerker: &Medewerker,
    rol: Roltoewijzing,
    herkomst: &str,
    (gebeurtenis, grond): (&str, &str),
    mfa_bevestigd: bool,
) -> ApiResultaat<NaEersteFactor> {
    if mfa_bevestigd || !verplicht(medewerker) {
        let (geheim, info) =
            open_sessie(state, medewerker, rol, herkomst, (gebeurtenis, grond)).await?;
        return Ok(NaEersteFactor::Gelukt { geheim, info });
    }
    let heeft_factor = !state
        .opslag
        .tweede_factoren(medewerker.id)
        .await?
        .is_empty();
    let doel = if heeft_factor {
        AanmeldDoel::Controle
    } else {
        AanmeldDoel::Inschrijven
    };
    let (geheim, a) = wacht_op_tweede_factor(state, medewerker.id, Some(rol), doel).await?;
    let rec = toegangslog::record(
        gebeurtenis,
        Actie::Uitvoeren,
        Wie {
            medewerker: Some(medewerker.id),
            rol: Some(rol),
        },
        ("medewerker", Some(medewerker.id)),
        Uitkomst::Geweigerd,
        &format!("{grond}_tweede_factor_{}", doel.naam()),
        herkomst,
    );
    toegangslog::log(state, rec).await?;
    Ok(NaEersteFactor::TweedeFactor {
        geheim,
        doel,
        verloopt: a.verloopt,
    })
}

/// A waiting login for `medewerker` (after activation: without a role).
pub async fn wacht_op_tweede_factor(
    state: &AppState,
    medewerker: i64,
    rol: Option<Roltoewijzing>,
    doel: AanmeldDoel,
) -> ApiResultaat<(String, Aanmelding)> {
    let geheim = nieuw_geheim();
    let nu = Utc::now();
    let a = Aanmelding {
        token_hash: hash_geheim(&geheim),
        medewerker,
        rol,
        doel,
        csrf_token: nieuw_geheim(),
        staat: "{}".into(),
        aangemaakt: nu,
        verloopt: nu
            + match doel {
                AanmeldDoel::Controle => CONTROLE_GELDIG,
                AanmeldDoel::Inschrijven => INSCHRIJVEN_GELDIG,
            },
    };
    state.opslag.maak_aanmelding(&a).await?;
    Ok((geheim, a))
}

/// A full session for `medewerker` in `rol`, logged as `gebeurtenis`
/// (`sessie.inloggen`, `sso.inloggen`) with `grond` (how it proved itself).
pub async fn open_sessie(
    state: &AppState,
    medewerker: &Medewerker,
    rol: Roltoewijzing,
    herkomst: &str,
    (gebeurtenis, grond): (&str, &str),
) -> ApiResultaat<(String, SessieInfo)> {
    let geheim = nieuw_geheim();
    let nu = Utc::now();
    let sessie = Sessie {
        token_hash: hash_geheim(&geheim),
        medewerker: medewerker.id,
        rol,
        csrf_token: nieuw_geheim(),
        aangemaakt: nu,
        laatst_actief: nu,
        verloopt: nu + state.instellingen.sessie_max,
    };
    state.opslag.maak_sessie(&sessie).await?;
    let rec = toegangslog::record(
        gebeurtenis,
        Actie::Uitvoeren,
        Wie {
            medewerker: Some(medewerker.id),
            rol: Some(rol),
        },
        ("medewerker", Some(medewerker.id)),
        Uitkomst::Toegestaan,
        grond,
        herkomst,
    );
    toegangslog::log(state, rec).await?;
    let info = SessieInfo {
        medewerker: medewerker.id,
        naam: medewerker.naam.clone(),
        rol: rol.rol,
        organisatie: rol.organisatie,
        csrf_token: sessie.csrf_token,
        verloopt: sessie.verloopt,
    };
    Ok((geheim, info))
}

/// The waiting login behind a cookie's secret, while it runs, with its
/// account (still active). An expired one is removed.
pub async fn geldige_aanmelding(
    state: &AppState,
    geheim: &str,
) -> ApiResultaat<(Aanmelding, Medewerker)> {
    let hash = hash_geheim(geheim);
    let a = state
        .opslag
        .aanmelding(&hash)
        .await?
        .ok_or(ApiFout::NietIngelogd)?;
    if a.verloopt <= Utc::now() {
        state.opslag.verwijder_aanmelding(&hash).await?;
        return Err(ApiFout::NietIngelogd);
    }
    let m = state
        .opslag
        .medewerker(a.medewerker)
        .await?
        .filter(|m| m.actief)
        .ok_or(ApiFout::NietIngelogd)?;
    Ok((a, m))
}

/// A second factor offered at the check.
pub enum Bewijs<'a> {
    /// A TOTP code or a recovery code, as typed.
    Code(&'a str),
    /// A passkey's signed answer to the challenge of [`passkey_uitdaging`].
    Passkey(&'a PublicKeyCredential),
}

/// Checks the second factor of a waiting login and, when right, opens the
/// session (the waiting login ends). Every attempt is logged
/// (`sessie.tweede_factor`); a wrong one counts as a failed login of the
/// account and the address (so [`Inlogpogingen`] blocks them alike), and
/// after [`POGINGEN`] wrong ones the waiting login ends.
pub async fn controleer(
    state: &AppState,
    geheim: &str,
    adres: std::net::IpAddr,
    herkomst: &str,
    bewijs: Bewijs<'_>,
) -> ApiResultaat<(String, SessieInfo)> {
    let (a, m) = geldige_aanmelding(state, geheim).await?;
    let rol = match (a.doel, a.rol) {
        (AanmeldDoel::Controle, Some(rol)) => rol,
        _ => return Err(ApiFout::NietIngelogd),
    };
    let opslag = state.opslag.as_ref();
    let tellers = Inlogpogingen::tellers(&m.email, adres);
    let log = |uitkomst, grond: &str| {
        record(
            "sessie.tweede_factor",
            Actie::Uitvoeren,
            m.id,
            uitkomst,
            grond,
            herkomst,
        )
    };
    if let Some((teller, wacht)) = state.inlogpogingen.blokkade(opslag, &tellers).await? {
        toegangslog::log(state, log(Uitkomst::Geweigerd, teller.grond)).await?;
        return Err(ApiFout::TeVeel {
            opnieuw_na: wacht.as_secs().max(1),
        });
    }
    match beoordeel(state, &a, &m, bewijs).await? {
        Ok(grond) => {
            opslag.verwijder_aanmelding(&a.token_hash).await?;
            state.inlogpogingen.gelukt(opslag, &tellers[0]).await?;
            toegangslog::log(state, log(Uitkomst::Toegestaan, grond)).await?;
            open_sessie(
                state,
                &m,
                rol,
                herkomst,
                ("sessie.inloggen", &format!("wachtwoord_en_{grond}")),
            )
            .await
        }
        Err(grond) => {
            state.inlogpogingen.mislukt(opslag, &tellers).await?;
            toegangslog::log(state, log(Uitkomst::Geweigerd, grond)).await?;
            let sleutel = hash_geheim(&format!("tweede factor {}", a.token_hash));
            let (fout, _) = opslag
                .tel_poging(&sleutel, Utc::now(), INSCHRIJVEN_GELDIG)
                .await?;
            if fout >= POGINGEN {
                opslag.verwijder_aanmelding(&a.token_hash).await?;
            }
            Err(ApiFout::NietIngelogd)
        }
    }
}

/// Whether the offered factor is right: `Ok(how)` or `Err(why not)`, both
/// for the audit log. A TOTP code works once (a later login needs a later
/// time step); a recovery code works once.
async fn beoordeel(
    state: &AppState,
    a: &Aanmelding,
    m: &Medewerker,
    bewijs: Bewijs<'_>,
) -> ApiResultaat<Result<&'static str, &'static str>> {
    let factoren = state.opslag.tweede_factoren(m.id).await?;
    let nu = Utc::now();
    match bewijs {
        Bewijs::Code(code) => {
            if let Some(code) = zes_cijfers(code) {
                for f in factoren.iter().filter(|f| f.soort == Factorsoort::Totp) {
                    let Some(bytes) =
                        ontsleutel(state.instellingen.factor_sleutel.as_ref(), &f.gegevens)
                    else {
                        continue;
                    };
                    if let Some(stap) = totp_stap(&totp(bytes, &m.email)?, &code, nu) {
                        return Ok(if state.opslag.gebruik_totp_stap(f.id, stap, nu).await? {
                            Ok("totp")
                        } else {
                            Err("totp_al_gebruikt")
                        });
                    }
                }
                return Ok(Err("totp_onjuist"));
            }
            let hash = herstelcode_hash(state, m.id, code);
            Ok(
                if state.opslag.gebruik_herstelcode(m.id, &hash, nu).await? {
                    Ok("herstelcode")
                } else {
                    Err("herstelcode_onjuist_of_gebruikt")
                },
            )
        }
        Bewijs::Passkey(antwoord) => {
            let (Some(w), Some(uitdaging)) = (
                state.webauthn.as_ref(),
                serde_json::from_str::<serde_json::Value>(&a.staat)
                    .ok()
                    .and_then(|s| s.get("passkey").cloned())
                    .and_then(|p| serde_json::from_value::<PasskeyAuthentication>(p).ok()),
            ) else {
                return Ok(Err("passkey_zonder_uitdaging"));
            };
            // A challenge answers once.
            state
                .opslag
                .zet_aanmelding_staat(&a.token_hash, "{}")
                .await?;
            let Ok(uitslag) = w.finish_passkey_authentication(antwoord, &uitdaging) else {
                return Ok(Err("passkey_onjuist"));
            };
            for f in factoren.iter().filter(|f| f.soort == Factorsoort::Passkey) {
                let Ok(mut pk) = serde_json::from_str::<Passkey>(&f.gegevens) else {
                    continue;
                };
                if pk.cred_id() == uitslag.cred_id() {
                    pk.update_credential(&uitslag);
                    let json = serde_json::to_string(&pk).map_err(ApiFout::intern)?;
                    state.opslag.werk_tweede_factor_bij(f.id, &json, nu).await?;
                    return Ok(Ok("passkey"));
                }
            }
            Ok(Err("passkey_onbekend"))
        }
    }
}

/// The account's passkeys, as webauthn-rs reads them.
fn passkeys(factoren: &[TweedeFactor]) -> Vec<Passkey> {
    factoren
        .iter()
        .filter(|f| f.soort == Factorsoort::Passkey)
        .filter_map(|f| serde_json::from_str(&f.gegevens).ok())
        .collect()
}

/// Starts a passkey check for a waiting login: the challenge for the
/// browser; its state stays with the waiting login (answered once).
pub async fn passkey_uitdaging(
    state: &AppState,
    geheim: &str,
) -> ApiResultaat<RequestChallengeResponse> {
    let (a, m) = geldige_aanmelding(state, geheim).await?;
    let w = state.webauthn.as_ref().ok_or(ApiFout::NietGevonden)?;
    let keys = passkeys(&state.opslag.tweede_factoren(m.id).await?);
    if a.doel != AanmeldDoel::Controle || keys.is_empty() {
        return Err(ApiFout::NietGevonden);
    }
    let (uitdaging, staat) = w
        .start_passkey_authentication(&keys)
        .map_err(ApiFout::intern)?;
    let staat = serde_json::json!({ "passkey": staat }).to_string();
    state
        .opslag
        .zet_aanmelding_staat(&a.token_hash, &staat)
        .await?;
    Ok(uitdaging)
}

/// Which kinds of factor an account has.
pub async fn soorten(state: &AppState, medewerker: i64) -> ApiResultaat<(bool, bool)> {
    let f = state.opslag.tweede_factoren(medewerker).await?;
    Ok((
        f.iter().any(|f| f.soort == Factorsoort::Totp),
        f.iter().any(|f| f.soort == Factorsoort::Passkey),
    ))
}

// --- enrolment --------------------------------------------------------------------

/// A refused enrolment, logged (`tweede_factor.inschrijven`, `grond`):
/// the error to return.
async fn weiger_inschrijving(
    state: &AppState,
    m: &Medewerker,
    herkomst: &str,
    grond: &str,
    fout: ApiFout,
) -> ApiFout {
    let rec = record(
        "tweede_factor.inschrijven",
        Actie::Aanmaken,
        m.id,
        Uitkomst::Geweigerd,
        grond,
        herkomst,
    );
    match toegangslog::log(state, rec).await {
        Ok(()) => fout,
        Err(f) => f,
    }
}

/// New recovery codes (to show once) and their stored hashes.
fn herstelcodes_voor(state: &AppState, medewerker: i64) -> (Vec<String>, Vec<String>) {
    let codes = nieuwe_herstelcodes();
    let hashes = codes
        .iter()
        .map(|c| herstelcode_hash(state, medewerker, c))
        .collect();
    (codes, hashes)
}

/// Enrols the TOTP secret of `zegel` once the user shows a current code
/// from it (the code's time step is then used: it does not log in again).
/// Replaces an older TOTP factor and the recovery codes; returns the new
/// codes, to be shown once. Logged as `tweede_factor.inschrijven`, also
/// when refused.
pub async fn schrijf_totp_in(
    state: &AppState,
    m: &Medewerker,
    zegel: &str,
    code: &str,
    herkomst: &str,
) -> ApiResultaat<Vec<String>> {
    let bytes = open_zegel::<String>(state, m.id, zegel)
        .and_then(|h| hex::decode(h).ok())
        .ok_or_else(|| ApiFout::veld("code", "de QR-code is verlopen; begin opnieuw"))?;
    let nu = Utc::now();
    let stap =
        zes_cijfers(code).and_then(|c| totp_stap(&totp(bytes.clone(), &m.email).ok()?, &c, nu));
    let Some(stap) = stap else {
        return Err(weiger_inschrijving(
            state,
            m,
            herkomst,
            "totp_bevestiging_onjuist",
            ApiFout::veld(
                "code",
                "deze code klopt niet: vul de zes cijfers in die de app nu toont",
            ),
        )
        .await);
    };
    let (codes, hashes) = herstelcodes_voor(state, m.id);
    let f = NieuweTweedeFactor {
        medewerker: m.id,
        soort: Factorsoort::Totp,
        naam: "Authenticator-app".into(),
        gegevens: versleutel(state.instellingen.factor_sleutel.as_ref(), &bytes)?,
        aangemaakt: nu,
    };
    let rec = record(
        "tweede_factor.inschrijven",
        Actie::Aanmaken,
        m.id,
        Uitkomst::Toegestaan,
        "totp_met_herstelcodes",
        herkomst,
    );
    let factor = state
        .opslag
        .voeg_tweede_factor_toe(&f, Some(&hashes), &rec)
        .await?;
    state.opslag.gebruik_totp_stap(factor.id, stap, nu).await?;
    Ok(codes)
}

/// Ten new recovery codes for an account with a factor (the old ones stop
/// working); logged as `tweede_factor.herstelcodes`.
pub async fn vernieuw_herstelcodes(
    state: &AppState,
    m: &Medewerker,
    herkomst: &str,
) -> ApiResultaat<Vec<String>> {
    let (codes, hashes) = herstelcodes_voor(state, m.id);
    let rec = record(
        "tweede_factor.herstelcodes",
        Actie::Aanmaken,
        m.id,
        Uitkomst::Toegestaan,
        "nieuwe_herstelcodes",
        herkomst,
    );
    state.opslag.zet_herstelcodes(m.id, &hashes, &rec).await?;
    Ok(codes)
}

/// Starts registering a passkey: the options for the browser and the
/// sealed state to send back with its answer.
pub async fn passkey_registratie(
    state: &AppState,
    m: &Medewerker,
) -> ApiResultaat<(CreationChallengeResponse, String)> {
    let w = state.webauthn.as_ref().ok_or(ApiFout::NietGevonden)?;
    let bestaand = passkeys(&state.opslag.tweede_factoren(m.id).await?)
        .iter()
        .map(|p| p.cred_id().clone())
        .collect::<Vec<_>>();
    let id = Uuid::from_u64_pair(0, u64::try_from(m.id).unwrap_or_default());
    let (opties, staat) = w
        .start_passkey_registration(id, &m.email, &m.naam, Some(bestaand))
        .map_err(ApiFout::intern)?;
    Ok((opties, verzegel(state, m.id, staat)?))
}

/// Finishes registering a passkey; logged as `tweede_factor.inschrijven`,
/// also when refused.
pub async fn schrijf_passkey_in(
    state: &AppState,
    m: &Medewerker,
    zegel: &str,
    antwoord: &RegisterPublicKeyCredential,
    herkomst: &str,
) -> ApiResultaat<()> {
    let w = state.webauthn.as_ref().ok_or(ApiFout::NietGevonden)?;
    let staat: Option<PasskeyRegistration> = open_zegel(state, m.id, zegel);
    let pk = staat.and_then(|s| w.finish_passkey_registration(antwoord, &s).ok());
    let Some(pk) = pk else {
        return Err(weiger_inschrijving(
            state,
            m,
            herkomst,
            "passkey_onjuist",
            ApiFout::veld(
                "passkey",
                "de passkey kon niet worden vastgelegd; probeer het opnieuw",
            ),
        )
        .await);
    };
    let f = NieuweTweedeFactor {
        medewerker: m.id,
        soort: Factorsoort::Passkey,
        naam: "Passkey".into(),
        gegevens: serde_json::to_string(&pk).map_err(ApiFout::intern)?,
        aangemaakt: Utc::now(),
    };
    let rec = record(
        "tweede_factor.inschrijven",
        Actie::Aanmaken,
        m.id,
        Uitkomst::Toegestaan,
        "passkey",
        herkomst,
    );
    state.opslag.voeg_tweede_factor_toe(&f, None, &rec).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versleuteld_alleen_met_de_sleutel_te_lezen() {
        let k = [7u8; 32];
        let v = versleutel(Some(&k), b"geheim").expect("versleutel");
        assert!(v.starts_with("aes:"), "{v}");
        assert!(!v.contains(&hex::encode(b"geheim")));
        assert_eq!(ontsleutel(Some(&k), &v).as_deref(), Some(&b"geheim"[..]));
        assert_eq!(ontsleutel(Some(&[8u8; 32]), &v), None);
        assert_eq!(ontsleutel(None, &v), None);
        let open = versleutel(None, b"geheim").expect("open");
        assert_eq!(ontsleutel(None, &open).as_deref(), Some(&b"geheim"[..]));
    }

    #[test]
    fn herstelcodes_zijn_tien_verschillende() {
        let c = nieuwe_herstelcodes();
        assert_eq!(c.len(), HERSTELCODES);
        let uniek: std::collections::HashSet<_> = c.iter().collect();
        assert_eq!(uniek.len(), HERSTELCODES);
        assert!(
            c.iter()
                .all(|c| c.len() == 14 && c.matches('-').count() == 2)
        );
    }

    #[test]
    fn totp_stap_met_een_stap_speling() {
        let t = totp(vec![1u8; 20], "a@b.nl").expect("totp");
        let nu = DateTime::from_timestamp(1_800_000_000, 0).expect("tijd");
        let stap = 1_800_000_000 / 30;
        assert_eq!(totp_stap(&t, &t.generate(1_800_000_000), nu), Some(stap));
        assert_eq!(
            totp_stap(&t, &t.generate(1_800_000_000 - 30), nu),
            Some(stap - 1)
        );
        assert_eq!(totp_stap(&t, &t.generate(1_800_000_000 - 90), nu), None);
        assert_eq!(zes_cijfers("123 456").as_deref(), Some("123456"));
        assert_eq!(zes_cijfers("12345"), None);
    }
}
