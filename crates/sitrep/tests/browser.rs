//! The web map in a real headless Chromium (issue 10): runs `scripts/browser-test.sh` against this
//! build's `sitrep serve`. Skips with a message when Chromium or the page's npm packages are not
//! installed (`.ci/run` installs both and sets SITREP_BROWSER_TEST=1, which turns a skip into a
//! failure).

use std::path::Path;
use std::process::Command;

#[test]
fn web_map_in_headless_chromium() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let required = std::env::var("SITREP_BROWSER_TEST").is_ok_and(|v| v == "1");
    let have_chromium = Path::new("/usr/bin/chromium").exists();
    let have_npm = root.join("web/node_modules/playwright-core").is_dir();
    let have_node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !(have_chromium && have_npm && have_node) {
        assert!(!required, "SITREP_BROWSER_TEST=1 but chromium={have_chromium} npm packages={have_npm} node={have_node}");
        eprintln!("skipped: the browser test needs /usr/bin/chromium, node and web/node_modules (run .ci/run)");
        return;
    }
    let status = Command::new("bash")
        .arg(root.join("scripts/browser-test.sh"))
        .env("SITREP_BIN", env!("CARGO_BIN_EXE_sitrep"))
        .status()
        .expect("run scripts/browser-test.sh");
    assert!(status.success(), "browser tests failed: {status}");
}
