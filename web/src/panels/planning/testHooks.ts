import type { Geometry } from 'geojson';
import type { RuleStatus, SitingResult } from '../../api/client.ts';

/** `window.__planning`: what the planning panel shows, for end-to-end tests (like `window.__atlas`). */
export interface PlanningHooks {
  busy: boolean;
  siting: SitingResult | null;
  site: Geometry | null;
  rings: { radiusM: number; status: RuleStatus }[];
  /** `collection:id` of the offenders drawn on the map */
  offenders: string[];
  /** `collection:id` of the last feature a table row flew to */
  flownTo: string | null;
}

declare global {
  interface Window { __planning?: PlanningHooks }
}

export function planningHooks(): PlanningHooks {
  window.__planning ??= { busy: false, siting: null, site: null, rings: [], offenders: [], flownTo: null };
  return window.__planning;
}
