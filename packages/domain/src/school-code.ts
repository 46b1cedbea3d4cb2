import { z } from 'zod';

// 学校标识码: 10 digits. In the ministry's list they read as 41 + province (11/12/13…) + 0 + school
// code, but that is inferred from data, not a published spec: we validate the shape only.
export const SCHOOL_CODE_PATTERN = /^\d{10}$/;

export const isValidSchoolCode = (code: string): boolean => SCHOOL_CODE_PATTERN.test(code);

export const schoolCodeSchema = z.string().trim().regex(SCHOOL_CODE_PATTERN, { message: 'schoolCode.format' });
