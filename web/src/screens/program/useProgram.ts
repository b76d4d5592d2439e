import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { flattenProjects, listPrograms } from '../../api/program';

/** The projects and sub-projects of the programs running in a year, as select options. */
export function useProjectOptions(year: number | null) {
  const programs = useQuery({ queryKey: ['programs', year], queryFn: () => listPrograms({ year: year ?? undefined }), enabled: !!year, staleTime: 10 * 60_000 });
  const flat = useMemo(() => flattenProjects(programs.data?.items ?? []), [programs.data]);
  const options = useMemo(() => flat.filter((p) => p.kind !== 'component').map((p) => ({ value: p.code, label: `${p.fullLabel}: ${p.name}` })), [flat]);
  const label = useMemo(() => new Map(flat.map((p) => [p.code, p.fullLabel])), [flat]);
  return { programs, flat, options, label };
}
