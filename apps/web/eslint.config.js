import { config } from '@ronghe/eslint-config';

export default [
  ...config({ layer: 'web', react: true }),
  // Browser journeys drive the real server from outside: they may create and drop test databases.
  { files: ['e2e/**'], rules: { '@typescript-eslint/no-restricted-imports': 'off' } },
];
