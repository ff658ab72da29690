import { distanceM } from '../geo';

/**
 * The demo city's districts, until the platform issue (#11) brings region polygons: each district by a point near its
 * middle. A store's region is the district whose point is nearest to the store's map point, provided it lies within
 * `REGION_REACH_M` of it; farther out the platform does not serve yet. Nearest-centre is an approximation of
 * containment: near a border a point may land in the neighbour, which the polygons of #11 will settle.
 */
export interface District {
  name: string;
  center: { lng: number; lat: number };
}

export const DEMO_DISTRICTS: readonly District[] = [
  { name: '黄浦区', center: { lng: 121.4903, lat: 31.2227 } },
  { name: '静安区', center: { lng: 121.4597, lat: 31.247 } },
  { name: '徐汇区', center: { lng: 121.437, lat: 31.1885 } },
  { name: '长宁区', center: { lng: 121.404, lat: 31.22 } },
];

/** How far from a district's point a store may be and still belong to it. */
export const REGION_REACH_M = 8000;

/** The district a point belongs to, or undefined outside the served area. */
export function regionOf(point: { lng: number; lat: number }, districts: readonly District[] = DEMO_DISTRICTS): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const district of districts) {
    const d = distanceM(point, district.center);
    if (!best || d < best.d) best = { name: district.name, d };
  }
  return best && best.d <= REGION_REACH_M ? best.name : undefined;
}
