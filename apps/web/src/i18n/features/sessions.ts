export const zhCN = {
  title: '登录设备',
  intro: '以下是您的账户当前登录的设备。不认识的设备请立即退出，并修改密码。',
  device: '设备',
  unknownDevice: '未知设备',
  address: 'IP 地址',
  signedInAt: '登录时间',
  lastSeen: '最近活动',
  current: '当前设备',
  signOut: '退出该设备',
  confirm: '确定让该设备退出登录？',
  signedOut: '该设备已退出登录',
};

export const en: typeof zhCN = {
  title: 'Devices',
  intro: 'Where your account is signed in now. Sign out any device you do not recognise, and change your password.',
  device: 'Device',
  unknownDevice: 'Unknown device',
  address: 'IP address',
  signedInAt: 'Signed in',
  lastSeen: 'Last active',
  current: 'This device',
  signOut: 'Sign out',
  confirm: 'Sign this device out?',
  signedOut: 'The device was signed out',
};
