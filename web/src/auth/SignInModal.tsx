import { Modal, Typography } from 'antd';
import { SignInForm } from './SignInForm';
import { useSession } from './session';

/**
 * Shown over the current screen when the session expired (a 401): the screen underneath stays
 * mounted with what was typed, and the request that failed is retried after signing in. A
 * different officer signing in starts from the home page (nothing of the previous one is kept).
 */
export function SignInModal() {
  const { current, expiredMessage } = useSession();
  return (
    <Modal open={!!expiredMessage} title="Phiên đăng nhập đã hết hạn" footer={null} closable={false} mask={{ closable: false }} keyboard={false} destroyOnHidden>
      <Typography.Paragraph>
        {expiredMessage} Những gì bạn đang nhập vẫn được giữ nguyên; đăng nhập lại để tiếp tục.
      </Typography.Paragraph>
      <SignInForm
        username={current?.user.username}
        onSignedIn={({ sameUser }) => {
          if (!sameUser) window.location.assign('/');
        }}
      />
    </Modal>
  );
}
