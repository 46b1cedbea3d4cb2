import { createHash } from 'node:crypto';
import type { Database, Drizzle } from '@ronghe/db/client';
import { baseOfPhoto, basePhotoIds, getFileBytes, getFileMeta, insertStoredFile, lockFiles, placementsOfAgreement, replaceBasePhotos } from '@ronghe/db/queries/files';
import { membershipOf } from '@ronghe/db/queries/memberships';
import { MAX_BASE_PHOTOS, filePurposes, type FilePurpose } from '@ronghe/db/schema';
import { DomainError } from '@ronghe/domain/errors';
import { requireVerifiedManager, type Caller } from './authz.ts';

// Uploaded files: base photos and signed placement agreements. The HTTP routes (apps/api/src/files.ts) only move
// bytes; what may be uploaded, by whom, and who may read it back is decided here. See docs/decisions/012-files.md.

type Tx = Drizzle;

const MB = 1024 * 1024;

/** Types told apart by their first bytes, never by the name or the type the client claims. */
const signatures = [
  { type: 'image/png', label: 'PNG', matches: (b: Uint8Array) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', label: 'JPEG', matches: (b: Uint8Array) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: 'image/webp', label: 'WebP', matches: (b: Uint8Array) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b.subarray(8), [0x57, 0x45, 0x42, 0x50]) },
  { type: 'application/pdf', label: 'PDF', matches: (b: Uint8Array) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
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

/** A name safe to store and to send back: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  const clean = Array.from(base)
    .filter((c) => (c.codePointAt(0) ?? 0) >= 0x20 && c !== '\u007f')
    .join('')
    .trim();
  return Array.from(clean).slice(-120).join('') || 'file';
}

/**
 * A manager of a verified organisation uploads a file for `purpose`. Validated here: type by magic bytes, size
 * against the purpose's limit. The file belongs to the organisation until a base or a placement takes it.
 */
export async function uploadFile(db: Database, caller: Caller, input: { purpose: FilePurpose; organizationId: string; fileName: string; bytes: Uint8Array | null }) {
  await requireVerifiedManager(db, caller, input.organizationId);
  const { bytes } = input;
  if (!bytes || bytes.length === 0) throw new DomainError('INVALID', 'file.required', { field: 'file' });
  const rule = fileRules[input.purpose];
  if (bytes.length > rule.maxBytes) throw new DomainError('INVALID', 'file.tooLarge', { field: 'file', params: { mb: rule.maxBytes / MB } });
  const type = sniffType(bytes);
  if (!type || !rule.types.includes(type)) {
    const labels = rule.types.map((t) => signatures.find((s) => s.type === t)?.label ?? t).join('/');
    throw new DomainError('INVALID', 'file.wrongType', { field: 'file', params: { types: labels } });
  }
  return insertStoredFile(db, {
    organizationId: input.organizationId,
    uploadedBy: caller.userId,
    purpose: input.purpose,
    fileName: cleanFileName(input.fileName),
    contentType: type,
    byteSize: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes,
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
  return { ...meta, bytes, disposition: meta.purpose === 'placement_agreement' ? ('attachment' as const) : ('inline' as const) };
}

/** Where the web app fetches a file. */
export const fileUrl = (id: string) => `/api/files/${id}`;

/**
 * Inside the base's write transaction: its photos become `photoIds`, in order. Each must be a base photo the owner
 * uploaded and not another base's; at most six.
 */
export async function setBasePhotos(tx: Tx, base: { id: string; ownerOrganizationId: string }, photoIds: readonly string[]): Promise<boolean> {
  const ids = [...new Set(photoIds)];
  if (ids.length > MAX_BASE_PHOTOS) throw new DomainError('INVALID', 'file.tooManyPhotos', { field: 'photoIds', params: { max: MAX_BASE_PHOTOS } });
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
  if (!file || file.purpose !== 'placement_agreement' || file.organizationId !== placement.schoolId) throw new DomainError('INVALID', 'file.agreementNotUsable', { field: 'agreementFileId' });
  const others = (await placementsOfAgreement(tx, fileId)).filter((p) => p.id !== placement.id);
  if (others.length) throw new DomainError('INVALID', 'file.agreementNotUsable', { field: 'agreementFileId' });
}
