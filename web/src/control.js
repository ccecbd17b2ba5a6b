// The control layer: each known place as a ring coloured by its holder on the slider's date
// (hatched when contested, dashed without a holder), from /api/control?at=. Answers are cached
// per date; a date change restyles only the places whose holder changed.
import * as L from 'leaflet';
import { getJSON } from './api.js';
import { holderColor } from './colors.js';
import { esc } from './spans.js';

export class ControlLayer {
  // onHolders(holders) is called with the holder names shown after each update.
  constructor(map, onHolders) {
    this.group = L.layerGroup().addTo(map);
    this.rings = new Map(); // place key -> { marker, sig }
    this.cache = new Map();
    this.onHolders = onHolders;
    this.timer = null;
    this.want = null;
  }

  clear() {
    clearTimeout(this.timer);
    this.want = null;
    this.group.clearLayers();
    this.rings.clear();
  }

  // Shows control on `at` (YYYY-MM-DD) after a short pause, so a moving slider asks only once.
  show(at) {
    this.want = at;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this._load(at), 120);
  }

  async _load(at) {
    if (!at) return;
    let data = this.cache.get(at);
    if (!data) {
      try { data = await getJSON(`/api/control?at=${at}`); } catch (_) { return; }
      this.cache.set(at, data);
    }
    if (this.want !== at) return;
    const seen = new Set();
    const holders = new Set();
    for (const p of data.places) {
      if (!Number.isFinite(p.lat) || !Number.isFinite(p.lon)) continue;
      const key = `${p.geonameid ?? p.place}|${p.lat}|${p.lon}`;
      seen.add(key);
      holders.add(p.holder || 'no holder');
      const tip = `${esc(p.place)}: ${esc(p.holder || 'no holder')} (${esc(p.certainty)}) since ${esc(p.from || '?')}`;
      const sig = `${p.holder}|${tip}`;
      const style = {
        radius: 11, color: '#000', weight: 2, dashArray: p.holder ? null : '3 3',
        fillColor: holderColor(p.holder), fillOpacity: p.holder ? 0.55 : 0.2,
      };
      const ring = this.rings.get(key);
      if (!ring) {
        const marker = L.circleMarker([p.lat, p.lon], { ...style, className: 'ctrl' }).bindTooltip(tip).addTo(this.group);
        this.rings.set(key, { marker, sig });
      } else if (ring.sig !== sig) {
        ring.marker.setStyle(style).setTooltipContent(tip);
        ring.sig = sig;
      } else {
        continue;
      }
      const path = this.rings.get(key).marker.getElement?.();
      if (path) path.classList.toggle('contested', p.holder === 'contested');
    }
    for (const [key, ring] of this.rings) {
      if (!seen.has(key)) { this.group.removeLayer(ring.marker); this.rings.delete(key); }
    }
    this.onHolders([...holders]);
  }
}
