//! What a running `serve` shares between its rebuilds and its connections: the latest site and
//! errors.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// The site being served: the last good build, and the errors of the latest attempt.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Bumped on every rebuild attempt, so pages know when to reload.
    pub version: u64,
    pub files: HashMap<String, Arc<Vec<u8>>>,
    /// Diagnostics of the latest failed build, as terminal text.
    pub errors: Option<String>,
}

pub(crate) type Shared = Arc<RwLock<State>>;
