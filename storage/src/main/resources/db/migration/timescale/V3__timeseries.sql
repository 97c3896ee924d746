-- TimescaleDB: hypertables with one-day chunks (no space partitioning). Columnstore, sparse
-- indexes, the hourly continuous aggregates and the retention, columnstore and refresh
-- policies depend on the extension version and configuration, or cannot run in a
-- transaction, so storage.TimescaleLayout applies them at start.

CREATE TABLE detection_plate (LIKE detection_template INCLUDING ALL, CHECK (kind = 'PLATE'));
CREATE TABLE detection_face (LIKE detection_template INCLUDING ALL, CHECK (kind = 'FACE'));
CREATE TABLE camera_health (LIKE camera_health_template INCLUDING ALL);

SELECT create_hypertable('detection_plate', by_range('ts', INTERVAL '1 day'));
SELECT create_hypertable('detection_face', by_range('ts', INTERVAL '1 day'));
SELECT create_hypertable('camera_health', by_range('ts', INTERVAL '1 day'));
