-- Plain PostgreSQL: daily range partitions, created ahead and dropped for retention by the
-- application (storage.PlainLayout); the hourly rollup is kept by the event writer.

CREATE TABLE detection_plate (LIKE detection_template INCLUDING ALL, CHECK (kind = 'PLATE'))
    PARTITION BY RANGE (ts);
CREATE TABLE detection_face (LIKE detection_template INCLUDING ALL, CHECK (kind = 'FACE'))
    PARTITION BY RANGE (ts);
CREATE TABLE camera_health (LIKE camera_health_template INCLUDING ALL) PARTITION BY RANGE (ts);

CREATE TABLE detection_hourly (
    hour           timestamptz NOT NULL,
    kind           text        NOT NULL,
    city_code      text        NOT NULL,  -- '' where the camera has no code at that tier
    district_code  text        NOT NULL,
    street_code    text        NOT NULL,
    community_code text        NOT NULL,
    grid_code      text        NOT NULL,
    count          bigint      NOT NULL,
    PRIMARY KEY (hour, kind, grid_code, community_code, street_code, district_code, city_code)
);
