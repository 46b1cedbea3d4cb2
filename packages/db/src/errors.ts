/**
 * The name of the unique constraint a failed insert/update hit, or null for any other error.
 * PGlite names it `constraint`, postgres.js `constraint_name`; drizzle wraps either in `cause`.
 */
export function uniqueViolation(error: unknown): string | null {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint, constraint_name: constraintName } = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (code !== '23505') continue;
    if (typeof constraint === 'string') return constraint;
    return typeof constraintName === 'string' ? constraintName : '';
  }
  return null;
}
