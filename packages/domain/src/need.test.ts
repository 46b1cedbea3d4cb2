import { describe, expect, it } from 'vitest';
import {
  changedNeedFields,
  internshipViolations,
  isMaterialChange,
  maxInternsForEnterprise,
  maxInternsForPost,
  needEditViolation,
  needInputSchema,
} from './need.ts';
import { maskContactsInText } from './cohort.ts';

const internship = {
  kind: 'internship' as const,
  title: '数控加工岗位实习',
  regionCode: '110115',
  deadline: '2027-02-15',
  post: '数控车工',
  majorCodes: ['460103'],
  headcount: 20,
  periodFrom: '2027-03-01',
  periodTo: '2027-06-30',
  dailyHours: 8,
  monthlyPay: 4000,
  probationWage: 5000,
  postStaffCount: 100,
};

describe('needs', () => {
  it('validates fields by kind', () => {
    expect(needInputSchema.safeParse(internship).success).toBe(true);
    expect(needInputSchema.safeParse({ ...internship, headcount: 0 }).success).toBe(false);
    expect(needInputSchema.safeParse({ ...internship, majorCodes: [] }).success).toBe(false);
    expect(
      needInputSchema.safeParse({
        kind: 'order_class',
        title: '数控订单班',
        regionCode: '110115',
        deadline: '2027-02-15',
        majorCodes: ['460103'],
        intake: 40,
        years: 3,
      }).success,
    ).toBe(true);
    expect(
      needInputSchema.safeParse({
        kind: 'order_class',
        title: '数控订单班',
        regionCode: '110000',
        deadline: '2027-02-15',
        majorCodes: ['460103'],
        intake: 40,
        years: 3,
      }).success,
    ).toBe(false);
  });

  it('applies the internship rules: pay ≥ 80 % of probation wage, ≤ 20 % of the post, ≤ 10 % of the enterprise', () => {
    expect(maxInternsForPost(100)).toBe(20);
    expect(maxInternsForEnterprise(1200)).toBe(120);
    expect(internshipViolations(internship, { interns: 20, enterpriseStaff: 1200 })).toEqual([]);
    expect(internshipViolations({ ...internship, monthlyPay: 3999 }, { interns: 20, enterpriseStaff: 1200 }).map((v) => v.rule)).toEqual([
      'internship.pay',
    ]);
    expect(internshipViolations(internship, { interns: 21, enterpriseStaff: 1200 }).map((v) => v.rule)).toEqual(['internship.postShare']);
    expect(internshipViolations(internship, { interns: 20, enterpriseStaff: 1200, otherInterns: 101 }).map((v) => v.rule)).toEqual([
      'internship.enterpriseShare',
    ]);
    expect(
      internshipViolations({ ...internship, periodTo: '2027-02-01' }, { interns: 1, enterpriseStaff: null }).map((v) => v.field),
    ).toEqual(['periodTo']);
  });
});

describe('editing a need', () => {
  const before = { ...internship, description: '' };
  const published = { published: true, accepted: 12 };

  it('lets a draft change anything but its places below those accepted', () => {
    expect(
      needEditViolation(
        before,
        { ...before, regionCode: '110108', monthlyPay: 4000, deadline: '2020-01-01' },
        { published: false, accepted: 0 },
      ),
    ).toBeNull();
    expect(needEditViolation(before, { ...before, headcount: 11 }, { published: false, accepted: 12 })).toMatchObject({
      key: 'need.belowAccepted',
      field: 'headcount',
    });
  });

  it('lets a published need change only in the applicants’ favour, naming the field', () => {
    expect(
      needEditViolation(
        before,
        { ...before, monthlyPay: 4800, dailyHours: 6, deadline: '2027-03-01', majorCodes: ['460103', '460301'], description: '包午餐' },
        published,
      ),
    ).toBeNull();
    expect(needEditViolation(before, { ...before, periodFrom: '2027-03-02' }, published)).toMatchObject({
      key: 'need.lockedAfterPublish',
      field: 'periodFrom',
    });
    expect(needEditViolation(before, { ...before, monthlyPay: 3999 }, published)).toMatchObject({
      key: 'need.notLower',
      field: 'monthlyPay',
      params: { value: 4000 },
    });
    expect(needEditViolation(before, { ...before, dailyHours: 9 }, published)).toMatchObject({
      key: 'need.notHigher',
      field: 'dailyHours',
    });
    expect(needEditViolation({ ...before, accommodation: true }, { ...before, accommodation: false }, published)).toMatchObject({
      field: 'accommodation',
    });
    expect(needEditViolation(before, { ...before, deadline: '2026-01-01' }, published)).toMatchObject({
      key: 'need.deadlineEarlier',
      field: 'deadline',
    });
    expect(needEditViolation(before, { ...before, majorCodes: ['460301'] }, published)).toMatchObject({
      key: 'need.majorsRemoved',
      field: 'majorCodes',
    });
  });

  it('lists what changed, and tells wording from material changes', () => {
    const changed = changedNeedFields(before, { ...before, description: '新说明', headcount: 15 });
    expect(changed).toEqual({ description: { from: '', to: '新说明' }, headcount: { from: 20, to: 15 } });
    expect(isMaterialChange(changed)).toBe(true);
    expect(isMaterialChange(changedNeedFields(before, { ...before, title: '新标题' }))).toBe(false);
  });

  it('masks mobile numbers and emails in free text', () => {
    expect(maskContactsInText('带队：李老师 13912345678 / 139-1234-5678，li@school.cn')).toBe(
      '带队：李老师 139****5678 / 139****5678，l***@school.cn',
    );
    expect(maskContactsInText('共 20 人，学号 2023123456789')).toBe('共 20 人，学号 2023123456789');
  });
});
