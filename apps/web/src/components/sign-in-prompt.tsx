// What a page shows a signed-out visitor: why to sign in, and a button to the sign-in page that comes back here.
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Button, Result } from 'antd';

/** `next` defaults to the current page (path and query). */
export function SignInPrompt({ title, body, action, next }: { title: ReactNode; body: ReactNode; action: ReactNode; next?: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  const login = `/login?next=${encodeURIComponent(next ?? `${location.pathname}${location.search}`)}`;
  return (
    <Result
      status="info"
      title={title}
      subTitle={body}
      extra={
        <Button
          type="primary"
          href={login}
          onClick={(e) => {
            e.preventDefault();
            void navigate(login);
          }}
        >
          {action}
        </Button>
      }
    />
  );
}
