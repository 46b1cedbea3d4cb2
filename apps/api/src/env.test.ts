import { describe, expect, it } from 'vitest';
import { EnvError, readEnv } from './env.ts';

describe('environment', () => {
  it('reads RONGHE_INVITATIONS_PER_DAY, 50 unless set, and refuses a value that is not a positive whole number', () => {
    expect(readEnv({}).RONGHE_INVITATIONS_PER_DAY).toBe(50);
    expect(readEnv({ RONGHE_INVITATIONS_PER_DAY: '5' }).RONGHE_INVITATIONS_PER_DAY).toBe(5);
    for (const bad of ['0', '-1', 'lots', '2.5']) expect(() => readEnv({ RONGHE_INVITATIONS_PER_DAY: bad })).toThrow(EnvError);
  });

  it('turns demo mode on by default only on loopback outside production, and takes an explicit choice anywhere', () => {
    expect(readEnv({}).RONGHE_DEMO).toBe(true); // npm start: 127.0.0.1, no NODE_ENV
    expect(readEnv({ HOST: 'localhost', NODE_ENV: 'development' }).RONGHE_DEMO).toBe(true);
    expect(readEnv({ HOST: '0.0.0.0' }).RONGHE_DEMO).toBe(false);
    expect(readEnv({ HOST: '10.1.2.3' }).RONGHE_DEMO).toBe(false);
    expect(readEnv({ NODE_ENV: 'production' }).RONGHE_DEMO).toBe(false);
    expect(readEnv({ HOST: '0.0.0.0', RONGHE_DEMO: 'true' }).RONGHE_DEMO).toBe(true);
    expect(readEnv({ RONGHE_DEMO: 'false' }).RONGHE_DEMO).toBe(false);
    expect(readEnv({ RONGHE_DEMO: '', NODE_ENV: '' }).RONGHE_DEMO).toBe(true); // empty is unset
    expect(readEnv({}).HOST).toBe('127.0.0.1');
  });

  it('sends text messages through Alibaba Cloud only with all of its settings, naming any that is missing', () => {
    expect(readEnv({}).RONGHE_SMS).toBe('none');
    expect(readEnv({ RONGHE_SMS: 'log' }).RONGHE_SMS).toBe('log');
    expect(() => readEnv({ RONGHE_SMS: 'aliyun', ALIYUN_SMS_ACCESS_KEY_ID: 'id' })).toThrow(
      /ALIYUN_SMS_ACCESS_KEY_SECRET: required when RONGHE_SMS=aliyun.*ALIYUN_SMS_SIGN_NAME.*ALIYUN_SMS_CODE_TEMPLATE/,
    );
    const full = {
      ALIYUN_SMS_ACCESS_KEY_ID: 'id',
      ALIYUN_SMS_ACCESS_KEY_SECRET: 's',
      ALIYUN_SMS_SIGN_NAME: '融合平台',
      ALIYUN_SMS_CODE_TEMPLATE: 'SMS_1',
    };
    expect(readEnv({ RONGHE_SMS: 'aliyun', ...full })).toMatchObject({ RONGHE_SMS: 'aliyun', ALIYUN_SMS_SIGN_NAME: '融合平台' });
    expect(() => readEnv({ RONGHE_SMS: 'tencent' })).toThrow(EnvError);
    expect(() => readEnv({ RONGHE_SMS: 'aliyun', ...full, ALIYUN_SMS_ENDPOINT: 'http://example.com/' })).toThrow(
      /ALIYUN_SMS_ENDPOINT: must be an https/,
    );
  });
});
