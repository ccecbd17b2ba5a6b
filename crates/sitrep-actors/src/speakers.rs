//! Who is speaking: the speakers of one document as entities. A speaker phrase resolves to a
//! pronoun's antecedent (the last speaker), a person found earlier (by overlap or by surname:
//! "Barakat said"), a description ("the senior officer" → the earlier "a major general" of the
//! same class; "the mayor" → the person whose role is mayor), an actor ("the army said"), or a new
//! named or anonymous source. A definite description with no antecedent ("the mayor") waits to be
//! linked to the next newly named speaker ("... Imad Ahmed said"), who then takes its role.

use crate::actors::Found;
use crate::lexicon::{Entry, Lexicon};
use crate::people::name_run;
use crate::Person;
use sitrep_text::{Document, Span, TokenKind};
use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Entity {
    pub name: String,
    pub anonymous: bool,
    pub role: Option<String>,
    pub span: Option<Span>,
    head: Option<String>,
    class: Option<String>,
    /// Char offset of the first and last mention.
    pos: usize,
    last: usize,
    last_sentence: usize,
    alias_of: Option<usize>,
    pending: bool,
    /// Index into the people list, or a new person to add.
    person: Option<usize>,
    new_person: bool,
}

impl Entity {
    /// A speaker first mentioned at `pos` in sentence `sentence`, with nothing else known yet.
    fn new(
        name: String,
        anonymous: bool,
        span: Option<Span>,
        pos: usize,
        sentence: usize,
    ) -> Entity {
        Entity {
            name,
            anonymous,
            role: None,
            span,
            head: None,
            class: None,
            pos,
            last: pos,
            last_sentence: sentence,
            alias_of: None,
            pending: false,
            person: None,
            new_person: false,
        }
    }
}

pub struct Entities<'a> {
    doc: &'a Document,
    lex: &'a Lexicon,
    found: &'a [Found],
    norms: Vec<&'a str>,
    ents: Vec<Entity>,
    last_speaker: Option<usize>,
    /// Words the document writes in lower case somewhere (built on first need).
    lower: OnceCell<HashSet<&'a str>>,
}

const INDEFINITE: &[&str] = &[
    "a", "an", "one", "two", "three", "several", "some", "other", "another", "many",
];
const DEFINITE: &[&str] = &["the", "this", "that", "these", "those"];
/// Sentence openers that are capitalised only because they open the sentence: discourse
/// adverbs, prepositions and participles ("Moreover", "Despite ...", "Speaking to AFP, ...").
const OPENERS: &[&str] = &[
    "moreover",
    "despite",
    "meanwhile",
    "however",
    "furthermore",
    "additionally",
    "also",
    "speaking",
    "published",
    "updated",
    "following",
    "according",
    "earlier",
    "later",
    "separately",
    "elsewhere",
    "previously",
    "since",
    "during",
    "amid",
    "with",
    "without",
    "from",
    "for",
    "by",
    "of",
    "to",
    "about",
    "over",
    "under",
    "through",
    "local",
    "state",
    "official",
    "senior",
    "military",
    "security",
    "government",
    "medical",
    "rescue",
    "news",
    "media",
];
const PREPOSITIONS: &[&str] = &[
    "of", "in", "from", "at", "to", "near", "on", "into", "outside", "inside", "around", "for",
    "by", "with", "toward", "towards",
];
/// Words between a speaker's name and the speech verb: "X had also reported".
const AUX_ADVERBS: &[&str] = &[
    "had",
    "has",
    "have",
    "also",
    "reportedly",
    "later",
    "then",
    "previously",
    "earlier",
    "further",
    "separately",
    "again",
    "himself",
    "herself",
    "once",
];

fn last_word(s: &str) -> String {
    sitrep_text::fold(s)
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .to_string()
}

impl<'a> Entities<'a> {
    pub fn new(
        doc: &'a Document,
        lex: &'a Lexicon,
        found: &'a [Found],
        people: &[Person],
    ) -> Entities<'a> {
        let norms = doc.tokens.iter().map(|t| t.norm.as_str()).collect();
        let mut me = Entities {
            doc,
            lex,
            found,
            norms,
            ents: Vec::new(),
            last_speaker: None,
            lower: OnceCell::new(),
        };
        for (i, p) in people.iter().enumerate() {
            let (head, class) = p
                .role
                .as_deref()
                .map(|r| me.title_of_text(r))
                .unwrap_or((None, None));
            let name_start = p.end.saturating_sub(p.name.chars().count());
            let sentence = doc.sentence_at(p.start).unwrap_or(0);
            me.ents.push(Entity {
                role: p.role.clone(),
                head,
                class,
                person: Some(i),
                ..Entity::new(
                    p.name.clone(),
                    false,
                    Some(Span::new(name_start, p.end)),
                    p.start,
                    sentence,
                )
            });
        }
        me
    }

    /// The head title of a role text ("member of Anbar ... committee" → "member") and its class.
    fn title_of_text(&self, text: &str) -> (Option<String>, Option<String>) {
        let norms = crate::lexicon::phrase_norms(text);
        let refs: Vec<&str> = norms.iter().map(String::as_str).collect();
        for k in 0..refs.len() {
            if let Some((len, es)) = self
                .lex
                .titles_index
                .longest(&refs, k, refs.len(), &|_| true)
            {
                if let Some(Entry::Title(t)) = es.first() {
                    return (
                        Some(refs[k..k + len].join(" ")),
                        Some(self.lex.titles[*t].class.clone()),
                    );
                }
            }
        }
        (None, None)
    }

    /// Is token `k` a common word capitalised only because it opens its sentence ("Local sources
    /// told ...", "Moreover a source said")? The document's own lower-case uses decide, with a
    /// short list of openers for words it never writes in lower case.
    fn common_capital(&self, k: usize) -> bool {
        let t = &self.doc.tokens[k];
        let opens = self
            .doc
            .sentence_at(t.span.start)
            .is_some_and(|si| self.doc.sentences[si].tokens.start == k);
        if !opens || !t.cap {
            return false;
        }
        let n = t.norm.as_str();
        let lower = self.lower();
        OPENERS.contains(&n) || lower.contains(n) || (n.len() > 5 && n.ends_with("ing"))
    }

    /// A personal name right before the speech verb at the end of a long subject: "Speaking to
    /// AFP on Wednesday Homs governor Talal al-Barazi (had also) reported" → "Talal al-Barazi".
    fn trailing_name(&self, r: &Range<usize>) -> Option<Range<usize>> {
        let mut e = r.end;
        while e > r.start && AUX_ADVERBS.contains(&self.norms[e - 1]) {
            e -= 1;
        }
        // Never reach back into a group's name: "the Syrian Coalition('s) Nagham al-Ghadiri".
        let floor = self
            .found
            .iter()
            .filter(|f| f.toks.start >= r.start && f.toks.end <= e)
            .map(|f| f.toks.end)
            .max()
            .unwrap_or(r.start);
        let lo = floor.max(e.saturating_sub(5)).max(r.start);
        let k = (lo..e).find(|&k| {
            self.doc.tokens[k].cap
                && !self.common_capital(k)
                && name_run(self.doc, self.lex, k, e) == e
        })?;
        // A personal name has two words or more, none of them a word the document also writes in
        // lower case ("Being", "Revolution"), and no preposition before it ("the town of Jayrud").
        let lower = self.lower();
        let plain = (k..e).all(|i| {
            let t = &self.doc.tokens[i];
            !t.cap || !lower.contains(t.norm.as_str())
        });
        let after_preposition = k > r.start && PREPOSITIONS.contains(&self.norms[k - 1]);
        (e - k >= 2 && plain && !after_preposition).then_some(k..e)
    }

    fn lower(&self) -> &HashSet<&'a str> {
        self.lower.get_or_init(|| {
            self.doc
                .tokens
                .iter()
                .filter(|t| t.kind == TokenKind::Word && !t.cap)
                .map(|t| t.norm.as_str())
                .collect()
        })
    }

    fn root(&self, mut e: usize) -> usize {
        while let Some(a) = self.ents[e].alias_of {
            e = a;
        }
        e
    }

    pub fn get(&self, e: usize) -> &Entity {
        &self.ents[self.root(e)]
    }

    pub fn spoke(&mut self, e: usize) {
        self.last_speaker = Some(self.root(e));
    }

    fn touch(&mut self, e: usize, pos: usize, sentence: usize) -> usize {
        let r = self.root(e);
        for x in [e, r] {
            self.ents[x].last = self.ents[x].last.max(pos);
            self.ents[x].last_sentence = self.ents[x].last_sentence.max(sentence);
        }
        r
    }

    fn text(&self, r: &Range<usize>) -> (String, Span) {
        let sp = Span::new(
            self.doc.tokens[r.start].span.start,
            self.doc.tokens[r.end - 1].span.end,
        );
        (self.doc.slice(sp).to_string(), sp)
    }

    fn push(&mut self, e: Entity) -> usize {
        self.ents.push(e);
        self.ents.len() - 1
    }

    /// Resolve the speaker phrase `r` (token range) in sentence `sentence` to an entity.
    pub fn resolve(&mut self, mut r: Range<usize>, sentence: usize) -> Option<usize> {
        while r.start < r.end && matches!(self.norms[r.start], "," | "and" | "but") {
            r.start += 1;
        }
        while r.end > r.start && matches!(self.norms[r.end - 1], "," | "and" | "'" | "\"") {
            r.end -= 1;
        }
        if r.is_empty() {
            return None;
        }
        let (text, sp) = self.text(&r);
        let pos = sp.start;
        let n0 = self.norms[r.start];
        // Pronouns: the last speaker, else the last person named.
        if matches!(n0, "he" | "she" | "they") && r.len() <= 2 {
            let e = self.last_speaker.or_else(|| {
                (0..self.ents.len())
                    .filter(|&i| self.ents[i].person.is_some() && self.ents[i].pos < pos)
                    .max_by_key(|&i| self.ents[i].last)
            })?;
            return Some(self.touch(e, pos, sentence));
        }
        // Coordination: "an army general and the mayor" — the first is the speaker, both are known.
        if let Some(m) = (r.start + 1..r.end.saturating_sub(1)).find(|&k| self.norms[k] == "and") {
            let first = self.resolve(r.start..m, sentence);
            let _ = self.resolve(m + 1..r.end, sentence);
            if first.is_some() {
                return first;
            }
        }
        // A person found by title or apposition.
        if let Some(e) = (0..self.ents.len()).find(|&i| {
            self.ents[i].person.is_some() && self.ents[i].span.is_some_and(|s| s.overlaps(sp))
        }) {
            return Some(self.touch(e, pos, sentence));
        }
        // A long subject ending in a name: the name is the speaker ("Speaking to AFP on Wednesday
        // Homs governor Talal al-Barazi reported").
        if r.len() >= 4 {
            // "Speaking in Moscow after meeting the ministers he said": the pronoun speaks.
            if matches!(self.norms[r.end - 1], "he" | "she" | "they") {
                return self.resolve(r.end - 1..r.end, sentence);
            }
            if let Some(t) = self.trailing_name(&r).filter(|t| t.start > r.start) {
                return self.resolve(t, sentence);
            }
        }
        // A description headed by a title: "a major general", "the senior officer", "the mayor".
        let det_def = DEFINITE.contains(&n0);
        let det_indef = INDEFINITE.contains(&n0)
            || !self.doc.tokens[r.start].cap
            || self.common_capital(r.start);
        if det_def || det_indef {
            let (head, class) = self.title_of_text(&text);
            if let Some(h) = head.clone() {
                let role = if det_def || INDEFINITE.contains(&n0) {
                    let t = self
                        .doc
                        .tokens
                        .get(r.start + 1)
                        .map(|t| t.span.start)
                        .unwrap_or(sp.end);
                    self.doc.slice(Span::new(t.min(sp.end), sp.end)).to_string()
                } else {
                    text.clone()
                };
                if det_def {
                    let hw = last_word(&h);
                    let same_head = |e: &Entity| {
                        e.head.as_deref() == Some(h.as_str())
                            || e.role
                                .as_deref()
                                .is_some_and(|ro| sitrep_text::fold(ro).split(' ').any(|w| w == hw))
                    };
                    let cands: Vec<usize> = (0..self.ents.len())
                        .filter(|&i| self.ents[i].pos < pos && self.ents[i].alias_of.is_none())
                        .collect();
                    let pick = cands
                        .iter()
                        .copied()
                        .filter(|&i| same_head(&self.ents[i]))
                        .max_by_key(|&i| self.ents[i].last)
                        .or_else(|| {
                            cands
                                .iter()
                                .copied()
                                .filter(|&i| {
                                    class.is_some()
                                        && self.ents[i].class == class
                                        && class.as_deref() != Some("person")
                                })
                                .max_by_key(|&i| self.ents[i].last)
                        });
                    if let Some(e) = pick {
                        if self.ents[e].pending
                            && self.ents[e]
                                .role
                                .as_ref()
                                .is_none_or(|x| x.len() < role.len())
                        {
                            self.ents[e].role = Some(role);
                        }
                        return Some(self.touch(e, pos, sentence));
                    }
                }
                let name = text.clone();
                return Some(self.push(Entity {
                    role: Some(role),
                    head,
                    class,
                    pending: det_def,
                    ..Entity::new(name, true, Some(sp), pos, sentence)
                }));
            }
        }
        // An actor speaking as an institution: "the army said", "Hezbollah said".
        if let Some(f) = self
            .found
            .iter()
            .find(|f| f.toks.start <= r.start + 1 && f.toks.start >= r.start && f.toks.end <= r.end)
        {
            let name = f.mention.actor.clone();
            if let Some(e) = (0..self.ents.len())
                .find(|&i| self.ents[i].name == name && self.ents[i].person.is_none())
            {
                return Some(self.touch(e, pos, sentence));
            }
            let span = Some(Span::new(f.mention.start, f.mention.end));
            return Some(self.push(Entity::new(name, false, span, pos, sentence)));
        }
        // A name: a surname of someone known, or a new person (never a sentence opener such as
        // "Moreover" or "Local sources": those phrases stay descriptions).
        if let Some(k) = (r.start..r.end)
            .find(|&k| self.doc.tokens[k].cap)
            .filter(|&k| !self.common_capital(k))
        {
            let n = name_run(self.doc, self.lex, k, r.end);
            if n > k {
                let (name, nsp) = self.text(&(k..n));
                let surname = last_word(&name);
                let known = (0..self.ents.len())
                    .filter(|&i| {
                        self.ents[i].person.is_some()
                            && self.ents[i].alias_of.is_none()
                            && last_word(&self.ents[i].name) == surname
                    })
                    .max_by_key(|&i| self.ents[i].last);
                if let Some(e) = known {
                    return Some(self.touch(e, pos, sentence));
                }
                let e = self.push(Entity {
                    person: Some(usize::MAX),
                    new_person: true,
                    ..Entity::new(name, false, Some(nsp), pos, sentence)
                });
                // A description waiting for its name: "The mayor ... confirmed" then "... Imad Ahmed said".
                if let Some(p) = (0..e)
                    .filter(|&i| self.ents[i].pending && self.ents[i].last_sentence + 2 >= sentence)
                    .max_by_key(|&i| self.ents[i].last)
                {
                    self.ents[p].pending = false;
                    self.ents[p].alias_of = Some(e);
                    self.ents[e].role = self.ents[p].role.clone();
                    self.ents[e].head = self.ents[p].head.clone();
                    self.ents[e].class = self.ents[p].class.clone();
                }
                return Some(e);
            }
        }
        // Any other description: "a source close to the talks".
        Some(self.push(Entity::new(text, true, Some(sp), pos, sentence)))
    }

    /// For a speaker string given to an earlier quote, the name it later turned out to have.
    pub fn renamed(&self, speaker: &str) -> Option<(String, bool, Option<String>)> {
        let e = (0..self.ents.len())
            .find(|&i| self.ents[i].alias_of.is_some() && self.ents[i].name == speaker)?;
        let r = self.get(e);
        Some((r.name.clone(), r.anonymous, r.role.clone()))
    }

    /// Add the named speakers who were not yet people, with the roles they were linked to.
    pub fn finish(self, people: &mut Vec<Person>) {
        for e in &self.ents {
            if e.alias_of.is_some() {
                continue;
            }
            if e.new_person {
                if let Some(sp) = e.span {
                    people.push(Person {
                        text: e.name.clone(),
                        start: sp.start,
                        end: sp.end,
                        name: e.name.clone(),
                        role: e.role.clone(),
                        affiliation: None,
                    });
                }
            } else if let Some(i) = e.person.filter(|&i| i < people.len()) {
                if people[i].role.is_none() {
                    people[i].role = e.role.clone();
                }
            }
        }
        people.sort_by_key(|p| p.start);
    }
}
