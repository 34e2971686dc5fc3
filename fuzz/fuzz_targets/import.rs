//! Fuzzes `ims import` on CSV bytes and XLSX, ODS and XLS workbooks: every import either
//! fails, or names a sheet for each problem and writes a status file that
//! `ims validate` accepts. The check is in `../import_check.rs`, shared
//! with the test that replays the findings.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../import_check.rs"]
mod import_check;

#[path = "../builtin.rs"]
mod builtin;
use builtin::builtin;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = import_check::check(builtin(), data) {
        panic!("{broken}");
    }
});
