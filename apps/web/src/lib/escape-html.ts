// ECharts writes a tooltip formatter's return value with innerHTML, and i18next does not escape interpolated values
// (React escapes for us everywhere else). Any text that reaches such a sink, names users typed above all, goes
// through here first, so that `<img …>` shows as those characters and never becomes an element.

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` as HTML that displays exactly that text, inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}
