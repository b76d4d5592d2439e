import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { notFound } from '../common/errors/domain-error';
import { FundFigures, fundFigures, round2 } from './domain/funds';
import { FundsRepository } from './funds.repository';
import { groupBy } from './funds.service';
import { ProgramRepository } from './program.repository';
import { buildProjectTree, ProjectNode } from './programs.service';
import { ProgressQuery } from './progress.dto';
import { ActivitySumRow, HouseholdSumRow, ProgressRepository } from './progress.repository';

export interface ProgressFigures {
  funds: FundFigures;
  activities: {
    count: number; trainings: number; conferences: number; communication: number; models: number;
    participants: { total: number; women: number; ethnicMinority: number; officials: number; residents: number };
  };
  households: { total: number; poor: number; nearPoor: number; recentlyEscaped: number; other: number; supports: number; amount: number };
  outcome: {
    supportedPoor: number; escapedPoverty: number; stillPoor: number; escapedPovertyRate: number | null;
    supportedNearPoor: number; escapedNearPoverty: number; becamePoor: number; notReviewed: number;
  };
}

export interface ProgressNode extends ProgressFigures {
  code: string;
  kind: string;
  number: number;
  label: string;
  name: string;
  applicable: boolean;
  notApplicableReason: string | null;
  subProjects: ProgressNode[];
}

function figures(funds: Parameters<typeof fundFigures>[0], a: ActivitySumRow | undefined, h: HouseholdSumRow | undefined): ProgressFigures {
  return {
    funds: fundFigures(funds),
    activities: {
      count: a?.activities ?? 0, trainings: a?.trainings ?? 0, conferences: a?.conferences ?? 0,
      communication: a?.communication ?? 0, models: a?.models ?? 0,
      participants: {
        total: a?.total ?? 0, women: a?.women ?? 0, ethnicMinority: a?.ethnicMinority ?? 0,
        officials: a?.officials ?? 0, residents: a?.residents ?? 0,
      },
    },
    households: {
      total: h?.households ?? 0, poor: h?.poor ?? 0, nearPoor: h?.nearPoor ?? 0, recentlyEscaped: h?.recentlyEscaped ?? 0,
      other: h?.other ?? 0, supports: h?.supports ?? 0, amount: h?.amount ?? 0,
    },
    outcome: {
      supportedPoor: h?.supportedPoor ?? 0,
      escapedPoverty: h?.escapedPoverty ?? 0,
      stillPoor: h?.stillPoor ?? 0,
      // of the supported poor households the year's periodic review has classified, the share no longer poor
      escapedPovertyRate: h && h.escapedPoverty + h.stillPoor > 0 ? round2((h.escapedPoverty / (h.escapedPoverty + h.stillPoor)) * 100) : null,
      supportedNearPoor: h?.supportedNearPoor ?? 0,
      escapedNearPoverty: h?.escapedNearPoverty ?? 0,
      becamePoor: h?.becamePoor ?? 0,
      notReviewed: h?.notReviewed ?? 0,
    },
  };
}

/**
 * The progress of the programs in a unit and year: per project and sub-project, funds allocated and
 * disbursed with the rate, activities and participants, households supported by group, and the
 * outcome (how many of them left poverty at the year's periodic review).
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly repo: ProgressRepository,
    private readonly funds: FundsRepository,
    private readonly catalogue: ProgramRepository,
    private readonly scope: ScopeService,
  ) {}

  async progress(user: AuthUser, q: ProgressQuery) {
    await this.scope.assertRead(user, [q.unit]);
    const unit = await this.catalogue.unitInYear(q.unit, q.year);
    if (!unit) throw notFound('đơn vị', q.unit);
    const programs = await this.catalogue.programsCovering(q.year);
    const ids = programs.map((p) => p.id);
    const [nodes, funds, activities, households, applicability, coverage] = await Promise.all([
      this.catalogue.projects(ids),
      this.funds.sums(q.unit, q.year, ids),
      this.repo.activities(q.unit, q.year, ids),
      this.repo.households(q.unit, q.year, ids),
      this.catalogue.effectiveApplicability(q.unit, q.year),
      this.repo.reviewCoverage(q.unit, q.year),
    ]);
    const fundsBy = groupBy(funds, (r) => r.nodeId);
    const actBy = new Map(activities.map((r) => [r.nodeId, r]));
    const hhBy = new Map(households.map((r) => [r.nodeId, r]));
    const appBy = new Map(applicability.map((r) => [r.projectId, r]));
    const idOf = new Map(nodes.map((n) => [n.code, n.id]));
    const node = (n: ProjectNode): ProgressNode => {
      const id = idOf.get(n.code)!;
      const setting = appBy.get(id);
      return {
        code: n.code, kind: n.kind, number: n.number, label: n.label, name: n.name,
        applicable: setting ? setting.applicable : true,
        notApplicableReason: setting && !setting.applicable ? setting.reason : null,
        ...figures(fundsBy.get(id) ?? [], actBy.get(id), hhBy.get(id)),
        subProjects: n.subProjects.map(node),
      };
    };
    const trees = buildProjectTree(nodes);
    return {
      unit,
      year: q.year,
      /** Communes of the area with a decided periodic review of the year: the outcome is final when all have one. */
      reviewCoverage: coverage,
      programs: programs.map((p) => ({
        code: p.code,
        name: p.name,
        decision: p.decision,
        total: figures(fundsBy.get(-p.id) ?? [], actBy.get(-p.id), hhBy.get(-p.id)),
        projects: (trees.get(p.id) ?? []).map(node),
      })),
    };
  }
}
