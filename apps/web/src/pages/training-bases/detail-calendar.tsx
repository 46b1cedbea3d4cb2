import { useState, type CSSProperties } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { QueryState } from '../../components/query-state.tsx';
import { Heading } from '../../components/heading.tsx';
import { addDays, srOnly, todayInChina, type BaseDetail } from './shared.tsx';

/** Five weeks at a time (the API allows up to 92 days a call), from today for up to a year ahead. */
const WINDOW = 35;
const HORIZON = 365;

type Day = { day: string; booked: number; capacity: number };

const cell: CSSProperties = {
  border: '1px solid #d9d9d9',
  padding: '4px 2px',
  textAlign: 'center',
  verticalAlign: 'top',
  fontSize: 12,
  lineHeight: 1.4,
  height: 48,
};
const fullCell: CSSProperties = { ...cell, background: '#fff1f0', color: '#a8071a', fontWeight: 600 };

export function CapacityCalendar({ b }: { b: BaseDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const today = todayInChina();
  const [start, setStart] = useState(today);
  const end = addDays(start, WINDOW - 1);
  const calendar = useQuery(
    trpc.trainingBases.calendar.queryOptions({ id: b.id, from: start, to: end }, { placeholderData: keepPreviousData }),
  );
  const canBack = start > today;
  const canForward = addDays(start, WINDOW) <= addDays(today, HORIZON);

  return (
    <Card title={<Heading>{t('base-detail.calendar')}</Heading>} style={{ marginBottom: 16 }} styles={{ body: { padding: 12 } }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('base-detail.calendarHint', { count: b.stations })}
      </Typography.Paragraph>
      <Space wrap size={8} style={{ marginBottom: 12 }}>
        <Button
          size="small"
          disabled={!canBack}
          onClick={() => setStart((s) => (addDays(s, -WINDOW) < today ? today : addDays(s, -WINDOW)))}
        >
          {t('base-detail.prevWeeks')}
        </Button>
        <Button size="small" disabled={start === today} onClick={() => setStart(today)}>
          {t('base-detail.backToToday')}
        </Button>
        <Button size="small" disabled={!canForward} onClick={() => setStart((s) => addDays(s, WINDOW))}>
          {t('base-detail.nextWeeks')}
        </Button>
      </Space>
      {calendar.data ? (
        <Month days={calendar.data} today={today} from={start} to={end} />
      ) : (
        <QueryState query={calendar}>
          <Skeleton active />
        </QueryState>
      )}
    </Card>
  );
}

/** A Monday-first grid; days outside the window stay blank. Full days say 已满 in words, not only in red. */
function Month({ days, today, from, to }: { days: Day[]; today: string; from: string; to: string }) {
  const { t } = useTranslation();
  const lead = (dayjs(from).day() + 6) % 7;
  const cells: Array<Day | null> = [...Array.from({ length: lead }, () => null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  // Monday-first weekday names in the interface language (dayjs follows it)
  const weekdays = Array.from({ length: 7 }, (_, i) => dayjs('2024-01-01').add(i, 'day'));
  const label = (d: string) => t('base-detail.monthDay', { month: dayjs(d).month() + 1, day: dayjs(d).date() });

  return (
    <table style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}>
      <caption style={srOnly}>{t('base-detail.calendarCaption', { from, to })}</caption>
      <thead>
        <tr>
          {weekdays.map((w) => (
            <th key={w.day()} scope="col" style={{ fontWeight: 500, fontSize: 12, padding: '2px 0' }}>
              <abbr title={w.format('dddd')} style={{ textDecoration: 'none' }}>
                {w.format('dd')}
              </abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((d, i) => {
              if (!d) return <td key={i} style={{ ...cell, background: '#fafafa' }} />;
              const free = Math.max(0, d.capacity - d.booked);
              const full = free === 0;
              const isToday = d.day === today;
              const first = d.day === from || dayjs(d.day).date() === 1;
              return (
                <td
                  key={d.day}
                  style={{ ...(full ? fullCell : cell), ...(isToday ? { outline: '2px solid #1f5fbf', outlineOffset: -2 } : {}) }}
                >
                  <span style={srOnly}>
                    {(isToday ? `${t('base-detail.today')} ` : '') +
                      (full
                        ? t('base-detail.fullLong', { date: label(d.day) })
                        : t('base-detail.freeLong', { date: label(d.day), count: free }))}
                  </span>
                  <span aria-hidden="true">
                    <span style={{ display: 'block', color: full ? undefined : '#595959', fontWeight: isToday ? 700 : undefined }}>
                      {first ? `${dayjs(d.day).month() + 1}/${dayjs(d.day).date()}` : dayjs(d.day).date()}
                    </span>
                    <span style={{ display: 'block', overflowWrap: 'anywhere' }}>
                      {full ? t('base-detail.full') : t('base-detail.free', { count: free })}
                    </span>
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
