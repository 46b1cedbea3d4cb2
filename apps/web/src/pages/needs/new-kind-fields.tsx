import { Col, DatePicker, Form, Input, InputNumber, Row, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { NeedKind } from '@ronghe/domain/need';

export type KindValues = {
  post?: string;
  headcount?: number | null;
  period?: [Dayjs, Dayjs] | null;
  dailyHours?: number | null;
  monthlyPay?: number | null;
  probationWage?: number | null;
  accommodation?: boolean;
  postStaffCount?: number | null;
  intake?: number | null;
  years?: number | null;
  courseName?: string;
  bookTitle?: string;
  positions?: number | null;
  problem?: string;
  budget?: number | null;
  plannedStations?: number | null;
};

const wide = { width: '100%' } as const;

/** The fields of one kind of need; names match the server's paths (without `need.`), the period is one RangePicker. */
export function KindFields({ kind }: { kind: NeedKind }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`needs.${key}`);
  const required = (key: string) => [{ required: true, message: t('needs.required', { field: label(key) }) }];
  const text = (name: 'post' | 'courseName' | 'bookTitle') => (
    <Form.Item name={name} label={label(name)} rules={[...required(name), { min: 2, max: 100 }]}>
      <Input maxLength={100} autoComplete="off" />
    </Form.Item>
  );
  const count = (name: keyof KindValues, max: number, extra: { required?: boolean; min?: number; precision?: number } = {}) => (
    <Col xs={24} md={12}>
      <Form.Item name={name} label={label(name)} rules={extra.required === false ? [] : required(name)}>
        <InputNumber min={extra.min ?? 1} max={max} precision={extra.precision ?? 0} style={wide} />
      </Form.Item>
    </Col>
  );
  const period = (key: 'period' | 'practicePeriod') => (
    <Col xs={24} md={12}>
      <Form.Item name="period" label={label(key)} rules={[{ required: true, message: t('needs.choose', { field: label(key) }) }]}>
        <DatePicker.RangePicker style={wide} />
      </Form.Item>
    </Col>
  );

  switch (kind) {
    case 'internship':
      return (
        <>
          {text('post')}
          <Row gutter={16}>
            {count('headcount', 10_000)}
            {period('period')}
            {count('dailyHours', 8, { precision: 1 })}
            {count('monthlyPay', 1_000_000, { min: 0 })}
            {count('probationWage', 1_000_000)}
            {count('postStaffCount', 1_000_000)}
          </Row>
          <Form.Item name="accommodation" label={label('accommodation')} valuePropName="checked" style={{ marginBottom: 0 }}>
            <Switch />
          </Form.Item>
        </>
      );
    case 'order_class':
      return (
        <Row gutter={16}>
          {count('intake', 1000)}
          {count('years', 5)}
        </Row>
      );
    case 'curriculum':
      return text('courseName');
    case 'textbook':
      return text('bookTitle');
    case 'teacher_practice':
      return (
        <Row gutter={16}>
          {count('positions', 1000)}
          {period('practicePeriod')}
        </Row>
      );
    case 'technical_problem':
      return (
        <>
          <Form.Item name="problem" label={label('problem')} rules={[...required('problem'), { min: 2, max: 5000 }]}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Row gutter={16}>{count('budget', 100_000_000, { required: false, min: 0 })}</Row>
        </>
      );
    case 'base_building':
      return <Row gutter={16}>{count('plannedStations', 100_000)}</Row>;
  }
}
