import { config } from '@ronghe/eslint-config';

export default config({ layer: 'domain', react: false });
