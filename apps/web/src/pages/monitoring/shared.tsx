// What the monitoring pages share: the dashboard's indicator row and how it reads, and the plan-task page's row,
// the colours of statuses and flags, and small pieces.
import { Tag } from 'antd';
import { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { planTaskFlags, planTaskStatuses } from '@ronghe/domain/constants/plan-task';
import type { RouterOutputs } from '../../lib/trpc.ts';
import type { Tone } from '../../components/tone-tag.tsx';

export type IndicatorRow = RouterOutputs['monitoring']['indicators'][number];
export const ragTone: Record<IndicatorRow['rag'], Tone> = { green: 'green', amber: 'gold', red: 'red' };

/** "12 / 约20 个": the value against the plan's wording of the target. */
export const formatNumber = (n: number | null) => (n === null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1));

// plan tasks
export type Task = RouterOutputs['planTasks']['list'][number];
export type Status = Task['status'];
export type Flag = Task['flag'];
export const statuses: readonly Status[] = planTaskStatuses;
export const flags: readonly Flag[] = planTaskFlags;
// solid fills that carry white text at 4.5:1 or better: red overdue, orange at risk
export const flagColour: Record<Flag, string> = {
  overdue: '#a8071a',
  at_risk: '#ad4e00',
  on_track: '#1f5fbf',
  done: '#1e6b0a',
  cancelled: '#595959',
};
export const statusColour: Record<Status, string> = {
  not_started: '#595959',
  in_progress: '#1f5fbf',
  done: '#1e6b0a',
  cancelled: '#595959',
};
export const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

export function FlagTag({ flag }: { flag: Flag }) {
  const { t } = useTranslation();
  return <Tag color={flagColour[flag]}>{t(`plan-tasks.flags.${flag}`)}</Tag>;
}

export function ProgressBar({ value, colour, label }: { value: number; colour: string; label: string }) {
  const v = Math.round(value);
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuenow={v}
        aria-valuemin={0}
        aria-valuemax={100}
        style={{ flex: 1, minWidth: 60, height: 8, borderRadius: 4, background: '#e8e8e8', overflow: 'hidden' }}
      >
        <div style={{ width: `${v}%`, height: '100%', background: colour }} />
      </div>
      <span style={{ minWidth: 36, textAlign: 'end' }}>{v}%</span>
    </div>
  );
}
