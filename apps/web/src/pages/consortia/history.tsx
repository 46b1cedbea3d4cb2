import { Card, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Heading } from '../../components/heading.tsx';
import { roles, type Detail } from './shared.tsx';

export function History({ c }: { c: Detail }) {
  const { t } = useTranslation();
  const items = c.events.toReversed().map((e) => {
    const { role, title, reason } = e.detail;
    const extra = [
      role !== undefined && roles.some((r) => r === role) ? t(`consortia.roles.${role}`) : null,
      title !== undefined ? `“${title}”` : null,
      reason !== undefined ? t('consortia.reason', { reason }) : null,
    ].filter(Boolean);
    return {
      key: e.id,
      color: ['approve', 'joined', 'reinstate'].includes(e.type)
        ? 'green'
        : ['return', 'suspend', 'dissolve', 'application_declined', 'invitation_declined', 'left'].includes(e.type)
          ? 'red'
          : 'blue',
      content: (
        <>
          <Typography.Text strong>{t(`consortia.events.${e.type}`, { defaultValue: e.type })}</Typography.Text>
          {e.organizationName && <Typography.Text>{` · ${e.organizationName}`}</Typography.Text>}
          {extra.length > 0 && <Typography.Text>{` · ${extra.join(' · ')}`}</Typography.Text>}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
          </Typography.Text>
        </>
      ),
    };
  });
  return (
    <Card title={<Heading>{t('consortia.historyTitle')}</Heading>} style={{ marginBottom: 16 }}>
      <Timeline items={items} />
    </Card>
  );
}
