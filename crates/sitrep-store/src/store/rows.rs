//! One article's rows in a write batch of `Store`: the statements a batch runs ([`Statements`],
//! prepared once per batch), duplicates, and the article, annotation, event and control-claim
//! rows.

use crate::codec::{self, parse_day, parse_range, place_key, rank, NO_DAY};
use crate::packed::{EventRow, PackedArticle};
use crate::summary_row::MemberCache;
use crate::types::{Article, IngestOutcome};
use rusqlite::{params, CachedStatement, Connection, OptionalExtension};
use sitrep_events::ControlClaim;
use sitrep_text::fxhash::FxHashMap;

/// How an article may already be stored, in the order they are tried: the query finding it and
/// the word `IngestOutcome::Duplicate` reports.
const DUPLICATE_BY: [(&str, &str); 3] = [
    ("SELECT id FROM articles WHERE hash = ?1", "content"),
    ("SELECT id FROM articles WHERE url = ?1", "url"),
    ("SELECT id FROM articles WHERE ext_id = ?1", "id"),
];

/// The statements a write batch runs, prepared once per batch rather than looked up in the
/// connection's cache for every row (they go back to it when the batch ends).
pub(super) struct Statements<'c> {
    duplicate: [CachedStatement<'c>; 3],
    source_add: CachedStatement<'c>,
    source_id: CachedStatement<'c>,
    article: CachedStatement<'c>,
    annotation: CachedStatement<'c>,
    event: CachedStatement<'c>,
    place_name: CachedStatement<'c>,
    claim: CachedStatement<'c>,
    span: CachedStatement<'c>,
    /// Source ids this batch has looked up or added (gone with the batch's transaction).
    sources: FxHashMap<String, i64>,
    /// The longest date range of the batch's events, recorded once at its end ([`Statements::finish`]).
    max_span: i64,
}

impl<'c> Statements<'c> {
    pub fn new(conn: &'c Connection) -> rusqlite::Result<Statements<'c>> {
        let by = |k: usize| conn.prepare_cached(DUPLICATE_BY[k].0);
        Ok(Statements {
            duplicate: [by(0)?, by(1)?, by(2)?],
            source_add: conn.prepare_cached("INSERT OR IGNORE INTO sources(name) VALUES (?1)")?,
            source_id: conn.prepare_cached("SELECT id FROM sources WHERE name = ?1")?,
            article: conn.prepare_cached(
                "INSERT INTO articles(ext_id, title, url, source_id, published, text, hash) VALUES (?1,?2,?3,?4,?5,?6,?7)",
            )?,
            annotation: conn
                .prepare_cached("INSERT INTO annotations(article_id, json) VALUES (?1, ?2)")?,
            event: conn.prepare_cached(
                "INSERT INTO events(article_id, ord, day_first, day_last, lat, lon, country, admin1, admin2, geo_precision,
                   event_type, sub_type, actor1, actor2, certainty, background, fatalities, json)
                 VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)",
            )?,
            place_name: conn
                .prepare_cached("INSERT OR IGNORE INTO place_names(folded, key) VALUES (?1, ?2)")?,
            claim: conn.prepare_cached(
                "INSERT INTO control_claims(article_id, event_id, place_key, day_first, day_last, certainty, json)
                 VALUES (?1,?2,?3,?4,?5,?6,?7)",
            )?,
            span: conn.prepare_cached(
                "INSERT INTO meta(key, value) VALUES ('max_event_span', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)",
            )?,
            sources: FxHashMap::default(),
            max_span: 0,
        })
    }

    /// Record what the batch's rows leave for its end (the longest event range), before the
    /// transaction commits.
    pub fn finish(mut self) -> rusqlite::Result<()> {
        if self.max_span > 0 {
            self.span.execute([self.max_span])?;
        }
        Ok(())
    }

    /// The id of the outlet `name`, added if new.
    fn source_id(&mut self, name: &str) -> rusqlite::Result<i64> {
        if let Some(&id) = self.sources.get(name) {
            return Ok(id);
        }
        self.source_add.execute([name])?;
        let id = self.source_id.query_row([name], |r| r.get(0))?;
        self.sources.insert(name.to_string(), id);
        Ok(id)
    }
}

/// Whether `a` (content hash `hash`) is already stored: the id it has and by what. `one(k, value)`
/// runs the query `DUPLICATE_BY[k]`.
fn find_duplicate_by(
    a: &Article,
    hash: &[u8],
    mut one: impl FnMut(usize, &dyn rusqlite::ToSql) -> rusqlite::Result<Option<i64>>,
) -> rusqlite::Result<Option<(i64, &'static str)>> {
    let url = a.url.as_deref().filter(|u| !u.trim().is_empty());
    let ext_id = Some(a.id.as_str()).filter(|id| !id.trim().is_empty());
    let values: [Option<&dyn rusqlite::ToSql>; 3] = [
        Some(&hash),
        url.as_ref().map(|u| u as &dyn rusqlite::ToSql),
        ext_id.as_ref().map(|id| id as &dyn rusqlite::ToSql),
    ];
    for (k, value) in values.into_iter().enumerate() {
        if let Some(value) = value {
            if let Some(id) = one(k, value)? {
                return Ok(Some((id, DUPLICATE_BY[k].1)));
            }
        }
    }
    Ok(None)
}

/// [`find_duplicate_by`] on any connection (statements from its cache).
pub(super) fn find_duplicate(
    conn: &Connection,
    a: &Article,
    hash: &[u8],
) -> rusqlite::Result<Option<(i64, &'static str)>> {
    find_duplicate_by(a, hash, |k, value| {
        conn.prepare_cached(DUPLICATE_BY[k].0)?
            .query_row([value], |r| r.get(0))
            .optional()
    })
}

/// Write one packed article (unless it is a duplicate) with the batch's statements `st` on
/// `conn`, the connection they belong to; the facts of its events are added to `facts`.
pub(super) fn write_article(
    conn: &Connection,
    st: &mut Statements,
    p: &mut PackedArticle,
    facts: &mut MemberCache,
) -> rusqlite::Result<IngestOutcome> {
    let (a, hash) = (&p.article, &p.hash);
    let duplicate = find_duplicate_by(a, hash, |k, value| {
        st.duplicate[k].query_row([value], |r| r.get(0)).optional()
    })?;
    if let Some((existing, by)) = duplicate {
        return Ok(IngestOutcome::Duplicate { existing, by });
    }
    let source_id: Option<i64> = match a.source.as_deref().map(str::trim).filter(|s| !s.is_empty())
    {
        Some(name) => Some(st.source_id(name)?),
        None => None,
    };
    st.article.execute(params![
        a.id,
        a.title,
        a.url.as_deref().filter(|u| !u.trim().is_empty()),
        source_id,
        a.published,
        a.text,
        &hash[..]
    ])?;
    let article_id = conn.last_insert_rowid();
    if let Some(ann) = &p.annotation {
        st.annotation.execute(params![article_id, ann])?;
    }
    for (ord, row) in p.events.iter().enumerate() {
        let id = insert_event(conn, st, article_id, ord, row)?;
        facts.wrote(id);
        if let Some(mut lite) = p.facts.get_mut(ord).and_then(Option::take) {
            lite.article_id = article_id;
            facts.push(id, lite);
        }
        if row.cols.day_first != NO_DAY {
            st.max_span = st.max_span.max(row.cols.day_last - row.cols.day_first);
        }
        if let Some((claim, blob)) = &row.claim {
            insert_claim(st, article_id, Some(id), claim, blob, &a.text)?;
        }
    }
    for (c, blob) in &p.control {
        insert_claim(st, article_id, None, c, blob, &a.text)?;
    }
    Ok(IngestOutcome::Added {
        article_id,
        events: p.events.len(),
        control: p.control.len(),
    })
}

fn insert_event(
    conn: &Connection,
    st: &mut Statements,
    article_id: i64,
    ord: usize,
    e: &EventRow,
) -> rusqlite::Result<i64> {
    let c = &e.cols;
    st.event.execute(params![
        article_id,
        ord as i64,
        c.day_first,
        c.day_last,
        c.lat,
        c.lon,
        c.country,
        c.admin1,
        c.admin2,
        c.geo_precision,
        c.event_type,
        c.sub_type,
        c.actor1,
        c.actor2,
        c.certainty,
        c.background,
        c.fatalities,
        e.blob,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Store a claim. Claims without a readable date are kept but dated
/// by nothing (they never make an interval).
fn insert_claim(
    st: &mut Statements,
    article_id: i64,
    event_id: Option<i64>,
    c: &ControlClaim,
    blob: &[u8],
    text: &str,
) -> rusqlite::Result<()> {
    let key = place_key(c.place.geonameid, &c.place.name);
    let (d0, d1) = parse_range(&c.date.range)
        .or_else(|| parse_day(&c.date.value).map(|d| (d, d)))
        .unwrap_or((NO_DAY, NO_DAY));
    // The words the article used ("Rutba" for GeoNames' "Ar Ruţbah") also find the place.
    if let Some(said) =
        codec::char_slice(text, c.place.start, c.place.end).filter(|t| !t.trim().is_empty())
    {
        st.place_name
            .execute(params![sitrep_text::fold(said), key])?;
    }
    st.claim.execute(params![
        article_id,
        event_id,
        key,
        d0,
        d1,
        rank(c.certainty),
        blob
    ])?;
    Ok(())
}
