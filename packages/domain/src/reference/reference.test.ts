import { describe, expect, it } from 'vitest';
import { getRegion, isJjjRegion, regionCodeSchema, regionPath, regions } from './regions.ts';
import { categoriesOf, majorCategories, majorCategoryOf, starterMajors } from './majors.ts';
import { gaojingjianIndustries, industries, isIndustryDivision } from './industries.ts';
import { targets } from './targets.ts';

describe('reference data', () => {
  it('has the 京津冀 divisions: 3 provinces, 11 Hebei prefectures, 16 + 16 districts', () => {
    expect(regions.filter((r) => r.level === 'province').map((r) => r.name)).toEqual(['北京市', '天津市', '河北省']);
    expect(regions.filter((r) => r.level === 'prefecture')).toHaveLength(11);
    expect(regions.filter((r) => r.provinceCode === '11' && r.level === 'county')).toHaveLength(16);
    expect(regions.filter((r) => r.provinceCode === '12' && r.level === 'county')).toHaveLength(16);
    expect(regions.filter((r) => !r.statutory)).toHaveLength(23);
  });

  it('walks a Hebei county up to its province', () => {
    const county = regions.find((r) => r.name === '正定县');
    expect(county).toBeDefined();
    expect(regionPath(county?.code ?? '').map((r) => r.name)).toEqual(['河北省', '石家庄市', '正定县']);
  });

  it('knows what is outside 京津冀', () => {
    expect(isJjjRegion('110105')).toBe(true);
    expect(getRegion('110105')?.name).toBe('朝阳区');
    expect(isJjjRegion('310101')).toBe(false); // 上海 黄浦区
    expect(regionCodeSchema.safeParse('310101').error?.issues[0]?.message).toBe('region.unknown');
  });

  it('has the 19 专业大类 in official order and maps starter majors to them', () => {
    expect(majorCategories).toHaveLength(19);
    expect(majorCategories[0]?.name).toBe('农林牧渔大类');
    expect(majorCategoryOf('460103')?.name).toBe('装备制造大类');
    expect(majorCategoryOf('520201')?.name).toBe('医药卫生大类');
    expect(majorCategoryOf('720201')?.name).toBe('医药卫生大类');
    expect(starterMajors.every((m) => m.starter && majorCategoryOf(m.code))).toBe(true);
  });

  it('gives the 专业大类 of a set of majors once each, in order of first mention, skipping unknown codes', () => {
    // 460103 and 460301 share a 专业大类, as do 520201 (高职) and 720201 (中职)
    expect(majorCategoryOf('460301')?.seq).toBe(majorCategoryOf('460103')?.seq);
    expect(categoriesOf(['460103', '520201', '460301', '720201', '999999'])).toEqual([
      majorCategoryOf('460103')?.seq,
      majorCategoryOf('520201')?.seq,
    ]);
    expect(categoriesOf([])).toEqual([]);
  });

  it('has GB/T 4754 sections and divisions', () => {
    expect(industries.filter((i) => i.level === 'section')).toHaveLength(20);
    expect(industries.filter((i) => i.level === 'division')).toHaveLength(97);
    expect(isIndustryDivision('34')).toBe(true);
    expect(isIndustryDivision('A')).toBe(false);
    expect(gaojingjianIndustries.filter((g) => g.framework === '2017_ten_gaojingjian')).toHaveLength(10);
  });

  it('has the plan targets T01–T16', () => {
    expect(targets.map((t) => t.code)).toEqual(Array.from({ length: 16 }, (_, i) => `T${String(i + 1).padStart(2, '0')}`));
    expect(targets.find((t) => t.code === 'T03')?.target2027).toBe(100);
  });
});
