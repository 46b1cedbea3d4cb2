/**
 * One formatter for every package (`prettier --check .` in each package's lint). Lines break at 140 so that what
 * prettier cannot break (a long string or URL) still stays under the 160 characters lint allows.
 * @type {import('prettier').Config}
 */
export default {
  printWidth: 140,
  singleQuote: true,
  trailingComma: 'all',
  arrowParens: 'always',
};
