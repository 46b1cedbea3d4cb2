// The scan of a signed tripartite agreement: the school uploads it (PDF, JPEG or PNG, ≤ 5 MB) while recording the agreement.
import { useState } from 'react';
import { Button, Typography, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { uploadFile, uploadRules } from '../../lib/upload.ts';

type Props = { value?: string | null; onChange?: (id: string | null) => void; organizationId: string };

export function AgreementUpload({ value, onChange, organizationId }: Props) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const rule = uploadRules.placement_agreement;
  return (
    <>
      <Upload
        accept={rule.accept}
        maxCount={1}
        fileList={files}
        beforeUpload={(file) => {
          if (file.size > rule.maxBytes) {
            setFailure(t('cooperation.scanTooLarge', { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          uploadFile(file as File, 'placement_agreement', organizationId).then(
            (id) => onSuccess?.({ id }),
            (error: Error) => onError?.(error),
          );
        }}
        onChange={({ file, fileList }) => {
          if (file.status === 'error') setFailure(`${file.name}: ${(file.error as Error | undefined)?.message ?? ''}`);
          else if (file.status === 'uploading') setFailure(null);
          setFiles(fileList.filter((f) => f.status !== 'error'));
          if (file.status === 'done') onChange?.((file.response as { id: string }).id);
          if (file.status === 'removed' || file.status === 'error') onChange?.(null);
        }}
      >
        <Button>{value ? t('cooperation.replaceScan') : t('cooperation.uploadScan')}</Button>
      </Upload>
      {failure && (
        <Typography.Text type="danger" role="alert">
          {failure}
        </Typography.Text>
      )}
    </>
  );
}
