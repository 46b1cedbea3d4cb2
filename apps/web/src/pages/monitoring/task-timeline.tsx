import { useMemo, type CSSProperties } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { chinaDay } from '../cooperation/shared.tsx';
import { flagColour, type Task } from './shared.tsx';

// The plan tasks' timeline: one bar per task from its start to its deadline, the progress filled in, a line at today.

const DAY_PX = 2.5;
const dayIndex = (from: Dayjs, day: string) => dayjs(day).diff(from, 'day');

/** A Gantt-like chart: one bar per task from its start to its deadline, the progress filled in, a line at today. */
export function Timeline({ rows, compact, onOpen }: { rows: Task[]; compact: boolean; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const today = chinaDay(new Date());
  const nameWidth = compact ? 120 : 200;
  const { start, months, days } = useMemo(() => {
    const first = rows.reduce((m, r) => (r.startsOn < m ? r.startsOn : m), today);
    const last = rows.reduce((m, r) => (r.deadline > m ? r.deadline : m), today);
    const s = dayjs(first).startOf('month');
    // a month to spare after the last deadline, so the today line and its label fit
    const e = dayjs(last).add(2, 'month').startOf('month');
    const list: Dayjs[] = [];
    for (let m = s; m.isBefore(e); m = m.add(1, 'month')) list.push(m);
    return { start: s, months: list, days: e.diff(s, 'day') };
  }, [rows, today]);
  const width = days * DAY_PX;
  const todayX = nameWidth + dayIndex(start, today) * DAY_PX;
  const sticky: CSSProperties = {
    position: 'sticky',
    left: 0,
    zIndex: 2,
    background: '#fff',
    width: nameWidth,
    flex: `0 0 ${nameWidth}px`,
    paddingInlineEnd: 8,
    boxSizing: 'border-box',
  };

  return (
    <div
      role="region"
      aria-label={t('plan-tasks.timelineRegion')}
      tabIndex={0}
      style={{ overflowX: 'auto', border: '1px solid #f0f0f0', borderRadius: 6 }}
    >
      <div style={{ position: 'relative', width: nameWidth + width, minWidth: '100%' }}>
        <div style={{ display: 'flex', borderBottom: '1px solid #f0f0f0', height: 28 }} aria-hidden="true">
          <div style={sticky} />
          {months.map((m, i) => (
            <div
              key={m.format('YYYY-MM')}
              style={{
                flex: `0 0 ${m.daysInMonth() * DAY_PX}px`,
                borderInlineStart: '1px solid #f0f0f0',
                fontSize: 12,
                lineHeight: '28px',
                paddingInlineStart: 4,
                whiteSpace: 'nowrap',
                overflow: 'hidden',
                color: '#595959',
              }}
            >
              {m.format(i === 0 || m.month() === 0 ? t('plan-tasks.yearMonth') : t('plan-tasks.month'))}
            </div>
          ))}
        </div>
        {rows.map((r) => {
          const left = dayIndex(start, r.startsOn) * DAY_PX;
          const barWidth = Math.max(6, (dayIndex(start, r.deadline) - dayIndex(start, r.startsOn) + 1) * DAY_PX);
          const label = t('plan-tasks.barLabel', {
            title: r.title,
            from: r.startsOn,
            to: r.deadline,
            progress: Math.round(r.progress),
            flag: t(`plan-tasks.flags.${r.flag}`),
          });
          return (
            <div key={r.id} style={{ display: 'flex', alignItems: 'center', height: 34, borderBottom: '1px solid #fafafa' }}>
              <div
                style={{ ...sticky, fontSize: 13, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                title={r.title}
                aria-hidden="true"
              >
                {r.title}
              </div>
              <div style={{ position: 'relative', flex: `0 0 ${width}px`, height: '100%' }}>
                <button
                  type="button"
                  aria-label={label}
                  title={label}
                  onClick={() => onOpen(r.id)}
                  style={{
                    position: 'absolute',
                    left,
                    width: barWidth,
                    top: 8,
                    height: 18,
                    padding: 0,
                    border: `1px solid ${flagColour[r.flag]}`,
                    borderRadius: 4,
                    background: '#fff',
                    cursor: 'pointer',
                    overflow: 'hidden',
                  }}
                >
                  <span style={{ display: 'block', width: `${Math.round(r.progress)}%`, height: '100%', background: flagColour[r.flag] }} />
                </button>
              </div>
            </div>
          );
        })}
        <div style={{ height: 22 }} />
        <div
          aria-hidden="true"
          style={{ position: 'absolute', top: 0, bottom: 0, left: todayX, width: 0, borderInlineStart: '2px dashed #a8071a', zIndex: 1 }}
        >
          <span
            style={{ position: 'absolute', bottom: 2, left: 4, fontSize: 12, lineHeight: '18px', color: '#a8071a', whiteSpace: 'nowrap' }}
          >
            {t('plan-tasks.today')}
          </span>
        </div>
      </div>
    </div>
  );
}
