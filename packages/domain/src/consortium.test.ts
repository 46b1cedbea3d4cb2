import { describe, expect, it } from 'vitest';
import { canTransition, consortiumInputSchema, missingLeads } from './consortium.ts';

describe('consortium rules', () => {
  it('needs an enterprise and a school among the leads', () => {
    expect(missingLeads([])).toEqual(['enterprise', 'school']);
    expect(missingLeads([{ kind: 'school', partnerType: null }])).toEqual(['enterprise']);
    expect(
      missingLeads([
        { kind: 'partner', partnerType: 'park' },
        { kind: 'enterprise', partnerType: null },
      ]),
    ).toEqual(['school']);
    expect(
      missingLeads([
        { kind: 'school', partnerType: null },
        { kind: 'enterprise', partnerType: null },
        { kind: 'partner', partnerType: 'government' },
      ]),
    ).toEqual([]);
  });

  it('moves through its lifecycle only along the allowed transitions', () => {
    expect(canTransition('submit', 'draft')).toBe(true);
    expect(canTransition('submit', 'returned')).toBe(true);
    expect(canTransition('approve', 'draft')).toBe(false);
    expect(canTransition('approve', 'active')).toBe(false);
    expect(canTransition('dissolve', 'suspended')).toBe(true);
    expect(canTransition('reinstate', 'dissolved')).toBe(false);
  });

  it('validates the proposal', () => {
    expect(
      consortiumInputSchema.safeParse({
        kind: 'industry_community',
        level: 'municipal',
        name: '北京智能制造产教融合共同体',
        industryCode: '34',
        anchorRegionCode: '110115',
      }).success,
    ).toBe(true);
    const bad = consortiumInputSchema.safeParse({ kind: 'club', level: 'municipal', name: 'x', anchorRegionCode: '310101' });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['kind', 'name', 'anchorRegionCode']);
  });
});
