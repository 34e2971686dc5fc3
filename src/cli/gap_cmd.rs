//! `ims gap`: analyse one status file and write the report; several files
//! or directories go to the portfolio.

use super::Context;
use super::args::{GapArgs, GapFormat};
use super::config::{GapConfig, GapInput};
use super::io::{self, Failure};
use super::{input, words};
use crate::analysis;
use crate::exit::Outcome;
use crate::render::{gap, github};
use crate::terminal::diagnostic;

/// Runs `ims gap`.
pub fn run(context: &Context, args: GapArgs) -> Result<Outcome, Failure> {
    let config = GapConfig::new(context, args)?;
    match &config.input {
        GapInput::One(file) => one(context, &config, file),
        GapInput::Portfolio { paths, each } => {
            super::portfolio_cmd::run(context, &config, paths, *each)
        }
    }
}

/// The full report on one status file.
fn one(context: &Context, config: &GapConfig, file: &std::path::Path) -> Result<Outcome, Failure> {
    let mut inputs = vec![file];
    inputs.extend(config.baseline.as_deref());
    let output = config.output.as_deref();
    let assessment = match input::status_file(&context.catalog, file) {
        Ok(assessment) => assessment,
        Err(problems) => {
            let problems = words::with_next_steps(problems);
            if config.format == GapFormat::Github {
                let text = github::problems(&problems);
                match context.emit(output, text.as_bytes(), &inputs) {
                    Ok(()) | Err(Failure::BrokenPipe) => {}
                    Err(failure) => return Err(failure),
                }
            }
            return Err(Failure::Problems(problems));
        }
    };
    let name = &assessment.file;
    if let Some(baseline) = &config.options.baseline
        && baseline.organisation != assessment.organisation
    {
        context.note(&format!(
            "note: the baseline {} assesses `{}`, and {name} assesses `{}`; the gate compares the two all the same",
            baseline.file, baseline.organisation, assessment.organisation
        ));
    }
    let report = analysis::analyse(&context.catalog, &assessment, &config.options);
    let look = context.look(output);
    let rendered = match config.format {
        GapFormat::Table => gap::table::render(&report, look),
        GapFormat::Json => gap::json::render(&report),
        GapFormat::Csv => gap::csv::render(&report),
        GapFormat::Markdown => gap::markdown::render(&report),
        GapFormat::Html => gap::html::render(&report),
        GapFormat::Github => Ok(github::gate(&report, &|standard, id| {
            assessment.entry_position(&context.catalog, standard, id)
        })),
    }?;
    let outcome = if report.gate.passed {
        Outcome::Passed
    } else {
        Outcome::GateFailed
    };
    let written = if config.format == GapFormat::Csv {
        context.emit_data(output, rendered.as_bytes(), &inputs)
    } else {
        context.emit(output, rendered.as_bytes(), &inputs)
    };
    match written {
        Ok(()) => {}
        Err(Failure::BrokenPipe) => return Ok(outcome),
        Err(failure) => return Err(failure),
    }
    if let Some(path) = output {
        context.note(&format!("wrote {}", path.display()));
    }
    let mut reasons = String::new();
    for reason in words::gate_reasons(&report.gate) {
        reasons.push_str(&format!("gate failed: {}\n", diagnostic(&reason)));
    }
    io::write_stderr(&reasons);
    // As with the catalogue: the process ends next and takes these back whole.
    std::mem::forget(report);
    std::mem::forget(assessment);
    Ok(outcome)
}
