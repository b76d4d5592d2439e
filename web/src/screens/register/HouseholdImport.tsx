import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Result, Space, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, type ApiErrorDetail } from '../../api/client';
import { downloadImportTemplate, importHouseholds, type ImportResult } from '../../api/households';
import { useApiError } from '../../app/errors';
import { useCurrentUser } from '../../auth/session';
import { formatBytes, formatCount, formatInt } from '../../format';

type Phase = 'pick' | 'checking' | 'invalid' | 'valid' | 'importing' | 'done';

/**
 * /ho-gia-dinh/nhap-excel: download the template, upload the file, a dry run first (every row
 * error listed, nothing applied), then the import itself (all or nothing).
 */
export default function HouseholdImport() {
  const { user, unit } = useCurrentUser();
  const qc = useQueryClient();
  const onError = useApiError();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('pick');
  const [progress, setProgress] = useState(0);
  const [errors, setErrors] = useState<ApiErrorDetail[]>([]);
  const [errorMessage, setErrorMessage] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const commune = user.unitCode!;

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setPhase(dryRun ? 'checking' : 'importing');
    setProgress(0);
    try {
      const r = await importHouseholds(commune, file, dryRun, setProgress);
      setResult(r);
      setPhase(dryRun ? 'valid' : 'done');
      if (!dryRun) qc.invalidateQueries({ queryKey: ['households'] });
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'IMPORT_INVALID' || err.code === 'BAD_FILE' || err.code === 'IMPORT_TOO_LARGE' || err.status === 400)) {
        setErrors(err.details);
        setErrorMessage(err.message);
        setPhase('invalid');
      } else {
        onError(err);
        setPhase('pick');
      }
    }
  };

  const reset = () => {
    setFile(null);
    setPhase('pick');
    setErrors([]);
    setResult(null);
  };

  const step = phase === 'pick' ? (file ? 1 : 0) : phase === 'done' ? 3 : 2;
  return (
    <Card title={`Nhập danh sách hộ từ Excel — ${unit?.name ?? ''}`}>
      <Steps
        current={step}
        status={phase === 'invalid' ? 'error' : undefined}
        style={{ marginBottom: 24 }}
        items={[{ title: 'Tải mẫu' }, { title: 'Chọn tệp' }, { title: 'Kiểm tra' }, { title: 'Nhập vào sổ' }]}
      />
      {phase === 'done' && result ? (
        <Result
          status="success"
          title={`Đã thêm ${formatCount(result.households, 'hộ')} vào sổ`}
          subTitle={`${formatCount(result.members, 'nhân khẩu')} từ tệp ${result.fileName} (trang "${result.sheet}")${result.generatedCodes ? `; ${formatInt(result.generatedCodes)} hộ được tự cấp mã` : ''}.`}
          extra={[
            <Link key="list" to="/ho-gia-dinh">
              <Button type="primary">Xem sổ hộ</Button>
            </Link>,
            <Button key="again" onClick={reset}>
              Nhập tệp khác
            </Button>,
          ]}
        />
      ) : (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => downloadImportTemplate(commune).catch((e) => onError(e))}>
              Tải tệp mẫu
            </Button>
            <Typography.Text type="secondary">Tệp mẫu có sẵn danh sách thôn của xã và hướng dẫn ghi từng cột.</Typography.Text>
          </Space>
          <Upload.Dragger
            accept=".xlsx"
            multiple={false}
            maxCount={1}
            disabled={phase === 'checking' || phase === 'importing'}
            beforeUpload={(f) => {
              setFile(f);
              setPhase('pick');
              setErrors([]);
              setResult(null);
              return false;
            }}
            onRemove={() => reset()}
            fileList={file ? [{ uid: 'file', name: `${file.name} (${formatBytes(file.size)})`, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">Bấm hoặc kéo tệp Excel (.xlsx) vào đây</p>
            <p className="ant-upload-hint">Mỗi dòng là một người; các dòng cùng mã hộ là một hộ. Tệp được kiểm tra trước, chưa ghi gì vào sổ.</p>
          </Upload.Dragger>
          {(phase === 'checking' || phase === 'importing') && (
            <div>
              <Typography.Text>{progress < 100 ? 'Đang tải tệp lên…' : phase === 'checking' ? 'Đang kiểm tra từng dòng…' : 'Đang ghi vào sổ…'}</Typography.Text>
              <Progress percent={progress} status="active" />
            </div>
          )}
          {file && phase === 'pick' && (
            <Button type="primary" onClick={() => run(true)}>
              Kiểm tra tệp
            </Button>
          )}
          {phase === 'valid' && result && (
            <>
              <Alert
                type="success"
                showIcon
                title={`Tệp hợp lệ: ${formatCount(result.households, 'hộ')}, ${formatCount(result.members, 'nhân khẩu')}`}
                description="Chưa có gì được ghi vào sổ. Bấm &quot;Nhập vào sổ&quot; để thêm các hộ này."
              />
              <Space>
                <Button type="primary" onClick={() => run(false)}>
                  Nhập vào sổ
                </Button>
                <Button onClick={reset}>Hủy</Button>
              </Space>
            </>
          )}
          {phase === 'invalid' && (
            <>
              <Alert
                type="error"
                showIcon
                role="alert"
                title={errors.length ? `Tệp có ${formatCount(errors.length, 'lỗi')}: không có hộ nào được nhập` : 'Không đọc được tệp: không có hộ nào được nhập'}
                description={errors.length ? 'Sửa các lỗi dưới đây trong tệp Excel rồi chọn lại tệp. Sổ hộ không thay đổi.' : errorMessage}
              />
              {errors.length > 0 && (
                <Table<ApiErrorDetail>
                  rowKey={(_, i) => String(i)}
                  size="small"
                  dataSource={errors}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    { title: 'Dòng', dataIndex: 'row', width: 70, align: 'right', render: (v) => (v === undefined ? '—' : formatInt(v)) },
                    { title: 'Cột', dataIndex: 'column', width: 60, render: (v) => v ?? '—' },
                    { title: 'Tên cột', dataIndex: 'heading', width: 200, render: (v) => (v as string) ?? '—' },
                    { title: 'Lỗi', dataIndex: 'message' },
                  ]}
                />
              )}
            </>
          )}
        </Space>
      )}
    </Card>
  );
}
