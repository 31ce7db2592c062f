//! Every word exists in every language: a key missing in Japanese or English fails here, not in
//! front of a reader.
use std::{
    collections::BTreeSet,
    fs,
    path::{Path, PathBuf},
};

use fluent_syntax::{ast, parser};

use super::Lang;
use crate::AppError;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("readable directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The message ids (and `-term` ids) defined in one language's Fluent files.
fn keys_of(lang: Lang) -> BTreeSet<String> {
    let dir = crate_dir().join("locales").join(lang.code());
    let mut keys = BTreeSet::new();
    for file in files_under(&dir, "ftl") {
        let source = fs::read_to_string(&file).expect("readable Fluent file");
        let resource = parser::parse(source.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", file.display()));
        for entry in resource.body {
            let id = match entry {
                ast::Entry::Message(m) => m.id.name.to_owned(),
                ast::Entry::Term(t) => format!("-{}", t.id.name),
                _ => continue,
            };
            assert!(
                keys.insert(id.clone()),
                "{id} is defined twice for {lang:?}"
            );
        }
    }
    keys
}

/// The keys the code asks for: the literal after `tr!(lang, ` anywhere under `src/`.
fn keys_used_in_code() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for file in files_under(&crate_dir().join("src"), "rs") {
        let source = fs::read_to_string(&file).expect("readable source");
        for (at, _) in source.match_indices("tr!(") {
            let rest = &source[at + 4..];
            let Some(comma) = rest.find(',') else {
                continue;
            };
            let after = rest[comma + 1..].trim_start();
            if let Some(literal) = after.strip_prefix('"') {
                if let Some(end) = literal.find('"') {
                    keys.insert(literal[..end].to_owned());
                }
            }
        }
    }
    keys
}

#[test]
fn both_languages_define_the_same_keys() {
    let english = keys_of(Lang::En);
    let japanese = keys_of(Lang::Ja);
    let only_english: Vec<_> = english.difference(&japanese).collect();
    let only_japanese: Vec<_> = japanese.difference(&english).collect();
    assert!(
        only_english.is_empty() && only_japanese.is_empty(),
        "missing in Japanese: {only_english:?}; missing in English: {only_japanese:?}"
    );
    assert!(english.len() > 100, "the Fluent files were not found");
}

#[test]
fn every_key_used_in_the_code_is_in_every_language() {
    let used = keys_used_in_code();
    assert!(used.len() > 100, "the scan found too few keys: {used:?}");
    for lang in Lang::ALL {
        let defined = keys_of(lang);
        let missing: Vec<_> = used.difference(&defined).collect();
        assert!(missing.is_empty(), "{lang:?} has no text for {missing:?}");
    }
}

#[test]
fn every_error_has_words_in_every_language() {
    for lang in Lang::ALL {
        let defined = keys_of(lang);
        for error in AppError::all() {
            let key = format!("error-{}", error.code());
            assert!(defined.contains(&key), "{lang:?} has no text for {key}");
        }
    }
}

#[test]
fn japanese_errors_read_as_japanese_and_english_ones_as_english() {
    let taken = AppError::UsernameTaken;
    assert_eq!(
        Lang::En.error(&taken),
        "That username is taken. Please choose another."
    );
    assert_eq!(
        Lang::Ja.error(&taken),
        "そのユーザー名はすでに使われています。別の名前を選んでください。"
    );
    let detail = AppError::BadRequest("missing field `body`".into());
    assert!(Lang::Ja.error(&detail).ends_with(": missing field `body`"));
}

#[test]
fn plurals_follow_each_language() {
    assert_eq!(crate::tr!(Lang::En, "ago-minutes", n = 1), "1 minute ago");
    assert_eq!(crate::tr!(Lang::En, "ago-minutes", n = 3), "3 minutes ago");
    assert_eq!(crate::tr!(Lang::Ja, "ago-minutes", n = 3), "3分前");
}

#[test]
fn a_language_reads_back_from_its_code() {
    for lang in Lang::ALL {
        assert_eq!(Lang::from_code(lang.code()), Some(lang));
    }
    assert_eq!(Lang::from_code("fr"), None);
}
