import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchResult, Suite } from '../types.ts';

// issue 19: the home page's first screen, budget 250 kB (was 400; it measured 424 kB before the split)
const BUDGET_KB = 250;
const NAME = 'web initial JavaScript (gzip)';

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    const [, key, ...values] = m;
    if (key) found.set(key.toLowerCase(), values.find((v) => v !== undefined) ?? '');
  }
  return found;
}

/** The scripts a browser fetches before first render: module entry scripts and modulepreloads. */
export function initialScripts(html: string): string[] {
  const urls = new Set<string>();
  for (const [tag, name] of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const attrs = attributes(tag);
    if (name?.toLowerCase() === 'script' && attrs.get('type') === 'module' && attrs.get('src')) urls.add(attrs.get('src') ?? '');
    const rel = (attrs.get('rel') ?? '').split(/\s+/);
    if (name?.toLowerCase() === 'link' && rel.includes('modulepreload') && attrs.get('href')) urls.add(attrs.get('href') ?? '');
  }
  return [...urls];
}

export const webBundleSuite: Suite = {
  name: 'web-bundle',
  run: async ({ env, log }): Promise<BenchResult[]> => {
    const indexFile = join(env.WEB_DIST, 'index.html');
    if (!existsSync(indexFile)) {
      log(`web build not found at ${indexFile}: skipping the bundle size`);
      return [
        {
          name: NAME,
          kind: 'metric',
          skipped: true,
          note: `skipped: no web build at ${indexFile} (run \`npm run build\` first)`,
          budget: `≤ ${BUDGET_KB} kB`,
          values: {},
        },
      ];
    }
    const files: Record<string, number> = {};
    const external: string[] = [];
    for (const src of initialScripts(readFileSync(indexFile, 'utf8'))) {
      if (/^(https?:)?\/\//.test(src)) {
        external.push(src);
        continue;
      }
      const path = src.replace(/[?#].*$/, '').replace(/^\.?\//, '');
      files[path] = gzipSync(readFileSync(join(env.WEB_DIST, path))).length;
    }
    const totalKB = Math.round(Object.values(files).reduce((a, b) => a + b, 0) / 100) / 10;
    const withinBudget = totalKB <= BUDGET_KB;
    log(
      `web initial JavaScript: ${totalKB} kB gzip in ${Object.keys(files).length} files (budget ≤ ${BUDGET_KB} kB: ${withinBudget ? 'PASS' : 'FAIL'})`,
    );
    return [
      {
        name: NAME,
        kind: 'metric',
        note: 'gzip (node:zlib defaults) of index.html\'s <script type="module" src> and <link rel="modulepreload" href> files; 1 kB = 1000 bytes',
        budget: `≤ ${BUDGET_KB} kB`,
        withinBudget,
        values: { totalKB, files: Object.keys(files).length },
        details: { gzipBytes: files, ...(external.length ? { externalNotCounted: external } : {}) },
      },
    ];
  },
};
