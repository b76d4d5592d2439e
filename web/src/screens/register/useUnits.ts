import { useQuery } from '@tanstack/react-query';
import { listUnits, latestVersions, type UnitLevel } from '../../api/units';

/**
 * The units of a level under a parent as select options (villages of a commune, communes of a
 * district): every version, the latest name of each code. Not "valid today": units that ended
 * (e.g. the districts and their communes before the 2025 reform) still hold their register.
 */
export function useChildUnits(parent: string | null | undefined, level: UnitLevel) {
  return useQuery({
    queryKey: ['units', parent, level],
    queryFn: () => listUnits({ parent: parent!, level, pageSize: 1000 }),
    enabled: !!parent,
    staleTime: 10 * 60_000,
    select: (p) => latestVersions(p.items).map((u) => ({ value: u.code, label: u.name })),
  });
}
