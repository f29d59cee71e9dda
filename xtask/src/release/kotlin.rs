//! The Kotlin package: on a copy of `generated/kotlin/`, every source in
//! its package (`<java_package>.<catalog>`, no underscores, in the folder
//! of its package), compiled by `kotlinc -Werror` into a jar; a Java
//! program compiled against the jar with `javac -Xlint:all -Werror` and run
//! with the Kotlin standard library looks a code up by its code and gets
//! the same value back.
//!
//! Gradle cannot run offline here: `build.gradle.kts` and
//! `settings.gradle.kts` are only checked for the coordinates
//! (`<maven_group>:<maven_artifact>-kotlin`, the version), `jvmToolchain(17)`
//! and a Kotlin plugin of the version of the `kotlinc` that compiled the
//! jar. It publishes nothing.

use super::java::{Coordinates, jdk_tool, require_lines, require_readme_and_license, sources};
use super::{Context, Step, run, run_without_warnings};
use anyhow::{Context as _, Result, bail};
use std::path::Path;
use std::process::Command;

pub const STEP: Step = Step {
    name: "kotlin",
    package: "kotlin",
    checks: "kotlinc -Werror into a jar, a Java program calling it from the jar, package names; Gradle files: coordinates, jvmToolchain(17), the Kotlin version only",
    run: dry_run,
};

fn dry_run(context: &Context) -> Result<String> {
    let package = context.copy_package("kotlin", "package")?;
    let Coordinates { group, artifact, java_package, version } = Coordinates::read(&context.root)?;
    let artifact = format!("{artifact}-kotlin");
    require_readme_and_license(&package)?;

    let kotlinc = context.tool("ERRCAT_KOTLINC", "kotlinc")?;
    let said = Command::new(&kotlinc).arg("-version").output().context("kotlinc -version: cannot start")?;
    let said = format!("{}{}", String::from_utf8_lossy(&said.stdout), String::from_utf8_lossy(&said.stderr));
    let kotlin_version = said
        .split_whitespace()
        .skip_while(|word| !word.starts_with("kotlinc"))
        .nth(1)
        .with_context(|| format!("no version in `kotlinc -version`: {said}"))?
        .to_owned();
    require_lines(
        &package,
        "build.gradle.kts",
        &[
            format!("kotlin(\"jvm\") version \"{kotlin_version}\""),
            format!("group = \"{group}\""),
            format!("version = \"{version}\""),
            format!("artifactId = \"{artifact}\""),
            "jvmToolchain(17)".to_owned(),
        ],
    )?;
    require_lines(&package, "settings.gradle.kts", &[format!("rootProject.name = \"{artifact}\"")])?;

    let root = package.join("src/main/kotlin");
    let files = sources(&root, "kt")?;
    let mut first_class = None;
    for file in &files {
        let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let declared = text
            .lines()
            .find_map(|line| line.strip_prefix("package "))
            .with_context(|| format!("{} declares no package", file.display()))?;
        let folder = file
            .parent()
            .and_then(|dir| dir.strip_prefix(&root).ok())
            .map(|dir| dir.to_string_lossy().replace('/', "."));
        let segment = declared.strip_prefix(&format!("{java_package}.")).unwrap_or_default();
        if segment.is_empty() || segment.contains(['.', '_']) || folder.as_deref() != Some(declared) {
            bail!(
                "{} declares `package {declared}`: not `{java_package}.<catalog>` without underscores, in its folder",
                file.display()
            );
        }
        if first_class.is_none() {
            first_class = text
                .lines()
                .find_map(|line| line.strip_prefix("class ")?.split_once(" private constructor("))
                .map(|(class, _)| format!("{declared}.{class}"));
        }
    }
    let class = first_class.context("no class with a private constructor among the sources")?;

    let jar = context.scratch.join(format!("{artifact}-{version}.jar"));
    let compiled = Command::new(&kotlinc)
        .arg("-Werror")
        .arg("-module-name")
        .arg(&artifact)
        .arg("-d")
        .arg(&jar)
        .args(&files)
        .output()
        .context("kotlinc: cannot start")?;
    let stderr = String::from_utf8_lossy(&compiled.stderr);
    if !compiled.status.success() || stderr.contains("warning:") {
        bail!("kotlinc -Werror failed ({}):\n{stderr}", compiled.status);
    }

    // The Kotlin standard library and its annotations, beside kotlinc.
    let lib = kotlinc
        .canonicalize()
        .ok()
        .and_then(|path| Some(path.parent()?.parent()?.join("lib")))
        .context("kotlinc's home")?;
    let javac = context.tool("ERRCAT_JAVAC", "javac")?;
    let java = jdk_tool(context, &javac, "ERRCAT_JAVA", "java")?;
    let from_java = java_consumer(context, &javac, &java, &jar, &lib, &class)?;
    Ok(format!(
        "{group}:{artifact}:{version}: {} sources compiled by kotlinc {kotlin_version} -Werror into {}\n{from_java}\n",
        files.len(),
        jar.file_name().and_then(|name| name.to_str()).unwrap_or("a jar"),
    ))
}

/// A Java program against the jar: the first code of `class` looked up by
/// its code is the same value (equal, same hash, known).
fn java_consumer(context: &Context, javac: &Path, java: &Path, jar: &Path, lib: &Path, class: &str) -> Result<String> {
    let source = context.scratch.join("consumer/Main.java");
    std::fs::create_dir_all(context.scratch.join("consumer"))?;
    std::fs::write(
        &source,
        format!(
            "public final class Main {{
    private Main() {{
    }}

    public static void main(String[] args) {{
        {class} first = {class}.getEntries().get(0);
        {class} again = {class}.fromCode(first.getCode());
        System.out.println(again.equals(first) + \" \" + (again.hashCode() == first.hashCode()) + \" \" + again.isKnown());
    }}
}}
"
        ),
    )?;
    let classes = context.scratch.join("consumer-classes");
    let compile_path =
        std::env::join_paths([jar.to_path_buf(), lib.join("kotlin-stdlib.jar"), lib.join("annotations-13.0.jar")])?;
    run_without_warnings(
        Command::new(javac)
            .args(["--release", "17", "-Xlint:all", "-Werror", "-encoding", "UTF-8", "-cp"])
            .arg(&compile_path)
            .arg("-d")
            .arg(&classes)
            .arg(&source),
        "javac of a Java program calling the jar",
    )?;
    let run_path = std::env::join_paths([jar.to_path_buf(), lib.join("kotlin-stdlib.jar"), classes])?;
    let out = run(Command::new(java).arg("-cp").arg(run_path).arg("Main"), "java with the jar")?;
    if out.trim() != "true true true" {
        bail!("from Java, {class}.fromCode of its first code's code is not that code: {out}");
    }
    Ok(format!("a Java program calls {class} from the jar"))
}
