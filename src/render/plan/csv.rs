//! The plan as CSV for a spreadsheet: one row per item of each package, the
//! package's rank, title and figures repeated on each row so that the
//! sheet can be filtered and sorted.

use crate::analysis::plan::PlanReport;
use crate::render::{Rendered, csv};

/// RFC 4180 CSV with CRLF line ends, formula cells neutralised.
pub fn render(plan: &PlanReport) -> Rendered {
    let mut header: Vec<String> = [
        "rank",
        "package",
        "kind",
        "after",
        "standard",
        "id",
        "title",
        "status",
        "owner",
        "due",
        "package_due",
        "overdue",
        "gain",
    ]
    .map(str::to_owned)
    .to_vec();
    for s in &plan.standards {
        header.push(format!("{}_coverage_after", s.id));
    }
    header.push("why".to_owned());
    let number = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    let mut rows = Vec::new();
    for step in &plan.steps {
        let after: Vec<String> = step.after.iter().map(ToString::to_string).collect();
        for item in &step.items {
            let mut row = vec![
                step.rank.to_string(),
                step.title.clone(),
                step.kind.label().to_owned(),
                after.join(";"),
                item.standard.clone(),
                item.id.clone(),
                item.title.clone(),
                item.status
                    .map_or("not-assessed", |s| s.as_str())
                    .to_owned(),
                item.owner.clone().unwrap_or_default(),
                item.due.map(|d| d.to_string()).unwrap_or_default(),
                step.due.map(|d| d.to_string()).unwrap_or_default(),
                if step.overdue { "yes" } else { "no" }.to_owned(),
                step.total_gain.to_string(),
            ];
            for s in &plan.standards {
                let figure = step.coverage_after.iter().find(|f| f.standard == s.id);
                row.push(figure.map(|f| number(f.value)).unwrap_or_default());
            }
            row.push(step.why.clone());
            rows.push(row);
        }
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    csv::document(&header, rows)
}
