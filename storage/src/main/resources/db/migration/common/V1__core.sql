-- Reference data, registry, users and audit: identical on PostgreSQL and TimescaleDB.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE org_unit (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id bigint REFERENCES org_unit (id),
    tier      text   NOT NULL CHECK (tier IN ('CITY', 'DISTRICT', 'STREET', 'COMMUNITY')),
    code      text   NOT NULL UNIQUE,
    name      text   NOT NULL,
    CHECK ((tier = 'CITY') = (parent_id IS NULL))
);
CREATE INDEX org_unit_parent ON org_unit (parent_id);

CREATE TABLE grid_cell (
    code        text   PRIMARY KEY,
    org_unit_id bigint NOT NULL REFERENCES org_unit (id),
    name        text   NOT NULL,
    polygon     jsonb  -- GeoJSON Polygon
);
CREATE INDEX grid_cell_org_unit ON grid_cell (org_unit_id);

CREATE TABLE camera (
    id                 uuid        PRIMARY KEY,
    name               text        NOT NULL UNIQUE,
    org_unit_id        bigint      NOT NULL REFERENCES org_unit (id),
    grid_code          text        REFERENCES grid_cell (code),
    site_type          text        NOT NULL CHECK (site_type IN
                           ('ALLEY', 'BUILDING', 'PERIMETER', 'MARKET', 'CRIME_PRONE', 'CROWDED', 'ROAD', 'OTHER')),
    lat                double precision CHECK (lat BETWEEN -90 AND 90),
    lon                double precision CHECK (lon BETWEEN -180 AND 180),
    main_url           text,       -- without userinfo; credentials live in credentials_enc
    sub_url            text,
    onvif_url          text,
    credentials_enc    bytea,      -- AES-GCM ciphertext of user and password
    credentials_key_id text,       -- which key encrypted them, for rotation
    vendor             text,
    model              text,
    firmware           text,
    gb_device_id       char(20)    UNIQUE CHECK (gb_device_id ~ '^[0-9]{20}$'),
    plates_enabled     boolean     NOT NULL DEFAULT true,
    faces_enabled      boolean     NOT NULL DEFAULT true,
    analysis_fps       real        NOT NULL DEFAULT 5 CHECK (analysis_fps > 0 AND analysis_fps <= 30),
    roi                jsonb,      -- polygon in normalised frame coordinates
    enabled            boolean     NOT NULL DEFAULT true,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX camera_org_unit ON camera (org_unit_id);
CREATE INDEX camera_grid ON camera (grid_code);

-- Plates ever seen: resolves wildcard and fuzzy searches to candidates before the event query.
CREATE TABLE plate (
    text       text        PRIMARY KEY,   -- normalised
    fuzzy      text        NOT NULL,      -- OCR-confusion key
    first_seen timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL,
    sightings  bigint      NOT NULL
);
CREATE INDEX plate_text_pattern ON plate (text text_pattern_ops);
CREATE INDEX plate_fuzzy_pattern ON plate (fuzzy text_pattern_ops);
CREATE INDEX plate_text_trgm ON plate USING gin (text gin_trgm_ops);

CREATE TABLE plate_watch (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pattern     text        NOT NULL,   -- normalised, may hold * and ?
    reason      text        NOT NULL,
    case_ref    text,
    org_unit_id bigint      REFERENCES org_unit (id),
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz
);

CREATE TABLE app_user (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text        NOT NULL UNIQUE,
    password_hash text        NOT NULL,   -- PHC-format Argon2id
    role          text        NOT NULL CHECK (role IN ('OPERATOR', 'INVESTIGATOR', 'ADMIN')),
    scope_org_id  bigint      REFERENCES org_unit (id),  -- null: whole tree
    enabled       boolean     NOT NULL DEFAULT true,
    failed_logins int         NOT NULL DEFAULT 0,
    locked_until  timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Append-only; each entry hashes its predecessor's hash (SHA-256 chain).
CREATE TABLE audit_log (
    seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ts        timestamptz NOT NULL DEFAULT now(),
    username  text,
    action    text        NOT NULL,
    case_ref  text,
    detail    jsonb,
    prev_hash bytea,
    hash      bytea       NOT NULL
);
CREATE INDEX audit_log_ts ON audit_log (ts);
CREATE RULE audit_log_no_update AS ON UPDATE TO audit_log DO INSTEAD NOTHING;
CREATE RULE audit_log_no_delete AS ON DELETE TO audit_log DO INSTEAD NOTHING;
