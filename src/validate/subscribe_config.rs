//! The `subscribe:` key of site.yaml -> `Subscribe`: a list provider's sign-up form, checked so
//! that the page never posts readers' addresses somewhere they should not go (only https, no
//! credentials in the address) and never shows a form the provider would refuse (an unknown
//! group, a list offered twice, a field named twice). Reads no provider's rules: Listmonk,
//! Mailchimp and Buttondown forms are all these same fields.

use super::fields::{Fields, FileCheck};
use crate::diag::{self, Span};
use crate::load::yaml::{Node, Value};
use crate::model::{Group, ListLabel, ListOption, Subscribe, SubscribeForm};
use url::{Host, Url};

const FORM_KEYS: &[&str] = &["action", "email_field", "name_field", "fields", "lists"];
const LISTS_KEYS: &[&str] = &["field", "options"];
const OPTION_KEYS: &[&str] = &["group", "name", "value", "field", "checked"];

/// `groups` is None when components.yaml did not parse: `group:` ids are then not checked.
pub(super) fn check(node: &Node, check: &mut FileCheck<'_>, groups: Option<&[Group]>) -> Subscribe {
    let Some(fields) = check.fields(node, &["form"], "`subscribe`") else { return Subscribe::default() };
    let form = fields.get("form").and_then(|node| Reader { check, groups }.form(node));
    Subscribe { form }
}

struct Reader<'c, 'f, 'g> {
    check: &'c mut FileCheck<'f>,
    groups: Option<&'g [Group]>,
}

/// Where the action posts: its origin (for the content security policy) and host.
struct Target {
    origin: String,
    host: String,
}

impl Reader<'_, '_, '_> {
    fn form(&mut self, node: &Node) -> Option<SubscribeForm> {
        let fields = self.check.fields(node, FORM_KEYS, "`subscribe.form`")?;
        let action = self.check.required_text(&fields, "action", "`subscribe.form`");
        let target = action.as_ref().and_then(|(url, span)| self.action(url, *span));
        let email_field = match self.check.optional_text(&fields, "email_field") {
            // Most providers' forms (Listmonk, Buttondown) name it `email`.
            None => Some(("email".to_string(), fields.span)),
            Some((name, span)) => self.field_name(&name, span, "email_field").map(|name| (name, span)),
        };
        let name_field = self
            .check
            .optional_text(&fields, "name_field")
            .map(|(name, span)| self.field_name(&name, span, "name_field").map(|name| (name, span)));
        let hidden = fields.get("fields").map(|node| self.hidden(node)).unwrap_or(Some(Vec::new()));
        let lists = fields.get("lists").map(|node| self.lists(node)).unwrap_or(Some(Vec::new()));
        // Absent, or present and valid: `Some`; present and wrong (reported): `None`.
        let name_field = match name_field {
            None => Some(None),
            Some(valid) => valid.map(Some),
        };
        let (email_field, name_field, hidden, lists) = (email_field?, name_field?, hidden?, lists?);
        // Two inputs of one name post two values under it, which a provider reads as one
        // garbled value or refuses: every name but the checkboxes' (which repeat on purpose)
        // is one input's.
        let mut taken: Vec<(&str, &str)> = vec![(&email_field.0, "the e-mail input")];
        let singles = name_field.iter().map(|(name, span)| (name, *span, "the name input"));
        let singles = singles.chain(hidden.iter().map(|(name, _, span)| (name, *span, "a hidden field")));
        let checkboxes = lists.iter().map(|(option, span)| (&option.field, *span, "the list checkboxes"));
        let mut ok = true;
        for (name, span, what) in singles.chain(checkboxes) {
            if let Some((_, first)) = taken.iter().find(|(taken, _)| *taken == name.as_str()) {
                if what == "the list checkboxes" && *first == what {
                    continue;
                }
                self.check
                    .error("duplicate-field", span, format!("the form already has an input named `{name}`"))
                    .with_label(format!("also {first}"))
                    .help = Some("each input of the form needs its own name; see the provider's form for them".into());
                ok = false;
            } else {
                taken.push((name, what));
            }
        }
        let (action, _) = action?;
        let target = target?;
        ok.then(|| SubscribeForm {
            action,
            origin: target.origin,
            host: target.host,
            email_field: email_field.0,
            name_field: name_field.map(|(name, _)| name),
            fields: hidden.into_iter().map(|(name, value, _)| (name, value)).collect(),
            lists: lists.into_iter().map(|(option, _)| option).collect(),
        })
    }

    /// The form's address: absolute https, or http to this computer only (a list server tried
    /// out locally); anywhere else over http, readers' addresses would cross the network in
    /// the clear and browsers warn on the form of an https page. No credentials, which the
    /// page would publish, and no fragment, which a form never sends (a pasting slip).
    fn action(&mut self, url: &str, span: Span) -> Option<Target> {
        let (problem, label, at) = match action_problem(url) {
            Ok(target) => return Some(target),
            Err(found) => found,
        };
        // A quoted value's span holds its quotes too.
        let quote = (span.end - span.start).saturating_sub(url.len()) / 2;
        let at = url.find(at).map_or(span, |from| Span::new(span.start + quote + from, span.end));
        let help = match problem {
            ActionProblem::Plain => {
                "use the provider's https:// address; http:// is accepted only for localhost, to try a list server \
                 on your own computer"
            }
            ActionProblem::Fragment => "a form never sends the part from `#`; remove it",
            ActionProblem::Credentials => "remove the user name and password: every reader would see them",
            ActionProblem::NotUrl => {
                "copy the `action` of the provider's sign-up form, e.g. \
                 https://lists.example.com/subscription/form"
            }
        };
        self.check.error("invalid-url", at, problem.message(url)).with_label(label).help = Some(help.into());
        None
    }

    /// A name an input is posted under: what the provider's own form calls it.
    fn field_name(&mut self, name: &str, span: Span, key: &str) -> Option<String> {
        let problem = if name.is_empty() {
            format!("`{key}` is empty")
        } else if name.chars().count() > 100 || !name.chars().all(field_name_char) {
            format!("`{name}` is not a form field name")
        } else {
            return Some(name.to_string());
        };
        self.check
            .error("invalid-field-name", span, problem)
            .with_label("letters, digits, `_`, `-`, `.`, `[`, `]`, `:`")
            .help =
            Some("write the input's `name` as the provider's sign-up form has it, e.g. `email` or `EMAIL`".into());
        None
    }

    /// `fields: {name: value}`: hidden inputs in file order; an empty value is kept (Listmonk's
    /// and Mailchimp's anti-bot fields must be posted empty).
    fn hidden(&mut self, node: &Node) -> Option<Vec<(String, String, Span)>> {
        let Some(entries) = node.as_map() else {
            self.check
                .error("wrong-type", node.span, "`subscribe.form.fields` must be a mapping of `name: value`")
                .with_label("expected `name: value` lines");
            return None;
        };
        let mut hidden: Vec<(String, String, Span)> = Vec::new();
        let mut ok = true;
        for (key, value) in entries {
            let Some(name) = key.as_str().and_then(|name| self.field_name(name, key.span, "fields")) else {
                ok = false;
                continue;
            };
            let value = match &value.value {
                Value::Null => String::new(),
                Value::Scalar { text, .. } => text.clone(),
                _ => {
                    self.check.error("wrong-type", value.span, format!("hidden field `{name}` must be a single value"));
                    ok = false;
                    continue;
                }
            };
            if hidden.iter().any(|(seen, _, _)| *seen == name) {
                self.check
                    .error("duplicate-key", key.span, format!("hidden field `{name}` is given twice"))
                    .with_label("given above already");
                ok = false;
                continue;
            }
            hidden.push((name, value, key.span));
        }
        ok.then_some(hidden)
    }

    /// `lists: {field, options: [...]}`: one checkbox per option, each with its span.
    fn lists(&mut self, node: &Node) -> Option<Vec<(ListOption, Span)>> {
        let fields = self.check.fields(node, LISTS_KEYS, "`subscribe.form.lists`")?;
        let field = match self.check.optional_text(&fields, "field") {
            None => Some(None),
            Some((name, span)) => self.field_name(&name, span, "field").map(Some),
        };
        let Some(options) = fields.get("options") else {
            let span = fields.key_span("options").unwrap_or(Span::new(fields.span.start, fields.span.start + 1));
            self.check.error("missing-field", span, "`subscribe.form.lists` has no options").help =
                Some("list each list a reader may join: `options: [{group: apis, value: <list id>}]`".into());
            return None;
        };
        let Some(items) = options.as_seq().filter(|items| !items.is_empty()) else {
            let (kind, what) =
                if options.as_seq().is_some() { ("empty-list", "is empty") } else { ("wrong-type", "must be a list") };
            self.check.error(kind, options.span, format!("`subscribe.form.lists.options` {what}")).help =
                Some("give one option per list, or remove `lists:` to offer none".into());
            return None;
        };
        let read: Vec<Option<(ListOption, Span)>> =
            items.iter().map(|item| self.option(item, field.as_ref()?.as_deref())).collect();
        let mut options: Vec<(ListOption, Span)> = Vec::new();
        let mut ok = field.is_some();
        for (option, span) in read.into_iter().flatten() {
            if options.iter().any(|(o, _)| o.field == option.field && o.value == option.value) {
                let message = format!("two options post `{}` as `{}`", option.value, option.field);
                self.check.error("duplicate-list", span, message).with_label("offered above already").help =
                    Some("each option is one of the provider's lists; remove one of them".into());
                ok = false;
                continue;
            }
            options.push((option, span));
        }
        (ok && options.len() == items.len()).then_some(options)
    }

    /// One option; its span is its value's, where a duplicate is pointed at.
    fn option(&mut self, item: &Node, field: Option<&str>) -> Option<(ListOption, Span)> {
        let fields = self.check.fields(item, OPTION_KEYS, "a list option")?;
        let label = self.label(&fields, item.span);
        let value = self.check.required_text(&fields, "value", "a list option");
        let own = self.check.optional_text(&fields, "field").map(|(name, span)| self.field_name(&name, span, "field"));
        let checked = self.check.boolean(&fields, "checked");
        let field = match (own, field) {
            (Some(own), _) => own,
            (None, Some(field)) => Some(field.to_string()),
            (None, None) => {
                self.check
                    .error(
                        "missing-field",
                        Span::new(item.span.start, item.span.start + 1),
                        "this option has no `field`",
                    )
                    .with_label("`field:` here or in `lists`")
                    .help = Some("name the checkbox input once for all options, e.g. `lists: {field: l, ...}`".into());
                None
            }
        };
        let (value, span) = value?;
        Some((ListOption { field: field?, value, label: label?, checked }, span))
    }

    /// `group: <id>` (the group's name and components label it) or `name: <text>`.
    fn label(&mut self, fields: &Fields<'_>, span: Span) -> Option<ListLabel> {
        let group = self.check.optional_text(fields, "group");
        let name = self.check.optional_text(fields, "name");
        match (group, name) {
            (Some((id, span)), None) => self.group(&id, span).map(ListLabel::Group),
            (None, Some((name, span))) if name.is_empty() => {
                self.check.error("missing-field", span, "`name` is empty").with_label("give it a value");
                None
            }
            (None, Some((name, _))) => Some(ListLabel::Name(name)),
            (Some((_, span)), Some(_)) => {
                self.check.error("conflicting-keys", span, "give either `group` or `name`, not both").help = Some(
                    "`group:` labels the list with a group of components.yaml; `name:` with your own words".into(),
                );
                None
            }
            (None, None) if fields.misspelt("group") || fields.misspelt("name") => None,
            (None, None) => {
                self.check
                    .error(
                        "missing-field",
                        Span::new(span.start, span.start + 1),
                        "this option has no `group` or `name`",
                    )
                    .with_label("`group:` or `name:` is required")
                    .help = Some("e.g. `group: apis` for a group of components.yaml, or `name: All updates`".into());
                None
            }
        }
    }

    fn group(&mut self, id: &str, span: Span) -> Option<String> {
        let Some(groups) = self.groups else { return Some(id.to_string()) };
        if groups.iter().any(|g| g.id == id) {
            return Some(id.to_string());
        }
        let ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
        let help = if ids.is_empty() {
            "content/components.yaml declares no groups; label the list with `name:` instead".to_string()
        } else {
            diag::suggestion(id, &ids, "known groups")
        };
        self.check
            .error("unknown-group", span, format!("no group with id `{id}`"))
            .with_label("not declared in content/components.yaml")
            .help = Some(help);
        None
    }
}

/// Letters, digits and what providers' field names hold besides (`group[21][1]`, `b_x_y`).
fn field_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']' | ':')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ActionProblem {
    NotUrl,
    Plain,
    Fragment,
    Credentials,
}

impl ActionProblem {
    fn message(self, url: &str) -> String {
        match self {
            ActionProblem::NotUrl => format!("`{url}` is not an absolute https URL"),
            ActionProblem::Plain => format!("`{url}` would send readers' addresses unencrypted"),
            ActionProblem::Fragment => format!("`{url}` has a fragment, which a form never sends"),
            ActionProblem::Credentials => format!("`{url}` carries a user name or password, which the page would show"),
        }
    }
}

/// The form address's origin and host, or what is wrong, a label and the text from which to
/// underline.
fn action_problem(url: &str) -> Result<Target, (ActionProblem, &'static str, &'static str)> {
    let not_url = (ActionProblem::NotUrl, "expected e.g. https://lists.example.com/subscription/form", "");
    // The url crate would quietly turn these into something else (`\` into `/`, `https:x`
    // into `https://x/`, spaces into `%20`): an address that needs guessing is refused.
    let Some((scheme, rest)) = url.split_once("://") else { return Err(not_url) };
    if rest.starts_with('/') || url.chars().any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\' | '\'')) {
        return Err(not_url);
    }
    if url.contains('#') {
        return Err((ActionProblem::Fragment, "from here on", "#"));
    }
    let parsed = Url::parse(url).map_err(|_| not_url)?;
    let local = match parsed.host() {
        None => return Err(not_url),
        Some(Host::Domain(name)) => name == "localhost" || name.ends_with(".localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
    };
    match scheme.to_ascii_lowercase().as_str() {
        "https" => {}
        "http" if local => {}
        "http" => return Err((ActionProblem::Plain, "http:// to another computer", "")),
        _ => return Err(not_url),
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err((ActionProblem::Credentials, "user name or password", ""));
    }
    let host = parsed.host_str().unwrap_or_default().to_string();
    Ok(Target { origin: parsed.origin().ascii_serialization(), host })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_is_scheme_host_and_a_port_other_than_the_default() {
        for (url, origin) in [
            ("https://lists.example.com/subscription/form", "https://lists.example.com"),
            ("HTTPS://Lists.Example.com:443/x", "https://lists.example.com"),
            ("https://us21.list-manage.com/subscribe/post?u=a1&id=b2", "https://us21.list-manage.com"),
            ("https://lists.example.com:8443/form", "https://lists.example.com:8443"),
            ("http://localhost:9000/subscription/form", "http://localhost:9000"),
            ("http://127.0.0.1:9000/x", "http://127.0.0.1:9000"),
            ("https://bücher.example/x", "https://xn--bcher-kva.example"),
        ] {
            assert_eq!(action_problem(url).ok().map(|t| t.origin).as_deref(), Some(origin), "{url}");
        }
    }

    #[test]
    fn an_action_that_would_leak_or_cannot_post_is_refused() {
        for (url, problem) in [
            ("lists.example.com/form", ActionProblem::NotUrl),
            ("javascript:alert(1)", ActionProblem::NotUrl),
            ("mailto:list@example.com", ActionProblem::NotUrl),
            ("ftp://lists.example.com/", ActionProblem::NotUrl),
            ("https:///form", ActionProblem::NotUrl),
            ("https://lists.example.com/a b", ActionProblem::NotUrl),
            ("https://lists.example.com/\"><script>", ActionProblem::NotUrl),
            ("http://lists.example.com/form", ActionProblem::Plain),
            ("http://10.0.0.5/form", ActionProblem::Plain),
            ("https://lists.example.com/form#top", ActionProblem::Fragment),
            ("https://me:secret@lists.example.com/form", ActionProblem::Credentials),
        ] {
            assert_eq!(action_problem(url).err().map(|e| e.0), Some(problem), "{url}");
        }
    }
}
