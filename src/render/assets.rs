//! TODO(owner): theme static files under content-hashed names.

use super::Theme;
use crate::output::OutputFile;

#[derive(Debug, Clone, Default)]
pub struct Assets {
    pub files: Vec<OutputFile>,
}

pub fn render(_theme: &Theme) -> Assets {
    Assets::default()
}
