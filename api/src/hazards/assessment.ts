/**
 * Joins resolved items (Q, β and their sources) with the pure GB 18218 grading into the JSON shape of
 * `POST /api/analysis/major-hazard` (architecture.md §4); stored hazard sources use the same shape for their detail.
 */
import { gradeMajorHazard, tidy, type Grade } from '../domain/gb18218.ts';
import { toGradeInput, type ResolvedItem } from './chemicals.ts';

export interface AssessedItem extends Pick<ResolvedItem, 'matched' | 'quantityT' | 'criticalQuantityT'
  | 'criticalQuantitySource' | 'beta' | 'betaSource' | 'betaClassAssumed'> {
  chemical: string;
  /** q/Q */
  ratio: number;
  /** β·q/Q */
  weightedRatio: number;
  explanation: string;
  notes: string[];
}

export interface Assessment {
  standard: 'GB 18218-2018';
  ratioSum: number;
  isMajorHazard: boolean;
  r: number | null;
  grade: Grade | null;
  gradeLabel: string | null;
  alpha: number;
  exposedPeople: number;
  items: AssessedItem[];
  explanation: string[];
}

export function assess(resolved: ResolvedItem[], exposedPeople: number): Assessment {
  const g = gradeMajorHazard(resolved.map(toGradeInput), exposedPeople);
  const items = resolved.map((it, i): AssessedItem => ({
    chemical: it.chemical,
    matched: it.matched,
    quantityT: it.quantityT,
    criticalQuantityT: it.criticalQuantityT,
    criticalQuantitySource: it.criticalQuantitySource,
    beta: it.beta,
    betaSource: it.betaSource,
    betaClassAssumed: it.betaClassAssumed,
    ratio: tidy(g.items[i].ratio),
    weightedRatio: tidy(g.items[i].weightedRatio),
    explanation: g.items[i].explanation,
    notes: it.notes,
  }));
  const notes = resolved.flatMap((it) => it.notes.map((n) => `${it.chemical}: ${n}`));
  return {
    standard: 'GB 18218-2018',
    ratioSum: tidy(g.ratioSum),
    isMajorHazard: g.isMajorHazard,
    r: g.r === null ? null : tidy(g.r),
    grade: g.grade,
    gradeLabel: g.gradeLabel,
    alpha: g.alpha,
    exposedPeople,
    items,
    explanation: [...g.explanation, ...notes],
  };
}
