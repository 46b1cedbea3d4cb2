// Taking all or part of an offer of students (an enterprise deciding an application, a school answering an
// invitation): how many to take, the button to take them, and declining, which asks for a reason in a modal.
import { useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Space } from 'antd';

type Labels = { count: string; countOf: string; accept: string; decline: string };

/** The count (1…`students`, all by default) and the two buttons for one application or invitation. */
export function AcceptOrDecline({
  id,
  students,
  labels,
  accepting,
  onAccept,
  onDecline,
}: {
  id: string;
  students: number;
  labels: Labels;
  accepting: boolean;
  onAccept: (count: number) => void;
  onDecline: () => void;
}) {
  const [count, setCount] = useState<number | null>(students);
  return (
    <Space wrap style={{ marginTop: 8 }}>
      <label htmlFor={`accept-${id}`}>{labels.count}</label>
      <InputNumber id={`accept-${id}`} aria-label={labels.countOf} min={1} max={students} precision={0} value={count} onChange={setCount} />
      <Button type="primary" loading={accepting} onClick={() => onAccept(count ?? students)}>
        {labels.accept}
      </Button>
      <Button danger onClick={onDecline}>
        {labels.decline}
      </Button>
    </Space>
  );
}

/** Asks why, while `open`: a reason of 2–500 characters is required before `onDecline` is called with it, trimmed. */
export function DeclineModal({
  open,
  title,
  okText,
  reasonLabel,
  reasonRequired,
  loading,
  onCancel,
  onDecline,
}: {
  open: boolean;
  title: string;
  okText: string;
  reasonLabel: string;
  reasonRequired: string;
  loading: boolean;
  onCancel: () => void;
  onDecline: (reason: string) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger: true, loading }}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((v) => onDecline(v.reason.trim()))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={reasonLabel}
          rules={[{ required: true, whitespace: true, min: 2, message: reasonRequired }, { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
