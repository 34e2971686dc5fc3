//! The gap report for a terminal: summary first, then coverage by group, the
//! integrated management system, overlap, missing items, reuse suggestions
//! and warnings, fitted to the terminal width (80 columns off a terminal).

use std::fmt::{self, Write as _};

use crate::analysis::{GapReport, ItemStatus, OverlapState};
use crate::render::table::{Align, Cell, Color, bold, cell, table, term};
use crate::render::{
    Look, Rendered, bar, element_state, gate_configured, percent, status_label, weight_percent,
};
use crate::status::Status;

/// How many suggestions the terminal view shows before pointing elsewhere.
pub const SUGGESTIONS_SHOWN: usize = 15;

/// The whole report.
pub fn render(report: &GapReport, look: Look) -> Rendered {
    let mut out = String::new();
    let title = super::title(report, &term(&report.header.organisation));
    heading(&mut out, &title, look)?;
    if let Some(scope) = &report.header.scope {
        writeln!(out, "Scope: {}", term(scope))?;
    }
    if let Some(date) = report.header.assessed {
        match &report.assessor {
            Some(assessor) => {
                writeln!(out, "Assessed: {date} by {}", term(assessor))?;
            }
            None => {
                writeln!(out, "Assessed: {date}")?;
            }
        }
    } else if let Some(assessor) = &report.assessor {
        writeln!(out, "Assessor: {}", term(assessor))?;
    }
    writeln!(out, "File: {}", term(&report.header.file))?;

    summary(&mut out, report, look)?;
    groups(&mut out, report, look)?;
    integrated(&mut out, report, look)?;
    overlap(&mut out, report, look)?;
    missing(&mut out, report, look)?;
    suggestions(&mut out, report, look)?;
    regressions(&mut out, report, look)?;
    warnings(&mut out, report, look)?;
    gate(&mut out, report, look)?;
    Ok(out)
}

/// A heading, after a blank line unless it is the first line.
fn heading(out: &mut String, text: &str, look: Look) -> fmt::Result {
    if !out.is_empty() {
        out.push('\n');
    }
    writeln!(out, "{}", bold(text, look))
}

fn status_cell(status: Option<Status>, look: Look) -> Cell {
    let cell = cell(status_label(status));
    if !look.styled {
        return cell;
    }
    match status {
        Some(Status::Implemented) => cell.fg(Color::Green),
        Some(Status::Partial | Status::Planned) => cell.fg(Color::Yellow),
        Some(Status::NotImplemented) => cell.fg(Color::Red),
        _ => cell,
    }
}

fn summary(out: &mut String, report: &GapReport, look: Look) -> fmt::Result {
    heading(out, "Summary", look)?;
    let mut t = table(look);
    t.set_header(["Standard", "Coverage", "Full reuse", "Head start", "Items"]);
    for s in &report.standards {
        let c = &s.counts;
        let mut parts = vec![format!("{} applicable", c.applicable)];
        for (count, label) in [
            (c.implemented, "implemented"),
            (c.partial, "partial"),
            (c.planned, "planned"),
            (c.not_implemented, "not implemented"),
            (c.not_assessed, "not assessed"),
            (c.not_applicable, "not applicable"),
        ] {
            if count > 0 {
                parts.push(format!("{count} {label}"));
            }
        }
        t.add_row([
            cell(&s.id),
            cell(percent(s.coverage)).set_alignment(Align::Right),
            cell(percent(s.projected_coverage)).set_alignment(Align::Right),
            cell(percent(s.head_start)).set_alignment(Align::Right),
            cell(parts.join(", ")),
        ]);
    }
    writeln!(out, "{t}")?;
    writeln!(
        out,
        "{}",
        wrap(
            "Coverage: implemented 1, partial 0.5, over applicable items. Full reuse: if every reuse that covers an item fully were taken. Head start: if every reuse were taken at its weight, so how far the other standards already carry this one.",
            usize::from(look.width)
        )
    )?;
    for s in &report.standards {
        writeln!(
            out,
            "{}",
            wrap(
                &format!(
                    "{}: {} item(s) fully covered by reuse, {} need new work ({} can start from partial reuse).{}",
                    s.id,
                    s.fully_reusable,
                    s.new_work,
                    s.partly_reusable,
                    crate::render::effort_sentence(s.effort)
                ),
                usize::from(look.width)
            )
        )?;
    }
    Ok(())
}

fn groups(out: &mut String, report: &GapReport, look: Look) -> fmt::Result {
    for s in &report.standards {
        heading(out, &format!("Coverage by group: {}", s.name), look)?;
        let mut t = table(look);
        t.set_header(["Group", "Title", "Items", "Coverage", "", "Head start"]);
        for g in &s.groups {
            t.add_row([
                cell(&g.id),
                cell(&g.title),
                cell(g.counts.applicable).set_alignment(Align::Right),
                cell(percent(g.coverage)).set_alignment(Align::Right),
                cell(bar(g.coverage, 10)),
                cell(percent(g.head_start)).set_alignment(Align::Right),
            ]);
        }
        writeln!(out, "{t}")?;
    }
    Ok(())
}

fn item_list(items: &[ItemStatus]) -> String {
    items
        .iter()
        .map(|i| format!("{} {}", i.id, status_label(i.status)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn integrated(out: &mut String, report: &GapReport, look: Look) -> fmt::Result {
    if report.integrated.is_empty() {
        return Ok(());
    }
    heading(out, "Integrated management system: shared clauses", look)?;
    let mut standards: Vec<&str> = Vec::new();
    for element in &report.integrated {
        for side in &element.sides {
            if !standards.contains(&side.standard.as_str()) {
                standards.push(&side.standard);
            }
        }
    }
    let mut t = table(look);
    let mut header = vec!["Element"];
    header.extend(standards.iter().copied());
    header.push("State");
    t.set_header(header);
    for element in &report.integrated {
        let mut row = vec![cell(&element.name)];
        for key in &standards {
            let text = element
                .sides
                .iter()
                .find(|side| side.standard == *key)
                .map_or_else(String::new, |side| item_list(&side.items));
            row.push(cell(text));
        }
        let state = if element.one_serves_all {
            format!("{} (same requirement)", element_state(element))
        } else {
            element_state(element)
        };
        row.push(cell(state));
        t.add_row(row);
    }
    writeln!(out, "{t}")?;
    Ok(())
}

fn overlap(out: &mut String, report: &GapReport, look: Look) -> fmt::Result {
    if report.overlap.is_empty() {
        return Ok(());
    }
    heading(out, "Overlap between the standards", look)?;
    let mut t = table(look);
    t.set_header(["State", "Edges", "Meaning"]);
    for pair in &report.overlap_pairs {
        for count in &pair.counts {
            let (label, meaning) = super::overlap_words(pair, count.state);
            t.add_row([
                cell(label),
                cell(count.count).set_alignment(Align::Right),
                cell(meaning),
            ]);
        }
    }
    writeln!(out, "{t}")?;
    let joint: Vec<String> = report
        .overlap
        .iter()
        .filter(|o| o.state == OverlapState::JointGap)
        .map(|o| {
            format!(
                "{} {} + {} {}",
                o.source.standard, o.source.id, o.target.standard, o.target.id
            )
        })
        .collect();
    if !joint.is_empty() {
        writeln!(
            out,
            "{}",
            wrap(
                &format!("Joint gaps: {}", joint.join("; ")),
                usize::from(look.width)
            )
        )?;
    }
    Ok(())
}

fn status_rows(
    out: &mut String,
    title: &str,
    items: &[ItemStatus],
    report: &GapReport,
    with_status: bool,
    look: Look,
) -> fmt::Result {
    for s in &report.standards {
        let mine: Vec<&ItemStatus> = items.iter().filter(|i| i.standard == s.id).collect();
        if mine.is_empty() {
            continue;
        }
        heading(out, &format!("{title}: {} ({})", s.id, mine.len()), look)?;
        let mut t = table(look);
        let mut header = vec!["Id", "Title"];
        if with_status {
            header.push("Status");
        }
        header.extend(["Owner", "Due"]);
        t.set_header(header);
        for i in mine {
            let mut row = vec![cell(&i.id), cell(&i.title)];
            if with_status {
                row.push(status_cell(i.status, look));
            }
            row.push(cell(i.owner.as_deref().unwrap_or("")));
            row.push(cell(i.due.map(|d| d.to_string()).unwrap_or_default()));
            t.add_row(row);
        }
        writeln!(out, "{t}")?;
    }
    Ok(())
}

fn missing(out: &mut String, report: &GapReport, look: Look) -> fmt::Result {
    status_rows(out, "Missing", &report.missing, report, true, look)?;
    status_rows(
        out,
        "Partly implemented",
        &report.partial,
        report,
        false,
        look,
    )?;
    for s in &report.standards {
        let ids: Vec<&str> = report
            .unassessed
            .iter()
            .filter(|i| i.standard == s.id)
            .map(|i| i.id.as_str())
            .collect();
        if !ids.is_empty() {
            heading(
                out,
                &format!("Not assessed: {} ({})", s.id, ids.len()),
                look,
            )?;
            writeln!(out, "{}", wrap(&ids.join(", "), usize::from(look.width)))?;
        }
    }
    Ok(())
}

fn suggestions(out: &mut String, report: &GapReport, look: Look) -> fmt::Result {
    heading(out, "Reuse suggestions, most valuable first", look)?;
    if report.suggestions.is_empty() {
        writeln!(
            out,
            "None: no item that is not in place is mapped to one that is."
        )?;
        return Ok(());
    }
    let mut t = table(look);
    t.set_header(["#", "Item to close", "Reuse", "Covers", "Still needed"]);
    for (n, s) in report
        .suggestions
        .iter()
        .take(SUGGESTIONS_SHOWN)
        .enumerate()
    {
        let mut reuse = s
            .sources
            .first()
            .map(|best| {
                format!(
                    "{} {} ({})\n{}",
                    best.standard, best.id, best.status, best.relationship
                )
            })
            .unwrap_or_default();
        if s.sources.len() > 1 {
            reuse.push_str(&format!("\n+{} more", s.sources.len() - 1));
        }
        t.add_row([
            cell(n + 1),
            cell(format!(
                "{} {}\n{}",
                s.target.standard, s.target.id, s.target_title
            )),
            cell(reuse),
            cell(format!(
                "{}\n{}",
                weight_percent(s.weight),
                s.coverage.as_str()
            )),
            cell(s.residual.as_deref().unwrap_or("nothing")),
        ]);
    }
    writeln!(out, "{t}")?;
    let more = report.suggestions.len().saturating_sub(SUGGESTIONS_SHOWN);
    if more > 0 {
        writeln!(
            out,
            "... and {more} more; the Markdown, CSV and JSON reports list every suggestion with its rationale."
        )?;
    }
    Ok(())
}

fn warnings(out: &mut String, report: &GapReport, look: Look) -> fmt::Result {
    if report.warnings.is_empty() {
        return Ok(());
    }
    heading(out, &format!("Warnings ({})", report.warnings.len()), look)?;
    for w in &report.warnings {
        writeln!(
            out,
            "{}",
            wrap(
                &format!("warning[{}]: {}", w.code.as_str(), term(&w.message)),
                usize::from(look.width)
            )
        )?;
    }
    Ok(())
}

fn regressions(out: &mut String, report: &GapReport, look: Look) -> fmt::Result {
    let Some(baseline) = &report.baseline else {
        return Ok(());
    };
    heading(
        out,
        &format!(
            "Against the baseline {}: {} regression(s)",
            term(&baseline.file),
            baseline.regressions.len()
        ),
        look,
    )?;
    if baseline.regressions.is_empty() {
        writeln!(out, "Nothing went backwards.")?;
        return Ok(());
    }
    let mut t = table(look);
    t.set_header(["Standard", "Id", "Title", "Before", "Now"]);
    for c in &baseline.regressions {
        t.add_row([
            cell(&c.standard),
            cell(&c.id),
            cell(&c.title),
            status_cell(c.old, look),
            status_cell(c.new, look),
        ]);
    }
    writeln!(out, "{t}")?;
    Ok(())
}

fn gate(out: &mut String, report: &GapReport, look: Look) -> fmt::Result {
    if !gate_configured(report) {
        return Ok(());
    }
    let gate = &report.gate;
    let verdict = if gate.passed { "passed" } else { "failed" };
    heading(out, &format!("Gate: {verdict}"), look)?;
    for reason in &gate.reasons {
        writeln!(out, "{}", wrap(&term(reason), usize::from(look.width)))?;
    }
    Ok(())
}

/// Wraps text at spaces to `width` columns, indenting continuation lines.
fn wrap(text: &str, width: usize) -> String {
    let width = width.max(20);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let used = line.chars().count();
        if used > 0 && used + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
            line.push_str("  ");
        }
        if !line.is_empty() && !line.ends_with("  ") {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_at_spaces_and_indents() {
        let text = wrap("aaa bbb ccc ddd eee fff ggg hhh iii jjj", 20);
        for line in text.lines() {
            assert!(line.chars().count() <= 20, "{line:?}");
        }
        assert!(text.lines().skip(1).all(|line| line.starts_with("  ")));
        assert_eq!(
            text.replace("\n  ", " "),
            "aaa bbb ccc ddd eee fff ggg hhh iii jjj"
        );
    }
}
