// The event points on one canvas: a Leaflet renderer (so it pans and zoom-animates with the map)
// that draws the visible events, clustered when dense, straight from typed arrays. Clusters are
// built on a grid in world pixels at the current zoom, once per change of the visible set or of
// the zoom; panning only repaints. The canvas takes no pointer events: clicks and hover are hit
// tested from the map's own events, so the control layer underneath keeps its tooltips.
import * as L from 'leaflet';

const RADIUS = 40; // cluster radius in screen pixels (as Leaflet.markercluster's maxClusterRadius)
const DOT = 6; // radius of a single event's dot

// Zoom-0 world pixel coordinates of a latitude/longitude (EPSG:3857, 256-pixel world).
export function project0(lat, lon) {
  const p = L.CRS.EPSG3857.latLngToPoint(L.latLng(lat, lon), 0);
  return [p.x, p.y];
}

const countLabel = (n) => (n < 1000 ? String(n) : n < 10000 ? (n / 1000).toFixed(1) + 'k' : Math.round(n / 1000) + 'k');

export const PointLayer = L.Renderer.extend({
  options: { padding: 0.3, pane: 'overlayPane' },

  // x, y: Float64Array zoom-0 world pixels (NaN without a place); type: Uint8Array index into
  // colors; onPoint(i) and onCluster(members, latlng) are called on a click.
  initialize(data, options) {
    L.Renderer.prototype.initialize.call(this, options);
    this._d = data;
    this._visible = new Int32Array(0);
    this._clusterOf = new Int32Array(data.x.length);
    this._clusters = null;
    this._clusterZoom = null;
    this._items = [];
    this._selected = -1;
  },

  getEvents() {
    const events = L.Renderer.prototype.getEvents.call(this);
    events.click = this._onClick;
    events.mousemove = this._onHover;
    return events;
  },

  // The visible events (indices into the data), in drawing order.
  setVisible(idx) {
    this._visible = idx;
    this._clusters = null;
    if (this._map) this._draw();
  },

  setSelected(i) {
    this._selected = i;
    if (this._map) this._draw();
  },

  _initContainer() {
    const c = (this._container = document.createElement('canvas'));
    c.className = 'event-points';
    c.style.pointerEvents = 'none';
    this._ctx = c.getContext('2d');
  },

  _destroyContainer() {
    L.DomUtil.remove(this._container);
    delete this._container;
    delete this._ctx;
  },

  _update() {
    if (this._map._animatingZoom && this._bounds) return;
    L.Renderer.prototype._update.call(this);
    const b = this._bounds, size = b.getSize(), dpr = window.devicePixelRatio || 1;
    L.DomUtil.setPosition(this._container, b.min);
    this._container.width = Math.round(size.x * dpr);
    this._container.height = Math.round(size.y * dpr);
    this._container.style.width = size.x + 'px';
    this._container.style.height = size.y + 'px';
    this._draw();
  },

  // Greedy grid clustering: each point joins the nearest cluster seed within RADIUS in its own or
  // a neighbouring cell, or seeds a new cluster. Linear in the number of visible events.
  _cluster(zoom) {
    const { x, y, type, ntypes } = this._d;
    const s = Math.pow(2, zoom);
    const r2 = RADIUS * RADIUS;
    const cells = new Map();
    const seedX = [], seedY = [], sumX = [], sumY = [], count = [], types = [];
    const vis = this._visible, clusterOf = this._clusterOf;
    for (let k = 0; k < vis.length; k++) {
      const i = vis[k];
      const px = x[i] * s, py = y[i] * s;
      if (!(px === px)) { clusterOf[i] = -1; continue; } // no place
      const gx = Math.floor(px / RADIUS), gy = Math.floor(py / RADIUS);
      let best = -1, bestD = r2;
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          const list = cells.get((gx + dx) * 4194304 + gy + dy);
          if (!list) continue;
          for (const c of list) {
            const ex = seedX[c] - px, ey = seedY[c] - py, d = ex * ex + ey * ey;
            if (d <= bestD) { bestD = d; best = c; }
          }
        }
      }
      if (best < 0) {
        best = count.length;
        seedX.push(px); seedY.push(py); sumX.push(0); sumY.push(0); count.push(0);
        types.push(new Int32Array(ntypes));
        const key = gx * 4194304 + gy;
        const list = cells.get(key);
        if (list) list.push(best); else cells.set(key, [best]);
      }
      sumX[best] += px; sumY[best] += py; count[best]++; types[best][type[i]]++;
      clusterOf[i] = best;
    }
    // second pass: clusters whose centres drifted together are merged (largest first), so no
    // ring hides another
    const m = count.length;
    const cx = sumX.map((v, c) => v / count[c]), cy = sumY.map((v, c) => v / count[c]);
    const order = Array.from({ length: m }, (_, c) => c).sort((a, b) => count[b] - count[a]);
    const into = new Int32Array(m).fill(-1);
    const kept = new Map();
    const R2 = RADIUS * 0.8;
    for (const c of order) {
      const gx = Math.floor(cx[c] / R2), gy = Math.floor(cy[c] / R2);
      let best = -1, bestD = R2 * R2;
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const k of kept.get((gx + dx) * 4194304 + gy + dy) || []) {
            const ex = cx[k] - cx[c], ey = cy[k] - cy[c], d = ex * ex + ey * ey;
            if (d <= bestD) { bestD = d; best = k; }
          }
        }
      }
      if (best < 0) {
        const key = gx * 4194304 + gy;
        const list = kept.get(key);
        if (list) list.push(c); else kept.set(key, [c]);
        continue;
      }
      into[c] = best;
      sumX[best] += sumX[c]; sumY[best] += sumY[c]; count[best] += count[c]; count[c] = 0;
      for (let t = 0; t < ntypes; t++) types[best][t] += types[c][t];
    }
    for (let k = 0; k < vis.length; k++) { const c = clusterOf[vis[k]]; if (c >= 0 && into[c] >= 0) clusterOf[vis[k]] = into[c]; }
    const first = new Int32Array(count.length).fill(-1);
    for (let k = 0; k < vis.length; k++) { const c = clusterOf[vis[k]]; if (c >= 0 && first[c] < 0) first[c] = vis[k]; }
    this._clusters = { zoom, s, cx: sumX.map((v, c) => v / (count[c] || 1)), cy: sumY.map((v, c) => v / (count[c] || 1)), count, types, first };
    this._clusterZoom = zoom;
  },

  _draw() {
    const ctx = this._ctx, map = this._map;
    if (!ctx || !map || !this._bounds) return;
    const zoom = map.getZoom();
    if (!this._clusters || this._clusterZoom !== zoom) this._cluster(zoom);
    const dpr = window.devicePixelRatio || 1, b = this._bounds, o = map.getPixelOrigin();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this._container.width, this._container.height);
    ctx.setTransform(dpr, 0, 0, dpr, -b.min.x * dpr, -b.min.y * dpr);
    const { cx, cy, count, types, first } = this._clusters;
    const colors = this._d.colors;
    const items = [];
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let c = 0; c < count.length; c++) {
      const lx = cx[c] - o.x, ly = cy[c] - o.y;
      const n = count[c];
      if (!n) continue; // merged into another
      const r = n === 1 ? DOT : Math.min(26, 11 + 2.2 * Math.log2(n));
      if (lx + r < b.min.x || lx - r > b.max.x || ly + r < b.min.y || ly - r > b.max.y) continue;
      items.push(lx, ly, r + 2, c);
      if (n === 1) {
        ctx.beginPath();
        ctx.arc(lx, ly, DOT, 0, 2 * Math.PI);
        ctx.fillStyle = colors[this._d.type[first[c]]];
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.strokeStyle = '#222';
        ctx.stroke();
        continue;
      }
      // a ring split by event type, the count in a white middle
      let a = -Math.PI / 2;
      const t = types[c];
      for (let k = 0; k < t.length; k++) {
        if (!t[k]) continue;
        const a2 = a + (2 * Math.PI * t[k]) / n;
        ctx.beginPath();
        ctx.moveTo(lx, ly);
        ctx.arc(lx, ly, r, a, a2);
        ctx.closePath();
        ctx.fillStyle = colors[k];
        ctx.fill();
        a = a2;
      }
      ctx.beginPath();
      ctx.arc(lx, ly, r * 0.62, 0, 2 * Math.PI);
      ctx.fillStyle = '#fff';
      ctx.fill();
      ctx.beginPath();
      ctx.arc(lx, ly, r, 0, 2 * Math.PI);
      ctx.lineWidth = 1;
      ctx.strokeStyle = 'rgba(0,0,0,0.55)';
      ctx.stroke();
      ctx.fillStyle = '#111';
      ctx.fillText(countLabel(n), lx, ly + 0.5);
    }
    const sel = this._selected;
    if (sel >= 0 && this._d.x[sel] === this._d.x[sel]) {
      const s = Math.pow(2, zoom);
      ctx.beginPath();
      ctx.arc(this._d.x[sel] * s - o.x, this._d.y[sel] * s - o.y, DOT + 5, 0, 2 * Math.PI);
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#111';
      ctx.stroke();
    }
    this._items = items;
  },

  // The cluster under a layer point (the topmost drawn), or -1.
  _hit(p) {
    const it = this._items;
    for (let k = it.length - 4; k >= 0; k -= 4) {
      const dx = it[k] - p.x, dy = it[k + 1] - p.y;
      if (dx * dx + dy * dy <= it[k + 2] * it[k + 2]) return it[k + 3];
    }
    return -1;
  },

  _onHover(e) {
    if (!this._clusters) return;
    this._map.getContainer().style.cursor = this._hit(e.layerPoint) >= 0 ? 'pointer' : '';
  },

  _onClick(e) {
    if (!this._clusters) return;
    const c = this._hit(e.layerPoint);
    if (c < 0) return;
    if (this._clusters.count[c] === 1) {
      this.options.onPoint?.(this._clusters.first[c]);
      return;
    }
    const members = [];
    for (const i of this._visible) if (this._clusterOf[i] === c) members.push(i);
    this.options.onCluster?.(members, e.latlng);
  },
});
