//! The C library: on a copy of `generated/c/`, CMake configures, builds
//! (with `-Wall -Wextra -Werror -pedantic`) and installs it into a scratch
//! prefix, once static and once shared (`BUILD_SHARED_LIBS`); against each
//! install, the CMake consumer `xtask/consumers/c/cmake/`
//! (`find_package(<name> <version> CONFIG REQUIRED)`, target
//! `<name>::<name>`) and a program built with `pkg-config --cflags --libs
//! <name>` run `xtask/consumers/c/main.c` and must print what that program
//! prints compiled straight from the sources.
//!
//! It does not package: the release workflow attaches the folder as a
//! tarball to the GitHub release.

use super::{Context, Step, run, run_without_warnings};
use anyhow::{Context as _, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const STEP: Step = Step {
    name: "c",
    package: "c",
    checks: "CMake build (strict warnings) and install, static and shared; find_package and pkg-config consumers run",
    run: check,
};

/// The flags the library and every consumer compile with.
const STRICT: &str = "-Wall -Wextra -Werror -pedantic";

fn check(context: &Context) -> Result<String> {
    let library = context.copy_package("c", "library")?;
    let cmake = context.tool("ERRCAT_CMAKE", "cmake")?;
    let pkg_config = context.tool("ERRCAT_PKG_CONFIG", "pkg-config")?;
    let cc = context.tool("ERRCAT_CC", "gcc")?;
    let name = project_name(&std::fs::read_to_string(library.join("CMakeLists.txt"))?)?;
    let version = super::go::package_version(context)?;
    let consumers = context.root.join("xtask/consumers/c");
    let main = consumers.join("main.c");

    // What the consumer prints built from the sources, without CMake.
    let direct = context.scratch.join("direct");
    let mut sources: Vec<PathBuf> =
        std::fs::read_dir(&library)?.map(|entry| entry.map(|entry| entry.path())).collect::<std::io::Result<_>>()?;
    sources.retain(|path| path.extension().is_some_and(|ext| ext == "c"));
    sources.sort();
    run(
        Command::new(&cc)
            .args(["-std=c99"])
            .args(STRICT.split(' '))
            .arg("-I")
            .arg(&library)
            .arg(&main)
            .args(&sources)
            .arg("-o")
            .arg(&direct),
        "compiling main.c with the sources",
    )?;
    let expected = run(&mut Command::new(&direct), "main.c built from the sources")?;
    if expected.trim().is_empty() {
        bail!("main.c printed nothing");
    }

    let mut report = String::new();
    for shared in [false, true] {
        let kind = if shared { "shared" } else { "static" };
        let build = context.scratch.join(format!("build-{kind}"));
        let prefix = context.scratch.join(format!("prefix-{kind}"));
        run_without_warnings(
            Command::new(&cmake)
                .arg("-S")
                .arg(&library)
                .arg("-B")
                .arg(&build)
                .args(["-Werror=dev", "-DCMAKE_BUILD_TYPE=Release"])
                .arg(format!("-DBUILD_SHARED_LIBS={}", if shared { "ON" } else { "OFF" }))
                .arg(format!("-DCMAKE_INSTALL_PREFIX={}", prefix.display()))
                .arg(format!("-DCMAKE_C_FLAGS={STRICT}")),
            &format!("cmake configure ({kind})"),
        )?;
        run_without_warnings(Command::new(&cmake).arg("--build").arg(&build), &format!("cmake --build ({kind})"))?;
        run(Command::new(&cmake).arg("--install").arg(&build), &format!("cmake --install ({kind})"))?;
        let installed = files(&prefix)?;
        let library_file = installed
            .iter()
            .find(|path| is_library(path, &name, shared))
            .with_context(|| format!("the {kind} install has no lib{name} {kind} library: {installed:?}"))?;
        if installed.iter().any(|path| is_library(path, &name, !shared)) {
            bail!("the {kind} install also has a {} library: {installed:?}", if shared { "static" } else { "shared" });
        }
        for header in ["errcat.h", "errcat_version.h"] {
            if !installed.iter().any(|path| path.ends_with(Path::new("include").join(&name).join(header))) {
                bail!("the {kind} install has no include/{name}/{header}");
            }
        }

        // find_package in a CMake project of its own.
        let consumer = context.scratch.join(format!("consumer-cmake-{kind}"));
        run_without_warnings(
            Command::new(&cmake)
                .arg("-S")
                .arg(consumers.join("cmake"))
                .arg("-B")
                .arg(&consumer)
                .arg("-Werror=dev")
                .arg(format!("-DCMAKE_PREFIX_PATH={}", prefix.display()))
                .arg(format!("-DERRCAT_PACKAGE={name}"))
                .arg(format!("-DERRCAT_PACKAGE_VERSION={version}"))
                .arg(format!("-DCMAKE_C_FLAGS={STRICT}")),
            &format!("cmake configure of the find_package consumer ({kind})"),
        )?;
        run_without_warnings(
            Command::new(&cmake).arg("--build").arg(&consumer),
            &format!("cmake --build of the find_package consumer ({kind})"),
        )?;
        let printed =
            run(&mut Command::new(consumer.join("consumer")), &format!("the find_package consumer ({kind})"))?;
        if printed != expected {
            bail!("the find_package consumer ({kind}) printed\n{printed}\nwhere main.c prints\n{expected}");
        }

        // pkg-config, the way a Makefile uses it.
        let pc = installed
            .iter()
            .find(|path| path.file_name().is_some_and(|file| *file == *format!("{name}.pc")))
            .with_context(|| format!("the {kind} install has no {name}.pc"))?;
        let pc_dir = pc.parent().expect("a folder");
        let query = |args: &[&str], what: &str| {
            run(Command::new(&pkg_config).args(args).arg(&name).env("PKG_CONFIG_PATH", pc_dir), what)
                .map(|out| out.trim().to_owned())
        };
        let pc_version = query(&["--modversion"], "pkg-config --modversion")?;
        if pc_version != version {
            bail!("{name}.pc says version {pc_version}, the package is {version}");
        }
        let flags = query(&["--cflags", "--libs"], "pkg-config --cflags --libs")?;
        let libdir = query(&["--variable=libdir"], "pkg-config --variable=libdir")?;
        if Path::new(&libdir) != library_file.parent().expect("a folder") {
            bail!("{name}.pc's libdir is {libdir}, the library is {}", library_file.display());
        }
        let program = context.scratch.join(format!("consumer-pkg-config-{kind}"));
        run(
            Command::new(&cc)
                .arg("-std=c99")
                .args(STRICT.split(' '))
                .arg(&main)
                .args(flags.split_whitespace())
                .arg("-o")
                .arg(&program),
            &format!("cc main.c $(pkg-config --cflags --libs {name}) ({kind})"),
        )?;
        let printed = run(
            Command::new(&program).env("LD_LIBRARY_PATH", &libdir).env("DYLD_LIBRARY_PATH", &libdir),
            &format!("the pkg-config consumer ({kind})"),
        )?;
        if printed != expected {
            bail!("the pkg-config consumer ({kind}) printed\n{printed}\nwhere main.c prints\n{expected}");
        }
        report.push_str(&format!(
            "{kind}: {} installed; find_package and pkg-config ({flags}) consumers agree\n",
            library_file.display()
        ));
    }
    Ok(report)
}

/// The name `project(<name> …)` gives the library in its CMakeLists.txt.
fn project_name(cmake_lists: &str) -> Result<String> {
    cmake_lists
        .lines()
        .find_map(|line| line.trim().strip_prefix("project("))
        .and_then(|rest| rest.split([' ', ')']).next())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| anyhow::anyhow!("CMakeLists.txt has no project(<name> …)"))
}

/// `lib<name>.a`, or `lib<name>.so`, `.so.N…` or `.dylib` for a shared one.
fn is_library(path: &Path, name: &str, shared: bool) -> bool {
    let Some(file) = path.file_name().and_then(|file| file.to_str()) else { return false };
    let Some(rest) = file.strip_prefix(&format!("lib{name}")) else { return false };
    if shared { rest == ".so" || rest.starts_with(".so.") || rest.ends_with(".dylib") } else { rest == ".a" }
}

/// Every file under `dir`, recursively (symbolic links included).
fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).with_context(|| format!("reading {}", current.display()))? {
            let path = entry?.path();
            if path.is_dir() && !path.is_symlink() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_project_name_is_read_from_cmake_lists() {
        let text =
            "# generated\ncmake_minimum_required(VERSION 3.14)\nproject(errcat_codes VERSION 0.1.1 LANGUAGES C)\n";
        assert_eq!(project_name(text).expect("a project name"), "errcat_codes");
        assert!(project_name("cmake_minimum_required(VERSION 3.14)\n").is_err());
    }

    #[test]
    fn static_and_shared_libraries_are_told_apart() {
        assert!(is_library(Path::new("/p/lib/liberrcat_codes.a"), "errcat_codes", false));
        assert!(is_library(Path::new("/p/lib/liberrcat_codes.so.0.1"), "errcat_codes", true));
        assert!(!is_library(Path::new("/p/lib/liberrcat_codes.a"), "errcat_codes", true));
        assert!(!is_library(Path::new("/p/lib/liberrcat_codes_extra.so"), "errcat_codes", true));
    }
}
