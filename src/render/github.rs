//! GitHub Actions workflow commands (`::error file=...,line=...,col=...::`),
//! so that a pull request shows each problem and each gate failure on the
//! line of the status file it concerns. Values are escaped as the runner
//! expects: `%`, CR and LF in messages, and `:` and `,` too in properties.

use std::fmt::Write as _;

use crate::analysis::GapReport;
use crate::diag::{Pos, Problem};
use crate::render::percent;

/// A message, escaped for a workflow command.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value (file, title), escaped for a workflow command.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// How loud an annotation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Fails the check, in red.
    Error,
    /// Worth a look, in yellow.
    Warning,
    /// For information.
    Notice,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Notice => "notice",
        }
    }
}

/// One workflow command: the file (none when empty), the line and column
/// where known (0 when not), a title and the message.
pub fn annotation(level: Level, file: &str, pos: Pos, title: &str, message: &str) -> String {
    let mut out = format!("::{} ", level.as_str());
    // Writing to a String cannot fail.
    if !file.is_empty() {
        let _ = write!(out, "file={},", escape_property(file));
        if pos.line > 0 {
            let _ = write!(out, "line={},", pos.line);
            if pos.column > 0 {
                let _ = write!(out, "col={},", pos.column);
            }
        }
    }
    let _ = writeln!(
        out,
        "title={}::{}",
        escape_property(title),
        escape_data(message)
    );
    out
}

/// Every problem, at its place, with its help.
pub fn problems(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|problem| {
            let message = match &problem.help {
                Some(help) => format!("{}\nhelp: {help}", problem.message),
                None => problem.message.clone(),
            };
            annotation(
                Level::Error,
                &problem.file,
                Pos {
                    line: problem.line,
                    column: problem.column,
                },
                &format!("ims {}", problem.code),
                &message,
            )
        })
        .collect()
}

/// Finds where the entry of an item is written: standard key, item id.
pub type Locate<'a> = &'a dyn Fn(&str, &str) -> Option<Pos>;

/// The gap report's verdict: the gate's failures, then a notice with the
/// coverage of each standard.
pub fn gate(report: &GapReport, locate: Locate<'_>) -> String {
    let mut out = gate_failures(report, locate);
    out.push_str(&coverage_notice(report));
    out
}

/// An error per item that fails the gate, at the line of its entry as
/// `locate` finds it, else at the file; an error per coverage below its
/// minimum.
pub fn gate_failures(report: &GapReport, locate: Locate<'_>) -> String {
    let mut out = String::new();
    for failure in &report.gate.failures {
        let items = failure.items();
        if items.is_empty() {
            out.push_str(&annotation(
                Level::Error,
                &report.header.file,
                Pos::default(),
                "ims gate",
                &failure.reason(),
            ));
        }
        for id in items {
            let pos = locate(failure.standard(), id).unwrap_or_default();
            out.push_str(&annotation(
                Level::Error,
                &report.header.file,
                pos,
                "ims gate",
                &failure.item_reason(id),
            ));
        }
    }
    out
}

/// A notice with the coverage of each standard and the gate's verdict.
pub fn coverage_notice(report: &GapReport) -> String {
    let mut out = String::new();
    let coverage: Vec<String> = report
        .standards
        .iter()
        .map(|s| format!("{} {}", s.id, percent(s.coverage)))
        .collect();
    if !coverage.is_empty() {
        let verdict = if report.gate.passed {
            "gate passed"
        } else {
            "gate failed"
        };
        out.push_str(&annotation(
            Level::Notice,
            &report.header.file,
            Pos::default(),
            "ims coverage",
            &format!("{}; {verdict}", coverage.join(", ")),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_as_github_specifies() {
        assert_eq!(escape_data("100% a\r\nb"), "100%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(
            annotation(
                Level::Error,
                "dir,x/s:1.yaml",
                Pos { line: 3, column: 5 },
                "ims gate",
                "50% done\nnext"
            ),
            "::error file=dir%2Cx/s%3A1.yaml,line=3,col=5,title=ims gate::50%25 done%0Anext\n"
        );
        assert_eq!(
            annotation(Level::Notice, "s.yaml", Pos::default(), "t", "m"),
            "::notice file=s.yaml,title=t::m\n"
        );
        assert_eq!(
            annotation(
                Level::Warning,
                "s.yaml",
                Pos { line: 2, column: 0 },
                "t",
                "m"
            ),
            "::warning file=s.yaml,line=2,title=t::m\n"
        );
        assert_eq!(
            annotation(Level::Notice, "", Pos { line: 2, column: 1 }, "t", "m"),
            "::notice title=t::m\n"
        );
    }
}
