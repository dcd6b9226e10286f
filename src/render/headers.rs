//! TODO(owner): `_headers` cache and CORS rules.

use crate::output::OutputFile;

pub fn render(_files: &[OutputFile]) -> Vec<OutputFile> {
    Vec::new()
}
