import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestOutboundMessage } from '@ronghe/db/queries/outbox';
import { createTestEnv, type TestEnv } from '../test-support.ts';
import { deliverMessage } from './message-delivery.ts';
import { outboxNotifier } from './notifier.ts';
import { aliyunRpcSignature, aliyunSmsTransport, type AliyunSmsConfig } from './sms-transport.ts';

// The SMS provider adapter against a local HTTP server standing in for Alibaba Cloud's: it checks each request's
// signature as the service does (its own implementation, below) and answers as the service answers.

const KEY_ID = 'LTAI-test-key';
const SECRET = 'test-secret-of-the-provider';
const BAD_NUMBER = '13900000000';

type Received = Record<string, string>;
const received: Received[] = [];
const nonces = new Set<string>();

/** The service's check: RFC 3986 encoding (space %20, * %2A, ~ kept), sorted, "POST&%2F&…", HMAC-SHA1 with "secret&". */
function signatureOk(params: Received): boolean {
  const { Signature: given, ...rest } = params;
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  const canonical = Object.keys(rest)
    .sort()
    .map((k) => `${enc(k)}=${enc(rest[k] ?? '')}`)
    .join('&');
  const expected = createHmac('sha1', `${SECRET}&`)
    .update(`POST&%2F&${enc(canonical)}`)
    .digest('base64');
  return given === expected;
}

let env: TestEnv;
let server: Server;
let endpoint = '';
beforeAll(async () => {
  env = await createTestEnv();
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(raw));
      received.push(params);
      const answer = (status: number, body: Record<string, string>) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ RequestId: 'test', ...body }));
      };
      const age = Date.now() - Date.parse(params.Timestamp ?? '');
      if (params.AccessKeyId !== KEY_ID)
        return answer(404, { Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' });
      if (!signatureOk(params)) return answer(400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched.' });
      if (!(age >= -60_000 && age < 15 * 60_000)) return answer(400, { Code: 'InvalidTimeStamp.Expired', Message: 'expired' });
      if (nonces.has(params.SignatureNonce ?? '')) return answer(400, { Code: 'SignatureNonceUsed', Message: 'nonce used' });
      nonces.add(params.SignatureNonce ?? '');
      if (params.PhoneNumbers === BAD_NUMBER) return answer(200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
      return answer(200, { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await env.close();
});

const config = (overrides: Partial<AliyunSmsConfig> = {}): AliyunSmsConfig => ({
  accessKeyId: KEY_ID,
  accessKeySecret: SECRET,
  signName: '融合平台',
  codeTemplate: 'SMS_000001',
  endpoint,
  ...overrides,
});

/** Writes a text message to the outbox and returns its id. */
async function queued(to: string, body: string, purpose: string): Promise<string> {
  const ids: string[] = [];
  await outboxNotifier(env.db, (id) => ids.push(id)).send({ to, channel: 'sms', subject: '融合平台', body, purpose });
  return ids[0] ?? '';
}

describe('text messages through Alibaba Cloud SMS', () => {
  it("signs as the provider's documentation's own example does", () => {
    // Alibaba Cloud's RPC signature documentation: DescribeRegions with AccessKeyId testid and secret testsecret
    const params = {
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Timestamp: '2016-02-23T12:46:24Z',
      Version: '2014-05-26',
    };
    expect(aliyunRpcSignature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('sends a code through the code template, signed; the server checks the signature and the message is sent', async () => {
    const id = await queued('13800138001', '您的融合平台验证码是 482913，10 分钟内有效。', 'verification');
    expect(await deliverMessage(env.db, { sms: aliyunSmsTransport(config()) }, id)).toBe('sent');
    const request = received.at(-1);
    expect(request).toMatchObject({
      Action: 'SendSms',
      PhoneNumbers: '13800138001',
      SignName: '融合平台',
      TemplateCode: 'SMS_000001',
      TemplateParam: '{"code":"482913"}',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
    });
    expect((await latestOutboundMessage(env.db, '13800138001', 'verification'))?.status).toBe('sent');
  });

  it('retries when the provider refuses the signature (a wrong secret), recording its answer', async () => {
    const id = await queued('13800138002', '您的融合平台密码重置验证码是 100200。', 'password-reset');
    expect(await deliverMessage(env.db, { sms: aliyunSmsTransport(config({ accessKeySecret: 'not-the-secret' })) }, id)).toBe('retry');
    expect(await latestOutboundMessage(env.db, '13800138002', 'password-reset')).toMatchObject({
      status: 'queued',
      lastError: expect.stringContaining('SignatureDoesNotMatch') as unknown,
    });
    // with the right secret the next attempt goes through
    expect(await deliverMessage(env.db, { sms: aliyunSmsTransport(config()) }, id)).toBe('sent');
  });

  it('fails a number the provider calls invalid at once, and keeps a notice for admins without a notice template', async () => {
    const bad = await queued(BAD_NUMBER, '您的融合平台验证码是 111222。', 'verification');
    expect(await deliverMessage(env.db, { sms: aliyunSmsTransport(config()) }, bad)).toBe('failed');
    expect((await latestOutboundMessage(env.db, BAD_NUMBER, 'verification'))?.lastError).toContain('139****0000');
    const sentBefore = received.length;
    const notice = await queued('13800138003', '融合平台通知：「某企业」邀请您加入。', 'invitation');
    expect(await deliverMessage(env.db, { sms: aliyunSmsTransport(config()) }, notice)).toBe('held');
    expect(received.length).toBe(sentBefore);
    // with one, the text goes as its variable
    const again = await queued('13800138004', '融合平台通知：「某企业」邀请您加入。', 'invitation');
    expect(await deliverMessage(env.db, { sms: aliyunSmsTransport(config({ noticeTemplate: 'SMS_000002' })) }, again)).toBe('sent');
    expect(received.at(-1)).toMatchObject({
      TemplateCode: 'SMS_000002',
      TemplateParam: JSON.stringify({ content: '融合平台通知：「某企业」邀请您加入。' }),
    });
  });
});
