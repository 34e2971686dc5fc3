//! Where output goes: one set of rules for every path ims writes (a report
//! with -o, a status file, the files of a skeleton), and the writes
//! themselves: atomic, and exclusive where a file must not be replaced, so
//! that of several runs at once exactly one creates the file.
//!
//! The rules: never an input; never a directory; never a FIFO, socket or
//! block device (ims would wait for a reader for ever, or write a disk),
//! though a character device such as `/dev/null` and the process's own
//! standard streams are written in place; an existing file only when the
//! command may replace it, and only when it is writable; a symbolic link
//! followed to the file it names, or refused where links are not written
//! through.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::io::{Failure, file_id, os_error, special_kind, stream_id, write_stdout_with};
use crate::diag::{Problem, ProblemCode};

/// What a command may do with the path it writes.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Whether an existing file may be replaced (a report may; a status
    /// file or a skeleton only with --force).
    pub replace: bool,
    /// Whether a symbolic link is followed to the file it names (refused
    /// otherwise).
    pub through_links: bool,
}

impl Rules {
    /// A report: replaced when it exists, through links.
    pub const REPORT: Rules = Rules {
        replace: true,
        through_links: true,
    };

    /// A file the user edits afterwards: replaced only with --force.
    pub fn user_file(force: bool) -> Rules {
        Rules {
            replace: force,
            through_links: true,
        }
    }
}

/// Where an output goes, once its path is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file that does not exist yet: created exclusively, so that if
    /// another run creates it first, this one stops.
    New(PathBuf),
    /// An existing regular file (a link's target), replaced atomically.
    Replace(PathBuf),
    /// A character device such as `/dev/null`, or one of the process's
    /// standard streams: written in place.
    InPlace(PathBuf),
}

/// Checks `path` against `rules` and `inputs`; the problem says why not.
pub fn check(path: &Path, rules: Rules, inputs: &[&Path]) -> Result<Target, Problem> {
    let refuse = |code, message: String, help: &str| {
        Problem::whole_file(code, path.display().to_string(), message, help)
    };
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Target::New(path.into())),
        Err(err) => {
            return Err(refuse(
                ProblemCode::OutputExists,
                format!("cannot use this path: {}", os_error(&err)),
                "check the path, or choose another",
            ));
        }
    };
    if let Some(id) = file_id(path)
        && let Some(input) = inputs
            .iter()
            .find(|input| file_id(input).as_ref() == Some(&id))
    {
        return Err(refuse(
            ProblemCode::SameFile,
            format!("refusing to write over the input file {}", input.display()),
            "choose another file for the output; ims never overwrites its input",
        ));
    }
    let (target, meta) = if meta.file_type().is_symlink() {
        if !rules.through_links {
            return Err(refuse(
                ProblemCode::OutputExists,
                "this is a symbolic link, and ims does not write through links here".to_owned(),
                "remove the link, or choose another path",
            ));
        }
        // A link to a pipe (`/dev/stdout` when stdout is one) names no
        // path that canonicalises: the file it names is looked at first.
        let followed = fs::metadata(path).and_then(|meta| {
            if meta.is_file() {
                fs::canonicalize(path).map(|real| (real, meta))
            } else {
                Ok((path.to_owned(), meta))
            }
        });
        match followed {
            Ok(found) => found,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                let to = fs::read_link(path).map(|to| to.display().to_string());
                return Err(refuse(
                    ProblemCode::OutputExists,
                    format!(
                        "this is a symbolic link to {}, which does not exist",
                        to.unwrap_or_else(|_| "a missing file".to_owned())
                    ),
                    "restore the file it points to, or remove the link",
                ));
            }
            Err(err) => {
                return Err(refuse(
                    ProblemCode::OutputExists,
                    format!("cannot follow this symbolic link: {}", os_error(&err)),
                    "choose another path",
                ));
            }
        }
    } else {
        (path.to_owned(), meta)
    };
    if meta.is_dir() {
        return Err(refuse(
            ProblemCode::OutputExists,
            "this is a directory, not a file".to_owned(),
            "give the path of a file",
        ));
    }
    if !meta.is_file() {
        if is_standard_stream(&target) || is_char_device(&meta) {
            return Ok(Target::InPlace(target));
        }
        return Err(refuse(
            ProblemCode::OutputExists,
            format!(
                "this is {}, not a regular file; ims writes no output there, which could wait for a reader for ever",
                special_kind(&meta)
            ),
            "write to a regular file, or to standard output and redirect it",
        ));
    }
    if !rules.replace {
        return Err(refuse(
            ProblemCode::OutputExists,
            "this file already exists; refusing to overwrite it".to_owned(),
            "choose another file, or pass --force to replace it",
        ));
    }
    // The rename would go around a write-protected file, where a shell's
    // `>` refuses: ask for write access first, as the shell does.
    if let Err(err) = fs::OpenOptions::new().write(true).open(&target) {
        let help = if err.kind() == io::ErrorKind::PermissionDenied {
            "the file is write-protected; make it writable (chmod u+w) or choose another file"
        } else {
            "check that the file can be written"
        };
        return Err(refuse(
            ProblemCode::OutputExists,
            format!("cannot replace this file: {}", os_error(&err)),
            help,
        ));
    }
    Ok(Target::Replace(target))
}

#[cfg(unix)]
fn is_char_device(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_char_device()
}

#[cfg(not(unix))]
fn is_char_device(_meta: &fs::Metadata) -> bool {
    false
}

/// Whether `path` is the file this process's stdout or stderr is: a pipe
/// that `/dev/stdout` names is written in place like the terminal.
fn is_standard_stream(path: &Path) -> bool {
    let Some(id) = file_id(path) else {
        return false;
    };
    [stream_id(&io::stdout()), stream_id(&io::stderr())]
        .into_iter()
        .flatten()
        .any(|stream| stream == id)
}

/// Streams output through `write` to stdout, or to `output` under `rules`
/// (see `output`), refusing to write over any of `inputs`.
pub fn emit_with(
    output: Option<&Path>,
    rules: Rules,
    inputs: &[&Path],
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    match output {
        Some(path) => {
            let target =
                check(path, rules, inputs).map_err(|problem| Failure::Problems(vec![problem]))?;
            self::write(path, &target, write)
        }
        None => write_stdout_with(write),
    }
}

/// Writes through `write` to `target`: a new file exclusively, an existing
/// one atomically, a device in place. A failure part-way leaves any old
/// file intact and no temporary file behind.
pub fn write(
    path: &Path,
    target: &Target,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    let cannot = |err: &io::Error| {
        Failure::message(
            format!("cannot write {}: {}", path.display(), os_error(err)),
            Some(
                "check that the directory exists and is writable, and that the disk has space"
                    .to_owned(),
            ),
        )
    };
    let file = match target {
        Target::InPlace(device) => {
            return fs::OpenOptions::new()
                .write(true)
                .open(device)
                .and_then(|mut file| write(&mut file).and_then(|()| file.flush()))
                .map_err(|err| cannot(&err));
        }
        Target::New(file) | Target::Replace(file) => file,
    };
    let mut staged = stage(file).map_err(|err| match err.kind() {
        io::ErrorKind::NotFound => Failure::message(
            format!(
                "cannot write {}: the directory {} does not exist",
                path.display(),
                parent(file).display()
            ),
            Some("create the directory first, or choose another path for -o".to_owned()),
        ),
        _ => cannot(&err),
    })?;
    write(&mut staged)
        .and_then(|()| staged.as_file().sync_all())
        .and_then(|()| set_mode(&staged, file))
        .map_err(|err| cannot(&err))?;
    persist(staged, file, matches!(target, Target::New(_)))
}

/// A temporary file beside `path`, to be renamed onto it.
fn stage(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".ims-")
        .suffix(".tmp")
        .tempfile_in(parent(path))
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Gives the staged file the mode of the file it replaces, or 0644 (a
/// temporary file is created 0600).
fn set_mode(staged: &tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    let permissions = match fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => default_permissions(staged.as_file())?,
    };
    fs::set_permissions(staged.path(), permissions)
}

/// Renames the staged file onto `path`; when `new`, only if nothing is
/// there by then, as a shell's `set -o noclobber` does.
fn persist(staged: tempfile::NamedTempFile, path: &Path, new: bool) -> Result<(), Failure> {
    let result = if new {
        staged.persist_noclobber(path)
    } else {
        staged.persist(path)
    };
    match result {
        Ok(_) => Ok(()),
        Err(err) if new && err.error.kind() == io::ErrorKind::AlreadyExists => {
            Err(Failure::Problems(vec![created_meanwhile(path)]))
        }
        Err(err) => Err(Failure::message(
            format!("cannot write {}: {}", path.display(), os_error(&err.error)),
            Some("check that the directory is writable".to_owned()),
        )),
    }
}

/// The problem when another run created a file between the check and the
/// write.
fn created_meanwhile(path: &Path) -> Problem {
    Problem::whole_file(
        ProblemCode::OutputExists,
        path.display().to_string(),
        "this file was created by another program while ims was writing; it is left as it is, and nothing was written",
        "choose another file, or pass --force to replace it",
    )
}

/// Writes several files into the directory `dir`, all or nothing: each
/// checked target is staged and synced beside itself first, and only when
/// all are on disk are they renamed into place, new ones exclusively. A
/// failure takes back the files this run created, and `dir` itself when
/// this run `created_dir` it.
pub fn write_all_or_nothing(
    dir: &Path,
    files: &[(Target, &[u8])],
    created_dir: bool,
) -> Result<(), Failure> {
    let result = stage_and_persist(dir, files);
    if result.is_err() && created_dir {
        // Only when empty: another run may be writing into it.
        let _ = fs::remove_dir(dir);
    }
    result
}

fn stage_and_persist(dir: &Path, files: &[(Target, &[u8])]) -> Result<(), Failure> {
    let cannot = |err: &io::Error| {
        Failure::message(
            format!(
                "cannot write into {}: {}; nothing was written",
                dir.display(),
                os_error(err)
            ),
            Some("check that the directory is writable and that the disk has space".to_owned()),
        )
    };
    let mut staged = Vec::with_capacity(files.len());
    for (target, data) in files {
        let (Target::New(path) | Target::Replace(path)) = target else {
            return Err(Failure::message(
                format!("cannot write into {}: a target is a device", dir.display()),
                None,
            ));
        };
        let mut file = stage(path).map_err(|err| cannot(&err))?;
        file.write_all(data)
            .and_then(|()| file.as_file().sync_all())
            .and_then(|()| set_mode(&file, path))
            .map_err(|err| cannot(&err))?;
        staged.push((file, path, matches!(target, Target::New(_))));
    }
    let mut created: Vec<&Path> = Vec::new();
    for (file, path, new) in staged {
        if let Err(failure) = persist(file, path, new) {
            // What this run created is taken back; what it replaced stays
            // replaced (--force said so).
            for path in created {
                let _ = fs::remove_file(path);
            }
            return Err(failure);
        }
        if new {
            created.push(path);
        }
    }
    Ok(())
}

#[cfg(unix)]
fn default_permissions(_file: &fs::File) -> io::Result<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &fs::File) -> io::Result<fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_to(path: &Path, rules: Rules, data: &[u8]) -> Result<(), Failure> {
        let target = check(path, rules, &[]).map_err(|p| Failure::Problems(vec![p]))?;
        write(path, &target, |out| out.write_all(data))
    }

    #[test]
    fn atomic_write_replaces_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.md");
        #[cfg(unix)]
        let mode = |path: &Path| {
            use std::os::unix::fs::PermissionsExt;
            fs::metadata(path).unwrap().permissions().mode() & 0o777
        };
        write_to(&path, Rules::REPORT, b"one").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(mode(&path), 0o644);
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        }
        write_to(&path, Rules::REPORT, b"two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600, "an existing file keeps its permissions");
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn a_failure_part_way_leaves_the_old_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.csv");
        fs::write(&path, "the old report").unwrap();
        let target = check(&path, Rules::REPORT, &[]).unwrap();
        let result = write(&path, &target, |file| {
            file.write_all(b"half of the new")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        });
        let Err(Failure::Message { message, .. }) = result else {
            panic!("expected an error");
        };
        assert!(message.contains("disk full"), "{message}");
        assert!(!message.contains(".ims-"), "no temporary name: {message}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "the old report");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "the temporary file is removed"
        );
    }

    #[test]
    fn devices_are_written_in_place_not_replaced() {
        write_to(
            Path::new("/dev/null"),
            Rules::user_file(false),
            b"discarded",
        )
        .unwrap();
        let meta = fs::metadata("/dev/null").unwrap();
        assert!(!meta.is_file(), "/dev/null must still be a device");
        let err = write_to(Path::new("/dev/full"), Rules::REPORT, b"no room");
        assert!(matches!(err, Err(Failure::Message { .. })));
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_or_refused_by_the_rules() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_to(&link, Rules::REPORT, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let no_links = Rules {
            replace: true,
            through_links: false,
        };
        let refused = check(&link, no_links, &[]).unwrap_err();
        assert!(refused.message.contains("symbolic link"), "{refused:?}");
    }

    #[test]
    fn an_existing_file_is_replaced_only_when_the_rules_allow() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("status.yaml");
        fs::write(&path, "mine\n").unwrap();
        let refused = check(&path, Rules::user_file(false), &[]).unwrap_err();
        assert_eq!(refused.code, ProblemCode::OutputExists);
        assert!(matches!(
            check(&path, Rules::user_file(true), &[]),
            Ok(Target::Replace(_))
        ));
        // Created by someone else between the check and the write: kept.
        let late = dir.path().join("late.yaml");
        let target = check(&late, Rules::user_file(false), &[]).unwrap();
        fs::write(&late, "theirs\n").unwrap();
        let Err(Failure::Problems(problems)) = write(&late, &target, |out| out.write_all(b"ours"))
        else {
            panic!("expected a refusal");
        };
        assert_eq!(problems[0].code, ProblemCode::OutputExists);
        assert_eq!(fs::read_to_string(&late).unwrap(), "theirs\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn writing_over_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("status.yaml");
        fs::write(&input, "organisation: A\n").unwrap();
        let same = dir.path().join(".").join("status.yaml");
        let refused = check(&same, Rules::REPORT, &[&input]).unwrap_err();
        assert_eq!(refused.code, ProblemCode::SameFile);
        assert_eq!(fs::read_to_string(&input).unwrap(), "organisation: A\n");
    }
}
