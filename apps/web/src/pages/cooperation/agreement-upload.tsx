// The scan of a signed tripartite agreement: the school uploads it (PDF, JPEG or PNG, ≤ 5 MB) while recording the agreement.
import { useState } from 'react';
import { Button, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { uploadedId, useFileUpload } from '../../components/file-upload.tsx';

type Props = { value?: string | null; onChange?: (id: string | null) => void; organizationId: string };

export function AgreementUpload({ value, onChange, organizationId }: Props) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const upload = useFileUpload({
    purpose: 'placement_agreement',
    organizationId,
    tooLarge: (name) => t('cooperation.scanTooLarge', { name }),
  });
  return (
    <>
      <Upload
        {...upload.props}
        maxCount={1}
        fileList={files}
        onChange={({ file, fileList }) => {
          setFiles(upload.track(file, fileList));
          if (file.status === 'done') onChange?.(uploadedId(file));
          if (file.status === 'removed' || file.status === 'error') onChange?.(null);
        }}
      >
        <Button>{value ? t('cooperation.replaceScan') : t('cooperation.uploadScan')}</Button>
      </Upload>
      {upload.failureText}
    </>
  );
}
