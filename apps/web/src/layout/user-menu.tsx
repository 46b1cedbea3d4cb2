import type { ReactNode } from 'react';
import { Dropdown } from 'antd';
import type { MenuProps } from 'antd';

/** The signed-in user's menu around their name button: loaded once someone is signed in, not with the home page. */
export default function UserMenu({ items, children }: { items: MenuProps['items']; children: ReactNode }) {
  return (
    <Dropdown menu={{ items, selectedKeys: [] }} trigger={['click']} placement="bottomRight">
      {children}
    </Dropdown>
  );
}
