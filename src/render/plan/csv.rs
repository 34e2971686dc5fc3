//! The plan as CSV for a spreadsheet: one row per item of each package, the
//! package's rank, title, phase, dates and figures repeated on each row so
//! that the sheet can be filtered and sorted.

use super::{phase_label, why};
use crate::analysis::plan::PlanReport;
use crate::render::{Rendered, csv};
use crate::status::NOT_ASSESSED;

/// RFC 4180 CSV with CRLF line ends, formula cells neutralised.
pub fn render(plan: &PlanReport) -> Rendered {
    let mut header: Vec<String> = [
        "rank",
        "package",
        "kind",
        "phase",
        "after",
        "start",
        "end",
        "people",
        "package_effort_days",
        "standard",
        "id",
        "title",
        "status",
        "priority",
        "effort_days",
        "effort_days_without_reuse",
        "owner",
        "due",
        "package_due",
        "overdue",
        "late",
        "gain",
    ]
    .map(str::to_owned)
    .to_vec();
    for s in &plan.standards {
        header.push(format!("{}_coverage_after", s.id));
    }
    header.push("why".to_owned());
    let number = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    let text = |value: Option<String>| value.unwrap_or_default();
    let yes = |flag: bool| if flag { "yes" } else { "no" }.to_owned();
    let mut rows = Vec::new();
    for step in &plan.steps {
        let after: Vec<String> = step.after.iter().map(ToString::to_string).collect();
        let reason = why(step);
        for item in &step.items {
            let mut row = vec![
                step.rank.to_string(),
                step.title.clone(),
                step.kind.label().to_owned(),
                phase_label(step.phase).to_owned(),
                after.join(";"),
                text(step.start.map(|d| d.to_string())),
                text(step.end.map(|d| d.to_string())),
                text(step.people.map(|n| n.to_string())),
                number(step.effort.map(|e| e.days)),
                item.standard.clone(),
                item.id.clone(),
                item.title.clone(),
                item.status.map_or(NOT_ASSESSED, |s| s.as_str()).to_owned(),
                text(item.priority.map(|p| p.as_str().to_owned())),
                number(item.effort.map(|e| e.days)),
                number(item.effort.map(|e| e.days_without_reuse)),
                text(item.owner.clone()),
                text(item.due.map(|d| d.to_string())),
                text(step.due.map(|d| d.to_string())),
                yes(step.overdue),
                yes(step.late),
                step.total_gain.to_string(),
            ];
            for s in &plan.standards {
                let figure = step.coverage_after.iter().find(|f| f.standard == s.id);
                row.push(figure.map(|f| number(f.value)).unwrap_or_default());
            }
            row.push(reason.clone());
            rows.push(row);
        }
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    csv::document(&header, rows)
}
