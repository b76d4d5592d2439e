import { Placeholder } from '../../app/Placeholder';

export default function UsersPlaceholder() {
  return <Placeholder title="Người dùng" />;
}
