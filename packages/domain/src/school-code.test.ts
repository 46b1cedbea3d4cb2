import { describe, expect, it } from 'vitest';
import { isValidSchoolCode, schoolCodeSchema } from './school-code.ts';

describe('学校标识码', () => {
  it('accepts ten digits', () => {
    expect(isValidSchoolCode('4111010853')).toBe(true);
  });
  it.each(['411101085', '41110108530', '41110108A3', '', '4111 10853'])('rejects %j', (code) => {
    expect(isValidSchoolCode(code)).toBe(false);
    expect(schoolCodeSchema.safeParse(code).error?.issues[0]?.message).toBe('schoolCode.format');
  });
});
