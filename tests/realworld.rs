//! Payloads that third parties published (`../shared/realworld/`, see its README): each
//! must parse under its provider and write back loss-free; those under `edge/` must give
//! a value or an error, never a panic. The folder is read where it is, never copied in;
//! when it is absent the tests say so and pass.

mod common;

use std::path::{Path, PathBuf};

fn realworld(provider: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/realworld")
        .join(provider);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "note: {} is absent: real-world {provider} samples not tested",
            dir.display()
        );
        None
    }
}

fn check(provider: &str, ext: &str) {
    let Some(dir) = realworld(provider) else {
        return;
    };
    let files = common::files(&dir, ext);
    assert!(!files.is_empty(), "{}: no .{ext} files", dir.display());
    for path in &files {
        let body = std::fs::read(path).unwrap();
        let parsed = common::parse(provider, &body)
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        common::assert_same_json(&body, &parsed.wire, path);
        for finding in &parsed.unrecognized {
            eprintln!("{}: {finding}", path.display());
        }
    }
    let edge = dir.join("edge");
    let edge_files = if edge.is_dir() {
        common::files(&edge, ext)
    } else {
        Vec::new()
    };
    for path in &edge_files {
        let body = std::fs::read(path).unwrap();
        if let Err(err) = common::parse(provider, &body) {
            assert!(!err.to_string().is_empty());
        }
    }
    eprintln!(
        "{provider}: {} real-world payloads parsed and written back, {} edge cases read",
        files.len(),
        edge_files.len()
    );
}

#[test]
fn real_world_nxcloud_payloads_parse_and_write_back_loss_free() {
    check("nxcloud", "json");
}
