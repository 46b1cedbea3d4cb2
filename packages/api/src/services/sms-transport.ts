import { createHmac, randomUUID } from 'node:crypto';
import { maskMobile } from '@ronghe/domain/account';
import { Undeliverable, type Transport } from './message-delivery.ts';

// Text messages (issue 20). Mainland SMS services send only pre-approved templates under a registered signature
// (签名): a code goes out through the code template with its six digits as the variable `code`; other messages
// (invitations, notices) through a notice template with the text as `content`, when one is configured, else they stay
// in the outbox for admins. The provider adapter is Alibaba Cloud SMS (阿里云短信服务, Dysmsapi SendSms), signed with
// its RPC signature (HMAC-SHA1 over the sorted, percent-encoded parameters, version 1.0).

/** Purposes whose text carries a 6-digit one-time code (services/verification.ts, password-reset.ts). */
const CODE_PURPOSES = new Set(['verification', 'password-reset']);

export type AliyunSmsConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  /** the registered signature, e.g. 融合平台 */
  signName: string;
  /** the approved template for codes, with a variable ${code} */
  codeTemplate: string;
  /** an approved template for notices, with a variable ${content}; without one, notices stay in the outbox */
  noticeTemplate?: string;
  /** https://dysmsapi.aliyuncs.com/ unless a test points it elsewhere */
  endpoint?: string;
};

/** RFC 3986 percent-encoding as Alibaba Cloud specifies it: unreserved characters as they are, space as %20. */
export const percentEncode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The RPC signature of a request's parameters (without `Signature`): base64 HMAC-SHA1 keyed by the secret and "&". */
export function aliyunRpcSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&');
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

/** Provider answers that no retry will change: the number or the template/signature is wrong. */
const PERMANENT =
  /^isv\.(MOBILE_NUMBER_ILLEGAL|MOBILE_COUNT_OVER_LIMIT|TEMPLATE_MISSING_PARAMETERS|SMS_TEMPLATE_ILLEGAL|SMS_SIGNATURE_ILLEGAL|INVALID_PARAMETERS)$/;

export function aliyunSmsTransport(config: AliyunSmsConfig): Transport {
  const endpoint = config.endpoint ?? 'https://dysmsapi.aliyuncs.com/';
  return {
    send: async ({ to, body, purpose }) => {
      let template: string;
      let templateParam: Record<string, string>;
      if (CODE_PURPOSES.has(purpose)) {
        const code = /\b(\d{6})\b/.exec(body)?.[1];
        if (!code) throw new Undeliverable(`no 6-digit code in a ${purpose} message`, 'failed');
        template = config.codeTemplate;
        templateParam = { code };
      } else if (config.noticeTemplate) {
        template = config.noticeTemplate;
        templateParam = { content: body };
      } else {
        throw new Undeliverable('no SMS template for notices (ALIYUN_SMS_NOTICE_TEMPLATE): kept for admins', 'held');
      }
      const params: Record<string, string> = {
        AccessKeyId: config.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        PhoneNumbers: to,
        RegionId: 'cn-hangzhou',
        SignName: config.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: template,
        TemplateParam: JSON.stringify(templateParam),
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Version: '2017-05-25',
      };
      const signature = aliyunRpcSignature('POST', params, config.accessKeySecret);
      const form = Object.entries({ ...params, Signature: signature })
        .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
        .join('&');
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
        signal: AbortSignal.timeout(10_000),
      });
      const answer = (await res.json().catch(() => null)) as { Code?: string; Message?: string } | null;
      if (res.ok && answer?.Code === 'OK') return;
      const reason = `SMS to ${maskMobile(to)}: ${answer?.Code ?? `HTTP ${res.status}`} ${answer?.Message ?? ''}`.trim();
      if (answer?.Code && PERMANENT.test(answer.Code)) throw new Undeliverable(reason, 'failed');
      throw new Error(reason);
    },
  };
}

/** For development: text messages written to the server's log (codes readable in the console), none sent. */
export function logSmsTransport(write: (line: { to: string; body: string }) => void): Transport {
  return {
    send: async ({ to, body }) => {
      write({ to, body });
    },
  };
}
