//! User text made safe to show on a terminal: control, bidi and invisible
//! characters shown escaped (as git's `core.quotePath` does for file names),
//! and very long text shortened with its length, so that what a user wrote
//! can neither drive the terminal nor swamp it.

use std::borrow::Cow;

/// Characters of a quoted value shown whole in a diagnostic; longer ones are
/// shortened. Ids, statuses and keys are short; the fixes ims suggests in
/// quotes fit too.
pub const QUOTE_MAX: usize = 120;

/// Whether `c` would act on a terminal or hide itself instead of showing:
/// C0 and C1 controls (escape, bell, carriage return, ...), delete, the bidi
/// embeddings, overrides and isolates, zero-width characters and marks,
/// the line and paragraph separators, and the byte-order mark.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}'
        | '\u{feff}')
}

/// `text` with every unsafe character shown as `\u{..}`; line ends too.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_keeping(text, false)
}

/// `text` with every unsafe character shown as `\u{..}`, keeping `\n`, for
/// text that may span lines, such as a table cell.
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    escape_keeping(text, true)
}

/// Data (CSV) shown on a terminal: every unsafe character shown
/// as `\u{..}`, but line ends kept, CRLF ones too, so that the rows still
/// read as rows. Written to a file or a pipe, data is never escaped.
pub fn escape_data(text: &str) -> Cow<'_, str> {
    let line_end = |at: usize, c: char| c == '\n' || (c == '\r' && text[at..].starts_with("\r\n"));
    if !text
        .char_indices()
        .any(|(at, c)| is_unsafe(c) && !line_end(at, c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (n, line) in text.split("\r\n").enumerate() {
        if n > 0 {
            out.push_str("\r\n");
        }
        out.push_str(&escape_lines(line));
    }
    Cow::Owned(out)
}

fn escape_keeping(text: &str, newlines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| is_unsafe(c) && !(newlines && c == '\n');
    // Most text is printable ASCII: checked a byte at a time.
    let printable = |b: &u8| (0x20..0x7f).contains(b) || (newlines && *b == b'\n');
    if text.as_bytes().iter().all(printable) || !text.contains(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` cut to its first `max` characters, followed by an ellipsis and the
/// full length, when it is longer: `AAAA… (4194304 characters)`.
pub fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    // No more bytes than `max` means no more characters either.
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => Cow::Owned(format!(
            "{}… ({} characters)",
            &text[..cut],
            text.chars().count()
        )),
    }
}

/// A diagnostic line safe for a terminal: each `quoted` value longer than
/// [`QUOTE_MAX`] characters is shortened inside its quotes, with its length
/// after them (`` `AAAA…` (4194304 characters) ``), any other stretch of
/// text is bounded too, and unsafe characters are shown escaped.
pub fn diagnostic(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        out.push_str(&escape(&shorten(&rest[..open], QUOTE_MAX * 4)));
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else {
            out.push('`');
            rest = after;
            break;
        };
        let value = &after[..close];
        match value.char_indices().nth(QUOTE_MAX) {
            Some((cut, _)) => {
                let length = value.chars().count();
                out.push('`');
                out.push_str(&escape(&value[..cut]));
                out.push_str(&format!("…` ({length} characters)"));
            }
            None => {
                out.push('`');
                out.push_str(&escape(value));
                out.push('`');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(&escape(&shorten(rest, QUOTE_MAX * 4)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_bidi_and_invisibles_are_shown_escaped() {
        assert_eq!(
            escape("a\x1b]0;x\x07b\rc\u{202e}d\u{200b}e\u{feff}"),
            "a\\u{1b}]0;x\\u{7}b\\u{d}c\\u{202e}d\\u{200b}e\\u{feff}"
        );
        assert_eq!(escape("two\nlines"), "two\\u{a}lines");
        assert_eq!(escape_lines("two\nlines\r"), "two\nlines\\u{d}");
        assert!(matches!(escape("café ✓"), Cow::Borrowed("café ✓")));
        assert_eq!(
            escape_data("a,\"b\x1b[2Jc\nd\r\"\r\ne,f\r\n"),
            "a,\"b\\u{1b}[2Jc\nd\\u{d}\"\r\ne,f\r\n"
        );
        assert!(matches!(escape_data("a,b\r\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_text_is_shortened_with_its_length() {
        assert_eq!(shorten("abcdef", 3), "abc… (6 characters)");
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("ééé", 2), "éé… (3 characters)");
    }

    #[test]
    fn diagnostics_shorten_each_quoted_value() {
        let id = "A".repeat(4 * 1024 * 1024);
        let line = diagnostic(&format!("unknown item `{id}` in the catalogue"));
        assert_eq!(
            line,
            format!(
                "unknown item `{}…` (4194304 characters) in the catalogue",
                "A".repeat(QUOTE_MAX)
            )
        );
        assert_eq!(
            diagnostic("unknown status `do\x1bne` for `A.5.1`"),
            "unknown status `do\\u{1b}ne` for `A.5.1`"
        );
        assert_eq!(diagnostic("an odd ` quote"), "an odd ` quote");
    }
}
