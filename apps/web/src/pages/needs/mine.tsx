import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, List, Popconfirm, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useSignedInUser } from '../../lib/session.ts';
import { messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { statusTone } from './shared.tsx';

/** /needs: the needs of the signed-in user's enterprise, with publishing and closing. */
export default function MyNeedsPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<string | null>(null);
  const enterprises = me.memberships.filter((m) => m.kind === 'enterprise');
  const managesSchool = me.memberships.some((m) => m.kind === 'school');
  const active =
    enterprises.find((m) => m.organizationId === chosen) ??
    enterprises.find((m) => m.organizationId === me.activeOrganizationId) ??
    enterprises[0];
  const mayManage = !!active && active.status === 'verified' && (active.role === 'owner' || active.role === 'manager');

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
        <Typography.Title level={1} style={{ marginTop: 8 }}>
          {t('needs.title')}
        </Typography.Title>
        {mayManage && (
          <Button
            type="primary"
            href="/needs/new"
            onClick={(e) => {
              e.preventDefault();
              void navigate('/needs/new');
            }}
          >
            {t('needs.post_')}
          </Button>
        )}
      </div>
      {managesSchool && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('needs.schoolHint')}
          action={<Link to="/cohorts">{t('needs.goCohorts')}</Link>}
        />
      )}
      {enterprises.length > 1 && active && (
        <Select
          aria-label={t('needs.org')}
          style={{ minWidth: 260, marginBottom: 16 }}
          value={active.organizationId}
          onChange={setChosen}
          options={enterprises.map((m) => ({ value: m.organizationId, label: m.name }))}
        />
      )}
      {active ? (
        <NeedList organizationId={active.organizationId} mayManage={mayManage} />
      ) : (
        !managesSchool && <Alert type="info" showIcon title={t('needs.noOrg')} />
      )}
    </>
  );
}

function NeedList({ organizationId, mayManage }: { organizationId: string; mayManage: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string | null>(null);
  const needs = useQuery(trpc.needs.list.queryOptions({ organizationId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.needs.pathKey() });
  const onError = (e: unknown) => setFailure(messageOf(e));
  const publish = useMutation(
    trpc.needs.publish.mutationOptions({ onSuccess: () => void refresh().then(() => message.success(t('needs.published'))), onError }),
  );
  const close = useMutation(
    trpc.needs.close.mutationOptions({ onSuccess: () => void refresh().then(() => message.success(t('needs.closed'))), onError }),
  );

  return (
    <QueryState query={needs}>
      {failure && (
        <Alert
          type="error"
          role="alert"
          showIcon
          title={t('needs.failed')}
          description={failure}
          closable={{ onClose: () => setFailure(null) }}
          style={{ marginBottom: 16 }}
        />
      )}
      <Card>
        <List
          dataSource={needs.data ?? []}
          locale={{ emptyText: t('needs.empty') }}
          renderItem={(n) => (
            <List.Item
              actions={
                mayManage
                  ? [
                      n.status === 'draft' && (
                        <Button
                          key="p"
                          size="small"
                          type="primary"
                          aria-label={`${t('needs.publish')} ${n.title}`}
                          loading={publish.isPending && publish.variables.id === n.id}
                          onClick={() => {
                            setFailure(null);
                            publish.mutate({ id: n.id });
                          }}
                        >
                          {t('needs.publish')}
                        </Button>
                      ),
                      (n.status === 'draft' || n.status === 'published') && (
                        <Popconfirm
                          key="c"
                          title={t('needs.closeConfirm', { title: n.title })}
                          okButtonProps={{ danger: true }}
                          onConfirm={() => {
                            setFailure(null);
                            return close.mutateAsync({ id: n.id }).catch(() => undefined);
                          }}
                        >
                          <Button size="small" danger aria-label={`${t('needs.close')} ${n.title}`}>
                            {t('needs.close')}
                          </Button>
                        </Popconfirm>
                      ),
                    ].filter(Boolean)
                  : undefined
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Link to={`/needs/${n.id}`}>{n.title}</Link>
                    <ToneTag tone={statusTone[n.status]}>{t(`needs.statuses.${n.status}`)}</ToneTag>
                  </Space>
                }
                description={
                  <Space wrap separator="·">
                    <span>{t(`needs.kinds.${n.kind}`)}</span>
                    {n.headcount !== null && <span>{t('needs.acceptedOf', { accepted: n.accepted, headcount: n.headcount })}</span>}
                    <span>{t('needs.deadlineOn', { date: n.deadline })}</span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </QueryState>
  );
}
