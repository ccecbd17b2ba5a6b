//! Reading a compact JSON blob (`value_blob`) back into the `serde_json::Value` its JSON text
//! would parse to.

use super::*;

/// The value of a compact JSON blob; members left out as slices are cut from `text` (empty
/// when the text does not have them).
pub(crate) fn decode(blob: &[u8], text: &str) -> ReadResult<Value> {
    let mut r = Reader::new(blob);
    if r.u8()? != TAG_VALUE {
        return Err("not a compact JSON blob".into());
    }
    let mut d = Dec {
        r,
        names: Vec::new(),
        text: Slicer::new(text),
    };
    let v = match d.value(0)? {
        Item::Value(v) => v,
        Item::Slice => return Err("a slice outside any object".into()),
    };
    if !d.r.at_end() {
        return Err("bytes after the value".into());
    }
    Ok(v)
}

struct Dec<'a, 't> {
    r: Reader<'a>,
    names: Vec<String>,
    text: Slicer<'t>,
}

enum Item {
    Value(Value),
    /// A string member to cut from the text at its span.
    Slice,
}

/// A float as reading the JSON serde_json writes for it gives it back (non-finite: `null`).
fn float(text: Result<String, serde_json::Error>) -> Value {
    text.ok()
        .and_then(|s| serde_json::from_str::<f64>(&s).ok())
        .and_then(Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

impl Dec<'_, '_> {
    fn value(&mut self, depth: usize) -> ReadResult<Item> {
        if depth > MAX_DEPTH {
            return Err("nested too deep".into());
        }
        let v = match self.r.u8()? {
            V_NULL => Value::Null,
            V_FALSE => Value::Bool(false),
            V_TRUE => Value::Bool(true),
            V_UINT => Value::Number(self.r.uv()?.into()),
            V_NEG => Value::Number((!(self.r.uv()? as i64)).into()),
            V_F64 => {
                let x = self.r.f64()?;
                if x.is_finite() {
                    float(serde_json::to_string(&x))
                } else {
                    Value::Null
                }
            }
            V_F32 => {
                let b = self.r.bytes(4)?;
                let x = f32::from_bits(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
                if x.is_finite() {
                    float(serde_json::to_string(&x))
                } else {
                    Value::Null
                }
            }
            V_STR => Value::String(self.r.string()?),
            V_SLICE => return Ok(Item::Slice),
            V_ARRAY => {
                let mut items = Vec::new();
                loop {
                    if self.peek_end()? {
                        break;
                    }
                    match self.value(depth + 1)? {
                        Item::Value(v) => items.push(v),
                        Item::Slice => return Err("a slice in an array".into()),
                    }
                }
                Value::Array(items)
            }
            V_OBJECT => self.object(depth)?,
            t => return Err(format!("unknown value tag {t}")),
        };
        Ok(Item::Value(v))
    }

    /// Whether the next byte closes an array (and take it).
    fn peek_end(&mut self) -> ReadResult<bool> {
        let end = self.r.peek()? == V_END;
        if end {
            self.r.u8()?;
        }
        Ok(end)
    }

    fn object(&mut self, depth: usize) -> ReadResult<Value> {
        let mut members: Vec<(usize, Item)> = Vec::new();
        loop {
            let h = self.r.uv()?;
            if h == 0 {
                break;
            }
            let k = if h & 1 == 1 {
                let n = usize::try_from(h >> 1).map_err(|_| "bad key length")?;
                let name = std::str::from_utf8(self.r.bytes(n)?).map_err(|e| e.to_string())?;
                self.names.push(name.to_string());
                self.names.len() - 1
            } else {
                let k = usize::try_from((h >> 1) - 1).map_err(|_| "bad key number")?;
                if k >= self.names.len() {
                    return Err(format!("no key {k}"));
                }
                k
            };
            members.push((k, self.value(depth + 1)?));
        }
        let uint = |name: &str| -> Option<usize> {
            members.iter().rev().find_map(|(k, v)| match v {
                Item::Value(Value::Number(n)) if self.names[*k] == name => {
                    n.as_u64().and_then(|x| usize::try_from(x).ok())
                }
                _ => None,
            })
        };
        let mut map = Map::new();
        for (k, item) in &members {
            let name = &self.names[*k];
            let v = match item {
                Item::Value(v) => v.clone(),
                Item::Slice => {
                    let span = match (uint(&format!("{name}_start")), uint(&format!("{name}_end")))
                    {
                        (Some(a), Some(b)) => Some((a, b)),
                        _ => uint("start").zip(uint("end")),
                    };
                    let (a, b) = span.ok_or("a slice without a span")?;
                    Value::String(self.text.get(a, b).unwrap_or_default().to_string())
                }
            };
            map.insert(name.clone(), v);
        }
        Ok(Value::Object(map))
    }
}
