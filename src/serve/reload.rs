//! The reload script, injected into pages only in serve mode: it polls the build version and
//! reloads the page after a rebuild, or shows the build's errors over the page.

/// Served at `/__statusforge/reload.js`.
pub(super) const SCRIPT: &str = r#"(function () {
  var seen = null, box = null;
  function show(errors) {
    if (!errors) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement('pre');
      box.setAttribute('role', 'alert');
      box.className = 'statusforge-errors';
      box.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;margin:0;padding:1rem;background:#300;color:#fdd;font:13px/1.4 monospace;z-index:99999;white-space:pre-wrap';
      document.body.appendChild(box);
    }
    box.textContent = errors;
  }
  function poll() {
    fetch('/__statusforge/status', { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.version !== seen && !s.errors) { location.reload(); return; }
        seen = s.version;
        show(s.errors);
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 400); });
  }
  poll();
})();
"#;

/// Adds the script before `</body>` and lets the page's Content-Security-Policy load it.
pub(super) fn inject(html: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(html) else { return html.to_vec() };
    let mut text = text.to_string();
    const CSP: &str = "http-equiv=\"Content-Security-Policy\" content=\"";
    if let Some(at) = text.find(CSP) {
        let start = at + CSP.len();
        let policy = text[start..].split('"').next().unwrap_or("").to_string();
        // A directive given twice counts only the first time: extend the page's own
        // `script-src` (which allows its inline script by hash) rather than add a second one.
        let mut served = match policy.find("script-src") {
            Some(at) => format!("{}script-src 'self'{}", &policy[..at], &policy[at + "script-src".len()..]),
            None => format!("script-src 'self'; {policy}"),
        };
        if !served.contains("connect-src") {
            served.insert_str(0, "connect-src 'self'; ");
        }
        served.insert_str(0, "style-src-attr 'unsafe-inline'; ");
        text.replace_range(start..start + policy.len(), &served);
    }
    let tag = "<script src=\"/__statusforge/reload.js\"></script>";
    match text.rfind("</body>") {
        Some(at) => text.insert_str(at, tag),
        None => text.push_str(tag),
    }
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_is_added_and_allowed_by_the_policy() {
        let page = b"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"><body>x</body>";
        let out = String::from_utf8(inject(page)).unwrap();
        assert!(out.contains("script-src 'self'; default-src 'none'"), "{out}");
        assert!(out.contains("connect-src 'self';"), "{out}");
        assert!(out.ends_with("<script src=\"/__statusforge/reload.js\"></script></body>"), "{out}");
    }

    #[test]
    fn a_directive_the_page_already_has_is_not_given_twice() {
        let page = b"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; connect-src 'self'\"><body>x</body>";
        let out = String::from_utf8(inject(page)).unwrap();
        assert_eq!(out.matches("connect-src").count(), 1, "{out}");
        assert!(out.contains("script-src 'self';"), "{out}");
    }

    #[test]
    fn a_page_script_allowed_by_hash_stays_allowed() {
        let page = b"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-abc='\"><body>x</body>";
        let out = String::from_utf8(inject(page)).unwrap();
        assert_eq!(out.matches("script-src").count(), 1, "{out}");
        assert!(out.contains("script-src 'self' 'sha256-abc='\""), "{out}");
    }
}
