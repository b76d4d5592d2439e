import type { AreaType, SuccessionKind, UnitLevel } from './unit-rules';

/**
 * The shapes the units API answers (GET /api/units, GET /api/units/:code), shared with the web
 * app (web/src/api/units.ts imports them).
 */
export interface UnitVersion {
  code: string;
  name: string;
  level: UnitLevel;
  kind: string;
  areaType: AreaType | null;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface SuccessionLink {
  code: string;
  /** The name of the linked unit on the side of the date it stands on. */
  name: string | null;
  kind: SuccessionKind;
  effectiveDate: string;
  note: string | null;
}

export interface UnitDetail extends UnitVersion {
  /** The optimistic-lock version of the version shown (send it back to correct it). */
  version: number;
  children: UnitVersion[];
  versions: (UnitVersion & { version: number })[];
  predecessors: SuccessionLink[];
  successors: SuccessionLink[];
}

