// The base form's photos: up to six images uploaded to /api/files as they are picked, kept in order by id.
import { useState } from 'react';
import { Card, Form, Upload, type UploadFile } from 'antd';
import { uploadedId, useFileUpload } from '../../components/file-upload.tsx';
import { Heading } from '../../components/heading.tsx';
import { usePublishText } from './edit-sections.tsx';

export const MAX_PHOTOS = 6;

type PhotoUploadProps = { value?: string[]; onChange?: (ids: string[]) => void; organizationId?: string };

function PhotoUpload({ value = [], onChange, organizationId }: PhotoUploadProps) {
  const { p } = usePublishText();
  const [files, setFiles] = useState<UploadFile[]>(() =>
    value.map((id, i) => ({ uid: id, name: p('photoAlt', { n: i + 1 }), status: 'done', url: `/api/files/${id}` })),
  );
  const upload = useFileUpload({ purpose: 'base_photo', organizationId, tooLarge: (name) => p('photoTooLarge', { name }) });

  return (
    <>
      <Upload
        {...upload.props}
        listType="picture-card"
        multiple
        maxCount={MAX_PHOTOS}
        fileList={files}
        disabled={!organizationId}
        onChange={({ file, fileList }) => {
          const kept = upload.track(file, fileList);
          setFiles(kept);
          if (file.status !== 'uploading') onChange?.(kept.filter((f) => f.status === 'done').map(uploadedId));
        }}
      >
        {files.length >= MAX_PHOTOS ? null : (
          <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
            <div aria-hidden style={{ fontSize: 20, lineHeight: 1 }}>
              +
            </div>
            <div style={{ marginTop: 8 }}>{p('addPhoto')}</div>
          </button>
        )}
      </Upload>
      {upload.failureText}
    </>
  );
}

export function PhotosSection({ ownerId }: { ownerId?: string }) {
  const { p } = usePublishText();
  return (
    <Card title={<Heading>{p('sections.photos')}</Heading>} style={{ marginBottom: 16 }}>
      <Form.Item name="photoIds" label={p('photos')} extra={p('photosHint', { max: MAX_PHOTOS })} style={{ marginBottom: 0 }}>
        <PhotoUpload organizationId={ownerId} />
      </Form.Item>
    </Card>
  );
}
