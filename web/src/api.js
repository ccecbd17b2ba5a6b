// Calls to the sitrep API (same origin). Errors carry the server's JSON message.
export async function getJSON(path) {
  const r = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!r.ok) {
    let msg = `${r.status}`;
    try { msg = (await r.json()).error.message; } catch (_) { /* not JSON */ }
    throw new Error(`${path}: ${msg}`);
  }
  return r.json();
}

// Every event, 5000 a page, up to `cap` (the map filters them client-side).
export async function loadEvents(cap = 200000, onPage = () => {}) {
  const all = [];
  let cursor = null;
  do {
    const q = new URLSearchParams({ limit: '5000' });
    if (cursor) q.set('cursor', cursor);
    const page = await getJSON(`/api/events?${q}`);
    all.push(...page.events);
    cursor = page.next_cursor;
    onPage(all.length);
  } while (cursor && all.length < cap);
  return all;
}
