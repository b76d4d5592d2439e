/**
 * "Tổng quan": the summary report of a unit and year in the officer's area (statistic cards,
 * the units below with drill-down province → district → commune, the movement tables), the
 * charts (loaded on their own), the breakdown tables and every Excel export one click away.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Flex, Select, Space, Spin, Tabs, Typography } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { downloadHouseholdList, downloadProgramProgress, downloadSummary } from '../../api/exports';
import { getSummary } from '../../api/reports';
import { useCrumb } from '../../app/AppLayout';
import { useApiError } from '../../app/errors';
import { BreakdownTabs } from './Breakdowns';
import { ExportButton } from './ExportButton';
import { ChildTable, MovementTables, SummaryCards, Warnings } from './SummaryParts';
import { useAncestors, useReportParams, yearOptions } from './useReportParams';

const Charts = lazy(() => import('./Charts'));

export default function Dashboard() {
  const onError = useApiError();
  const { root, unit, year, set, provinces, isAdmin } = useReportParams();
  const q = unit && year ? { unit, year } : null;
  const summary = useQuery({
    queryKey: ['reports', 'summary', q],
    queryFn: ({ signal }) => getSummary(q!, signal),
    enabled: !!q,
    staleTime: 60_000,
  });
  useEffect(() => {
    if (summary.error) onError(summary.error);
  }, [summary.error, onError]);
  const chain = useAncestors(root, unit, year);
  const r = summary.data;
  useCrumb(r ? `Tổng quan — ${r.unit.name}` : null);

  const crumbs = (chain.data ?? (r ? [{ code: r.unit.code, name: r.unit.name }] : [])).map((u, i, all) => ({
    key: u.code,
    title: i === all.length - 1 ? <strong>{u.name}</strong> : <Typography.Link onClick={() => set({ unit: u.code === root ? null : u.code })}>{u.name}</Typography.Link>,
  }));

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Flex wrap gap={12} align="center" justify="space-between">
          <Flex wrap gap={12} align="center">
            {isAdmin && (
              <Select
                aria-label="Tỉnh"
                style={{ width: 200 }}
                value={root ?? undefined}
                options={provinces.data}
                loading={provinces.isLoading}
                onChange={(v) => set({ root: v, unit: null })}
                showSearch={{ optionFilterProp: 'label' }}
              />
            )}
            <Select aria-label="Năm rà soát" style={{ width: 130 }} value={year ?? undefined} options={yearOptions()} onChange={(v) => set({ year: v })} />
            <nav aria-label="Đơn vị đang xem">
              <Breadcrumb items={crumbs} />
            </nav>
            {r && r.children.length > 0 && (
              <Select
                aria-label="Xem đơn vị cấp dưới"
                placeholder="Xem đơn vị cấp dưới…"
                style={{ width: 240 }}
                value={null}
                options={r.children.map((c) => ({ value: c.unit.code, label: c.unit.name }))}
                onChange={(v) => set({ unit: v })}
                showSearch={{ optionFilterProp: 'label' }}
              />
            )}
          </Flex>
        </Flex>
        {q && (
          <Flex wrap gap={8} style={{ marginTop: 12 }} aria-label="Tải Excel">
            <ExportButton primary label="Báo cáo tổng hợp (biểu 1–13)" run={(p) => downloadSummary(q, p)} />
            <ExportButton label="Danh sách hộ nghèo (biểu 14)" run={(p) => downloadHouseholdList({ ...q, class: 'poor' }, p)} />
            <ExportButton label="Danh sách hộ cận nghèo (biểu 15)" run={(p) => downloadHouseholdList({ ...q, class: 'near_poor' }, p)} />
            <ExportButton label="Tiến độ Chương trình MTQG" run={(p) => downloadProgramProgress(q, p)} />
          </Flex>
        )}
      </Card>

      {!r ? (
        <Card>{summary.isError ? <Alert type="error" showIcon message="Không tải được báo cáo" description={(summary.error as Error).message} /> : <Spin tip="Đang tổng hợp báo cáo…"><div style={{ height: 200 }} /></Spin>}</Card>
      ) : (
        <>
          <Alert type={r.status === 'complete' ? 'success' : 'warning'} showIcon message={<span data-testid="summary-text">{r.text}</span>} />
          <Warnings r={r} />
          <SummaryCards r={r} />
          <Card
            size="small"
            title={r.children.length ? `Các đơn vị trực thuộc ${r.unit.name} — năm ${r.year}` : `${r.unit.name} — năm ${r.year}`}
            extra={r.children.length ? <Typography.Text type="secondary">Bấm tên đơn vị để xem chi tiết</Typography.Text> : null}
          >
            {r.children.length ? <ChildTable r={r} onOpen={(row) => set({ unit: row.unit.code })} /> : <Typography.Text type="secondary">Xã là cấp thấp nhất: xem danh sách hộ ở mục Sổ hộ gia đình hoặc tải danh sách hộ nghèo ở trên.</Typography.Text>}
          </Card>
          <Card size="small">
            <Tabs
              items={[
                {
                  key: 'charts',
                  label: 'Biểu đồ',
                  children: (
                    <Suspense fallback={<Spin tip="Đang tải biểu đồ…"><div style={{ height: 300 }} /></Spin>}>
                      <Charts r={r} />
                    </Suspense>
                  ),
                },
                { key: 'movement', label: 'Diễn biến (biểu 2, 3)', children: <MovementTables r={r} /> },
                { key: 'breakdowns', label: 'Phân tích (biểu 4–13, Alkire–Foster)', children: <BreakdownTabs q={{ unit: r.unit.code, year: r.year }} /> },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

