import { config } from '@ronghe/eslint-config';

export default config({ layer: 'db', react: false });
