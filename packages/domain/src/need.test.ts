import { describe, expect, it } from 'vitest';
import { internshipViolations, maxInternsForEnterprise, maxInternsForPost, needInputSchema } from './need.ts';

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
    expect(needInputSchema.safeParse({ kind: 'order_class', title: '数控订单班', regionCode: '110115', deadline: '2027-02-15', majorCodes: ['460103'], intake: 40, years: 3 }).success).toBe(true);
    expect(needInputSchema.safeParse({ kind: 'order_class', title: '数控订单班', regionCode: '110000', deadline: '2027-02-15', majorCodes: ['460103'], intake: 40, years: 3 }).success).toBe(false);
  });

  it('applies the internship rules: pay ≥ 80 % of probation wage, ≤ 20 % of the post, ≤ 10 % of the enterprise', () => {
    expect(maxInternsForPost(100)).toBe(20);
    expect(maxInternsForEnterprise(1200)).toBe(120);
    expect(internshipViolations(internship, { interns: 20, enterpriseStaff: 1200 })).toEqual([]);
    expect(internshipViolations({ ...internship, monthlyPay: 3999 }, { interns: 20, enterpriseStaff: 1200 }).map((v) => v.rule)).toEqual(['internship.pay']);
    expect(internshipViolations(internship, { interns: 21, enterpriseStaff: 1200 }).map((v) => v.rule)).toEqual(['internship.postShare']);
    expect(internshipViolations(internship, { interns: 20, enterpriseStaff: 1200, otherInterns: 101 }).map((v) => v.rule)).toEqual(['internship.enterpriseShare']);
    expect(internshipViolations({ ...internship, periodTo: '2027-02-01' }, { interns: 1, enterpriseStaff: null }).map((v) => v.field)).toEqual(['periodTo']);
  });
});
