//! Input text as people's editors save it.

/// `tekst` without a UTF-8 byte-order mark at its start. Windows editors
/// (Notepad, Excel's "CSV UTF-8") write one, and the JSON, TOML and CSV
/// readers would take it for part of the first token and refuse the file.
/// Every input file Schakel reads goes through here: rule and calendar
/// files, the CLI's JSON input and the directory's CSV imports.
pub fn zonder_bom(tekst: &str) -> &str {
    tekst.strip_prefix('\u{feff}').unwrap_or(tekst)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alleen_een_bom_aan_het_begin_valt_weg() {
        assert_eq!(zonder_bom("\u{feff}{\"a\": 1}"), "{\"a\": 1}");
        assert_eq!(zonder_bom("{\"a\": 1}"), "{\"a\": 1}");
        assert_eq!(zonder_bom("a\u{feff}"), "a\u{feff}");
        assert_eq!(zonder_bom("\u{feff}\u{feff}x"), "\u{feff}x");
        assert_eq!(zonder_bom(""), "");
    }
}
