// Keyset paging over a `{"items","next"}` list: reset() loads the first page, more() the next.
import { ref, shallowRef } from 'vue';
import { errorText } from '../errors';
import type { Page } from './types';

export function usePaged<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>) {
  const items = shallowRef<T[]>([]);
  const next = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const loaded = ref(false);
  let generation = 0;

  async function load(cursor: string | null): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const page = await fetchPage(cursor);
      if (mine !== generation) return; // a newer search started meanwhile
      items.value = cursor ? [...items.value, ...page.items] : page.items;
      next.value = page.next;
      loaded.value = true;
    } catch (e) {
      if (mine === generation) error.value = errorText(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  const reset = () => {
    items.value = [];
    next.value = null;
    loaded.value = false;
    return load(null);
  };
  const more = () => (next.value && !loading.value ? load(next.value) : Promise.resolve());

  return { items, next, loading, error, loaded, reset, more };
}
