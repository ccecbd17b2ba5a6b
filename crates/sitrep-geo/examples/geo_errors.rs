//! Development aid: list resolution errors over 161 km and missed / spurious spans for a gold set.
//! `cargo run --release -p sitrep-geo --example geo_errors -- lgl|gwn PATH [DOC_ID]`

use sitrep_geo::eval::{load_gwn, load_lgl};
use sitrep_geo::{geoparse, haversine_km, Gazetteer};
use sitrep_text::{DocMeta, Document};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: geo_errors lgl|gwn PATH");
        return;
    }
    let docs = if args[1] == "lgl" {
        load_lgl(&args[2])
    } else {
        load_gwn(&args[2])
    };
    let Ok(docs) = docs else {
        eprintln!("cannot load");
        return;
    };
    let Ok(gaz) = Gazetteer::load() else { return };
    // Optional third argument: only this document id.
    let docs: Vec<_> = docs
        .into_iter()
        .filter(|d| args.get(3).is_none_or(|id| &d.id == id))
        .collect();
    for d in &docs {
        let doc = Document::new(
            DocMeta {
                id: d.id.clone(),
                ..Default::default()
            },
            d.text.clone(),
        );
        let places = geoparse(&doc, &gaz);
        let chars: Vec<char> = d.text.chars().collect();
        let sl = |s: usize, e: usize| {
            chars
                .get(s..e.min(chars.len()))
                .map(|c| c.iter().collect::<String>())
                .unwrap_or_default()
        };
        let ctx = |s: usize, e: usize| {
            format!(
                "{}[{}]{}",
                sl(s.saturating_sub(40), s),
                sl(s, e),
                sl(e, e + 40)
            )
            .replace('\n', " ")
        };
        for g in &d.toponyms {
            let c = places.iter().find(|p| p.start < g.end && g.start < p.end);
            match (c, g.coords) {
                (None, _) => println!("MISS\t{}\t{}", sl(g.start, g.end), ctx(g.start, g.end)),
                (Some(p), Some((la, lo))) => {
                    let km = haversine_km(la, lo, p.lat, p.lon);
                    if km >= 161.0 {
                        // Rank (by population) of the first place with this name near the gold
                        // point: "-" when the gazetteer has none.
                        let rank = gaz
                            .find(&p.text)
                            .iter()
                            .position(|r| haversine_km(la, lo, r.lat, r.lon) < 161.0)
                            .map(|i| i.to_string())
                            .unwrap_or_else(|| "-".into());
                        println!(
                            "WRONG\t{}\t{} {:?} {} {:?}\t{:.0} km\tgold {la},{lo}\t{}\trank {rank}\t{}",
                            sl(g.start, g.end),
                            p.name,
                            p.kind,
                            p.country,
                            p.admin1,
                            km,
                            d.id,
                            ctx(g.start, g.end)
                        );
                    }
                }
                _ => {}
            }
        }
        for p in &places {
            if !d
                .toponyms
                .iter()
                .any(|g| p.start < g.end && g.start < p.end)
            {
                println!(
                    "SPURIOUS\t{}\t{} {:?} {}\t{}",
                    p.text,
                    p.name,
                    p.kind,
                    p.country,
                    ctx(p.start, p.end)
                );
            }
        }
    }
    eprintln!("{}", sitrep_geo::eval::score(&args[1], &docs, &gaz));
}
