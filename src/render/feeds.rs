//! TODO(owner): fill in. Renders its files from the shared render input.

use super::Input;
use crate::output::OutputFile;

pub fn render(_input: &Input) -> Vec<OutputFile> {
    Vec::new()
}
