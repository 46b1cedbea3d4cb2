import { Suspense, useMemo } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsortiumRole } from '@ronghe/domain/consortium';
import { useTRPC } from '../../lib/trpc.ts';
import { messageOf } from '../../lib/errors.ts';
import { downloadBase64 } from '../../lib/files.ts';
import { Heading } from '../../components/heading.tsx';
import { JjjMap, roles, positions, orgKinds, day, type Detail, type Member } from './shared.tsx';

export function Facts({ c }: { c: Detail }) {
  const { t } = useTranslation();
  const none = t('consortia.none');
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: t('consortia.kind'), children: t(`consortia.kinds.${c.kind}`) },
    { key: 'level', label: t('consortia.level'), children: t(`consortia.levels.${c.level}`) },
    { key: 'industry', label: t('consortia.industry'), children: c.industryCode ? `${c.industryCode} ${c.industryName ?? ''}` : none },
    { key: 'gaojingjian', label: t('consortia.gaojingjian'), children: c.gaojingjian ?? none },
    { key: 'anchor', label: t('consortia.anchorRegion'), children: `${t(`provinces.${c.anchorProvinceCode}`)} · ${c.anchorRegionName}` },
    { key: 'founded', label: t('consortia.foundedOn'), children: c.foundedOn ?? none },
    { key: 'proposer', label: t('consortia.proposer'), children: c.proposerName },
    ...(c.approvedAt ? [{ key: 'approved', label: t('consortia.approvedAt'), children: day(c.approvedAt) }] : []),
  ];
  return (
    <>
      <Card title={<Heading>{t('consortia.facts')}</Heading>} style={{ marginBottom: 16 }}>
        <Descriptions items={items} column={{ xs: 1, sm: 1, md: 2 }} size="small" />
      </Card>
      <Card title={<Heading>{t('consortia.goalsAndCharter')}</Heading>} style={{ marginBottom: 16 }}>
        <Heading level={3}>{t('consortia.goals')}</Heading>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} type={c.goals ? undefined : 'secondary'}>
          {c.goals || t('consortia.noGoals')}
        </Typography.Paragraph>
        <Heading level={3}>{t('consortia.charter')}</Heading>
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
          type={c.charter ? undefined : 'secondary'}
          ellipsis={c.charter.length > 600 ? { rows: 8, expandable: 'collapsible' } : false}
        >
          {c.charter || t('consortia.noCharter')}
        </Typography.Paragraph>
      </Card>
    </>
  );
}

/** The map shows Beijing and Tianjin districts and Hebei prefectures: a Hebei county counts towards its prefecture. */
const mapRegionOf = (m: Member) =>
  m.provinceCode === '13' && m.regionParentCode && m.regionParentCode !== '130000' ? m.regionParentCode : m.regionCode;

export function Members({ c }: { c: Detail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const exportFile = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...trpc.consortia.exportMembers.queryOptions({ id: c.id }), staleTime: 0 }),
    onSuccess: (file) => downloadBase64(file.filename, file.base64),
    onError: (e) => void message.error(messageOf(e)),
  });
  // the member list is public once the consortium is approved
  const exportable = c.status === 'active' || c.status === 'suspended' || c.status === 'dissolved';
  const active = c.members;
  const crossRegion = active.filter((m) => m.provinceCode !== c.anchorProvinceCode).length;
  const values = useMemo(() => {
    const v: Record<string, number> = {};
    for (const m of c.members) v[mapRegionOf(m)] = (v[mapRegionOf(m)] ?? 0) + 1;
    return v;
  }, [c.members]);
  const format = (n: number) => t('consortia.memberTotal', { count: n });

  const columns = (role: ConsortiumRole): TableColumnsType<Member> => [
    { title: t('consortia.org'), key: 'name', render: (_, m) => <Link to={`/orgs/${m.organizationId}`}>{m.name}</Link> },
    ...(role === 'council'
      ? [
          {
            title: t('consortia.position'),
            key: 'position',
            width: 110,
            render: (_: unknown, m: Member) => (m.councilPosition ? t(`consortia.positions.${m.councilPosition}`) : '—'),
          },
        ]
      : []),
    { title: t('consortia.orgKind'), key: 'kind', width: 80, render: (_, m) => t(`kinds.${m.kind}`) },
    {
      title: t('consortia.region'),
      key: 'region',
      responsive: ['sm'],
      render: (_, m) => `${t(`provinces.${m.provinceCode}`)} · ${m.regionName}`,
    },
    {
      title: t('consortia.joinedAt'),
      key: 'joined',
      width: 120,
      responsive: ['md'],
      render: (_, m) => (m.joinedAt ? day(m.joinedAt) : '—'),
    },
  ];

  return (
    <Card
      title={<Heading>{t('consortia.membersTitle')}</Heading>}
      extra={
        exportable && (
          <Button size="small" onClick={() => exportFile.mutate()} loading={exportFile.isPending}>
            {t('consortia.exportMembers')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    >
      <Row gutter={[24, 16]} style={{ marginBottom: 8 }}>
        <Col xs={24} lg={9}>
          <Row gutter={[16, 16]}>
            <Col span={12}>
              <Statistic title={t('common.total')} value={active.length} />
            </Col>
            {orgKinds.map((k) => (
              <Col span={12} key={k}>
                <Statistic
                  title={k === 'partner' ? t('consortia.others') : t(`kinds.${k}`)}
                  value={active.filter((m) => m.kind === k).length}
                />
              </Col>
            ))}
            <Col span={24}>
              <Statistic title={t('consortia.crossRegionTitle')} value={crossRegion} />
              <Typography.Text type="secondary">
                {t('consortia.crossRegionHint', { province: t(`provinces.${c.anchorProvinceCode}`) })}
              </Typography.Text>
            </Col>
          </Row>
        </Col>
        <Col xs={24} lg={15}>
          <Heading level={3}>{t('consortia.mapTitle')}</Heading>
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 360 }} />}>
            <JjjMap values={values} title={t('consortia.mapTitle')} height={380} format={format} />
          </Suspense>
        </Col>
      </Row>

      {roles.map((role) => {
        const rows = active.filter((m) => m.role === role).toSorted((a, b) => positionRank(a) - positionRank(b));
        return (
          <div key={role}>
            <Heading level={3}>{t('consortia.withCount', { label: t(`consortia.roleGroups.${role}`), count: rows.length })}</Heading>
            {rows.length === 0 ? (
              <Typography.Text type="secondary">{t('consortia.noMembersInRole')}</Typography.Text>
            ) : (
              <Table<Member>
                rowKey="organizationId"
                size="small"
                pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false, simple: true } : false}
                dataSource={rows}
                columns={columns(role)}
              />
            )}
          </div>
        );
      })}
    </Card>
  );
}

const positionRank = (m: Member) => (m.councilPosition ? positions.indexOf(m.councilPosition) : positions.length);
