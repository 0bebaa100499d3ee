//! Readers on temporary files: bad records are reported with file, line and
//! reason, and the good records around them are still read.

use bede_core::Article;
use bede_ingest::{read_inputs, InputError, InputErrorKind, ReadOptions, Warning, WarningKind, WarningSink};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

type Item = Result<Article, InputError>;

fn read_all(paths: &[PathBuf], opts: &ReadOptions) -> Vec<Item> {
    read_inputs(paths, opts).collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

fn ids(items: &[Item]) -> Vec<String> {
    items.iter().filter_map(|r| r.as_ref().ok()).map(|a| a.id.clone()).collect()
}

fn errors(items: &[Item]) -> Vec<String> {
    items.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect()
}

fn collecting_opts() -> (ReadOptions, Arc<Mutex<Vec<Warning>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let opts = ReadOptions { on_warning: Some(WarningSink::new(move |w| sink.lock().unwrap().push(w.clone()))), ..ReadOptions::default() };
    (opts, seen)
}

#[test]
fn good_records_around_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = Vec::new();
    data.extend_from_slice(b"{\"id\": \"a\", \"text\": \"First story.\", \"published\": \"2021-03-04\"}\n");
    data.extend_from_slice(b"{\"id\": \"b\" \"text\": \"missing comma\"}\n");
    data.extend_from_slice(b"\n   \n");
    data.extend_from_slice(b"{\"id\": \"c\", \"title\": \"no text here\"}\n");
    data.extend_from_slice(b"{\"id\": \"d\", \"text\": \"bad \xff\xfe bytes\"}\n");
    data.extend_from_slice(b"{\"id\": \"e\", \"text\": \"Bad date.\", \"published\": \"yesterday\"}\r\n");
    data.extend_from_slice(b"{\"id\": 7, \"text\": \"Numeric id.\"}\r\n");
    data.extend_from_slice(b"{\"id\": \"z\", \"text\": \"Last, no newline.\"}");
    let p = write(dir.path(), "mixed.jsonl", &data);
    let items = read_all(std::slice::from_ref(&p), &ReadOptions::default());
    assert_eq!(ids(&items), ["a", "7", "z"]);
    let errs = errors(&items);
    let f = p.display();
    assert_eq!(errs.len(), 4, "{errs:#?}");
    assert_eq!(errs[0], format!("{f}:2: malformed JSON: expected ',' or '}}' at column 12"));
    assert_eq!(errs[1], format!("{f}:5: record has no \"text\" field"));
    assert_eq!(
        errs[2],
        format!("{f}:6: invalid UTF-8 at byte 25 of the line (byte offset {} in the file)", data.iter().position(|&b| b == 0xff).unwrap())
    );
    assert!(errs[3].starts_with(&format!("{f}:7: record field \"published\": \"yesterday\" is not a date")), "{}", errs[3]);
    for e in items.iter().filter_map(|r| r.as_ref().err()) {
        assert!(e.is_bad_input() && !e.is_io());
    }
    // Positions of good records.
    let a = items[0].as_ref().unwrap();
    assert_eq!(a.pos.line, Some(1));
    assert_eq!(a.pos.file.as_deref(), Some(p.as_path()));
    assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2021, 3, 4));
    assert_eq!(items.last().unwrap().as_ref().unwrap().pos.line, Some(9));
}

#[test]
fn over_long_line_is_skipped_without_stopping() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.jsonl");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
        writeln!(f, r#"{{"id": "before", "text": "Short."}}"#).unwrap();
        let filler = "x".repeat(3 * 1024 * 1024);
        writeln!(f, r#"{{"id": "huge", "text": "{filler}"}}"#).unwrap();
        writeln!(f, r#"{{"id": "after", "text": "Also short."}}"#).unwrap();
    }
    let opts = ReadOptions { max_record_bytes: 1024 * 1024, ..ReadOptions::default() };
    let items = read_all(std::slice::from_ref(&p), &opts);
    assert_eq!(ids(&items), ["before", "after"]);
    let errs = errors(&items);
    let bytes = 3 * 1024 * 1024 + r#"{"id": "huge", "text": ""}"#.len();
    assert_eq!(errs, [format!("{}:2: record is {bytes} bytes, over the 1 MiB limit (--max-record-bytes)", p.display())]);
    assert_eq!(items[2].as_ref().unwrap().pos.line, Some(3));
    let e = items[1].as_ref().unwrap_err();
    assert!(matches!(e.kind, InputErrorKind::TooLong { .. }));
}

#[test]
fn over_long_text_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "long.txt", &vec![b'a'; 5000]);
    let opts = ReadOptions { max_record_bytes: 4096, ..ReadOptions::default() };
    let errs = errors(&read_all(std::slice::from_ref(&p), &opts));
    assert_eq!(errs, [format!("{}: record is 5000 bytes, over the 4 KiB limit (--max-record-bytes)", p.display())]);
}

#[test]
fn empty_file_gives_nothing_but_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.jsonl", b"");
    let blank = write(dir.path(), "blank.jsonl", b"\n\n  \n");
    let empty_txt = write(dir.path(), "empty.txt", b"  \n");
    let (opts, seen) = collecting_opts();
    let items = read_all(&[empty.clone(), blank.clone(), empty_txt.clone()], &opts);
    assert!(items.is_empty());
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 3);
    assert!(seen.iter().all(|w| w.kind == WarningKind::Empty));
    assert_eq!(seen[0].pos.file.as_deref(), Some(empty.as_path()));
    assert_eq!(seen[0].to_string(), format!("{}: no records (empty input)", empty.display()));
    // Without a sink, warnings are simply dropped.
    assert!(read_all(&[empty], &ReadOptions::default()).is_empty());
}

#[test]
fn directory_walk_sorted_hidden_skipped_binary_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "b/02.txt", b"Second story text.");
    write(root, "b/01.txt", b"First story text.");
    write(root, "a.jsonl", b"{\"id\": \"j1\", \"text\": \"From JSONL.\"}\n");
    write(root, ".hidden.txt", b"Should not be read.");
    write(root, ".git/config.txt", b"Should not be read either.");
    write(root, "c/notes.md", b"# Plain text with an unknown extension.\n");
    let png = write(root, "c/image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let latin = write(root, "c/latin.dat", b"caf\xe9 text");
    let items = read_all(&[root.to_path_buf()], &ReadOptions::default());
    assert_eq!(ids(&items), ["j1", "01", "02", "notes"]);
    let errs = errors(&items);
    assert_eq!(errs, [format!("{}: binary file, skipped", png.display()), format!("{}: binary file, skipped", latin.display())]);
    let txt = items.iter().find_map(|r| r.as_ref().ok().filter(|a| a.id == "01")).unwrap();
    assert_eq!(txt.text, "First story text.");
    assert_eq!(txt.pos.line, None);
}

#[test]
fn directory_of_binary_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3 {
        let mut bytes = vec![0u8, 159, 146, 150];
        bytes.extend(vec![i as u8; 100]);
        write(dir.path(), &format!("blob{i}.bin"), &bytes);
    }
    let items = read_all(&[dir.path().to_path_buf()], &ReadOptions::default());
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|r| matches!(r, Err(e) if matches!(e.kind, InputErrorKind::Binary))));
}

#[test]
fn gzip_jsonl() {
    use flate2::write::GzEncoder;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("batch.jsonl.gz");
    let mut enc = GzEncoder::new(std::fs::File::create(&p).unwrap(), flate2::Compression::fast());
    for i in 0..100 {
        writeln!(enc, r#"{{"id": "g{i}", "text": "Story number {i}."}}"#).unwrap();
    }
    writeln!(enc, "not json").unwrap();
    enc.finish().unwrap();
    let items = read_all(std::slice::from_ref(&p), &ReadOptions::default());
    assert_eq!(ids(&items).len(), 100);
    assert_eq!(ids(&items)[99], "g99");
    let errs = errors(&items);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].starts_with(&format!("{}:101: malformed JSON", p.display())), "{}", errs[0]);
}

#[test]
fn truncated_gzip_is_an_io_error_after_the_good_records() {
    use flate2::write::GzEncoder;
    let dir = tempfile::tempdir().unwrap();
    let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    for i in 0..2000 {
        writeln!(enc, r#"{{"id": "g{i}", "text": "Story number {i} with some words to make it longer."}}"#).unwrap();
    }
    let bytes = enc.finish().unwrap();
    let p = write(dir.path(), "cut.jsonl.gz", &bytes[..bytes.len() / 2]);
    let later = write(dir.path(), "later.txt", b"Still read.");
    let items = read_all(&[p, later], &ReadOptions::default());
    let errs: Vec<&InputError> = items.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(errs.len(), 1);
    assert!(errs[0].is_io());
    assert!(ids(&items).len() > 10);
    assert_eq!(ids(&items).last().map(String::as_str), Some("later"));
}

#[test]
fn missing_file_is_an_io_error_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.jsonl");
    let ok = write(dir.path(), "ok.txt", b"Here.");
    let items = read_all(&[missing.clone(), ok], &ReadOptions::default());
    assert_eq!(ids(&items), ["ok"]);
    let e = items[0].as_ref().unwrap_err();
    assert!(e.is_io() && !e.is_bad_input());
    assert!(e.to_string().starts_with(&format!("{}: cannot read: ", missing.display())), "{e}");
}

#[test]
fn non_utf8_text_file_is_decoded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "legacy.txt", b"The minister\x92s visit to M\xfcnchen \x96 a first.");
    let (opts, seen) = collecting_opts();
    let items = read_all(std::slice::from_ref(&p), &opts);
    assert_eq!(items[0].as_ref().unwrap().text, "The minister’s visit to München – a first.");
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].kind, WarningKind::NotUtf8 { encoding: "windows-1252" });
    assert_eq!(seen[0].to_string(), format!("{}: not valid UTF-8; decoded as windows-1252", p.display()));
}

#[test]
fn html_file_gives_main_text_title_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let html = r#"<html><head><title>Envoys Agree On Fishing Truce</title>
<meta property="article:published_time" content="2022-05-06T08:00:00Z"></head>
<body><div class="menu"><a href="/a">World</a> <a href="/b">Sport</a> <a href="/c">Weather</a></div>
<article><h1>Envoys Agree On Fishing Truce</h1>
<p>The envoys of the two coastal states agreed on Thursday to a truce in their long dispute over fishing grounds in the strait.</p>
<p>Under the truce, boats from both states may fish in the disputed waters on alternate weeks until a final settlement is signed.</p>
<p>The agreement was welcomed by the fishing unions of both states, who had warned of ruin if the dispute continued into the autumn.</p>
</article><div class="comments">Leave a comment</div></body></html>"#;
    let p = write(dir.path(), "truce.html", html.as_bytes());
    let items = read_all(&[p], &ReadOptions::default());
    let a = items[0].as_ref().unwrap();
    assert_eq!(a.id, "truce");
    assert_eq!(a.title.as_deref(), Some("Envoys Agree On Fishing Truce"));
    assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2022, 5, 6));
    assert!(a.text.contains("agreed on Thursday to a truce"));
    assert!(a.text.contains("alternate weeks"));
    assert!(!a.text.contains("Weather"));
}

#[test]
fn json_array_file_is_reported_not_misread() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "arr.json", b"[{\"id\": \"x\", \"text\": \"y\"}]\n");
    let errs = errors(&read_all(&[p], &ReadOptions::default()));
    assert_eq!(errs.len(), 1);
    assert!(errs[0].contains("expected a JSON object"), "{}", errs[0]);
}

#[test]
fn inputs_is_send() {
    fn send<T: Send>(_: &T) {}
    send(&read_inputs(&[], &ReadOptions::default()));
}
