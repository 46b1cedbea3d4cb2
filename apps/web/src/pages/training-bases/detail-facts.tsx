import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Table, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { Heading } from '../../components/heading.tsx';
import { type BaseDetail } from './shared.tsx';

/** A list of links or names separated by 、 (or commas in English). */
function Joined({ items }: { items: ReactNode[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Typography.Text type="secondary">{t('base-detail.none')}</Typography.Text>;
  return (
    <span>
      {items.map((item, i) => (
        <Fragment key={i}>
          {i > 0 && t('base-detail.listSep')}
          {item}
        </Fragment>
      ))}
    </span>
  );
}

export function Facts({ b }: { b: BaseDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const industries = useQuery(
    trpc.reference.industries.queryOptions(undefined, { enabled: b.industryCodes.length > 0, staleTime: Infinity }),
  );
  const industryName = (code: string) => industries.data?.gbt4754.find((i) => i.code === code)?.name;
  const none = <Typography.Text type="secondary">{t('base-detail.none')}</Typography.Text>;
  const text = (s: string) => (s ? <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{s}</span> : none);

  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: t('base-detail.kind'), children: t(`bases.kinds.${b.kind}`) },
    { key: 'stations', label: t('base-detail.stations'), children: t('base-detail.stationsValue', { count: b.stations }) },
    { key: 'daily', label: t('base-detail.dailyCapacity'), children: t('base-detail.dailyCapacityValue', { count: b.dailyCapacity }) },
    { key: 'hours', label: t('base-detail.openingHours'), children: text(b.openingHours) },
    { key: 'region', label: t('base-detail.region'), children: `${t(`provinces.${b.provinceCode}`)} · ${b.regionName}` },
    { key: 'address', label: t('base-detail.address'), children: text(b.address) },
    {
      key: 'majors',
      label: t('base-detail.majors'),
      span: 'filled',
      children: <Joined items={b.majors.map((m) => m.name + t('base-detail.paren', { text: m.code }))} />,
    },
    {
      key: 'industries',
      label: t('base-detail.industries'),
      span: 'filled',
      children: <Joined items={b.industryCodes.map((c) => (industryName(c) ?? '') + t('base-detail.paren', { text: c }))} />,
    },
    {
      key: 'terms',
      label: t('base-detail.terms'),
      children: b.openToPartners && b.openTerms ? t(`bases.terms.${b.openTerms}`) : t('bases.notOpen'),
    },
    { key: 'termsNote', label: t('base-detail.termsNote'), children: text(b.termsNote) },
    { key: 'contact', label: t('base-detail.contact'), children: text(b.contactName) },
    { key: 'phone', label: t('base-detail.contactPhone'), children: text(b.contactPhone) },
    { key: 'email', label: t('base-detail.contactEmail'), span: 'filled', children: text(b.contactEmail) },
    {
      key: 'coBuilders',
      label: t('base-detail.coBuilders'),
      span: 'filled',
      children: (
        <Joined
          items={b.coBuilders.map((o) => (
            <Link key={o.id} to={`/orgs/${o.id}`}>
              {o.name}
            </Link>
          ))}
        />
      ),
    },
    {
      key: 'consortia',
      label: t('base-detail.consortia'),
      span: 'filled',
      children: (
        <Joined
          items={b.consortia.map((c) => (
            <Link key={c.id} to={`/consortia/${c.id}`}>
              {c.name}
            </Link>
          ))}
        />
      ),
    },
  ];
  return (
    <Card title={<Heading>{t('base-detail.facts')}</Heading>} style={{ marginBottom: 16 }}>
      <Descriptions items={items} column={{ xs: 1, sm: 1, md: 2 }} size="small" />
      {b.contactMasked && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>
          {t('base-detail.contactMaskedHint')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

type EquipmentRow = BaseDetail['equipment'][number];

export function Equipment({ b }: { b: BaseDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={<Heading>{t('base-detail.equipment')}</Heading>} style={{ marginBottom: 16 }}>
      {b.equipment.length === 0 ? (
        <Typography.Text type="secondary">{t('base-detail.noEquipment')}</Typography.Text>
      ) : (
        <Table<EquipmentRow>
          rowKey={(_, i) => String(i)}
          size="small"
          pagination={b.equipment.length > 20 ? { pageSize: 20, showSizeChanger: false, simple: true } : false}
          dataSource={b.equipment}
          columns={[
            { title: t('base-detail.equipmentName'), dataIndex: 'name', key: 'name' },
            { title: t('base-detail.equipmentModel'), dataIndex: 'model', key: 'model', render: (m: string) => m || '—' },
            { title: t('base-detail.equipmentCount'), dataIndex: 'count', key: 'count', width: 72, align: 'right' },
          ]}
        />
      )}
    </Card>
  );
}

export function Description({ b }: { b: BaseDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={<Heading>{t('base-detail.description')}</Heading>} style={{ marginBottom: 16 }}>
      <Typography.Paragraph
        style={{ whiteSpace: 'pre-wrap', marginBottom: 0, overflowWrap: 'anywhere' }}
        type={b.description ? undefined : 'secondary'}
        ellipsis={b.description.length > 600 ? { rows: 10, expandable: 'collapsible' } : false}
      >
        {b.description || t('base-detail.noDescription')}
      </Typography.Paragraph>
    </Card>
  );
}
