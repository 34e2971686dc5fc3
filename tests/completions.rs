//! `ims completions` and `ims manpage`: the shell scripts and the manual
//! page generated from the command-line definition.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use crate::common::ims;

fn stdout_of(args: &[&str]) -> String {
    let output = ims().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_bash_completion_is_valid_bash_and_completes_commands_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("ims.bash");
    std::fs::write(&script, stdout_of(&["completions", "bash"])).unwrap();
    let syntax = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(syntax.status.success(), "bash -n: {syntax:?}");
    // Complete `ims ga` and `ims gap --format ` as bash would.
    let probe = format!(
        "source '{}'; \
         COMP_WORDS=(ims ga); COMP_CWORD=1; _ims ims ga ims; echo \"${{COMPREPLY[@]}}\"; \
         COMP_WORDS=(ims gap --format ''); COMP_CWORD=3; _ims ims '' --format; echo \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let output = Command::new("bash").arg("-c").arg(probe).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"gap"), "{text}");
    assert!(
        lines[1].split(' ').any(|format| format == "github"),
        "{text}"
    );
}

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        for command in ["gap", "validate", "soa", "diff", "catalog"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    let output = ims().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_manual_page_names_the_standards_and_the_commands() {
    let page = stdout_of(&["manpage"]);
    assert!(page.contains(".TH ims 1"), "{page}");
    let name = page
        .lines()
        .skip_while(|line| *line != ".SH NAME")
        .nth(1)
        .unwrap();
    assert!(
        name.contains("ISO/IEC 27001 and ISO/IEC 20000\\-1"),
        "{name}"
    );
    for command in ["gap", "validate", "soa", "diff", "completions"] {
        assert!(page.contains(&format!("ims\\-{command}")), "no {command}");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ims.1");
    let output = ims().arg("manpage").arg("-o").arg(&file).output().unwrap();
    assert!(output.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), page);
    let wrong = ims()
        .args(["manpage", "-o"])
        .arg(dir.path().join("ims.txt"))
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(2));
}

#[test]
fn the_first_line_of_help_says_what_ims_is_for() {
    for flag in ["--help", "-h"] {
        let help = stdout_of(&[flag]);
        let first = help.lines().next().unwrap();
        assert!(
            first.contains("ISO/IEC 27001") && first.contains("ISO/IEC 20000-1"),
            "{first}"
        );
    }
}
