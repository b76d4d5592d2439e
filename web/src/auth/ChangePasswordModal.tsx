import { Alert, Form, Input, Modal } from 'antd';
import { changePassword } from '../api/auth';
import { useApiMutation } from '../app/errors';
import { session } from './session';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Changes the officer's own password; the service ends the other sessions and returns a fresh token. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const save = useApiMutation({
    mutationFn: (v: Values) => changePassword(v.currentPassword, v.newPassword),
    form,
    fieldName: (f) => (f === 'password' ? ['newPassword'] : [f]),
    success: 'Đã đổi mật khẩu',
    onSuccess: (result) => {
      session.replaceToken(result);
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title="Đổi mật khẩu"
      okText="Đổi mật khẩu"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title="Sau khi đổi, các phiên đăng nhập khác của bạn sẽ kết thúc." style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item label="Mật khẩu hiện tại" name="currentPassword" rules={[{ required: true, message: 'Nhập mật khẩu hiện tại' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="Mật khẩu mới"
          name="newPassword"
          extra="Ít nhất 10 ký tự, không chứa tên đăng nhập."
          rules={[{ required: true, message: 'Nhập mật khẩu mới' }, { min: 10, message: 'Mật khẩu mới cần ít nhất 10 ký tự' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="Nhập lại mật khẩu mới"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: 'Nhập lại mật khẩu mới' },
            ({ getFieldValue }) => ({
              validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('Hai mật khẩu không khớp'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
