//! The one script every page carries, and the content security policy that lets exactly it
//! run. Pages work without it: every time is written on the server in the site's zone, with
//! the zone's name; the script only rewrites them into the reader's zone.

use base64::Engine;
use sha2::{Digest, Sha256};

/// Rewrites each `<time datetime>` holding a moment (not a bare date) into the reader's time
/// zone and language, keeps the site's text as its tooltip, and shows the note that says so.
/// Uptime days are not touched: they are counted in the site's zone, as the footer says.
pub(crate) const LOCAL_TIME: &str = r#"(function () {
  var format;
  try {
    format = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
      { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit",
        timeZoneName: "short" });
  } catch (e) { return; }
  var times = document.querySelectorAll("time[datetime]"), changed = 0;
  for (var i = 0; i < times.length; i++) {
    var at = times[i].getAttribute("datetime"), when = new Date(at);
    if (at.indexOf("T") < 0 || isNaN(when.getTime())) continue;
    times[i].title = times[i].textContent;
    // The clock and its zone never wrap apart: only the date part may break, as on the server.
    var text = format.format(when), cut = text.lastIndexOf(", ") + 1;
    times[i].textContent = text.slice(0, cut) + text.slice(cut).replace(/ /g, "\u00a0");
    changed++;
  }
  var note = document.getElementById("local-time");
  if (note && changed) {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // The zone goes inside the sentence: "... your time zone (Asia/Tokyo)."
    var said = note.textContent, end = /[.\u3002\u06d4]$/.test(said) ? said.slice(-1) : "";
    if (zone) note.textContent = said.slice(0, said.length - end.length) + " (" + zone + ")" + end;
    note.hidden = false;
  }
})();"#;

/// The policy of every page: nothing but its own stylesheet, its own images and the https ones
/// updates show, the status files it may fetch, and the one inline script above, allowed by its
/// hash. No `data:` images: the theme uses none and the sanitizer lets none through; an update's
/// `http:` image of another host is written as `https:` (`markdown::resolve_images`). No page
/// posts a form.
pub(crate) fn content_security_policy() -> String {
    content_security_policy_with_form(None)
}

/// The same policy, letting forms post to `origin` (`https://lists.example.com`) alone: the
/// subscribe page's sign-up form. Browsers also hold the redirect a post answers with to it.
pub(crate) fn content_security_policy_with_form(origin: Option<&str>) -> String {
    format!(
        "default-src 'none'; script-src '{}'; style-src 'self'; connect-src 'self'; img-src 'self' https:; \
         base-uri 'none'; form-action {}",
        script_hash(LOCAL_TIME),
        origin.unwrap_or("'none'")
    )
}

/// `sha256-<base64>`, the form a policy names an inline script by.
pub(crate) fn script_hash(script: &str) -> String {
    format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_the_one_browsers_compute() {
        // `echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64`
        assert_eq!(script_hash("alert(1)"), "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=");
        assert!(content_security_policy().contains(&format!("script-src '{}'", script_hash(LOCAL_TIME))));
    }

    #[test]
    fn only_the_forms_origin_may_be_posted_to() {
        assert!(content_security_policy().ends_with("; form-action 'none'"));
        let policy = content_security_policy_with_form(Some("https://lists.example.com"));
        assert!(policy.ends_with("; form-action https://lists.example.com"), "{policy}");
        assert_eq!(policy.replace("https://lists.example.com", "'none'"), content_security_policy());
    }
}
