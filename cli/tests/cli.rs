//! The command line (`provider-payloads`, `cli/src`) as a user runs it: exit codes,
//! output, and the payload written back whole. Cargo builds the binary before these run.

// The library's test helpers (fixtures as files, comparing payloads), shared, not copied.
#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root, where the fixtures and tests/data are: the commands run there,
/// so that the paths they are given read as in the README.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// `provider-payloads parse`, to be given its arguments.
fn parse_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_provider-payloads"));
    command.arg("parse").current_dir(ROOT);
    command
}

fn run(args: &[&str]) -> Output {
    parse_command().args(args).output().unwrap()
}

/// A file of this process's in the temporary folder, named for `what` it holds.
fn temp_path(what: &str, ext: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "provider-payloads-cli-{what}-{}.{ext}",
        std::process::id()
    ))
}

/// The files of `dir` that are requests: JSON bodies, query strings and forms, sorted.
fn requests_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["json", "query", "form"]
        .into_iter()
        .flat_map(|ext| common::files(dir, ext))
        .collect();
    files.sort();
    files
}

fn fixtures(provider: &str) -> Vec<PathBuf> {
    requests_in(&Path::new(ROOT).join("fixtures").join(provider))
}

fn json_fixtures(provider: &str) -> Vec<PathBuf> {
    let mut files = fixtures(provider);
    files.retain(|path| path.extension().is_some_and(|ext| ext == "json"));
    files
}

fn invalid_fixtures(provider: &str) -> Vec<PathBuf> {
    requests_in(
        &Path::new(ROOT)
            .join("fixtures")
            .join(provider)
            .join("invalid"),
    )
}

#[test]
fn with_no_arguments_it_lists_every_bundled_fixture_as_ok() {
    let out = run(&[]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let mut expected = Vec::new();
    for provider in ["nxcloud", "esms", "wappin", "viva"] {
        for path in fixtures(provider) {
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            let line = stdout
                .lines()
                .find(|line| line.contains(&name))
                .unwrap_or_else(|| panic!("{name} is not listed:\n{stdout}"));
            assert!(line.ends_with(" ok"), "{line}");
            assert!(line.contains(&format!(" {provider} ")), "{line}");
            expected.push(name);
        }
    }
    assert!(
        stdout.contains(&format!("{0} fixtures, {0} ok, 0 failed", expected.len())),
        "{stdout}"
    );
}

#[test]
fn the_listing_needs_no_source_tree_beside_it() {
    // Run where there are no fixtures: those listed are the ones built into the command,
    // as after `cargo install`; the same lines as from the repository's root.
    let elsewhere = std::env::temp_dir().join(format!(
        "provider-payloads-cli-elsewhere-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&elsewhere).unwrap();
    let out = parse_command().current_dir(&elsewhere).output().unwrap();
    std::fs::remove_dir_all(&elsewhere).unwrap();
    assert_eq!(out.status.code(), Some(0));
    let count = ["nxcloud", "esms", "wappin", "viva"]
        .iter()
        .map(|provider| fixtures(provider).len())
        .sum::<usize>();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.ends_with(&format!("{count} fixtures, {count} ok, 0 failed\n")),
        "{stdout}"
    );
    assert_eq!(stdout, String::from_utf8(run(&[]).stdout).unwrap());
}

#[test]
fn a_missing_or_unknown_command_exits_2_with_the_usage() {
    let command = || Command::new(env!("CARGO_BIN_EXE_provider-payloads"));
    for args in [&[][..], &["frobnicate"], &["--wire"]] {
        let out = command().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains("usage: provider-payloads parse "),
            "{args:?}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    for flag in ["--help", "-h"] {
        let out = command().arg(flag).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{flag}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.starts_with("usage: provider-payloads parse "),
            "{flag}: {stdout}"
        );
    }
}

#[test]
fn wire_prints_each_fixture_back_as_the_same_payload() {
    for provider in ["nxcloud", "esms", "wappin", "viva"] {
        for path in fixtures(provider) {
            let out = run(&["--provider", provider, "--wire", path.to_str().unwrap()]);
            assert_eq!(out.status.code(), Some(0), "{}", path.display());
            let original = std::fs::read(&path).unwrap();
            common::assert_same_payload(&original, &out.stdout, &path);
        }
    }
}

#[test]
fn esms_takes_a_url_a_query_or_a_file_holding_either() {
    let path = &fixtures("esms")
        .into_iter()
        .find(|path| path.extension().is_some_and(|ext| ext == "query"))
        .unwrap();
    let query = std::fs::read_to_string(path).unwrap().trim().to_owned();
    let url_file = temp_path("url", "txt");
    std::fs::write(&url_file, format!("https://example.com/esms?{query}\n")).unwrap();
    let expected = run(&["--provider", "esms", path.to_str().unwrap()]).stdout;
    assert!(!expected.is_empty());
    for input in [
        query.clone(),
        format!("?{query}"),
        format!("https://example.com/esms/callback?{query}"),
        format!("/esms/callback?{query}"),
        url_file.to_str().unwrap().to_owned(),
    ] {
        let out = run(&["--provider", "esms", &input]);
        assert_eq!(out.status.code(), Some(0), "{input}");
        assert_eq!(out.stdout, expected, "{input}");
    }
    std::fs::remove_file(url_file).unwrap();
}

#[test]
fn an_undocumented_status_code_and_fields_parse_and_come_back_whole() {
    let path =
        Path::new(ROOT).join("tests/data/nxcloud/receipt_undocumented_status_code_and_fields.json");
    let out = run(&["--provider", "nxcloud", "--wire", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    common::assert_same_json(&std::fs::read(&path).unwrap(), &out.stdout, &path);
    // The raw text of the 30-digit number survives too, which JSON equality cannot show.
    let written = String::from_utf8(out.stdout).unwrap();
    assert!(
        written.contains("123456789012345678901234567890"),
        "{written}"
    );

    let out = run(&["--provider", "nxcloud", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("status: Other(\n"), "{stdout}");
    assert!(stdout.contains("\"clicked\""), "{stdout}");
    assert!(stdout.contains("code: Some(\n"), "{stdout}");
    assert!(
        stdout.contains("Other(\n                    11009"),
        "{stdout}"
    );
    let notes = String::from_utf8(out.stderr).unwrap();
    for expected in [
        "undocumented value `clicked` at `status`",
        "undocumented value `11009` at `code`",
        "unknown field `billing`",
        "unknown field `retry` = null",
    ] {
        assert!(notes.contains(expected), "missing {expected:?} in {notes}");
    }
}

#[test]
fn a_wappin_callback_in_the_tables_spelling_comes_back_in_the_samples() {
    let path = Path::new(ROOT).join("tests/data/wappin/callback_status_table_spelling.json");
    let out = run(&["--provider", "wappin", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("wappin callback\n"), "{stdout}");
    assert!(stdout.contains("status: Read,"), "{stdout}");

    let out = run(&["--provider", "wappin", "--wire", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let written: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(written["status_messages"], "read");
    assert_eq!(written["environment"], "PRODUCTION");
    assert!(written.get("status_message").is_none() && written.get("environtment").is_none());
}

#[test]
fn standard_input_is_read_with_a_dash() {
    use std::io::Write;
    use std::process::Stdio;
    let body = std::fs::read(&fixtures("nxcloud")[0]).unwrap();
    let mut child = parse_command()
        .args(["--provider", "nxcloud", "--wire", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&body).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    common::assert_same_json(&body, &out.stdout, Path::new("stdin"));
}

#[test]
fn every_invalid_fixture_exits_1_with_the_error_and_no_panic() {
    for provider in ["nxcloud", "esms", "wappin", "viva"] {
        let files = invalid_fixtures(provider);
        assert!(
            files.len() >= 15,
            "{provider}: {} invalid fixtures",
            files.len()
        );
        for path in files {
            let out = run(&["--provider", provider, path.to_str().unwrap()]);
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert_eq!(out.status.code(), Some(1), "{}: {stderr}", path.display());
            assert!(
                stderr.to_lowercase().contains(provider),
                "{}: {stderr}",
                path.display()
            );
            assert!(!stderr.contains("panicked"), "{}: {stderr}", path.display());
            assert!(out.stdout.is_empty(), "{}", path.display());
        }
    }
}

#[test]
fn wrong_usage_exits_2() {
    for args in [
        &["--provider"][..],
        &["--provider", "smoke-signals", "x.json"],
        &["--frobnicate"],
        &["--wire", "--event", "fixtures/nxcloud/receipt_seen.json"],
        &["--provider", "nxcloud", "no/such/file.json"],
        &["--provider", "nxcloud", "a.json", "b.json"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8(out.stderr).unwrap().contains("parse"),
            "{args:?}"
        );
    }
}

#[test]
fn help_goes_to_standard_output_and_exits_0() {
    for flag in ["--help", "-h"] {
        let out = run(&[flag]);
        assert_eq!(out.status.code(), Some(0), "{flag}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.starts_with("usage: provider-payloads parse "),
            "{flag}: {stdout}"
        );
        assert!(out.stderr.is_empty(), "{flag}");
    }
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::io::Write;
    use std::process::Stdio;
    let body = std::fs::read(&fixtures("nxcloud")[0]).unwrap();
    for args in [&["--wire", "-"][..], &["-"], &["--event", "-"]] {
        let mut child = parse_command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the command has its input, so every write it makes
        // meets a closed pipe, as after `| head -1`.
        drop(child.stdout.take());
        child.stdin.take().unwrap().write_all(&body).unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
    }
}

#[test]
fn viva_amounts_come_back_as_the_numbers_sent() {
    let path = Path::new(ROOT).join("fixtures/viva/transaction_reversal_created.json");
    let out = run(&["--provider", "viva", "--wire", path.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    // Each number whole: the same digits, then the next entry or the object's end.
    for amount in [
        r#""Amount":-100.50"#,
        r#""TotalCommission":-2.71"#,
        r#""TotalFee":-0.50"#,
    ] {
        let after = stdout.split(amount).nth(1).unwrap_or("");
        assert!(
            after.starts_with(',') || after.starts_with('}'),
            "{amount}: {stdout}"
        );
    }
    let out = run(&["--provider", "viva", path.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("viva webhook message\n"), "{stdout}");
    assert!(stdout.contains("amount: -100.50,"), "{stdout}");
}

#[test]
fn without_a_provider_each_fixture_is_told_apart_as_under_its_own() {
    for provider in ["nxcloud", "esms", "wappin", "viva"] {
        for path in fixtures(provider) {
            let path = path.to_str().unwrap();
            let detected = String::from_utf8(run(&[path]).stdout).unwrap();
            let named = String::from_utf8(run(&["--provider", provider, path]).stdout).unwrap();
            let first = detected.lines().next().unwrap_or_default();
            assert!(
                first.starts_with(&format!("{provider} ")),
                "{path}: {first}"
            );
            assert_eq!(Some(first), named.lines().next(), "{path}");
        }
    }
}

#[test]
fn event_prints_the_normalized_event_of_each_callback() {
    let cases = [
        ("nxcloud/receipt_seen.json", r#""state": "read""#),
        ("nxcloud/receipt_failed.json", r#""code": "11000""#),
        ("nxcloud/reply_media.json", r#""type": "media""#),
        ("nxcloud/receipt_success_cost.json", r#""amount": 4.1234"#),
        (
            "nxcloud/sms_receipt_post_body.form",
            r#""state": "delivered""#,
        ),
        ("nxcloud/sms_receipt_url_query.query", r#""amount": 0.045"#),
        ("esms/zns_type25_failed_minus114.query", r#""code": "-114""#),
        ("esms/promo_sms_type1.query", r#""amount": 696987.0000"#),
        (
            "wappin/callback_status.json",
            r#""at": "2019-05-15T10:18:32Z""#,
        ),
        ("wappin/callback_message.json", r#""event": "inbound""#),
        (
            "viva/transaction_payment_created.json",
            r#""amount": 100.50"#,
        ),
        (
            "viva/reversal_type_4_refund_card.json",
            r#""kind": "refunded""#,
        ),
        (
            "viva/reversal_type_17_void_cash.json",
            r#""kind": "voided""#,
        ),
        // Issue 23's kinds, each with the event its provider's current pages give it.
        (
            "nxcloud/receipt_zalo_journey_acknowledged.json",
            r#""state": "accepted""#,
        ),
        (
            "nxcloud/super_message_receipt_viber_14004.json",
            r#""currency": "CNY""#,
        ),
        (
            "viva/transaction_price_calculated_1799.json",
            r#""event": "fee""#,
        ),
        (
            "viva/account_transaction_created_2054.json",
            r#""event": "wallet_transaction""#,
        ),
        ("viva/account_connected_8193.json", r#""kind": "connected""#),
        (
            "viva/account_verification_status_changed_8194.json",
            r#""kind": "unverified""#,
        ),
        ("viva/transfer_created_8448.json", r#""event": "transfer""#),
        (
            "../tests/data/viva/order_updated_4865.json",
            r#""event": "order""#,
        ),
    ];
    for (file, expected) in cases {
        let out = run(&["--event", &format!("fixtures/{file}")]);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0), "{file}");
        let event: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert!(event["idempotency_key"].is_string(), "{file}: {stdout}");
        assert!(stdout.contains(expected), "{file}: {expected} in {stdout}");
    }
    // A payload that reports nothing says so, and still exits 0.
    let out = run(&["--event", "fixtures/wappin/token_response.json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("reports no event")
    );
}

#[test]
fn a_body_that_fits_no_provider_exits_1_naming_the_nearest_shapes() {
    let path = temp_path("none", "json");
    for (body, nearest) in [
        // No key of any kind's: those that require the fewest first.
        (
            r#"{"hello":"world","count":2}"#,
            "; expected an eSMS GetCallback response (`Code`), GetZaloMessageStatus response (`CodeResult`)",
        ),
        // Keys of two kinds, none of them knowing more of the body than the other: the
        // kind that requires one of them first.
        (
            r#"{"message":"m","sendTime":"2023-07-13 15:12:11"}"#,
            "; expected a Wappin response (`status`, `message`)",
        ),
    ] {
        std::fs::write(&path, body).unwrap();
        let out = run(&[path.to_str().unwrap()]);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{body}: {stderr}");
        assert!(
            stderr.starts_with("no kind fits: the body is an object"),
            "{stderr}"
        );
        // The nearest kinds, and how many more there are, in a line of a log.
        assert!(stderr.contains(nearest), "{stderr}");
        assert!(stderr.trim_end().ends_with(" more kinds"), "{stderr}");
        assert!(stderr.trim_end().len() <= 200, "{stderr}");
    }
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn bench_times_the_typed_parse_beside_its_baselines_and_ends_with_the_ratios() {
    for (file, names) in [
        (
            "fixtures/wappin/callback_status.json",
            &["value", "ignored"][..],
        ),
        ("fixtures/esms/promo_sms_type1.query", &["pairs"][..]),
    ] {
        let output = run(&["--bench", file]);
        assert!(output.status.success(), "{file}: {output:?}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        let last = stdout.lines().last().unwrap();
        let ratios: Vec<(&str, f64)> = last
            .split(' ')
            .map(|pair| {
                let (name, ratio) = pair.split_once('=').expect("name=ratio");
                (name, ratio.parse().expect("a number"))
            })
            .collect();
        let expected: Vec<String> = names.iter().map(|n| format!("typed/{n}")).collect();
        assert_eq!(
            ratios
                .iter()
                .map(|(n, _)| n.to_string())
                .collect::<Vec<_>>(),
            expected,
            "{file}: {stdout}"
        );
        assert!(ratios.iter().all(|(_, r)| *r > 0.0), "{file}: {stdout}");
        assert!(stdout.contains("typed parse"), "{file}: {stdout}");
    }
    let output = run(&["--bench", "--wire", "fixtures/wappin/callback_status.json"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn each_variant_of_each_fixture_is_named_alike_with_and_without_its_provider() {
    use common::variants::{Node, Style};
    let names = common::variants::table_names();
    let dir = std::env::temp_dir().join(format!(
        "provider-payloads-cli-variants-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let first_line = |out: &Output| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .to_owned()
    };
    let mut checked = 0;
    for provider in ["nxcloud", "wappin", "viva"] {
        for path in json_fixtures(provider) {
            let text = std::fs::read_to_string(&path).unwrap();
            let expected = first_line(&run(&[path.to_str().unwrap()]));
            assert!(
                expected.starts_with(provider),
                "{}: {expected}",
                path.display()
            );
            let tree = Node::of(&text);
            for i in 0..4_usize {
                let mut seed = i as u64 + 1;
                let mut variant = tree.shuffled(&mut seed);
                // Another kind's key, first or last; a key no table names where the body
                // has one key only (where another kind's key makes it that kind too).
                let name = if tree.keys().len() > 1 {
                    names[(i * 7 + checked) % names.len()].clone()
                } else {
                    format!("zz_{i}")
                };
                if !tree.keys().contains(&name.as_str()) {
                    variant = variant.with_entry(&name, r#""x""#, i % 2 == 0);
                }
                let file = dir.join(format!("{provider}-{i}.json"));
                std::fs::write(&file, variant.text(Style::ALL[i % 4])).unwrap();
                let file = file.to_str().unwrap();
                for args in [&[file][..], &["--provider", provider, file]] {
                    let out = run(args);
                    assert_eq!(
                        first_line(&out),
                        expected,
                        "{} {args:?}: {}",
                        path.display(),
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
                checked += 1;
            }
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(checked >= 100, "{checked} variants");
}

#[test]
fn nxcloud_s_number_check_callback_is_read_as_nxcloud_s_not_viva() {
    // NXCloud's number-check callback in its old shape has `messageId`, which Viva's
    // message details have too: it is NXCloud's, with or without the provider named, and
    // reports no event (a lookup, not a delivery).
    let path = "fixtures/nxcloud/number_check_legacy_hlr.json";
    for args in [&[path][..], &["--provider", "nxcloud", path]] {
        let out = run(args);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stdout}");
        assert!(
            stdout.starts_with("nxcloud legacy number check\n"),
            "{stdout}"
        );
        assert!(stdout.contains("reachable: Some(\n"), "{stdout}");
    }
    let out = run(&["--provider", "viva", path]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["--event", path]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("a nxcloud legacy number check reports no event")
    );
}

/// Runs the command with `stdin` as its standard input.
fn run_with_input(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = parse_command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_url_is_read_as_a_url_with_or_without_a_query() {
    let query = "SMSID=849fe&SendFailed=0&SendStatus=5&SendSuccess=1";
    for url in [
        format!("https://example.com/esms?{query}"),
        format!("HTTPS://example.com/esms?{query}#top"),
        format!("http://example.com/esms.json?{query}"),
    ] {
        let out = run(&[&url]);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0), "{url}: {stdout}");
        assert!(stdout.starts_with("esms callback\n"), "{url}: {stdout}");
    }
    // Without a query, it is still a URL (no file of that name is looked for), whose
    // query is empty.
    for (args, said) in [
        (
            &["https://example.com/hook"][..],
            "parse: the query string is empty",
        ),
        (
            &["http://example.com/hook.json"],
            "parse: the query string is empty",
        ),
        (
            &["https://example.com/hook?"],
            "parse: the query string is empty",
        ),
        (
            &["--provider", "esms", "https://example.com/esms"],
            "the query string is empty; expected an eSMS callback",
        ),
    ] {
        let out = run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end(), said, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn text_that_is_neither_json_nor_a_query_string_is_named_as_such() {
    for text in [
        &b"hello world\n"[..],
        b"<html><body>502 Bad Gateway</body></html>",
        b"SMSID",
    ] {
        for args in [&["-"][..], &["--provider", "esms", "-"]] {
            let out = run_with_input(args, text);
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
            assert_eq!(
                stderr.trim_end(),
                "parse: the input is not JSON, a query string or a form (`key=value&...`), nor a URL",
                "{args:?}"
            );
        }
    }
    // A query string and a form still read, as eSMS's and NXCloud's.
    let out = run_with_input(&["-"], b"SMSID=849fe&SendStatus=5&SendSuccess=1\n");
    assert_eq!(out.status.code(), Some(0));
    let form =
        std::fs::read(Path::new(ROOT).join("fixtures/nxcloud/sms_receipt_post_body.form")).unwrap();
    let out = run_with_input(&["-"], &form);
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("nxcloud SMS receipt\n")
    );
}

#[test]
fn an_empty_query_is_not_called_an_empty_body() {
    let empty = temp_path("empty", "query");
    std::fs::write(&empty, "?\n").unwrap();
    let empty = empty.to_str().unwrap();
    for (args, stdin, said) in [
        (&["?"][..], None, "parse: the query string is empty"),
        (
            &["/esms/callback?"],
            None,
            "parse: the query string is empty",
        ),
        (&[empty], None, "parse: the query string is empty"),
        (&["-"], Some("?\n"), "parse: the query string is empty"),
        (
            &["--provider", "esms", empty],
            None,
            "the query string is empty; expected an eSMS callback",
        ),
        (
            &["--provider", "esms", "?"],
            None,
            "the query string is empty; expected an eSMS callback",
        ),
        (
            &["--provider", "nxcloud", empty],
            None,
            "the query string is empty; expected an NXCloud SMS receipt",
        ),
        (
            &["--provider", "nxcloud", "-"],
            Some("?"),
            "the query string is empty; expected an NXCloud SMS receipt",
        ),
        (&["-"], Some(" \n"), "parse: the input is empty"),
    ] {
        let out = match stdin {
            Some(stdin) => run_with_input(args, stdin.as_bytes()),
            None => run(args),
        };
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end(), said, "{args:?}");
    }
    std::fs::remove_file(empty).unwrap();
}
