import type { CSSProperties, ReactNode } from 'react';

// One heading for every page: the page title (1), a card's or section's title (2), a part within it (3).
// Plain elements rather than antd's Typography, which would bring its editor and tooltip along.
const styles: Record<1 | 2 | 3, CSSProperties> = {
  1: { fontSize: 28, fontWeight: 600, lineHeight: 1.25, margin: '8px 0 12px' },
  2: { fontSize: 18, fontWeight: 600, margin: 0 },
  3: { fontSize: 16, fontWeight: 600, margin: '16px 0 8px' },
};

export function Heading({
  level = 2,
  id,
  style,
  children,
}: {
  level?: 1 | 2 | 3;
  id?: string;
  style?: CSSProperties;
  children: ReactNode;
}) {
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} style={{ ...styles[level], ...style }}>
      {children}
    </Tag>
  );
}
