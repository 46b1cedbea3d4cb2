import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.ts';

describe('escapeHtml', () => {
  it('turns markup into text that reads the same', () => {
    const name = '<img src=x onerror=alert(1)><div style="position:fixed;inset:0">';
    expect(escapeHtml(name)).toBe('&lt;img src=x onerror=alert(1)&gt;&lt;div style=&quot;position:fixed;inset:0&quot;&gt;');
    // nothing left that could open a tag, end one or leave a quoted attribute (the browser journey parses it:
    // e2e/base-map.e2e.test.ts)
    expect(escapeHtml(name)).not.toMatch(/[<>"']/);
  });

  it('escapes every special character, ampersands first, and leaves other text alone', () => {
    expect(escapeHtml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &#39; f');
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
    expect(escapeHtml('海淀焊接实训中心（30 个工位）')).toBe('海淀焊接实训中心（30 个工位）');
    expect(escapeHtml('')).toBe('');
  });
});
