//! Single sign-on (issue 13.4): an organisation's settings, the link of an
//! account to its subject, and logins under way.

use schakel_storage::sso::{regels, uit_regels};
use schakel_storage::{SsoInstelling, SsoKoppeling, SsoPoging};

use chrono::{DateTime, Utc};
use schakel_storage::{Id, Medewerker, NieuwAuditRecord, OpslagFout, Resultaat};

use crate::motor::{Rij, Verbinding, boolean, fout, kol, tijd, tijd_db};
use crate::sql::basis::{MEDEWERKER_BESTAAT, ORGANISATIE_BESTAAT, eis};
use crate::sql::kern::voeg_audit_toe;

pub(crate) async fn zet_instelling(
    c: &mut Verbinding,
    i: &SsoInstelling,
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    eis(c, ORGANISATIE_BESTAAT, i.organisatie, "organisatie").await?;
    sqlx::query(
        "INSERT INTO sso_instelling (organisatie, actief, issuer, client_id, client_secret, \
         domeinen, onbekend_aanmaken, acr_mfa) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (organisatie) DO UPDATE SET actief = excluded.actief, \
         issuer = excluded.issuer, client_id = excluded.client_id, \
         client_secret = excluded.client_secret, domeinen = excluded.domeinen, \
         onbekend_aanmaken = excluded.onbekend_aanmaken, acr_mfa = excluded.acr_mfa",
    )
    .bind(i.organisatie)
    .bind(i.actief)
    .bind(&i.issuer)
    .bind(&i.client_id)
    .bind(&i.client_secret)
    .bind(regels(&i.domeinen))
    .bind(i.onbekend_aanmaken)
    .bind(regels(&i.acr_mfa))
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    voeg_audit_toe(c, &audit.over_object(i.organisatie)).await?;
    Ok(())
}

fn instelling_uit(r: &Rij) -> Resultaat<SsoInstelling> {
    Ok(SsoInstelling {
        organisatie: kol(r, "organisatie")?,
        actief: boolean(r, "actief")?,
        issuer: kol(r, "issuer")?,
        client_id: kol(r, "client_id")?,
        client_secret: kol(r, "client_secret")?,
        domeinen: uit_regels(&kol::<String>(r, "domeinen")?),
        onbekend_aanmaken: boolean(r, "onbekend_aanmaken")?,
        acr_mfa: uit_regels(&kol::<String>(r, "acr_mfa")?),
    })
}

pub(crate) async fn instellingen(
    c: &mut Verbinding,
    organisatie: Option<Id>,
) -> Resultaat<Vec<SsoInstelling>> {
    sqlx::query(
        "SELECT * FROM sso_instelling WHERE $1 IS NULL OR organisatie = $1 \
         ORDER BY organisatie",
    )
    .bind(organisatie)
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?
    .iter()
    .map(instelling_uit)
    .collect()
}

pub(crate) async fn bewaar_poging(
    c: &mut Verbinding,
    p: &SsoPoging,
    nu: DateTime<Utc>,
) -> Resultaat<()> {
    sqlx::query("DELETE FROM sso_poging WHERE verloopt <= $1")
        .bind(tijd_db(&nu))
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    sqlx::query(
        "INSERT INTO sso_poging (state_hash, binding_hash, organisatie, nonce, pkce_verifier, \
         rol, verloopt, herbevestiging) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&p.state_hash)
    .bind(&p.binding_hash)
    .bind(p.organisatie)
    .bind(&p.nonce)
    .bind(&p.pkce_verifier)
    .bind(&p.rol)
    .bind(tijd_db(&p.verloopt))
    .bind(p.herbevestiging)
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    Ok(())
}

pub(crate) async fn neem_poging(
    c: &mut Verbinding,
    state_hash: &str,
    nu: DateTime<Utc>,
) -> Resultaat<Option<SsoPoging>> {
    let rij = sqlx::query("DELETE FROM sso_poging WHERE state_hash = $1 RETURNING *")
        .bind(state_hash)
        .fetch_optional(&mut *c)
        .await
        .map_err(fout)?;
    let Some(r) = rij else { return Ok(None) };
    let p = SsoPoging {
        state_hash: kol(&r, "state_hash")?,
        binding_hash: kol(&r, "binding_hash")?,
        organisatie: kol(&r, "organisatie")?,
        nonce: kol(&r, "nonce")?,
        pkce_verifier: kol(&r, "pkce_verifier")?,
        rol: kol(&r, "rol")?,
        verloopt: tijd(&r, "verloopt")?,
        herbevestiging: kol(&r, "herbevestiging")?,
    };
    Ok((p.verloopt > nu).then_some(p))
}

pub(crate) async fn koppeling(
    c: &mut Verbinding,
    issuer: &str,
    subject: &str,
) -> Resultaat<Option<SsoKoppeling>> {
    sqlx::query("SELECT * FROM sso_koppeling WHERE issuer = $1 AND subject = $2")
        .bind(issuer)
        .bind(subject)
        .fetch_optional(&mut *c)
        .await
        .map_err(fout)?
        .map(|r| {
            Ok(SsoKoppeling {
                issuer: kol(&r, "issuer")?,
                subject: kol(&r, "subject")?,
                medewerker: kol(&r, "medewerker")?,
                organisatie: kol(&r, "organisatie")?,
                aangemaakt: tijd(&r, "aangemaakt")?,
            })
        })
        .transpose()
}

pub(crate) async fn koppel(
    c: &mut Verbinding,
    k: &SsoKoppeling,
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    eis(c, MEDEWERKER_BESTAAT, k.medewerker, "medewerker").await?;
    eis(c, ORGANISATIE_BESTAAT, k.organisatie, "organisatie").await?;
    sqlx::query(
        "INSERT INTO sso_koppeling (issuer, subject, medewerker, organisatie, aangemaakt) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&k.issuer)
    .bind(&k.subject)
    .bind(k.medewerker)
    .bind(k.organisatie)
    .bind(tijd_db(&k.aangemaakt))
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    voeg_audit_toe(c, &audit.over_object(k.medewerker)).await?;
    Ok(())
}

async fn met_rollen(c: &mut Verbinding, id: Id) -> Resultaat<Medewerker> {
    crate::sql::kern::lees_medewerker(c, id)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

pub(crate) async fn maak_medewerker(
    c: &mut Verbinding,
    naam: &str,
    email: &str,
    k: &SsoKoppeling,
    audit: &NieuwAuditRecord,
) -> Resultaat<Medewerker> {
    let id: Id = sqlx::query_scalar(
        "INSERT INTO medewerker (naam, email, wachtwoord_hash) VALUES ($1, $2, '') RETURNING id",
    )
    .bind(naam)
    .bind(email.trim().to_lowercase())
    .fetch_one(&mut *c)
    .await
    .map_err(fout)?;
    let k = SsoKoppeling {
        medewerker: id,
        ..k.clone()
    };
    koppel(c, &k, audit).await?;
    met_rollen(c, id).await
}

pub(crate) async fn zonder_rol(c: &mut Verbinding, organisatie: Id) -> Resultaat<Vec<Medewerker>> {
    let ids: Vec<Id> = sqlx::query_scalar(
        "SELECT k.medewerker FROM sso_koppeling k WHERE k.organisatie = $1 AND NOT EXISTS \
         (SELECT 1 FROM roltoewijzing r WHERE r.medewerker = k.medewerker) \
         ORDER BY k.aangemaakt, k.medewerker",
    )
    .bind(organisatie)
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?;
    let mut uit = Vec::with_capacity(ids.len());
    for id in ids {
        uit.push(met_rollen(c, id).await?);
    }
    Ok(uit)
}
