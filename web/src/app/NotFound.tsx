import { Result } from 'antd';
import { Link } from 'react-router';

export default function NotFound() {
  return <Result status="404" title="Không tìm thấy trang" subTitle="Đường dẫn này không có trong ứng dụng." extra={<Link to="/">Về trang chủ</Link>} />;
}
