-- Console state: watchlist alerts awaiting acknowledgement, saved wall layouts.

-- A watchlist hit as raised, with the camera's tier codes so each operator sees only their scope's.
CREATE TABLE alert (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ts              timestamptz NOT NULL,
    camera_id       uuid        NOT NULL,
    city_code       text,
    district_code   text,
    street_code     text,
    community_code  text,
    grid_code       text,
    site_type       text        NOT NULL,
    plate_text      text        NOT NULL,
    watch_id        bigint      REFERENCES plate_watch (id) ON DELETE SET NULL,
    pattern         text        NOT NULL,
    reason          text        NOT NULL,
    case_ref        text,
    snapshot_key    text,
    crop_key        text,
    acknowledged_by text,
    acknowledged_at timestamptz
);
CREATE INDEX alert_id_desc ON alert (id DESC);
CREATE INDEX alert_unacknowledged ON alert (id DESC) WHERE acknowledged_at IS NULL;

CREATE TABLE wall_layout (
    user_id    bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name       text        NOT NULL,
    layout     jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, name)
);

-- Retention as an administrator set it in the console; overrides the configured one. One row.
CREATE TABLE retention_setting (
    singleton      boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    plates_seconds bigint      NOT NULL CHECK (plates_seconds >= 86400),
    faces_seconds  bigint      NOT NULL CHECK (faces_seconds >= 86400),
    health_seconds bigint      NOT NULL CHECK (health_seconds >= 86400),
    updated_by     text        NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
