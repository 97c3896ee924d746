-- Column sets of the time-series tables. Each flavour's V3 creates the real tables from these
-- (LIKE ... INCLUDING ALL) so both flavours share one definition. The templates hold no rows.

CREATE TABLE detection_template (
    ts             timestamptz NOT NULL,
    id             uuid        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('PLATE', 'FACE')),
    camera_id      uuid        NOT NULL,
    city_code      text,
    district_code  text,
    street_code    text,
    community_code text,
    grid_code      text,
    site_type      text        NOT NULL,
    plate_text     text,        -- as read
    plate_norm     text,        -- PlateText.normalise
    plate_color    text,
    confidence     real        NOT NULL,
    box_x          int,
    box_y          int,
    box_w          int,
    box_h          int,
    track_id       bigint,
    snapshot_key   text,
    crop_key       text,
    attributes     jsonb       NOT NULL DEFAULT '{}',
    PRIMARY KEY (ts, id)
);

CREATE TABLE camera_health_template (
    ts           timestamptz NOT NULL,
    camera_id    uuid        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('ONLINE', 'DEGRADED', 'OFFLINE')),
    reason       text,
    fps          real,
    bitrate_kbps int,
    width        int,
    height       int,
    codec        text,
    reconnects   int,
    quality      jsonb,
    PRIMARY KEY (camera_id, ts)
);
