import { Typography } from 'antd';

// Placeholder: built in the needs and matching work (issue 6).
export default function Page() {
  return <Typography.Title level={1}>needs/new</Typography.Title>;
}
