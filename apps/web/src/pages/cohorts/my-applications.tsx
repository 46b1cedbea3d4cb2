import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useMe } from '../../lib/session.ts';
import { messageOf } from '../../lib/errors.ts';
import { AcceptOrDecline, DeclineModal } from '../../components/accept-or-decline.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag, type Tone } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';

const tones: Record<string, Tone> = {
  applied: 'blue',
  invited: 'gold',
  accepted: 'green',
  partly_accepted: 'gold',
  declined: 'red',
  withdrawn: 'grey',
  expired: 'grey',
};
// expiry is a moment; shown as China's calendar day, whatever the device's time zone
const day = (d: Date) => d.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });

/** 我的申请: the school's applications to needs and how the enterprises decided; managers answer the enterprises' invitations. */
export function MyApplications({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const me = useMe();
  const apps = useQuery(trpc.needs.myApplications.queryOptions({ organizationId }));
  const manages = (me.data?.memberships ?? []).some(
    (m) => m.organizationId === organizationId && (m.role === 'owner' || m.role === 'manager'),
  );
  const [failure, setFailure] = useState<string | null>(null);
  const [declining, setDeclining] = useState<{ id: string; title: string } | null>(null);
  const answer = useMutation(
    trpc.needs.respond.mutationOptions({
      onSuccess: () => {
        setDeclining(null);
        // what was taken becomes a placement or a project
        void Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.needs.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.placements.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() }),
        ]).then(() => message.success(t('cohorts.answered')));
      },
      onError: (e) => {
        setDeclining(null);
        setFailure(messageOf(e));
      },
    }),
  );
  const run = (id: string, accept: number, reason = '') => {
    setFailure(null);
    answer.mutate({ id, accept, reason });
  };

  return (
    <Card title={<Heading>{t('cohorts.applicationsTitle')}</Heading>}>
      {failure && (
        <Alert
          type="error"
          role="alert"
          showIcon
          title={t('cohorts.answerFailed')}
          description={failure}
          style={{ marginBottom: 16 }}
          closable={{ onClose: () => setFailure(null) }}
        />
      )}
      <QueryState query={apps}>
        {(apps.data ?? []).length === 0 ? (
          <Empty description={t('cohorts.applicationsEmpty')} />
        ) : (
          <List
            dataSource={apps.data ?? []}
            rowKey="id"
            renderItem={(a) => (
              <List.Item>
                <div style={{ width: '100%' }}>
                  <Space wrap size={8} style={{ marginBottom: 4 }}>
                    <Link to={`/needs/${a.needId}`} style={{ fontWeight: 600 }}>
                      {a.needTitle}
                    </Link>
                    <ToneTag tone={tones[a.status] ?? 'grey'}>{t(`cohorts.appStatuses.${a.status}`)}</ToneTag>
                  </Space>
                  <div>
                    <Space wrap size={16}>
                      {a.direction === 'invite' ? (
                        <Typography.Text>
                          {t('cohorts.offered')}：{t('cohorts.studentsValue', { count: a.students })}
                        </Typography.Text>
                      ) : (
                        <Typography.Text>
                          {t('cohorts.applied')}：{t('cohorts.studentsValue', { count: a.students })}
                        </Typography.Text>
                      )}
                      {a.status !== 'applied' && a.status !== 'withdrawn' && a.status !== 'invited' && a.status !== 'expired' && (
                        <Typography.Text>{t('cohorts.acceptedValue', { accepted: a.accepted, students: a.students })}</Typography.Text>
                      )}
                      {a.status === 'invited' && a.expiresAt && (
                        <Typography.Text strong>{t('cohorts.answerBy', { date: day(a.expiresAt) })}</Typography.Text>
                      )}
                      {a.status === 'expired' && a.expiresAt && (
                        <Typography.Text type="secondary">{t('cohorts.expiredOn', { date: day(a.expiresAt) })}</Typography.Text>
                      )}
                      {a.direction !== 'invite' && (
                        <Typography.Text type="secondary">
                          {t('cohorts.appliedAt')}：{a.createdAt.toLocaleDateString('zh-CN')}
                        </Typography.Text>
                      )}
                    </Space>
                  </div>
                  {a.direction === 'invite' && a.message && (
                    <Typography.Paragraph style={{ margin: '4px 0 0' }}>{a.message}</Typography.Paragraph>
                  )}
                  {a.reason && (a.status === 'declined' || a.status === 'partly_accepted') && (
                    <Typography.Paragraph style={{ margin: '4px 0 0' }}>
                      {t('cohorts.reason')}：{a.reason}
                    </Typography.Paragraph>
                  )}
                  {a.status === 'invited' && manages && (
                    <AcceptOrDecline
                      id={a.id}
                      students={a.students}
                      labels={{
                        count: t('cohorts.acceptCount'),
                        countOf: t('cohorts.acceptCountOf', { title: a.needTitle }),
                        accept: t('cohorts.acceptInvitation'),
                        decline: t('cohorts.declineInvitation'),
                      }}
                      accepting={answer.isPending && answer.variables.id === a.id && answer.variables.accept > 0}
                      onAccept={(count) => run(a.id, count)}
                      onDecline={() => setDeclining({ id: a.id, title: a.needTitle })}
                    />
                  )}
                </div>
              </List.Item>
            )}
          />
        )}
      </QueryState>
      <DeclineModal
        open={!!declining}
        title={t('cohorts.declineTitle', { title: declining?.title ?? '' })}
        okText={t('cohorts.declineInvitation')}
        reasonLabel={t('cohorts.declineReason')}
        reasonRequired={t('cohorts.declineReasonRequired')}
        loading={answer.isPending}
        onCancel={() => setDeclining(null)}
        onDecline={(reason) => declining && run(declining.id, 0, reason)}
      />
    </Card>
  );
}
