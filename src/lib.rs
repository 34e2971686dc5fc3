//! ims: gap analysis for an integrated management system built on two or
//! more management-system standards, such as an information security
//! standard and a service management standard run together.
//!
//! Data flows one way: load -> validate -> analyse -> render -> write.
//! The library loads, validates, analyses and renders; only the `cli`
//! module reads files, writes output and talks to the terminal.

#![warn(clippy::print_stdout, clippy::print_stderr)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod analysis;
pub mod catalog;
pub mod cli;
pub mod date;
pub mod diag;
pub mod exit;
pub mod import;
pub mod model;
pub mod render;
pub mod snapshot;
pub mod status;
pub mod suggest;
pub mod terminal;
pub mod yaml;
