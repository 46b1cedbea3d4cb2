import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';
import { projectTone, type Side } from './shared.tsx';

/** 合作项目: the chosen organisation's projects with their milestone progress. */
export function Projects({ side }: { side: Side }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const list = useQuery(trpc.projects.list.queryOptions({ organizationId: side.organizationId }));
  return (
    <Card title={<Heading>{t('cooperation.projectsTitle')}</Heading>}>
      <QueryState query={list}>
        {(list.data ?? []).length === 0 ? (
          <Empty description={t('cooperation.projectsEmpty')} />
        ) : (
          <List
            dataSource={list.data ?? []}
            rowKey="id"
            renderItem={(p) => (
              <List.Item>
                <div style={{ width: '100%', minWidth: 0 }}>
                  <Space wrap size={8} style={{ marginBottom: 4 }}>
                    <Heading level={3} style={{ margin: 0 }}>
                      <Link to={`/projects/${p.id}`}>{p.title}</Link>
                    </Heading>
                    <ToneTag tone="blue">{t(`cooperation.kinds.${p.kind}`)}</ToneTag>
                    <ToneTag tone={projectTone[p.status]}>{t(`cooperation.projectStatuses.${p.status}`)}</ToneTag>
                  </Space>
                  <div>
                    <Space wrap size={16}>
                      <Typography.Text>
                        {side.kind === 'school' ? t('cooperation.enterprise') : t('cooperation.school')}：
                        {side.kind === 'school' ? p.enterpriseName : p.schoolName}
                      </Typography.Text>
                      <Typography.Text>{t('cooperation.progress', { done: p.milestonesDone, total: p.milestones })}</Typography.Text>
                    </Space>
                  </div>
                  <Progress
                    percent={p.milestones === 0 ? 0 : Math.round((100 * p.milestonesDone) / p.milestones)}
                    showInfo={false}
                    size="small"
                    aria-label={t('cooperation.progressOf', { title: p.title })}
                    style={{ maxWidth: 360, margin: '4px 0 0' }}
                  />
                </div>
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </Card>
  );
}
