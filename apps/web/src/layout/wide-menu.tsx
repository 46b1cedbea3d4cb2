import { Menu } from 'antd';
import type { MenuProps } from 'antd';

/** The navigation on a wide screen, loaded beside the first page rather than in it (antd's Menu brings its tooltips and popups). */
export default function WideMenu({ items, active }: { items: MenuProps['items']; active: string }) {
  return (
    <Menu
      theme="dark"
      mode="horizontal"
      selectedKeys={[active]}
      items={items}
      style={{ background: 'transparent', justifyContent: 'flex-end' }}
    />
  );
}
