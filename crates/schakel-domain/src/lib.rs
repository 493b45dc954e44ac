//! # schakel-domain
//!
//! Pure domain types of Schakel's case record: identifiers that cannot hold
//! an invalid value (parse, don't validate), the organisations, roles and
//! people of the field, and the need-to-know access policy.

pub mod grens;
pub mod hoeveelheid;
pub mod id;
pub mod rol;
pub mod route;
pub mod toegang;

pub use hoeveelheid::Hoeveelheid;
pub use id::{Agb, Brin, Bsn, GemeenteCode, Huisnummer, IdFout, Pc4, Postcode};
pub use rol::{OrganisatieSoort, Rol};
pub use route::Triage;
pub mod fout;
pub mod gids;
pub mod monitoring;
pub mod plan;
pub mod toegangsroute;
pub mod verloop;

pub use fout::{VeldFout, VeldFouten};
pub mod werkvoorraad;
