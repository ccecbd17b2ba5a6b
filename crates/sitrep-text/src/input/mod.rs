//! Input readers: plain-text files (one article each), JSON Lines (`{id,title,text,published,
//! source,url}` per line, streamed), HTML pages, directories (recursive, sorted) and stdin. Every
//! failure names its input and reason and the iteration goes on with the next input.

pub mod decode;
pub mod html;

use serde::Deserialize;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One article as read, before analysis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    pub id: String,
    pub title: Option<String>,
    pub text: String,
    /// As written in the input; parsed by the pipeline.
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Txt,
    Jsonl,
    Html,
}

impl InputFormat {
    pub fn parse(s: &str) -> Option<InputFormat> {
        match s {
            "txt" | "text" => Some(InputFormat::Txt),
            "jsonl" | "ndjson" | "json" => Some(InputFormat::Jsonl),
            "html" | "htm" => Some(InputFormat::Html),
            _ => None,
        }
    }
    fn from_extension(p: &Path) -> InputFormat {
        match p
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("jsonl") | Some("ndjson") => InputFormat::Jsonl,
            Some("html") | Some("htm") | Some("xhtml") => InputFormat::Html,
            _ => InputFormat::Txt,
        }
    }
}

/// Limits applied to every input.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest accepted file (or JSON line / stdin document), in bytes.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 10 * 1024 * 1024,
        }
    }
}

/// An input that could not be read: which one, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input}: {reason}")]
pub struct InputError {
    pub input: String,
    /// The document id when known (a JSON line with an id).
    pub doc_id: Option<String>,
    pub reason: String,
}

impl InputError {
    fn new(input: impl Into<String>, reason: impl Into<String>) -> InputError {
        InputError {
            input: input.into(),
            doc_id: None,
            reason: reason.into(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    title: Option<String>,
    text: Option<String>,
    published: Option<String>,
    source: Option<String>,
    url: Option<String>,
}

/// Parse one JSON Lines record. `origin` names the file (or "stdin") for messages and default ids.
pub fn parse_jsonl_line(
    line: &str,
    line_no: usize,
    origin: &str,
) -> Result<RawArticle, InputError> {
    let where_ = format!("{origin}:{line_no}");
    let value: serde_json::Value = serde_json::from_str(line)
        .map_err(|e| InputError::new(&where_, format!("malformed JSON: {e}")))?;
    let id_hint = value.get("id").map(|v| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let mut obj = match value {
        serde_json::Value::Object(m) => m,
        _ => {
            return Err(InputError::new(
                &where_,
                "a JSON line must be an object {id,title,text,published,source,url}",
            ))
        }
    };
    // Unknown fields are allowed (extra metadata); keep only ours.
    obj.retain(|k, _| {
        matches!(
            k.as_str(),
            "id" | "title" | "text" | "published" | "source" | "url"
        )
    });
    let a: JsonArticle =
        serde_json::from_value(serde_json::Value::Object(obj)).map_err(|e| InputError {
            input: where_.clone(),
            doc_id: id_hint.clone(),
            reason: format!("bad field: {e}"),
        })?;
    let id = match a.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => where_.clone(),
    };
    let text = a.text.ok_or_else(|| InputError {
        input: where_.clone(),
        doc_id: Some(id.clone()),
        reason: "missing `text` field".into(),
    })?;
    if let Err(e) = decode::check_text(&text) {
        return Err(InputError {
            input: where_,
            doc_id: Some(id),
            reason: e.to_string(),
        });
    }
    let text = text
        .strip_prefix('\u{FEFF}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(RawArticle {
        id,
        title: a.title,
        text,
        published: a.published,
        source: a.source,
        url: a.url,
    })
}

enum Pending {
    Path(PathBuf, Option<InputFormat>),
    Stdin(Option<InputFormat>),
    /// Found while walking a directory (an unreadable entry, a symlink loop): reported in order.
    Failed(InputError),
}

/// Streams articles from paths; JSON Lines are read line by line (bounded memory).
pub struct Inputs {
    queue: VecDeque<Pending>,
    lines: Option<(Box<dyn BufRead>, String, usize)>,
    limits: Limits,
}

/// Read every input named in `paths` (`-` is stdin). `format` forces a format; otherwise it comes
/// from the extension (stdin: sniffed from the first byte).
pub fn read_inputs(paths: &[String], format: Option<InputFormat>, limits: &Limits) -> Inputs {
    let queue = paths
        .iter()
        .map(|p| {
            if p == "-" {
                Pending::Stdin(format)
            } else {
                Pending::Path(PathBuf::from(p), format)
            }
        })
        .collect();
    Inputs {
        queue,
        lines: None,
        limits: limits.clone(),
    }
}

/// Consume the rest of a line without storing it; stops at end of input or on a read error.
fn skip_line(reader: &mut dyn BufRead) {
    loop {
        let (done, used) = match reader.fill_buf() {
            Ok([]) | Err(_) => return,
            Ok(buf) => match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (true, i + 1),
                None => (false, buf.len()),
            },
        };
        reader.consume(used);
        if done {
            return;
        }
    }
}

/// At most `max + 1` bytes of a file (one more than the limit, so that `whole` can refuse it).
fn read_bounded(p: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    File::open(p)?
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn file_id(p: &Path) -> String {
    p.file_stem()
        .and_then(|s| s.to_str())
        .map(str::to_string)
        .unwrap_or_else(|| p.display().to_string())
}

impl Inputs {
    fn next_line(&mut self) -> Option<Result<RawArticle, InputError>> {
        let max = self.limits.max_bytes;
        let (reader, origin, line_no) = self.lines.as_mut()?;
        loop {
            let mut buf = Vec::new();
            *line_no += 1;
            match reader
                .by_ref()
                .take(max.saturating_add(1))
                .read_until(b'\n', &mut buf)
            {
                Ok(0) => {
                    self.lines = None;
                    return None;
                }
                Ok(_) => {
                    if buf.len() as u64 > max && !buf.ends_with(b"\n") {
                        // Skip the rest of this over-long line (without keeping it: it may not end).
                        skip_line(reader);
                        return Some(Err(InputError::new(
                            format!("{origin}:{line_no}"),
                            format!("line longer than the size limit of {max} bytes"),
                        )));
                    }
                    let bytes = if *line_no == 1 {
                        buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf)
                    } else {
                        &buf[..]
                    };
                    let line = match std::str::from_utf8(bytes) {
                        Ok(s) => s.trim(),
                        Err(e) => {
                            return Some(Err(InputError::new(
                                format!("{origin}:{line_no}"),
                                format!("invalid UTF-8 at byte {}", e.valid_up_to()),
                            )))
                        }
                    };
                    if line.is_empty() {
                        continue;
                    }
                    return Some(parse_jsonl_line(line, *line_no, origin));
                }
                Err(e) => {
                    let o = origin.clone();
                    self.lines = None;
                    return Some(Err(InputError::new(o, format!("read error: {e}"))));
                }
            }
        }
    }

    fn whole(
        &self,
        name: &str,
        bytes: Vec<u8>,
        fmt: InputFormat,
        id: String,
    ) -> Result<RawArticle, InputError> {
        if bytes.len() as u64 > self.limits.max_bytes {
            return Err(InputError::new(
                name,
                format!(
                    "{} bytes, over the size limit of {} bytes",
                    bytes.len(),
                    self.limits.max_bytes
                ),
            ));
        }
        let text = decode::decode(&bytes).map_err(|e| InputError::new(name, e.to_string()))?;
        match fmt {
            InputFormat::Html => {
                let a = html::extract(&text);
                if a.text.trim().is_empty()
                    || a.text.trim() == a.title.as_deref().unwrap_or("").trim()
                {
                    return Err(InputError::new(
                        name,
                        "no article text found in the HTML page",
                    ));
                }
                Ok(RawArticle {
                    id,
                    title: a.title,
                    text: a.text,
                    published: a.published,
                    ..Default::default()
                })
            }
            _ => Ok(RawArticle {
                id,
                text,
                ..Default::default()
            }),
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<RawArticle, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.lines.is_some() {
                if let Some(r) = self.next_line() {
                    return Some(r);
                }
                continue;
            }
            match self.queue.pop_front()? {
                Pending::Failed(e) => return Some(Err(e)),
                Pending::Stdin(fmt) => {
                    let mut stdin = BufReader::new(std::io::stdin());
                    let fmt = match fmt {
                        Some(f) => f,
                        None => match stdin.fill_buf() {
                            Ok(b) => match b.iter().find(|c| !c.is_ascii_whitespace()) {
                                Some(b'{') => InputFormat::Jsonl,
                                Some(b'<') => InputFormat::Html,
                                _ => InputFormat::Txt,
                            },
                            Err(e) => {
                                return Some(Err(InputError::new(
                                    "stdin",
                                    format!("read error: {e}"),
                                )))
                            }
                        },
                    };
                    if fmt == InputFormat::Jsonl {
                        self.lines = Some((Box::new(stdin), "stdin".into(), 0));
                        continue;
                    }
                    let mut bytes = Vec::new();
                    if let Err(e) = stdin
                        .take(self.limits.max_bytes.saturating_add(1))
                        .read_to_end(&mut bytes)
                    {
                        return Some(Err(InputError::new("stdin", format!("read error: {e}"))));
                    }
                    return Some(self.whole("stdin", bytes, fmt, "stdin".into()));
                }
                Pending::Path(p, fmt) => {
                    let name = p.display().to_string();
                    let meta = match std::fs::metadata(&p) {
                        Ok(m) => m,
                        Err(e) => {
                            return Some(Err(InputError::new(name, format!("cannot read: {e}"))))
                        }
                    };
                    if meta.is_dir() {
                        // Entries that cannot be walked are reported, never silently skipped.
                        let mut found: Vec<(PathBuf, Pending)> = Vec::new();
                        let walk = walkdir::WalkDir::new(&p).follow_links(true).into_iter();
                        for entry in walk.filter_entry(|e| {
                            e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                        }) {
                            match entry {
                                Ok(e) if e.file_type().is_file() => {
                                    let f = e.into_path();
                                    found.push((f.clone(), Pending::Path(f, fmt)));
                                }
                                Ok(_) => {}
                                Err(e) => {
                                    let at = e.path().unwrap_or(&p).to_path_buf();
                                    let why = if e.loop_ancestor().is_some() {
                                        "symbolic link loop, not followed".to_string()
                                    } else {
                                        match e.io_error() {
                                            Some(io) => format!("cannot read: {io}"),
                                            None => format!("cannot read: {e}"),
                                        }
                                    };
                                    let err = InputError::new(at.display().to_string(), why);
                                    found.push((at, Pending::Failed(err)));
                                }
                            }
                        }
                        if found.is_empty() {
                            return Some(Err(InputError::new(
                                name,
                                "no files to read in this directory (hidden ones are skipped)",
                            )));
                        }
                        found.sort_by(|a, b| a.0.cmp(&b.0));
                        for (_, f) in found.into_iter().rev() {
                            self.queue.push_front(f);
                        }
                        continue;
                    }
                    let fmt = fmt.unwrap_or_else(|| InputFormat::from_extension(&p));
                    if fmt == InputFormat::Jsonl {
                        match File::open(&p) {
                            Ok(f) => {
                                self.lines = Some((Box::new(BufReader::new(f)), name, 0));
                                continue;
                            }
                            Err(e) => {
                                return Some(Err(InputError::new(
                                    name,
                                    format!("cannot read: {e}"),
                                )))
                            }
                        }
                    }
                    if meta.len() > self.limits.max_bytes {
                        return Some(Err(InputError::new(
                            name,
                            format!(
                                "{} bytes, over the size limit of {} bytes",
                                meta.len(),
                                self.limits.max_bytes
                            ),
                        )));
                    }
                    // Bounded read: a device or FIFO reports length 0 and may never end.
                    let bytes = match read_bounded(&p, self.limits.max_bytes) {
                        Ok(b) => b,
                        Err(e) => {
                            return Some(Err(InputError::new(name, format!("cannot read: {e}"))))
                        }
                    };
                    return Some(self.whole(&name, bytes, fmt, file_id(&p)));
                }
            }
        }
    }
}
