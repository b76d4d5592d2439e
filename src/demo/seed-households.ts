import { EntityManager } from 'typeorm';
import { generatedCode, isActiveOn } from '../households/domain/household';
import type { EndStatus } from '../households/domain/vocabulary';
import { bulkInsertHouseholds, bulkInsertStatusChanges, NewHousehold, NewStatusChange } from '../households/households.bulk';
import { COMMUNES } from './chiem-hoa';
import { DemoPeople } from './demo-people';
import { DemoYear, demoPlan, REVIEW_DECISION_DATE } from './demo-plan';
import { Rng } from './rng';
import { demoVillages } from './seed-units';

/**
 * The Chiêm Hóa register for the demo, following demo-plan.ts exactly: in each commune,
 * `households[2021]` households registered before the 2021 review; during 2022 (before that
 * year's decision date) `removed[2022]` of them leave (moved away, died out, merged into another
 * household of the commune) and `added[2022]` join (some split off an existing household, the
 * others move in); the same for 2023. So the households in the register on each review's decision
 * date (isActiveOn / activeOn in households/register-sql.ts) number exactly `households[y]` per commune.
 */

interface DemoRow extends NewHousehold {
  /** Index of the household it split from / merged into, within the generated list. */
  splitFromRef?: number;
  mergedIntoRef?: number;
}

interface DemoEvent {
  ref: number;
  event: 'status' | 'split_off' | 'absorbed';
  toStatus: 'active' | EndStatus;
  date: string;
  reason: string;
  relatedRef?: number;
}

const REASONS: Record<'moved_away' | 'dissolved' | 'merged' | 'split_off' | 'moved_in', string[]> = {
  moved_away: ['Chuyển đến tỉnh Thái Nguyên', 'Cả hộ vào Bình Dương làm ăn', 'Chuyển về quê vợ ở Hà Giang', 'Chuyển đến huyện Yên Sơn', 'Chuyển đi Bắc Ninh làm công nhân'],
  dissolved: ['Chủ hộ đơn thân đã chết', 'Hộ không còn người cư trú'],
  merged: ['Nhập vào hộ con trai', 'Nhập hộ với con gái', 'Về ở cùng hộ bố mẹ'],
  split_off: ['Con trai lập gia đình, tách hộ', 'Tách hộ ra ở riêng', 'Con gái lấy chồng, tách hộ'],
  moved_in: ['Chuyển đến từ xã khác', 'Chuyển đến từ huyện Hàm Yên', 'Về quê sinh sống'],
};

/** A date between two ISO dates (inclusive), uniformly. */
function dateBetween(rng: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + rng.int(0, Math.round((b - a) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}

/** Generates the whole demo register (pure, deterministic), and checks it against the plan. */
export function generateDemoRegister(): { rows: DemoRow[]; events: DemoEvent[] } {
  const plan = demoPlan();
  const villages = demoVillages();
  const rows: DemoRow[] = [];
  const events: DemoEvent[] = [];
  const people = new DemoPeople(new Rng(31_344));

  for (const c of COMMUNES) {
    const p = plan.find((x) => x.code === c.code);
    if (!p) continue;
    const rng = new Rng(Number(c.code) * 7919);
    const town = c.kind === 'thi_tran';
    const vs = villages.filter((v) => v.communeCode === c.code);
    const local: DemoRow[] = [];
    const localEvents: DemoEvent[] = [];
    const add = (row: Omit<DemoRow, 'code' | 'communeCode' | 'isDemo' | 'address'>) => {
      const villageName = vs.find((v) => v.code === row.villageCode)?.name;
      local.push({ ...row, code: '', communeCode: c.code, isDemo: true, address: villageName ? `${villageName}, ${c.name}` : null });
      return local.length - 1;
    };

    // households in the register at the 2021 review, in order of registration
    const base = Array.from({ length: p.households[2021] }, () => {
      const h = people.household({ town });
      return { ...h, villageCode: rng.pick(vs).code, registeredOn: dateBetween(rng, '1995-01-01', '2021-06-30') };
    }).sort((a, b) => a.registeredOn.localeCompare(b.registeredOn));
    for (const h of base) add({ villageCode: h.villageCode, registeredOn: h.registeredOn, meritorious: h.meritorious, members: h.members });

    // who leaves, decided up front: merge targets and split origins are households that stay
    const pool = rng.shuffle(local.map((_, i) => i));
    const leaving2022 = pool.splice(0, p.removed[2022]);
    const leaving2023 = pool.splice(0, Math.round(p.removed[2023] * 0.8)); // the others joined in 2022
    const stable = pool;
    let arrivals2022: number[] = [];

    for (const year of [2022, 2023] as const) {
      const from = `${year}-01-05`;
      const to = `${year}-11-30`;
      if (from <= REVIEW_DECISION_DATE[(year - 1) as DemoYear] || to >= REVIEW_DECISION_DATE[year]) throw new Error('demo dates outside the review period');

      // arrivals: split-offs from households that stay, and households moving in
      const arrivals: number[] = [];
      for (let i = 0; i < p.added[year]; i++) {
        const date = dateBetween(rng, `${year - 1}-12-15`, to);
        if (rng.chance(0.45)) {
          const origin = rng.pick(stable);
          const head = local[origin].members[0];
          const h = people.household({ town, ethnicity: head.ethnicity, surname: head.fullName.split(' ')[0], young: true });
          const ref = add({ villageCode: local[origin].villageCode, registeredOn: date, meritorious: false, members: h.members, splitFromRef: origin });
          localEvents.push({ ref: origin, event: 'split_off', toStatus: 'active', date, reason: rng.pick(REASONS.split_off), relatedRef: ref });
          arrivals.push(ref);
        } else {
          const h = people.household({ town, young: rng.chance(0.5) });
          arrivals.push(add({ villageCode: rng.pick(vs).code, registeredOn: date, meritorious: h.meritorious, members: h.members }));
        }
      }
      // departures: in 2023 some of 2022's arrivals leave too
      const departures = year === 2022
        ? leaving2022
        : [...leaving2023, ...rng.shuffle([...arrivals2022]).slice(0, p.removed[2023] - leaving2023.length)];
      for (const ref of departures) {
        const h = local[ref];
        const date = dateBetween(rng, h.registeredOn > from ? h.registeredOn : from, to);
        const status: EndStatus = h.members.length === 1 && rng.chance(0.6)
          ? 'dissolved'
          : rng.weighted([['moved_away', 55], ['merged', 30], ['dissolved', 15]] as const);
        h.status = status;
        h.statusDate = date;
        h.statusReason = rng.pick(REASONS[status as 'moved_away' | 'dissolved' | 'merged']);
        let relatedRef: number | undefined;
        if (status === 'merged') {
          relatedRef = rng.pick(stable);
          h.mergedIntoRef = relatedRef;
          localEvents.push({ ref: relatedRef, event: 'absorbed', toStatus: 'active', date, reason: h.statusReason, relatedRef: ref });
        }
        localEvents.push({ ref, event: 'status', toStatus: status, date, reason: h.statusReason, relatedRef });
      }
      if (year === 2022) arrivals2022 = arrivals;
    }

    // codes in order of registration: H00001…
    local.map((_, i) => i)
      .sort((a, b) => local[a].registeredOn.localeCompare(local[b].registeredOn) || a - b)
      .forEach((i, n) => (local[i].code = generatedCode(n + 1)));

    // the plan, exactly: households in the register on each decision date
    for (const y of [2021, 2022, 2023] as const) {
      const on = REVIEW_DECISION_DATE[y];
      const n = local.filter((h) => isActiveOn({ registeredOn: h.registeredOn, status: h.status ?? 'active', statusDate: h.statusDate ?? null }, on)).length;
      if (n !== p.households[y]) throw new Error(`demo register of ${c.code}: ${n} households on ${on}, plan ${p.households[y]}`);
    }

    const offset = rows.length;
    for (const h of local) {
      if (h.splitFromRef !== undefined) h.splitFromRef += offset;
      if (h.mergedIntoRef !== undefined) h.mergedIntoRef += offset;
      rows.push(h);
    }
    for (const e of localEvents) events.push({ ...e, ref: e.ref + offset, relatedRef: e.relatedRef === undefined ? undefined : e.relatedRef + offset });
  }
  return { rows, events };
}

/**
 * Writes the demo register through the bulk path (one transaction, the caller's): households and
 * members, then the lineage links and the status history.
 */
export async function seedDemoHouseholds(m: EntityManager): Promise<{ households: number; members: number; statusChanges: number }> {
  const { rows, events } = generateDemoRegister();
  const links = rows.map((r) => ({ split: r.splitFromRef, merged: r.mergedIntoRef }));
  for (const r of rows) {
    delete r.splitFromRef;
    delete r.mergedIntoRef;
  }
  // links are set after every row exists (a target may come later in the insert order)
  await bulkInsertHouseholds(m, rows, { batchSize: 4000 });
  const linked = links.map((l, i) => ({ i, ...l })).filter((l) => l.split !== undefined || l.merged !== undefined);
  await m.query(
    `UPDATE household h SET split_from_id = x.split_from, merged_into_id = x.merged_into
       FROM unnest($1::int[], $2::int[], $3::int[]) AS x(id, split_from, merged_into) WHERE h.id = x.id`,
    [
      linked.map((l) => rows[l.i].id),
      linked.map((l) => (l.split === undefined ? null : rows[l.split].id)),
      linked.map((l) => (l.merged === undefined ? null : rows[l.merged].id)),
    ],
  );
  const changes: NewStatusChange[] = events
    .sort((a, b) => a.date.localeCompare(b.date) || a.ref - b.ref)
    .map((e) => ({
      householdId: rows[e.ref].id as number,
      event: e.event,
      fromStatus: 'active',
      toStatus: e.toStatus,
      changedOn: e.date,
      reason: e.reason,
      relatedHouseholdId: e.relatedRef === undefined ? null : (rows[e.relatedRef].id as number),
      createdBy: 'demo',
    }));
  await bulkInsertStatusChanges(m, changes);
  return { households: rows.length, members: rows.reduce((s, r) => s + r.members.length, 0), statusChanges: changes.length };
}
