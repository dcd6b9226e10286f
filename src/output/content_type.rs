//! Content types of output files by extension: one table for `serve`'s responses and `deploy`'s
//! object metadata, so the local preview and the published site agree.

/// The Content-Type of an output file, by extension.
pub fn content_type(path: &str) -> &'static str {
    // A name without a dot (`_headers`) has no extension, whatever its folders are called.
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.ends_with("atom.xml") => "application/atom+xml; charset=utf-8",
        "xml" if path.ends_with("feed.xml") => "application/rss+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "ics" => "text/calendar; charset=utf-8",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_follow_the_extension_of_the_file_name() {
        assert_eq!(content_type("incidents/x/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("components/api/feed.xml"), "application/rss+xml; charset=utf-8");
        assert_eq!(content_type("_headers"), "text/plain; charset=utf-8");
        assert_eq!(content_type("v1.2/_headers"), "text/plain; charset=utf-8");
        assert_eq!(content_type("blob.bin"), "application/octet-stream");
    }
}
