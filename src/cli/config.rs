//! Validated run settings, one per command, built from the parsed arguments
//! in one place. Every rule between flags is checked here, before any work
//! starts; the commands then read settings, never arguments.

use std::path::PathBuf;

use super::Context;
use super::args::{
    DiffArgs, DiffFormat, DocsArgs, DocsFormat, FailOnArg, GapArgs, GapFormat, InitArgs, PlanArgs,
    PlanFormat, SoaArgs, SoaFormat, ValidateArgs, ValidateFormat, check_extension, output_format,
};
use super::input;
use super::io::Failure;
use crate::analysis::soa::{Freshness, standards_with_controls};
use crate::analysis::{FailOn, MinCoverage, Options};
use crate::date::Date;
use crate::model::StandardIndex;

/// What `ims gap` reads: one status file, or a portfolio of files and
/// directories.
#[derive(Debug)]
pub enum GapInput {
    /// One status file: the full report.
    One(PathBuf),
    /// Several files or directories: a summary row per file.
    Portfolio {
        /// The files and directories, as given.
        paths: Vec<PathBuf>,
        /// Whether every file's report is written before the summary.
        each: bool,
    },
}

/// `ims gap`, checked.
#[derive(Debug)]
pub struct GapConfig {
    /// What to read.
    pub input: GapInput,
    /// The format, from --format or the -o file's extension.
    pub format: GapFormat,
    /// Where to write; stdout when `None`.
    pub output: Option<PathBuf>,
    /// The baseline file, which -o must not write over.
    pub baseline: Option<PathBuf>,
    /// What the analysis needs: scope, gate and baseline.
    pub options: Options,
}

impl GapConfig {
    /// Checks the arguments of `ims gap` against each other and the catalogue.
    pub fn new(context: &Context, args: GapArgs) -> Result<GapConfig, Failure> {
        let format = output_format("gap", args.format, args.output.as_deref(), GapFormat::Table)?;
        let input = match args.files.as_slice() {
            [one] if !one.is_dir() => {
                if args.each {
                    return Err(Failure::message(
                        "--each is for a portfolio of several files",
                        Some("give several files or a directory, or drop --each".to_owned()),
                    ));
                }
                GapInput::One(one.clone())
            }
            _ => {
                if args.baseline.is_some() {
                    return Err(Failure::message(
                        "--baseline compares one status file with an earlier one",
                        Some("give one FILE with --baseline, or use `ims diff OLD NEW`".to_owned()),
                    ));
                }
                if format == GapFormat::Html {
                    return Err(Failure::message(
                        "the HTML report is made for one status file",
                        Some(
                            "use --format table, csv, json, markdown or github for a portfolio"
                                .to_owned(),
                        ),
                    ));
                }
                GapInput::Portfolio {
                    paths: args.files.clone(),
                    each: args.each,
                }
            }
        };
        let mut options = options(context, &args)?;
        options.summary_only = matches!(input, GapInput::Portfolio { each: false, .. });
        Ok(GapConfig {
            input,
            format,
            output: args.output,
            baseline: args.baseline,
            options,
        })
    }
}

/// The standards a report covers: `--standard` (repeatable) or `--target`,
/// which contradict each other when they name different standards.
fn scope(
    context: &Context,
    standard: &[String],
    target: Option<&str>,
) -> Result<(Vec<StandardIndex>, Option<StandardIndex>), Failure> {
    let mut focus = Vec::new();
    for key in standard {
        let index = context.standard(key, "--standard")?;
        if !focus.contains(&index) {
            focus.push(index);
        }
    }
    let target = target
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
    Ok((focus, target))
}

/// `--as-of DATE`, or today.
fn as_of(text: Option<&str>) -> Result<Option<Date>, Failure> {
    match text {
        Some(text) => Date::parse(text).map(Some).ok_or_else(|| {
            Failure::message(
                format!("`{text}` in --as-of is not a date"),
                Some("write the date as YYYY-MM-DD".to_owned()),
            )
        }),
        None => Ok(input::today()),
    }
}

/// Turns the gate and scope flags into analysis options.
fn options(context: &Context, args: &GapArgs) -> Result<Options, Failure> {
    let (focus, target) = scope(context, &args.standard, args.target.as_deref())?;
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
    let as_of = as_of(args.as_of.as_deref())?;
    let baseline = args
        .baseline
        .as_deref()
        .map(|path| input::snapshot(&context.catalog, path))
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

/// `ims plan`, checked.
#[derive(Debug)]
pub struct PlanConfig {
    /// The status file.
    pub file: PathBuf,
    /// The format, from --format or the -o file's extension.
    pub format: PlanFormat,
    /// Where to write; stdout when `None`.
    pub output: Option<PathBuf>,
    /// The scope and the date due dates are judged against.
    pub options: Options,
}

impl PlanConfig {
    /// Checks the scope flags and chooses the format.
    pub fn new(context: &Context, args: PlanArgs) -> Result<PlanConfig, Failure> {
        let format = output_format(
            "plan",
            args.format,
            args.output.as_deref(),
            PlanFormat::Table,
        )?;
        let (focus, target) = scope(context, &args.standard, args.target.as_deref())?;
        Ok(PlanConfig {
            file: args.file,
            format,
            output: args.output,
            options: Options {
                focus,
                target,
                as_of: as_of(args.as_of.as_deref())?,
                ..Options::default()
            },
        })
    }
}

/// `ims docs`, checked.
#[derive(Debug)]
pub struct DocsConfig {
    /// The status file, if given.
    pub file: Option<PathBuf>,
    /// The format, from --format or the -o file's extension.
    pub format: DocsFormat,
    /// Where to write the register; stdout when `None`.
    pub output: Option<PathBuf>,
    /// Where to write skeleton documents instead of the register.
    pub skeleton: Option<PathBuf>,
    /// Whether skeleton files may replace existing ones.
    pub force: bool,
    /// The standards covered.
    pub options: Options,
}

impl DocsConfig {
    /// Checks the scope flags and chooses the format.
    pub fn new(context: &Context, args: DocsArgs) -> Result<DocsConfig, Failure> {
        let format = output_format(
            "docs",
            args.format,
            args.output.as_deref(),
            DocsFormat::Table,
        )?;
        let (focus, target) = scope(context, &args.standard, args.target.as_deref())?;
        Ok(DocsConfig {
            file: args.file,
            format,
            output: args.output,
            skeleton: args.skeleton,
            force: args.force,
            options: Options {
                focus,
                target,
                ..Options::default()
            },
        })
    }
}

/// `ims soa`, checked.
#[derive(Debug)]
pub struct SoaConfig {
    /// The status file.
    pub file: PathBuf,
    /// The standard whose controls are listed (catalogue index).
    pub standard: StandardIndex,
    /// The format, from --format or the -o file's extension.
    pub format: SoaFormat,
    /// Where to write; stdout when `None`.
    pub output: Option<PathBuf>,
    /// Check the statement instead of writing it.
    pub check: bool,
    /// With the check: how old evidence may be.
    pub freshness: Option<Freshness>,
    /// Add the column of reused items.
    pub with_reuse: bool,
}

impl SoaConfig {
    /// Chooses the standard with controls and the format.
    pub fn new(context: &Context, args: SoaArgs) -> Result<SoaConfig, Failure> {
        let catalog = &context.catalog;
        let with_controls = standards_with_controls(catalog);
        let choices = with_controls
            .iter()
            .map(|&s| format!("--standard {}", catalog.standards[s].key))
            .collect::<Vec<_>>()
            .join(" or ");
        let standard = match &args.standard {
            Some(key) => {
                let index = context.standard(key, "--standard")?;
                if !with_controls.contains(&index) {
                    let help = if with_controls.is_empty() {
                        "no loaded standard has controls".to_owned()
                    } else {
                        format!("use {choices}")
                    };
                    return Err(Failure::message(
                        format!(
                            "{key} has no controls: a Statement of Applicability lists the controls of a standard with excludable controls"
                        ),
                        Some(help),
                    ));
                }
                index
            }
            None => match with_controls.as_slice() {
                [one] => *one,
                [] => {
                    return Err(Failure::message(
                        "no loaded standard has controls, so there is no Statement of Applicability to write",
                        None,
                    ));
                }
                _ => {
                    return Err(Failure::message(
                        "several standards have controls",
                        Some(format!("choose one: {choices}")),
                    ));
                }
            },
        };
        let format = output_format(
            "soa",
            args.format,
            args.output.as_deref(),
            SoaFormat::Markdown,
        )?;
        let freshness = match args.max_evidence_age {
            Some(max_age) => {
                let Some(as_of) = as_of(args.as_of.as_deref())? else {
                    return Err(Failure::message(
                        "today's date is not known, so the age of evidence cannot be measured",
                        Some("give the date: --as-of YYYY-MM-DD".to_owned()),
                    ));
                };
                Some(Freshness { max_age, as_of })
            }
            None => None,
        };
        Ok(SoaConfig {
            file: args.file,
            standard,
            format,
            output: args.output,
            check: args.check,
            freshness,
            with_reuse: args.with_reuse,
        })
    }
}

/// `ims diff`, checked.
#[derive(Debug)]
pub struct DiffConfig {
    /// The earlier snapshot.
    pub old: PathBuf,
    /// The later snapshot.
    pub new: PathBuf,
    /// The format, from --format or the -o file's extension.
    pub format: DiffFormat,
    /// Where to write; stdout when `None`.
    pub output: Option<PathBuf>,
}

impl DiffConfig {
    /// Chooses the format.
    pub fn new(args: DiffArgs) -> Result<DiffConfig, Failure> {
        let format = output_format(
            "diff",
            args.format,
            args.output.as_deref(),
            DiffFormat::Table,
        )?;
        Ok(DiffConfig {
            old: args.old,
            new: args.new,
            format,
            output: args.output,
        })
    }
}

/// `ims validate`, checked.
#[derive(Debug)]
pub struct ValidateConfig {
    /// The status files.
    pub files: Vec<PathBuf>,
    /// Verdicts for people, or annotations for GitHub Actions.
    pub format: ValidateFormat,
}

impl ValidateConfig {
    /// Nothing to check between flags yet; here so that every command reads
    /// settings the same way.
    pub fn new(args: ValidateArgs) -> ValidateConfig {
        ValidateConfig {
            files: args.files,
            format: args.format,
        }
    }
}

/// `ims init`, checked.
#[derive(Debug)]
pub struct InitConfig {
    /// The standards to list (catalogue indexes), every one when none is named.
    pub standards: Vec<StandardIndex>,
    /// Where to write; stdout when `None`.
    pub output: Option<PathBuf>,
    /// Whether an existing file may be replaced.
    pub force: bool,
}

impl InitConfig {
    /// Resolves the standards and checks the output's extension.
    pub fn new(context: &Context, args: InitArgs) -> Result<InitConfig, Failure> {
        check_extension("init", args.output.as_deref(), &["yaml", "yml"], "YAML")?;
        let mut standards = Vec::new();
        for key in &args.standard {
            let index = context.standard(key, "--standard")?;
            if !standards.contains(&index) {
                standards.push(index);
            }
        }
        if standards.is_empty() {
            standards = context.catalog.indexes().collect();
        }
        Ok(InitConfig {
            standards,
            output: args.output,
            force: args.force,
        })
    }
}
