// The one WebSocket to /api/events/ws, shared by every view that wants pushes (events, alerts,
// camera health). Opened while someone listens; reconnects with back-off.
import type { Push } from '../api/types';

type Listener = (push: Push) => void;
const listeners = new Set<Listener>();
let socket: WebSocket | null = null;
let retryMs = 1000;
let retryTimer: number | undefined;

function open(): void {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/api/events/ws`);
  ws.onopen = () => (retryMs = 1000);
  ws.onmessage = (m) => {
    if (typeof m.data !== 'string') return;
    let push: Push;
    try {
      push = JSON.parse(m.data) as Push;
    } catch {
      return;
    }
    listeners.forEach((l) => l(push));
  };
  ws.onclose = (ev) => {
    if (socket !== ws) return;
    socket = null;
    if (listeners.size === 0 || ev.code === 4401) return; // nobody listens, or logged out
    retryTimer = window.setTimeout(() => {
      retryTimer = undefined;
      open();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, 15_000);
  };
  socket = ws;
}

/** Starts listening; returns the function that stops it. */
export function onPush(listener: Listener): () => void {
  listeners.add(listener);
  if (!socket && retryTimer === undefined) open();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearTimeout(retryTimer);
      retryTimer = undefined;
      const s = socket;
      socket = null;
      s?.close(1000);
    }
  };
}
