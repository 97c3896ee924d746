// Org units, grid cells and cameras for pickers; loaded once per page view and shared.
import { api } from './client';
import type { Camera, GridCollection, OrgUnit, Page } from './types';

export interface UnitOption {
  id: number;
  name: string;
  depth: number;
}

let units: Promise<OrgUnit[]> | null = null;
let grids: Promise<GridCollection> | null = null;

export function orgUnits(): Promise<OrgUnit[]> {
  units ??= api.get<OrgUnit[]>('/api/org-units').catch((e) => ((units = null), Promise.reject(e)));
  return units;
}

export function gridCells(): Promise<GridCollection> {
  grids ??= api.get<GridCollection>('/api/grids').catch((e) => ((grids = null), Promise.reject(e)));
  return grids;
}

/** The tree as a flat list in display order, with depth for indenting. */
export function flattenUnits(tree: OrgUnit[], depth = 0, out: UnitOption[] = []): UnitOption[] {
  for (const u of tree) {
    out.push({ id: u.id, name: u.name, depth });
    flattenUnits(u.children ?? [], depth + 1, out);
  }
  return out;
}

/** Up to 500 cameras for a picker (the API's largest page). */
export async function cameraOptions(): Promise<Camera[]> {
  return (await api.get<Page<Camera>>('/api/cameras', { limit: 500 })).items;
}
