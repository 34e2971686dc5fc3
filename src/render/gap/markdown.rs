//! The gap report as Markdown that a consultant can paste into a client
//! document: summary, coverage by group, the integrated management system,
//! overlap, missing items, reuse suggestions and warnings.

use std::fmt::{self, Write as _};

use crate::analysis::{GapReport, ItemStatus, StandardSummary};
use crate::render::markdown::{md_cell, table};
use crate::render::table::Align::{Left, Right};
use crate::render::{
    Rendered, element_state, gate_configured, percent, source_label, status_label, weight_percent,
};

/// The whole report.
pub fn render(report: &GapReport) -> Rendered {
    let mut out = String::new();
    let title = match &report.target {
        Some(target) => format!("Gap analysis towards {}", name_of(report, target)),
        None => "Gap analysis".to_owned(),
    };
    writeln!(out, "# {title}: {}\n", md_cell(&report.header.organisation))?;
    let facts = [
        ("Organisation", Some(report.header.organisation.clone())),
        ("Scope", report.header.scope.clone()),
        ("Assessed", report.header.assessed.map(|d| d.to_string())),
        ("Assessor", report.assessor.clone()),
        ("Status file", Some(report.header.file.clone())),
    ];
    table(
        &mut out,
        &[("", Left), ("", Left)],
        facts
            .into_iter()
            .filter_map(|(label, value)| Some([label.to_owned(), md_cell(&value?)])),
    )?;
    out.push('\n');

    summary(&mut out, report)?;
    groups(&mut out, report)?;
    integrated(&mut out, report)?;
    overlap(&mut out, report)?;
    missing(&mut out, report)?;
    suggestions(&mut out, report)?;
    regressions(&mut out, report)?;
    warnings(&mut out, report)?;
    gate(&mut out, report)?;
    Ok(out)
}

fn name_of<'a>(report: &'a GapReport, key: &'a str) -> &'a str {
    report
        .standards
        .iter()
        .find(|s| s.id == key)
        .map_or(key, |s| s.name.as_str())
}

fn summary(out: &mut String, report: &GapReport) -> fmt::Result {
    out.push_str("## Summary\n\n");
    let columns = [
        ("Standard", Left),
        ("Coverage", Right),
        ("With full reuse", Right),
        ("Head start", Right),
        ("Applicable", Right),
        ("Implemented", Right),
        ("Partial", Right),
        ("Planned", Right),
        ("Not implemented", Right),
        ("Not assessed", Right),
        ("Not applicable", Right),
    ];
    let rows = report.standards.iter().map(|s| {
        let c = &s.counts;
        vec![
            md_cell(&s.name),
            percent(s.coverage),
            percent(s.projected_coverage),
            percent(s.head_start),
            c.applicable.to_string(),
            c.implemented.to_string(),
            c.partial.to_string(),
            c.planned.to_string(),
            c.not_implemented.to_string(),
            c.not_assessed.to_string(),
            c.not_applicable.to_string(),
        ]
    });
    table(out, &columns, rows)?;
    out.push_str(
        "\nCoverage counts an implemented item as 1 and a partial one as 0.5, over the applicable \
         items; items not assessed count as applicable and add nothing. \"With full reuse\" is the \
         coverage if every item that another standard's work covers fully were taken over. \
         \"Head start\" takes every reuse at its weight (how much of the item the other \
         standard's work satisfies), an item's own status counting where it is higher: it \
         measures how far the other standards already carry this one.\n\n",
    );
    for s in &report.standards {
        writeln!(
            out,
            "- **{}**: {} item(s) can be covered fully by reuse; {} need new work, of which {} can start from partial reuse.{}",
            md_cell(&s.name),
            s.fully_reusable,
            s.new_work,
            s.partly_reusable,
            crate::render::effort_sentence(s.effort)
        )?;
    }
    out.push('\n');
    Ok(())
}

fn groups(out: &mut String, report: &GapReport) -> fmt::Result {
    for s in &report.standards {
        writeln!(out, "### Coverage by group: {}\n", md_cell(&s.name))?;
        let columns = [
            ("Group", Left),
            ("Title", Left),
            ("Applicable", Right),
            ("Implemented", Right),
            ("Partial", Right),
            ("Coverage", Right),
            ("Head start", Right),
        ];
        let rows = s.groups.iter().map(|g| {
            vec![
                md_cell(&g.id),
                md_cell(&g.title),
                g.counts.applicable.to_string(),
                g.counts.implemented.to_string(),
                g.counts.partial.to_string(),
                percent(g.coverage),
                percent(g.head_start),
            ]
        });
        table(out, &columns, rows)?;
        out.push('\n');
    }
    Ok(())
}

fn item_list(items: &[ItemStatus]) -> String {
    items
        .iter()
        .map(|i| format!("{} ({})", md_cell(&i.id), status_label(i.status)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn integrated(out: &mut String, report: &GapReport) -> fmt::Result {
    if report.integrated.is_empty() {
        return Ok(());
    }
    out.push_str("## Integrated management system\n\n");
    let keys: Vec<&StandardSummary> = report.standards.iter().collect();
    let standards = super::integrated_standards(report);
    let headers: Vec<String> = standards
        .iter()
        .map(|key| {
            keys.iter()
                .find(|s| s.id == *key)
                .map_or_else(|| md_cell(key), |s| md_cell(&s.name))
        })
        .collect();
    writeln!(out, "{}\n", super::integrated_intro(standards.len()))?;
    let mut columns = vec![("Element", Left)];
    columns.extend(headers.iter().map(|h| (h.as_str(), Left)));
    columns.extend([("State", Left), ("One implementation serves all", Left)]);
    let rows = report.integrated.iter().map(|element| {
        let mut row = vec![md_cell(&element.name)];
        row.extend(standards.iter().map(|key| {
            element
                .sides
                .iter()
                .find(|side| side.standard == *key)
                .map_or_else(String::new, |side| item_list(&side.items))
        }));
        row.push(md_cell(&element_state(element)));
        row.push(
            if element.one_serves_all {
                "yes: the same requirement"
            } else {
                "no: each standard adds its own part"
            }
            .to_owned(),
        );
        row
    });
    table(out, &columns, rows)?;
    out.push('\n');
    Ok(())
}

fn overlap(out: &mut String, report: &GapReport) -> fmt::Result {
    if report.overlap.is_empty() {
        return Ok(());
    }
    out.push_str("## Overlap\n\n");
    for pair in &report.overlap_pairs {
        if report.overlap_pairs.len() > 1 {
            writeln!(
                out,
                "### {} and {}\n",
                md_cell(&pair.source),
                md_cell(&pair.target)
            )?;
        }
        let rows = pair.counts.iter().map(|count| {
            let (label, meaning) = super::overlap_words(pair, count.state);
            [md_cell(&label), count.count.to_string(), md_cell(&meaning)]
        });
        table(
            out,
            &[("State", Left), ("Edges", Right), ("Meaning", Left)],
            rows,
        )?;
        out.push('\n');
    }
    let columns = [
        ("Source", Left),
        ("Relationship", Left),
        ("Target", Left),
        ("Weights", Left),
        ("Source status", Left),
        ("Target status", Left),
        ("State", Left),
    ];
    let rows = report.overlap.iter().map(|o| {
        [
            format!("{} {}", md_cell(&o.source.standard), md_cell(&o.source.id)),
            o.relationship.to_string(),
            format!("{} {}", md_cell(&o.target.standard), md_cell(&o.target.id)),
            format!(
                "{} / {}",
                weight_percent(o.weight),
                weight_percent(o.reverse_weight)
            ),
            status_label(o.source_status).to_owned(),
            status_label(o.target_status).to_owned(),
            md_cell(&super::overlap_label(o)),
        ]
    });
    table(out, &columns, rows)?;
    out.push('\n');
    Ok(())
}

fn status_table(
    out: &mut String,
    heading: &str,
    items: &[ItemStatus],
    report: &GapReport,
) -> fmt::Result {
    writeln!(out, "## {heading}\n")?;
    if items.is_empty() {
        out.push_str("None.\n\n");
        return Ok(());
    }
    for s in &report.standards {
        let mine: Vec<&ItemStatus> = items.iter().filter(|i| i.standard == s.id).collect();
        if mine.is_empty() {
            continue;
        }
        writeln!(out, "### {} ({})\n", md_cell(&s.name), mine.len())?;
        let rows = mine.iter().map(|i| {
            [
                md_cell(&i.id),
                md_cell(&i.title),
                status_label(i.status).to_owned(),
                md_cell(i.owner.as_deref().unwrap_or("")),
                i.due.map(|d| d.to_string()).unwrap_or_default(),
            ]
        });
        table(
            out,
            &[
                ("Id", Left),
                ("Title", Left),
                ("Status", Left),
                ("Owner", Left),
                ("Due", Left),
            ],
            rows,
        )?;
        out.push('\n');
    }
    Ok(())
}

fn missing(out: &mut String, report: &GapReport) -> fmt::Result {
    status_table(out, "Missing items", &report.missing, report)?;
    status_table(out, "Partly implemented items", &report.partial, report)?;
    status_table(out, "Items not assessed", &report.unassessed, report)
}

fn suggestions(out: &mut String, report: &GapReport) -> fmt::Result {
    out.push_str("## Reuse suggestions\n\n");
    if report.suggestions.is_empty() {
        out.push_str("None: no item that is not in place is mapped to one that is.\n\n");
        return Ok(());
    }
    out.push_str(
        "One row per item, most valuable first (coverage points gained). \"Covers\" is how much of \
         the item the strongest source satisfies now: its weight in the crosswalk, halved for a \
         source that is only partial. Other sources in place are listed beneath it; they are not \
         added up. \"Still needed\" is what remains after the strongest source.\n\n",
    );
    let rows = report.suggestions.iter().enumerate().map(|(n, s)| {
        let sources: Vec<String> = s
            .sources
            .iter()
            .map(|source| {
                format!(
                    "{}, {} ({})",
                    md_cell(&source_label(source)),
                    source.relationship,
                    weight_percent(source.contribution)
                )
            })
            .collect();
        [
            (n + 1).to_string(),
            format!(
                "{} {} {} ({})",
                md_cell(&s.target.standard),
                md_cell(&s.target.id),
                md_cell(&s.target_title),
                status_label(s.target_status)
            ),
            sources.join("<br>"),
            format!("{} {}", weight_percent(s.weight), s.coverage.as_str()),
            format!("+{:.2}", s.gain),
            md_cell(&s.rationale),
            md_cell(s.residual.as_deref().unwrap_or("nothing")),
        ]
    });
    table(
        out,
        &[
            ("#", Right),
            ("Item to close", Left),
            ("Reuse", Left),
            ("Covers", Left),
            ("Gain", Right),
            ("Why", Left),
            ("Still needed", Left),
        ],
        rows,
    )?;
    out.push('\n');
    Ok(())
}

fn warnings(out: &mut String, report: &GapReport) -> fmt::Result {
    if report.warnings.is_empty() {
        return Ok(());
    }
    out.push_str("## Warnings\n\n");
    for w in &report.warnings {
        writeln!(out, "- **{}**: {}", w.code.as_str(), md_cell(&w.message))?;
    }
    out.push('\n');
    Ok(())
}

fn regressions(out: &mut String, report: &GapReport) -> fmt::Result {
    let Some(baseline) = &report.baseline else {
        return Ok(());
    };
    writeln!(out, "## Against the baseline {}\n", md_cell(&baseline.file))?;
    if baseline.regressions.is_empty() {
        out.push_str("Nothing went backwards.\n\n");
        return Ok(());
    }
    let rows: Vec<_> = baseline.regressions.iter().collect();
    crate::render::diff::markdown::changes(out, &rows, "Now")?;
    out.push('\n');
    Ok(())
}

fn gate(out: &mut String, report: &GapReport) -> fmt::Result {
    if !gate_configured(report) {
        return Ok(());
    }
    let gate = &report.gate;
    out.push_str("## Gate\n\n");
    if gate.passed {
        out.push_str("Passed.\n");
    } else {
        out.push_str("Failed:\n\n");
        for reason in &gate.reasons {
            writeln!(out, "- {}", md_cell(reason))?;
        }
    }
    Ok(())
}
