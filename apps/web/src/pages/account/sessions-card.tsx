import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, List, Popconfirm, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useTRPC } from '../../lib/trpc.ts';
import { messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';

const when = (d: Date) => dayjs(d).format('YYYY-MM-DD HH:mm');

/** Where the account is signed in (issue 20): device, address and times; any other device can be signed out here. */
export function SessionsCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  const revoke = useMutation(
    trpc.account.revokeSession.mutationOptions({
      onSuccess: async () => {
        void message.success(t('sessions.signedOut'));
        await queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
      },
      onError: (e) => void message.error(messageOf(e)),
    }),
  );
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
          {t('sessions.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph>{t('sessions.intro')}</Typography.Paragraph>
      <QueryState query={sessions}>
        {sessions.data && (
          <List
            dataSource={sessions.data}
            rowKey="id"
            renderItem={(s) => (
              <List.Item
                actions={
                  s.current
                    ? []
                    : [
                        <Popconfirm key="out" title={t('sessions.confirm')} onConfirm={() => revoke.mutate({ sessionId: s.id })}>
                          <Button size="small" danger loading={revoke.isPending && revoke.variables.sessionId === s.id}>
                            {t('sessions.signOut')}
                          </Button>
                        </Popconfirm>,
                      ]
                }
              >
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      <span>{s.device ?? t('sessions.unknownDevice')}</span>
                      {s.current && <ToneTag tone="green">{t('sessions.current')}</ToneTag>}
                    </Space>
                  }
                  description={
                    <Typography.Text>
                      {t('sessions.address')} {s.ipAddress ?? '—'} · {t('sessions.signedInAt')} {when(s.createdAt)} ·{' '}
                      {t('sessions.lastSeen')} {when(s.lastSeenAt)}
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </Card>
  );
}
