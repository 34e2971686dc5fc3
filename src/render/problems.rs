//! Problems and failures painted for a terminal or a log: the one place
//! where the model of [`crate::diag`] meets colour. What the user wrote is
//! shown safely: long values shortened, control and bidi characters
//! escaped (see [`crate::terminal::diagnostic`]).

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use crate::diag::Problem;
use crate::terminal::diagnostic;

/// The styles of the two labels, or none when the stream is not styled.
fn styles(styled: bool) -> (Style, Style) {
    if styled {
        (
            Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
            Style::new().bold().fg_color(Some(AnsiColor::Cyan.into())),
        )
    } else {
        (Style::new(), Style::new())
    }
}

/// At most `limit` problems, each with its place, code, message and help,
/// then a count of the rest.
pub fn problems(problems: &[Problem], limit: usize, styled: bool) -> String {
    let (error, help_style) = styles(styled);
    let mut out = String::new();
    for problem in problems.iter().take(limit) {
        let error = match (styled, problem.severity) {
            (true, crate::diag::Severity::Warning) => {
                Style::new().bold().fg_color(Some(AnsiColor::Yellow.into()))
            }
            (true, crate::diag::Severity::Note) => Style::new().bold(),
            _ => error,
        };
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "{}: {error}{}[{}]{error:#}: {}",
            diagnostic(&problem.location()),
            problem.severity.as_str(),
            problem.code,
            diagnostic(&problem.message)
        );
        if let Some(help) = &problem.help {
            let _ = writeln!(
                out,
                "  {help_style}help{help_style:#}: {}",
                diagnostic(help)
            );
        }
    }
    if problems.len() > limit {
        let more = problems.len() - limit;
        let _ = writeln!(
            out,
            "... and {more} more problem{} not shown",
            if more == 1 { "" } else { "s" }
        );
    }
    out
}

/// A failure that is not about a place in a file, with its help.
pub fn message(message: &str, help: Option<&str>, styled: bool) -> String {
    let (error, help_style) = styles(styled);
    let mut text = format!("{error}error{error:#}: {}\n", diagnostic(message));
    if let Some(help) = help {
        let _ = writeln!(
            text,
            "  {help_style}help{help_style:#}: {}",
            diagnostic(help)
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{InvalidInput, Pos, ProblemCode, Problems};

    fn problem() -> Problem {
        let mut problems = Problems::new("a.yaml");
        problems
            .add(
                ProblemCode::YamlSyntax,
                Pos { line: 3, column: 5 },
                "bad \u{1b}[2J value",
            )
            .help("fix it");
        problems.into_sorted().remove(0)
    }

    #[test]
    fn problems_are_located_coded_and_escaped() {
        let text = problems(&[problem(), problem()], 1, false);
        assert_eq!(
            text,
            "a.yaml:3:5: error[yaml-syntax]: bad \\u{1b}[2J value\n  help: fix it\n... and 1 more problem not shown\n"
        );
    }

    #[test]
    fn render_caps_the_list_and_counts_the_rest() {
        let mut list = Problems::new("s.yaml");
        for line in 1..=5 {
            list.add(ProblemCode::UnknownItem, Pos::new(line, 3), "unknown item")
                .help("did you mean `A.5.1`?");
        }
        let text = problems(&InvalidInput::from(list).0, 2, false);
        assert_eq!(
            text,
            "s.yaml:1:3: error[unknown-item]: unknown item\n  help: did you mean `A.5.1`?\n\
             s.yaml:2:3: error[unknown-item]: unknown item\n  help: did you mean `A.5.1`?\n\
             ... and 3 more problems not shown\n"
        );
    }

    #[test]
    fn styles_appear_only_when_asked() {
        assert!(!problems(&[problem()], 5, false).contains("\u{1b}["));
        let styled = problems(&[problem()], 5, true);
        assert!(
            styled.contains("\u{1b}[1m\u{1b}[31merror[yaml-syntax]\u{1b}[0m"),
            "{styled:?}"
        );
        assert!(message("no", Some("yes"), true).contains("\u{1b}[0m: no"));
        assert_eq!(
            message("no", Some("yes"), false),
            "error: no\n  help: yes\n"
        );
    }
}
