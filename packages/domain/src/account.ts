import { z } from 'zod';

// Sign-up and sign-in take an email or a mainland mobile number as the identifier.

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

export const isMobile = (s: string): boolean => MOBILE_PATTERN.test(s);

export type Identifier = { kind: 'email'; value: string } | { kind: 'mobile'; value: string };

/** An email (lower-cased) or an 11-digit mainland mobile number (spaces and dashes dropped). */
export const identifierSchema = z
  .string()
  .trim()
  .min(1, { message: 'identifier.invalid' })
  .max(254, { message: 'identifier.invalid' })
  .transform((raw, ctx): Identifier => {
    const digits = raw.replace(/[\s-]/g, '').replace(/^\+?86/, '');
    if (isMobile(digits)) return { kind: 'mobile', value: digits };
    const email = raw.toLowerCase();
    if (z.email().safeParse(email).success) return { kind: 'email', value: email };
    ctx.addIssue({ code: 'custom', message: 'identifier.invalid' });
    return z.NEVER;
  });

/** At least 8 characters with letters and digits; at most 128. */
export const passwordSchema = z
  .string()
  .max(128, { message: 'password.weak' })
  .refine((p) => p.length >= 8 && /[A-Za-z]/.test(p) && /\d/.test(p), { message: 'password.weak' });

export const personNameSchema = z.string().trim().min(1, { message: 'name.required' }).max(50);

export const mobileSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .refine(isMobile, { message: 'mobile.invalid' });

/** 138****1234: what people outside an organisation see of its contacts' numbers. */
export function maskMobile(mobile: string): string {
  if (mobile.length < 7) return '*'.repeat(mobile.length);
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}

/** 张** / J*** : the first character of a personal name, the rest hidden. */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** a***@example.com */
export function maskEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}

export const maskIdentifier = (identifier: string): string => (isMobile(identifier) ? maskMobile(identifier) : maskEmail(identifier));

/** The email better-auth stores for an account created with a mobile number only (never mailed). */
export const mobileAccountEmail = (mobile: string): string => `m${mobile}@mobile.ronghe.invalid`;

/** Whether an account's email is the internal one of an account made with a mobile number (not the user's). */
export const isMobileAccountEmail = (email: string): boolean => email.endsWith('@mobile.ronghe.invalid');
