//! Builds the crate's fixtures into the command, so that `provider-payloads parse` lists
//! and parses them wherever it is installed (`cargo install` keeps no source tree).
//!
//! Writes `$OUT_DIR/fixtures.rs`: `FIXTURES`, each valid fixture (a `.json`, `.query` or
//! `.form` file right in a provider's folder of `../fixtures`, not `invalid/`) as its
//! path from the repository's root and its bytes, sorted by path.

use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let root = Path::new(&manifest).join("../fixtures");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut entries = Vec::new();
    if let Ok(providers) = std::fs::read_dir(&root) {
        for provider in providers {
            let provider = provider.unwrap().path();
            let Ok(files) = std::fs::read_dir(&provider) else {
                continue;
            };
            for file in files {
                let path = file.unwrap().path();
                let request = path
                    .extension()
                    .is_some_and(|ext| ext == "json" || ext == "query" || ext == "form");
                if path.is_file() && request {
                    let shown = format!(
                        "fixtures/{}/{}",
                        provider.file_name().unwrap().to_str().unwrap(),
                        path.file_name().unwrap().to_str().unwrap()
                    );
                    let absolute = path.canonicalize().unwrap();
                    entries.push((shown, absolute.to_str().unwrap().to_owned()));
                }
            }
        }
    } else {
        // A build from the published package, which holds no fixtures of the repository.
        println!(
            "cargo::warning=no {} to build in: `provider-payloads parse` will list none",
            root.display()
        );
    }
    entries.sort();
    let mut code = String::from("/// Each bundled fixture: its path and its bytes.\n");
    code.push_str("pub const FIXTURES: &[(&str, &[u8])] = &[\n");
    for (shown, absolute) in entries {
        code.push_str(&format!("    ({shown:?}, include_bytes!({absolute:?})),\n"));
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("fixtures.rs");
    std::fs::write(out, code).unwrap();
}
