import { config } from '@ronghe/eslint-config';

export default config({ layer: 'web', react: true });
