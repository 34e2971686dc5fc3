//! The gap report as one self-contained HTML file: inline CSS and inline
//! SVG charts, no scripts, fonts or network (a Content-Security-Policy says
//! so). Every piece of text is HTML-escaped by the template engine.

use minijinja::value::Serde;
use minijinja::{Value, context};
use serde::Serialize;

use crate::analysis::{GapReport, ItemStatus};
use crate::render::{Error, Rendered, element_state, gate_configured, percent};

const TEMPLATE: &str = include_str!("gap.html");

/// One bar of a coverage chart.
#[derive(Debug, Serialize)]
struct Bar {
    label: String,
    title: String,
    value: String,
    y: u32,
    filled: f64,
    /// A lighter bar behind the filled one (the head start), 0 for none.
    behind: f64,
    color: &'static str,
}

/// The coverage-by-group chart of one standard.
#[derive(Debug, Serialize)]
struct Chart {
    name: String,
    width: u32,
    height: u32,
    bar_x: u32,
    bar_width: u32,
    value_x: u32,
    bars: Vec<Bar>,
}

/// One segment of an overlap bar.
#[derive(Debug, Serialize)]
struct Segment {
    label: String,
    count: usize,
    x: f64,
    width: f64,
    color: &'static str,
}

/// The overlap between two standards, as one stacked bar.
#[derive(Debug, Serialize)]
struct OverlapBar {
    source: String,
    target: String,
    total: usize,
    width: u32,
    segments: Vec<Segment>,
}

/// Items of one standard, for a table.
#[derive(Debug, Serialize)]
struct Block<'a> {
    name: &'a str,
    items: Vec<&'a ItemStatus>,
}

const ROW: u32 = 22;
const BAR_X: u32 = 52;
const BAR_WIDTH: u32 = 380;

fn coverage_color(value: Option<f64>) -> &'static str {
    match value {
        Some(v) if v >= 80.0 => "#2e8540",
        Some(v) if v >= 50.0 => "#e0a100",
        Some(_) => "#c0392b",
        None => "#9aa1ad",
    }
}

/// The filled width of a bar of `full` units for a percentage.
fn width(value: Option<f64>, full: u32) -> f64 {
    (value.unwrap_or(0.0) / 100.0 * f64::from(full)).round()
}

fn charts(report: &GapReport) -> Vec<Chart> {
    report
        .standards
        .iter()
        .map(|s| {
            let bars: Vec<Bar> = s
                .groups
                .iter()
                .zip(0u32..)
                .map(|(g, n)| Bar {
                    label: g.id.clone(),
                    title: format!("{}, head start {}", g.title, percent(g.head_start)),
                    value: percent(g.coverage),
                    y: n * ROW,
                    filled: width(g.coverage, BAR_WIDTH),
                    behind: width(g.head_start, BAR_WIDTH),
                    color: coverage_color(g.coverage),
                })
                .collect();
            Chart {
                name: s.name.clone(),
                width: BAR_X + BAR_WIDTH + 70,
                height: u32::try_from(bars.len()).unwrap_or(0) * ROW + 4,
                bar_x: BAR_X,
                bar_width: BAR_WIDTH,
                value_x: BAR_X + BAR_WIDTH + 8,
                bars,
            }
        })
        .collect()
}

/// Coverage, coverage with full reuse, and the head start of each standard,
/// as a chart of three bars.
fn headlines(report: &GapReport) -> Vec<Chart> {
    const LABEL: u32 = 86;
    const WIDTH: u32 = 180;
    report
        .standards
        .iter()
        .map(|s| {
            let figures = [
                ("Coverage", "in place now", s.coverage, "#1f3864"),
                (
                    "Full reuse",
                    "with every reuse that covers an item fully",
                    s.projected_coverage,
                    "#2f6fb3",
                ),
                (
                    "Head start",
                    "with every reuse taken at its weight",
                    s.head_start,
                    "#6a9fd4",
                ),
            ];
            Chart {
                name: s.name.clone(),
                width: LABEL + WIDTH + 56,
                height: 3 * ROW + 2,
                bar_x: LABEL,
                bar_width: WIDTH,
                value_x: LABEL + WIDTH + 6,
                bars: figures
                    .into_iter()
                    .zip(0u32..)
                    .map(|((label, title, value, color), n)| Bar {
                        label: label.to_owned(),
                        title: title.to_owned(),
                        value: percent(value),
                        y: n * ROW,
                        filled: width(value, WIDTH),
                        behind: 0.0,
                        color,
                    })
                    .collect(),
            }
        })
        .collect()
}

fn overlap(report: &GapReport) -> Vec<OverlapBar> {
    const WIDTH: u32 = 900;
    report
        .overlap_pairs
        .iter()
        .map(|pair| {
            let mut x = 0.0;
            let segments = pair
                .counts
                .iter()
                .map(|count| {
                    let width = if pair.total == 0 {
                        0.0
                    } else {
                        (count.count as f64 / pair.total as f64 * f64::from(WIDTH)).round()
                    };
                    let label = match count.state {
                        crate::analysis::OverlapState::SourceOnly => {
                            format!("reuse {} for {}", pair.source, pair.target)
                        }
                        crate::analysis::OverlapState::TargetOnly => {
                            format!("reuse {} for {}", pair.target, pair.source)
                        }
                        state => super::overlap_words(pair, state).0,
                    };
                    let segment = Segment {
                        label,
                        count: count.count,
                        x,
                        width,
                        color: state_color(count.state),
                    };
                    x += width;
                    segment
                })
                .collect();
            OverlapBar {
                source: pair.source.clone(),
                target: pair.target.clone(),
                total: pair.total,
                width: WIDTH,
                segments,
            }
        })
        .collect()
}

/// The colour of an overlap state in the bar.
fn state_color(state: crate::analysis::OverlapState) -> &'static str {
    use crate::analysis::OverlapState;
    match state {
        OverlapState::BothInPlace => "#2e8540",
        OverlapState::SourceOnly => "#2f6fb3",
        OverlapState::TargetOnly => "#6a9fd4",
        OverlapState::JointGap => "#c0392b",
        OverlapState::Excluded => "#9aa1ad",
    }
}

fn blocks<'a>(report: &'a GapReport, items: &'a [ItemStatus]) -> Vec<Block<'a>> {
    report
        .standards
        .iter()
        .filter_map(|s| {
            let mine: Vec<&ItemStatus> = items.iter().filter(|i| i.standard == s.id).collect();
            (!mine.is_empty()).then_some(Block {
                name: &s.name,
                items: mine,
            })
        })
        .collect()
}

/// The whole page; an error only if the embedded template is broken.
pub fn render(report: &GapReport) -> Rendered {
    render_page(report).map_err(Error::Html)
}

fn render_page(report: &GapReport) -> Result<String, String> {
    let env = crate::render::html::environment("gap.html", TEMPLATE)?;
    let title = super::title(report, &report.header.organisation);
    let element_standards = super::integrated_standards(report);
    let template = env.get_template("gap.html").map_err(|e| e.to_string())?;
    let mut html = template
        .render(context! {
            report => Value::from(Serde(report)),
            title => title,
            generator => format!("ims {}", env!("CARGO_PKG_VERSION")),
            gate_configured => gate_configured(report),
            element_states => report
                .integrated
                .iter()
                .map(element_state)
                .collect::<Vec<_>>(),
            headlines => Value::from(Serde(headlines(report))),
            charts => Value::from(Serde(charts(report))),
            overlap => Value::from(Serde(overlap(report))),
            integrated_intro => super::integrated_intro(element_standards.len()),
            element_standards => element_standards.iter().map(|s| (*s).to_owned()).collect::<Vec<String>>(),
            missing => Value::from(Serde(blocks(report, &report.missing))),
            partial => Value::from(Serde(blocks(report, &report.partial))),
            unassessed => Value::from(Serde(blocks(report, &report.unassessed))),
        })
        .map_err(|e| format!("{e:#}"))?;
    if !html.ends_with('\n') {
        html.push('\n');
    }
    Ok(html)
}
