-- Hourly counts per grid and kind for heat maps, kept by continuous aggregates (real-time:
-- recent, not yet materialised hours are computed on the fly). Same columns as the plain
-- flavour's detection_hourly table.

CREATE MATERIALIZED VIEW detection_plate_hourly
    WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 hour', ts) AS hour,
       kind,
       coalesce(city_code, '')      AS city_code,
       coalesce(district_code, '')  AS district_code,
       coalesce(street_code, '')    AS street_code,
       coalesce(community_code, '') AS community_code,
       coalesce(grid_code, '')      AS grid_code,
       count(*)                     AS count
FROM detection_plate
GROUP BY 1, 2, 3, 4, 5, 6, 7
WITH NO DATA;

CREATE MATERIALIZED VIEW detection_face_hourly
    WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 hour', ts) AS hour,
       kind,
       coalesce(city_code, '')      AS city_code,
       coalesce(district_code, '')  AS district_code,
       coalesce(street_code, '')    AS street_code,
       coalesce(community_code, '') AS community_code,
       coalesce(grid_code, '')      AS grid_code,
       count(*)                     AS count
FROM detection_face
GROUP BY 1, 2, 3, 4, 5, 6, 7
WITH NO DATA;

CREATE VIEW detection_hourly AS
    SELECT * FROM detection_plate_hourly
    UNION ALL
    SELECT * FROM detection_face_hourly;
