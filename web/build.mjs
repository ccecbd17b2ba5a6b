// Builds the web map into ../crates/sitrep-server/assets/ (committed; embedded in the binary):
//   app.js + app.css  — src/main.js bundled with Leaflet (esbuild)
//   world.json        — world-atlas countries-50m TopoJSON turned into GeoJSON, coordinates
//                       rounded to 0.01° (Natural Earth, public domain)
//   index.html        — src/index.html as is
// Reproducible: `npm ci && npm run build` gives byte-identical files from package-lock.json.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { feature } from 'topojson-client';

const out = new URL('../crates/sitrep-server/assets/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: process.env.NOMINIFY ? false : true,
  format: 'iife',
  target: ['es2020'],
  outfile: out + 'app.js',
  loader: { '.png': 'dataurl' },
  legalComments: 'eof',
  logLevel: 'warning',
});

const topo = JSON.parse(readFileSync('node_modules/world-atlas/countries-50m.json', 'utf8'));
const geo = feature(topo, topo.objects.countries);
const round = (c) => (typeof c[0] === 'number' ? [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100] : c.map(round));
const slim = {
  type: 'FeatureCollection',
  features: geo.features.map((f) => ({
    type: 'Feature',
    id: f.id ?? null,
    properties: { name: f.properties?.name ?? '' },
    geometry: f.geometry ? { type: f.geometry.type, coordinates: round(f.geometry.coordinates) } : null,
  })),
};
writeFileSync(out + 'world.json', JSON.stringify(slim));
copyFileSync('src/index.html', out + 'index.html');
console.log('built into', out);
