import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag, type Tone } from '../../components/tone-tag.tsx';
import { h2 } from './shared.tsx';

const tones: Record<string, Tone> = { applied: 'blue', accepted: 'green', partly_accepted: 'gold', declined: 'red', withdrawn: 'grey' };

/** 我的申请: the school's applications to needs and how the enterprises decided. */
export function MyApplications({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const apps = useQuery(trpc.needs.myApplications.queryOptions({ organizationId }));
  return (
    <Card title={h2(t('cohorts.applicationsTitle'))}>
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
                      <Typography.Text>
                        {t('cohorts.applied')}：{t('cohorts.studentsValue', { count: a.students })}
                      </Typography.Text>
                      {a.status !== 'applied' && a.status !== 'withdrawn' && <Typography.Text>{t('cohorts.acceptedValue', { accepted: a.accepted, students: a.students })}</Typography.Text>}
                      <Typography.Text type="secondary">
                        {t('cohorts.appliedAt')}：{a.createdAt.toLocaleDateString('zh-CN')}
                      </Typography.Text>
                    </Space>
                  </div>
                  {a.reason && (a.status === 'declined' || a.status === 'partly_accepted') && (
                    <Typography.Paragraph style={{ margin: '4px 0 0' }}>
                      {t('cohorts.reason')}：{a.reason}
                    </Typography.Paragraph>
                  )}
                </div>
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </Card>
  );
}
