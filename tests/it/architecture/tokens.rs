//! Rust source as tokens, for the architecture tests that read `src/` as text: what is left
//! once comments (nested ones too), strings of every kind and character literals are gone.
//! Only what names a module matters here, so every literal is one opaque token.

/// One token of Rust source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    /// An identifier or keyword; `r#name` as `name`.
    Word(String),
    /// `::`
    PathSep,
    /// Any other punctuation, one character at a time.
    Punct(char),
    /// A string, byte string, C string (raw or not), character, byte or number literal.
    Literal,
    /// `'a`, `'static`, `'_` or a loop label.
    Lifetime,
}

impl Token {
    /// True for the word `word`.
    pub(super) fn is(&self, word: &str) -> bool {
        matches!(self, Token::Word(w) if w == word)
    }

    /// The word, for a word.
    pub(super) fn word(&self) -> Option<&str> {
        match self {
            Token::Word(w) => Some(w),
            _ => None,
        }
    }
}

/// The tokens of `text`, comments left out. Malformed source ends the last token at the end of
/// the text rather than failing: the compiler, not this, says what is malformed.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i = block_comment_end(&chars, i);
        } else if let Some(end) = literal_end(&chars, i) {
            tokens.push(Token::Literal);
            i = end;
        } else if c == '\'' {
            // A lifetime or label: `'a`, `'static`, `'_`.
            i += 1;
            while i < chars.len() && is_word_char(chars[i]) {
                i += 1;
            }
            tokens.push(Token::Lifetime);
        } else if c == 'r' && next == Some('#') && chars.get(i + 2).is_some_and(|&c| is_word_start(c)) {
            let start = i + 2;
            i = word_end(&chars, start);
            tokens.push(Token::Word(chars[start..i].iter().collect()));
        } else if is_word_start(c) {
            let start = i;
            i = word_end(&chars, start);
            tokens.push(Token::Word(chars[start..i].iter().collect()));
        } else if c == ':' && next == Some(':') {
            tokens.push(Token::PathSep);
            i += 2;
        } else {
            tokens.push(Token::Punct(c));
            i += 1;
        }
    }
    tokens
}

fn is_word_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn word_end(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && is_word_char(chars[i]) {
        i += 1;
    }
    i
}

/// Where the block comment opening at `i` ends: block comments nest.
fn block_comment_end(chars: &[char], mut i: usize) -> usize {
    let mut depth = 0;
    while i < chars.len() {
        if chars[i..].starts_with(&['/', '*']) {
            depth += 1;
            i += 2;
        } else if chars[i..].starts_with(&['*', '/']) {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    chars.len()
}

/// Where the literal starting at `i` ends, if one starts there: `"…"`, `b"…"`, `c"…"`,
/// `r#"…"#`, `br"…"`, `cr"…"`, `'x'`, `'\n'`, `b'x'`, a number. `None` for anything else, a
/// lifetime included.
fn literal_end(chars: &[char], i: usize) -> Option<usize> {
    let at = |j: usize| chars.get(j).copied();
    let c = chars[i];
    if c.is_ascii_digit() {
        let mut j = i;
        while j < chars.len()
            && (is_word_char(chars[j]) || (chars[j] == '.' && at(j + 1).is_some_and(|c| c.is_ascii_digit())))
        {
            j += 1;
        }
        return Some(j);
    }
    // The prefix: none, `b` or `c`, then `r` for a raw string.
    let mut j = i;
    if matches!(c, 'b' | 'c') {
        j += 1;
    }
    if c == 'b' && at(j) == Some('\'') {
        return Some(char_end(chars, j).unwrap_or(chars.len()));
    }
    if at(j) == Some('r') {
        let hashes = chars[j + 1..].iter().take_while(|&&c| c == '#').count();
        if at(j + 1 + hashes) != Some('"') {
            return None;
        }
        let close: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
        let start = j + 2 + hashes;
        let end = (start..chars.len()).find(|&k| chars[k..].starts_with(&close));
        return Some(end.map_or(chars.len(), |k| k + close.len()));
    }
    if at(j) == Some('"') {
        let mut k = j + 1;
        while k < chars.len() && chars[k] != '"' {
            k += if chars[k] == '\\' { 2 } else { 1 };
        }
        return Some((k + 1).min(chars.len()));
    }
    if c == '\'' {
        return char_end(chars, i);
    }
    None
}

/// Where the character literal opening at `i` (a `'`) ends; `None` when it is a lifetime.
fn char_end(chars: &[char], i: usize) -> Option<usize> {
    if chars.get(i + 1) == Some(&'\\') {
        // `'\n'`, `'\''`, `'\u{1F600}'`: the escaped character, then up to the closing quote.
        let end = (i + 3..chars.len()).find(|&k| chars[k] == '\'');
        return Some(end.map_or(chars.len(), |k| k + 1));
    }
    (chars.get(i + 2) == Some(&'\'')).then_some(i + 3)
}

fn words(text: &str) -> Vec<String> {
    tokenize(text).into_iter().filter_map(|t| t.word().map(str::to_string)).collect()
}

#[test]
fn comments_nest_and_leave_nothing() {
    assert_eq!(words("a /* b /* c */ d */ e // f\ng /** h */ i /// j\n//! k\nl"), ["a", "e", "g", "i", "l"]);
    assert_eq!(words("a /* /* */ still a comment: super::x */ b"), ["a", "b"]);
    assert_eq!(words("a /* never closed /* */ b"), ["a"]);
}

#[test]
fn strings_of_every_kind_are_one_literal() {
    for (text, literal) in [
        (r#"a "crate::x \" crate::y" b"#, r#""crate::x \" crate::y""#),
        (r#"a b"crate::x" b"#, r#"b"crate::x""#),
        (r#"a c"crate::x" b"#, r#"c"crate::x""#),
        (r##"a r"crate::x \" b"##, r#"r"crate::x \""#),
        (r##"a r#"crate::x "quoted" "# b"##, r##"r#"crate::x "quoted" "#"##),
        (r##"a br"\" b"##, r#"br"\""#),
        (r###"a br#"see "crate::output" here"# b"###, r##"br#"see "crate::output" here"#"##),
        (r###"a cr##"x"# "## b"###, r###"cr##"x"# "##"###),
    ] {
        assert_eq!(tokenize(text), [Token::Word("a".into()), Token::Literal, Token::Word("b".into())], "{literal}");
    }
}

#[test]
fn a_raw_byte_string_ending_in_a_backslash_ends_there() {
    let tokens =
        tokenize("const SEP: &[u8] = br\"\\\";\nfn r() -> Option<super::Diagnostic> {}\nconst END: &str = \"\";");
    assert!(tokens.windows(3).any(|w| w[0].is("super") && w[1] == Token::PathSep && w[2].is("Diagnostic")));
}

#[test]
fn characters_and_lifetimes_are_told_apart() {
    let tokens = tokenize(r#"fn f<'a>(x: &'a str) -> char { '"'; '\''; '\u{1F600}'; b'"'; 'x' } 'outer: loop {}"#);
    assert_eq!(tokens.iter().filter(|t| **t == Token::Lifetime).count(), 3);
    assert_eq!(tokens.iter().filter(|t| **t == Token::Literal).count(), 5);
    assert!(tokens.iter().any(|t| t.is("loop")), "a quote in a character literal opened no string");
}

#[test]
fn words_paths_and_numbers() {
    assert_eq!(
        tokenize("r#type::x 1.5e3 0x1F_u8 1..2 t.0"),
        [
            Token::Word("type".into()),
            Token::PathSep,
            Token::Word("x".into()),
            Token::Literal,
            Token::Literal,
            Token::Literal,
            Token::Punct('.'),
            Token::Punct('.'),
            Token::Literal,
            Token::Word("t".into()),
            Token::Punct('.'),
            Token::Literal,
        ]
    );
    assert_eq!(words("bar b r cr brr"), ["bar", "b", "r", "cr", "brr"]);
}
