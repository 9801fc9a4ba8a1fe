//! How fast a callback is read: this crate against what users write today, in one run.
//!
//! ```text
//! cargo bench --bench parse
//! ```
//!
//! Baselines: `serde_urlencoded` into `HashMap<String, String>`, into `Vec<(String, String)>`
//! and into a flat derived struct, and the bare `form_urlencoded::parse` scan that visits
//! every pair. Measured over the whole fixture corpus and over a large Twilio voice callback;
//! then `verify_and_parse` against the HMAC alone. At the end the ratios are printed from
//! criterion's estimates, since on a shared machine only ratios of one run mean much.

use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput};
use serde::Deserialize;
use status_callbacks::signature::{sign_body, Validator};

/// What a user writes for "some fields of any callback" with serde.
#[allow(non_snake_case, dead_code)]
#[derive(Deserialize)]
struct FlatCallback {
    AccountSid: String,
    StatusCallbackEvent: Option<String>,
    Timestamp: Option<String>,
    RoomSid: Option<String>,
    RoomName: Option<String>,
    RoomStatus: Option<String>,
    ParticipantSid: Option<String>,
    ParticipantIdentity: Option<String>,
    TrackSid: Option<String>,
    RecordingSid: Option<String>,
    CompositionSid: Option<String>,
    MediaUri: Option<String>,
    Duration: Option<String>,
    CallSid: Option<String>,
    CallStatus: Option<String>,
    RecordingStatus: Option<String>,
    From: Option<String>,
    To: Option<String>,
    Direction: Option<String>,
}

fn fixtures() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flat_map(|family| std::fs::read_dir(family.unwrap().path()).unwrap())
        .map(|file| file.unwrap().path())
        // The documented shapes, one per event; `real/` holds captured ones.
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| std::fs::read(path).unwrap())
        .collect()
}

/// The same five readers over `bodies`, in one group.
fn compare(c: &mut Criterion, group: &str, bodies: &[Vec<u8>]) {
    let mut group = c.benchmark_group(group);
    group.throughput(Throughput::Bytes(
        bodies.iter().map(|b| b.len() as u64).sum(),
    ));
    group.bench_function("parse", |b| {
        b.iter(|| {
            for body in bodies {
                black_box(status_callbacks::parse(black_box(body)).unwrap());
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
    group.bench_function("serde_urlencoded_vec", |b| {
        b.iter(|| {
            for body in bodies {
                let pairs: Vec<(String, String)> =
                    serde_urlencoded::from_bytes(black_box(body)).unwrap();
                black_box(pairs);
            }
        })
    });
    group.bench_function("serde_urlencoded_flat_struct", |b| {
        b.iter(|| {
            for body in bodies {
                let flat: FlatCallback = serde_urlencoded::from_bytes(black_box(body)).unwrap();
                black_box(flat);
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

fn verify(c: &mut Criterion) {
    let body = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/voice/call-completed.txt"),
    )
    .unwrap();
    let url = "https://hooks.example.com/voice/status?tenant=7";
    let signature = sign_body("token", url, &body).unwrap();
    let validator = Validator::twilio("token").unwrap();
    let mut group = c.benchmark_group("verify");
    group.bench_function("verify_and_parse", |b| {
        b.iter(|| {
            black_box(
                validator
                    .verify_and_parse_as::<status_callbacks::Event>(
                        url,
                        black_box(&body),
                        &signature,
                        None,
                    )
                    .unwrap(),
            )
        })
    });
    group.bench_function("hmac_alone", |b| {
        use hmac::{Hmac, Mac};
        b.iter(|| {
            let mut mac = <Hmac<sha1::Sha1> as Mac>::new_from_slice(b"token").unwrap();
            mac.update(url.as_bytes());
            mac.update(black_box(&body));
            black_box(mac.finalize())
        })
    });
    group.finish();
}

/// The mean time of one benchmark of this run, from criterion's estimates.
fn mean_ns(group: &str, id: &str) -> Option<f64> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let path = target
        .join("criterion")
        .join(group)
        .join(id)
        .join("new/estimates.json");
    let estimates: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    estimates["mean"]["point_estimate"].as_f64()
}

fn report() {
    println!(
        "\nratios (times of the baseline / time of this crate; above 1 means this crate is faster)"
    );
    println!("| group | baseline | baseline time | this crate | ratio |");
    println!("|---|---|---|---|---|");
    for group in ["corpus", "voice_call"] {
        let Some(ours) = mean_ns(group, "parse") else {
            continue;
        };
        for baseline in [
            "serde_urlencoded_hashmap",
            "serde_urlencoded_vec",
            "serde_urlencoded_flat_struct",
            "form_urlencoded_scan",
        ] {
            if let Some(theirs) = mean_ns(group, baseline) {
                println!(
                    "| {group} | {baseline} | {:.2} µs | {:.2} µs | {:.2} |",
                    theirs / 1e3,
                    ours / 1e3,
                    theirs / ours
                );
            }
        }
    }
    if let (Some(full), Some(hmac)) = (
        mean_ns("verify", "verify_and_parse"),
        mean_ns("verify", "hmac_alone"),
    ) {
        println!(
            "| verify | hmac_alone | {:.2} µs | {:.2} µs (verify_and_parse) | {:.2} |",
            hmac / 1e3,
            full / 1e3,
            hmac / full
        );
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let corpus = fixtures();
    compare(&mut c, "corpus", &corpus);
    let voice = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/voice/call-completed.txt"),
    )
    .unwrap();
    compare(&mut c, "voice_call", &[voice]);
    verify(&mut c);
    c.final_summary();
    report();
}
