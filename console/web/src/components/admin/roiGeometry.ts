// Geometry of the region-of-interest editor. A vertex is stored as the server validates it:
// normalised frame coordinates, x and y in [0, 1] with the origin top left, so a polygon stays
// valid whatever the picture's resolution or the size it is drawn at.

export type RoiPoint = [number, number];

/** The server's limit (CameraValidator.MAX_ROI_POINTS). */
export const MAX_ROI_POINTS = 64;
/** The server's minimum for a polygon; fewer points are no region at all. */
export const MIN_ROI_POINTS = 3;

/** Four decimals: a ten-thousandth of the frame is under a pixel even at 4K. */
const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10_000) / 10_000;

/** The frame point under a pointer, clamped into the frame (a drag may leave it). */
export function toFrame(clientX: number, clientY: number, frame: DOMRect): RoiPoint {
  return [round((clientX - frame.left) / frame.width), round((clientY - frame.top) / frame.height)];
}

/** The index of the vertex nearest the pointer within `radius` screen pixels, or -1. */
export function vertexAt(points: readonly RoiPoint[], clientX: number, clientY: number, frame: DOMRect, radius: number): number {
  let best = -1;
  let bestDistance = radius;
  points.forEach(([x, y], i) => {
    const distance = Math.hypot(frame.left + x * frame.width - clientX, frame.top + y * frame.height - clientY);
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  });
  return best;
}

/** The `points` attribute of an SVG polygon drawn in a 0..1 viewBox. */
export const svgPoints = (points: readonly RoiPoint[]) => points.map(([x, y]) => `${x},${y}`).join(' ');
