//! Incremental rebuilds: how `serve` turns an edit into work proportional to what it touched,
//! and how it stays byte-identical to a full build. This module holds the machinery every
//! memo is made of; each stage keeps what it remembers beside the code that makes it, through
//! one optional argument (`cache: Option<&mut …>`): `None` for a one-shot `build` or `check` (nothing is
//! kept, so a large site is never held in memory), `Some` for `serve`.
//!
//! | memo | stage | kept per | keyed by |
//! |---|---|---|---|
//! | `load::FileCache` | load | file | path; size, mtime, inode (`load::cache::Stamp`); the watcher's changed paths, a folder covering its files (a link is never taken on their word) |
//! | `validate::DocumentCache` | validate | document | path and text, plus [`key`] of the context a check reads (zone, components) |
//! | `render::markdown::Cache` | render | update body | the incident's allocation ([`ByAllocation`]), a body's text |
//! | `render::html::PageCache` | render | page | [`key`] of everything the page is built from (`render/html/memo.rs`) |
//! | `render::published::Cache`, `render::feeds::Cache` | render | entry, feed document | the incident's allocation; [`key`] of the feed |
//!
//! `lib::Caches` bundles them for `serve`, for one site folder (handed another, it starts
//! afresh); `lib::check` and `lib::render_site` thread it through the stages.
//!
//! Three rules keep a rebuild equal to a full build:
//! - **Identity by allocation.** An unchanged file's incident is the same `Arc` from one
//!   rebuild to the next (the document memo shares it), so work derived from it alone is
//!   found by its address ([`ByAllocation`]), which holds the `Arc` so the address cannot be
//!   reused.
//! - **Keys cover every input.** A kept thing is reused only when the [`key`] of everything it
//!   was made from is unchanged. Page keys are written by hand in `render/html/memo.rs`, so
//!   [`check`] re-renders kept pages in debug builds (every test, `cargo run`) and compares the
//!   bytes: a page that differs is replaced, reported, and listed by `Caches::stale_pages`,
//!   which the incremental tests require to be empty.
//! - **Each memo is replaced, not grown.** A rebuild leaves in it exactly what it used, so a
//!   deleted incident's page or document does not linger.
//!
//! `tests/it/incremental.rs` compares a rebuild after every kind of edit with a full build;
//! `examples/rebuild.rs` (run by `benches/build.sh`) times a rebuild of a 10,000-incident site.

mod by_allocation;
pub(crate) mod check;
mod key;

pub(crate) use by_allocation::ByAllocation;
pub(crate) use key::key;
