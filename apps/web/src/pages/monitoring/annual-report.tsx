import { Typography } from 'antd';

// placeholder while the page is built this session; replaced before it is committed
export default function Page() {
  return <Typography.Title level={1}>…</Typography.Title>;
}
