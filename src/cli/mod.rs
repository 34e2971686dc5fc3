//! The command-line front end: parses arguments, loads the catalogues,
//! runs one command and maps the outcome to an exit code. This is the only
//! module that reads files or writes to the terminal.

pub mod args;
mod catalog_cmd;
mod config;
mod gap_cmd;
mod import_cmd;
mod input;
pub mod io;
mod output;
mod plan_cmd;
mod portfolio_cmd;
mod report_cmd;
mod status_cmd;
mod walk;
mod words;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anstream::ColorChoice;
use clap::Parser;

use crate::catalog::{self, Source};
use crate::exit::Outcome;
use crate::model::{Catalog, StandardIndex};
use crate::render;
use crate::render::Look;
use crate::suggest;
use crate::terminal::diagnostic;
use args::{Cli, ColorWhen, Command};
use io::Failure;

/// At most this many problems are printed; the rest are counted.
pub(crate) const PROBLEMS_SHOWN: usize = 50;

/// Runs ims with the process arguments and returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // clap echoes what was typed; show it escaped if it could drive the terminal.
        Err(err) if err.use_stderr() && err.to_string().contains(crate::terminal::is_unsafe) => {
            io::write_stderr(&crate::terminal::escape_lines(&err.to_string()));
            return Outcome::Unusable.into();
        }
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                Outcome::Unusable
            } else {
                Outcome::Passed
            }
            .into();
        }
    };
    run(cli).into()
}

/// The width to fit terminal output to: `COLUMNS` where it holds a number,
/// as `ls` takes it (40 to 400), else the terminal's own width (60 to 160),
/// else 80.
fn terminal_width(columns: Option<&str>, terminal: Option<u16>) -> u16 {
    match columns.and_then(|text| text.trim().parse::<u64>().ok()) {
        Some(columns) if columns > 0 => u16::try_from(columns.clamp(40, 400)).unwrap_or(400),
        _ => terminal.map_or(80, |columns| columns.clamp(60, 160)),
    }
}

/// What every command needs: the catalogue and how to print.
pub(crate) struct Context {
    /// Built-in catalogues plus any from --catalog.
    pub catalog: Catalog,
    /// Whether stderr may be coloured.
    pub styled_stderr: bool,
    /// Whether to keep stderr to errors only.
    pub quiet: bool,
    /// The files loaded with --catalog, which -o must never write over.
    pub catalog_files: Vec<PathBuf>,
}

impl Context {
    /// How to render text for `output` (stdout when `None`).
    pub fn look(&self, output: Option<&Path>) -> Look {
        if output.is_some() {
            return Look::default();
        }
        let stdout = std::io::stdout();
        let styled = anstream::AutoStream::choice(&stdout) != ColorChoice::Never;
        let width = if stdout.is_terminal() {
            let columns = std::env::var("COLUMNS").ok();
            let size = terminal_size::terminal_size_of(&stdout)
                .map(|(terminal_size::Width(columns), _)| columns);
            terminal_width(columns.as_deref(), size)
        } else {
            80
        };
        Look { styled, width }
    }

    /// Resolves a standard key given on the command line.
    pub fn standard(&self, key: &str, flag: &str) -> Result<StandardIndex, Failure> {
        self.catalog.standard_index(key).ok_or_else(|| {
            let keys: Vec<&str> = self.catalog.keys().collect();
            let help = suggest::did_you_mean(key, keys.iter().copied())
                .unwrap_or_else(|| format!("known standards: {}", keys.join(", ")));
            Failure::message(format!("unknown standard `{key}` in {flag}"), Some(help))
        })
    }

    /// Streams a report through `write` to stdout, or atomically to
    /// `output`, refusing to write over any of `inputs` or over a
    /// catalogue file.
    pub fn emit_with(
        &self,
        output: Option<&Path>,
        inputs: &[&Path],
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        output::emit_with(
            output,
            output::Rules::REPORT,
            &self.protected(inputs),
            write,
        )
    }

    /// Writes a report to stdout, or atomically to `output`, as [`Context::emit_with`].
    pub fn emit(
        &self,
        output: Option<&Path>,
        data: &[u8],
        inputs: &[&Path],
    ) -> Result<(), Failure> {
        self.emit_with(output, inputs, |out| out.write_all(data))
    }

    /// Streams data (CSV) as [`Context::emit_with`] does; shown on a
    /// terminal, its user text is escaped as the table views escape it, and
    /// written to a file or a pipe it is kept exact.
    pub fn emit_data_with(
        &self,
        output: Option<&Path>,
        inputs: &[&Path],
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        if output.is_none() && std::io::stdout().is_terminal() {
            return self.emit_with(None, inputs, |out| write(&mut io::TerminalSafe::new(out)));
        }
        self.emit_with(output, inputs, write)
    }

    /// Writes data (CSV) as [`Context::emit_data_with`] does.
    pub fn emit_data(
        &self,
        output: Option<&Path>,
        data: &[u8],
        inputs: &[&Path],
    ) -> Result<(), Failure> {
        self.emit_data_with(output, inputs, |out| out.write_all(data))
    }

    /// Writes a file the user goes on to edit (a status file) to stdout,
    /// or to `output`: a file that exists is replaced only with `force`,
    /// and without it the file is created exclusively, so that of several
    /// runs at once exactly one writes it.
    pub fn emit_user_file(
        &self,
        output: Option<&Path>,
        data: &[u8],
        inputs: &[&Path],
        force: bool,
    ) -> Result<(), Failure> {
        output::emit_with(
            output,
            output::Rules::user_file(force),
            &self.protected(inputs),
            |out| out.write_all(data),
        )
    }

    /// The files no output may replace: `inputs` and the catalogue files.
    fn protected<'a>(&'a self, inputs: &[&'a Path]) -> Vec<&'a Path> {
        let mut all = inputs.to_vec();
        all.extend(self.catalog_files.iter().map(PathBuf::as_path));
        all
    }

    /// Prints a note on stderr unless --quiet.
    pub fn note(&self, text: &str) {
        if !self.quiet {
            io::write_stderr(&format!("{}\n", diagnostic(text)));
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Outcome {
    match cli.color {
        ColorWhen::Always => ColorChoice::Always.write_global(),
        ColorWhen::Never => ColorChoice::Never.write_global(),
        ColorWhen::Auto => {}
    }
    let styled_stderr = anstream::AutoStream::choice(&std::io::stderr()) != ColorChoice::Never;
    let outcome = load_catalog(cli.catalog.as_deref()).and_then(|(catalog, catalog_files)| {
        let context = Context {
            catalog,
            styled_stderr,
            quiet: cli.quiet,
            catalog_files,
        };
        let outcome = match cli.command {
            Command::Gap(args) => gap_cmd::run(&context, args),
            Command::Validate(args) => status_cmd::validate(&context, args),
            Command::Soa(args) => report_cmd::soa(&context, args),
            Command::Plan(args) => plan_cmd::plan(&context, args),
            Command::Docs(args) => plan_cmd::docs(&context, args),
            Command::Import(args) => import_cmd::run(&context, args),
            Command::Diff(args) => report_cmd::diff(&context, args),
            Command::Init(args) => status_cmd::init(&context, args),
            Command::Schema(args) => status_cmd::schema(&context, args),
            Command::Completions(args) => status_cmd::completions(args),
            Command::Manpage(args) => status_cmd::manpage(&context, args),
            Command::Catalog { command } => catalog_cmd::run(&context, command),
        };
        // The run is over and the process ends next: the operating system
        // takes the catalogue back whole, faster than freeing it piece by piece.
        std::mem::forget(context);
        outcome
    });
    match outcome {
        Ok(outcome) => outcome,
        Err(failure) => report_failure(failure, styled_stderr),
    }
}

/// Prints why a command stopped and gives the exit outcome.
pub(crate) fn report_failure(failure: Failure, styled: bool) -> Outcome {
    match failure {
        Failure::BrokenPipe => return Outcome::Passed,
        Failure::Problems(problems) => {
            let problems = words::with_next_steps(problems);
            io::write_stderr(&render::problems::problems(
                &problems,
                crate::diag::SHOWN,
                styled,
            ));
        }
        Failure::Message { message, help } => {
            io::write_stderr(&render::problems::message(
                &message,
                help.as_deref(),
                styled,
            ));
        }
    }
    Outcome::Unusable
}

/// Loads the built-in catalogues and those in `dir`; gives the files read.
fn load_catalog(dir: Option<&Path>) -> Result<(Catalog, Vec<PathBuf>), Failure> {
    let Some(dir) = dir else {
        // The built-in catalogues alone: their compact form, validated
        // when it was made.
        return Ok((catalog::compact::builtin()?, Vec::new()));
    };
    let mut sources = catalog::builtin_sources();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in walk::catalogue_files(dir)? {
        match io::read_text(&path, io::Input::Catalogue) {
            Ok(text) => sources.push(Source::user(path.display().to_string(), text)),
            Err(problem) => problems.push(problem),
        }
        files.push(path);
    }
    if !problems.is_empty() {
        return Err(Failure::Problems(problems));
    }
    Ok((catalog::load(&sources)?, files))
}

#[cfg(test)]
mod tests {
    use super::terminal_width;

    #[test]
    fn columns_wins_over_the_terminal_within_sane_bounds() {
        assert_eq!(terminal_width(Some("120"), Some(200)), 120);
        assert_eq!(terminal_width(Some(" 100 "), None), 100);
        assert_eq!(terminal_width(Some("10"), Some(100)), 40);
        assert_eq!(terminal_width(Some("99999"), Some(100)), 400);
    }

    #[test]
    fn without_a_usable_columns_the_terminal_decides() {
        for columns in [
            None,
            Some(""),
            Some("0"),
            Some("wide"),
            Some("-80"),
            Some("1e3"),
        ] {
            assert_eq!(terminal_width(columns, Some(100)), 100, "{columns:?}");
            assert_eq!(terminal_width(columns, Some(20)), 60, "{columns:?}");
            assert_eq!(terminal_width(columns, Some(500)), 160, "{columns:?}");
            assert_eq!(terminal_width(columns, None), 80, "{columns:?}");
        }
    }
}
