//! TODO(owner): HTML pages from the theme.

use super::assets::Assets;
use super::{Input, Theme};
use crate::diag::Diagnostic;
use crate::output::OutputFile;

pub fn render(_input: &Input, _theme: &Theme, _assets: &Assets) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    Ok(Vec::new())
}
