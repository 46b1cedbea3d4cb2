import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';
import { agreementTone, chinaDay, phaseTone, type Side } from './shared.tsx';
import { AgreementUpload } from './agreement-upload.tsx';

type Values = { reference: string; signedOn: Dayjs | null; agreementFileId: string | null };

/** 实习安排: placements of the chosen organisation; the school records the tripartite agreement, the enterprise confirms it. */
export function Placements({ side }: { side: Side }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery(trpc.placements.list.queryOptions({ organizationId: side.organizationId }));
  const [failure, setFailure] = useState<string | null>(null);
  const [recording, setRecording] = useState<{ id: string; title: string } | null>(null);
  const [form] = Form.useForm<Values>();
  const refresh = (text: string) =>
    void queryClient.invalidateQueries({ queryKey: trpc.placements.pathKey() }).then(() => message.success(text));
  const record = useMutation(
    trpc.placements.recordAgreement.mutationOptions({
      onSuccess: () => {
        setRecording(null);
        refresh(t('cooperation.recorded'));
      },
      onError: (e) => {
        if (applyFieldErrors(form, e)) return;
        setRecording(null);
        setFailure(messageOf(e));
      },
    }),
  );
  const confirm = useMutation(
    trpc.placements.confirmAgreement.mutationOptions({
      onSuccess: () => refresh(t('cooperation.confirmed')),
      onError: (e) => setFailure(messageOf(e)),
    }),
  );
  const submit = () =>
    void form.validateFields().then((v) => {
      if (!recording || !v.signedOn) return;
      setFailure(null);
      record.mutate({
        id: recording.id,
        reference: v.reference.trim(),
        signedOn: v.signedOn.format('YYYY-MM-DD'),
        ...(v.agreementFileId ? { agreementFileId: v.agreementFileId } : {}),
      });
    });
  const isSchool = side.kind === 'school';

  return (
    <Card title={<Heading>{t('cooperation.placementsTitle')}</Heading>}>
      {failure && (
        <Alert
          type="error"
          role="alert"
          showIcon
          title={t('cooperation.failed')}
          description={failure}
          style={{ marginBottom: 16 }}
          closable={{ onClose: () => setFailure(null) }}
        />
      )}
      <QueryState query={list}>
        {(list.data ?? []).length === 0 ? (
          <Empty description={t('cooperation.placementsEmpty')} />
        ) : (
          <List
            dataSource={list.data ?? []}
            rowKey="id"
            renderItem={(p) => {
              const canRecord = isSchool && side.manages && p.agreementStatus !== 'confirmed' && p.phase !== 'cancelled';
              const canConfirm = !isSchool && side.manages && p.agreementStatus === 'recorded' && p.phase !== 'cancelled';
              return (
                <List.Item>
                  <div style={{ width: '100%', minWidth: 0 }}>
                    <Space wrap size={8} style={{ marginBottom: 8 }}>
                      <Heading level={3} style={{ margin: 0 }}>
                        <Link to={`/needs/${p.needId}`}>{p.needTitle}</Link>
                      </Heading>
                      <ToneTag tone={phaseTone[p.phase]}>{t(`cooperation.phases.${p.phase}`)}</ToneTag>
                    </Space>
                    {p.phase === 'blocked' && (
                      <Alert type="warning" showIcon title={t('cooperation.blockedWarning')} style={{ marginBottom: 8 }} />
                    )}
                    <Descriptions
                      size="small"
                      column={{ xs: 1, sm: 2, lg: 4 }}
                      items={[
                        {
                          key: 'other',
                          label: isSchool ? t('cooperation.enterprise') : t('cooperation.school'),
                          children: isSchool ? p.enterpriseName : p.schoolName,
                        },
                        {
                          key: 'students',
                          label: t('cooperation.students'),
                          children: t('cooperation.studentsValue', { count: p.students }),
                        },
                        { key: 'period', label: t('cooperation.period'), children: `${p.periodFrom} ~ ${p.periodTo}` },
                        {
                          key: 'agreement',
                          label: t('cooperation.agreement'),
                          children: (
                            <Space wrap size={4}>
                              <ToneTag tone={agreementTone[p.agreementStatus]}>
                                {t(`cooperation.agreementStatuses.${p.agreementStatus}`)}
                              </ToneTag>
                              {p.agreementReference && p.agreementSignedOn && (
                                <Typography.Text>
                                  {t('cooperation.agreementRef', { reference: p.agreementReference, date: p.agreementSignedOn })}
                                </Typography.Text>
                              )}
                              {p.agreementFileUrl && (
                                <a href={p.agreementFileUrl} download aria-label={t('cooperation.downloadScanOf', { title: p.needTitle })}>
                                  {t('cooperation.downloadScan')}
                                </a>
                              )}
                            </Space>
                          ),
                        },
                      ]}
                    />
                    {(canRecord || canConfirm) && (
                      <Space wrap style={{ marginTop: 8 }}>
                        {canRecord && (
                          <Button
                            type={p.agreementStatus === 'missing' ? 'primary' : 'default'}
                            onClick={() => {
                              form.setFieldsValue({
                                reference: p.agreementReference ?? '',
                                signedOn: p.agreementSignedOn ? dayjs(p.agreementSignedOn) : null,
                                agreementFileId: null,
                              });
                              setRecording({ id: p.id, title: p.needTitle });
                            }}
                          >
                            {t('cooperation.record')}
                          </Button>
                        )}
                        {canConfirm && (
                          <Button
                            type="primary"
                            aria-label={t('cooperation.confirmOf', { title: p.needTitle })}
                            loading={confirm.isPending && confirm.variables.id === p.id}
                            onClick={() => confirm.mutate({ id: p.id })}
                          >
                            {t('cooperation.confirm')}
                          </Button>
                        )}
                      </Space>
                    )}
                  </div>
                </List.Item>
              );
            }}
          />
        )}
      </QueryState>
      <Modal
        open={!!recording}
        title={t('cooperation.recordTitle', { title: recording?.title ?? '' })}
        okText={t('cooperation.record')}
        okButtonProps={{ loading: record.isPending }}
        onCancel={() => setRecording(null)}
        onOk={submit}
        forceRender
      >
        <Typography.Paragraph type="secondary">{t('cooperation.recordIntro')}</Typography.Paragraph>
        <Form<Values> form={form} layout="vertical" initialValues={{ reference: '', signedOn: null, agreementFileId: null }}>
          <Form.Item
            name="reference"
            label={t('cooperation.reference')}
            rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t('cooperation.referenceRequired') }]}
          >
            <Input maxLength={60} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="signedOn"
            label={t('cooperation.signedOn')}
            rules={[{ required: true, message: t('cooperation.signedOnRequired') }]}
          >
            {/* the server's day is China's, whatever the device's time zone */}
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > chinaDay(new Date())} />
          </Form.Item>
          <Form.Item name="agreementFileId" label={t('cooperation.scan')} extra={t('cooperation.scanHint')}>
            {/* remounted per placement, so a scan picked for one does not show on the next */}
            <AgreementUpload key={recording?.id ?? ''} organizationId={side.organizationId} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
