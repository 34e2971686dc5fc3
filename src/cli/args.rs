//! Command-line arguments. These are parsed by clap and then turned into
//! run settings by the command modules; they are not used as settings directly.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::io::Failure;

use crate::exit::{
    EXIT_CODES_HELP, GAP_EXIT_CODES_HELP, LINT_EXIT_CODES_HELP, PLAIN_EXIT_CODES_HELP,
    SOA_EXIT_CODES_HELP, VALIDATE_EXIT_CODES_HELP,
};

/// The whole command line.
#[derive(Debug, Parser)]
#[command(
    name = "ims",
    version,
    about = crate::catalog::PURPOSE,
    long_about = crate::catalog::PURPOSE_LONG,
    after_help = EXIT_CODES_HELP,
    max_term_width = 100
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,

    /// Also load the catalogues and crosswalks in DIR (*.yaml, *.yml); each replaces a built-in one with the same key
    #[arg(long, global = true, value_name = "DIR")]
    pub catalog: Option<PathBuf>,

    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Print only errors on stderr
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse a status file: coverage, overlap, missing items and reuse suggestions
    #[command(after_help = GAP_EXIT_CODES_HELP)]
    Gap(GapArgs),
    /// Check status files against the catalogues without analysing them
    #[command(after_help = VALIDATE_EXIT_CODES_HELP)]
    Validate(ValidateArgs),
    /// Write the Statement of Applicability: one row per control of a standard's control set
    #[command(after_help = SOA_EXIT_CODES_HELP)]
    Soa(SoaArgs),
    /// Write the work plan: packages that close the open items, in order, with what to reuse
    #[command(after_help = PLAIN_EXIT_CODES_HELP)]
    Plan(PlanArgs),
    /// List the documents of the integrated system, or those a status file needs; write skeletons
    #[command(after_help = PLAIN_EXIT_CODES_HELP)]
    Docs(DocsArgs),
    /// Turn a spreadsheet (an SoA or a gap sheet; XLSX, ODS, XLS or CSV) into a status file
    #[command(after_help = PLAIN_EXIT_CODES_HELP)]
    Import(ImportArgs),
    /// Show what changed between two assessments (status files or JSON reports)
    #[command(after_help = PLAIN_EXIT_CODES_HELP)]
    Diff(DiffArgs),
    /// Write a commented status-file template listing every item
    #[command(after_help = PLAIN_EXIT_CODES_HELP)]
    Init(InitArgs),
    /// Print the JSON Schema of the status file, for editor completion
    #[command(after_help = PLAIN_EXIT_CODES_HELP)]
    Schema(SchemaArgs),
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish
    #[command(after_help = PLAIN_EXIT_CODES_HELP)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man`
    #[command(after_help = PLAIN_EXIT_CODES_HELP)]
    Manpage(SchemaArgs),
    /// Browse and check the catalogues and crosswalks
    #[command(after_help = PLAIN_EXIT_CODES_HELP)]
    Catalog {
        /// What to do with the catalogues.
        #[command(subcommand)]
        command: CatalogCommand,
    },
}

/// `ims gap`.
#[derive(Debug, Args)]
pub struct GapArgs {
    /// The organisation's status file; several files or directories make a portfolio
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// In a portfolio, also write each file's report before the summary (csv: every item row, with file and organisation)
    #[arg(long)]
    pub each: bool,

    /// Output format [default: from the -o file's extension, else table]
    #[arg(short, long, value_enum)]
    pub format: Option<GapFormat>,

    /// Write the report to FILE (atomically) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Findings that fail the gate (exit 1); each of missing, partial and unassessed also fails on the levels before it; comma-separated or repeated
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "FINDING",
        help_heading = "Gate"
    )]
    pub fail_on: Vec<FailOnArg>,

    /// Fail (exit 1) when coverage is below PCT, for every standard or, as KEY=PCT, for one; repeatable
    #[arg(long, value_name = "[KEY=]PCT", help_heading = "Gate")]
    pub min_coverage: Vec<String>,

    /// Fail (exit 1) when an item regressed against OLD, an earlier status file or JSON report
    #[arg(long, value_name = "OLD", help_heading = "Gate")]
    pub baseline: Option<PathBuf>,

    /// Warn about dated evidence older than DAYS (and fail with --fail-on stale-evidence)
    #[arg(long, value_name = "DAYS", help_heading = "Gate")]
    pub max_evidence_age: Option<u32>,

    /// Measure evidence age to DATE (YYYY-MM-DD) instead of today
    #[arg(long, value_name = "DATE", help_heading = "Gate")]
    pub as_of: Option<String>,

    /// Report and gate on this standard only; repeatable
    #[arg(long, value_name = "KEY", help_heading = "Scope")]
    pub standard: Vec<String>,

    /// Frame the report towards this standard, with the others as sources of reuse
    #[arg(long, value_name = "KEY", help_heading = "Scope")]
    pub target: Option<String>,
}

/// `ims plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The organisation's status file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Output format [default: from the -o file's extension, else table]
    #[arg(short, long, value_enum)]
    pub format: Option<PlanFormat>,

    /// Write the plan to FILE instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Plan for this standard only; repeatable
    #[arg(long, value_name = "KEY", help_heading = "Scope")]
    pub standard: Vec<String>,

    /// Plan towards this standard, with the others as sources of reuse
    #[arg(long, value_name = "KEY", help_heading = "Scope")]
    pub target: Option<String>,

    /// Judge due dates against DATE (YYYY-MM-DD) instead of today
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Schedule the steps on working days from DATE (YYYY-MM-DD), with the
    /// Stage 1 and Stage 2 milestones [default: the status file's `plan.start`]
    #[arg(long, value_name = "DATE", help_heading = "Calendar")]
    pub start: Option<String>,

    /// People working on the project in parallel, in full-time equivalents
    /// net of leave (1.5 is one full-time and one half-time person)
    /// [default: the status file's `plan.people`, else 1]
    #[arg(long, value_name = "N", help_heading = "Calendar")]
    pub people: Option<String>,

    /// Weeks the system runs, building up records, before the first internal
    /// audit [default: the status file's `plan.operate-weeks`, else 8]
    #[arg(long, value_name = "WEEKS", value_parser = clap::value_parser!(u32).range(0..=104), help_heading = "Calendar")]
    pub operate_weeks: Option<u32>,

    /// Weeks between the Stage 1 and the Stage 2 audit [default: the status
    /// file's `plan.stage-gap-weeks`, else 6]
    #[arg(long, value_name = "WEEKS", value_parser = clap::value_parser!(u32).range(0..=104), help_heading = "Calendar")]
    pub stage_gap_weeks: Option<u32>,

    /// Multiply the catalogues' effort estimates by FACTOR (1 is their
    /// reference organisation of about 50 staff) [default: the status
    /// file's `plan.effort-scale`, else 1]
    #[arg(long, value_name = "FACTOR")]
    pub effort_scale: Option<String>,
}

/// `ims docs`.
#[derive(Debug, Args)]
pub struct DocsArgs {
    /// The organisation's status file; without it, the whole document set
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Output format [default: from the -o file's extension, else table]
    #[arg(short, long, value_enum)]
    pub format: Option<DocsFormat>,

    /// Write the register to FILE instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write one Markdown file per needed document, and an index README.md, into DIR
    #[arg(long, value_name = "DIR", conflicts_with_all = ["format", "output"])]
    pub skeleton: Option<PathBuf>,

    /// With --skeleton, replace files that already exist
    #[arg(long, requires = "skeleton")]
    pub force: bool,

    /// Cover this standard only; repeatable
    #[arg(long, value_name = "KEY", help_heading = "Scope")]
    pub standard: Vec<String>,

    /// With FILE: cover this standard only, as the one being worked towards
    #[arg(long, value_name = "KEY", help_heading = "Scope", requires = "file")]
    pub target: Option<String>,
}

/// `ims import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The spreadsheet: .xlsx, .ods, .xls (told by its content), or .csv in UTF-8 with any common delimiter
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The standard every row belongs to; needed unless the sheet has a standard or an applicability column
    #[arg(long, value_name = "KEY")]
    pub standard: Option<String>,

    /// The sheet to read [default: the first with an id column]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Read the column headed HEADER as ROLE (id, title, applicable, justification, reasons, risks, status, inherited-from, implementation, owner, evidence, evidence-dates, notes, due, reviewed, standard, theme); repeatable
    #[arg(long, value_name = "ROLE=HEADER")]
    pub column: Vec<String>,

    /// Read the status word WORD as STATUS (implemented, partial, planned, not-implemented, not-applicable, not-assessed); repeatable
    #[arg(long, value_name = "WORD=STATUS")]
    pub status: Vec<String>,

    /// Read the applicability word WORD as yes (applies) or no (excluded); repeatable
    #[arg(long, value_name = "WORD=yes|no")]
    pub applicable: Vec<String>,

    /// Read the header, status and applicability words of FILE too, before the built-in ones (the layout of catalog/import-words.yaml); repeatable
    #[arg(long, value_name = "FILE")]
    pub words: Vec<PathBuf>,

    /// The organisation's name [default: from the workbook's About sheet, else the file's name]
    #[arg(long, value_name = "NAME")]
    pub organisation: Option<String>,

    /// Write the status file to FILE instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the -o file if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// `ims soa`.
#[derive(Debug, Args)]
pub struct SoaArgs {
    /// The organisation's status file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The standard whose controls to list; needed only when several standards have controls
    #[arg(long, value_name = "KEY")]
    pub standard: Option<String>,

    /// Output format [default: from the -o file's extension, else markdown]
    #[arg(short, long, value_enum)]
    pub format: Option<SoaFormat>,

    /// Write to FILE (atomically) instead of stdout; needed for xlsx on a terminal
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Add the column of other standards' items reused for each control, for the consultant's working copy
    #[arg(long, conflicts_with = "check")]
    pub with_reuse: bool,

    /// Write no SoA; list on stderr every control an auditor would reject (and an approval dated before its risk assessment), and what an auditor would question (stock or copied exclusions, an incomplete or outdated approval); exit 1 if anything is rejected
    #[arg(long, conflicts_with_all = ["format", "output"])]
    pub check: bool,

    /// With --check: warn about dated evidence older than DAYS
    #[arg(long, value_name = "DAYS", requires = "check")]
    pub max_evidence_age: Option<u32>,

    /// With --check: measure evidence age to DATE (YYYY-MM-DD) instead of today
    #[arg(long, value_name = "DATE", requires = "max_evidence_age")]
    pub as_of: Option<String>,
}

/// `ims diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier assessment: a status file or a JSON report of `ims gap`
    #[arg(value_name = "OLD")]
    pub old: PathBuf,

    /// The later assessment: a status file or a JSON report of `ims gap`
    #[arg(value_name = "NEW")]
    pub new: PathBuf,

    /// Output format [default: from the -o file's extension, else table]
    #[arg(short, long, value_enum)]
    pub format: Option<DiffFormat>,

    /// Write to FILE (atomically) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `ims validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Status files to check
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Output format
    #[arg(short, long, value_enum, default_value_t = ValidateFormat::Text)]
    pub format: ValidateFormat,
}

/// Formats of `ims validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// A verdict per file on stdout, problems on stderr
    Text,
    /// GitHub Actions annotations: each problem at its line
    Github,
}

/// `ims init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Standards to include (default: every loaded standard); repeatable
    #[arg(long, value_name = "KEY")]
    pub standard: Vec<String>,

    /// Write the template to FILE instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Overwrite FILE if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// `ims completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// `ims schema` and `ims manpage`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write to FILE instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `ims catalog ...`.
#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// List the items of the catalogues
    #[command(after_help = PLAIN_EXIT_CODES_HELP)]
    List {
        /// Only this standard
        #[arg(long, value_name = "KEY")]
        standard: Option<String>,
        /// Output format
        #[arg(short, long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one item: its summary and its mappings in both directions
    #[command(after_help = PLAIN_EXIT_CODES_HELP)]
    Show {
        /// The item's id, such as A.5.1 or 8.5.1
        #[arg(value_name = "ID")]
        id: String,
        /// The standard the id belongs to; needed when several standards use the id
        #[arg(long, value_name = "KEY")]
        standard: Option<String>,
        /// Output format
        #[arg(short, long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// List every crosswalk edge with its relationship, rationale and residuals
    #[command(after_help = PLAIN_EXIT_CODES_HELP)]
    Mappings {
        /// Output format
        #[arg(short, long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Check the catalogues and crosswalks and list every problem
    #[command(after_help = LINT_EXIT_CODES_HELP)]
    Lint,
    /// `ims catalog export`.
    #[command(about = crate::catalog::EXPORT_ABOUT, long_about = None, after_help = PLAIN_EXIT_CODES_HELP)]
    Export {
        /// The format to write
        #[arg(short, long, value_enum)]
        format: ExportFormat,
        /// Write to FILE (atomically) instead of stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Formats of `catalog export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A CISO Assistant library (YAML): the framework, and one mapping set each way to CISO Assistant's own framework of the other standard
    CisoAssistant,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set
    Auto,
    /// Always
    Always,
    /// Never
    Never,
}

/// Formats of the gap report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GapFormat {
    /// Tables for a terminal
    Table,
    /// The stable JSON report
    Json,
    /// One row per item, for spreadsheets
    Csv,
    /// A report to paste into a document
    Markdown,
    /// One self-contained page to hand over, with charts
    Html,
    /// GitHub Actions annotations: each problem and each gate failure at its line
    Github,
}

impl OutputFormat for GapFormat {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("json", GapFormat::Json),
        ("csv", GapFormat::Csv),
        ("md", GapFormat::Markdown),
        ("markdown", GapFormat::Markdown),
        ("html", GapFormat::Html),
        ("htm", GapFormat::Html),
    ];
}

/// Formats of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// Tables for a terminal
    Table,
    /// The stable JSON plan
    Json,
    /// One row per item of each package, for spreadsheets
    Csv,
    /// A plan to paste into a document
    Markdown,
    /// One self-contained page with a burn-up chart
    Html,
}

impl OutputFormat for PlanFormat {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("json", PlanFormat::Json),
        ("csv", PlanFormat::Csv),
        ("md", PlanFormat::Markdown),
        ("markdown", PlanFormat::Markdown),
        ("html", PlanFormat::Html),
        ("htm", PlanFormat::Html),
    ];
}

/// Formats of the document register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocsFormat {
    /// A table for a terminal
    Table,
    /// The stable JSON register
    Json,
    /// One row per document, for spreadsheets
    Csv,
    /// A register to paste into a document, with each document's sections
    Markdown,
}

impl OutputFormat for DocsFormat {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("json", DocsFormat::Json),
        ("csv", DocsFormat::Csv),
        ("md", DocsFormat::Markdown),
        ("markdown", DocsFormat::Markdown),
    ];
}

/// Formats of the Statement of Applicability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SoaFormat {
    /// For spreadsheets
    Csv,
    /// For documents
    Markdown,
    /// An Excel workbook with a frozen, filterable header and a colour per status
    Xlsx,
}

impl OutputFormat for SoaFormat {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("csv", SoaFormat::Csv),
        ("md", SoaFormat::Markdown),
        ("markdown", SoaFormat::Markdown),
        ("xlsx", SoaFormat::Xlsx),
    ];
}

/// Formats of `ims diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Tables for a terminal
    Table,
    /// JSON
    Json,
    /// For documents
    Markdown,
}

impl OutputFormat for DiffFormat {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("json", DiffFormat::Json),
        ("md", DiffFormat::Markdown),
        ("markdown", DiffFormat::Markdown),
    ];
}

/// A format that the extension of the -o file can choose.
pub trait OutputFormat: Copy + ValueEnum + 'static {
    /// File extensions (lowercase, without the dot) and the format each names.
    const EXTENSIONS: &'static [(&'static str, Self)];
}

/// The format to write: `--format` when given; else the one the extension
/// of the -o file names; else `default` on stdout or a device such as
/// `/dev/null`. An -o file whose extension names no format of the command is
/// refused rather than filled with the wrong thing.
pub fn output_format<F: OutputFormat>(
    command: &str,
    format: Option<F>,
    output: Option<&Path>,
    default: F,
) -> Result<F, Failure> {
    if let Some(format) = format {
        return Ok(format);
    }
    let Some(path) = output else {
        return Ok(default);
    };
    let extension = extension_of(path);
    if let Some(&(_, format)) = F::EXTENSIONS
        .iter()
        .find(|(ext, _)| Some(*ext) == extension.as_deref())
    {
        return Ok(format);
    }
    if is_device(path) {
        return Ok(default);
    }
    let name = |format: &F| {
        format
            .to_possible_value()
            .map(|value| value.get_name().to_owned())
            .unwrap_or_default()
    };
    let formats: Vec<String> = F::value_variants()
        .iter()
        .map(|format| {
            let extensions: Vec<String> = F::EXTENSIONS
                .iter()
                .filter(|(_, named)| name(named) == name(format))
                .map(|(ext, _)| format!(".{ext}"))
                .collect();
            match extensions.first() {
                Some(ext) => format!("{} ({ext})", name(format)),
                None => name(format),
            }
        })
        .collect();
    Err(unknown_extension(
        command,
        path,
        extension.as_deref(),
        format!(
            "`ims {command}` writes {}; name the file with one of these extensions, or give --format",
            formats.join(", ")
        ),
    ))
}

/// Refuses an -o file whose extension is not one of `extensions`, for a
/// command that writes one format only (`format`, such as "YAML").
pub fn check_extension(
    command: &str,
    output: Option<&Path>,
    extensions: &[&str],
    format: &str,
) -> Result<(), Failure> {
    let Some(path) = output else {
        return Ok(());
    };
    let extension = extension_of(path);
    let known = extensions
        .iter()
        .any(|ext| Some(*ext) == extension.as_deref());
    if known || is_device(path) {
        return Ok(());
    }
    let dotted: Vec<String> = extensions.iter().map(|ext| format!(".{ext}")).collect();
    Err(unknown_extension(
        command,
        path,
        extension.as_deref(),
        format!(
            "`ims {command}` writes {format}; name the file {}",
            dotted.join(" or ")
        ),
    ))
}

/// The extension of `path`, lowercase.
fn extension_of(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|ext| ext.to_str())
        .map(str::to_ascii_lowercase)
}

/// Whether `path` names an existing device or pipe, such as `/dev/null`,
/// whose name says nothing about a format.
fn is_device(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| !meta.is_file() && !meta.is_dir())
}

fn unknown_extension(command: &str, path: &Path, extension: Option<&str>, help: String) -> Failure {
    let what = match extension {
        Some(ext) => format!("the extension `.{ext}` names no format of `ims {command}`"),
        None => "the file name has no extension to choose a format by".to_owned(),
    };
    Failure::message(
        format!("cannot tell what to write to {}: {what}", path.display()),
        Some(help),
    )
}

/// Formats of catalogue listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table for a terminal
    Table,
    /// A JSON array
    Json,
    /// CSV for spreadsheets
    Csv,
}

/// Formats of `catalog show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Text for a terminal
    Text,
    /// JSON
    Json,
}

/// `--fail-on` levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    /// Never fail on findings
    Never,
    /// Fail when an applicable item is planned or not implemented
    Missing,
    /// Also fail when an item is only partly implemented
    Partial,
    /// Also fail when an item is not assessed
    Unassessed,
    /// Fail when dated evidence is older than --max-evidence-age
    StaleEvidence,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
