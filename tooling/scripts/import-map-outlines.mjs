// Derives coarse outlines of the 43 map regions (Beijing and Tianjin districts, Hebei prefectures)
// from shared/data/maps/*.geojson into packages/domain, so the server can tell which region a
// coordinate lies in without loading the 940 kB map files. Run: node tooling/scripts/import-map-outlines.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = join(root, '..', 'shared', 'data', 'maps');
const MAX_POINTS = 160;
const round = (n) => Math.round(n * 1e4) / 1e4;

const rows = [];
for (const file of ['beijing', 'tianjin', 'hebei']) {
  const geo = JSON.parse(readFileSync(join(shared, `${file}.geojson`), 'utf8'));
  for (const f of geo.features) {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const rings = polygons
      .map((p) => p[0])
      .filter((ring) => ring.length >= 4)
      .map((ring) => {
        const step = Math.max(1, Math.ceil(ring.length / MAX_POINTS));
        return ring.filter((_, i) => i % step === 0).map(([x, y]) => [round(x), round(y)]);
      });
    rows.push({ code: String(f.id), name: f.properties.name, center: f.properties.cp, rings });
  }
}
const out = join(root, 'packages', 'domain', 'src', 'reference', 'data', 'map-outlines.json');
writeFileSync(
  out,
  JSON.stringify({
    source: 'shared/data/maps/*.geojson (Apache ECharts map data, see LICENSE-echarts), outer rings thinned to ≤ 160 points',
    rows,
  }) + '\n',
);
console.log(`wrote ${rows.length} outlines to ${out}`);
