import { describe, expect, it } from 'vitest';
import { closesEarly, earlyCloseReason, mayOrganizeRound, openRefusal, publishRefusal, submissionRefusal } from './round.ts';

const round = { preferencesOpenOn: '2027-03-01', preferencesCloseOn: '2027-03-10', resultsOn: '2027-03-15' };

describe('round rules (issue 18)', () => {
  it('lets platform admins and leads of an active consortium organise, nobody else', () => {
    expect(mayOrganizeRound({ isPlatformAdmin: true, leadsActiveConsortium: false })).toBe(true);
    expect(mayOrganizeRound({ isPlatformAdmin: false, leadsActiveConsortium: true })).toBe(true);
    expect(mayOrganizeRound({ isPlatformAdmin: false, leadsActiveConsortium: false })).toBe(false);
  });

  it('takes submissions from the opening to the closing date inclusive, naming the dates otherwise', () => {
    expect(submissionRefusal(round, '2027-02-28')).toEqual({ key: 'round.outsideDates', params: { from: '2027-03-01', to: '2027-03-10' } });
    expect(submissionRefusal(round, '2027-03-01')).toBeNull();
    expect(submissionRefusal(round, '2027-03-10')).toBeNull();
    expect(submissionRefusal(round, '2027-03-11')?.key).toBe('round.outsideDates');
  });

  it('opens any day up to the closing date; closing on or before it is early; publishes from the results date', () => {
    expect(openRefusal(round, '2027-02-01')).toBeNull();
    expect(openRefusal(round, '2027-03-10')).toBeNull();
    expect(openRefusal(round, '2027-03-11')).toEqual({ key: 'round.closeDatePassed', params: { to: '2027-03-10' } });
    expect([closesEarly(round, '2027-03-10'), closesEarly(round, '2027-03-11')]).toEqual([true, false]);
    expect(publishRefusal(round, '2027-03-14')).toEqual({ key: 'round.beforeResultsDate', params: { on: '2027-03-15' } });
    expect(publishRefusal(round, '2027-03-15')).toBeNull();
  });

  it('wants a reason of at least 10 characters to close early', () => {
    expect(earlyCloseReason.safeParse('太短的理由').success).toBe(false);
    expect(earlyCloseReason.safeParse('企业已书面确认不再排序，提前匹配').success).toBe(true);
  });
});
