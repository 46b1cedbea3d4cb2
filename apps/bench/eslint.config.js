import { config } from '@ronghe/eslint-config';

export default config({ layer: 'bench', react: false });
