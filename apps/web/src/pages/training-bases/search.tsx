import { Typography } from 'antd';

// Placeholder: built in the training-bases work (issue 5).
export default function Page() {
  return <Typography.Title level={1}>search</Typography.Title>;
}
