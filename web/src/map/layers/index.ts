import type { GroupId, LayerModule, MapCollectionId } from '../types.ts';
import { basemap } from './basemap.ts';
import { districts } from './districts.ts';
import { roads } from './roads.ts';
import { railways, railCrossings } from './rail.ts';
import { chemicalParks } from './chemicalParks.ts';
import { enterprises } from './enterprises.ts';
import { hazardSources } from './hazardSources.ts';
import { gasPipelines, pipelineOccupations } from './pipelines.ts';
import { emergencyResources } from './emergencyResources.ts';
import { protectedTargets } from './protectedTargets.ts';
import { restrictedZones } from './restrictedZones.ts';
import { hiddenDangers } from './hiddenDangers.ts';

/** Every map layer, in layer-panel order (the draw order comes from each layer's slot). */
export const layerModules: readonly LayerModule[] = [
  basemap,
  districts,
  roads,
  chemicalParks,
  enterprises,
  hazardSources,
  hiddenDangers,
  gasPipelines,
  pipelineOccupations,
  railways,
  railCrossings,
  restrictedZones,
  emergencyResources,
  protectedTargets,
];

export const groups: readonly GroupId[] = ['base', 'hazards', 'pipelines', 'rail', 'transport', 'emergency'];

const byId = new Map(layerModules.map((m) => [m.id, m]));
export function moduleFor(id: string): LayerModule | undefined {
  return byId.get(id as MapCollectionId);
}

/** The module owning a style layer id (`${collection}/…`). */
export function moduleForStyleLayer(styleLayerId: string): LayerModule | undefined {
  return moduleFor(styleLayerId.split('/')[0]);
}
