-- The writer no longer upserts a plate on every sighting (see SeenPlates): first_seen is exact,
-- last_seen may lag the newest sighting by up to one day, and a per-plate count could not be kept.
ALTER TABLE plate DROP COLUMN sightings;
COMMENT ON COLUMN plate.last_seen IS 'no older than the newest sighting minus one day (SeenPlates.SLACK)';

-- Plate searches pick the page's (ts, id) keys by an index-only scan, then read those rows only.
DROP INDEX detection_plate_norm;
CREATE INDEX detection_plate_norm ON detection_plate (plate_norm, ts DESC) INCLUDE (id);
