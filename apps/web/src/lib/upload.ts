import { currentLanguage } from '../i18n/index.ts';

// Uploads go over plain HTTP (POST /api/files, multipart), not tRPC: see apps/api/src/files.ts.

export type UploadPurpose = 'base_photo' | 'placement_agreement';

/** What the server accepts per purpose (it checks again, by the file's bytes). */
export const uploadRules: Record<UploadPurpose, { accept: string; maxBytes: number }> = {
  base_photo: { accept: 'image/jpeg,image/png,image/webp', maxBytes: 2 * 1024 * 1024 },
  placement_agreement: { accept: 'application/pdf,image/jpeg,image/png', maxBytes: 5 * 1024 * 1024 },
};

type ErrorBody = { error?: { message?: string } | string };

/** Uploads one file for an organisation; resolves with its id, or rejects with the server's localised message. */
export async function uploadFile(file: Blob & { name?: string }, purpose: UploadPurpose, organizationId: string): Promise<string> {
  const form = new FormData();
  form.append('file', file, file.name ?? 'file');
  const res = await fetch(`/api/files?purpose=${purpose}&organizationId=${encodeURIComponent(organizationId)}`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'x-ronghe-lang': currentLanguage() },
  });
  const body = (await res.json().catch(() => ({}))) as ErrorBody & { id?: string };
  if (res.ok && body.id) return body.id;
  const message = typeof body.error === 'string' ? body.error : body.error?.message;
  throw new Error(message ?? `HTTP ${res.status}`);
}
