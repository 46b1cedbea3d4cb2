import { Hono, type Context as HonoContext } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Auth } from '@ronghe/api/auth';
import { sessionFromHeaders } from '@ronghe/api/context';
import {
  DEFAULT_UPLOAD_LIMITS,
  MAX_UPLOAD_BYTES,
  isFilePurpose,
  readFile,
  uploadFile,
  type UploadLimits,
} from '@ronghe/api/services/files';
import type { Database } from '@ronghe/db/client';
import { httpStatusOf } from '@ronghe/api/errors';
import { DomainError } from '@ronghe/domain/errors';
import { languageFromHeader, translate } from '@ronghe/domain/messages';

// Uploads and downloads over plain HTTP (tRPC speaks JSON; files should not travel as base64). Thin on purpose:
// packages/api/src/services/files.ts decides who may upload and read what, and what a file may be.

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The JSON error the web app shows: a localised message and, where one field is at fault, that field. */
function errorResponse(c: HonoContext, error: DomainError) {
  const lang = languageFromHeader(c.req.header('x-ronghe-lang') ?? c.req.header('accept-language'));
  const message = translate(error.key, lang, error.params);
  // the status tRPC would answer with (packages/api errors/domain-errors.ts); a body cut off for its size is 413
  const status = (error.key === 'file.tooLarge' ? 413 : httpStatusOf(error.code)) as ContentfulStatusCode;
  // a day's upload limit: when the counts start again
  if (error.code === 'RATE_LIMITED' && typeof error.params.seconds === 'number') c.header('Retry-After', String(error.params.seconds));
  return c.json({ error: { code: error.code, message, fieldErrors: error.field ? [{ path: error.field, message }] : [] } }, status);
}

/** RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** `uploadLimits`: the day's limits from the environment (RONGHE_UPLOAD_*); those not set keep the defaults. */
export function fileRoutes({ db, auth, uploadLimits = {} }: { db: Database; auth: Auth; uploadLimits?: Partial<UploadLimits> }): Hono {
  const d = DEFAULT_UPLOAD_LIMITS;
  const limits: UploadLimits = {
    filesPerUser: uploadLimits.filesPerUser ?? d.filesPerUser,
    mbPerUser: uploadLimits.mbPerUser ?? d.mbPerUser,
    filesPerOrganization: uploadLimits.filesPerOrganization ?? d.filesPerOrganization,
    mbPerOrganization: uploadLimits.mbPerOrganization ?? d.mbPerOrganization,
  };
  const files = new Hono();
  const session = (c: HonoContext) => sessionFromHeaders(auth, c.req.raw.headers);

  files.onError((err, c) => {
    if (err instanceof DomainError) return errorResponse(c, err);
    throw err;
  });

  // the largest file plus room for the multipart envelope; a body over it is cut off while it streams in
  const limit = bodyLimit({
    maxSize: MAX_UPLOAD_BYTES + 64 * 1024,
    onError: (c) =>
      errorResponse(c, new DomainError('INVALID', 'file.tooLarge', { field: 'file', params: { mb: MAX_UPLOAD_BYTES / (1024 * 1024) } })),
  });

  /** POST /api/files?purpose=base_photo|placement_agreement&organizationId=… with one multipart `file` → { id } */
  files.post('/', limit, async (c) => {
    const caller = await session(c);
    if (!caller) throw new DomainError('UNAUTHORIZED', 'unauthorized');
    const purpose = c.req.query('purpose');
    const organizationId = c.req.query('organizationId') ?? '';
    if (!isFilePurpose(purpose)) throw new DomainError('INVALID', 'input.invalid', { field: 'purpose' });
    if (!uuid.test(organizationId)) throw new DomainError('INVALID', 'input.invalid', { field: 'organizationId' });
    // a body that is not multipart, or has no `file`, is answered as a missing file
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const file = body.file instanceof File ? body.file : null;
    const bytes = file ? new Uint8Array(await file.arrayBuffer()) : null;
    const { id } = await uploadFile(db, caller, { purpose, organizationId, fileName: file?.name ?? '', bytes }, limits);
    return c.json({ id }, 201);
  });

  /** GET /api/files/:id — the bytes, for those who may read them (see readFile) */
  files.get('/:id', async (c) => {
    const id = c.req.param('id');
    if (!uuid.test(id)) throw new DomainError('NOT_FOUND', 'notFound');
    const file = await readFile(db, await session(c), id);
    const etag = `"${file.sha256}"`;
    const headers = {
      'Content-Type': file.contentType,
      'Content-Disposition': contentDisposition(file.disposition, file.fileName),
      'X-Content-Type-Options': 'nosniff',
      // private: a shared cache must not hand a member's file to someone else; the bytes of an id never change
      'Cache-Control': 'private, max-age=3600',
      ETag: etag,
    };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, { ...headers, 'Content-Length': String(file.byteSize) });
  });

  return files;
}
