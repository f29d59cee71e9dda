//! The Java package: on a copy of `generated/java/`, the sources compiled
//! with `javac --release 17 -Xlint:all -Werror` and documented by
//! `javadoc -Xdoclint:all -Werror` (the Javadoc jar Maven Central asks
//! for); a jar whose manifest names the automatic module (the Java
//! package), which `jar --describe-module` must derive and which a module
//! compiled and run on the module path must `requires` by that name; and
//! `pom.xml` validated by Maven offline (`mvn -o validate`, an empty local
//! repository: the model checks, no plugin runs) and holding the manifest's
//! coordinates, Java level and module name.
//!
//! Gradle cannot run offline here: `build.gradle.kts` and
//! `settings.gradle.kts` are only checked for the same coordinates. It
//! publishes nothing.

use super::{Context, Step, run, run_without_warnings};
use anyhow::{Context as _, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const STEP: Step = Step {
    name: "java",
    package: "java",
    checks: "javac --release 17 -Xlint:all -Werror, javadoc with doclint, a jar with Automatic-Module-Name required from the module path, mvn -o validate and the pom's coordinates (Gradle files: coordinates only)",
    run: dry_run,
};

/// What the manifest says the JVM packages are: Maven coordinates, the
/// Java package (also the module name) and the version regen recorded.
#[derive(Debug)]
pub(super) struct Coordinates {
    pub group: String,
    pub artifact: String,
    pub java_package: String,
    pub version: String,
}

impl Coordinates {
    /// From `docs-src/sources.yaml` (`package:`) and `generated/package.yaml`.
    pub(super) fn read(root: &Path) -> Result<Coordinates> {
        let manifest_path = root.join(crate::MANIFEST_PATH);
        let text =
            std::fs::read_to_string(&manifest_path).with_context(|| format!("reading {}", manifest_path.display()))?;
        let manifest = errcat::manifest::Manifest::parse(&text, crate::MANIFEST_PATH)
            .map_err(|error| anyhow::anyhow!("{}: {error}", crate::MANIFEST_PATH))?;
        let version_path = root.join(crate::GENERATED_DIR).join(crate::VERSION_FILE);
        let version_text =
            std::fs::read_to_string(&version_path).with_context(|| format!("reading {}", version_path.display()))?;
        let version = errcat::version::PackageVersion::from_yaml(&version_text)
            .map_err(|error| anyhow::anyhow!("{}: {error}", version_path.display()))?;
        let package = &manifest.package;
        Ok(Coordinates {
            group: package.maven_group().to_owned(),
            artifact: package.maven_artifact().to_owned(),
            java_package: package.java_package(),
            version: version.version,
        })
    }
}

/// Fails unless `file` (under `package`) holds every one of `wanted`.
pub(super) fn require_lines(package: &Path, file: &str, wanted: &[String]) -> Result<()> {
    let path = package.join(file);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {file}"))?;
    let missing: Vec<&String> = wanted.iter().filter(|line| !text.contains(line.as_str())).collect();
    if !missing.is_empty() {
        bail!("{file} lacks {missing:?}");
    }
    Ok(())
}

/// Fails unless `README.md` and `LICENSE` are there and not empty.
pub(super) fn require_readme_and_license(package: &Path) -> Result<()> {
    for file in ["README.md", "LICENSE"] {
        let text = std::fs::read_to_string(package.join(file)).with_context(|| format!("reading {file}"))?;
        if text.trim().is_empty() {
            bail!("{file} is empty");
        }
    }
    Ok(())
}

/// Every file under `dir` whose name ends with `.<extension>`, sorted.
pub(super) fn sources(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).with_context(|| format!("reading {}", current.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    if found.is_empty() {
        bail!("no .{extension} file under {}", dir.display());
    }
    Ok(found)
}

/// A JDK tool beside `javac` (the same JDK), else from the environment
/// variable `env` or `PATH`.
pub(super) fn jdk_tool(context: &Context, javac: &Path, env: &str, name: &str) -> Result<PathBuf> {
    if std::env::var_os(env).is_none() {
        let beside = javac.canonicalize().unwrap_or_else(|_| javac.to_path_buf()).with_file_name(name);
        if beside.is_file() {
            return Ok(beside);
        }
    }
    context.tool(env, name)
}

fn dry_run(context: &Context) -> Result<String> {
    let package = context.copy_package("java", "package")?;
    let want = Coordinates::read(&context.root)?;
    let Coordinates { group, artifact, java_package, version } = &want;
    require_readme_and_license(&package)?;
    require_lines(
        &package,
        "pom.xml",
        &[
            format!("<groupId>{group}</groupId>"),
            format!("<artifactId>{artifact}</artifactId>"),
            format!("<version>{version}</version>"),
            format!("<Automatic-Module-Name>{java_package}</Automatic-Module-Name>"),
            "<maven.compiler.release>17</maven.compiler.release>".to_owned(),
            "<project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>".to_owned(),
            "<licenses>".to_owned(),
        ],
    )?;
    require_lines(
        &package,
        "build.gradle.kts",
        &[
            format!("group = \"{group}\""),
            format!("version = \"{version}\""),
            format!("artifactId = \"{artifact}\""),
            format!("\"Automatic-Module-Name\" to \"{java_package}\""),
            "JavaLanguageVersion.of(17)".to_owned(),
            "options.release.set(17)".to_owned(),
        ],
    )?;
    require_lines(&package, "settings.gradle.kts", &[format!("rootProject.name = \"{artifact}\"")])?;

    let package_dir = package.join("src/main/java").join(java_package.replace('.', "/"));
    let files = sources(&package.join("src/main/java"), "java")?;
    let declaration = format!("package {java_package};");
    for file in &files {
        let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        if !file.starts_with(&package_dir) || !text.lines().any(|line| line == declaration) {
            bail!("{} does not declare `{declaration}` in {}", file.display(), package_dir.display());
        }
    }

    let javac = context.tool("ERRCAT_JAVAC", "javac")?;
    let java = jdk_tool(context, &javac, "ERRCAT_JAVA", "java")?;
    let jar = jdk_tool(context, &javac, "ERRCAT_JAR", "jar")?;
    let javadoc = jdk_tool(context, &javac, "ERRCAT_JAVADOC", "javadoc")?;
    let classes = context.scratch.join("classes");
    run_without_warnings(
        Command::new(&javac)
            .args(["--release", "17", "-Xlint:all", "-Werror", "-encoding", "UTF-8", "-d"])
            .arg(&classes)
            .args(&files),
        "javac --release 17",
    )?;
    run_without_warnings(
        Command::new(&javadoc)
            .args(["-quiet", "-Xdoclint:all", "-Werror", "--release", "17", "-encoding", "UTF-8", "-d"])
            .arg(context.scratch.join("javadoc"))
            .args(&files),
        "javadoc -Xdoclint:all",
    )?;

    // The jar as Maven's jar plugin makes it: the classes, the manifest
    // naming the module, and the license.
    let manifest = context.scratch.join("MANIFEST.MF");
    std::fs::write(&manifest, format!("Automatic-Module-Name: {java_package}\n"))?;
    let meta = context.scratch.join("meta");
    std::fs::create_dir_all(meta.join("META-INF"))?;
    std::fs::copy(package.join("LICENSE"), meta.join("META-INF/LICENSE"))?;
    let jar_file = context.scratch.join(format!("{artifact}-{version}.jar"));
    run(
        Command::new(&jar)
            .arg("--create")
            .arg("--file")
            .arg(&jar_file)
            .arg("--manifest")
            .arg(&manifest)
            .arg("-C")
            .arg(&classes)
            .arg(".")
            .arg("-C")
            .arg(&meta)
            .arg("META-INF/LICENSE"),
        "jar --create",
    )?;
    let described =
        run(Command::new(&jar).arg("--describe-module").arg("--file").arg(&jar_file), "jar --describe-module")?;
    // `<name> automatic`, or `<name>@<version> automatic` (from the jar's file name).
    let derived = |line: &str| {
        line.trim()
            .strip_suffix(" automatic")
            .is_some_and(|module| module.split_once('@').map_or(module, |(name, _)| name) == java_package.as_str())
    };
    if !described.lines().any(derived) {
        bail!("jar --describe-module does not derive the module {java_package}:\n{described}");
    }
    let on_module_path = module_path_consumer(context, &javac, &java, &jar_file, java_package, &files)?;

    let mvn = context.tool("ERRCAT_MVN", "mvn")?;
    let repository = context.scratch.join("m2");
    std::fs::create_dir_all(&repository)?;
    let mut local = std::ffi::OsString::from("-Dmaven.repo.local=");
    local.push(&repository);
    run_without_warnings(
        Command::new(&mvn)
            .args(["-o", "-B", "-q", "-Dstyle.color=never"])
            .arg(local)
            .arg("-f")
            .arg(package.join("pom.xml"))
            .arg("validate"),
        "mvn -o validate",
    )?;

    Ok(format!(
        "{group}:{artifact}:{version}: {} sources compiled for Java 17, Javadoc clean\n{} is the automatic module {java_package}; {on_module_path}\npom.xml validated by Maven offline\n",
        files.len(),
        jar_file.file_name().and_then(|name| name.to_str()).unwrap_or("the jar"),
    ))
}

/// A module that `requires` the jar's automatic module by name, compiled
/// and run on the module path: it prints the module of a generated class.
fn module_path_consumer(
    context: &Context,
    javac: &Path,
    java: &Path,
    jar_file: &Path,
    java_package: &str,
    files: &[PathBuf],
) -> Result<String> {
    let class = files
        .iter()
        .filter_map(|file| file.file_stem().and_then(|stem| stem.to_str()))
        .find(|stem| *stem != "package-info")
        .context("no class among the sources")?;
    let source = context.scratch.join("consumer");
    let main_dir = source.join("errcat/release/consumer");
    std::fs::create_dir_all(&main_dir)?;
    std::fs::write(
        source.join("module-info.java"),
        format!("module errcat.release.consumer {{\n    requires {java_package};\n}}\n"),
    )?;
    std::fs::write(
        main_dir.join("Main.java"),
        format!(
            "package errcat.release.consumer;\n\npublic final class Main {{\n    private Main() {{\n    }}\n\n    public static void main(String[] args) {{\n        System.out.println({java_package}.{class}.class.getModule().getName());\n    }}\n}}\n"
        ),
    )?;
    let classes = context.scratch.join("consumer-classes");
    run_without_warnings(
        Command::new(javac)
            // Requiring an automatic module is what is checked here.
            .args(["--release", "17", "-Xlint:all,-requires-automatic", "-Werror", "--module-path"])
            .arg(jar_file)
            .arg("-d")
            .arg(&classes)
            .arg(source.join("module-info.java"))
            .arg(main_dir.join("Main.java")),
        "javac of a module requiring the jar",
    )?;
    let module_path = std::env::join_paths([jar_file, classes.as_path()])?;
    let out = run(
        Command::new(java)
            .arg("--module-path")
            .arg(module_path)
            .args(["-m", "errcat.release.consumer/errcat.release.consumer.Main"]),
        "java on the module path",
    )?;
    if out.trim() != java_package {
        bail!("on the module path, {java_package}.{class} is in the module `{}`", out.trim());
    }
    Ok(format!("a module requiring {java_package} runs on the module path"))
}
