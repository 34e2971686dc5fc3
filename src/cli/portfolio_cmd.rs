//! `ims gap` over several files or directories: every status file is
//! analysed in parallel, reports are streamed in path order when asked for,
//! and only a small summary row per file is kept.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::Context;
use super::args::{GapArgs, GapFormat};
use super::io::{self, Failure};
use crate::analysis::portfolio::{FileOutcome, Portfolio, PortfolioRow};
use crate::analysis::{self, Options};
use crate::diag::Problem;
use crate::exit::Outcome;
use crate::render::portfolio::Format;
use crate::status;
use crate::terminal::diagnostic;

/// Files analysed together before their results are written, in order.
const CHUNK: usize = 256;
/// Problems of invalid files printed on stderr before the rest are counted.
const PROBLEMS_SHOWN: usize = 50;
/// Problems printed for any one invalid file.
const PROBLEMS_PER_FILE: usize = 5;
/// Notes on paths skipped (second names of one file) printed before the rest are counted.
const SKIPPED_SHOWN: usize = 20;
/// Gate reasons printed on stderr before the rest are counted.
const REASONS_SHOWN: usize = 50;

/// What one worker hands back for one file.
struct FileResult {
    row: PortfolioRow,
    report: Option<Result<String, crate::render::Error>>,
    problems: Vec<Problem>,
}

/// Runs the portfolio over `inputs` (files and directories).
pub fn run(
    context: &Context,
    args: &GapArgs,
    options: &Options,
    format: GapFormat,
) -> Result<Outcome, Failure> {
    if args.baseline.is_some() {
        return Err(Failure::message(
            "--baseline compares one status file with an earlier one",
            Some("give one FILE with --baseline, or use `ims diff OLD NEW`".to_owned()),
        ));
    }
    let found = super::walk::discover(&args.files)?;
    for line in found.skipped.iter().take(SKIPPED_SHOWN) {
        context.note(line);
    }
    if found.skipped.len() > SKIPPED_SHOWN {
        context.note(&format!(
            "... and {} more paths skipped",
            found.skipped.len() - SKIPPED_SHOWN
        ));
    }
    let files = found.files;
    if files.is_empty() {
        return Err(Failure::message(
            "no *.yaml or *.yml status files found",
            Some("give status files, or directories that contain them".to_owned()),
        ));
    }
    let bar = progress(files.len(), context.quiet);
    let look = context.look(args.output.as_deref());
    let format = match format {
        GapFormat::Table => Format::Table(look),
        GapFormat::Csv => Format::Csv,
        GapFormat::Json => Format::Json,
        GapFormat::Markdown => Format::Markdown,
        GapFormat::Html => {
            return Err(Failure::message(
                "the HTML report is made for one status file",
                Some("use --format table, csv, json or markdown for a portfolio".to_owned()),
            ));
        }
    };
    let keys: Vec<&str> = context.catalog.keys().collect();
    let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();

    let mut rows: Vec<PortfolioRow> = Vec::with_capacity(files.len());
    let mut problems_left = PROBLEMS_SHOWN;
    let mut hidden_problems = 0usize;
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        out.write_all(
            format
                .begin(args.each)
                .map_err(std::io::Error::other)?
                .as_bytes(),
        )?;
        let mut first_report = true;
        for chunk in files.chunks(CHUNK) {
            let results: Vec<FileResult> = chunk
                .par_iter()
                .map(|path| {
                    let result = analyse_one(context, path, options, args.each.then_some(format));
                    bar.inc(1);
                    result
                })
                .collect();
            for result in results {
                if let Some(text) = result.report {
                    let text = text.map_err(std::io::Error::other)?;
                    if !first_report {
                        out.write_all(format.between().as_bytes())?;
                    }
                    first_report = false;
                    out.write_all(text.as_bytes())?;
                }
                if !result.problems.is_empty() {
                    let shown = result
                        .problems
                        .len()
                        .min(PROBLEMS_PER_FILE)
                        .min(problems_left);
                    if shown > 0 {
                        let text = crate::render::problems::problems(
                            &result.problems[..shown],
                            shown,
                            context.styled_stderr,
                        );
                        bar.suspend(|| io::write_stderr(&text));
                    }
                    problems_left -= shown;
                    hidden_problems += result.problems.len() - shown;
                }
                rows.push(result.row);
            }
        }
        bar.finish_and_clear();
        let portfolio = Portfolio::new(std::mem::take(&mut rows), &keys);
        let summary = format
            .summary(&portfolio, args.each, !first_report)
            .map_err(std::io::Error::other)?;
        out.write_all(summary.as_bytes())?;
        rows = portfolio.rows;
        Ok(())
    };
    context.emit_with(args.output.as_deref(), &inputs, write)?;

    if hidden_problems > 0 {
        io::write_stderr(&format!(
            "... and {hidden_problems} more problems in invalid files not shown\n"
        ));
    }
    if let Some(path) = &args.output {
        context.note(&format!("wrote {}", path.display()));
    }
    let mut reasons = String::new();
    let failed = rows.iter().filter(|row| row.outcome == FileOutcome::Failed);
    let lines: Vec<String> = failed
        .flat_map(|row| {
            row.reasons.iter().map(move |reason| {
                diagnostic(&format!("gate failed: {}: {reason}", row.file)) + "\n"
            })
        })
        .collect();
    for line in lines.iter().take(REASONS_SHOWN) {
        reasons.push_str(line);
    }
    if lines.len() > REASONS_SHOWN {
        reasons.push_str(&format!(
            "... and {} more gate failures\n",
            lines.len() - REASONS_SHOWN
        ));
    }
    io::write_stderr(&reasons);
    Ok(rows.iter().fold(Outcome::Passed, |worst, row| {
        worst.worst(match row.outcome {
            FileOutcome::Passed => Outcome::Passed,
            FileOutcome::Failed => Outcome::GateFailed,
            FileOutcome::Invalid => Outcome::Unusable,
        })
    }))
}

/// A progress bar on stderr: files done, total and time left; hidden when
/// stderr is not a terminal, with --quiet, and under CI.
fn progress(total: usize, quiet: bool) -> ProgressBar {
    let hidden = quiet || std::env::var_os("CI").is_some() || !std::io::stderr().is_terminal();
    let target = if hidden {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let bar = ProgressBar::with_draw_target(Some(total as u64), target);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} files, {eta} left") {
        bar.set_style(style);
    }
    bar
}

/// Reads, checks and analyses one file; renders its report when asked.
fn analyse_one(
    context: &Context,
    path: &Path,
    options: &Options,
    each: Option<Format>,
) -> FileResult {
    let name = path.display().to_string();
    let loaded = io::read_text(path)
        .map_err(|problem| vec![problem])
        .and_then(|text| status::load(&name, &text, &context.catalog).map_err(|err| err.0));
    let assessment = match loaded {
        Ok(assessment) => assessment,
        Err(problems) => {
            return FileResult {
                row: PortfolioRow::invalid(&name, problems.len()),
                report: None,
                problems,
            };
        }
    };
    let report = analysis::analyse(&context.catalog, &assessment, options);
    let text = each.map(|format| format.report(&report));
    FileResult {
        row: PortfolioRow::from_report(&report),
        report: text,
        problems: Vec::new(),
    }
}
