import { config } from '@ronghe/eslint-config';

export default config({ layer: 'api', react: false });
