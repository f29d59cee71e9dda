//! `cargo xtask release --dry-run`, one test per registry: each generated
//! package is checked the way its registry takes it
//! (`crates/errcat-cli/manual/packages.md`). The tools come from `cargo
//! xtask test`; a missing one fails with CI set and skips, loudly, without
//! it.

fn dry_run(name: &str) {
    let root = xtask::workspace_root();
    let step = xtask::release::step(name).expect("a registered step");
    if let Err(error) = xtask::release::dry_run(&root, step) {
        let text = format!("{error:#}");
        if text.contains(" not found (set ") && std::env::var_os("CI").is_none() {
            eprintln!("\n*** SKIPPED: {text} ***\n");
            return;
        }
        panic!("{text}");
    }
}

#[test]
fn every_step_has_a_test_here() {
    let source = include_str!("release.rs");
    for step in xtask::release::STEPS {
        assert!(source.contains(&format!("dry_run(\"{}\")", step.name)), "no test runs the `{}` dry run", step.name);
    }
}

#[test]
fn the_crate_passes_cargo_publish_dry_run() {
    dry_run("rust");
}

#[test]
fn the_npm_package_passes_publint_and_attw() {
    dry_run("npm");
}

#[test]
fn the_json_package_packs_and_its_schema_compiles_in_strict_ajv() {
    dry_run("json");
}

#[test]
fn the_python_package_builds_and_passes_twine_check() {
    dry_run("python");
}

#[test]
fn the_go_module_verifies_and_vets() {
    dry_run("go");
}

#[test]
fn the_java_package_builds_a_jar_with_its_module_name() {
    dry_run("java");
}

#[test]
fn the_kotlin_package_builds_a_jar() {
    dry_run("kotlin");
}

#[test]
fn the_c_library_builds_installs_and_is_found_by_cmake_and_pkg_config() {
    dry_run("c");
}
