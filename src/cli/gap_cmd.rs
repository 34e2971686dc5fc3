//! `ims gap`: analyse one status file and write the report.

use super::Context;
use super::args::{FailOnArg, GapArgs, GapFormat};
use super::io::{self, Failure};
use crate::analysis::{self, FailOn, MinCoverage, Options};
use crate::exit::Outcome;
use crate::render::{gap_csv, gap_json, gap_markdown, gap_table};
use crate::status;

/// Runs `ims gap`.
pub fn run(context: &Context, args: GapArgs) -> Result<Outcome, Failure> {
    let options = options(context, &args)?;
    let text = io::read_text(&args.file).map_err(|problem| Failure::Problems(vec![problem]))?;
    let name = args.file.display().to_string();
    let assessment = status::load(&name, &text, &context.catalog)?;
    let report = analysis::analyse(&context.catalog, &assessment, &options);
    let look = context.look(args.output.as_deref());
    let rendered = match args.format {
        GapFormat::Table => gap_table::render(&report, look),
        GapFormat::Json => gap_json::render(&report),
        GapFormat::Csv => gap_csv::render(&report),
        GapFormat::Markdown => gap_markdown::render(&report),
    };
    let outcome = if report.gate.passed {
        Outcome::Passed
    } else {
        Outcome::GateFailed
    };
    match io::emit(args.output.as_deref(), &rendered, &[&args.file]) {
        Ok(()) => {}
        Err(Failure::BrokenPipe) => return Ok(outcome),
        Err(failure) => return Err(failure),
    }
    if let Some(path) = &args.output {
        context.note(&format!("wrote {}", path.display()));
    }
    let mut reasons = String::new();
    for reason in &report.gate.reasons {
        reasons.push_str(&format!("gate failed: {reason}\n"));
    }
    io::write_stderr(&reasons);
    Ok(outcome)
}

/// Turns the gate and scope flags into analysis options.
fn options(context: &Context, args: &GapArgs) -> Result<Options, Failure> {
    let mut focus = Vec::new();
    for key in &args.standard {
        let index = context.standard(key, "--standard")?;
        if !focus.contains(&index) {
            focus.push(index);
        }
    }
    let target = args
        .target
        .as_deref()
        .map(|key| context.standard(key, "--target"))
        .transpose()?;
    if let Some(target) = target
        && !focus.is_empty()
        && !focus.contains(&target)
    {
        focus.push(target);
    }
    let min_coverage = args
        .min_coverage
        .iter()
        .map(|text| min_coverage(context, text))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Options {
        focus,
        target,
        fail_on: match args.fail_on {
            FailOnArg::Never => FailOn::Never,
            FailOnArg::Missing => FailOn::Missing,
            FailOnArg::Partial => FailOn::Partial,
            FailOnArg::Unassessed => FailOn::Unassessed,
        },
        min_coverage,
    })
}

/// Parses `PCT` or `KEY=PCT`, with an optional `%`.
fn min_coverage(context: &Context, text: &str) -> Result<MinCoverage, Failure> {
    let (key, number) = match text.split_once('=') {
        Some((key, number)) => (Some(key.trim()), number),
        None => (None, text),
    };
    let percent = number
        .trim()
        .trim_end_matches('%')
        .parse::<f64>()
        .ok()
        .filter(|p| (0.0..=100.0).contains(p));
    let Some(percent) = percent else {
        return Err(Failure::message(
            format!("`{text}` is not a coverage percentage"),
            Some("write --min-coverage 80 for every standard, or --min-coverage KEY=80 for one; 0 to 100".to_owned()),
        ));
    };
    let standard = match key {
        Some(key) => {
            let index = context.standard(key, "--min-coverage")?;
            Some(context.catalog.standards[index].key.clone())
        }
        None => None,
    };
    Ok(MinCoverage { standard, percent })
}
