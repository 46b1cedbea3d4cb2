import { z } from 'zod';

// 统一社会信用代码, GB 32100-2015: 18 characters; the 18th is a check character over the first 17.
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccProblem = 'length' | 'charset' | 'checksum';

/** The check character for the first 17 characters, or null if one is outside the charset. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

export function checkUscc(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!USCC_CHARSET.includes(ch)) return 'charset';
  return usccCheckChar(code.slice(0, 17)) === code.charAt(17) ? null : 'checksum';
}

export const isValidUscc = (code: string): boolean => checkUscc(code) === null;

/** Accepts lower case and surrounding spaces, stores upper case. */
export const usccSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((code, ctx) => {
    const problem = checkUscc(code);
    if (problem) ctx.addIssue({ code: 'custom', message: `uscc.${problem}` });
  });
