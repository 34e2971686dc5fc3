//! Renderers: one pure function per format, from report data to text.
//! Renderers do not compute; the analysis does not format.

pub mod catalog;
pub mod diff;
pub mod gap_csv;
pub mod gap_html;
pub mod gap_json;
pub mod gap_markdown;
pub mod gap_table;
pub mod portfolio;
pub mod soa;
pub mod table;

use table::{Cell, Table};

use crate::analysis::{
    GapReport, OverlapRow, OverlapState, ReuseSource, SharedElement, SharedState, SideState,
};
use crate::status::Status;
use crate::terminal;

/// How text output should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Whether to use colour and bold.
    pub styled: bool,
    /// Width to fit tables into, in columns.
    pub width: u16,
}

impl Default for Look {
    fn default() -> Self {
        Self {
            styled: false,
            width: 80,
        }
    }
}

/// A status for people; not assessed when `None`.
pub fn status_label(status: Option<Status>) -> &'static str {
    status.map_or("not assessed", Status::as_str)
}

/// A percentage with one decimal, or `n/a` when nothing is applicable.
pub fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.1}%"))
}

/// A bar of `width` cells showing a percentage.
pub fn bar(value: Option<f64>, width: usize) -> String {
    let Some(value) = value else {
        return " ".repeat(width);
    };
    let filled = ((value / 100.0) * width as f64).round() as usize;
    let filled = filled.min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// Edge counts by state for each pair of standards: (label, count, meaning).
pub fn overlap_summary(report: &GapReport) -> Vec<(String, usize, String)> {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for o in &report.overlap {
        let pair = (o.source.standard.as_str(), o.target.standard.as_str());
        if !pairs.contains(&pair) {
            pairs.push(pair);
        }
    }
    let mut out = Vec::new();
    for (source, target) in pairs {
        let count = |state: OverlapState| {
            report
                .overlap
                .iter()
                .filter(|o| {
                    o.state == state && o.source.standard == source && o.target.standard == target
                })
                .count()
        };
        let rows = [
            (
                OverlapState::BothInPlace,
                "run once for both".to_owned(),
                format!("in place for {source} and {target}: one implementation serves both"),
            ),
            (
                OverlapState::SourceOnly,
                format!("reuse {source}"),
                format!("in place for {source} only: reuse it for {target}"),
            ),
            (
                OverlapState::TargetOnly,
                format!("reuse {target}"),
                format!("in place for {target} only: reuse it for {source}"),
            ),
            (
                OverlapState::JointGap,
                "joint gap".to_owned(),
                "in place for neither: one piece of work closes both".to_owned(),
            ),
            (
                OverlapState::Excluded,
                "excluded".to_owned(),
                "one side is not applicable".to_owned(),
            ),
        ];
        for (state, label, meaning) in rows {
            out.push((label, count(state), meaning));
        }
    }
    out
}

/// How a shared element stands, in words that name the standards.
pub fn element_state(element: &SharedElement) -> String {
    let keys = |wanted: &dyn Fn(SideState) -> bool| {
        element
            .sides
            .iter()
            .filter(|side| wanted(side.state))
            .map(|side| side.standard.as_str())
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let every = if element.sides.len() == 2 {
        "both"
    } else {
        "all"
    };
    match element.state {
        SharedState::InPlaceForAll => format!("in place for {every}"),
        SharedState::Extend => format!(
            "in place for {}; extend it to {}",
            keys(&|state| state == SideState::InPlace),
            keys(&|state| state != SideState::InPlace)
        ),
        SharedState::PartlyInPlace => format!("partly in place for {every}"),
        SharedState::Started => format!(
            "started for {}; nothing yet for {}",
            keys(&|state| state == SideState::Partly),
            keys(&|state| state == SideState::Missing)
        ),
        SharedState::JointGap => "joint gap: nothing in place yet".to_owned(),
    }
}

/// A weight from 0 to 1 as a whole percentage, such as `60%`.
pub fn weight_percent(weight: f64) -> String {
    format!("{:.0}%", 100.0 * weight)
}

/// How much of an item a reuse covers, in words an auditor reads.
pub fn extent(weight: f64) -> &'static str {
    if weight >= 1.0 {
        "covers it fully"
    } else if weight >= 0.7 {
        "covers most"
    } else if weight >= 0.4 {
        "covers part"
    } else {
        "covers a little"
    }
}

/// A source of reuse in words: standard, id, title and status.
pub fn source_label(source: &ReuseSource) -> String {
    format!(
        "{} {} {} ({})",
        source.standard, source.id, source.title, source.status
    )
}

/// Whether the report was asked for a gate, so that its verdict is shown.
pub fn gate_configured(report: &GapReport) -> bool {
    let gate = &report.gate;
    gate.fail_on != crate::analysis::FailOn::Never
        || !gate.min_coverage.is_empty()
        || gate.fail_on_stale_evidence
        || report.baseline.is_some()
}

/// The state of one overlap row in words, naming the standard to reuse.
pub fn overlap_label(row: &OverlapRow) -> String {
    match row.state {
        OverlapState::SourceOnly => format!("reuse {}", row.source.standard),
        OverlapState::TargetOnly => format!("reuse {}", row.target.standard),
        other => other.label().to_owned(),
    }
}

/// A table in the house style, fitted to `look.width`, never asking the terminal.
pub fn table(look: Look) -> Table {
    Table::new(look.width, look.styled)
}

/// Longest user text, in characters, that a terminal view shows whole: a
/// longer value is shortened with its length (the other formats keep it
/// whole). Terminal tables lay out long unbroken text in time that grows
/// with its length, and nobody reads a megabyte in a table cell.
pub const TERMINAL_TEXT_MAX: usize = 200;

/// A table cell for a terminal, the one way text enters a terminal table:
/// shortened past [`TERMINAL_TEXT_MAX`], control and bidi characters shown
/// escaped (line ends are kept).
pub fn cell(text: impl std::fmt::Display) -> Cell {
    let text = text.to_string();
    Cell::new(terminal::escape_lines(&terminal::shorten(&text, TERMINAL_TEXT_MAX)).into_owned())
}

/// User text on a line of a terminal view: shortened past
/// [`TERMINAL_TEXT_MAX`], control and bidi characters (line ends too) shown
/// escaped.
pub fn term(text: &str) -> String {
    terminal::escape(&terminal::shorten(text, TERMINAL_TEXT_MAX)).into_owned()
}

/// Neutralises a CSV cell that a spreadsheet would run as a formula
/// (OWASP "CSV injection"): a leading `=`, `+`, `-`, `@`, tab or carriage
/// return gets a leading apostrophe, which spreadsheets show as text.
pub fn csv_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Writes CSV records into a string with RFC 4180 quoting.
pub fn csv_document(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    csv_rows(std::iter::once(header).chain(rows).collect())
}

/// CSV records without a header, for streaming after one.
pub fn csv_rows(rows: Vec<Vec<String>>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        let cells: Vec<String> = row.iter().map(|cell| csv_cell(cell)).collect();
        let _ = writer.write_record(&cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_stay_readable() {
        for text in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            let cell = csv_cell(text);
            assert!(cell.starts_with('\''), "{text:?}");
            assert_eq!(&cell[1..], text);
        }
        assert_eq!(csv_cell("A.5.1"), "A.5.1");
        assert_eq!(csv_cell("a=b"), "a=b");
    }

    #[test]
    fn csv_quotes_per_rfc_4180() {
        let text = csv_document(&["a", "b"], vec![vec!["x, y".into(), "say \"hi\"".into()]]);
        assert_eq!(text, "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n");
    }

    #[test]
    fn bars_and_percentages() {
        assert_eq!(bar(Some(50.0), 4), "██░░");
        assert_eq!(bar(Some(100.0), 3), "███");
        assert_eq!(bar(None, 2), "  ");
        assert_eq!(percent(Some(37.5)), "37.5%");
        assert_eq!(percent(None), "n/a");
    }

    #[test]
    fn terminal_tables_take_user_text_through_cell_only() {
        for (name, source) in [
            ("catalog.rs", include_str!("catalog.rs")),
            ("diff.rs", include_str!("diff.rs")),
            ("gap_table.rs", include_str!("gap_table.rs")),
            ("portfolio.rs", include_str!("portfolio.rs")),
        ] {
            assert!(
                !source.contains(concat!("Cell", "::new(")),
                "{name} builds a table cell without `cell`, which escapes and shortens"
            );
        }
    }

    #[test]
    fn markdown_cells_cannot_break_the_table_or_inject_html() {
        assert_eq!(md_cell("a|b\nc <script>"), "a\\|b c &lt;script&gt;");
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
}
