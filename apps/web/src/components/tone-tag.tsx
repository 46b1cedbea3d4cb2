import type { ReactNode } from 'react';
import { Tag } from 'antd';

// antd's preset tag colours (gold, green…) put light text on light fills and fail WCAG AA
// contrast; these solid fills carry white text at 4.5:1 or better.
const tones = { blue: '#1f5fbf', gold: '#8a5a00', green: '#1e6b0a', red: '#a8071a', grey: '#595959' } as const;
export type Tone = keyof typeof tones;

export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag color={tones[tone]}>{children}</Tag>;
}
