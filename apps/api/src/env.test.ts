import { describe, expect, it } from 'vitest';
import { EnvError, readEnv } from './env.ts';

describe('environment', () => {
  it('reads RONGHE_INVITATIONS_PER_DAY, 50 unless set, and refuses a value that is not a positive whole number', () => {
    expect(readEnv({}).RONGHE_INVITATIONS_PER_DAY).toBe(50);
    expect(readEnv({ RONGHE_INVITATIONS_PER_DAY: '5' }).RONGHE_INVITATIONS_PER_DAY).toBe(5);
    for (const bad of ['0', '-1', 'lots', '2.5']) expect(() => readEnv({ RONGHE_INVITATIONS_PER_DAY: bad })).toThrow(EnvError);
  });
});
