//! Where `deploy` finds its keys and region: the AWS CLI's environment variables, then the shared
//! credentials file. Never prints a key: `Debug` and every error message leave them out.

use std::fmt;
use std::path::PathBuf;

/// An access key. `Debug` shows only whether each part is set, so a `{:?}` in an error or a log
/// can never leak one.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &"<redacted>")
            .field("secret_access_key", &"<redacted>")
            .field("session_token", &self.session_token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl Credentials {
    /// The strings that must never reach the output, for scrubbing messages from other crates.
    pub(crate) fn secrets(&self) -> Vec<&str> {
        let mut all = vec![self.access_key_id.as_str(), self.secret_access_key.as_str()];
        all.extend(self.session_token.as_deref());
        all.retain(|s| !s.is_empty());
        all
    }
}

/// The process environment, as a function so tests can give their own.
pub(crate) type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

fn var(env: Env<'_>, name: &str) -> Option<String> {
    env(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// The AWS CLI's order: `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`),
/// else the profile `AWS_PROFILE` (default `default`) of the shared credentials file
/// (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`).
pub(crate) fn find(env: Env<'_>) -> Result<Credentials, String> {
    if let (Some(access_key_id), Some(secret_access_key)) =
        (var(env, "AWS_ACCESS_KEY_ID"), var(env, "AWS_SECRET_ACCESS_KEY"))
    {
        return Ok(Credentials { access_key_id, secret_access_key, session_token: var(env, "AWS_SESSION_TOKEN") });
    }
    let profile = var(env, "AWS_PROFILE").unwrap_or_else(|| "default".into());
    let path = match var(env, "AWS_SHARED_CREDENTIALS_FILE") {
        Some(path) => PathBuf::from(path),
        None => match var(env, "HOME") {
            Some(home) => PathBuf::from(home).join(".aws").join("credentials"),
            None => return Err(missing("HOME is not set, so there is no ~/.aws/credentials")),
        },
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(missing(&format!("{} does not exist", path.display())))
        }
        Err(error) => return Err(format!("cannot read {}: {error}", path.display())),
    };
    from_file(&text, &profile).ok_or_else(|| {
        missing(&format!(
            "{} has no profile [{profile}] with aws_access_key_id and aws_secret_access_key",
            path.display()
        ))
    })
}

fn missing(why: &str) -> String {
    format!(
        "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in the shared \
         credentials file ({why})"
    )
}

/// One profile of the INI-style credentials file: `[name]` sections of `key = value` lines,
/// `#` and `;` comments, as the AWS CLI reads it.
fn from_file(text: &str, profile: &str) -> Option<Credentials> {
    let mut in_profile = false;
    let (mut key, mut secret, mut token) = (None, None, None);
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            in_profile = name.trim() == profile;
            continue;
        }
        let Some((name, value)) = line.split_once('=') else { continue };
        if !in_profile {
            continue;
        }
        let value = Some(value.trim().to_string()).filter(|v| !v.is_empty());
        match name.trim().to_ascii_lowercase().as_str() {
            "aws_access_key_id" => key = value,
            "aws_secret_access_key" => secret = value,
            "aws_session_token" => token = value,
            _ => {}
        }
    }
    Some(Credentials { access_key_id: key?, secret_access_key: secret?, session_token: token })
}

/// `--region`, then `AWS_REGION`, then `AWS_DEFAULT_REGION`, else `us-east-1`.
pub(crate) fn region(flag: Option<&str>, env: Env<'_>) -> String {
    flag.map(str::to_string)
        .filter(|r| !r.trim().is_empty())
        .or_else(|| var(env, "AWS_REGION"))
        .or_else(|| var(env, "AWS_DEFAULT_REGION"))
        .unwrap_or_else(|| "us-east-1".into())
}

/// `--endpoint`, then `AWS_ENDPOINT_URL`; `None` means AWS itself.
pub(crate) fn endpoint(flag: Option<&str>, env: Env<'_>) -> Option<String> {
    flag.map(str::to_string).filter(|e| !e.trim().is_empty()).or_else(|| var(env, "AWS_ENDPOINT_URL"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: BTreeMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn environment_variables_come_first() {
        let env =
            env(&[("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "SECRET"), ("AWS_SESSION_TOKEN", "TOK")]);
        let found = find(&env).unwrap();
        assert_eq!(found.access_key_id, "AKID");
        assert_eq!(found.secret_access_key, "SECRET");
        assert_eq!(found.session_token.as_deref(), Some("TOK"));
    }

    #[test]
    fn the_shared_file_gives_the_chosen_profile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("credentials");
        std::fs::write(
            &path,
            "[default]\naws_access_key_id = A1\naws_secret_access_key = S1\n\n# other\n[ci]\naws_access_key_id=A2\naws_secret_access_key=S2\n",
        )
        .unwrap();
        let file = path.to_str().unwrap();
        let default = find(&env(&[("AWS_SHARED_CREDENTIALS_FILE", file)])).unwrap();
        assert_eq!((default.access_key_id.as_str(), default.secret_access_key.as_str()), ("A1", "S1"));
        let ci = find(&env(&[("AWS_SHARED_CREDENTIALS_FILE", file), ("AWS_PROFILE", "ci")])).unwrap();
        assert_eq!((ci.access_key_id.as_str(), ci.secret_access_key.as_str()), ("A2", "S2"));
        let error = find(&env(&[("AWS_SHARED_CREDENTIALS_FILE", file), ("AWS_PROFILE", "nope")])).unwrap_err();
        assert!(error.contains("[nope]"), "{error}");
    }

    #[test]
    fn missing_credentials_say_what_to_set() {
        let error = find(&env(&[("HOME", "/nonexistent-home")])).unwrap_err();
        assert!(error.contains("AWS_ACCESS_KEY_ID"), "{error}");
    }

    #[test]
    fn debug_never_shows_a_key() {
        let credentials = Credentials {
            access_key_id: "AKIDXYZ".into(),
            secret_access_key: "s3cr3t".into(),
            session_token: Some("tok".into()),
        };
        let text = format!("{credentials:?}");
        assert!(!text.contains("AKIDXYZ") && !text.contains("s3cr3t") && !text.contains("tok\""), "{text}");
        assert!(text.contains("redacted"), "{text}");
    }

    #[test]
    fn region_and_endpoint_follow_flag_then_environment() {
        let env = env(&[("AWS_DEFAULT_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL", "http://localhost:9000")]);
        assert_eq!(region(Some("auto"), &env), "auto");
        assert_eq!(region(None, &env), "eu-west-1");
        assert_eq!(region(None, &|_: &str| None), "us-east-1");
        assert_eq!(endpoint(None, &env).as_deref(), Some("http://localhost:9000"));
        assert_eq!(endpoint(Some("https://r2.example"), &env).as_deref(), Some("https://r2.example"));
    }
}
