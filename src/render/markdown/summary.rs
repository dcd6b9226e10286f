//! The text a reader sees in rendered (sanitized) HTML, on one line, cut at a word: a page's
//! description for search results and link previews. Taken from the HTML, not the Markdown,
//! so raw HTML in an update and what the sanitizer removed (a script) count as the page shows
//! them. It returns text only, never a tag or part of one: templates escape it as text.

use super::markup;

/// Elements that end a word: `<p>a</p><p>b</p>` reads "a b"; inline ones (`<strong>`) do not.
const BLOCKS: [&str; 20] = [
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "hr",
    "dd",
];

/// At most `max` characters (with `…` where cut) of the text of `html`.
pub(crate) fn summary(html: &str, max: usize) -> String {
    let mut text = Text::default();
    let mut rest = html;
    // Text is gathered with its whitespace collapsed, and only until it holds more than the
    // cut needs: a body of megabytes, or of whitespace, costs what its first words cost.
    while text.letters <= max {
        let Some(open) = rest.find('<') else {
            text.push(&markup::decode(rest));
            break;
        };
        text.push(&markup::decode(&rest[..open]));
        let close = markup::tag_end(&rest[open..]).map_or(rest.len(), |end| open + end);
        let name = tag_name(&rest[open..close]);
        if BLOCKS.contains(&name.as_str()) {
            // A heading ends a sentence the preview would otherwise run on: "What happened. On ...".
            if is_heading(&name) && rest[open..].starts_with("</") {
                text.end_sentence();
            }
            text.push(" ");
        }
        rest = &rest[close..];
    }
    cut(&text.text, max)
}

/// Visible text with each run of whitespace as one space, and how many other characters it has.
#[derive(Default)]
struct Text {
    text: String,
    letters: usize,
}

impl Text {
    /// A full stop after text that does not end with one (or another closing mark) already.
    fn end_sentence(&mut self) {
        let last = self.text.trim_end().chars().last();
        if last.is_some_and(|c| !matches!(c, '.' | '!' | '?' | ':' | ';' | '…' | '。' | '！' | '？' | '：' | '؟' | '،'))
        {
            self.text.truncate(self.text.trim_end().len());
            self.text.push('.');
        }
    }

    fn push(&mut self, words: &str) {
        for c in words.chars() {
            if !c.is_whitespace() {
                self.text.push(c);
                self.letters += 1;
            } else if !self.text.is_empty() && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
        }
    }
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// `<P class=x>` or `</p>` -> `p`.
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The words of `text` up to `max` characters, `…` in the last place when some are left out.
fn cut(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let extra = usize::from(used > 0) + word.chars().count();
        if used + extra > max.saturating_sub(1) {
            if used == 0 {
                // One word longer than the whole description: cut it.
                out.extend(word.chars().take(max.saturating_sub(1)));
            }
            out.push('…');
            return out;
        }
        if used > 0 {
            out.push(' ');
        }
        out.push_str(word);
        used += extra;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::to_html;
    use proptest::strategy::Strategy;

    #[test]
    fn a_summary_is_the_text_a_reader_sees_cut_at_a_word() {
        let of = |markdown: &str, max| summary(&to_html(markdown), max);
        assert_eq!(
            of("A **bold** [link](https://e.com) and `code`.\n\n- one\n- two", 200),
            "A bold link and code. one two"
        );
        assert_eq!(of("<p>We are investigating &amp; fixing.</p>", 200), "We are investigating & fixing.");
        assert_eq!(of("Before <script>document.write('x')</script> after", 200), "Before after");
        let cut = of(&"word ".repeat(100), 30);
        assert!(cut.chars().count() <= 30 && cut.ends_with("word…"), "{cut}");
        let long_word = of(&"a".repeat(5000), 30);
        assert_eq!(long_word.chars().count(), 30, "{long_word}");
        assert_eq!(of("", 10), "");
        // Text that reads as markup is the reader's text, kept (and escaped by the template).
        assert_eq!(of("Use `<b>` tags", 200), "Use <b> tags");
        // A heading is its own sentence, not the start of the next one.
        assert_eq!(
            of("### What happened\n\nOn August 18 the API failed.", 200),
            "What happened. On August 18 the API failed."
        );
        assert_eq!(of("### Why?\n\nA bad deploy.", 200), "Why? A bad deploy.");
    }

    /// Whitespace counted toward the cut once stopped the reading early and appended the rest
    /// of the HTML as it was, tags and all.
    #[test]
    fn whitespace_before_the_cut_lets_no_markup_through() {
        let html =
            format!("<p>Start{}</p><p><strong>secret</strong> <img alt=\"a>b\" src=\"x\"></p>", " \n".repeat(2000));
        assert_eq!(summary(&html, 200), "Start secret");
        assert_eq!(summary("<p>a</p><img alt='x > y'>b", 200), "a b");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Whatever the mix of tags, text, references and whitespace, no tag or attribute
        /// reaches the summary, and it stays within its length.
        #[test]
        fn no_markup_reaches_a_summary(
            pieces in proptest::collection::vec(proptest::prop_oneof![
                proptest::sample::select(vec![
                    "<p>", "</p>", "<strong>", "</strong>", "<br>", "<img src=\"x.png\" alt=\"a > b\">",
                    "<a href=\"https://e.com/?a=1&amp;b=2\" rel=\"nofollow\">", "</a>", "&amp;", "&nbsp;", "word",
                ]).prop_map(str::to_string),
                "[ \n\t]{0,3000}",
                "[a-z]{1,12}",
            ], 0..40),
            max in 1usize..300,
        ) {
            let html: String = pieces.concat();
            let text = summary(&html, max);
            proptest::prop_assert!(text.chars().count() <= max, "{} > {}", text.chars().count(), max);
            for markup in ["<", ">", "href=", "src=", "alt=", "rel="] {
                proptest::prop_assert!(!text.contains(markup), "{:?} in {:?}", markup, text);
            }
        }
    }
}
