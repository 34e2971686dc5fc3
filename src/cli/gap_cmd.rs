//! `ims gap`: analyse one status file and write the report.

use super::Context;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use super::args::{FailOnArg, GapArgs, GapFormat, output_format};
use super::io::{self, Failure};
use crate::analysis::{self, FailOn, MinCoverage, Options};
use crate::date::Date;
use crate::exit::Outcome;
use crate::render::gap;
use crate::snapshot::Snapshot;
use crate::status;
use crate::terminal::diagnostic;

/// Runs `ims gap`.
pub fn run(context: &Context, args: GapArgs) -> Result<Outcome, Failure> {
    let options = options(context, &args)?;
    let format = output_format("gap", args.format, args.output.as_deref(), GapFormat::Table)?;
    let file = match args.files.as_slice() {
        [one] if !one.is_dir() => one.clone(),
        _ => {
            let options = Options {
                summary_only: !args.each,
                ..options
            };
            return super::portfolio_cmd::run(context, &args, &options, format);
        }
    };
    if args.each {
        return Err(Failure::message(
            "--each is for a portfolio of several files",
            Some("give several files or a directory, or drop --each".to_owned()),
        ));
    }
    let text = io::read_text(&file).map_err(|problem| Failure::Problems(vec![problem]))?;
    let name = file.display().to_string();
    let assessment = status::load(&name, &text, &context.catalog)?;
    if let Some(baseline) = &options.baseline
        && baseline.organisation != assessment.organisation
    {
        context.note(&format!(
            "note: the baseline {} assesses `{}`, and {name} assesses `{}`; the gate compares the two all the same",
            baseline.file, baseline.organisation, assessment.organisation
        ));
    }
    let report = analysis::analyse(&context.catalog, &assessment, &options);
    let look = context.look(args.output.as_deref());
    let rendered = match format {
        GapFormat::Table => gap::table::render(&report, look),
        GapFormat::Json => gap::json::render(&report),
        GapFormat::Csv => gap::csv::render(&report),
        GapFormat::Markdown => gap::markdown::render(&report),
        GapFormat::Html => gap::html::render(&report),
    }?;
    let outcome = if report.gate.passed {
        Outcome::Passed
    } else {
        Outcome::GateFailed
    };
    let mut inputs: Vec<&Path> = vec![&file];
    inputs.extend(args.baseline.as_deref());
    match context.emit(args.output.as_deref(), rendered.as_bytes(), &inputs) {
        Ok(()) => {}
        Err(Failure::BrokenPipe) => return Ok(outcome),
        Err(failure) => return Err(failure),
    }
    if let Some(path) = &args.output {
        context.note(&format!("wrote {}", path.display()));
    }
    let mut reasons = String::new();
    for reason in &report.gate.reasons {
        reasons.push_str(&format!("gate failed: {}\n", diagnostic(reason)));
    }
    io::write_stderr(&reasons);
    // As with the catalogue: the process ends next and takes these back whole.
    std::mem::forget(report);
    std::mem::forget(assessment);
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
        && focus.iter().any(|&standard| standard != target)
    {
        let others: Vec<&str> = focus
            .iter()
            .filter(|&&standard| standard != target)
            .map(|&standard| context.catalog.standards[standard].key.as_str())
            .collect();
        return Err(Failure::message(
            format!(
                "--target {} reports on {0} alone, so --standard {} contradicts it",
                context.catalog.standards[target].key,
                others.join(", --standard ")
            ),
            Some(format!(
                "drop --standard to report on {} with the other standards as sources, or drop --target to report on several standards",
                context.catalog.standards[target].key
            )),
        ));
    }
    let min_coverage = args
        .min_coverage
        .iter()
        .map(|text| min_coverage(context, text))
        .collect::<Result<Vec<_>, _>>()?;
    let fail_on = args
        .fail_on
        .iter()
        .map(|arg| match arg {
            FailOnArg::Never | FailOnArg::StaleEvidence => FailOn::Never,
            FailOnArg::Missing => FailOn::Missing,
            FailOnArg::Partial => FailOn::Partial,
            FailOnArg::Unassessed => FailOn::Unassessed,
        })
        .max()
        .unwrap_or_default();
    let fail_on_stale_evidence = args.fail_on.contains(&FailOnArg::StaleEvidence);
    if fail_on_stale_evidence && args.max_evidence_age.is_none() {
        return Err(Failure::message(
            "--fail-on stale-evidence needs --max-evidence-age DAYS",
            Some("for example: --fail-on stale-evidence --max-evidence-age 365".to_owned()),
        ));
    }
    let as_of = match &args.as_of {
        Some(text) => Some(Date::parse(text).ok_or_else(|| {
            Failure::message(
                format!("`{text}` in --as-of is not a date"),
                Some("write the date as YYYY-MM-DD".to_owned()),
            )
        })?),
        None => today(),
    };
    let baseline = args
        .baseline
        .as_deref()
        .map(|path| load_snapshot(context, path))
        .transpose()?;
    Ok(Options {
        focus,
        target,
        fail_on,
        min_coverage,
        max_evidence_age: args.max_evidence_age,
        as_of,
        fail_on_stale_evidence,
        baseline,
        summary_only: false,
    })
}

/// Today's date from the system clock, for measuring evidence age.
pub fn today() -> Option<Date> {
    let elapsed = SystemTime::now().duration_since(UNIX_EPOCH).ok()?;
    Date::from_days(i64::try_from(elapsed.as_secs() / 86_400).ok()?)
}

/// Reads a status file or a JSON report of `ims gap` as a snapshot.
pub fn load_snapshot(context: &Context, path: &Path) -> Result<Snapshot, Failure> {
    let text = io::read_text(path).map_err(|problem| Failure::Problems(vec![problem]))?;
    let name = path.display().to_string();
    if Snapshot::is_json(&text) {
        Snapshot::from_report_json(&name, &text)
            .and_then(|snapshot| snapshot.check_against(&context.catalog).map(|()| snapshot))
            .map_err(|message| {
                Failure::message(
                    format!("{name}: {message}"),
                    Some(
                        "give a status file, or a report written by `ims gap --format json`"
                            .to_owned(),
                    ),
                )
            })
    } else {
        let assessment = status::load(&name, &text, &context.catalog)?;
        Ok(Snapshot::from_assessment(&context.catalog, &assessment))
    }
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
