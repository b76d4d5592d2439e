import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { session } from './session';

interface Values {
  username: string;
  password: string;
}

/** The username/password form of the sign-in page and of the expiry modal. */
export function SignInForm({ username, onSignedIn }: { username?: string; onSignedIn: (r: { sameUser: boolean }) => void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await session.signIn(v.username, v.password));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Không đăng nhập được');
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ username }} requiredMark={false}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item label="Tên đăng nhập" name="username" rules={[{ required: true, whitespace: true, message: 'Nhập tên đăng nhập' }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus={!username} size="large" />
      </Form.Item>
      <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Nhập mật khẩu' }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus={!!username} size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        Đăng nhập
      </Button>
    </Form>
  );
}
