import { Result } from 'antd';

/** A screen not built yet (areas other engineers fill in). */
export function Placeholder({ title }: { title: string }) {
  return <Result status="info" title={title} subTitle="Màn hình này đang được xây dựng." />;
}
