// The wall's model: a list of chosen cameras shown `grid` at a time. With more cameras than
// tiles the wall has several pages; the tour (轮巡) steps through them every N seconds.
// Saved as a layout: `tiles` = the first page, `tourCameras` = the whole list when it has more.
import { computed, ref, watch } from 'vue';
import type { WallLayout } from '../api/types';

export const gridSizes = [1, 4, 9, 16] as const;
export type GridSize = (typeof gridSizes)[number];

// The wall as it was when the operator left the page (for this browser tab).
const STORAGE_KEY = 'sharpeyes.wall';

export function useWall() {
  const grid = ref<GridSize>(4);
  const cameras = ref<(string | null)[]>([]);
  const page = ref(0);
  const tourSeconds = ref(0);

  const pageCount = computed(() => Math.max(1, Math.ceil(cameras.value.length / grid.value)));
  const tiles = computed(() =>
    Array.from({ length: grid.value }, (_, i) => cameras.value[page.value * grid.value + i] ?? null),
  );
  watch(pageCount, (n) => (page.value = Math.min(page.value, n - 1)));
  watch(grid, () => (page.value = 0));

  function setTile(index: number, id: string | null): void {
    const at = page.value * grid.value + index;
    const next = [...cameras.value];
    while (next.length <= at) next.push(null);
    next[at] = id;
    cameras.value = trimTrailing(next);
  }

  /** Next free tile on the shown page, else the first free slot, else a new slot (another page). */
  function place(id: string): void {
    const free = tiles.value.indexOf(null);
    if (free >= 0) return setTile(free, id);
    const gap = cameras.value.indexOf(null);
    const next = [...cameras.value];
    if (gap >= 0) next[gap] = id;
    else next.push(id);
    cameras.value = next;
  }

  function step(delta: number): void {
    page.value = (page.value + delta + pageCount.value) % pageCount.value;
  }

  let timer: number | undefined;
  watch(
    [tourSeconds, pageCount],
    ([seconds, pages]) => {
      clearInterval(timer);
      if (seconds > 0 && pages > 1) timer = window.setInterval(() => step(1), seconds * 1000);
    },
    { immediate: true },
  );
  const stopTour = () => clearInterval(timer);

  function apply(layout: Omit<WallLayout, 'name'>): void {
    const size = gridSizes.includes(layout.grid) ? layout.grid : 4;
    const tiles = (layout.tiles ?? []).slice(0, size);
    const tour = layout.tourCameras ?? [];
    const rest = tour.filter((id) => !tiles.includes(id));
    grid.value = size;
    cameras.value = trimTrailing(rest.length ? [...tiles, ...Array<null>(size - tiles.length).fill(null), ...rest] : tiles);
    tourSeconds.value = Math.max(0, layout.tourSeconds || 0);
    page.value = 0;
  }

  function snapshot(): Omit<WallLayout, 'name'> {
    const all = cameras.value;
    return {
      grid: grid.value,
      tiles: trimTrailing(all.slice(0, grid.value)),
      tourCameras: all.length > grid.value ? all.filter((id): id is string => id !== null) : [],
      tourSeconds: tourSeconds.value,
    };
  }

  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Omit<WallLayout, 'name'> | null;
    if (saved) apply(saved);
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
  }
  watch([grid, cameras, tourSeconds], () => sessionStorage.setItem(STORAGE_KEY, JSON.stringify(snapshot())));

  return { grid, cameras, page, pageCount, tiles, tourSeconds, setTile, place, step, stopTour, apply, snapshot };
}

function trimTrailing(list: (string | null)[]): (string | null)[] {
  let end = list.length;
  while (end > 0 && list[end - 1] === null) end--;
  return list.slice(0, end);
}
