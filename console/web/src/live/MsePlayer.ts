// Plays one camera's live stream: fMP4 over WS /api/live/{id}?profile=sub|main into a <video>
// through Media Source Extensions. The server sends a text `init` (codec, mime) followed by the
// binary init segment, then binary media segments; a new `init` means a new SourceBuffer.

export type PlayerStateKind =
  | 'connecting'
  | 'live'
  | 'reconnecting'
  | 'offline'
  | 'unsupported'
  | 'unauthenticated'
  | 'forbidden'
  | 'unknown';

export interface PlayerState {
  kind: PlayerStateKind;
  reason: string | null;
  codec: string | null;
}

type ServerMessage =
  | { type: 'init'; codec: string; mime: string; width?: number; height?: number }
  | { type: 'status'; state: 'connecting' | 'live' | 'reconnecting' | 'offline'; reason?: string }
  | { type: 'unsupported'; codec: string; reason?: string };

/** Seconds of played video kept behind the playhead. */
const KEEP_BEHIND_S = 10;
/** Further behind the live edge than this, playback jumps forward. */
const MAX_LATENCY_S = 1;
const MAX_RETRY_MS = 10_000;
const closeStates: Record<number, PlayerStateKind> = { 4401: 'unauthenticated', 4403: 'forbidden', 4404: 'unknown' };

export function liveUrl(cameraId: string, profile: 'sub' | 'main'): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/live/${encodeURIComponent(cameraId)}?profile=${profile}`;
}

export class MsePlayer {
  private ws: WebSocket | null = null;
  private mediaSource: MediaSource | null = null;
  private sourceBuffer: SourceBuffer | null = null;
  private queue: ArrayBuffer[] = [];
  /** Bumped on every teardown so callbacks of an old MediaSource do nothing. */
  private generation = 0;
  private retryMs = 1000;
  private retryTimer: number | undefined;
  private stopped = false;
  /** Nothing to retry: a codec this browser cannot play. */
  private givenUp = false;
  private lastKind: PlayerStateKind | null = null;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly url: string,
    private readonly onState: (state: PlayerState) => void,
  ) {}

  start(): void {
    this.connect(false);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.ws?.close(1000);
    this.ws = null;
    this.teardownMedia();
  }

  private emit(kind: PlayerStateKind, reason: string | null = null, codec: string | null = null): void {
    this.lastKind = kind;
    this.onState({ kind, reason, codec });
  }

  private connect(retrying: boolean): void {
    this.emit(retrying ? 'reconnecting' : 'connecting');
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (m) => {
      if (typeof m.data === 'string') this.onText(m.data);
      else this.onSegment(m.data as ArrayBuffer);
    };
    ws.onclose = (ev) => {
      if (this.stopped || this.givenUp || ws !== this.ws) return;
      this.ws = null;
      const denied = closeStates[ev.code];
      if (denied) {
        this.teardownMedia();
        this.emit(denied, ev.reason || null);
        return;
      }
      // An offline camera stays shown as offline (with the server's reason) while we retry.
      if (this.lastKind !== 'offline') this.emit('reconnecting', ev.reason || null);
      this.retryTimer = window.setTimeout(() => this.connect(true), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    };
    this.ws = ws;
  }

  private onText(text: string): void {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if (msg.type === 'init') {
      this.retryMs = 1000;
      if (!('MediaSource' in window) || !MediaSource.isTypeSupported(msg.mime)) this.giveUp(msg.codec, null);
      else this.resetMedia(msg.mime);
    } else if (msg.type === 'status') {
      this.emit(msg.state, msg.reason || null);
    } else if (msg.type === 'unsupported') {
      this.giveUp(msg.codec, msg.reason ?? null);
    }
  }

  /** The stream cannot be played here (H.265 in most browsers): say so and stop receiving it. */
  private giveUp(codec: string, reason: string | null): void {
    this.givenUp = true;
    this.teardownMedia();
    this.ws?.close(1000);
    this.emit('unsupported', reason, codec);
  }

  private onSegment(data: ArrayBuffer): void {
    if (!this.mediaSource) return; // before an init, or a codec this browser cannot play
    this.queue.push(data);
    this.pump();
  }

  /** A fresh MediaSource; the next binary message (the init segment) is appended first. */
  private resetMedia(mime: string): void {
    this.teardownMedia();
    const generation = this.generation;
    const ms = new MediaSource();
    const objectUrl = URL.createObjectURL(ms);
    ms.addEventListener(
      'sourceopen',
      () => {
        URL.revokeObjectURL(objectUrl);
        if (generation !== this.generation) return;
        try {
          const sb = ms.addSourceBuffer(mime);
          sb.mode = 'segments';
          sb.addEventListener('updateend', () => generation === this.generation && this.afterUpdate());
          this.sourceBuffer = sb;
          this.pump();
        } catch (e) {
          this.emit('unsupported', String(e), mime);
        }
      },
      { once: true },
    );
    this.mediaSource = ms;
    this.video.src = objectUrl;
  }

  private teardownMedia(): void {
    this.generation++;
    this.queue = [];
    this.sourceBuffer = null;
    if (this.mediaSource) {
      this.mediaSource = null;
      this.video.removeAttribute('src');
      this.video.load();
    }
  }

  private pump(): void {
    const sb = this.sourceBuffer;
    if (!sb || sb.updating || this.queue.length === 0) return;
    if (this.trimBehind(sb)) return; // remove() runs first; updateend pumps again
    const next = this.queue.shift()!;
    try {
      sb.appendBuffer(next);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'QuotaExceededError') {
        this.queue.unshift(next); // buffer full: free what was played, then retry
        this.trimBehind(sb, 0);
      } else {
        this.emit('reconnecting', String(e));
        this.ws?.close(); // a broken stream: start again with a fresh init
      }
    }
  }

  private afterUpdate(): void {
    // Pictures arriving mean live, also from a server that sends no `status` message.
    if (this.lastKind === 'connecting' || this.lastKind === 'reconnecting') this.emit('live');
    this.followLiveEdge();
    this.pump();
  }

  /** Removes what lies more than KEEP_BEHIND_S behind the playhead; true when a removal started. */
  private trimBehind(sb: SourceBuffer, keep = KEEP_BEHIND_S): boolean {
    const buffered = this.video.buffered;
    if (buffered.length === 0) return false;
    const start = buffered.start(0);
    const until = this.video.currentTime - keep;
    // Some slack so the removal runs every few seconds, not after every segment.
    if (until - start < (keep === 0 ? 0.5 : 2)) return false;
    sb.remove(start, until);
    return true;
  }

  /** The cached GOP arrives with old timestamps, and drops leave gaps: stay near the newest picture. */
  private followLiveEdge(): void {
    const buffered = this.video.buffered;
    if (buffered.length === 0) return;
    const start = buffered.start(buffered.length - 1);
    const end = buffered.end(buffered.length - 1);
    if (this.video.currentTime < start || end - this.video.currentTime > MAX_LATENCY_S) {
      this.video.currentTime = Math.max(start, end - 0.3);
    }
    if (this.video.paused) void this.video.play().catch(() => {});
  }
}
