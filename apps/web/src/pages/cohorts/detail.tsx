import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useSignedInUser } from '../../lib/session.ts';
import { messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';
import { CohortForm } from './cohort-form.tsx';
import { useCohortItems, useNames } from './shared.tsx';

/**
 * /cohorts/:id: one cohort. The school's members see it all and its managers edit or close it;
 * other verified organisations see the school's contact masked.
 */
export default function CohortDetailPage() {
  const { id = '' } = useParams();
  const me = useSignedInUser();
  return <CohortDetail id={id} member={me.memberships.some((m) => m.kind === 'school')} />;
}

function CohortDetail({ id, member }: { id: string; member: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const cohort = useQuery(trpc.cohorts.get.queryOptions({ id }));
  const names = useNames();
  const items = useCohortItems();
  const [editing, setEditing] = useState(false);
  const close = useMutation(
    trpc.cohorts.close.mutationOptions({
      onSuccess: async () => {
        void message.success(t('cohorts.closedDone'));
        await queryClient.invalidateQueries({ queryKey: trpc.cohorts.pathKey() });
      },
      onError: (error) => void message.error(messageOf(error)),
    }),
  );
  const c = cohort.data;
  const insider = !!c && c.canEdit;
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {c ? `${names.majorName(c.majorCode)} ${c.year}` : t('cohorts.detailTitle')}
      </Typography.Title>
      <QueryState query={cohort}>
        {c && (
          <>
            <Space wrap style={{ marginBottom: 16 }}>
              <Typography.Text strong>{c.organizationName}</Typography.Text>
              <ToneTag tone={c.status === 'open' ? 'green' : 'grey'}>{t(`cohorts.statuses.${c.status}`)}</ToneTag>
              {member && <Link to={`/cohorts/${c.id}/needs`}>{t('cohorts.viewNeeds')}</Link>}
            </Space>
            <Card
              title={<Heading>{t('cohorts.cohortFacts')}</Heading>}
              style={{ marginBottom: 16 }}
              extra={
                insider && c.status === 'open' && !editing ? (
                  <Space wrap>
                    <Button onClick={() => setEditing(true)}>{t('cohorts.edit')}</Button>
                    <Popconfirm title={t('cohorts.closeConfirm')} onConfirm={() => close.mutate({ id: c.id })}>
                      <Button danger loading={close.isPending}>
                        {t('cohorts.closeCohort')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : null
              }
            >
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2, lg: 3 }}
                items={[
                  ...(items(c) ?? []),
                  { key: 'taken', label: t('cohorts.taken'), children: t('cohorts.takenValue', { count: c.taken }) },
                  { key: 'contactName', label: t('cohorts.contactName'), children: c.contactName || '—' },
                  { key: 'contactPhone', label: t('cohorts.contactPhone'), children: c.contactPhone || '—' },
                ]}
              />
              {c.masked && <Alert type="info" showIcon title={t('cohorts.maskedHint')} style={{ marginTop: 12 }} />}
            </Card>
            {editing && (
              <CohortForm
                organizationId={c.organizationId}
                editing={{
                  id: c.id,
                  onDone: () => setEditing(false),
                  initial: {
                    majorCode: c.majorCode,
                    level: c.level as 'zhongzhi' | 'gaozhi' | 'benke',
                    year: c.year,
                    students: c.students,
                    window: [dayjs(c.windowFrom), dayjs(c.windowTo)],
                    regionCodes: c.regionCodes,
                    teachers: c.teachers,
                    note: c.note,
                  },
                }}
              />
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
