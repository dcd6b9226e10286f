//! What the built site promises outside readers: the documents `notify` reads back
//! (`published.json`, `changes.json`), the id scheme, page URLs and time formats. Below both
//! `render`, which writes them, and `notify`, which reads them; changing anything here breaks
//! a customer's integration or a journal that is already deployed, so each change is a
//! deliberate one (the pinned output test notices).

pub mod changes;
pub(crate) mod ids;
pub mod published;
pub(crate) mod time;
pub(crate) mod urls;
