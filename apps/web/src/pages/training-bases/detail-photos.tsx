import { Card, Image, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Heading } from '../../components/heading.tsx';
import { type BaseDetail } from './shared.tsx';

/** The base's photos in the owner's order; a click opens them large. */
export function Photos({ b }: { b: BaseDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={<Heading>{t('base-detail.photos')}</Heading>} style={{ marginBottom: 16 }}>
      <Image.PreviewGroup>
        <Space wrap size={[12, 12]}>
          {b.photos.map((photo, i) => (
            <Image
              key={photo.id}
              src={photo.url}
              alt={t('base-detail.photoAlt', { name: b.name, n: i + 1 })}
              width={160}
              height={120}
              style={{ objectFit: 'cover' }}
            />
          ))}
        </Space>
      </Image.PreviewGroup>
    </Card>
  );
}
