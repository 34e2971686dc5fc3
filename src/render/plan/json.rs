//! The plan as JSON: the plan structure serialised as it is, so the field
//! documentation in `analysis::plan` is the format's documentation.

use crate::analysis::plan::PlanReport;
use crate::render::Rendered;

/// Pretty-printed JSON with a final newline.
pub fn render(plan: &PlanReport) -> Rendered {
    crate::render::json(plan)
}
