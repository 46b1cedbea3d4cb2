import { Link, useParams } from 'react-router';
import { Alert, Card, Col, Result, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';
import { baseStatusTones, useBase, type BaseDetail } from './shared.tsx';
import { Description, Equipment, Facts } from './detail-facts.tsx';
import { Photos } from './detail-photos.tsx';
import { CapacityCalendar } from './detail-calendar.tsx';
import { BookingCard } from './booking-form.tsx';
import { OwnerTools, RevisionHistory, Usage } from './detail-owner.tsx';
import { useMe } from '../../lib/session.ts';

/** /bases/:id: a training base's page; its owner manages it here, others book stations. */
export default function BasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const base = useBase(id);
  const code = base.error?.data?.code;
  if (code === 'NOT_FOUND' || code === 'BAD_REQUEST')
    return (
      <Result
        status="404"
        title={
          <Heading level={1} style={{ margin: 0, fontSize: 24 }}>
            {t('base-detail.notFoundTitle')}
          </Heading>
        }
        subTitle={t('base-detail.notFoundBody')}
        extra={<Link to="/bases">{t('base-detail.backToList')}</Link>}
      />
    );
  if (!base.data) return <QueryState query={base}>{null}</QueryState>;
  return <BaseView b={base.data} />;
}

function BaseView({ b }: { b: BaseDetail }) {
  const { t } = useTranslation();
  // platform admins watch usage and history of every base (they do not manage it)
  const me = useMe();
  const admin = !b.canManage && (me.data?.isPlatformAdmin ?? false);
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8, overflowWrap: 'anywhere' }}>
        {b.name}
      </Typography.Title>
      <Space wrap size={[8, 8]} style={{ marginBottom: 8 }}>
        <ToneTag tone="blue">{t(`bases.kinds.${b.kind}`)}</ToneTag>
        {b.status !== 'published' && (
          <ToneTag tone={baseStatusTones[b.status]}>{t('base-detail.statusIs', { status: t(`bases.statuses.${b.status}`) })}</ToneTag>
        )}
        {b.openToPartners ? (
          <ToneTag tone="green">
            {b.openTerms ? t('base-detail.openWithTerms', { terms: t(`bases.terms.${b.openTerms}`) }) : t('bases.openToPartners')}
          </ToneTag>
        ) : (
          <ToneTag tone="grey">{t('bases.notOpen')}</ToneTag>
        )}
      </Space>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {t('base-detail.ownerIs')}
        <Link to={`/orgs/${b.ownerOrganizationId}`}>{b.ownerName}</Link>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ overflowWrap: 'anywhere' }}>
        {`${t(`provinces.${b.provinceCode}`)} · ${b.regionName} · ${b.address}`}
      </Typography.Paragraph>
      {b.status === 'draft' && <Alert type="info" showIcon title={t('base-detail.draftNotice')} style={{ marginBottom: 16 }} />}
      {b.status === 'unpublished' && (
        <Alert type="warning" showIcon title={t('base-detail.unpublishedNotice')} style={{ marginBottom: 16 }} />
      )}

      {b.canManage && <OwnerTools b={b} />}
      {admin && (
        <Card style={{ marginBottom: 16 }}>
          <Usage b={b} />
        </Card>
      )}
      {b.photos.length > 0 && <Photos b={b} />}
      <Row gutter={[16, 0]}>
        <Col xs={24} lg={14}>
          <Facts b={b} />
          <Equipment b={b} />
          <Description b={b} />
        </Col>
        <Col xs={24} lg={10}>
          <CapacityCalendar b={b} />
          <BookingCard b={b} />
        </Col>
      </Row>
      {(b.canManage || admin) && <RevisionHistory b={b} />}
    </>
  );
}
