// Text with spans highlighted. Offsets are Unicode scalar values (DESIGN.md), so the text is
// split into code points first; overlapping spans are rendered by cutting the text at every span
// boundary and giving each piece the classes of all the spans that cover it.

export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// text: string; spans: [{start, end, cls, title}] with offsets into text (code points).
export function highlight(text, spans) {
  const cps = Array.from(text);
  const n = cps.length;
  const ok = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= n && s.start < s.end);
  const cuts = new Set([0, n]);
  for (const s of ok) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const piece = esc(cps.slice(a, b).join(''));
    const cover = ok.filter((s) => s.start <= a && s.end >= b);
    if (!cover.length) { html += piece; continue; }
    const cls = [...new Set(cover.map((s) => s.cls))].join(' ');
    const title = cover.map((s) => s.title).filter(Boolean).join('\n');
    html += `<mark class="${esc(cls)}" title="${esc(title)}">${piece}</mark>`;
  }
  return html;
}

// The evidence sentence of an event with its fields' spans (actor, place, date, sources).
export function evidenceHtml(e) {
  const ev = e.evidence || { start: 0, end: 0, text: '' };
  const rel = [];
  const add = (x, cls, title) => {
    if (x && Number.isInteger(x.start) && x.start >= ev.start && x.end <= ev.end && x.end > x.start) {
      rel.push({ start: x.start - ev.start, end: x.end - ev.start, cls, title });
    }
  };
  add(e.actor1, 'a-actor', e.actor1 && `actor 1: ${e.actor1.name}`);
  add(e.actor2, 'a-actor', e.actor2 && `actor 2: ${e.actor2.name}`);
  add(e.place, 'a-place', e.place && `place: ${e.place.name}`);
  add(e.date, 'a-time', e.date && `date: ${e.date.value}`);
  for (const s of e.sources || []) add(s, 'a-source', `source: ${s.name}${s.role ? ' (' + s.role + ')' : ''}`);
  return highlight(ev.text, rel);
}
