import type { FormInstance } from 'antd';

type FieldError = { path: string; message: string };
type ServerError = { message: string; data?: { fieldErrors?: FieldError[] | null; code?: string } | null };

function asServerError(error: unknown): ServerError | null {
  if (error && typeof error === 'object' && 'message' in error) return error as ServerError;
  return null;
}

/** The server's per-field messages (already in the user's language), keyed by dotted path. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  return asServerError(error)?.data?.fieldErrors ?? [];
}

/** The server's message for the whole request (already localised). */
export function messageOf(error: unknown): string {
  return asServerError(error)?.message ?? String(error);
}

/**
 * Shows the server's field errors under the matching form fields. Returns true when at least one
 * field took an error; otherwise the caller should show `messageOf(error)` as a general alert.
 */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  const errors = fieldErrorsOf(error);
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = errors
    .map((e) => ({ name: e.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [e.message] }))
    .filter((f) => known.has(String(f.name[0])));
  if (fields.length > 0) form.setFields(fields);
  return fields.length > 0;
}

/**
 * A mutation that failed on a form: the server's field errors under their fields, the first scrolled into view;
 * anything else goes to `showGeneral` (an alert above the form).
 */
export function showFormError(form: FormInstance, error: unknown, showGeneral: (message: string) => void): void {
  if (!applyFieldErrors(form, error)) return showGeneral(messageOf(error));
  const first = fieldErrorsOf(error)[0]
    ?.path.split('.')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (first) form.scrollToField(first, { block: 'center' });
}
