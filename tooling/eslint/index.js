// Shared lint config. `boundaries` encodes the house's one-way imports:
// apps → packages/api → packages/db → packages/domain (shared/docs/STYLE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const forbidden = {
  domain: [
    '@ronghe/db',
    '@ronghe/db/*',
    '@ronghe/api',
    '@ronghe/api/*',
    '@ronghe/server',
    '@ronghe/server/*',
    '@ronghe/web',
    '@ronghe/web/*',
    '@trpc/server',
    '@trpc/server/*',
  ],
  db: [
    '@ronghe/api',
    '@ronghe/api/*',
    '@ronghe/server',
    '@ronghe/server/*',
    '@ronghe/web',
    '@ronghe/web/*',
    '@trpc/server',
    '@trpc/server/*',
  ],
  api: ['@ronghe/server', '@ronghe/server/*', '@ronghe/web', '@ronghe/web/*'],
  server: ['@ronghe/bench', '@ronghe/web', '@ronghe/web/*', '@trpc/server', '@trpc/server/*'],
  // the bench (apps/bench) starts the server in-process through @ronghe/server's exports; nothing imports the bench
  bench: ['@ronghe/web', '@ronghe/web/*', '@trpc/server', '@trpc/server/*'],
  web: [
    '@ronghe/db',
    '@ronghe/db/*',
    '@ronghe/server',
    '@ronghe/server/*',
    '@trpc/server',
    '@trpc/server/*',
    'postgres',
    '@electric-sql/pglite',
  ],
};

/** @param {keyof typeof forbidden} layer */
export function boundaries(layer) {
  const typeOnly =
    layer === 'web'
      ? [
          {
            group: ['@ronghe/api', '@ronghe/api/*'],
            allowTypeImports: true,
            message: 'The web app may import only types from @ronghe/api.',
          },
        ]
      : [];
  return {
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: forbidden[layer],
              message: `Not allowed from ${layer}: imports flow apps → api → db → domain (shared/docs/STYLE.md).`,
            },
            ...typeOnly,
          ],
        },
      ],
    },
  };
}

/** @param {{ layer: keyof typeof forbidden, react?: boolean }} opts */
export function config({ layer, react = false }) {
  return tseslint.config(
    { ignores: ['dist/**', 'node_modules/**', 'migrations/**', 'test-results/**'] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
      languageOptions: { globals: { ...globals.node, ...(react ? globals.browser : {}) } },
      rules: {
        '@typescript-eslint/no-explicit-any': 'error',
        '@typescript-eslint/no-non-null-assertion': 'error',
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
        'no-console': 'error',
        // the issue: no line over 160 characters outside generated files (migrations are ignored above)
        'max-len': ['error', { code: 160, ignoreUrls: true }],
      },
    },
    ...(react ? [{ plugins: { 'react-hooks': reactHooks }, rules: reactHooks.configs.recommended.rules }] : []),
    boundaries(layer),
  );
}
