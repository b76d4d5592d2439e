import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { listUnits, latestVersions, type UnitLevel } from '../../api/units';

/** Every unit of a level (latest name of each code), searchable by name or code. */
export function useUnitsOfLevel(level: UnitLevel | undefined) {
  return useQuery({
    queryKey: ['units-of-level', level],
    queryFn: () => listUnits({ level, pageSize: 1000 }),
    enabled: !!level,
    staleTime: 10 * 60_000,
    select: (p) => latestVersions(p.items).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` })),
  });
}

/** A Select of the units of one level, for a Form.Item (value: the unit code). */
export function UnitPicker({ level, value, onChange, id, placeholder }: { level?: UnitLevel; value?: string | null; onChange?: (v: string | null) => void; id?: string; placeholder?: string }) {
  const units = useUnitsOfLevel(level);
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      disabled={!level}
      placeholder={placeholder ?? (level ? 'Gõ tên hoặc mã đơn vị' : 'Chọn vai trò trước')}
      loading={units.isLoading}
      options={units.data}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      style={{ width: '100%' }}
    />
  );
}
