import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { BookingPurpose } from '@ronghe/domain/training-base';
import { useTRPC } from '../../lib/trpc.ts';
import { useMe } from '../../lib/session.ts';
import { fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { Heading } from '../../components/heading.tsx';
import { beforeToday, isoDay, managedOrgs, purposes, useRefreshBookings, type BaseDetail, type Org } from './shared.tsx';

type Values = { organizationId?: string; dates?: [Dayjs, Dayjs] | null; stations?: number | null; purpose?: BookingPurpose; note: string };

/** The server names fields from/to; the form has one range field. Returns true when a field took an error. */
export function applyBookingErrors(form: FormInstance, error: unknown, rangeField = 'dates'): boolean {
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = fieldErrorsOf(error)
    .map((e) => ({ name: e.path === 'from' || e.path === 'to' ? rangeField : e.path, errors: [e.message] }))
    .filter((f) => known.has(f.name));
  if (fields.length > 0) form.setFields(fields);
  return fields.length > 0;
}

/** 预约工位: who may book sees the form; others are told what they need. */
export function BookingCard({ b }: { b: BaseDetail }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const me = useMe();
  if (!me.isSuccess) return null;
  const user = me.data;
  const orgs = managedOrgs(user?.memberships, true).filter((o) => o.organizationId !== b.ownerOrganizationId);
  // the owner's managers cannot book their own base, unless they also manage another organisation
  if (b.canManage && orgs.length === 0) return null;
  let body;
  if (b.status !== 'published') body = <Alert type="info" showIcon title={t('base-detail.notBookable')} />;
  else if (!user)
    body = (
      <Alert
        type="info"
        showIcon
        title={t('base-detail.signInToBookBody')}
        description={
          <Link to={`/login?next=${encodeURIComponent(pathname)}`} style={{ textDecoration: 'underline', fontWeight: 600 }}>
            {t('base-detail.signInToBook')}
          </Link>
        }
      />
    );
  else if (orgs.length === 0)
    body = (
      <Alert
        type="info"
        showIcon
        title={t('base-detail.needVerifiedOrg')}
        description={
          <>
            {t('base-detail.needVerifiedOrgBody')}{' '}
            <Link to="/account" style={{ textDecoration: 'underline' }}>
              {t('base-detail.goAccount')}
            </Link>
          </>
        }
      />
    );
  else body = <BookingForm b={b} orgs={orgs} />;
  return (
    <Card title={<Heading>{t('base-detail.book')}</Heading>} style={{ marginBottom: 16 }}>
      {!b.openToPartners && b.status === 'published' && (
        <Alert type="warning" showIcon title={t('base-detail.notOpenNotice')} style={{ marginBottom: 12 }} />
      )}
      {body}
    </Card>
  );
}

function BookingForm({ b, orgs }: { b: BaseDetail; orgs: Org[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshBookings();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const request = useMutation(
    trpc.baseBookings.request.mutationOptions({
      onSuccess: () => {
        setError(null);
        form.resetFields();
        void message.success(t('base-detail.bookingSent'));
        void refresh();
      },
      onError: (e) => {
        if (!applyBookingErrors(form, e)) setError(messageOf(e));
        else setError(null);
      },
    }),
  );
  const submit = (v: Values) => {
    const org = v.organizationId ?? orgs[0]?.organizationId;
    if (!org || !v.dates || !v.stations || !v.purpose) return;
    request.mutate({
      organizationId: org,
      baseId: b.id,
      from: isoDay(v.dates[0]),
      to: isoDay(v.dates[1]),
      stations: v.stations,
      purpose: v.purpose,
      note: v.note.trim(),
    });
  };

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('base-detail.bookIntro')}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ organizationId: orgs[0]?.organizationId, dates: null, stations: 1, purpose: undefined, note: '' }}
        onFinish={submit}
        onValuesChange={() => setError(null)}
      >
        {orgs.length > 1 ? (
          <Form.Item
            name="organizationId"
            label={t('base-detail.bookOrg')}
            rules={[{ required: true, message: t('base-detail.chooseOrg') }]}
          >
            <Select options={orgs.map((o) => ({ value: o.organizationId, label: o.name }))} />
          </Form.Item>
        ) : (
          <Form.Item label={t('base-detail.bookOrg')}>
            <Typography.Text strong>{orgs[0]?.name}</Typography.Text>
          </Form.Item>
        )}
        <Form.Item name="dates" label={t('base-detail.bookDates')} rules={[{ required: true, message: t('base-detail.chooseDates') }]}>
          <DatePicker.RangePicker
            disabledDate={beforeToday}
            placeholder={[t('base-detail.startDate'), t('base-detail.endDate')]}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="stations"
          label={t('base-detail.bookStations')}
          extra={t('base-detail.bookStationsHint', { count: b.stations })}
          rules={[{ required: true, message: t('base-detail.enterStations') }]}
        >
          <InputNumber min={1} max={b.stations} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('base-detail.bookPurpose')}
          rules={[{ required: true, message: t('base-detail.choosePurpose') }]}
        >
          <Select options={purposes.map((p) => ({ value: p, label: t(`bases.purposes.${p}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('base-detail.bookNote')}>
          <Input.TextArea rows={3} maxLength={1000} placeholder={t('base-detail.bookNotePlaceholder')} />
        </Form.Item>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" loading={request.isPending}>
            {t('base-detail.submitBooking')}
          </Button>
        </Form.Item>
      </Form>
      <Link to="/bases/bookings">{t('base-detail.myBookingsLink')}</Link>
    </>
  );
}
