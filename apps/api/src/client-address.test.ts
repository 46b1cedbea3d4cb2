import { describe, expect, it } from 'vitest';
import { clientAddress } from './app.ts';

// Rate limits key on the client's address; behind nginx every socket is the proxy's.

describe('the client address', () => {
  it('is the socket address when no proxy is trusted, whatever the client claims', () => {
    expect(clientAddress('203.0.113.7', '10.0.0.1', [])).toBe('203.0.113.7');
    expect(clientAddress(undefined, undefined)).toBe('unknown');
  });

  it('is the last X-Forwarded-For hop when the socket is a trusted proxy', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.4', ['127.0.0.1'])).toBe('198.51.100.4');
    expect(clientAddress('::ffff:127.0.0.1', '198.51.100.4', ['127.0.0.1'])).toBe('198.51.100.4');
    // a client sending its own X-Forwarded-For cannot choose: the proxy appends the real address last
    expect(clientAddress('127.0.0.1', '6.6.6.6, 198.51.100.4', ['127.0.0.1'])).toBe('198.51.100.4');
  });

  it('ignores the header from a socket that is not a trusted proxy', () => {
    expect(clientAddress('192.0.2.50', '198.51.100.4', ['127.0.0.1'])).toBe('192.0.2.50');
  });
});
