//! Single sign-on on SQLite (issue 13.4): an organisation's settings, the
//! link of an account to its subject, and logins under way.

use schakel_storage::sso::{regels, uit_regels};
use schakel_storage::{SsoInstelling, SsoKoppeling, SsoPoging};

use super::*;

pub(crate) async fn zet_instelling(
    c: &mut SqliteConnection,
    i: &SsoInstelling,
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    eis(c, ORGANISATIE_BESTAAT, i.organisatie, "organisatie").await?;
    sqlx::query(
        "INSERT INTO sso_instelling (organisatie, actief, issuer, client_id, client_secret, \
         domeinen, onbekend_aanmaken, acr_mfa) VALUES (?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (organisatie) DO UPDATE SET actief = excluded.actief, \
         issuer = excluded.issuer, client_id = excluded.client_id, \
         client_secret = excluded.client_secret, domeinen = excluded.domeinen, \
         onbekend_aanmaken = excluded.onbekend_aanmaken, acr_mfa = excluded.acr_mfa",
    )
    .bind(i.organisatie)
    .bind(i64::from(i.actief))
    .bind(&i.issuer)
    .bind(&i.client_id)
    .bind(&i.client_secret)
    .bind(regels(&i.domeinen))
    .bind(i64::from(i.onbekend_aanmaken))
    .bind(regels(&i.acr_mfa))
    .execute(&mut *c)
    .await
    .map_err(db)?;
    voeg_audit_toe(c, &audit.over_object(i.organisatie)).await?;
    Ok(())
}

fn instelling_uit(r: &SqliteRow) -> Resultaat<SsoInstelling> {
    Ok(SsoInstelling {
        organisatie: kolom(r, "organisatie")?,
        actief: kolom::<i64>(r, "actief")? != 0,
        issuer: kolom(r, "issuer")?,
        client_id: kolom(r, "client_id")?,
        client_secret: kolom(r, "client_secret")?,
        domeinen: uit_regels(&kolom::<String>(r, "domeinen")?),
        onbekend_aanmaken: kolom::<i64>(r, "onbekend_aanmaken")? != 0,
        acr_mfa: uit_regels(&kolom::<String>(r, "acr_mfa")?),
    })
}

pub(crate) async fn instellingen(
    c: &mut SqliteConnection,
    organisatie: Option<Id>,
) -> Resultaat<Vec<SsoInstelling>> {
    sqlx::query(
        "SELECT * FROM sso_instelling WHERE ? IS NULL OR organisatie = ? ORDER BY organisatie",
    )
    .bind(organisatie)
    .bind(organisatie)
    .fetch_all(&mut *c)
    .await
    .map_err(db)?
    .iter()
    .map(instelling_uit)
    .collect()
}

pub(crate) async fn bewaar_poging(
    c: &mut SqliteConnection,
    p: &SsoPoging,
    nu: DateTime<Utc>,
) -> Resultaat<()> {
    sqlx::query("DELETE FROM sso_poging WHERE verloopt <= ?")
        .bind(tijd_tekst(&nu))
        .execute(&mut *c)
        .await
        .map_err(db)?;
    sqlx::query(
        "INSERT INTO sso_poging (state_hash, binding_hash, organisatie, nonce, pkce_verifier, \
         rol, verloopt, herbevestiging) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&p.state_hash)
    .bind(&p.binding_hash)
    .bind(p.organisatie)
    .bind(&p.nonce)
    .bind(&p.pkce_verifier)
    .bind(&p.rol)
    .bind(tijd_tekst(&p.verloopt))
    .bind(p.herbevestiging)
    .execute(&mut *c)
    .await
    .map_err(db)?;
    Ok(())
}

pub(crate) async fn neem_poging(
    c: &mut SqliteConnection,
    state_hash: &str,
    nu: DateTime<Utc>,
) -> Resultaat<Option<SsoPoging>> {
    let rij = sqlx::query("DELETE FROM sso_poging WHERE state_hash = ? RETURNING *")
        .bind(state_hash)
        .fetch_optional(&mut *c)
        .await
        .map_err(db)?;
    let Some(r) = rij else { return Ok(None) };
    let p = SsoPoging {
        state_hash: kolom(&r, "state_hash")?,
        binding_hash: kolom(&r, "binding_hash")?,
        organisatie: kolom(&r, "organisatie")?,
        nonce: kolom(&r, "nonce")?,
        pkce_verifier: kolom(&r, "pkce_verifier")?,
        rol: kolom(&r, "rol")?,
        verloopt: tijd(&r, "verloopt")?,
        herbevestiging: kolom(&r, "herbevestiging")?,
    };
    Ok((p.verloopt > nu).then_some(p))
}

pub(crate) async fn koppeling(
    c: &mut SqliteConnection,
    issuer: &str,
    subject: &str,
) -> Resultaat<Option<SsoKoppeling>> {
    sqlx::query("SELECT * FROM sso_koppeling WHERE issuer = ? AND subject = ?")
        .bind(issuer)
        .bind(subject)
        .fetch_optional(&mut *c)
        .await
        .map_err(db)?
        .map(|r| {
            Ok(SsoKoppeling {
                issuer: kolom(&r, "issuer")?,
                subject: kolom(&r, "subject")?,
                medewerker: kolom(&r, "medewerker")?,
                organisatie: kolom(&r, "organisatie")?,
                aangemaakt: tijd(&r, "aangemaakt")?,
            })
        })
        .transpose()
}

pub(crate) async fn koppel(
    c: &mut SqliteConnection,
    k: &SsoKoppeling,
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    eis(
        c,
        "SELECT 1 FROM medewerker WHERE id = ?",
        k.medewerker,
        "medewerker",
    )
    .await?;
    eis(c, ORGANISATIE_BESTAAT, k.organisatie, "organisatie").await?;
    sqlx::query(
        "INSERT INTO sso_koppeling (issuer, subject, medewerker, organisatie, aangemaakt) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(&k.issuer)
    .bind(&k.subject)
    .bind(k.medewerker)
    .bind(k.organisatie)
    .bind(tijd_tekst(&k.aangemaakt))
    .execute(&mut *c)
    .await
    .map_err(db)?;
    voeg_audit_toe(c, &audit.over_object(k.medewerker)).await?;
    Ok(())
}

pub(crate) async fn maak_medewerker(
    c: &mut SqliteConnection,
    naam: &str,
    email: &str,
    k: &SsoKoppeling,
    audit: &NieuwAuditRecord,
) -> Resultaat<Medewerker> {
    let id = sqlx::query("INSERT INTO medewerker (naam, email, wachtwoord_hash) VALUES (?, ?, '')")
        .bind(naam)
        .bind(email.trim().to_lowercase())
        .execute(&mut *c)
        .await
        .map_err(db)?
        .last_insert_rowid();
    let k = SsoKoppeling {
        medewerker: id,
        ..k.clone()
    };
    koppel(c, &k, audit).await?;
    lees_medewerker(c, id)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

pub(crate) async fn zonder_rol(
    c: &mut SqliteConnection,
    organisatie: Id,
) -> Resultaat<Vec<Medewerker>> {
    let ids: Vec<Id> = sqlx::query_scalar(
        "SELECT k.medewerker FROM sso_koppeling k WHERE k.organisatie = ? AND NOT EXISTS \
         (SELECT 1 FROM roltoewijzing r WHERE r.medewerker = k.medewerker) \
         ORDER BY k.aangemaakt, k.medewerker",
    )
    .bind(organisatie)
    .fetch_all(&mut *c)
    .await
    .map_err(db)?;
    let mut uit = Vec::with_capacity(ids.len());
    for id in ids {
        uit.extend(lees_medewerker(c, id).await?);
    }
    Ok(uit)
}
