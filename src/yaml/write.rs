//! Writing YAML scalars: the one quoting rule for every YAML file ims
//! writes (an imported status file, a CISO Assistant library), so that any
//! YAML reader, including the YAML 1.1 readers of other tools (PyYAML),
//! reads back exactly the text that was written, as a string.

use std::fmt::Write as _;

/// Text as a YAML scalar: plain when no reader can take it for anything
/// but this string, else double-quoted with YAML escapes.
///
/// Plain text starts with a letter, holds only letters, digits, spaces and
/// `.-_()/'`, does not end in a space and is none of YAML 1.1's booleans or
/// nulls (`yes`, `No`, `on`, `null`, ...); so `4.1`, `2026-11-29`, `on` and
/// `A: B` are quoted. Inside quotes, every character YAML would fold, drop
/// or refuse (control characters, DEL, C1 controls, line and paragraph
/// separators, byte-order marks, non-characters) is written as an escape.
pub fn scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(char::is_alphabetic)
        && text.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_' | '(' | ')' | '/' | '\'')
        })
        && !text.ends_with(' ')
        && !matches!(
            text.to_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "null" | "on" | "off" | "y" | "n"
        );
    if plain {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let code = u32::from(c);
                let _ = if code <= 0xff {
                    write!(out, "\\x{code:02X}")
                } else {
                    write!(out, "\\u{code:04X}")
                };
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for one comment line: every run of white space, line breaks
/// included, becomes one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Characters that cannot stand as themselves inside a double-quoted
/// scalar: YAML refuses them in a stream, or reads them as line breaks.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

#[cfg(test)]
mod tests {
    use super::scalar;

    /// What the full parser reads back from `key: <scalar>`.
    fn read_back(text: &str) -> String {
        #[derive(serde::Deserialize)]
        struct One {
            key: String,
        }
        let yaml = format!("key: {}\n", scalar(text));
        let one: One = crate::yaml::parse(&yaml, crate::yaml::Duplicates::Refuse)
            .unwrap_or_else(|err| panic!("{yaml:?} does not parse: {}", err.message));
        one.key
    }

    #[test]
    fn plain_words_stay_plain() {
        assert_eq!(scalar("Access control"), "Access control");
        assert_eq!(scalar("A.5.24"), "A.5.24");
        assert_eq!(
            scalar("Organization's context (4.1)"),
            "Organization's context (4.1)"
        );
    }

    #[test]
    fn text_another_reader_would_take_for_something_else_is_quoted() {
        for text in [
            "4.1",
            "5.10",
            "2026-11-29",
            "on",
            "No",
            "Y",
            "null",
            "~",
            "",
            " lead",
            "trail ",
            "a: b",
            "a #b",
            "- item",
            "[x]",
            "{x}",
            "*alias",
            "&anchor",
            "!tag",
            "%x",
            "@x",
            "`x",
            "|",
            ">",
            "?",
            "10",
            "-1",
            ".inf",
        ] {
            let written = scalar(text);
            assert!(
                written.starts_with('"'),
                "{text:?} written plain: {written}"
            );
            assert_eq!(read_back(text), text);
        }
    }

    #[test]
    fn characters_yaml_folds_or_refuses_are_escaped() {
        for text in [
            "line\nbreak",
            "tab\there",
            "cr\rhere",
            "quote \" and backslash \\",
            "del\u{7f}",
            "nel\u{85}",
            "c1\u{9b}",
            "ls\u{2028}ps\u{2029}",
            "bom\u{feff}",
            "nul\u{0}",
            "— em dash and é",
        ] {
            let written = scalar(text);
            assert!(
                !written.contains(['\u{85}', '\u{2028}', '\u{2029}', '\u{7f}', '\n']),
                "{text:?} written raw: {written}"
            );
            assert_eq!(read_back(text), text, "{written}");
        }
    }
}
