import { createHash } from 'node:crypto';
import type { Database, Drizzle } from '@ronghe/db/client';
import {
  baseOfPhoto,
  basePhotoIds,
  getFileBytes,
  getFileMeta,
  insertStoredFile,
  lockFiles,
  placementsOfAgreement,
  replaceBasePhotos,
} from '@ronghe/db/queries/files';
import { membershipOf } from '@ronghe/db/queries/memberships';
import { addToRateLimit } from '@ronghe/db/queries/rate-limits';
import { MAX_BASE_PHOTOS, filePurposes, type FilePurpose } from '@ronghe/db/schema';
import { DomainError } from '@ronghe/domain/errors';
import { todayInChina } from '@ronghe/domain/training-base';
import { requireVerifiedManager, type Caller } from './authz.ts';

// Uploaded files: base photos and signed placement agreements. The HTTP routes (apps/api/src/files.ts) only move
// bytes; what may be uploaded, by whom, and who may read it back is decided here. See docs/decisions/012-files.md.

type Tx = Drizzle;

const MB = 1024 * 1024;

/** Types told apart by their first bytes, never by the name or the type the client claims. */
const signatures = [
  {
    type: 'image/png',
    label: 'PNG',
    extensions: ['png'],
    matches: (b: Uint8Array) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  { type: 'image/jpeg', label: 'JPEG', extensions: ['jpg', 'jpeg'], matches: (b: Uint8Array) => startsWith(b, [0xff, 0xd8, 0xff]) },
  {
    type: 'image/webp',
    label: 'WebP',
    extensions: ['webp'],
    matches: (b: Uint8Array) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]),
  },
  { type: 'application/pdf', label: 'PDF', extensions: ['pdf'], matches: (b: Uint8Array) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
] as const;

type SniffedType = (typeof signatures)[number]['type'];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((v, i) => bytes[i] === v);
}

/** What each purpose accepts and how large. */
export const fileRules: Record<FilePurpose, { types: readonly SniffedType[]; maxBytes: number }> = {
  base_photo: { types: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 2 * MB },
  placement_agreement: { types: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 5 * MB },
};

/** The largest upload of any purpose: the HTTP body limit is set from it. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(fileRules).map((r) => r.maxBytes));

export function isFilePurpose(v: string | undefined): v is FilePurpose {
  return (filePurposes as readonly string[]).includes(v ?? '');
}

/** The file's real type by its magic bytes, or null when it is none we know. */
export function sniffType(bytes: Uint8Array): SniffedType | null {
  return signatures.find((s) => s.matches(bytes))?.type ?? null;
}

const MAX_NAME_CHARS = 120;

/** A name safe to store and to send back: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  const clean = Array.from(base)
    .filter((c) => (c.codePointAt(0) ?? 0) >= 0x20 && c !== '\u007f')
    .join('')
    .trim();
  return Array.from(clean).slice(-MAX_NAME_CHARS).join('') || 'file';
}

/**
 * The name a file is stored and sent under: the cleaned name with the extension of the type its bytes are, so a PNG
 * named 协议.html becomes 协议.png and a browser never saves or opens it as a page. An extension that already fits
 * (.jpeg for a JPEG) stays; a name without one gets one; any other is replaced.
 */
export function fileNameFor(name: string, type: string): string {
  const extensions: readonly string[] = signatures.find((s) => s.type === type)?.extensions ?? [];
  // trailing dots and spaces are dropped by Windows when saving: `a.html.` would be saved as a.html
  const clean = cleanFileName(name).replace(/[.\s]+$/, '');
  const dot = /\.([a-z0-9]{1,16})$/i.exec(clean);
  if (dot && extensions.includes((dot[1] ?? '').toLowerCase())) return clean;
  const extension = extensions[0];
  if (!extension) return clean || 'file';
  const stem = (dot ? clean.slice(0, dot.index) : clean).replace(/[.\s]+$/, '') || 'file';
  return `${Array.from(stem)
    .slice(0, MAX_NAME_CHARS - extension.length - 1)
    .join('')}.${extension}`;
}

/** How much each user and each organisation may upload in a day (Beijing time); set from the environment by apps/api. */
export type UploadLimits = { filesPerUser: number; mbPerUser: number; filesPerOrganization: number; mbPerOrganization: number };

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  filesPerUser: 200,
  mbPerUser: 200,
  filesPerOrganization: 1000,
  mbPerOrganization: 1024,
};

const DAY_S = 24 * 60 * 60;
const CHINA_OFFSET_S = 8 * 60 * 60;

/** Seconds until the next midnight in Beijing, when the day's counts start again. */
export function secondsUntilChinaMidnight(now: Date = new Date()): number {
  return DAY_S - (Math.floor(now.getTime() / 1000 + CHINA_OFFSET_S) % DAY_S);
}

/**
 * Counts one upload of `bytes` against the uploader's and the organisation's counters for today (rate_limit rows, as
 * the write limit counts; bytes in KiB so a day's total fits the counter). Inside the upload's transaction: each
 * counter's row stays locked until it commits, so concurrent uploads queue and none passes a full counter, and a
 * refused (or failed) upload rolls its counts back. Locked in one order (user, then organisation): no deadlock.
 */
async function countUpload(tx: Tx, caller: Caller, organizationId: string, bytes: number, limits: UploadLimits): Promise<void> {
  const day = todayInChina();
  const kib = Math.ceil(bytes / 1024);
  const over = async (key: string, amount: number, max: number) => (await addToRateLimit(tx, `upload:${key}:${day}`, amount, DAY_S)) > max;
  const refuse = (key: 'file.userQuota' | 'file.organizationQuota', files: number, mb: number) =>
    new DomainError('RATE_LIMITED', key, { field: 'file', params: { files, mb, seconds: secondsUntilChinaMidnight() } });
  if (
    (await over(`files:user:${caller.userId}`, 1, limits.filesPerUser)) ||
    (await over(`kib:user:${caller.userId}`, kib, limits.mbPerUser * 1024))
  )
    throw refuse('file.userQuota', limits.filesPerUser, limits.mbPerUser);
  if (
    (await over(`files:org:${organizationId}`, 1, limits.filesPerOrganization)) ||
    (await over(`kib:org:${organizationId}`, kib, limits.mbPerOrganization * 1024))
  )
    throw refuse('file.organizationQuota', limits.filesPerOrganization, limits.mbPerOrganization);
}

/**
 * A manager of a verified organisation uploads a file for `purpose`. Validated here: type by magic bytes, size
 * against the purpose's limit, the day's counts (uploadLimits). The file belongs to the organisation until a base or
 * a placement takes it.
 */
export async function uploadFile(
  db: Database,
  caller: Caller,
  input: { purpose: FilePurpose; organizationId: string; fileName: string; bytes: Uint8Array | null },
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
) {
  await requireVerifiedManager(db, caller, input.organizationId);
  const { bytes } = input;
  if (!bytes || bytes.length === 0) throw new DomainError('INVALID', 'file.required', { field: 'file' });
  const rule = fileRules[input.purpose];
  if (bytes.length > rule.maxBytes)
    throw new DomainError('INVALID', 'file.tooLarge', { field: 'file', params: { mb: rule.maxBytes / MB } });
  const type = sniffType(bytes);
  if (!type || !rule.types.includes(type)) {
    const labels = rule.types.map((t) => signatures.find((s) => s.type === t)?.label ?? t).join('/');
    throw new DomainError('INVALID', 'file.wrongType', { field: 'file', params: { types: labels } });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return db.orm.transaction(async (tx: Tx) => {
    await countUpload(tx, caller, input.organizationId, bytes.length, limits);
    return insertStoredFile(tx, {
      organizationId: input.organizationId,
      uploadedBy: caller.userId,
      purpose: input.purpose,
      fileName: fileNameFor(input.fileName, type),
      contentType: type,
      byteSize: bytes.length,
      sha256,
      bytes,
    });
  });
}

async function isMember(db: Database, caller: Caller | null, organizationId: string): Promise<boolean> {
  if (!caller) return false;
  return (await membershipOf(db, organizationId, caller.userId)) !== null;
}

/**
 * A file for the caller, with how to send it. Base photos: anyone once the base is published, else members of the
 * uploading organisation and admins. Agreements: members of the placement's school or enterprise, and admins.
 */
export async function readFile(db: Database, caller: Caller | null, id: string) {
  const meta = await getFileMeta(db, id);
  if (!meta) throw new DomainError('NOT_FOUND', 'notFound');
  let allowed = caller?.isPlatformAdmin === true || (await isMember(db, caller, meta.organizationId));
  if (!allowed && meta.purpose === 'base_photo') {
    const base = await baseOfPhoto(db, id);
    allowed = base?.status === 'published';
  }
  if (!allowed && meta.purpose === 'placement_agreement') {
    for (const p of await placementsOfAgreement(db, id)) if (await isMember(db, caller, p.enterpriseId)) allowed = true;
  }
  if (!allowed) throw caller ? new DomainError('FORBIDDEN', 'forbidden') : new DomainError('UNAUTHORIZED', 'unauthorized');
  const bytes = await getFileBytes(db, id);
  if (!bytes) throw new DomainError('NOT_FOUND', 'notFound');
  // the name again by the stored (sniffed) type: files stored before names were fixed go out with the right extension too
  return {
    ...meta,
    fileName: fileNameFor(meta.fileName, meta.contentType),
    bytes,
    disposition: meta.purpose === 'placement_agreement' ? ('attachment' as const) : ('inline' as const),
  };
}

/** Where the web app fetches a file. */
export const fileUrl = (id: string) => `/api/files/${id}`;

/**
 * Inside the base's write transaction: its photos become `photoIds`, in order. Each must be a base photo the owner
 * uploaded and not another base's; at most six.
 */
export async function setBasePhotos(
  tx: Tx,
  base: { id: string; ownerOrganizationId: string },
  photoIds: readonly string[],
): Promise<boolean> {
  const ids = [...new Set(photoIds)];
  if (ids.length > MAX_BASE_PHOTOS)
    throw new DomainError('INVALID', 'file.tooManyPhotos', { field: 'photoIds', params: { max: MAX_BASE_PHOTOS } });
  const files = await lockFiles(tx, ids);
  const usable = files.filter((f) => f.purpose === 'base_photo' && f.organizationId === base.ownerOrganizationId);
  if (usable.length !== ids.length) throw new DomainError('INVALID', 'file.photoNotUsable', { field: 'photoIds' });
  for (const id of ids) {
    const owner = await baseOfPhoto(tx, id);
    if (owner && owner.baseId !== base.id) throw new DomainError('INVALID', 'file.photoNotUsable', { field: 'photoIds' });
  }
  const before = await basePhotoIds(tx, base.id);
  if (before.join() === ids.join()) return false;
  await replaceBasePhotos(tx, base.id, ids);
  return true;
}

/** Inside the agreement's write transaction: the file must be an agreement the school uploaded, not another placement's. */
export async function checkAgreementFile(tx: Tx, placement: { id: string; schoolId: string }, fileId: string): Promise<void> {
  const [file] = await lockFiles(tx, [fileId]);
  if (!file || file.purpose !== 'placement_agreement' || file.organizationId !== placement.schoolId)
    throw new DomainError('INVALID', 'file.agreementNotUsable', { field: 'agreementFileId' });
  const others = (await placementsOfAgreement(tx, fileId)).filter((p) => p.id !== placement.id);
  if (others.length) throw new DomainError('INVALID', 'file.agreementNotUsable', { field: 'agreementFileId' });
}
