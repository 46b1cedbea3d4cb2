/**
 * The name of the unique constraint a failed insert/update hit, or null for any other error.
 * PGlite names it `constraint`, postgres.js `constraint_name`; drizzle wraps either in `cause`.
 */
export function uniqueViolation(error: unknown): string | null {
  return violation(error, '23505');
}

/** The name of the CHECK constraint a failed insert/update hit, or null for any other error. */
export function checkViolation(error: unknown): string | null {
  return violation(error, '23514');
}

function violation(error: unknown, sqlState: string): string | null {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint, constraint_name: constraintName } = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (code !== sqlState) continue;
    if (typeof constraint === 'string') return constraint;
    return typeof constraintName === 'string' ? constraintName : '';
  }
  return null;
}
