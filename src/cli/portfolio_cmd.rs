//! `ims gap` over several files or directories: every status file is
//! analysed in parallel, reports are streamed in path order when asked for,
//! and only a small summary row per file is kept.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::args::GapFormat;
use super::config::GapConfig;
use super::io::{self, Failure};
use super::{Context, input, words};
use crate::analysis::portfolio::{FileOutcome, Portfolio, PortfolioRow};
use crate::analysis::{self, Options};
use crate::diag::Problem;
use crate::exit::Outcome;
use crate::render::github;
use crate::render::portfolio::Format;
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
    /// The gate's failures, worded with their flags for stderr.
    gate: Vec<String>,
}

/// Runs the portfolio over `paths` (files and directories); `each` writes
/// every file's report before the summary.
pub fn run(
    context: &Context,
    config: &GapConfig,
    paths: &[PathBuf],
    each: bool,
) -> Result<Outcome, Failure> {
    let found = super::walk::discover(paths)?;
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
    let output = config.output.as_deref();
    let look = context.look(output);
    let format = match config.format {
        GapFormat::Table => Format::Table(look),
        GapFormat::Csv => Format::Csv,
        GapFormat::Json => Format::Json,
        GapFormat::Markdown => Format::Markdown,
        GapFormat::Github => Format::Github,
        // Refused when the settings were checked.
        GapFormat::Html => return Err(Failure::message("no HTML report for a portfolio", None)),
    };
    let each = each || format.always_each();
    let options = &config.options;
    let keys: Vec<&str> = context.catalog.keys().collect();
    let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();

    let mut reporter = Reporter::new(context, format, files.len());
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        out.write_all(
            format
                .begin(each)
                .map_err(std::io::Error::other)?
                .as_bytes(),
        )?;
        for chunk in files.chunks(CHUNK) {
            let results: Vec<FileResult> = chunk
                .par_iter()
                .map(|path| {
                    let result = analyse_one(context, path, options, each.then_some(format));
                    bar.inc(1);
                    result
                })
                .collect();
            for result in results {
                reporter.file(out, result, &bar)?;
            }
        }
        bar.finish_and_clear();
        reporter.summary(out, each, &keys)
    };
    if matches!(format, Format::Csv) {
        context.emit_data_with(output, &inputs, write)?;
    } else {
        context.emit_with(output, &inputs, write)?;
    }
    Ok(reporter.finish(output))
}

/// What a portfolio run tells as it goes: each file's report on the output
/// and its problems on stderr, a few of each; the gate's failures, shown
/// once the output is written; and the rows the summary is made of.
struct Reporter<'a> {
    context: &'a Context,
    format: Format,
    /// Whether no report has been written yet.
    first_report: bool,
    /// How many more problems may be printed.
    problems_left: usize,
    /// Problems counted but not printed.
    hidden_problems: usize,
    /// The gate failures to print, worded.
    gate_lines: String,
    gate_shown: usize,
    gate_hidden: usize,
    /// One row per file, in path order.
    rows: Vec<PortfolioRow>,
}

impl<'a> Reporter<'a> {
    fn new(context: &'a Context, format: Format, files: usize) -> Self {
        Self {
            context,
            format,
            first_report: true,
            problems_left: PROBLEMS_SHOWN,
            hidden_problems: 0,
            gate_lines: String::new(),
            gate_shown: 0,
            gate_hidden: 0,
            rows: Vec::with_capacity(files),
        }
    }

    /// One file's result: its report, its problems and its gate failures.
    fn file(
        &mut self,
        out: &mut dyn Write,
        result: FileResult,
        bar: &ProgressBar,
    ) -> std::io::Result<()> {
        if let Some(text) = result.report {
            let text = text.map_err(std::io::Error::other)?;
            if !self.first_report {
                out.write_all(self.format.between().as_bytes())?;
            }
            self.first_report = false;
            out.write_all(text.as_bytes())?;
        }
        self.problems(&result.problems, bar);
        self.gate(&result.row.file, result.gate);
        self.rows.push(result.row);
        Ok(())
    }

    /// Prints the first few problems of an invalid file, within what is
    /// left to show, and counts the rest.
    fn problems(&mut self, problems: &[Problem], bar: &ProgressBar) {
        if problems.is_empty() {
            return;
        }
        let shown = problems
            .len()
            .min(PROBLEMS_PER_FILE)
            .min(self.problems_left);
        if shown > 0 {
            let text = crate::render::problems::problems(
                &problems[..shown],
                shown,
                self.context.styled_stderr,
            );
            bar.suspend(|| io::write_stderr(&text));
        }
        self.problems_left -= shown;
        self.hidden_problems += problems.len() - shown;
    }

    /// Keeps the first gate failures for stderr, and counts the rest.
    fn gate(&mut self, file: &str, reasons: Vec<String>) {
        for reason in reasons {
            if self.gate_shown < REASONS_SHOWN {
                self.gate_shown += 1;
                let line = format!("gate failed: {file}: {reason}");
                self.gate_lines.push_str(&diagnostic(&line));
                self.gate_lines.push('\n');
            } else {
                self.gate_hidden += 1;
            }
        }
    }

    /// Writes the summary of every row.
    fn summary(&mut self, out: &mut dyn Write, each: bool, keys: &[&str]) -> std::io::Result<()> {
        let portfolio = Portfolio::new(std::mem::take(&mut self.rows), keys);
        let summary = self
            .format
            .summary(&portfolio, each, !self.first_report)
            .map_err(std::io::Error::other)?;
        out.write_all(summary.as_bytes())?;
        self.rows = portfolio.rows;
        Ok(())
    }

    /// Tells on stderr what was not shown and which gates failed, and
    /// gives the run's outcome: the worst of any file's.
    fn finish(mut self, output: Option<&Path>) -> Outcome {
        if self.hidden_problems > 0 {
            io::write_stderr(&format!(
                "... and {} more problems in invalid files not shown\n",
                self.hidden_problems
            ));
        }
        if let Some(path) = output {
            self.context.note(&format!("wrote {}", path.display()));
        }
        if self.gate_hidden > 0 {
            self.gate_lines.push_str(&format!(
                "... and {} more gate failures\n",
                self.gate_hidden
            ));
        }
        io::write_stderr(&self.gate_lines);
        self.rows.iter().fold(Outcome::Passed, |worst, row| {
            worst.worst(match row.outcome {
                FileOutcome::Passed => Outcome::Passed,
                FileOutcome::Failed => Outcome::GateFailed,
                FileOutcome::Invalid => Outcome::Unusable,
            })
        })
    }
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
    let assessment = match input::status_file(&context.catalog, path) {
        Ok(assessment) => assessment,
        Err(problems) => {
            let problems = words::with_next_steps(problems);
            let report = (each == Some(Format::Github)).then(|| Ok(github::problems(&problems)));
            return FileResult {
                row: PortfolioRow::invalid(&path.display().to_string(), problems.len()),
                report,
                problems,
                gate: Vec::new(),
            };
        }
    };
    let report = analysis::analyse(&context.catalog, &assessment, options);
    let text = each.map(|format| {
        format.report(&report, &|standard, id| {
            assessment.entry_position(&context.catalog, standard, id)
        })
    });
    FileResult {
        row: PortfolioRow::from_report(&report),
        report: text,
        problems: Vec::new(),
        gate: words::gate_reasons(&report.gate),
    }
}
