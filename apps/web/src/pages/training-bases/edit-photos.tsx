// The base form's photos: up to six images uploaded to /api/files as they are picked, kept in order by id.
import { useState } from 'react';
import { Card, Form, Typography, Upload, type UploadFile } from 'antd';
import { uploadFile, uploadRules } from '../../lib/upload.ts';
import { sectionTitle, usePublishText } from './edit-sections.tsx';

export const MAX_PHOTOS = 6;

type PhotoUploadProps = { value?: string[]; onChange?: (ids: string[]) => void; organizationId?: string };

const idOf = (f: UploadFile) => (f.response as { id?: string } | undefined)?.id ?? f.uid;

function PhotoUpload({ value = [], onChange, organizationId }: PhotoUploadProps) {
  const { p } = usePublishText();
  const [files, setFiles] = useState<UploadFile[]>(() => value.map((id, i) => ({ uid: id, name: p('photoAlt', { n: i + 1 }), status: 'done', url: `/api/files/${id}` })));
  const [failure, setFailure] = useState<string | null>(null);
  const rule = uploadRules.base_photo;

  return (
    <>
      <Upload
        listType="picture-card"
        accept={rule.accept}
        multiple
        maxCount={MAX_PHOTOS}
        fileList={files}
        disabled={!organizationId}
        beforeUpload={(file) => {
          if (file.size > rule.maxBytes) {
            setFailure(p('photoTooLarge', { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          if (!organizationId) return;
          uploadFile(file as File, 'base_photo', organizationId).then(
            (id) => onSuccess?.({ id }),
            (error: Error) => onError?.(error),
          );
        }}
        onChange={({ file, fileList }) => {
          if (file.status === 'error') setFailure(`${file.name}: ${(file.error as Error | undefined)?.message ?? ''}`);
          else if (file.status === 'uploading') setFailure(null);
          const kept = fileList.filter((f) => f.status !== 'error');
          setFiles(kept);
          if (file.status !== 'uploading') onChange?.(kept.filter((f) => f.status === 'done').map(idOf));
        }}
      >
        {files.length >= MAX_PHOTOS ? null : (
          <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
            <div aria-hidden style={{ fontSize: 20, lineHeight: 1 }}>+</div>
            <div style={{ marginTop: 8 }}>{p('addPhoto')}</div>
          </button>
        )}
      </Upload>
      {failure && (
        <Typography.Text type="danger" role="alert">
          {failure}
        </Typography.Text>
      )}
    </>
  );
}

export function PhotosSection({ ownerId }: { ownerId?: string }) {
  const { p } = usePublishText();
  return (
    <Card title={sectionTitle(p('sections.photos'))} style={{ marginBottom: 16 }}>
      <Form.Item name="photoIds" label={p('photos')} extra={p('photosHint', { max: MAX_PHOTOS })} style={{ marginBottom: 0 }}>
        <PhotoUpload organizationId={ownerId} />
      </Form.Item>
    </Card>
  );
}
