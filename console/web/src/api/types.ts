// Shapes of the console HTTP API (published by the backend at /api/openapi.yaml).

export type Role = 'OPERATOR' | 'INVESTIGATOR' | 'ADMIN';
export type Tier = 'CITY' | 'DISTRICT' | 'STREET' | 'COMMUNITY';
export type CameraStatus = 'ONLINE' | 'DEGRADED' | 'OFFLINE';
export type EventKind = 'PLATE' | 'FACE';
export type MatchMode = 'exact' | 'wildcard' | 'fuzzy';
export const siteTypes = ['ALLEY', 'BUILDING', 'PERIMETER', 'MARKET', 'CRIME_PRONE', 'CROWDED', 'ROAD', 'OTHER'] as const;
export type SiteType = (typeof siteTypes)[number];

export interface User {
  id: number;
  username: string;
  role: Role;
  /** The org unit whose subtree the user sees; null = the whole tree. */
  scopeOrgId: number | null;
  enabled: boolean;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface OrgUnit {
  id: number;
  parentId: number | null;
  tier: Tier;
  code: string;
  name: string;
  children: OrgUnit[];
}

export type Ring = [number, number][];
export interface GridFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | null;
  properties: { code: string; name: string; orgUnitId: number | null };
}
export interface GridCollection {
  type: 'FeatureCollection';
  features: GridFeature[];
}

export interface CameraHealth {
  status: CameraStatus;
  reason: string | null;
  fps: number | null;
  bitrateKbps: number | null;
  width: number | null;
  height: number | null;
  codec: string | null;
  lastPacketAt: string | null;
  reconnects: number | null;
  uptimeSeconds: number | null;
  /** Picture-quality faults now (SIGNAL_LOSS, FROZEN, BLUR, …). */
  faults?: string[];
}

export interface CameraAnalytics {
  plates: boolean;
  faces: boolean;
  fps: number;
  roi: [number, number][] | null;
}

export interface Camera {
  id: string;
  name: string;
  orgUnitId: number;
  gridCode: string | null;
  siteType: SiteType;
  lat: number | null;
  lon: number | null;
  mainUrl: string;
  subUrl: string | null;
  onvifUrl: string | null;
  hasCredentials: boolean;
  vendor: string | null;
  model: string | null;
  firmware: string | null;
  gbDeviceId: string | null;
  analytics: CameraAnalytics;
  enabled: boolean;
  /** True when the camera has an ONVIF address (the server drives PTZ through it). */
  ptz: boolean;
  health: CameraHealth | null;
}

/** What POST/PUT /api/cameras take: the camera's own fields plus optional credentials. */
export type CameraInput = Omit<Camera, 'id' | 'hasCredentials' | 'health' | 'mainUrl' | 'ptz'> & {
  /** May be left out when onvifUrl is given: the server then asks the device. */
  mainUrl: string | null;
  id?: string;
  username?: string;
  password?: string;
};

/** Values to start a new camera from (an ONVIF device found by discovery). */
export type CameraPreset = Partial<Record<'name' | 'onvifUrl' | 'mainUrl' | 'vendor' | 'model', string>>;

export interface ImportResult {
  imported: number;
  errors: { line: number; field: string; message: string }[];
}

/** A WS-Discovery answer: xaddrs are the device service URLs. */
export interface DiscoveredDevice {
  endpoint: string;
  xaddrs: string[];
  scopes: string[];
  types: string[];
  from: string;
}

export interface PtzPreset {
  token: string;
  name: string;
}

export interface DetectionEvent {
  id: string;
  kind: EventKind;
  time: string;
  cameraId: string;
  cameraName: string | null;
  lat: number | null;
  lon: number | null;
  plate: { text: string; color: string | null; confidence: number } | null;
  box: [number, number, number, number] | null;
  score: number;
  /** Snapshot links (signed for this user) for /api/snapshots/; null when none was kept. */
  snapshot: string | null;
  crop: string | null;
  gridCode: string | null;
  siteType: SiteType | null;
}

export interface EventQuery {
  from?: string;
  to?: string;
  kind?: EventKind;
  plate?: string;
  match?: MatchMode;
  grid?: string;
  cameraId?: string;
  siteType?: string;
  orgUnitId?: string;
  caseRef: string;
}

export interface HeatCell {
  gridCode: string;
  kind: EventKind;
  count: number;
}

export interface Trajectory {
  plate: string;
  /** Time ascending. */
  sightings: DetectionEvent[];
  /** More sightings than one answer holds: narrow the period. */
  truncated?: boolean;
}

export interface WatchEntry {
  id: number;
  pattern: string;
  reason: string;
  caseRef: string;
  expiresAt: string | null;
  createdBy: string;
  createdAt: string;
}

export interface Alert {
  id: number;
  time: string;
  cameraId: string;
  cameraName: string | null;
  plate: string;
  pattern: string;
  reason: string;
  caseRef: string;
  snapshot: string | null;
  crop: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
}

export interface HealthRate {
  key: string;
  name: string;
  cameras: number;
  onlineRate: number;
  integrityRate: number;
}

interface CameraStatusRow {
  cameraId: string;
  cameraName: string;
  orgUnitId: number;
  gridCode: string | null;
  status: CameraStatus;
  reason: string | null;
}

export interface FaultRow extends CameraStatusRow {
  faults: { fault: string; score: number; threshold: number; reason: string }[];
}

export interface OfflineRow extends CameraStatusRow {
  since: string;
}

export interface AuditEntry {
  seq: number;
  time: string;
  username: string;
  action: string;
  caseRef: string | null;
  detail: Record<string, unknown> | null;
}

export type AuditVerdict = { ok: true; entries: number } | { ok: false; brokenAt: number };

export interface Retention {
  platesDays: number;
  facesDays: number;
  healthDays: number;
}

export interface WallLayout {
  name: string;
  grid: 1 | 4 | 9 | 16;
  /** At most `grid` entries: the cameras on the tiles, null for an empty tile. */
  tiles: (string | null)[];
  /** What the tour cycles through, `grid` at a time; empty = no tour. */
  tourCameras: string[];
  /** 0 = no tour, else 5 to 3600. */
  tourSeconds: number;
}

/** Pushes on WS /api/events/ws. */
export type Push =
  | { type: 'event'; event: DetectionEvent }
  | { type: 'alert'; alert: Alert }
  | { type: 'health'; cameraId: string; status: CameraStatus; reason: string | null };

/** A place on the SVG map. */
export interface MapPoint {
  lat: number;
  lon: number;
  label: string;
}
