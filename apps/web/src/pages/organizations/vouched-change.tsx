import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VouchedValues } from '@ronghe/domain/organization';
import { vouchedFields } from '@ronghe/domain/constants/organization';

/** A change to vouched-for values as a small table: field, now, requested. */
export function VouchedChange({ before, after }: { before: VouchedValues; after: VouchedValues }) {
  const { t } = useTranslation();
  const show = (field: (typeof vouchedFields)[number], value: VouchedValues[typeof field]) => {
    if (value === null || value === undefined || value === '') return t('organizations.none');
    if (field === 'schoolLevel') return t(`schoolLevels.${String(value)}`);
    if (field === 'staffCount' && typeof value === 'number') return value.toLocaleString();
    return String(value);
  };
  const rows = vouchedFields
    .filter((f) => f in after)
    .map((field) => ({ field, before: show(field, before[field]), after: show(field, after[field]) }));
  return (
    <Table
      rowKey="field"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        {
          title: t('review.field'),
          dataIndex: 'field',
          render: (f: (typeof vouchedFields)[number]) => t(`organizations.vouchedFields.${f}`),
        },
        { title: t('review.before'), dataIndex: 'before', render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
        { title: t('review.after'), dataIndex: 'after', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
      ]}
    />
  );
}
