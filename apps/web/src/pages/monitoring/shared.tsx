// What the monitoring dashboard and its indicator drawer share: the row, its colour, and how a number reads.
import type { RouterOutputs } from '../../lib/trpc.ts';
import type { Tone } from '../../components/tone-tag.tsx';

export type IndicatorRow = RouterOutputs['monitoring']['indicators'][number];
export const ragTone: Record<IndicatorRow['rag'], Tone> = { green: 'green', amber: 'gold', red: 'red' };

/** "12 / 约20 个": the value against the plan's wording of the target. */
export const formatNumber = (n: number | null) => (n === null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1));
