//! Markdown for client documents: user text kept as text by [`md_cell`],
//! and one way to write a table.

use std::fmt::{self, Write as _};

use super::table::Align;
use crate::terminal;

/// User text for Markdown, the one way it enters a Markdown report: it
/// stays text. Line ends become spaces (a carriage return too, which
/// CommonMark also takes for a line end), so a table keeps its columns;
/// the characters that make emphasis, code, links, images and HTML are
/// escaped, so are autolinks (`https://`, `www.`, `a@b`), so that nothing
/// renders as a link or loads a remote image; control and bidi characters
/// are shown escaped.
pub fn md_cell(text: &str) -> String {
    let one_line = text.replace("\r\n", " ").replace(['\r', '\n'], " ");
    let shown = terminal::escape(&one_line);
    let mut out = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
        match c {
            // An entity would render as the character it names: a bidi
            // override or a tag, past the escaping of both.
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' | '!' | '~' | '@' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out.replace("://", "\\://").replace("www.", "www\\.")
}

/// Writes a Markdown table: a header row, the alignment row (numbers right),
/// then the rows. Cells are Markdown already: user text goes through
/// [`md_cell`] first.
pub fn table<R>(
    out: &mut String,
    columns: &[(&str, Align)],
    rows: impl IntoIterator<Item = R>,
) -> fmt::Result
where
    R: IntoIterator,
    R::Item: AsRef<str>,
{
    out.push('|');
    for (title, _) in columns {
        if title.is_empty() {
            out.push_str(" |");
        } else {
            write!(out, " {title} |")?;
        }
    }
    out.push_str("\n|");
    for (_, align) in columns {
        out.push_str(match align {
            Align::Left => "---|",
            Align::Right => "--:|",
        });
    }
    out.push('\n');
    for row in rows {
        out.push('|');
        for cell in row {
            write!(out, " {} |", cell.as_ref())?;
        }
        out.push('\n');
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_break_the_table_or_inject_html() {
        assert_eq!(md_cell("a|b\nc <script>"), "a\\|b c &lt;script&gt;");
        assert_eq!(
            md_cell("&#x202E;&lt;b&gt;"),
            "&amp;#x202E;&amp;lt;b&amp;gt;"
        );
        assert_eq!(md_cell("a\rb\r\nc"), "a b c");
        assert_eq!(
            md_cell("![x](https://e.example/p.png) [l](www.e.example) a@b.example"),
            "\\!\\[x\\](https\\://e.example/p.png) \\[l\\](www\\.e.example) a\\@b.example"
        );
        assert_eq!(
            md_cell("*b* _i_ `c` ~s~ \\"),
            "\\*b\\* \\_i\\_ \\`c\\` \\~s\\~ \\\\"
        );
        // The escape's own backslash is escaped, so Markdown shows it.
        assert_eq!(md_cell("x\x1b[2Jy"), "x\\\\u{1b}\\[2Jy");
    }

    #[test]
    fn tables_have_a_header_an_alignment_row_and_rows() {
        let mut out = String::new();
        table(
            &mut out,
            &[("Id", Align::Left), ("Coverage", Align::Right)],
            [["A.5.1", "50.0%"]],
        )
        .unwrap();
        assert_eq!(out, "| Id | Coverage |\n|---|--:|\n| A.5.1 | 50.0% |\n");
        out.clear();
        table(
            &mut out,
            &[("", Align::Left), ("", Align::Left)],
            [["a", "b"]],
        )
        .unwrap();
        assert_eq!(out, "| | |\n|---|---|\n| a | b |\n");
    }
}
