// What every upload widget shares: the size check before sending, the request to /api/files, and the failure shown
// under the widget (the server's localised message, or ours for a file too large to send).
import { useState } from 'react';
import { Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import { uploadFile, uploadRules, type UploadPurpose } from '../lib/upload.ts';

type Options = {
  purpose: UploadPurpose;
  organizationId?: string;
  /** the message for a file over the purpose's size limit */
  tooLarge: (name: string) => string;
};

/**
 * Props for antd's <Upload> plus the failure to show. `track` keeps the file list (failed files dropped) and returns
 * it, for the caller to report ids from.
 */
export function useFileUpload({ purpose, organizationId, tooLarge }: Options) {
  const [failure, setFailure] = useState<string | null>(null);
  const rule = uploadRules[purpose];
  const props: Pick<UploadProps, 'accept' | 'beforeUpload' | 'customRequest'> = {
    accept: rule.accept,
    beforeUpload: (file) => {
      if (file.size <= rule.maxBytes) return true;
      setFailure(tooLarge(file.name));
      return Upload.LIST_IGNORE;
    },
    customRequest: ({ file, onSuccess, onError }) => {
      if (!organizationId) return;
      uploadFile(file as File, purpose, organizationId).then(
        (id) => onSuccess?.({ id }),
        (error: Error) => onError?.(error),
      );
    },
  };
  const track = (file: UploadFile, fileList: UploadFile[]) => {
    if (file.status === 'error') setFailure(`${file.name}: ${(file.error as Error | undefined)?.message ?? ''}`);
    else if (file.status === 'uploading') setFailure(null);
    return fileList.filter((f) => f.status !== 'error');
  };
  const failureText = failure && (
    <Typography.Text type="danger" role="alert">
      {failure}
    </Typography.Text>
  );
  return { props, track, failureText };
}

/** The id the server gave an uploaded file (or, for a file listed from before, the id it was listed under). */
export const uploadedId = (f: UploadFile) => (f.response as { id?: string } | undefined)?.id ?? f.uid;
