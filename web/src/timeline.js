// The events as typed arrays for fast redraws. Built once when the events arrive: day numbers,
// type and certainty indices, zoom-0 positions, and every event's order by first day. Per filter
// change: the matching dated events in day order and their counts per day and type (the
// histogram). Per window change: a binary search and a slice, no scan of all events.
import { TYPE_COLORS, typeOf } from './colors.js';
import { project0 } from './points.js';

export const TYPES = Object.keys(TYPE_COLORS);
export const CERTS = ['denied', 'speculative', 'claimed', 'hedged', 'reported', 'confirmed'];
const DAY = 86400000;
const dayOf = (s) => {
  const t = Date.parse(s + 'T00:00:00Z');
  return Number.isFinite(t) ? Math.round(t / DAY) : NaN;
};
export const dayStr = (d) => new Date(d * DAY).toISOString().slice(0, 10);

export class EventIndex {
  constructor(events) {
    const n = events.length;
    this.events = events;
    this.start = new Float64Array(n); // day number of date.range[0] (NaN: undated)
    this.end = new Float64Array(n);
    this.type = new Uint8Array(n);
    this.cert = new Int8Array(n);
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    let first = Infinity, last = -Infinity;
    const other = TYPES.indexOf('other');
    for (let i = 0; i < n; i++) {
      const e = events[i];
      const s = e.date ? dayOf(e.date.range[0]) : NaN;
      const t = e.date ? dayOf(e.date.range[1]) : NaN;
      this.start[i] = s;
      this.end[i] = Number.isFinite(t) ? Math.max(s, t) : s;
      if (s < first) first = s;
      if (s > last) last = s;
      const ti = TYPES.indexOf(typeOf(e));
      this.type[i] = ti < 0 ? other : ti;
      this.cert[i] = CERTS.indexOf(e.certainty);
      const ok = e.place && Number.isFinite(e.place.lat) && Number.isFinite(e.place.lon);
      const [px, py] = ok ? project0(e.place.lat, e.place.lon) : [NaN, NaN];
      this.x[i] = px;
      this.y[i] = py;
    }
    this.firstDay = Number.isFinite(first) ? first : 0;
    this.ndays = Number.isFinite(first) ? last - first + 1 : 0;
    this.days = Array.from({ length: this.ndays }, (_, k) => dayStr(this.firstDay + k));
    const dated = [];
    this.undated = [];
    for (let i = 0; i < n; i++) (Number.isFinite(this.start[i]) ? dated : this.undated).push(i);
    dated.sort((a, b) => this.start[a] - this.start[b] || a - b);
    this.byDay = Int32Array.from(dated);
    this._hay = null;
    this.applyFilter(() => true);
  }

  // Lower-case text searched by the free-text filter (built on first use).
  hay(i) {
    if (!this._hay) {
      this._hay = this.events.map((e) => [e.evidence?.text, e.actor1?.name, e.actor2?.name, e.place?.name].join(' ').toLowerCase());
    }
    return this._hay[i];
  }

  // A filter from the view state: event type, country, minimum certainty, actor, text.
  predicate(f) {
    const ci = f.cert ? CERTS.indexOf(f.cert) : -1;
    const actor = (f.actor || '').toLowerCase();
    const q = (f.q || '').toLowerCase();
    return (i) => {
      const e = this.events[i];
      if (f.type && typeOf(e) !== f.type) return false;
      if (f.country && (!e.place || e.place.country !== f.country)) return false;
      if (f.cert && this.cert[i] < ci) return false;
      if (actor && ![e.actor1, e.actor2].some((a) => a && a.name.toLowerCase().includes(actor))) return false;
      if (q && !this.hay(i).includes(q)) return false;
      return true;
    };
  }

  // Keeps the events passing `keep`, in day order, and counts them per day and type.
  applyFilter(keep) {
    const sel = [];
    let span = 0;
    const T = TYPES.length;
    const counts = new Int32Array(this.ndays * T);
    for (const i of this.byDay) {
      if (!keep(i)) continue;
      sel.push(i);
      span = Math.max(span, this.end[i] - this.start[i]);
      counts[(this.start[i] - this.firstDay) * T + this.type[i]]++;
    }
    this.sel = Int32Array.from(sel);
    this.selStart = Float64Array.from(sel, (i) => this.start[i]);
    this.maxSpan = span;
    this.counts = counts;
    this.selUndated = Int32Array.from(this.undated.filter(keep));
    this.filtered = sel.length + this.selUndated.length;
  }

  // First index in the filtered events whose first day is >= day.
  lowerBound(day) {
    let lo = 0, hi = this.selStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.selStart[mid] < day) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // Filtered events overlapping the days [from, to] (day numbers; null: every event, undated
  // ones too), in day order.
  window(from, to) {
    if (from === null) {
      const all = new Int32Array(this.filtered);
      all.set(this.sel);
      all.set(this.selUndated, this.sel.length);
      return all;
    }
    const lo = this.lowerBound(from - this.maxSpan), hi = this.lowerBound(to + 1);
    if (this.maxSpan === 0) return this.sel.subarray(lo, hi);
    const out = [];
    for (let k = lo; k < hi; k++) { const i = this.sel[k]; if (this.end[i] >= from) out.push(i); }
    return Int32Array.from(out);
  }
}
