//! The portfolio as JSON: the summary structure serialised as it is, or,
//! with `--each`, an envelope `{"reports": [...], "summary": {...}}` that
//! is streamed a report at a time, so that memory does not grow with the
//! number of files.

use crate::analysis::portfolio::Portfolio;
use crate::render::Rendered;

/// Opens the `--each` envelope.
pub const EACH_BEGIN: &str = "{\n\"reports\": [\n";

/// Between two reports in the envelope.
pub const EACH_BETWEEN: &str = ",\n";

/// The summary alone.
pub fn render(portfolio: &Portfolio) -> Rendered {
    crate::render::json(portfolio)
}

/// Closes the `--each` envelope with the summary.
pub fn each_end(portfolio: &Portfolio) -> Rendered {
    let summary = serde_json::to_string_pretty(portfolio)?;
    Ok(format!("\n],\n\"summary\": {summary}\n}}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::portfolio::PortfolioRow;

    #[test]
    fn the_envelope_is_one_json_document() {
        let portfolio = Portfolio::new(vec![PortfolioRow::invalid("a.yaml", 2)], &["alpha"]);
        let text = format!(
            "{EACH_BEGIN}{{\"n\": 1}}{EACH_BETWEEN}{{\"n\": 2}}{}",
            each_end(&portfolio).unwrap()
        );
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["reports"].as_array().unwrap().len(), 2);
        assert_eq!(value["summary"]["invalid"], 1);
    }
}
