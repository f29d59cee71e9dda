//! The JSON package (`generated/json/`, npm package `<npm_name>-json`), on
//! a copy: `npm publish --dry-run` and publint as for the code's package
//! ([`super::npm`]); then, in Node with the Ajv and ajv-formats that `cargo
//! xtask test` installs, both JSON Schemas compile in strict mode (draft
//! 2020-12), the index validates against its schema, every catalog it
//! lists validates against the catalog schema, the package holds no other
//! JSON, and each document's `$schema` names its schema (the schema's
//! `$id` where that is a URL, else the schema file beside it). Last, the
//! schemas the error index publishes (`generated/site/`) are the package's,
//! byte for byte, so the `$id` resolves to the schema the data follows.
//!
//! It fetches nothing and publishes nothing.

use super::npm::{publint, publish_dry_run};
use super::{Context, Step, run};
use anyhow::{Result, bail};
use std::process::Command;

pub const STEP: Step = Step {
    name: "json",
    package: "json",
    checks: "npm publish --dry-run, publint (no message), both schemas compiled in strict Ajv 2020 with ajv-formats, every document valid and naming its schema, the site's schemas identical",
    run: check,
};

/// The schema files, which the error index publishes too.
const SCHEMAS: &[&str] = &["schema.json", "index.schema.json"];

/// Compiles the schemas in strict Ajv and validates every document of the
/// package in the folder given (after Ajv's and ajv-formats' folders).
const VALIDATE: &str = r#"const path = require("path");
const fs = require("fs");
const [ajvDir, formatsDir, dir] = process.argv.slice(2);
const Ajv2020 = require(path.join(ajvDir, "dist/2020")).default;
const addFormats = require(formatsDir).default;
const read = (file) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
const problems = [];
function check(file, schemaFile) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const schema = read(schemaFile);
  const validate = ajv.compile(schema);
  const document = read(file);
  if (!validate(document)) problems.push(`${file}: ${JSON.stringify(validate.errors, null, 2)}`);
  const named = /^https?:\/\//.test(schema.$id) ? schema.$id : schemaFile;
  if (document.$schema !== named) problems.push(`${file}: $schema is ${JSON.stringify(document.$schema)}, not ${JSON.stringify(named)}`);
}
check("index.json", "index.schema.json");
const index = read("index.json");
for (const catalog of index.catalogs) check(catalog.file, "schema.json");
const known = new Set(["package.json", "index.json", "schema.json", "index.schema.json", ...index.catalogs.map((catalog) => catalog.file)]);
for (const file of fs.readdirSync(dir).filter((file) => file.endsWith(".json"))) {
  if (!known.has(file)) problems.push(`${file}: a JSON file the index does not list`);
}
if (index.catalogs.length === 0) problems.push("the index lists no catalog");
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`strict Ajv: both schemas compile; index.json and ${index.catalogs.length} catalogs are valid and name their schema`);
"#;

fn check(context: &Context) -> Result<String> {
    let package = context.copy_package("json", "package")?;
    let mut report = publish_dry_run(context, &package)?;
    report.push_str(&publint(context, &package)?);
    let node = context.tool("ERRCAT_NODE", "node")?;
    let ajv = match std::env::var_os("ERRCAT_AJV").map(std::path::PathBuf::from).filter(|path| path.exists()) {
        Some(path) => path,
        None => context.root.join(crate::TOOLCHAINS_DIR).join("node_modules/ajv"),
    };
    if !ajv.join("dist/2020.js").is_file() {
        bail!("Ajv not found (set ERRCAT_AJV, or run `cargo xtask test`, which installs it)");
    }
    let formats = ajv.parent().map(|modules| modules.join("ajv-formats")).unwrap_or_default();
    let script = context.scratch.join("validate.cjs");
    std::fs::write(&script, VALIDATE)?;
    report.push_str(&run(
        Command::new(&node).arg(&script).arg(&ajv).arg(&formats).arg(&package),
        "strict Ajv on the JSON package",
    )?);
    let site = context.generated("site");
    for schema in SCHEMAS {
        let published = std::fs::read(site.join(schema)).unwrap_or_default();
        if published != std::fs::read(package.join(schema))? {
            bail!("generated/site/{schema} is not the JSON package's {schema}: run `cargo xtask regen`");
        }
    }
    report.push_str("the error index publishes the same schema.json and index.schema.json\n");
    Ok(report)
}
