//! TODO(owner): the embedded default theme and site overrides.

use crate::diag::Diagnostic;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct Theme {}

pub fn load(_site_root: &Path, _name: Option<&str>) -> Result<Theme, Vec<Diagnostic>> {
    Ok(Theme::default())
}
