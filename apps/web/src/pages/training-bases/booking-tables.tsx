import { Link } from 'react-router';
import { Grid, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BookingStatus } from '@ronghe/domain/training-base';
import { ToneTag } from '../../components/tone-tag.tsx';
import { OwnerActions, RequesterActions } from './booking-actions.tsx';
import { bookingStatusTones, daysBetween, type Booking } from './shared.tsx';

const statuses = ['requested', 'proposed', 'approved', 'declined', 'cancelled'] as const satisfies readonly BookingStatus[];

/** 2026-12-06 至 2026-12-08（3 天）, and the dates the owner proposed instead, if any. */
export function BookingDates({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  return (
    <>
      <span style={{ whiteSpace: 'nowrap' }}>{t('base-detail.range', { from: booking.fromDay, to: booking.toDay })}</span>
      <Typography.Text type="secondary">{t('base-detail.days', { count: daysBetween(booking.fromDay, booking.toDay) })}</Typography.Text>
      {booking.status === 'proposed' && booking.proposedFrom && booking.proposedTo && (
        <div>
          <Typography.Text strong>{t('base-detail.proposedRange', { from: booking.proposedFrom, to: booking.proposedTo })}</Typography.Text>
        </div>
      )}
    </>
  );
}

/** Stations, purpose and the notes from both sides. */
export function BookingMeta({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  return (
    <span>
      {`${t('base-detail.stationsCount', { count: booking.stations })} · ${t(`bases.purposes.${booking.purpose}`)}`}
      {booking.note && (
        <Typography.Text type="secondary" style={{ display: 'block', whiteSpace: 'pre-wrap' }}>
          {t('base-detail.noteIs', { note: booking.note })}
        </Typography.Text>
      )}
    </span>
  );
}

function Status({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  return (
    <>
      <ToneTag tone={bookingStatusTones[booking.status]}>{t(`bases.bookingStatuses.${booking.status}`)}</ToneTag>
      {booking.responseNote && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, whiteSpace: 'pre-wrap', maxWidth: 220 }}>
          {t(`base-detail.responseNotes.${booking.status}`, { note: booking.responseNote })}
        </Typography.Text>
      )}
    </>
  );
}

function useColumns(side: 'incoming' | 'outgoing', canAct: boolean): TableColumnsType<Booking> {
  const { t } = useTranslation();
  return [
    { title: t('base-detail.colBase'), key: 'base', render: (_, r) => <Link to={`/bases/${r.baseId}`}>{r.baseName}</Link>, width: 200 },
    ...(side === 'incoming'
      ? [
          {
            title: t('base-detail.colRequester'),
            key: 'requester',
            width: 180,
            render: (_: unknown, r: Booking) => <Link to={`/orgs/${r.requesterOrganizationId}`}>{r.requesterName}</Link>,
          },
        ]
      : []),
    { title: t('base-detail.colDates'), key: 'dates', render: (_, r) => <BookingDates booking={r} /> },
    { title: t('base-detail.colStations'), dataIndex: 'stations', key: 'stations', align: 'right', width: 80 },
    {
      title: t('base-detail.colPurpose'),
      key: 'purpose',
      width: 140,
      render: (_, r) => (
        <>
          {t(`bases.purposes.${r.purpose}`)}
          {r.note && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, whiteSpace: 'pre-wrap', maxWidth: 200 }}>
              {r.note}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('base-detail.colStatus'),
      key: 'status',
      width: 130,
      filters: statuses.map((s) => ({ text: t(`bases.bookingStatuses.${s}`), value: s })),
      onFilter: (value, r) => r.status === value,
      render: (_, r) => <Status booking={r} />,
    },
    ...(canAct
      ? [
          {
            title: t('base-detail.colActions'),
            key: 'actions',
            width: 220,
            render: (_: unknown, r: Booking) => (side === 'incoming' ? <OwnerActions booking={r} /> : <RequesterActions booking={r} />),
          },
        ]
      : []),
  ];
}

export function BookingTable({
  side,
  rows,
  loading,
  canAct,
}: {
  side: 'incoming' | 'outgoing';
  rows: Booking[];
  loading: boolean;
  canAct: boolean;
}) {
  const { t } = useTranslation();
  const columns = useColumns(side, canAct);
  const compact = !Grid.useBreakpoint().md;
  const empty = (
    <Typography.Text type="secondary">{t(side === 'incoming' ? 'base-detail.noIncoming' : 'base-detail.noOutgoing')}</Typography.Text>
  );
  // a phone gets one block per booking instead of seven columns
  if (compact) return rows.length === 0 ? empty : <BookingList rows={rows} side={side} canAct={canAct} />;
  return (
    <Table<Booking>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      columns={columns}
      locale={{ emptyText: empty }}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false, simple: true } : false}
    />
  );
}

/** Bookings as a list: used on small screens and for the requests on a base's own page. */
export function BookingList({
  rows,
  side,
  canAct,
  showBase = true,
}: {
  rows: Booking[];
  side: 'incoming' | 'outgoing';
  canAct: boolean;
  showBase?: boolean;
}) {
  // on the base's own page every request listed is waiting: the status would say nothing
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {rows.map((r) => (
        <li key={r.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            {showBase && (
              <Link to={`/bases/${r.baseId}`} style={{ fontWeight: 600 }}>
                {r.baseName}
              </Link>
            )}
            {side === 'incoming' && (
              <Link to={`/orgs/${r.requesterOrganizationId}`} style={{ textDecoration: 'underline' }}>
                {r.requesterName}
              </Link>
            )}
            <span>
              <BookingDates booking={r} />
            </span>
            <BookingMeta booking={r} />
            {showBase && <Status booking={r} />}
            {canAct && (side === 'incoming' ? <OwnerActions booking={r} /> : <RequesterActions booking={r} />)}
          </Space>
        </li>
      ))}
    </ul>
  );
}
