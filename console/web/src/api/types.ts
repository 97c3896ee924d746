// Shapes of the console HTTP API (published by the backend at /api/openapi.yaml).

export type Role = 'OPERATOR' | 'INVESTIGATOR' | 'ADMIN';
export type Tier = 'CITY' | 'DISTRICT' | 'STREET' | 'COMMUNITY';
export type CameraStatus = 'ONLINE' | 'DEGRADED' | 'OFFLINE';
export type EventKind = 'PLATE' | 'FACE';
export type MatchMode = 'exact' | 'wildcard' | 'fuzzy';
export const siteTypes = ['ALLEY', 'BUILDING', 'PERIMETER', 'MARKET', 'CRIME_PRONE', 'CROWDED', 'ROAD', 'OTHER'] as const;
export type SiteType = (typeof siteTypes)[number];

export interface User {
  username: string;
  role: Role;
  scopeOrgId: string | null;
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
  id: string;
  parentId: string | null;
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
  properties: { code: string; name: string; orgUnitId: string };
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
  orgUnitId: string;
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
  ptz: boolean;
  health: CameraHealth | null;
}

/** What POST/PUT /api/cameras take: the camera's own fields plus optional credentials. */
export type CameraInput = Omit<Camera, 'id' | 'hasCredentials' | 'health' | 'mainUrl'> & {
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

export interface DiscoveredDevice {
  address: string;
  scopes?: string[] | string;
  [more: string]: unknown;
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
  cameraName: string;
  plate: { text: string; color: string; confidence: number } | null;
  box: [number, number, number, number];
  score: number;
  snapshot: string;
  crop: string;
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
  count: number;
}

export interface Sighting {
  time: string;
  cameraId: string;
  cameraName: string;
  lat: number | null;
  lon: number | null;
  gridCode: string | null;
  snapshot: string;
  crop: string;
}

export interface Trajectory {
  plate: string;
  sightings: Sighting[];
}

export interface WatchEntry {
  id: string;
  pattern: string;
  reason: string;
  caseRef: string;
  expiresAt: string | null;
  createdBy: string;
  createdAt: string;
}

export interface Alert {
  id: string;
  time: string;
  cameraId: string;
  cameraName: string;
  plate: string;
  pattern: string;
  reason: string;
  caseRef: string;
  snapshot: string;
  crop: string;
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

export interface Fault {
  cameraId: string;
  cameraName: string;
  status: CameraStatus;
  reason: string;
  since: string;
}

export interface Offline {
  cameraId: string;
  cameraName: string;
  since: string;
  reason: string | null;
}

export interface ManagedUser {
  id: string;
  username: string;
  role: Role;
  scopeOrgId: string | null;
  enabled: boolean;
}

export interface AuditEntry {
  seq: number;
  time: string;
  username: string;
  action: string;
  caseRef: string | null;
  detail: string | Record<string, unknown> | null;
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
  tiles: (string | null)[];
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
