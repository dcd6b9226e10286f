//! Whole-file mistakes: YAML syntax, front matter, encoding, keys, site.yaml and components.yaml.

use super::*;
use crate::common::SiteTest;

#[test]
fn invalid_yaml_in_front_matter_is_reported_on_the_files_own_line() {
    let d = only_error(SiteTest::fixture("bad-yaml-front-matter"), "invalid-yaml");
    // Line 4 of the file is line 3 of the front matter: the file's count is the one shown.
    assert_at(&d, INCIDENT, 4, 16);
    assert!(d["message"].as_str().unwrap().starts_with("invalid YAML: a `:` where no key can start"), "{d:#}");
}

#[test]
fn invalid_yaml_in_site_yaml_points_at_the_unclosed_quote() {
    let site = SiteTest::fixture("minimal").file("content/site.yaml", "title: x\nbase_url: \"https://x.com/\n");
    let d = only_error(site, "invalid-yaml");
    assert_at(&d, "content/site.yaml", 2, 11);
    assert_message(&d, "invalid YAML: while scanning a quoted scalar, found unexpected end of stream");
}

#[test]
fn invalid_yaml_in_components_yaml_does_not_make_every_reference_unknown() {
    let site =
        SiteTest::fixture("minimal").file("content/components.yaml", "components:\n  - id: api\n    name: API: v2\n");
    let d = only_error(site, "invalid-yaml");
    assert_at(&d, "content/components.yaml", 3, 14);
}

#[test]
fn unclosed_front_matter_points_at_the_opening_line() {
    let d = only_error(SiteTest::fixture("bad-unclosed-front-matter"), "unclosed-front-matter");
    assert_at(&d, INCIDENT, 1, 1);
    assert_message(&d, "front matter is not closed");
    assert_help_contains(&d, "add a line with only `---`");
}

#[test]
fn a_file_without_front_matter_is_refused_at_its_first_line() {
    let d = only_error(incident("Looking into errors on the API.\n"), "missing-front-matter");
    assert_at(&d, INCIDENT, 1, 1);
    assert_message(&d, "file does not start with front matter");
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_the_first_bad_byte() {
    let site = SiteTest::fixture("minimal");
    std::fs::write(site.root().join(INCIDENT), b"---\ntitle: caf\xe9\n---\n").unwrap();
    let d = only_error(site, "not-utf8");
    assert_at(&d, INCIDENT, 2, 11);
    assert_message(&d, "file is not valid UTF-8 (first bad byte at line 2, column 11)");
    assert_help_contains(&d, "save the file as UTF-8");
}

#[test]
fn an_empty_file_is_refused() {
    let d = only_error(incident(""), "empty-file");
    assert_eq!(d["file"], INCIDENT);
    assert_message(&d, "file is empty");
}

#[test]
fn a_misspelt_incident_key_suggests_the_intended_one_and_is_one_mistake() {
    let text = incident_file("titel: API errors\nimpact: major\ncomponents:\n  api: partial_outage\n", ONE_UPDATE);
    // `title` is missing too, but that is the same typo: it must not be reported twice.
    let d = only_error(incident(&text), "unknown-key");
    assert_at(&d, INCIDENT, 2, 1);
    assert_message(&d, "unknown key `titel` in incident front matter");
    assert_help_contains(&d, "did you mean `title`?");
}

#[test]
fn a_misspelt_components_key_suggests_components() {
    let text = incident_file("title: API errors\nimpact: major\ncomponets: [api]\n", ONE_UPDATE);
    let d = only_error(incident(&text), "unknown-key");
    assert_at(&d, INCIDENT, 4, 1);
    assert_help_contains(&d, "did you mean `components`?");
}

#[test]
fn a_misspelt_key_in_site_yaml_suggests_the_intended_one() {
    let site = SiteTest::fixture("minimal")
        .file("content/site.yaml", "title: Status\nbase_url: https://status.example.com/\ntimezon: UTC\n");
    let d = only_error(site, "unknown-key");
    assert_at(&d, "content/site.yaml", 3, 1);
    assert_message(&d, "unknown key `timezon` in site.yaml");
    assert_help_contains(&d, "did you mean `timezone`?");
}

#[test]
fn an_unknown_robots_setting_names_the_two_there_are() {
    let site = SiteTest::fixture("minimal")
        .file("content/site.yaml", "title: Status\nbase_url: https://status.example.com/\nrobots: no-index-please\n");
    let d = only_error(site, "unknown-robots");
    assert_at(&d, "content/site.yaml", 3, 9);
    assert_message(&d, "unknown robots setting `no-index-please`");
    assert_help_contains(&d, "`index`, `noindex`");
}

#[test]
fn an_unknown_time_zone_suggests_the_nearest_iana_name() {
    let d = only_error(SiteTest::fixture("bad-unknown-timezone"), "unknown-timezone");
    assert_at(&d, "content/site.yaml", 3, 11);
    assert_message(&d, "unknown time zone `America/Sao_Palo`");
    assert_help_contains(&d, "did you mean `America/Sao_Paulo`?");
}

#[test]
fn a_duplicate_component_id_notes_the_first_use() {
    let site = SiteTest::fixture("minimal").file(
        "content/components.yaml",
        "groups:\n  - id: apis\n    name: APIs\ncomponents:\n  - id: api\n    name: API\n  - id: web\n    name: Web\n  - id: smpp\n    name: SMPP\n  - id: api\n    name: API again\n",
    );
    let d = only_error(site, "duplicate-id");
    assert_at(&d, "content/components.yaml", 11, 9);
    assert_message(&d, "id `api` is used twice");
    assert_eq!(d["notes"][0], "content/components.yaml:5:9: first used here", "{d:#}");
}

#[test]
fn a_component_with_a_group_id_is_a_duplicate_id() {
    let site = SiteTest::fixture("minimal").file(
        "content/components.yaml",
        "groups:\n  - id: apis\n    name: APIs\n  - id: web\n    name: Web things\ncomponents:\n  - id: api\n    name: API\n  - id: web\n    name: Web\n  - id: smpp\n    name: SMPP\n",
    );
    let d = only_error(site, "duplicate-id");
    assert_at(&d, "content/components.yaml", 9, 9);
    assert_eq!(d["notes"][0], "content/components.yaml:4:9: first used here", "{d:#}");
}

#[test]
fn a_component_in_an_unknown_group_suggests_the_nearest_group() {
    let site = SiteTest::fixture("minimal").file(
        "content/components.yaml",
        "groups:\n  - id: apis\n    name: APIs\ncomponents:\n  - id: api\n    name: API\n    group: apiz\n  - id: web\n    name: Web\n  - id: smpp\n    name: SMPP\n",
    );
    // The incident naming `api` must not also fail: the component is declared, its group is wrong.
    let d = only_error(site, "unknown-group");
    assert_at(&d, "content/components.yaml", 7, 12);
    assert_message(&d, "no group with id `apiz`");
    assert_help_contains(&d, "did you mean `apis`?");
}

#[test]
fn an_uppercase_component_id_is_refused_with_a_valid_one_suggested() {
    let site = SiteTest::fixture("minimal").file(
        "content/components.yaml",
        "components:\n  - id: api\n    name: API\n  - id: web\n    name: Web\n  - id: smpp\n    name: SMPP\n  - id: SMPP\n    name: SMPP again\n",
    );
    let d = only_error(site, "invalid-id");
    assert_at(&d, "content/components.yaml", 8, 9);
    assert_message(&d, "component id `SMPP` must start with a lowercase letter or a digit");
    assert_help_contains(&d, "try `smpp`");
}

#[test]
fn a_slug_that_could_escape_the_output_folder_is_refused() {
    let text = incident_file("title: API errors\nslug: ../../etc\nimpact: major\ncomponents: [api]\n", ONE_UPDATE);
    let d = only_error(incident(&text), "invalid-id");
    assert_at(&d, INCIDENT, 3, 7);
    assert_message(&d, "slug `../../etc` must start with a lowercase letter or a digit");
}

#[test]
fn a_file_name_that_cannot_be_a_slug_is_refused_with_a_rename_suggested() {
    let text = incident_file("title: Web down\nimpact: major\ncomponents: [web]\n", ONE_UPDATE);
    let site = SiteTest::fixture("minimal").file("content/incidents/Bad Name.md", &text);
    let d = only_error(site, "invalid-slug");
    assert_eq!(d["file"], "content/incidents/Bad Name.md");
    assert_eq!(d["line"], 1);
    assert_message(
        &d,
        "the file name `Bad Name` must start with a lowercase letter or a digit, so it cannot be the page's slug",
    );
    assert_help_contains(&d, "rename the file to `bad-name.md` or add `slug: bad-name`");
}

#[test]
fn two_files_with_one_slug_are_both_named() {
    let d = only_error(SiteTest::fixture("bad-duplicate-slug"), "duplicate-slug");
    let second = "content/incidents/2026-11-22-smpp-binds.md";
    assert_at(&d, second, 4, 7);
    assert_message(&d, "slug `same` is also used by content/incidents/2026-11-21-web-slow.md");
    assert_eq!(d["notes"][0], "content/incidents/2026-11-21-web-slow.md:3:7: `same` first used here", "{d:#}");
}

#[test]
fn a_control_character_is_refused_at_its_line_and_column_in_every_file_kind() {
    for (path, text, line, column) in [
        (INCIDENT, "---\ntitle: API\0 errors\nimpact: major\ncomponents: [api]\n---\n\n## Investigating - 2026-11-20 10:00\nx\n", 2, 11),
        ("content/components.yaml", "components:\n  - id: api\n    name: A\u{1b}PI\n", 3, 12),
        ("content/site.yaml", "title: T\nbase_url: https://status.example.com/\ndescription: a\u{7}b\n", 3, 15),
    ] {
        let d = only_error(SiteTest::fixture("minimal").file(path, text), "control-character");
        assert_at(&d, path, line, column);
        assert!(d["message"].as_str().unwrap().starts_with("the file holds the control character"), "{d}");
    }
}

/// A YAML escape is plain text in the file but a control character in the value: refused at
/// the value, in every YAML file kind.
#[test]
fn a_control_character_written_as_a_yaml_escape_is_refused_at_its_value() {
    for (path, text, line, column, code) in [
        (INCIDENT, "---\ntitle: \"API\\u0000 errors\"\nimpact: major\ncomponents: [api]\n---\n\n## Investigating - 2026-11-20 10:00\nx\n", 2, 8, "0000"),
        ("content/components.yaml", "components:\n  - id: api\n    name: \"API\\e[2J\"\n", 3, 11, "001B"),
        ("content/site.yaml", "title: T\nbase_url: https://status.example.com/\ndescription: \"a\\x07b\"\n", 3, 14, "0007"),
        ("content/components.yaml", "components:\n  - id: api\n    name: \"API\\uFFFE\"\n", 3, 11, "FFFE"),
    ] {
        let d = only_error(SiteTest::fixture("minimal").file(path, text), "control-character");
        assert_at(&d, path, line, column);
        assert!(d["message"].as_str().unwrap().contains(&format!("U+{code}, written as an escape")), "{d}");
    }
}

/// U+FFFE and U+FFFF are not control characters, but XML 1.0 forbids them: every feed and
/// badge would be malformed.
#[test]
fn the_xml_non_characters_are_refused_like_control_characters() {
    for (c, name) in [('\u{FFFE}', "U+FFFE"), ('\u{FFFF}', "U+FFFF")] {
        let text = format!("components:\n  - id: api\n    name: API{c}\n");
        let d = only_error(SiteTest::fixture("minimal").file("content/components.yaml", &text), "control-character");
        assert_at(&d, "content/components.yaml", 3, 14);
        assert_message(&d, &format!("the file holds the non-character {name}"));
    }
    let incident = format!(
        "---\ntitle: API{}\nimpact: major\ncomponents: [api]\n---\n\n## Investigating - 2026-11-20 10:00\nx\n",
        '\u{FFFE}'
    );
    let d = only_error(SiteTest::fixture("minimal").file(INCIDENT, &incident), "control-character");
    assert_at(&d, INCIDENT, 2, 11);
}

/// One rule for every file read: a regular file whose real path is inside the site.
#[cfg(unix)]
#[test]
fn links_out_of_the_site_and_special_files_are_refused_without_quoting_them() {
    let outside = crate::common::temp_dir();
    let secret = outside.path().join("secrets.yaml");
    std::fs::write(&secret, "title: AWS_SECRET_ACCESS_KEY=hunter2\n").unwrap();
    let site = SiteTest::fixture("minimal");
    std::fs::remove_file(site.root().join("content/site.yaml")).unwrap();
    std::os::unix::fs::symlink(&secret, site.root().join("content/site.yaml")).unwrap();
    let (run, all) = check_json(site);
    assert_eq!(run.code, 1);
    assert!(!run.all_output().contains("hunter2"), "a linked file was quoted:\n{}", run.all_output());
    let d = all.iter().find(|d| d["kind"] == "link-outside-site").unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(d["file"], "content/site.yaml");

    // A FIFO would block a reader forever: it is refused at once.
    let fifo_site = SiteTest::fixture("minimal");
    let fifo = fifo_site.root().join("content/components.yaml");
    std::fs::remove_file(&fifo).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let (run, all) = check_json(fifo_site);
    assert_eq!(run.code, 1);
    assert!(all.iter().any(|d| d["kind"] == "not-a-file" && d["file"] == "content/components.yaml"), "{all:#?}");

    // A FIFO among the incidents is refused by name too, not skipped in silence.
    let incident_fifo = SiteTest::fixture("minimal");
    let fifo = incident_fifo.root().join("content/incidents/2026-11-21-pipe.md");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let (run, all) = check_json(incident_fifo);
    assert_eq!(run.code, 1);
    assert!(
        all.iter().any(|d| d["kind"] == "not-a-file" && d["file"] == "content/incidents/2026-11-21-pipe.md"),
        "{all:#?}"
    );
}

#[cfg(unix)]
#[test]
fn content_or_a_theme_folder_linked_out_of_the_site_is_refused() {
    let outside = crate::common::temp_dir();
    std::fs::create_dir_all(outside.path().join("static")).unwrap();
    std::fs::write(outside.path().join("static/credentials.txt"), "hunter2").unwrap();
    let site = SiteTest::fixture("minimal")
        .file("content/site.yaml", "title: T\nbase_url: https://status.example.com/\ntheme: acme\n");
    std::fs::create_dir_all(site.root().join("themes/acme")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("static"), site.root().join("themes/acme/static")).unwrap();
    let run = site.try_build();
    assert_ne!(run.code, 0, "{}", run.all_output());
    assert!(run.all_output().contains("link-outside-site"), "{}", run.all_output());
    assert!(!site.root().join("public").exists(), "nothing may be published");
    // `check`, the gate CI runs on a pull request, refuses what `build` refuses.
    let check = site.check();
    assert_eq!(check.code, 1, "{}", check.all_output());
    assert!(check.all_output().contains("themes/acme/static/credentials.txt"), "{}", check.all_output());
    assert!(!check.all_output().contains("hunter2"));

    let content_site = SiteTest::empty();
    crate::common::copy_dir(&crate::common::fixtures().join("minimal/content"), &outside.path().join("content"));
    std::os::unix::fs::symlink(outside.path().join("content"), content_site.root().join("content")).unwrap();
    let (run, all) = check_json(content_site);
    assert_eq!(run.code, 1);
    assert!(all.iter().any(|d| d["kind"] == "link-outside-site"), "{all:#?}");
}

/// A content folder that is itself a link to a folder inside the site is read through it (it
/// was refused as "a symbolic link loop"); one that leads outside is refused.
#[cfg(unix)]
#[test]
fn a_linked_incidents_folder_inside_the_site_is_read() {
    let site = SiteTest::fixture("minimal");
    std::fs::rename(site.root().join("content/incidents"), site.root().join("incidents-kept")).unwrap();
    std::os::unix::fs::symlink("../incidents-kept", site.root().join("content/incidents")).unwrap();
    let built = site.build();
    assert!(built.exists("incidents/2026-11-20-api-errors/index.html"), "{:?}", built.files());
    drop(built);
    let outside = crate::common::temp_dir();
    let elsewhere = SiteTest::fixture("minimal");
    std::fs::rename(elsewhere.root().join("content/incidents"), outside.path().join("incidents")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("incidents"), elsewhere.root().join("content/incidents")).unwrap();
    let (run, all) = check_json(elsewhere);
    assert_eq!(run.code, 1, "{}", run.all_output());
    assert!(all.iter().any(|d| d["kind"] == "link-outside-site"), "{all:#?}");
}

/// A theme file linked to a file inside the site is used like the file; a theme template that
/// does not parse is found by `check`, not only by `build`.
#[cfg(unix)]
#[test]
fn theme_links_inside_the_site_work_and_check_reads_the_theme() {
    let site = SiteTest::fixture("minimal")
        .file("content/site.yaml", "title: T\nbase_url: https://status.example.com/\ntheme: acme\n")
        .file("shared/site.css", "body { color: rebeccapurple }\n");
    std::fs::create_dir_all(site.root().join("themes/acme/static")).unwrap();
    std::os::unix::fs::symlink("../../../shared/site.css", site.root().join("themes/acme/static/site.css")).unwrap();
    let built = site.build();
    let css: Vec<String> =
        built.files().into_iter().filter(|f| f.starts_with("assets/site.") && f.ends_with(".css")).collect();
    assert_eq!(css.len(), 1, "{css:?}");
    assert!(built.text(&css[0]).contains("rebeccapurple"), "the linked stylesheet was not used");
    drop(built);

    // A template that parses but fails when rendered (a field no page has) fails check too.
    let site = site.file("themes/acme/templates/partials/footer.html", "<footer>{{ nope.x }}</footer>\n");
    let (run, all) = check_json(site);
    assert_eq!(run.code, 1, "{}", run.all_output());
    assert!(all.iter().any(|d| d["kind"] == "template-error"), "{all:#?}");
    let site = SiteTest::fixture("minimal")
        .file("content/site.yaml", "title: T\nbase_url: https://status.example.com/\ntheme: acme\n")
        .file("themes/acme/templates/sitemap.xml", "<?xml version=\"1.0\"?>\u{1b}<urlset/>\n");
    let (run, all) = check_json(site);
    assert_eq!(run.code, 1, "{}", run.all_output());
    let d = all.iter().find(|d| d["kind"] == "control-character").unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(d["file"], "themes/acme/templates/sitemap.xml");
    let fifo_site = SiteTest::fixture("minimal")
        .file("content/site.yaml", "title: T\nbase_url: https://status.example.com/\ntheme: acme\n");
    std::fs::create_dir_all(fifo_site.root().join("themes/acme/templates/partials")).unwrap();
    let fifo = fifo_site.root().join("themes/acme/templates/partials/footer.html");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let (run, all) = check_json(fifo_site);
    assert_eq!(run.code, 1, "{}", run.all_output());
    assert!(all.iter().any(|d| d["kind"] == "not-a-file"), "{all:#?}");

    let site = SiteTest::fixture("minimal")
        .file("content/site.yaml", "title: T\nbase_url: https://status.example.com/\ntheme: acme\n");
    let broken = site.file("themes/acme/templates/partials/header.html", "<header>{% if %}</header>\n");
    let (run, all) = check_json(broken);
    assert_eq!(run.code, 1, "{}", run.all_output());
    let d = all.iter().find(|d| d["kind"] == "invalid-template").unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(d["file"], "themes/acme/templates/partials/header.html");
}

#[test]
fn too_many_components_is_one_error_not_a_cascade() {
    let components: String = (0..501).map(|i| format!("  - id: c{i}\n    name: C{i}\n")).collect::<Vec<_>>().concat();
    let site = SiteTest::fixture("minimal").file("content/components.yaml", &format!("components:\n{components}"));
    let d = only_error(site, "too-many-components");
    assert_message(&d, "501 components; the limit is 500");
}
