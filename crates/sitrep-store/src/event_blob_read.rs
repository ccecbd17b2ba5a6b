//! Reading a compact event blob (`event_blob`) back into the event it was made from, with the
//! row's columns and the article's ext_id and text.

use super::*;
use crate::codec::certainty_of;

/// The event of a compact blob, with its row's columns and its article's ext_id and text. A
/// mention text that cannot be cut from `text` (e.g. a caller that did not read the text) is
/// left empty.
pub(crate) fn decode(
    blob: &[u8],
    cols: &EventCols,
    ext_id: &str,
    text: &Slicer,
) -> ReadResult<Event> {
    let mut r = Reader::new(blob);
    if r.u8()? != TAG_EVENT {
        return Err("not a compact event blob".into());
    }
    let flags = r.uv()?;
    let on = |f: u64| flags & f != 0;
    let record = if on(F_RECORD) {
        r.string()?
    } else {
        "event".to_string()
    };
    let doc_id = if on(F_DOC_ID) {
        r.string()?
    } else {
        ext_id.to_string()
    };
    let event_id = if on(F_EVENT_ID) {
        r.string()?
    } else {
        format!("{doc_id}-e{}", r.uv()?)
    };
    let (es, ee) = span(&mut r)?;
    let evidence = Evidence {
        start: es,
        end: ee,
        text: if on(F_EVIDENCE_TEXT) {
            r.string()?
        } else {
            cut(text, es, ee)
        },
    };
    let cameo = on(F_CAMEO).then(|| r.string()).transpose()?;
    let plover = on(F_PLOVER).then(|| r.string()).transpose()?;
    let actor1 = on(F_ACTOR1)
        .then(|| actor(&mut r, cols.actor1.as_deref(), text))
        .transpose()?;
    let actor2 = on(F_ACTOR2)
        .then(|| actor(&mut r, cols.actor2.as_deref(), text))
        .transpose()?;
    let (mut assoc_actor1, mut assoc_actor2) = (Vec::new(), Vec::new());
    if on(F_ASSOC) {
        for list in [&mut assoc_actor1, &mut assoc_actor2] {
            let n = r.count()?;
            for _ in 0..n {
                list.push(actor(&mut r, None, text)?);
            }
        }
    }
    let place = on(F_PLACE).then(|| place(&mut r, cols, text)).transpose()?;
    let date = on(F_DATE)
        .then(|| date(&mut r, cols, &evidence))
        .transpose()?;
    let injured = on(F_INJURED).then(|| r.u32()).transpose()?;
    let arrested = on(F_ARRESTED).then(|| r.u32()).transpose()?;
    let n = r.count()?;
    let mut sources = Vec::with_capacity(n);
    for _ in 0..n {
        let f = r.u8()?;
        let name = (f & S_NAME != 0).then(|| r.string()).transpose()?;
        let role = (f & S_ROLE != 0).then(|| r.string()).transpose()?;
        let (start, end) = span(&mut r)?;
        sources.push(Source {
            name: name.unwrap_or_else(|| cut(text, start, end)),
            role,
            anonymous: f & S_ANONYMOUS != 0,
            start,
            end,
        });
    }
    if !r.at_end() {
        return Err("bytes after the event".into());
    }
    Ok(Event {
        record,
        event_id,
        doc_id,
        acled_event_type: cols.event_type.clone(),
        acled_sub_event_type: cols.sub_type.clone(),
        cameo,
        plover,
        actor1,
        actor2,
        assoc_actor1,
        assoc_actor2,
        place,
        date,
        fatalities: cols
            .fatalities
            .map(u32::try_from)
            .transpose()
            .map_err(|_| "fatalities out of range".to_string())?,
        injured,
        arrested,
        sources,
        certainty: certainty_of(cols.certainty),
        background: cols.background,
        evidence,
    })
}

fn cut(text: &Slicer, start: usize, end: usize) -> String {
    text.get(start, end).unwrap_or_default().to_string()
}

fn actor(r: &mut Reader, column: Option<&str>, text: &Slicer) -> ReadResult<EventActor> {
    let f = r.u8()?;
    let name = if f & A_NAME != 0 {
        r.string()?
    } else {
        column.ok_or("actor name column is empty")?.to_string()
    };
    let actor_type = r.string()?;
    let code = (f & A_CODE != 0).then(|| r.string()).transpose()?;
    let said = (f & A_TEXT != 0).then(|| r.string()).transpose()?;
    let (start, end) = span(r)?;
    Ok(EventActor {
        name,
        actor_type,
        code,
        text: said.unwrap_or_else(|| cut(text, start, end)),
        start,
        end,
    })
}

fn place(r: &mut Reader, cols: &EventCols, text: &Slicer) -> ReadResult<EventPlace> {
    let f = r.u8()?;
    let name = (f & P_NAME != 0).then(|| r.string()).transpose()?;
    let geonameid = (f & P_GEONAMEID != 0).then(|| r.u32()).transpose()?;
    let kind = r.string()?;
    let country = if f & P_COUNTRY != 0 {
        r.string()?
    } else {
        cols.country.clone().ok_or("country column is empty")?
    };
    let (lat, lon) = if f & P_COORDS != 0 {
        (r.f64()?, r.f64()?)
    } else {
        match (cols.lat, cols.lon) {
            (Some(a), Some(b)) => (a, b),
            _ => return Err("coordinate columns are empty".into()),
        }
    };
    let geo_precision = cols
        .geo_precision
        .and_then(|g| u8::try_from(g).ok())
        .ok_or("bad geo_precision column")?;
    let (start, end) = span(r)?;
    Ok(EventPlace {
        name: name.unwrap_or_else(|| cut(text, start, end)),
        geonameid,
        kind,
        country,
        admin1: cols.admin1.clone(),
        admin2: cols.admin2.clone(),
        lat,
        lon,
        geo_precision,
        start,
        end,
    })
}

fn date(r: &mut Reader, cols: &EventCols, evidence: &Evidence) -> ReadResult<EventDate> {
    let f = r.u8()?;
    let range = if f & D_RANGE != 0 {
        [r.string()?, r.string()?]
    } else {
        let day = |d: i64| iso(d).ok_or_else(|| format!("bad day column {d}"));
        [day(cols.day_first)?, day(cols.day_last)?]
    };
    let value = if f & D_VALUE_PREFIX != 0 {
        let n = r.usize()?;
        range[0]
            .get(..n)
            .ok_or("bad date value prefix")?
            .to_string()
    } else {
        r.string()?
    };
    let time_precision = r.u8()?;
    let (start, end) = if f & D_SPAN != 0 {
        span(r)?
    } else {
        (evidence.start, evidence.end)
    };
    Ok(EventDate {
        value,
        range,
        time_precision,
        start,
        end,
    })
}
