import { config } from '@ronghe/eslint-config';

export default config({ layer: 'server', react: false });
