//! `subscribe:` in site.yaml on bad input: each mistake is refused by `check` with its kind,
//! message, file, line and column (site.yaml's first four lines are the title, base URL, zone
//! and `subscribe:`; `form:` is line 5, its first key line 6).

use crate::check::{assert_at, assert_help_contains, assert_message, check_json, only_error, pretty};
use crate::subscribe::with_form;

const SITE: &str = "content/site.yaml";

#[test]
fn a_form_address_that_is_not_absolute_https_is_refused() {
    for (url, message, column) in [
        ("lists.example.com/form", "`lists.example.com/form` is not an absolute https URL", 13),
        ("mailto:list@example.com", "`mailto:list@example.com` is not an absolute https URL", 13),
        (
            "http://lists.example.com/form",
            "`http://lists.example.com/form` would send readers' addresses unencrypted",
            13,
        ),
        (
            "https://lists.example.com/form#signup",
            "`https://lists.example.com/form#signup` has a fragment, which a form never sends",
            43,
        ),
        (
            "https://me:secret@lists.example.com/form",
            "`https://me:secret@lists.example.com/form` carries a user name or password, which the page would show",
            13,
        ),
    ] {
        let d = only_error(with_form(&format!("    action: {url}\n")), "invalid-url");
        assert_at(&d, SITE, 6, column);
        assert_message(&d, message);
    }
    let d = only_error(with_form("    action: 'https://lists.example.com/form#x'\n"), "invalid-url");
    assert_at(&d, SITE, 6, 44);
    let d = only_error(with_form("    action: http://lists.example.com/form\n"), "invalid-url");
    assert_help_contains(&d, "http:// is accepted only for localhost");
}

#[test]
fn a_form_without_an_address_is_refused() {
    let d = only_error(with_form("    email_field: email\n"), "missing-field");
    assert_at(&d, SITE, 6, 5);
    assert_message(&d, "`subscribe.form` has no `action`");
}

#[test]
fn a_misspelt_key_names_the_one_meant() {
    let d =
        only_error(with_form("    action: https://lists.example.com/form\n    email_feild: EMAIL\n"), "unknown-key");
    assert_at(&d, SITE, 7, 5);
    assert_message(&d, "unknown key `email_feild` in `subscribe.form`");
    assert_help_contains(&d, "did you mean `email_field`?");
    let d = only_error(
        with_form("    action: https://lists.example.com/form\n    lists:\n      field: l\n      options:\n        - {grup: apis, value: x}\n"),
        "unknown-key",
    );
    assert_at(&d, SITE, 10, 12);
    assert_help_contains(&d, "did you mean `group`?");
}

#[test]
fn a_group_that_components_yaml_does_not_declare_is_refused_with_the_nearest() {
    let d = only_error(
        with_form("    action: https://lists.example.com/form\n    lists:\n      field: l\n      options:\n        - group: api\n          value: x\n"),
        "unknown-group",
    );
    assert_at(&d, SITE, 10, 18);
    assert_message(&d, "no group with id `api`");
    assert_help_contains(&d, "did you mean `apis`?");
}

#[test]
fn a_list_offered_twice_is_refused_at_the_second() {
    let d = only_error(
        with_form(
            "    action: https://lists.example.com/form\n    lists:\n      field: l\n      options:\n        - group: apis\n          \
             value: abc\n        - name: Everything\n          value: abc\n",
        ),
        "duplicate-list",
    );
    assert_at(&d, SITE, 13, 18);
    assert_message(&d, "two options post `abc` as `l`");
}

#[test]
fn a_list_of_no_options_is_refused() {
    let d = only_error(
        with_form("    action: https://lists.example.com/form\n    lists:\n      field: l\n      options: []\n"),
        "empty-list",
    );
    assert_at(&d, SITE, 9, 16);
    assert_message(&d, "`subscribe.form.lists.options` is empty");
    let d = only_error(
        with_form("    action: https://lists.example.com/form\n    lists:\n      field: l\n      options: abc\n"),
        "wrong-type",
    );
    assert_at(&d, SITE, 9, 16);
    assert_message(&d, "`subscribe.form.lists.options` must be a list");
    let d = only_error(
        with_form("    action: https://lists.example.com/form\n    lists:\n      field: l\n"),
        "missing-field",
    );
    assert_at(&d, SITE, 8, 7);
    assert_message(&d, "`subscribe.form.lists` has no options");
}

#[test]
fn an_option_names_a_group_or_a_label_and_has_a_field() {
    let form = "    action: https://lists.example.com/form\n    lists:\n      options:\n";
    let d = only_error(with_form(&format!("{form}        - {{field: l, value: x}}\n")), "missing-field");
    assert_at(&d, SITE, 9, 11);
    assert_message(&d, "this option has no `group` or `name`");
    let d = only_error(
        with_form(&format!("{form}        - {{group: apis, name: APIs, field: l, value: x}}\n")),
        "conflicting-keys",
    );
    assert_at(&d, SITE, 9, 19);
    assert_message(&d, "give either `group` or `name`, not both");
    let d = only_error(with_form(&format!("{form}        - {{name: All, value: x}}\n")), "missing-field");
    assert_at(&d, SITE, 9, 11);
    assert_message(&d, "this option has no `field`");
}

#[test]
fn field_names_must_be_what_a_form_input_is_named() {
    let d = only_error(
        with_form("    action: https://lists.example.com/form\n    email_field: '\"EMAIL\"'\n"),
        "invalid-field-name",
    );
    assert_at(&d, SITE, 7, 18);
    assert_message(&d, "`\"EMAIL\"` is not a form field name");
    let d = only_error(
        with_form("    action: https://lists.example.com/form\n    email_field: ''\n"),
        "invalid-field-name",
    );
    assert_message(&d, "`email_field` is empty");
}

#[test]
fn two_inputs_of_one_name_are_refused() {
    let d = only_error(
        with_form("    action: https://lists.example.com/form\n    fields:\n      email: x\n"),
        "duplicate-field",
    );
    assert_at(&d, SITE, 8, 7);
    assert_message(&d, "the form already has an input named `email`");
    assert_eq!(d["label"], "also the e-mail input", "{d:#}");
}

#[test]
fn a_group_is_not_checked_against_a_broken_components_yaml() {
    // One mistake is one error: components.yaml's, not also an unknown group for each option.
    let site = with_form("    action: https://lists.example.com/form\n    lists:\n      field: l\n      options:\n        - {group: apis, value: x}\n")
        .file("content/components.yaml", "groups: [\n");
    let (_, all) = check_json(site);
    assert!(all.iter().all(|d| d["kind"] != "unknown-group"), "{}", pretty(&all));
}

#[test]
fn hidden_fields_are_single_values_each_named_once() {
    let form = "    action: https://lists.example.com/form\n    fields:\n      token: a\n";
    let d = only_error(with_form(&format!("{form}      token: b\n")), "duplicate-key");
    assert_at(&d, SITE, 9, 7);
    assert_message(&d, "hidden field `token` is given twice");
    let d = only_error(with_form(&format!("{form}      tags: [a, b]\n")), "wrong-type");
    assert_at(&d, SITE, 9, 13);
    assert_message(&d, "hidden field `tags` must be a single value");
}
