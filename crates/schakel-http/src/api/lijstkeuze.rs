//! The query choices of the API's lists (issue 16.2), checked alike: each
//! wrong one is named with every allowed value, all of them in one
//! problem+json answer (through [`Controle`]).

use crate::invoer::Controle;

/// An optional choice of `alle` by its name; a wrong one is noted at `veld`
/// with the allowed names ("verwacht a, b of c").
pub fn keuze<T: Copy>(
    c: &mut Controle,
    veld: &str,
    waarde: Option<&str>,
    alle: &[T],
    naam: fn(T) -> &'static str,
) -> Option<T> {
    let w = waarde?;
    c.veld(
        veld,
        alle.iter().copied().find(|x| naam(*x) == w).ok_or_else(|| {
            let namen: Vec<&str> = alle.iter().map(|x| naam(*x)).collect();
            format!("verwacht {}", opsomming(&namen))
        }),
    )
}

/// "a", "a of b", "a, b of c".
pub fn opsomming(namen: &[&str]) -> String {
    match namen {
        [] => String::new(),
        [een] => (*een).to_string(),
        [rest @ .., laatste] => format!("{} of {laatste}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opsomming_in_woorden() {
        assert_eq!(opsomming(&["a"]), "a");
        assert_eq!(opsomming(&["a", "b"]), "a of b");
        assert_eq!(opsomming(&["a", "b", "c"]), "a, b of c");
    }
}
