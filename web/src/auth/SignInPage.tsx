import { Card, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { SignInForm } from './SignInForm';
import { useSession } from './session';

/** /dang-nhap: the first screen. After signing in, back to the page asked for (or home). */
export default function SignInPage() {
  const { current } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  if (current) return <Navigate to={from} replace />;
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ marginTop: 0, textAlign: 'center' }}>
          Rà soát hộ nghèo, hộ cận nghèo
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          Đăng nhập bằng tài khoản cán bộ được cấp
        </Typography.Paragraph>
        <SignInForm onSignedIn={() => navigate(from, { replace: true })} />
      </Card>
    </main>
  );
}
