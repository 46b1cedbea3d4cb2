import { useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useMe } from '../../lib/session.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';
import { Applications, Recommendations } from './detail-enterprise.tsx';
import { ApplyForNeed } from './detail-school.tsx';
import { Endorsement } from './endorsement.tsx';
import { managed, statusTone, useMajorNames } from './shared.tsx';

// the kind-specific facts kept in `details`, in the order they are shown
const factKeys = [
  'post',
  'dailyHours',
  'monthlyPay',
  'probationWage',
  'postStaffCount',
  'accommodation',
  'intake',
  'years',
  'courseName',
  'bookTitle',
  'positions',
  'problem',
  'budget',
  'plannedStations',
] as const;

/** /needs/:id: a need; its enterprise sees recommended cohorts and applications, a school may apply. */
export default function NeedDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const navigate = useNavigate();
  const need = useQuery(trpc.needs.get.queryOptions({ id }));
  const { nameOf } = useMajorNames();
  const n = need.data;
  const memberships = me.data?.memberships ?? [];
  const isMember = !!n && memberships.some((m) => m.organizationId === n.organizationId);
  const schools = managed(memberships, 'school');
  const canEdit =
    !!n &&
    ['draft', 'published', 'filled'].includes(n.status) &&
    managed(memberships, 'enterprise').some((m) => m.organizationId === n.organizationId);
  // the kind's own fields, typed by the API's union on kind; a key another kind has is simply absent
  const details: Partial<Record<(typeof factKeys)[number], string | number | boolean | null>> = n?.details ?? {};
  const fact = (key: (typeof factKeys)[number]) => {
    const v = details[key];
    if (v === undefined || v === null || v === '') return key === 'budget' && 'budget' in details ? t('needs.none') : null;
    if (typeof v === 'boolean') return v ? t('needs.yes') : t('needs.no');
    return typeof v === 'number' ? v.toLocaleString('zh-CN') : String(v);
  };
  const periodLabel = n?.kind === 'teacher_practice' ? t('needs.practicePeriod') : t('needs.period');

  return (
    <QueryState query={need}>
      {n && (
        <>
          <Typography.Title level={1} style={{ marginTop: 8 }}>
            {n.title}
          </Typography.Title>
          <Space wrap style={{ marginBottom: 16 }}>
            <ToneTag tone="blue">{t(`needs.kinds.${n.kind}`)}</ToneTag>
            <ToneTag tone={statusTone[n.status]}>{t(`needs.statuses.${n.status}`)}</ToneTag>
            {n.headcount !== null && (
              <Typography.Text strong>{t('needs.places', { accepted: n.accepted, headcount: n.headcount })}</Typography.Text>
            )}
            {n.consortiumName && <ToneTag tone="green">{t('needs.endorsedBy', { name: n.consortiumName })}</ToneTag>}
            {canEdit && (
              <Button
                href={`/needs/${n.id}/edit`}
                onClick={(e) => {
                  e.preventDefault();
                  void navigate(`/needs/${n.id}/edit`);
                }}
              >
                {t('needs.edit')}
              </Button>
            )}
          </Space>
          <Card title={<Heading>{t('needs.facts')}</Heading>} style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('needs.kind')}>{t(`needs.kinds.${n.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('needs.status')}>{t(`needs.statuses.${n.status}`)}</Descriptions.Item>
              <Descriptions.Item label={t('needs.enterprise')}>{n.organizationName}</Descriptions.Item>
              <Descriptions.Item label={t('needs.region')}>{n.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('needs.deadline')}>{n.deadline}</Descriptions.Item>
              <Descriptions.Item label={t('needs.majors')}>
                {n.majorCodes.length > 0 ? n.majorCodes.map(nameOf).join('、') : t('needs.none')}
              </Descriptions.Item>
              {n.periodFrom && n.periodTo && (
                <Descriptions.Item label={periodLabel}>
                  {n.periodFrom} ~ {n.periodTo}
                </Descriptions.Item>
              )}
              {n.kind === 'internship' && n.headcount !== null && (
                <Descriptions.Item label={t('needs.headcount')}>{n.headcount}</Descriptions.Item>
              )}
              {factKeys.map((k) => {
                const v = fact(k);
                return v === null ? null : (
                  <Descriptions.Item key={k} label={t(`needs.${k}`)}>
                    {v}
                  </Descriptions.Item>
                );
              })}
            </Descriptions>
            {n.description && (
              <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                {n.description}
              </Typography.Paragraph>
            )}
          </Card>
          {isMember && (
            <>
              <Recommendations need={n} manages={managed(memberships, 'enterprise').some((m) => m.organizationId === n.organizationId)} />
              <Applications needId={n.id} />
            </>
          )}
          {me.data && <Endorsement needId={n.id} consortiumId={n.consortiumId} consortiumName={n.consortiumName} />}
          {!isMember && schools.length > 0 && <ApplyForNeed needId={n.id} open={n.status === 'published'} schools={schools} />}
        </>
      )}
    </QueryState>
  );
}
