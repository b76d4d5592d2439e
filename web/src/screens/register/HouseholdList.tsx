import { EyeOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { roleMayWrite } from '@domain/auth/domain/write-kinds';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, Flex, Grid, Input, Row, Select, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { listHouseholds, type HouseholdListItem, type HouseholdListQuery, type HouseholdSort } from '../../api/households';
import { useApiError } from '../../app/errors';
import { useCurrentUser } from '../../auth/session';
import { formatCount, formatDate, formatInt } from '../../format';
import { CLASS_COLOR, CLASS_LABEL, CLASS_OPTIONS, STATUS_OPTIONS, statusLabel } from './labels';
import { useChildUnits } from './useUnits';

const PAGE_SIZES = [20, 50, 100];
const FIRST_YEAR = 2021;
const years = () => Array.from({ length: new Date().getFullYear() - FIRST_YEAR + 1 }, (_, i) => new Date().getFullYear() - i);

/** The list's state lives in the URL (?q=&village=&status=&year=&classification=&page=…): a link or a reload shows the same list. */
function useListParams() {
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const flag = (k: string) => (params.get(k) === 'true' ? true : undefined);
  const query: HouseholdListQuery = {
    q: get('q'),
    commune: get('commune'),
    village: get('village'),
    status: !params.has('status') ? 'active' : get('status') === 'all' ? undefined : get('status'),
    year: get('year') ? Number(get('year')) : undefined,
    classification: get('classification'),
    ethnicMinority: flag('ethnicMinority'),
    femaleHead: flag('femaleHead'),
    meritorious: flag('meritorious'),
    noLabourCapacity: flag('noLabourCapacity'),
    sort: (get('sort') as HouseholdSort) ?? 'code',
    page: Number(get('page') ?? 1),
    pageSize: Number(get('pageSize') ?? 20),
  };
  const update = (patch: Record<string, string | number | boolean | undefined | null>, resetPage = true) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === null || v === '' || v === false) next.delete(k);
          else next.set(k, String(v));
        }
        if (resetPage && !('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  return { query, update, raw: params };
}

export default function HouseholdList() {
  const { user, unit } = useCurrentUser();
  const navigate = useNavigate();
  const onError = useApiError();
  const phone = !Grid.useBreakpoint().md;
  const { query, update, raw } = useListParams();
  const [text, setText] = useState(query.q ?? '');
  const canWrite = user.role === 'commune' && roleMayWrite(user.role, 'register');

  // search as the officer types (300 ms after the last key), with or without diacritics: the API folds them
  useEffect(() => {
    if ((query.q ?? '') === text.trim()) return;
    const t = setTimeout(() => update({ q: text.trim() }), 300);
    return () => clearTimeout(t);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps

  const communeCode = user.role === 'commune' ? user.unitCode : query.commune;
  const communes = useChildUnits(user.role === 'district' ? user.unitCode : null, 'commune');
  const villages = useChildUnits(communeCode, 'village');
  const communeName = useMemo(() => new Map((communes.data ?? []).map((c) => [c.value, c.label])), [communes.data]);

  const list = useQuery({
    queryKey: ['households', query],
    queryFn: ({ signal }) => listHouseholds(query, signal),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    if (list.error) onError(list.error);
  }, [list.error, onError]);

  const sortOrder = (key: string) => (query.sort === key ? 'ascend' : query.sort === `-${key}` ? 'descend' : null);
  const columns: TableProps<HouseholdListItem>['columns'] = useMemo(
    () => [
      { title: 'Mã hộ', dataIndex: 'code', key: 'code', width: 100, sorter: true, sortOrder: sortOrder('code'), render: (v, r) => <Link to={`/ho-gia-dinh/${r.id}`}>{v}</Link> },
      {
        title: 'Chủ hộ',
        dataIndex: 'headName',
        key: 'headName',
        sorter: true,
        sortOrder: sortOrder('headName'),
        render: (v, r) => (
          <Space size={4} wrap>
            <Link to={`/ho-gia-dinh/${r.id}`}>{v}</Link>
            {r.femaleHead && <Tag>Nữ</Tag>}
          </Space>
        ),
      },
      ...(user.role === 'commune'
        ? []
        : [{ title: 'Xã, thị trấn', dataIndex: 'communeCode', width: 160, responsive: ['md' as const], render: (c: string) => communeName.get(c) ?? c }]),
      { title: 'Năm sinh', dataIndex: 'headBirthYear', width: 90, align: 'right', responsive: ['md'] },
      { title: 'Dân tộc', dataIndex: 'headEthnicityName', width: 100, responsive: ['lg'] },
      { title: 'Thôn, tổ', dataIndex: 'villageName', key: 'village', width: 170, sorter: true, sortOrder: sortOrder('village'), responsive: ['md'], render: (v) => v ?? '—' },
      { title: 'Số khẩu', dataIndex: 'persons', width: 80, align: 'right', render: (v) => formatInt(v) },
      { title: 'Số CCCD chủ hộ', dataIndex: 'headIdNumber', width: 150, responsive: ['xl'], render: (v) => v ?? '—' },
      ...(query.year
        ? [{ title: `Phân loại ${query.year}`, dataIndex: 'classification', width: 170, render: (v: string | null) => <Tag color={CLASS_COLOR[v ?? 'none']}>{CLASS_LABEL[v ?? 'none']}</Tag> }]
        : []),
      {
        title: 'Trạng thái',
        dataIndex: 'status',
        key: 'status',
        width: 130,
        sorter: true,
        sortOrder: sortOrder('status'),
        responsive: ['sm'],
        render: (v, r) => (v === 'active' ? statusLabel(v) : <Tooltip title={formatDate(r.statusDate)}><Tag>{statusLabel(v)}</Tag></Tooltip>),
      },
    ],
    [query.sort, query.year, communeName], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const onTable: TableProps<HouseholdListItem>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? String(s.columnKey) : undefined;
    const sort = key ? (s.order === 'descend' ? `-${key}` : key) : 'code';
    const sortChanged = sort !== query.sort;
    update({ sort: sort === 'code' ? undefined : sort, page: sortChanged ? undefined : pagination.current, pageSize: pagination.pageSize === 20 ? undefined : pagination.pageSize }, false);
  };

  const years_ = years();
  return (
    <Card
      title={user.role === 'commune' && !phone ? `Sổ hộ gia đình — ${unit?.name ?? ''}` : 'Sổ hộ gia đình'}
      extra={
        canWrite && (
          <Space wrap>
            <Button icon={<UploadOutlined />} aria-label="Nhập từ Excel" onClick={() => navigate('/ho-gia-dinh/nhap-excel')}>
              {!phone && 'Nhập từ Excel'}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} aria-label="Thêm hộ" onClick={() => navigate('/ho-gia-dinh/them')}>
              {!phone && 'Thêm hộ'}
            </Button>
          </Space>
        )
      }
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={12} xl={8}>
          <Input.Search
            allowClear
            placeholder="Tìm tên chủ hộ hoặc mã hộ"
            aria-label="Tìm hộ"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
            loading={list.isFetching}
          />
        </Col>
        {user.role === 'district' && (
          <Col xs={12} md={6} xl={4}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="Xã, thị trấn"
              aria-label="Xã, thị trấn"
              style={{ width: '100%' }}
              options={communes.data}
              value={query.commune}
              onChange={(v) => update({ commune: v, village: undefined })}
            />
          </Col>
        )}
        <Col xs={12} md={6} xl={4}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Thôn, tổ dân phố"
            aria-label="Thôn, tổ dân phố"
            style={{ width: '100%' }}
            options={villages.data}
            disabled={!communeCode}
            value={query.village}
            onChange={(v) => update({ village: v })}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            placeholder="Trạng thái"
            aria-label="Trạng thái"
            style={{ width: '100%' }}
            options={[{ value: '', label: 'Mọi trạng thái' }, ...STATUS_OPTIONS]}
            value={raw.get('status') === 'all' ? '' : (query.status ?? 'active')}
            onChange={(v) => update({ status: v === 'active' ? undefined : v === '' ? 'all' : v })}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            allowClear
            placeholder="Năm rà soát"
            aria-label="Năm rà soát"
            style={{ width: '100%' }}
            options={years_.map((y) => ({ value: y, label: `Năm ${y}` }))}
            value={query.year}
            onChange={(v) => update({ year: v, classification: v ? query.classification : undefined })}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Select
            allowClear
            mode="multiple"
            placeholder={query.year ? `Phân loại năm ${query.year}` : 'Phân loại (chọn năm trước)'}
            aria-label="Phân loại"
            style={{ width: '100%' }}
            disabled={!query.year}
            options={CLASS_OPTIONS}
            value={query.classification ? query.classification.split(',') : []}
            onChange={(v: string[]) => update({ classification: v.join(',') })}
          />
        </Col>
        <Col xs={24} xl={16}>
          <Flex wrap gap={12} align="center" style={{ minHeight: 32 }}>
            <Checkbox checked={!!query.ethnicMinority} onChange={(e) => update({ ethnicMinority: e.target.checked })}>
              Chủ hộ dân tộc thiểu số
            </Checkbox>
            <Checkbox checked={!!query.femaleHead} onChange={(e) => update({ femaleHead: e.target.checked })}>
              Chủ hộ là nữ
            </Checkbox>
            <Checkbox checked={!!query.meritorious} onChange={(e) => update({ meritorious: e.target.checked })}>
              Hộ người có công
            </Checkbox>
            <Checkbox checked={!!query.noLabourCapacity} onChange={(e) => update({ noLabourCapacity: e.target.checked })}>
              Không có khả năng lao động
            </Checkbox>
          </Flex>
        </Col>
      </Row>
      <Typography.Text type="secondary" aria-live="polite" data-testid="household-count">
        {list.data ? `Tìm thấy ${formatCount(list.data.total, 'hộ')}` : 'Đang tải…'}
        {query.q && ' (tìm không phân biệt có dấu hay không dấu)'}
      </Typography.Text>
      <Table<HouseholdListItem>
        style={{ marginTop: 8 }}
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        onChange={onTable}
        scroll={{ x: phone ? 480 : undefined }}
        locale={{ emptyText: 'Không có hộ nào khớp điều kiện tìm' }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (total, [a, b]) => `${formatInt(a)}–${formatInt(b)} / ${formatInt(total)} hộ`,
          size: phone ? 'small' : undefined,
        }}
      />
      {!canWrite && user.role !== 'admin' && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          <EyeOutlined /> Chế độ chỉ xem: chỉ cán bộ xã được thêm, sửa hộ của xã mình. Số CCCD được che bớt.
        </Typography.Paragraph>
      )}
    </Card>
  );
}
