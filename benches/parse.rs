//! How fast a callback is read: this crate against what users write today, family by family,
//! in one run.
//!
//! ```text
//! cargo bench --bench parse
//! ```
//!
//! For each family, over every fixture of it (documented and real shapes): `parse` against
//! `serde_urlencoded` into `HashMap<String, String>` (what receivers hand-roll) and the bare
//! `form_urlencoded::parse` scan that visits every pair and allocates only for the names and
//! values it decodes. Then
//! `verify_and_parse` against `parse` plus one HMAC-SHA1 of the signing string. At the end the
//! ratios are printed from criterion's estimates: on a shared machine only ratios of one run
//! mean much.

use std::collections::{BTreeMap, HashMap};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

mod support;

use criterion::{Criterion, Throughput};
use status_callbacks::signature::{sign_body, Validator};
use status_callbacks::{parse, Family};
use support::Spread;

/// Every fixture body, by family.
fn fixtures_by_family() -> BTreeMap<String, Vec<Vec<u8>>> {
    let mut families: BTreeMap<String, Vec<Vec<u8>>> = BTreeMap::new();
    for body in support::fixture_bodies() {
        let Some(family) = parse(&body).ok().and_then(|event| event.family()) else {
            continue;
        };
        families.entry(group_name(family)).or_default().push(body);
    }
    families
}

fn group_name(family: Family) -> String {
    family.name().replace([' ', '(', ')', '<', '>'], "_")
}

/// `parse` and the two baselines over `bodies`, in one group.
fn compare(c: &mut Criterion, group: &str, bodies: &[Vec<u8>]) {
    let mut group = c.benchmark_group(group);
    group.throughput(Throughput::Bytes(
        bodies.iter().map(|body| body.len() as u64).sum(),
    ));
    group.bench_function("parse", |b| {
        b.iter(|| {
            for body in bodies {
                black_box(parse(black_box(body)).unwrap());
            }
        })
    });
    group.bench_function("serde_urlencoded_hashmap", |b| {
        b.iter(|| {
            for body in bodies {
                let map: HashMap<String, String> =
                    serde_urlencoded::from_bytes(black_box(body)).unwrap();
                black_box(map);
            }
        })
    });
    group.bench_function("form_urlencoded_scan", |b| {
        b.iter(|| {
            for body in bodies {
                for pair in form_urlencoded::parse(black_box(body)) {
                    black_box(pair);
                }
            }
        })
    });
    group.finish();
}

/// A signed voice callback, and the three things the verify comparison times on it.
struct VerifyCase {
    body: Vec<u8>,
    url: &'static str,
    signature: String,
    validator: Validator,
    /// What Twilio signs: the URL, then every name and value sorted.
    signing_string: String,
}

impl VerifyCase {
    fn new() -> Self {
        let body = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/voice/call-completed.txt"),
        )
        .unwrap();
        let url = "https://hooks.example.com/voice/status?tenant=7";
        let mut pairs: Vec<(String, String)> = form_urlencoded::parse(&body)
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        pairs.sort();
        let mut signing_string = url.to_owned();
        for (name, value) in pairs {
            signing_string.push_str(&name);
            signing_string.push_str(&value);
        }
        VerifyCase {
            signature: sign_body("token", url, &body).unwrap(),
            validator: Validator::twilio("token").unwrap(),
            body,
            url,
            signing_string,
        }
    }

    fn verify_and_parse(&self) {
        black_box(
            self.validator
                .verify_and_parse_as::<status_callbacks::Event>(
                    self.url,
                    black_box(&self.body),
                    &self.signature,
                    None,
                )
                .unwrap(),
        );
    }

    fn parse(&self) {
        black_box(parse(black_box(&self.body)).unwrap());
    }

    fn hmac(&self) {
        use hmac::{Hmac, Mac};
        let mut mac = <Hmac<sha1::Sha1> as Mac>::new_from_slice(b"token").unwrap();
        mac.update(black_box(self.signing_string.as_bytes()));
        black_box(mac.finalize());
    }
}

fn verify(c: &mut Criterion) {
    let case = VerifyCase::new();
    let mut group = c.benchmark_group("verify");
    group.bench_function("verify_and_parse", |b| b.iter(|| case.verify_and_parse()));
    group.bench_function("parse", |b| b.iter(|| case.parse()));
    group.bench_function("hmac_of_signing_string", |b| b.iter(|| case.hmac()));
    group.finish();
}

/// Seconds taken by `rounds` runs of `work`.
fn time(rounds: u32, mut work: impl FnMut()) -> f64 {
    let started = std::time::Instant::now();
    for _ in 0..rounds {
        work();
    }
    started.elapsed().as_secs_f64()
}

/// Over interleaved rounds, the ratio of a baseline's time to `parse`'s on `bodies`: each
/// round times `parse` and both baselines one after the other, so that the machine's load
/// changes hit all three alike (criterion's groups run one after the other).
fn interleaved_ratios(bodies: &[Vec<u8>]) -> (Spread, Spread) {
    let total: usize = bodies.iter().map(Vec::len).sum();
    // About a millisecond of work a measurement.
    let rounds = (200_000 / total.max(1)).clamp(5, 2_000) as u32;
    let mut map_ratios = Vec::new();
    let mut scan_ratios = Vec::new();
    for _ in 0..31 {
        let ours = time(rounds, || {
            for body in bodies {
                black_box(parse(black_box(body)).unwrap());
            }
        });
        let map = time(rounds, || {
            for body in bodies {
                let map: HashMap<String, String> =
                    serde_urlencoded::from_bytes(black_box(body)).unwrap();
                black_box(map);
            }
        });
        let scan = time(rounds, || {
            for body in bodies {
                for pair in form_urlencoded::parse(black_box(body)) {
                    black_box(pair);
                }
            }
        });
        map_ratios.push(map / ours);
        scan_ratios.push(scan / ours);
    }
    (Spread::of(map_ratios), Spread::of(scan_ratios))
}

/// The ratio of `verify_and_parse`'s time to `parse`'s plus one HMAC's, interleaved.
fn interleaved_verify_ratio() -> Spread {
    let case = VerifyCase::new();
    let mut ratios = Vec::new();
    for _ in 0..31 {
        let full = time(500, || case.verify_and_parse());
        let alone = time(500, || case.parse());
        let hmac = time(500, || case.hmac());
        ratios.push(full / (alone + hmac));
    }
    Spread::of(ratios)
}

fn report(families: &BTreeMap<String, Vec<Vec<u8>>>) {
    println!(
        "\nratios, interleaved (median of 31 rounds, first and third quartiles in brackets): \
         the baseline's time over this crate's, above 1: this crate is faster"
    );
    println!("| family | vs HashMap (target >= 3) | vs bare scan (target >= 1.5) |");
    println!("|---|---|---|");
    for (group, bodies) in families {
        let (map, scan) = interleaved_ratios(bodies);
        println!("| {group} | {map} | {scan} |");
    }
    println!(
        "\nverify_and_parse over (parse + one HMAC-SHA1 of the signing string): {} \
         (target <= 1.2)",
        interleaved_verify_ratio()
    );
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let families = fixtures_by_family();
    for (group, bodies) in &families {
        compare(&mut c, group, bodies);
    }
    verify(&mut c);
    c.final_summary();
    // Profiling one benchmark (`--profile-time`) has no use for the ratios.
    if !std::env::args().any(|arg| arg == "--profile-time") {
        report(&families);
    }
}
