import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, Popover, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../lib/trpc.ts';
import { useMe } from '../lib/session.ts';
import { messageOf } from '../lib/errors.ts';

function BellIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      style={{ display: 'block' }}
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The header's bell: unread count (polled every 30 s) and the latest notifications. Renders nothing when signed out. */
export function NotificationBell() {
  const me = useMe();
  return me.data ? <Bell /> : null;
}

function Bell() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const unread = useQuery(trpc.notifications.unreadCount.queryOptions(undefined, { refetchInterval: 30_000, staleTime: 0 }));
  const list = useQuery(trpc.notifications.list.queryOptions({ limit: 20 }, { enabled: open, staleTime: 0 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({ onSettled: () => void refresh(), onError: (e) => void message.error(messageOf(e)) }),
  );
  const count = unread.data ?? 0;

  const go = (n: { id: string; link: string; readAt: Date | null }) => {
    setOpen(false);
    if (!n.readAt) markRead.mutate({ ids: [n.id] });
    // links are paths inside the app; anything else is not followed
    if (n.link.startsWith('/')) void navigate(n.link);
  };

  const content = (
    <div style={{ width: 'min(340px, calc(100vw - 56px))' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 8 }}>
        <Typography.Text strong>{t('consortia.bell.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={count === 0}
          loading={markRead.isPending && !markRead.variables.ids}
          onClick={() => markRead.mutate({})}
        >
          {t('consortia.bell.markAll')}
        </Button>
      </div>
      {list.isPending ? (
        <div style={{ textAlign: 'center', padding: 16 }}>
          <Spin />
        </div>
      ) : (list.data ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consortia.bell.empty')} />
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 360, overflowY: 'auto' }}>
          {(list.data ?? []).map((n) => (
            <li key={n.id} style={{ borderTop: '1px solid #f0f0f0' }}>
              <button
                type="button"
                onClick={() => go(n)}
                style={{
                  display: 'block',
                  width: '100%',
                  textAlign: 'start',
                  padding: '8px 4px',
                  background: n.readAt ? 'transparent' : '#f0f5ff',
                  border: 'none',
                  cursor: 'pointer',
                  font: 'inherit',
                }}
              >
                <Typography.Text strong={!n.readAt} style={{ display: 'block', overflowWrap: 'anywhere' }}>
                  {!n.readAt && <span style={{ marginInlineEnd: 6, fontSize: 12, color: '#1f5fbf' }}>[{t('consortia.bell.unread')}]</span>}
                  {n.title}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );

  return (
    // shifted sideways to stay on screen wherever the header puts the bell
    <Popover content={content} trigger="click" placement="bottom" open={open} onOpenChange={setOpen} arrow={false}>
      <Button
        ghost
        size="small"
        aria-label={count > 0 ? t('consortia.bell.label', { count }) : t('consortia.bell.labelNone')}
        aria-haspopup="dialog"
        aria-expanded={open}
      >
        <Badge count={count} size="small" offset={[6, -4]} overflowCount={99}>
          <span style={{ color: '#fff', display: 'inline-flex' }}>
            <BellIcon />
          </span>
        </Badge>
      </Button>
    </Popover>
  );
}
