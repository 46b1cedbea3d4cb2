import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Space, Table, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { messageOf } from '../../lib/errors.ts';
import { downloadBase64, fileToBase64 } from '../../lib/files.ts';

/** Admins upload a spreadsheet of organisations: checked row by row, written all or nothing. */
export default function ImportPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const run = useMutation(trpc.imports.organizations.mutationOptions());

  const downloadTemplate = async () => {
    const template = await queryClient.fetchQuery(trpc.imports.template.queryOptions());
    downloadBase64(template.filename, template.base64);
  };
  const submit = async () => {
    if (!file) return;
    run.mutate({ filename: file.name, base64: await fileToBase64(file), dryRun });
  };
  const result = run.data;

  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('imports.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('imports.intro')}</Typography.Paragraph>
      <Card>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Button onClick={() => void downloadTemplate()}>{t('imports.template')}</Button>
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              run.reset();
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button>{t('imports.file')}</Button>
          </Upload>
          <Typography.Text type="secondary">{t('imports.fileHint')}</Typography.Text>
          <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
            {t('imports.dryRun')}
          </Checkbox>
          <Button type="primary" onClick={() => void submit()} disabled={!file} loading={run.isPending}>
            {t('imports.submit')}
          </Button>
          {run.isError && <Alert type="error" showIcon title={messageOf(run.error)} />}
          {result?.ok && (
            <Alert
              type="success"
              showIcon
              title={
                result.created > 0 ? t('imports.imported', { created: result.created }) : t('imports.validated', { rows: result.rows })
              }
            />
          )}
          {result && !result.ok && (
            <>
              <Alert
                type="error"
                showIcon
                title={t('imports.failed', { count: result.errors.length })}
                action={
                  result.reportBase64 ? (
                    <Button size="small" onClick={() => result.reportBase64 && downloadBase64('import-errors.xlsx', result.reportBase64)}>
                      {t('imports.report')}
                    </Button>
                  ) : null
                }
              />
              <Table
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                size="small"
                pagination={{ pageSize: 20 }}
                dataSource={result.errors}
                columns={[
                  { title: t('imports.row'), dataIndex: 'row', width: 70 },
                  { title: t('imports.column'), dataIndex: 'column', width: 140 },
                  { title: t('imports.reason'), dataIndex: 'message' },
                ]}
              />
            </>
          )}
        </Space>
      </Card>
    </>
  );
}
