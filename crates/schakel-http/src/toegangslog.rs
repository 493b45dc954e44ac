//! Access attempts in the NEN 7513 log: logins (succeeded, failed, blocked),
//! logouts, CSRF refusals and refusals by role on paths without personal
//! data. A record names the account tried (its id when it exists), the
//! address (in `bron`) and the outcome; never a password, and never an
//! e-mail address nobody holds (it may be a mistyped password): that is
//! kept as a keyed pseudonym only.

use schakel_domain::Rol;
use schakel_storage::audit::{Actie, NieuwAuditRecord, Uitkomst};
use schakel_storage::{Id, Roltoewijzing};

use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::state::AppState;

/// Who an attempt was about: the account and, once chosen, its role.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wie {
    pub medewerker: Option<Id>,
    pub rol: Option<Roltoewijzing>,
}

/// An access record by `wie`, about no client.
pub fn record(
    gebeurtenis: &str,
    actie: Actie,
    wie: Wie,
    object: (&str, Option<Id>),
    uitkomst: Uitkomst,
    grond: &str,
    bron: &str,
) -> NieuwAuditRecord {
    NieuwAuditRecord {
        gebruiker: wie.medewerker,
        rol: wie.rol.map(|r| r.rol),
        organisatie: wie.rol.map(|r| r.organisatie),
        object_id: object.1,
        uitkomst,
        ..NieuwAuditRecord::door_systeem(gebeurtenis, actie, object.0, grond, bron, "schakel")
    }
}

/// Writes one access record.
pub async fn log(state: &AppState, r: NieuwAuditRecord) -> ApiResultaat<()> {
    state.opslag.schrijf_audit(&r).await?;
    Ok(())
}

/// A keyed pseudonym of an e-mail address that matches no account, so that
/// repeated attempts on it can be told apart without storing what was typed.
pub fn email_pseudoniem(state: &AppState, email: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&state.instellingen.pseudoniem_sleutel)
        .expect("HMAC takes a key of any length");
    mac.update(b"email:");
    mac.update(email.as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..8])
}

impl Dossier<'_> {
    /// Like [`Dossier::eis_rol`], and a refusal is logged (event
    /// `gebeurtenis` on `object_type`, outcome refused, ground
    /// `rol_niet_bevoegd`) before it is answered.
    pub async fn eis_rol_gelogd(
        &self,
        rollen: &[Rol],
        gebeurtenis: &str,
        actie: Actie,
        object_type: &str,
        melding: &str,
    ) -> ApiResultaat<()> {
        if rollen.contains(&self.actor.rol.rol) {
            return Ok(());
        }
        let record = self.record(
            gebeurtenis,
            actie,
            None,
            (object_type, None),
            Uitkomst::Geweigerd,
            Some("rol_niet_bevoegd"),
        );
        self.state.opslag.schrijf_audit(&record).await?;
        Err(ApiFout::Geweigerd(melding.into()))
    }

    /// The directory and a region's lists (organisations, wijkteams,
    /// providers, contact persons, address lookups) are for the roles that
    /// work within a region; the national role is refused and logged
    /// (ground `rol_niet_bevoegd`): it sees the country's totals only.
    pub async fn eis_regionale_rol(
        &self,
        gebeurtenis: &str,
        object_type: &str,
    ) -> ApiResultaat<()> {
        let regionaal: Vec<Rol> = Rol::ALLE
            .into_iter()
            .filter(|r| !r.is_landelijk())
            .collect();
        self.eis_rol_gelogd(
            &regionaal,
            gebeurtenis,
            Actie::Lezen,
            object_type,
            "De organisatiegids is voor medewerkers in een regio; landelijke monitoring ziet alleen de landelijke cijfers.",
        )
        .await
    }
}
