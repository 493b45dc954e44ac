//! Reading rows, the same on both engines: a column through the engine's
//! decoder, a text column parsed through a domain type. A value that does
//! not parse is an [`OpslagFout::Database`] error that names the column,
//! never the value (it may be a BSN or a name).

use schakel_domain::Rol;
use schakel_storage::{OpslagFout, Resultaat};

use crate::motor::{Rij, kol};

pub(crate) fn ongeldig(kolom: &str) -> OpslagFout {
    OpslagFout::ongeldige_kolom(kolom)
}

/// A text column parsed through a domain newtype. The parse error is not
/// passed on: it may describe the value.
pub(crate) fn geparst<T, E>(
    r: &Rij,
    naam: &str,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Resultaat<T> {
    let s: String = kol(r, naam)?;
    parse(&s).map_err(|_| ongeldig(naam))
}

pub(crate) fn optie_geparst<T, E>(
    r: &Rij,
    naam: &str,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Resultaat<Option<T>> {
    let s: Option<String> = kol(r, naam)?;
    s.map(|s| parse(&s).map_err(|_| ongeldig(naam))).transpose()
}

pub(crate) fn rol_uit(s: &str) -> Result<Rol, ()> {
    Rol::parse(s).ok_or(())
}

/// The role held (`rol`, `organisatie`) in a row.
pub(crate) fn rol_in_rij(r: &Rij) -> Resultaat<schakel_storage::Roltoewijzing> {
    Ok(schakel_storage::Roltoewijzing {
        rol: geparst(r, "rol", rol_uit)?,
        organisatie: kol(r, "organisatie")?,
    })
}
