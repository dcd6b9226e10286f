//! TODO(owner): translation tables.
