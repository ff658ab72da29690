import { CloudError } from '../errors';

/** Earth radius CloudBase (MongoDB) uses for $centerSphere radians and spherical distances, in metres. */
export const EARTH_RADIUS_M = 6378100;

type Position = [number, number];

function asPoint(value: unknown): Position | undefined {
  const v = value as { type?: string; coordinates?: unknown } | undefined;
  if (v && v.type === 'Point' && Array.isArray(v.coordinates) && v.coordinates.length === 2) return v.coordinates as Position;
  return undefined;
}

const SHAPES = new Set(['MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/**
 * The point a document holds at a geo query's field. A value that is no GeoJSON at all simply does not match (as in
 * MongoDB); a stored shape other than a point is something MongoDB would measure and this emulator does not, so the
 * query fails instead of silently leaving the document out.
 */
function storedPoint(value: unknown, op: string): Position | undefined {
  const p = asPoint(value);
  if (p) return p;
  const type = (value as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && SHAPES.has(type))
    throw new CloudError('DATABASE_REQUEST_FAILED', `${op} over a stored ${type} is not supported by the local cloud (only stored Points; $geoIntersects also matches stored Polygons with a Point)`);
  return undefined;
}

export function haversineM([lng1, lat1]: Position, [lng2, lat2]: Position): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Ray casting on lng/lat: exact enough for city-sized polygons, which is what an O2O platform draws. */
function inRing([x, y]: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(p: Position, geometry: { type: string; coordinates: any }): boolean {
  const polygons: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  if (!polygons.length) throw new CloudError('DATABASE_REQUEST_FAILED', `geometry type ${geometry.type} is not supported by the local cloud here (Polygon, MultiPolygon)`);
  return polygons.some(([outer, ...holes]) => inRing(p, outer) && !holes.some((h) => inRing(p, h)));
}

export interface GeoCondition {
  field: string;
  op: '$nearSphere' | '$near' | '$geoWithin' | '$geoIntersects';
  spec: any;
}

const GEO_OPS = new Set(['$nearSphere', '$near', '$geoWithin', '$geoIntersects']);

/** Splits top-level geo conditions (which the query library lacks) from the rest of a query. */
export function extractGeo(query: Record<string, any> | undefined): { rest: Record<string, any>; geo: GeoCondition[] } {
  const rest: Record<string, any> = {};
  const geo: GeoCondition[] = [];
  for (const [field, cond] of Object.entries(query ?? {})) {
    if (field === '$and' && Array.isArray(cond)) {
      const kept: any[] = [];
      for (const part of cond) {
        const sub = extractGeo(part);
        geo.push(...sub.geo);
        if (Object.keys(sub.rest).length) kept.push(sub.rest);
      }
      if (kept.length) rest.$and = kept;
      continue;
    }
    if (cond && typeof cond === 'object' && !Array.isArray(cond) && !(cond instanceof Date) && !(cond instanceof RegExp)) {
      const ops = Object.keys(cond).filter((k) => GEO_OPS.has(k));
      if (ops.length) {
        for (const op of ops) geo.push({ field, op: op as GeoCondition['op'], spec: cond[op] });
        const others = Object.fromEntries(Object.entries(cond).filter(([k]) => !GEO_OPS.has(k)));
        if (Object.keys(others).length) rest[field] = others;
        continue;
      }
    }
    rest[field] = cond;
  }
  return { rest, geo };
}

const get = (doc: any, path: string) => path.split('.').reduce((v, k) => (v == null ? undefined : v[k]), doc);

/** Filters (and for $nearSphere sorts nearest first) documents by geo conditions. */
export function applyGeo<T>(docs: T[], geo: GeoCondition[]): T[] {
  let out = docs;
  let near: { field: string; from: Position } | undefined;
  for (const g of geo) {
    if (g.op === '$nearSphere' || g.op === '$near') {
      const from = asPoint(g.spec?.$geometry);
      if (!from) throw new CloudError('INVALID_PARAM', `${g.op} needs $geometry as a GeoJSON Point`);
      const max = g.spec.$maxDistance ?? Infinity;
      const min = g.spec.$minDistance ?? 0;
      out = out.filter((d) => {
        const p = storedPoint(get(d, g.field), g.op);
        if (!p) return false;
        const dist = haversineM(from, p);
        return dist <= max && dist >= min;
      });
      near = { field: g.field, from };
    } else if (g.op === '$geoWithin') {
      if (g.spec?.$centerSphere) {
        const [[lng, lat], radians] = g.spec.$centerSphere;
        out = out.filter((d) => {
          const p = storedPoint(get(d, g.field), g.op);
          return !!p && haversineM([lng, lat], p) <= radians * EARTH_RADIUS_M;
        });
      } else if (g.spec?.$geometry) {
        out = out.filter((d) => {
          const p = storedPoint(get(d, g.field), g.op);
          return !!p && inPolygon(p, g.spec.$geometry);
        });
      } else throw new CloudError('INVALID_PARAM', '$geoWithin needs $geometry or $centerSphere');
    } else {
      const geometry = g.spec?.$geometry;
      if (!geometry) throw new CloudError('INVALID_PARAM', '$geoIntersects needs $geometry');
      out = out.filter((d) => {
        const value = get(d, g.field);
        const p = asPoint(value);
        if (p) {
          const q = asPoint(geometry);
          return q ? q[0] === p[0] && q[1] === p[1] : inPolygon(p, geometry);
        }
        const stored = value as { type?: string; coordinates?: any };
        const q = asPoint(geometry);
        if (stored?.type === 'Polygon' || stored?.type === 'MultiPolygon') {
          if (!q) throw new CloudError('DATABASE_REQUEST_FAILED', `$geoIntersects of a ${geometry.type} with a stored ${stored.type} is not supported by the local cloud (a Point is)`);
          return inPolygon(q, stored as any);
        }
        return !!storedPoint(value, g.op);
      });
    }
  }
  if (near) {
    const { field, from } = near;
    out = out
      .map((d) => [d, haversineM(from, asPoint(get(d, field))!)] as const)
      .sort((a, b) => a[1] - b[1])
      .map(([d]) => d);
  }
  return out;
}

/** The `$geoNear` aggregation stage (must come first): distances in metres, nearest first. */
export function geoNearStage<T extends Record<string, any>>(docs: T[], spec: any, matches: (d: T) => boolean): T[] {
  const from = asPoint(spec?.near);
  if (!from) throw new CloudError('INVALID_PARAM', '$geoNear needs near as a GeoJSON Point');
  if (!spec.distanceField) throw new CloudError('INVALID_PARAM', '$geoNear needs distanceField');
  const key: string = spec.key ?? findPointField(docs);
  const max = spec.maxDistance ?? Infinity;
  const min = spec.minDistance ?? 0;
  const mult = spec.distanceMultiplier ?? 1;
  const rows: [T, number][] = [];
  for (const d of docs) {
    if (!matches(d)) continue;
    const p = storedPoint(get(d, key), '$geoNear');
    if (!p) continue;
    const dist = haversineM(from, p);
    if (dist > max || dist < min) continue;
    rows.push([d, dist]);
  }
  rows.sort((a, b) => a[1] - b[1]);
  return rows.map(([d, dist]) => {
    const out: Record<string, any> = { ...d, [spec.distanceField]: dist * mult };
    if (spec.includeLocs) out[spec.includeLocs] = get(d, key);
    return out as T;
  });
}

function findPointField(docs: Record<string, any>[]): string {
  for (const d of docs) for (const [k, v] of Object.entries(d)) if (asPoint(v)) return k;
  return 'location';
}

/** A lng/lat box that contains every point within `radiusM` of `center` (a prefilter; distances are exact later). */
export function boxAround([lng, lat]: [number, number], radiusM: number) {
  const dLat = (radiusM / EARTH_RADIUS_M) * (180 / Math.PI);
  const cos = Math.cos((lat * Math.PI) / 180);
  const dLng = cos < 1e-6 ? 180 : Math.min(180, dLat / cos);
  return { minLng: lng - dLng, maxLng: lng + dLng, minLat: Math.max(-90, lat - dLat), maxLat: Math.min(90, lat + dLat) };
}

/** The centre and radius a geo condition is bounded by, when it is. */
export function geoBound(g: GeoCondition): { center: [number, number]; radiusM: number } | undefined {
  if ((g.op === '$nearSphere' || g.op === '$near') && g.spec?.$maxDistance !== undefined) {
    const p = asPoint(g.spec.$geometry);
    return p ? { center: p, radiusM: g.spec.$maxDistance } : undefined;
  }
  if (g.op === '$geoWithin' && g.spec?.$centerSphere) {
    const [[lng, lat], radians] = g.spec.$centerSphere;
    return { center: [lng, lat], radiusM: radians * EARTH_RADIUS_M };
  }
  return undefined;
}

export const pointOf = asPoint;
