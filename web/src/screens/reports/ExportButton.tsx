import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import type { DownloadProgress } from '../../api/exports';
import { useApiError } from '../../app/errors';
import { formatBytes, formatRate } from '../../format';

/**
 * One Excel export, one click: the file is saved under the service's name; while it arrives the
 * button shows the bytes received (and the percent when the size is known), since the household
 * lists of a district run to megabytes.
 */
export function ExportButton({ label, run, primary }: { label: string; run: (onProgress: (p: DownloadProgress) => void) => Promise<string>; primary?: boolean }) {
  const { message } = App.useApp();
  const onError = useApiError();
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const click = async () => {
    setBusy(true);
    setProgress(null);
    try {
      const name = await run(setProgress);
      message.success(`Đã tải về tệp ${name}`);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  const percent = progress?.total ? Math.round((progress.received / progress.total) * 100) : null;
  return (
    <Space size={4}>
      <Button icon={<FileExcelOutlined />} type={primary ? 'primary' : 'default'} loading={busy} onClick={click}>
        {label}
      </Button>
      {busy && (
        <Typography.Text type="secondary" aria-live="polite" style={{ minWidth: 90 }}>
          {percent !== null ? <Progress percent={percent} size="small" style={{ width: 90 }} format={(p) => formatRate(p, 0)} /> : `Đang tạo tệp… ${progress?.received ? formatBytes(progress.received) : ''}`}
        </Typography.Text>
      )}
    </Space>
  );
}
