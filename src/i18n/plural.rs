//! Plural rules: which form of a counted string a number takes, as the Unicode CLDR plural
//! rules say (<https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html>).
//! Only whole, non-negative counts are ever asked for (days, incidents, pages, hours), so each
//! rule is the CLDR rule for integers, and `categories` lists the forms integers reach.

/// A CLDR plural category: the name of a form, the suffix of its key (`days_ago.few`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Category {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Category {
    #[cfg(test)]
    pub(crate) const ALL: [Category; 6] =
        [Category::Zero, Category::One, Category::Two, Category::Few, Category::Many, Category::Other];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Category::Zero => "zero",
            Category::One => "one",
            Category::Two => "two",
            Category::Few => "few",
            Category::Many => "many",
            Category::Other => "other",
        }
    }
}

/// The plural rules of the built-in languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Plural {
    /// English, German, Dutch, Turkish: one for 1, other for the rest.
    OneOther,
    /// Spanish, Italian: one for 1, many for whole millions ("1 millón de días"), other.
    OneManyOther,
    /// French, Brazilian Portuguese: one for 0 and 1, many for whole millions, other.
    ZeroOneManyOther,
    /// Polish: one for 1; few for 2-4, 22-24, ... but not 12-14; many for the rest.
    Polish,
    /// Japanese, Chinese, Korean: one form.
    OtherOnly,
    /// Arabic: zero, one, two; few for 3-10 (mod 100), many for 11-99 (mod 100), other.
    Arabic,
}

impl Plural {
    pub(crate) fn category(self, n: u64) -> Category {
        let millions = n != 0 && n.is_multiple_of(1_000_000);
        match self {
            Plural::OneOther if n == 1 => Category::One,
            Plural::OneOther => Category::Other,
            Plural::OneManyOther if n == 1 => Category::One,
            Plural::ZeroOneManyOther if n <= 1 => Category::One,
            Plural::OneManyOther | Plural::ZeroOneManyOther if millions => Category::Many,
            Plural::OneManyOther | Plural::ZeroOneManyOther => Category::Other,
            Plural::Polish if n == 1 => Category::One,
            Plural::Polish if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) => Category::Few,
            Plural::Polish => Category::Many,
            Plural::OtherOnly => Category::Other,
            Plural::Arabic => match (n, n % 100) {
                (0, _) => Category::Zero,
                (1, _) => Category::One,
                (2, _) => Category::Two,
                (_, 3..=10) => Category::Few,
                (_, 11..=99) => Category::Many,
                _ => Category::Other,
            },
        }
    }

    /// Every form a whole count can take under this rule: the forms a table must have.
    #[cfg(test)]
    pub(crate) fn categories(self) -> &'static [Category] {
        use Category::*;
        match self {
            Plural::OneOther => &[One, Other],
            Plural::OneManyOther | Plural::ZeroOneManyOther => &[One, Many, Other],
            Plural::Polish => &[One, Few, Many],
            Plural::OtherOnly => &[Other],
            Plural::Arabic => &[Zero, One, Two, Few, Many, Other],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    const RULES: [Plural; 6] = [
        Plural::OneOther,
        Plural::OneManyOther,
        Plural::ZeroOneManyOther,
        Plural::Polish,
        Plural::OtherOnly,
        Plural::Arabic,
    ];

    #[test]
    fn each_rule_lists_exactly_the_forms_counts_reach() {
        let samples: Vec<u64> = (0..=1_200).chain([1_000_000, 2_000_000, 1_000_001, 3_000_012]).collect();
        for rule in RULES {
            let reached: BTreeSet<Category> = samples.iter().map(|&n| rule.category(n)).collect();
            let listed: BTreeSet<Category> = rule.categories().iter().copied().collect();
            assert_eq!(reached, listed, "{rule:?}");
        }
    }

    #[test]
    fn counts_take_the_forms_cldr_gives_them() {
        use Category::*;
        let cases: [(Plural, &[(u64, Category)]); 6] = [
            (Plural::OneOther, &[(0, Other), (1, One), (2, Other), (21, Other)]),
            (Plural::OneManyOther, &[(0, Other), (1, One), (2, Other), (1_000_000, Many), (1_000_001, Other)]),
            (Plural::ZeroOneManyOther, &[(0, One), (1, One), (2, Other), (2_000_000, Many)]),
            (Plural::Polish, &[(1, One), (2, Few), (4, Few), (5, Many), (12, Many), (14, Many), (22, Few), (90, Many)]),
            (Plural::OtherOnly, &[(0, Other), (1, Other), (90, Other)]),
            (
                Plural::Arabic,
                &[
                    (0, Zero),
                    (1, One),
                    (2, Two),
                    (3, Few),
                    (10, Few),
                    (11, Many),
                    (90, Many),
                    (100, Other),
                    (102, Other),
                    (103, Few),
                ],
            ),
        ];
        for (rule, expected) in cases {
            for &(n, category) in expected {
                assert_eq!(rule.category(n), category, "{rule:?} {n}");
            }
        }
    }
}
