//! Print what `annotate` finds in a text file: `cargo run -p sitrep-actors --example who FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: who FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let lex = match sitrep_actors::Lexicon::load() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(3);
        }
    };
    let doc = sitrep_text::Document::new(
        sitrep_text::DocMeta {
            id: path.clone(),
            ..Default::default()
        },
        text,
    );
    let who = sitrep_actors::annotate(&doc, &lex);
    for a in &who.actors {
        println!(
            "ACTOR {}..{} {:?} -> {} [{}] {:?} {:?}{}",
            a.start,
            a.end,
            a.text,
            a.actor,
            a.actor_type,
            a.code,
            a.country,
            if a.anaphor { " (anaphor)" } else { "" }
        );
    }
    for a in &who.place_actors {
        println!(
            "PLACE {}..{} {:?} -> {} {:?}",
            a.start, a.end, a.text, a.actor, a.country
        );
    }
    for p in &who.people {
        println!(
            "PERSON {:?} name={:?} role={:?} aff={:?}",
            p.text, p.name, p.role, p.affiliation
        );
    }
    for q in &who.quotes {
        println!(
            "QUOTE {} {}..{} speaker={:?} anon={} role={:?}: {:?}",
            q.kind,
            q.start,
            q.end,
            q.speaker,
            q.anonymous,
            q.role,
            &q.text.chars().take(60).collect::<String>()
        );
    }
    for c in &who.cues {
        println!("CUE s{} {:?} {:?}", c.sentence, c.kind, c.text);
    }
}
