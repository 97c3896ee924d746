// Cameras the wall has seen, by id: layouts and tours store ids only.
import { reactive } from 'vue';
import { api, seg } from '../api/client';
import type { Camera } from '../api/types';

/** dataTransfer type of a camera dragged from the camera tree onto a wall tile. */
export const CAMERA_DRAG_TYPE = 'application/x-sharpeyes-camera';

const known = reactive(new Map<string, Camera>());
const pending = new Map<string, Promise<Camera | null>>();

export function remember(cameras: Camera[]): void {
  cameras.forEach((c) => known.set(c.id, c));
}

export function cameraById(id: string | null): Camera | null {
  return (id && known.get(id)) || null;
}

/** Loads a camera not seen yet (null when it is gone or out of the user's scope). */
export function ensureCamera(id: string): Promise<Camera | null> {
  const have = known.get(id);
  if (have) return Promise.resolve(have);
  let p = pending.get(id);
  if (!p) {
    p = api
      .get<Camera>(`/api/cameras/${seg(id)}`)
      .then((c) => (known.set(c.id, c), c))
      .catch(() => null)
      .finally(() => pending.delete(id));
    pending.set(id, p);
  }
  return p;
}
