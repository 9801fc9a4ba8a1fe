//! The README and the crate docs say what they share (features, coverage, limits) in one text:
//! the files in `docs/`, included in the crate docs, and copied into the README between
//! markers, `<!-- NAME: docs/NAME.md -->` and `<!-- end -->`. The copy differs from the file
//! only in its links: `` [`EventKind`] `` is an intra-doc link in the crate docs and plain
//! `` `EventKind` `` in the README.

use status_callbacks::{EventKind, Family};

const README: &str = include_str!("../README.md");

fn doc(path: &str) -> String {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|err| panic!("cannot read {full}: {err}"))
}

/// The README's copy of a docs file: its intra-doc links (`` [`path`] ``) as plain code spans.
fn readme_copy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("[`") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let link = after
            .find("`]")
            .map(|end| &after[..end + 1])
            .filter(|code| !code[1..code.len() - 1].contains(['`', '\n']));
        match link {
            // Not followed by `(` or `[`: a link rustdoc resolves by its path.
            Some(code) if !after[code.len() + 1..].starts_with(['(', '[']) => {
                out.push_str(code);
                rest = &after[code.len() + 1..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every `(name, path, text between the markers)` in the README.
fn readme_blocks() -> Vec<(&'static str, &'static str, &'static str)> {
    let mut blocks = Vec::new();
    let mut rest = README;
    while let Some(start) = rest.find("<!-- ") {
        let line_end = start + rest[start..].find('\n').expect("a marker ends its line");
        let marker = &rest[start + "<!-- ".len()..line_end];
        let marker = marker
            .strip_suffix(" -->")
            .expect("a marker is `<!-- NAME: PATH -->`");
        let (name, path) = marker
            .split_once(": ")
            .unwrap_or_else(|| panic!("`<!-- {marker} -->` is not `<!-- NAME: PATH -->`"));
        let body = &rest[line_end + 1..];
        let end = body
            .find("<!-- end -->")
            .unwrap_or_else(|| panic!("`<!-- {marker} -->` has no `<!-- end -->`"));
        blocks.push((name, path, &body[..end]));
        rest = &body[end + "<!-- end -->".len()..];
    }
    blocks
}

#[test]
fn the_readme_copies_the_shared_texts_word_for_word() {
    let blocks = readme_blocks();
    let names: Vec<&str> = blocks.iter().map(|(name, _, _)| *name).collect();
    assert_eq!(names, ["features", "coverage", "limits"]);
    let mut stale = Vec::new();
    for (name, path, copy) in blocks {
        assert_eq!(path, format!("docs/{name}.md"));
        let expected = format!("\n{}\n", readme_copy(&doc(path)));
        if copy != expected {
            stale.push(format!(
                "The README's copy of {path} differs from the file. Between \
                 `<!-- {name}: {path} -->` and `<!-- end -->` it should read:\n{expected}"
            ));
        }
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

#[test]
fn the_crate_docs_include_the_shared_texts() {
    let lib = doc("src/lib.rs");
    for name in ["features", "coverage", "limits"] {
        let include = format!("#![doc = include_str!(\"../docs/{name}.md\")]");
        assert!(lib.contains(&include), "src/lib.rs lacks {include}");
    }
}

#[test]
fn links_become_code_spans_in_the_readme() {
    assert_eq!(
        readme_copy("[`parse`] tries, [`Event::Unknown`]: kept; [`a`](b) and [`c`][d] stay, [x]"),
        "`parse` tries, `Event::Unknown`: kept; [`a`](b) and [`c`][d] stay, [x]"
    );
}

/// The coverage table names every family's parameter and every value that tells a kind, so
/// a family or an event added to the registry without its row fails here.
#[test]
fn the_coverage_table_lists_every_family_and_kind() {
    let coverage = doc("docs/coverage.md");
    let table: Vec<&str> = coverage
        .lines()
        .filter(|line| line.starts_with('|'))
        .collect();
    for family in Family::ALL {
        let discriminator = format!("`{}`", family.discriminator());
        assert!(
            family.discriminator() == "StatusCallbackEvent" || coverage.contains(&discriminator),
            "docs/coverage.md does not name {discriminator} ({family})"
        );
    }
    for kind in EventKind::all() {
        let Some(value) = kind.wire_value() else {
            continue;
        };
        let value = format!("`{value}`");
        assert!(
            table.iter().any(|row| row.contains(&value)),
            "docs/coverage.md does not list {value} ({kind:?})"
        );
    }
}
