//! Command-line arguments. These are parsed by clap and then turned into
//! run settings by the command modules; they are not used as settings directly.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::exit::EXIT_CODES_HELP;

/// Gap analysis for an integrated management system built on several
/// management-system standards: coverage of each, the overlap, what is
/// missing, and what one standard's work can be reused for another.
#[derive(Debug, Parser)]
#[command(name = "ims", version, after_help = EXIT_CODES_HELP, max_term_width = 100)]
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
    #[command(after_help = EXIT_CODES_HELP)]
    Gap(GapArgs),
    /// Check status files against the catalogues without analysing them
    #[command(after_help = EXIT_CODES_HELP)]
    Validate(ValidateArgs),
    /// Write a commented status-file template listing every item
    Init(InitArgs),
    /// Print the JSON Schema of the status file, for editor completion
    Schema(SchemaArgs),
    /// Browse and check the catalogues and crosswalks
    Catalog {
        /// What to do with the catalogues.
        #[command(subcommand)]
        command: CatalogCommand,
    },
}

/// `ims gap`.
#[derive(Debug, Args)]
pub struct GapArgs {
    /// The organisation's status file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Output format
    #[arg(short, long, value_enum, default_value_t = GapFormat::Table)]
    pub format: GapFormat,

    /// Write the report to FILE (atomically) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Findings that fail the gate (exit 1); each level also fails on the findings of the levels before it
    #[arg(long, value_enum, default_value_t = FailOnArg::Never, value_name = "LEVEL", help_heading = "Gate")]
    pub fail_on: FailOnArg,

    /// Fail (exit 1) when coverage is below PCT, for every standard or, as KEY=PCT, for one; repeatable
    #[arg(long, value_name = "[KEY=]PCT", help_heading = "Gate")]
    pub min_coverage: Vec<String>,

    /// Report and gate on this standard only; repeatable
    #[arg(long, value_name = "KEY", help_heading = "Scope")]
    pub standard: Vec<String>,

    /// Frame the report towards this standard, with the others as sources of reuse
    #[arg(long, value_name = "KEY", help_heading = "Scope")]
    pub target: Option<String>,
}

/// `ims validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Status files to check
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
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

/// `ims schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schema to FILE instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `ims catalog ...`.
#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// List the items of the catalogues
    List {
        /// Only this standard
        #[arg(long, value_name = "KEY")]
        standard: Option<String>,
        /// Output format
        #[arg(short, long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one item: its summary and its mappings in both directions
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
    Mappings {
        /// Output format
        #[arg(short, long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Check the catalogues and crosswalks and list every problem
    #[command(after_help = EXIT_CODES_HELP)]
    Lint,
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
