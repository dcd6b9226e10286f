//! Generates a synthetic status site for benchmarks: N incidents over three years on C
//! components, realistic Markdown bodies with 2-5 updates each, and a few dozen maintenance
//! windows. Deterministic: the same arguments always write the same files.
//!
//! cargo run --release --example gen_site -- OUT_DIR --incidents 10000 [--components 10] [--seed 1]

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// xorshift64*: tiny, deterministic, good enough to vary synthetic content.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const PROBLEMS: &[&str] = &[
    "Delayed SMS delivery to {carrier}",
    "Elevated error rates on the {component}",
    "Intermittent timeouts on the {component}",
    "Delivery receipts delayed for {carrier}",
    "WhatsApp message backlog",
    "Degraded performance of the {component}",
];
const CARRIERS: &[&str] = &["Norcel", "Veltra Mobile", "Tellumo", "Orbis Telecom", "Quanta Cell"];
const STATUSES: &[&str] = &["degraded_performance", "partial_outage", "major_outage"];
const IMPACTS: &[&str] = &["minor", "major", "critical", "none"];
const SENTENCES: &[&str] = &[
    "We are investigating reports of delayed messages.",
    "Messages are queued and will be delivered; none are lost.",
    "Customers may see HTTP 503 responses; retry with exponential backoff.",
    "The carrier has acknowledged the issue and is working on a fix.",
    "We rerouted traffic to a secondary route and delivery rates are recovering.",
    "Delivery receipts may arrive **late** but will arrive.",
    "See [our guidance](https://example.com/guidance) on retries.",
    "Affected requests: `POST /v1/messages` and `GET /v1/status`.",
];

struct Options {
    out: String,
    incidents: usize,
    components: usize,
    seed: u64,
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut options = Options { out: String::new(), incidents: 1000, components: 10, seed: 1 };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--incidents" => options.incidents = value("--incidents")?.parse().map_err(|_| "bad --incidents")?,
            "--components" => options.components = value("--components")?.parse().map_err(|_| "bad --components")?,
            "--seed" => options.seed = value("--seed")?.parse().map_err(|_| "bad --seed")?,
            other if options.out.is_empty() && !other.starts_with('-') => options.out = other.to_string(),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if options.out.is_empty() {
        return Err("usage: gen_site OUT_DIR --incidents N [--components C] [--seed S]".into());
    }
    Ok(options)
}

fn main() {
    let options = parse_args().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let root = Path::new(&options.out);
    if root.join("content").exists() {
        fs::remove_dir_all(root.join("content")).expect("clear old content");
    }
    fs::create_dir_all(root.join("content/incidents")).expect("create folders");
    fs::create_dir_all(root.join("content/maintenance")).expect("create folders");
    let mut rng = Rng(options.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).max(1));
    write(root, "content/site.yaml", "title: Synthetic Status\nbase_url: https://status.example.com/\ntimezone: America/Sao_Paulo\nuptime_days: 90\n");
    write(root, "content/components.yaml", &components(options.components));
    // Three years ending 2026-11-24, spread evenly with jitter.
    let span_minutes: u64 = 3 * 365 * 24 * 60;
    let start = chrono::NaiveDate::from_ymd_opt(2023, 11, 25).expect("date").and_hms_opt(0, 0, 0).expect("time");
    for i in 0..options.incidents {
        let offset = (i as u64 * span_minutes) / options.incidents.max(1) as u64 + rng.below(60);
        let at = start + chrono::Duration::minutes(offset as i64);
        let text = incident(&mut rng, at, options.components);
        write(root, &format!("content/incidents/{}-{:06}.md", at.format("%Y-%m-%d"), i), &text);
    }
    for i in 0..36 {
        let at = start + chrono::Duration::days(i * 30 + 10);
        write(
            root,
            &format!("content/maintenance/{}-window-{i:02}.md", at.format("%Y-%m-%d")),
            &maintenance(&mut rng, at, options.components),
        );
    }
    eprintln!(
        "wrote {} incidents, 36 maintenance windows, {} components to {}",
        options.incidents,
        options.components,
        root.display()
    );
}

fn write(root: &Path, path: &str, text: &str) {
    fs::write(root.join(path), text).unwrap_or_else(|e| panic!("write {path}: {e}"));
}

fn components(count: usize) -> String {
    let mut text =
        String::from("groups:\n  - id: core\n    name: Core\n  - id: delivery\n    name: Delivery\ncomponents:\n");
    for c in 0..count {
        let group = if c % 2 == 0 { "core" } else { "delivery" };
        let _ = write!(text, "  - id: component-{c}\n    name: Component {c}\n    group: {group}\n    description: Synthetic component number {c}.\n");
    }
    text
}

fn incident(rng: &mut Rng, at: chrono::NaiveDateTime, components: usize) -> String {
    let carrier = rng.pick(CARRIERS);
    let component = rng.below(components as u64);
    let title =
        rng.pick(PROBLEMS).replace("{carrier}", carrier).replace("{component}", &format!("Component {component}"));
    let mut text = format!("---\ntitle: {title}\nimpact: {}\ncomponents:\n", rng.pick(IMPACTS));
    let _ = writeln!(text, "  component-{component}: {}", rng.pick(STATUSES));
    if rng.below(3) == 0 {
        let other = (component + 1 + rng.below(components as u64 - 1)) % components as u64;
        let _ = writeln!(text, "  component-{other}: degraded_performance");
    }
    text.push_str("---\n");
    let updates = 2 + rng.below(4) as usize;
    let names = ["Investigating", "Identified", "Monitoring", "Update"];
    let mut times = vec![at];
    for _ in 1..updates {
        let last = *times.last().expect("one time");
        times.push(last + chrono::Duration::minutes(5 + rng.below(90) as i64));
    }
    for (n, time) in times.iter().enumerate().rev() {
        let status = if n == updates - 1 { "Resolved" } else { names[n.min(names.len() - 1)] };
        let _ = write!(
            text,
            "\n## {status} - {}\n{} {}\n",
            time.format("%Y-%m-%d %H:%M"),
            rng.pick(SENTENCES),
            rng.pick(SENTENCES)
        );
        if rng.below(5) == 0 {
            text.push_str("\n- Affected region: South America\n- Affected carriers: ");
            text.push_str(carrier);
            text.push('\n');
        }
    }
    text
}

fn maintenance(rng: &mut Rng, at: chrono::NaiveDateTime, components: usize) -> String {
    let component = rng.below(components as u64);
    let start = at + chrono::Duration::hours(2);
    let end = start + chrono::Duration::hours(2);
    format!(
        "---\ntitle: Planned maintenance on Component {component}\ncomponents: [component-{component}]\nwindow:\n  start: {}\n  end: {}\n---\n\n## Completed - {}\nThe maintenance is complete.\n\n## In progress - {}\nThe maintenance has started.\n\n## Scheduled - {}\nWe will upgrade Component {component}; brief reconnects are expected.\n",
        start.format("%Y-%m-%d %H:%M"),
        end.format("%Y-%m-%d %H:%M"),
        (end - chrono::Duration::minutes(10)).format("%Y-%m-%d %H:%M"),
        start.format("%Y-%m-%d %H:%M"),
        at.format("%Y-%m-%d %H:%M"),
    )
}
