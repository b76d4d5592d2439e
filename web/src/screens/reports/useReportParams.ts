/**
 * The unit and year a report screen shows, kept in the URL (?unit=&year=) so a link or a reload
 * shows the same report. The root is the officer's own unit (an administrator picks a province);
 * drilling down moves `unit` below it, the breadcrumb walks back up.
 */
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { getTrends } from '../../api/reports';
import { getUnit, latestVersions, listUnits } from '../../api/units';
import { useCurrentUser } from '../../auth/session';

export const FIRST_YEAR = 2021;
export const thisYear = () => new Date().getFullYear();
export const yearOptions = () =>
  Array.from({ length: thisYear() - FIRST_YEAR + 1 }, (_, i) => thisYear() - i).map((y) => ({ value: y, label: `Năm ${y}` }));

/** The provinces (an administrator's roots). */
export function useProvinces(enabled: boolean) {
  return useQuery({
    queryKey: ['units', null, 'province'],
    queryFn: () => listUnits({ level: 'province', pageSize: 1000 }),
    enabled,
    staleTime: 10 * 60_000,
    select: (p) => latestVersions(p.items).map((u) => ({ value: u.code, label: u.name })),
  });
}

export function useReportParams() {
  const { user } = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const provinces = useProvinces(user.role === 'admin' && !user.unitCode);
  const root = params.get('root') ?? user.unitCode ?? provinces.data?.[0]?.value ?? null;
  const unit = params.get('unit') ?? root;
  const urlYear = params.get('year') ? Number(params.get('year')) : null;
  // without a year in the URL: the latest year with a decided review of the root unit
  const latest = useQuery({
    queryKey: ['reports', 'trends', root, FIRST_YEAR, thisYear()],
    queryFn: ({ signal }) => getTrends({ unit: root!, from: FIRST_YEAR, to: thisYear() }, signal),
    // a link with its year needs no look-up before the summary
    enabled: !!root && urlYear === null,
    staleTime: 5 * 60_000,
    select: (t) => [...t.years].reverse().find((y) => y.status !== 'missing')?.year ?? thisYear() - 1,
  });
  const year = urlYear ?? (latest.isError ? thisYear() - 1 : (latest.data ?? null));
  const set = (patch: Record<string, string | number | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      },
      { replace: false },
    );
  return { root, unit, year, set, provinces, isAdmin: user.role === 'admin' && !user.unitCode };
}

/** The chain of units from the root down to `unit` (for the breadcrumb), as they were on 31 Dec of the year. */
export function useAncestors(root: string | null, unit: string | null, year: number | null) {
  return useQuery({
    queryKey: ['units', 'chain', root, unit, year],
    enabled: !!root && !!unit && !!year,
    staleTime: 10 * 60_000,
    queryFn: async () => {
      const chain: { code: string; name: string }[] = [];
      let code: string | null = unit;
      for (let i = 0; code && i < 5; i++) {
        const u = await getUnit(code, `${year}-12-31`).catch(() => getUnit(code!));
        chain.unshift({ code: u.code, name: u.name });
        if (u.code === root) break;
        code = u.parentCode;
      }
      return chain;
    },
  });
}

/** The officer's unit and the units directly below it (where plans are assigned). */
export function useScopeUnits(root: string | null) {
  return useQuery({
    queryKey: ['units', 'scope', root],
    enabled: !!root,
    staleTime: 10 * 60_000,
    queryFn: async () => latestVersions((await listUnits({ parent: root!, pageSize: 1000 })).items).filter((u) => u.level !== 'village'),
    select: (units) => units.map((u) => ({ value: u.code, label: u.name })),
  });
}

