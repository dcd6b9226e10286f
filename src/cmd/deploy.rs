//! `statusforge deploy`: publish the built output folder to an S3-compatible store (AWS S3,
//! Cloudflare R2, MinIO, ...). Progress goes to stderr; the plan and the summary to stdout.

use crate::deploy::{self, credentials, plan, s3};
use std::path::PathBuf;
use std::time::Instant as Stopwatch;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to publish: s3://BUCKET or s3://BUCKET/PREFIX
    #[arg(long, value_name = "S3_URL")]
    pub to: String,
    /// The built site to publish (it must have been written by `statusforge build`)
    #[arg(long, default_value = "public")]
    pub output: PathBuf,
    /// An S3-compatible endpoint (R2, MinIO, ...), addressed path-style; default AWS_ENDPOINT_URL, else AWS
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// The bucket's region; default AWS_REGION, then AWS_DEFAULT_REGION, else us-east-1
    #[arg(long)]
    pub region: Option<String>,
    /// Print what would be uploaded, skipped and deleted, and send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// At a bucket's root (no prefix), also delete the objects this build does not have;
    /// without it they are kept, since other things may live there
    #[arg(long)]
    pub prune: bool,
}

pub(crate) fn run(args: Args) -> super::Exit {
    let started = Stopwatch::now();
    let target = deploy::Target::parse(&args.to)?;
    let local = deploy::read_output(&args.output)?;
    let env = |name: &str| std::env::var(name).ok();
    let credentials = credentials::find(&env)?;
    let location = s3::Location {
        bucket: target.bucket.clone(),
        region: credentials::region(args.region.as_deref(), &env),
        endpoint: credentials::endpoint(args.endpoint.as_deref(), &env),
    };
    let client = s3::Client::new(&location, &credentials)?;
    let remote = client
        .list(&target.prefix)
        .map_err(|failure| format!("cannot list s3://{}/{}: {}", target.bucket, target.prefix, failure.0))?;
    let plan = plan::make(&local, &remote, &target.prefix, args.prune);
    if args.dry_run {
        for step in &plan.steps {
            println!("{:<6} {}", step.action.keyword(), step.key);
        }
        let would = deploy::preview(&plan);
        println!(
            "dry run: would upload {}, leave {} unchanged, delete {}; nothing was sent",
            would.uploaded, would.unchanged, would.deleted
        );
        kept_note(would.kept);
        return Ok(0);
    }
    let mut progress = |step: &plan::Step| eprintln!("{:<6} {}", step.action.keyword(), step.key);
    let summary = deploy::apply(&plan, &local, &client, &mut progress)?;
    println!(
        "uploaded {}, unchanged {}, deleted {} in {} ms",
        summary.uploaded,
        summary.unchanged,
        summary.deleted,
        started.elapsed().as_millis()
    );
    kept_note(summary.kept);
    Ok(0)
}

/// Says why objects the build does not have were left at the bucket's root.
fn kept_note(kept: usize) {
    if kept > 0 {
        eprintln!(
            "kept {kept} objects at the bucket's root that this build does not have: they may not be the site's; \
             pass --prune to delete them, or publish under a prefix (s3://BUCKET/PREFIX)"
        );
    }
}
