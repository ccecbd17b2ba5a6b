// Colours: one per ACLED event type (the legend and the points), and one per control holder.
export const TYPE_COLORS = {
  'Battles': '#d62728',
  'Explosions/Remote violence': '#ff7f0e',
  'Violence against civilians': '#9467bd',
  'Protests': '#2ca02c',
  'Riots': '#8c564b',
  'Strategic developments': '#1f77b4',
  'other': '#7f7f7f',
};

export const typeOf = (e) => e.acled_event_type || 'other';
export const typeColor = (t) => TYPE_COLORS[t] || TYPE_COLORS.other;

const HOLDER_PALETTE = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#1f78b4'];

// A stable colour for a holder name (same name, same colour, in every session).
export function holderColor(holder) {
  if (!holder) return '#ffffff';
  if (holder === 'contested') return 'url(#hatch)';
  let h = 0;
  for (const ch of holder) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return HOLDER_PALETTE[h % HOLDER_PALETTE.length];
}
