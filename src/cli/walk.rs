//! Finding input files: the YAML files of a catalogue directory, and the
//! status files of a portfolio beneath the paths given. Each real file is
//! read once however it is reached, symbolic link loops end, and whatever is
//! left out is said: a file that cannot be read is a problem, a second path
//! to a file or directory already taken is a note.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::io::{Failure, FileId, Input, describe_open_error, id_of, special_kind};
use crate::diag::{Problem, ProblemCode};

/// The status files of a portfolio, and what was left out and why.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Each real file once, sorted by path.
    pub files: Vec<PathBuf>,
    /// One line per path left out: a second name for a file or directory
    /// already taken (a symbolic link loop, a file named twice).
    pub skipped: Vec<String>,
}

/// The YAML files of a catalogue directory, sorted by name. An entry named
/// `*.yaml` or `*.yml` that cannot be read as a file (a broken symbolic
/// link, a FIFO, a directory, no permission) is a problem, never skipped in
/// silence: the catalogue it holds would be missing from the run.
pub fn catalogue_files(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let entries = fs::read_dir(dir).map_err(|err| {
        Failure::message(
            format!(
                "cannot read catalogue directory {}: {}",
                dir.display(),
                describe_open_error(&err, Input::Catalogue).0
            ),
            Some("--catalog takes a directory of *.yaml catalogue and crosswalk files".to_owned()),
        )
    })?;
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in entries {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(err) => {
                problems.push(unreadable(dir, &err));
                continue;
            }
        };
        if !is_yaml(&path) {
            continue;
        }
        match fs::metadata(&path) {
            Ok(meta) if meta.is_file() => files.push(path),
            Ok(meta) => problems.push(not_a_file(&path, &meta)),
            Err(err) => problems.push(unreadable(&path, &err)),
        }
    }
    if !problems.is_empty() {
        problems.sort_by(|a, b| a.file.cmp(&b.file));
        return Err(Failure::Problems(problems));
    }
    files.sort();
    Ok(files)
}

/// The status files named by `paths`: files as given, and every `*.yaml` or
/// `*.yml` file beneath each directory (hidden directories skipped). Symbolic
/// links are followed, but each directory is walked once and each file
/// (by device and inode) is taken once, under the first of its paths.
pub fn discover(paths: &[PathBuf]) -> Result<Discovered, Failure> {
    let mut walk = Walk::default();
    for path in paths {
        if path.as_os_str() == super::io::STDIN {
            walk.problems.push(problem(
                path,
                "standard input (`-`) can be the one status file of a run, not one of several"
                    .to_owned(),
                "give the paths of the status files, or run ims once per file".to_owned(),
            ));
            continue;
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk.dir(path, &meta),
            Ok(meta) => walk.found.push((path.clone(), id_of(path, &meta))),
            Err(err) => walk.problems.push(unreadable(path, &err)),
        }
    }
    if !walk.problems.is_empty() {
        return Err(Failure::Problems(walk.problems));
    }
    walk.found.sort_by(|a, b| a.0.cmp(&b.0));
    let mut first: HashMap<FileId, PathBuf> = HashMap::new();
    let mut found = Discovered {
        files: Vec::new(),
        skipped: walk.skipped,
    };
    for (path, id) in walk.found {
        match first.get(&id) {
            Some(taken) => found.skipped.push(format!(
                "skipped {}: the same file as {}",
                path.display(),
                taken.display()
            )),
            None => {
                first.insert(id, path.clone());
                found.files.push(path);
            }
        }
    }
    Ok(found)
}

#[derive(Default)]
struct Walk {
    /// Directories walked, by identity, with the path they were walked under.
    dirs: HashMap<FileId, PathBuf>,
    found: Vec<(PathBuf, FileId)>,
    skipped: Vec<String>,
    problems: Vec<Problem>,
}

impl Walk {
    fn dir(&mut self, dir: &Path, meta: &fs::Metadata) {
        let id = id_of(dir, meta);
        if let Some(walked) = self.dirs.get(&id) {
            self.skipped.push(format!(
                "skipped {}: the same directory as {}, already walked",
                dir.display(),
                walked.display()
            ));
            return;
        }
        self.dirs.insert(id, dir.to_owned());
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) => {
                self.problems.push(unreadable(dir, &err));
                return;
            }
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => paths.push(entry.path()),
                Err(err) => self.problems.push(unreadable(dir, &err)),
            }
        }
        paths.sort();
        for path in paths {
            let hidden = path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with('.'));
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() && !hidden => self.dir(&path, &meta),
                Ok(meta) if meta.is_dir() => {}
                Ok(meta) if meta.is_file() && is_yaml(&path) => {
                    self.found.push((path.clone(), id_of(&path, &meta)));
                }
                Ok(meta) if meta.is_file() => {}
                // Opening a FIFO would wait for a writer for ever.
                Ok(meta) if is_yaml(&path) => self.problems.push(not_a_file(&path, &meta)),
                Err(err) if is_yaml(&path) => self.problems.push(unreadable(&path, &err)),
                _ => {}
            }
        }
    }
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "yaml" || ext == "yml")
}

/// The problem for a path that cannot be opened.
fn unreadable(path: &Path, err: &io::Error) -> Problem {
    let (message, help) = match fs::symlink_metadata(path) {
        Ok(link) if link.file_type().is_symlink() && err.kind() == io::ErrorKind::NotFound => {
            match fs::read_link(path) {
                Ok(target) => (
                    format!(
                        "a symbolic link to {}, which does not exist",
                        target.display()
                    ),
                    "remove the link, or restore the file it points to".to_owned(),
                ),
                // The link went away or changed under us: say what opening it said.
                Err(_) => describe_open_error(err, Input::Status),
            }
        }
        _ => describe_open_error(err, Input::Status),
    };
    problem(path, message, help)
}

/// The problem for a path that is neither a regular file nor a directory.
fn not_a_file(path: &Path, meta: &fs::Metadata) -> Problem {
    let what = if meta.is_dir() {
        "a directory"
    } else {
        special_kind(meta)
    };
    problem(
        path,
        format!("this is {what}, not a regular file"),
        "only regular *.yaml and *.yml files are read; rename or remove it".to_owned(),
    )
}

fn problem(path: &Path, message: String, help: String) -> Problem {
    Problem::whole_file(
        ProblemCode::Unreadable,
        path.display().to_string(),
        message,
        help,
    )
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn symbolic_link_loops_end_and_each_file_is_taken_once() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("d");
        fs::create_dir(&d).unwrap();
        fs::write(d.join("s.yaml"), "organisation: A\n").unwrap();
        symlink(".", d.join("a")).unwrap();
        symlink(".", d.join("b")).unwrap();
        symlink("s.yaml", d.join("t.yaml")).unwrap();
        let found = discover(&[d.clone(), d.join("s.yaml"), d.join("./s.yaml")]).unwrap();
        assert_eq!(found.files, [d.join("s.yaml")]);
        assert_eq!(found.skipped.len(), 5, "{:?}", found.skipped);
        assert!(found.skipped[0].contains("the same directory as"));
    }

    #[test]
    fn broken_links_and_fifos_are_problems() {
        let dir = tempfile::tempdir().unwrap();
        symlink("gone.yaml", dir.path().join("broken.yaml")).unwrap();
        fs::create_dir(dir.path().join("dir.yaml")).unwrap();
        let Err(Failure::Problems(problems)) = catalogue_files(dir.path()) else {
            panic!("expected problems");
        };
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0]
                .message
                .contains("gone.yaml, which does not exist")
        );
        assert!(
            problems[1]
                .message
                .contains("a directory, not a regular file")
        );
    }
}
