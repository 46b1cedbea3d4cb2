import { describe, expect, it } from 'vitest';
import examples from './reference/data/uscc-examples.json' with { type: 'json' };
import { checkUscc, isValidUscc, usccCheckChar, usccSchema } from './uscc.ts';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each(examples.rows)('accepts the real code of $company', ({ code }) => {
    expect(checkUscc(code)).toBeNull();
  });

  it('computes the check character by hand for Sinopec', () => {
    // Σ value×weight over 91110000710926094 = 876; 876 mod 31 = 8;
    // (31 − 8) mod 31 = 23, and charset[23] = 'P', as published.
    expect(usccCheckChar('91110000710926094')).toBe('P');
  });

  it('rejects a wrong check character', () => {
    expect(checkUscc('91110000710926094Q')).toBe('checksum');
  });

  it('rejects forbidden letters I, O, S, V, Z', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z']) expect(checkUscc(`9111000071092609${bad}P`)).toBe('charset');
  });

  it('rejects wrong lengths', () => {
    expect(checkUscc('9111000071092609')).toBe('length');
    expect(checkUscc('91110000710926094PP')).toBe('length');
    expect(checkUscc('')).toBe('length');
  });

  it('every single-character change of a valid code is caught', () => {
    const code = '914403001922038216';
    let caught = 0;
    let tried = 0;
    for (let i = 0; i < 17; i++) {
      for (const ch of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
        if (ch === code[i]) continue;
        tried++;
        if (!isValidUscc(code.slice(0, i) + ch + code.slice(i + 1))) caught++;
      }
    }
    expect(caught).toBe(tried);
  });

  it('the schema normalises case and reports a message key', () => {
    expect(usccSchema.parse(' 91110000710926094p ')).toBe('91110000710926094P');
    const result = usccSchema.safeParse('91110000710926094Q');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('uscc.checksum');
  });
});
