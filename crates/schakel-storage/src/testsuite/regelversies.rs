//! The rule versions recorded for every instance on one database (issue
//! 15.3): the first recording wins and is not replaced by a later first
//! start; a publication replaces the whole set; each write is audited
//! once, a recording that changes nothing not at all.

use super::*;
use crate::{Regelversie, Vastlegging};

fn versie(regio: &str, vinger: Option<&str>) -> Regelversie {
    Regelversie {
        regio: regio.into(),
        vingerafdruk: vinger.map(str::to_string),
    }
}

fn alleen_versies(v: &[crate::VastgelegdeRegelversie]) -> Vec<Regelversie> {
    v.iter().map(|v| v.versie.clone()).collect()
}

pub async fn regelversies(opslag: &dyn Opslag) {
    assert_eq!(opslag.regelversies().await.expect("lezen"), vec![]);
    let eerste = vec![versie("almere", Some("aaaa")), versie("zeewolde", None)];
    let audit = record(
        "regels.vastleggen",
        Actie::Wijzigen,
        "regelversie",
        None,
        None,
    );
    let voor = kop_nummer(opslag).await;
    let vastgelegd = opslag
        .leg_regelversies_vast(&eerste, Vastlegging::Eerste, &audit)
        .await
        .expect("eerste");
    assert_eq!(alleen_versies(&vastgelegd), eerste);
    assert_eq!(kop_nummer(opslag).await, voor + 1, "one audit record");
    assert_eq!(
        laatste_record(opslag).await.record.gebeurtenis,
        "regels.vastleggen"
    );
    // A later first start with other files records nothing and is told
    // what is recorded.
    let ander = vec![versie("almere", Some("bbbb"))];
    let na_tweede = opslag
        .leg_regelversies_vast(&ander, Vastlegging::Eerste, &audit)
        .await
        .expect("tweede");
    assert_eq!(alleen_versies(&na_tweede), eerste);
    assert_eq!(na_tweede, vastgelegd, "unchanged, its time too");
    assert_eq!(
        kop_nummer(opslag).await,
        voor + 1,
        "nothing written, not audited"
    );
    // A publication replaces the whole set, zeewolde included.
    let publicatie = record(
        "regels.publiceren",
        Actie::Wijzigen,
        "regelversie",
        None,
        None,
    );
    let gepubliceerd = opslag
        .leg_regelversies_vast(&ander, Vastlegging::Publicatie, &publicatie)
        .await
        .expect("publicatie");
    assert_eq!(alleen_versies(&gepubliceerd), ander);
    assert_eq!(
        alleen_versies(&opslag.regelversies().await.expect("lezen")),
        ander
    );
    assert_eq!(kop_nummer(opslag).await, voor + 2);
    assert_eq!(
        laatste_record(opslag).await.record.gebeurtenis,
        "regels.publiceren"
    );
}
