import { Drawer, Menu } from 'antd';
import type { MenuProps } from 'antd';

/** The navigation on a narrow screen: loaded the first time it opens, so the home page does not carry it. */
export default function NavDrawer({
  title,
  open,
  onClose,
  items,
  active,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  items: MenuProps['items'];
  active: string;
}) {
  return (
    <Drawer id="nav-drawer" title={title} placement="right" open={open} onClose={onClose} size={260}>
      <Menu mode="vertical" selectedKeys={[active]} items={items} style={{ border: 'none' }} />
    </Drawer>
  );
}
