import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { messageOf } from '../../lib/errors.ts';
import { applyBookingErrors } from './booking-form.tsx';
import { beforeToday, isoDay, useRefreshBookings, type Booking } from './shared.tsx';

type Dialog = 'decline' | 'propose' | 'cancel' | null;

/** The base's owner: approve, decline or propose other dates for a request; cancel an approved booking. */
export function OwnerActions({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshBookings();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const approve = useMutation(
    trpc.baseBookings.approve.mutationOptions({
      onSuccess: () => {
        setError(null);
        void refresh().then(() => message.success(t('base-detail.approved')));
      },
      // e.g. 以下日期剩余工位不足：… names the full days
      onError: (e) => setError(messageOf(e)),
    }),
  );
  if (booking.status !== 'requested' && booking.status !== 'approved') return null;
  return (
    <>
      <Space wrap size={[8, 8]}>
        {booking.status === 'requested' && (
          <>
            <Button size="small" type="primary" loading={approve.isPending} onClick={() => approve.mutate({ id: booking.id })}>
              {t('base-detail.approve')}
            </Button>
            <Button size="small" onClick={() => setDialog('decline')}>
              {t('base-detail.decline')}
            </Button>
            <Button size="small" onClick={() => setDialog('propose')}>
              {t('base-detail.propose')}
            </Button>
          </>
        )}
        {booking.status === 'approved' && (
          <Button size="small" danger onClick={() => setDialog('cancel')}>
            {t('base-detail.cancel')}
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} />}
      {(dialog === 'decline' || dialog === 'cancel') && <ReasonDialog booking={booking} action={dialog} onClose={() => setDialog(null)} />}
      {dialog === 'propose' && <ProposeDialog booking={booking} onClose={() => setDialog(null)} />}
    </>
  );
}

/** The requester: accept proposed dates; cancel an open booking. */
export function RequesterActions({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshBookings();
  const { message } = App.useApp();
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const accept = useMutation(
    trpc.baseBookings.acceptProposal.mutationOptions({
      onSuccess: () => {
        setError(null);
        void refresh().then(() => message.success(t('base-detail.accepted')));
      },
      onError: (e) => setError(messageOf(e)),
    }),
  );
  if (booking.status !== 'requested' && booking.status !== 'proposed' && booking.status !== 'approved') return null;
  return (
    <>
      <Space wrap size={[8, 8]}>
        {booking.status === 'proposed' && (
          <Button size="small" type="primary" loading={accept.isPending} onClick={() => accept.mutate({ id: booking.id })}>
            {t('base-detail.acceptProposal')}
          </Button>
        )}
        <Button size="small" danger onClick={() => setCancelling(true)}>
          {t('base-detail.cancel')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} />}
      {cancelling && <ReasonDialog booking={booking} action="cancel" onClose={() => setCancelling(false)} />}
    </>
  );
}

function ReasonDialog({ booking, action, onClose }: { booking: Booking; action: 'decline' | 'cancel'; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshBookings();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const options = {
    onSuccess: () => {
      onClose();
      void refresh().then(() => message.success(t(action === 'decline' ? 'base-detail.declined' : 'base-detail.cancelled')));
    },
    onError: (e: unknown) => setError(applyBookingErrors(form, e) ? null : messageOf(e)),
  };
  const decline = useMutation(trpc.baseBookings.decline.mutationOptions(options));
  const cancel = useMutation(trpc.baseBookings.cancel.mutationOptions(options));
  const pending = decline.isPending || cancel.isPending;
  const submit = ({ reason }: { reason: string }) =>
    (action === 'decline' ? decline : cancel).mutate({ id: booking.id, reason: reason.trim() });
  return (
    <Modal
      open
      title={t(action === 'decline' ? 'base-detail.declineTitle' : 'base-detail.cancelTitle')}
      okText={t('base-detail.confirm')}
      cancelText={t('base-detail.close')}
      okButtonProps={{ loading: pending, danger: action === 'cancel' }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" initialValues={{ reason: '' }} onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('base-detail.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('base-detail.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}

function ProposeDialog({ booking, onClose }: { booking: Booking; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshBookings();
  const { message } = App.useApp();
  type Values = { dates: [Dayjs, Dayjs] | null; note: string };
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const propose = useMutation(
    trpc.baseBookings.propose.mutationOptions({
      onSuccess: () => {
        onClose();
        void refresh().then(() => message.success(t('base-detail.proposedMessage')));
      },
      onError: (e) => setError(applyBookingErrors(form, e) ? null : messageOf(e)),
    }),
  );
  const submit = (v: Values) =>
    v.dates && propose.mutate({ id: booking.id, from: isoDay(v.dates[0]), to: isoDay(v.dates[1]), note: v.note.trim() });
  return (
    <Modal
      open
      title={t('base-detail.proposeTitle')}
      okText={t('base-detail.confirm')}
      cancelText={t('base-detail.close')}
      okButtonProps={{ loading: propose.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ dates: null, note: '' }} onFinish={submit}>
        <Form.Item name="dates" label={t('base-detail.proposedDates')} rules={[{ required: true, message: t('base-detail.chooseDates') }]}>
          <DatePicker.RangePicker
            disabledDate={beforeToday}
            placeholder={[t('base-detail.startDate'), t('base-detail.endDate')]}
            defaultPickerValue={[dayjs(booking.fromDay), dayjs(booking.toDay)]}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="note" label={t('base-detail.proposeNote')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
