import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PRIVACY_NOTICE_VERSION } from '@ronghe/domain/privacy';

/** The privacy notice people agree to at sign-up (and again when its version changes). */
export default function PrivacyPage() {
  const { t } = useTranslation();
  const sections = t('privacy.sections', { returnObjects: true }) as Array<{ heading: string; body: string }>;
  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }}>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('privacy.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('privacy.version', { version: PRIVACY_NOTICE_VERSION })}</Typography.Paragraph>
      <Card>
        <Typography.Paragraph>{t('privacy.intro')}</Typography.Paragraph>
        {sections.map((s) => (
          <section key={s.heading}>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {s.heading}
            </Typography.Title>
            <Typography.Paragraph>{s.body}</Typography.Paragraph>
          </section>
        ))}
      </Card>
    </div>
  );
}
