// The article view (/articles/{id}): the text with every annotation highlighted — places,
// actors, people, times, quotes, and the evidence of each event (the one linked from, if any,
// scrolled to).
import { getJSON } from './api.js';
import { highlight, esc } from './spans.js';

const KINDS = [
  ['places', 'a-place', (x) => `place: ${x.name || x.text}${x.country ? ' (' + x.country + ')' : ''}`],
  ['actors', 'a-actor', (x) => `actor: ${x.actor || x.name || x.text}${x.actor_type ? ' — ' + x.actor_type : ''}`],
  ['people', 'a-person', (x) => `person: ${x.name || x.text}${x.role ? ' (' + x.role + ')' : ''}`],
  ['times', 'a-time', (x) => `time: ${x.value || x.text}`],
  ['quotes', 'a-quote', (x) => `quote (${x.kind || ''}) by ${x.speaker || '?'}`],
];

export async function showArticle(root, id, eventId) {
  root.hidden = false;
  root.innerHTML = '<p>loading…</p>';
  let a;
  try {
    a = await getJSON(`/api/articles/${encodeURIComponent(id)}`);
  } catch (e) {
    root.innerHTML = `<p class="error">${esc(e.message)}</p><p><a href="/">back to the map</a></p>`;
    return;
  }
  const spans = [];
  for (const [key, cls, title] of KINDS) {
    for (const x of a[key] || []) spans.push({ start: x.start, end: x.end, cls, title: title(x) });
  }
  for (const ev of a.events || []) {
    const e = ev.evidence;
    if (e) spans.push({ start: e.start, end: e.end, cls: String(ev.id) === eventId ? 'a-evidence a-current' : 'a-evidence', title: `event ${ev.event_id}: ${ev.acled_sub_event_type || ev.acled_event_type || ev.cameo || ''}` });
  }
  const counts = KINDS.map(([k, cls]) => `<span class="key ${cls}">${k} ${(a[k] || []).length}</span>`).join(' ');
  root.innerHTML = `
    <p><a href="/" id="back">← back to the map</a></p>
    <h2>${esc(a.title || a.id)}</h2>
    <p class="meta">${esc(a.published || '')} ${a.source ? '· ' + esc(a.source) : ''} ${a.url ? `· <a href="${esc(a.url)}" rel="noreferrer">original</a>` : ''}</p>
    <p class="keys">${counts} <span class="key a-evidence">events ${(a.events || []).length}</span></p>
    <div id="article-text" class="article-text" tabindex="0">${highlight(a.text || '', spans)}</div>`;
  const cur = root.querySelector('.a-current');
  if (cur) cur.scrollIntoView({ block: 'center' });
}
