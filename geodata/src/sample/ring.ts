/**
 * Shanghai's ring roads, hand-traced in WGS 84 from their public routes (a few hundred metres of accuracy):
 * the Outer Ring Road S20 外环高速 (Wusong tunnel → Gaoqiao → Jinqiao/Zhangjiang → Kangqiao → Sanlin →
 * Xupu Bridge → Xinzhuang → Hongqiao → Jiangqiao → Gucun), the Middle Ring 中环路 and the Inner Ring 内环高架.
 * The area inside the Outer Ring is the planners' 外环线以内 (planning_areas kind outer_ring_inside).
 */
import { closeRing, type LonLat } from './geo.ts';

/** S20 外环高速, clockwise from the Wusong (外环隧道) crossing of the Huangpu. Closed. */
export const OUTER_RING: LonLat[] = closeRing([
  [121.5105, 31.3735], [121.5400, 31.3660], [121.5700, 31.3560], [121.5950, 31.3430], [121.6180, 31.3230],
  [121.6310, 31.2950], [121.6360, 31.2650], [121.6370, 31.2350], [121.6330, 31.2000], [121.6230, 31.1650],
  [121.6030, 31.1330], [121.5750, 31.1130], [121.5400, 31.1020], [121.5050, 31.0960], [121.4760, 31.0935],
  [121.4450, 31.0960], [121.4100, 31.1010], [121.3750, 31.1080], [121.3520, 31.1260], [121.3380, 31.1530],
  [121.3300, 31.1850], [121.3270, 31.2200], [121.3310, 31.2580], [121.3460, 31.2900], [121.3700, 31.3150],
  [121.4000, 31.3330], [121.4330, 31.3480], [121.4650, 31.3600], [121.4900, 31.3690],
]);

/** 中环路 (Middle Ring), clockwise from the Puxi portal of the Xiangyin Road tunnel. Closed. */
export const MIDDLE_RING: LonLat[] = closeRing([
  [121.5450, 31.3080], [121.5720, 31.3000], [121.5850, 31.2750], [121.5900, 31.2450], [121.5870, 31.2150],
  [121.5700, 31.1850], [121.5450, 31.1630], [121.5100, 31.1520], [121.4650, 31.1500], [121.4250, 31.1530],
  [121.3950, 31.1680], [121.3780, 31.1950], [121.3760, 31.2250], [121.3850, 31.2600], [121.4100, 31.2830],
  [121.4450, 31.2960], [121.4800, 31.3030], [121.5100, 31.3080],
]);

/** 内环高架 (Inner Ring), clockwise from the Puxi end of the Yangpu Bridge. Closed. */
export const INNER_RING: LonLat[] = closeRing([
  [121.5180, 31.2600], [121.5420, 31.2560], [121.5620, 31.2420], [121.5680, 31.2200], [121.5600, 31.1980],
  [121.5400, 31.1880], [121.5150, 31.1930], [121.4980, 31.2020], [121.4750, 31.1940], [121.4450, 31.1900],
  [121.4230, 31.1990], [121.4130, 31.2200], [121.4200, 31.2430], [121.4380, 31.2560], [121.4650, 31.2620],
  [121.4950, 31.2640],
]);
