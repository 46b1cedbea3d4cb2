import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestMajorFit, majorFit, periodCover, regionFit, scoreMatch, type MatchCohort, type MatchNeed } from './matching.ts';
import { regions } from './reference/regions.ts';

const need: MatchNeed = {
  majorCodes: ['460103'],
  regionCode: '110115',
  periodFrom: '2027-03-01',
  periodTo: '2027-06-30',
  headcount: 20,
  consortiumIds: ['c1'],
};
const cohort: MatchCohort = {
  majorCode: '460103',
  regionCode: '110115',
  windowFrom: '2027-03-01',
  windowTo: '2027-06-30',
  available: 25,
  consortiumIds: ['c1'],
};

describe('scoreMatch, hand-checked', () => {
  it('a perfect match scores 95 without history and 100 with two past cooperations', () => {
    expect(scoreMatch(need, cohort).total).toBe(95);
    expect(scoreMatch(need, cohort, 2).total).toBe(100);
    expect(scoreMatch(need, cohort, 9).total).toBe(100);
  });

  it('a 数控技术应用 (中职) cohort in Tianjin for half the period with 5 students, no consortium', () => {
    // major: 660103 vs 460103 are both 装备制造大类 (category) → 16; region: Beijing vs Tianjin → 6;
    // period: window 2027-05-01..2027-08-31 covers May–June = 61 of 122 days → 7.5; headcount 5/20 → 2.5
    const s = scoreMatch(need, {
      majorCode: '660103',
      regionCode: '120116',
      windowFrom: '2027-05-01',
      windowTo: '2027-08-31',
      available: 5,
      consortiumIds: [],
    });
    expect(s.parts.map((p) => [p.key, p.points])).toEqual([
      ['major', 16],
      ['region', 6],
      ['period', 7.5],
      ['headcount', 2.5],
      ['consortium', 0],
      ['history', 0],
    ]);
    expect(s.total).toBe(32);
  });

  it('same 专业类 scores 28; same city 12; a Hebei county and its prefecture are one city', () => {
    expect(
      scoreMatch(need, { ...cohort, majorCode: '460104', regionCode: '110108' })
        .parts.slice(0, 2)
        .map((p) => p.points),
    ).toEqual([28, 12]);
    expect(regionFit('130102', '130100')).toBe('city');
    expect(regionFit('130102', '130202')).toBe('region');
    expect(regionFit('110105', '110108')).toBe('city');
  });

  it('explains each part with its level', () => {
    const s = scoreMatch(need, { ...cohort, majorCode: '510201' });
    expect(s.parts[0]).toEqual({ key: 'major', points: 0, max: 40, level: 'none' });
    expect(s.parts.reduce((n, p) => n + p.max, 0)).toBe(100);
  });

  it('period cover: disjoint 0, none given 1', () => {
    expect(periodCover('2027-03-01', '2027-03-10', '2027-04-01', '2027-04-10')).toBe(0);
    expect(periodCover(null, null, '2027-04-01', '2027-04-10')).toBe(1);
    expect(periodCover('2027-03-01', '2027-03-10', '2027-03-06', '2027-03-20')).toBe(0.5);
  });
});

// ---- properties -------------------------------------------------------------------------------

const majorCodes = ['460103', '460104', '460301', '460305', '660103', '510201', '510205', '520201', '720201', '530701', '590302'];
const regionCodes = regions.filter((r) => r.level !== 'province').map((r) => r.code);
const day = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2027, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const range = fc.tuple(day, day).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [string, string]);
const ids = fc.subarray(['c1', 'c2', 'c3']);
const needArb = fc
  .record({
    majorCodes: fc.subarray(majorCodes, { minLength: 1, maxLength: 3 }),
    regionCode: fc.constantFrom(...regionCodes),
    period: range,
    headcount: fc.integer({ min: 1, max: 200 }),
    consortiumIds: ids,
  })
  .map(({ period, ...n }): MatchNeed => ({ ...n, periodFrom: period[0], periodTo: period[1] }));
const cohortArb = fc
  .record({
    majorCode: fc.constantFrom(...majorCodes),
    regionCode: fc.constantFrom(...regionCodes),
    window: range,
    available: fc.integer({ min: 0, max: 300 }),
    consortiumIds: ids,
  })
  .map(({ window, ...c }): MatchCohort => ({ ...c, windowFrom: window[0], windowTo: window[1] }));

const fitRank = { same: 3, class: 2, category: 1, none: 0 } as const;

describe('scoreMatch, properties', () => {
  it('is between 0 and 100, the sum of its parts, and deterministic', () => {
    fc.assert(
      fc.property(needArb, cohortArb, fc.integer({ min: 0, max: 10 }), (n, c, h) => {
        const s = scoreMatch(n, c, h);
        expect(s.total).toBeGreaterThanOrEqual(0);
        expect(s.total).toBeLessThanOrEqual(100);
        expect(Math.abs(s.total - s.parts.reduce((x, p) => x + p.points, 0))).toBeLessThan(0.051);
        expect(scoreMatch(n, c, h)).toEqual(s);
      }),
    );
  });

  it('is monotone in major fit: a cohort whose major fits better never scores lower', () => {
    fc.assert(
      fc.property(needArb, cohortArb, fc.constantFrom(...majorCodes), (n, c, other) => {
        const a = scoreMatch(n, c);
        const b = scoreMatch(n, { ...c, majorCode: other });
        const fa = fitRank[bestMajorFit(n.majorCodes, c.majorCode)];
        const fb = fitRank[bestMajorFit(n.majorCodes, other)];
        if (fa > fb) expect(a.total).toBeGreaterThan(b.total);
        if (fa === fb) expect(a.total).toBe(b.total);
      }),
    );
  });

  it('is symmetric where it should be: major fit, region fit and shared consortia do not depend on which side is which', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...majorCodes),
        fc.constantFrom(...majorCodes),
        fc.constantFrom(...regionCodes),
        fc.constantFrom(...regionCodes),
        (m1, m2, r1, r2) => {
          expect(majorFit(m1, m2)).toBe(majorFit(m2, m1));
          expect(regionFit(r1, r2)).toBe(regionFit(r2, r1));
        },
      ),
    );
    fc.assert(
      fc.property(needArb, cohortArb, (n, c) => {
        const swapped = scoreMatch(
          { ...n, regionCode: c.regionCode, consortiumIds: c.consortiumIds },
          { ...c, regionCode: n.regionCode, consortiumIds: n.consortiumIds },
        );
        const original = scoreMatch(n, c);
        for (const key of ['region', 'consortium'] as const)
          expect(swapped.parts.find((p) => p.key === key)).toEqual(original.parts.find((p) => p.key === key));
      }),
    );
  });

  it('more available students never lower the score; more past cooperation never lowers it', () => {
    fc.assert(
      fc.property(needArb, cohortArb, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 5 }), (n, c, more, h) => {
        expect(scoreMatch(n, { ...c, available: c.available + more }, h).total).toBeGreaterThanOrEqual(scoreMatch(n, c, h).total);
        expect(scoreMatch(n, c, h + 1).total).toBeGreaterThanOrEqual(scoreMatch(n, c, h).total);
      }),
    );
  });
});
