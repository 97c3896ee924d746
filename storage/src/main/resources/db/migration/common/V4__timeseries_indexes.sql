-- Search indexes, on partitioned parents and hypertables alike (both propagate to children).

CREATE INDEX detection_plate_norm ON detection_plate (plate_norm, ts DESC);
CREATE INDEX detection_plate_camera ON detection_plate (camera_id, ts DESC);
CREATE INDEX detection_plate_grid ON detection_plate (grid_code, ts DESC);
CREATE INDEX detection_plate_district ON detection_plate (district_code, ts DESC);
CREATE INDEX detection_plate_street ON detection_plate (street_code, ts DESC);
CREATE INDEX detection_plate_community ON detection_plate (community_code, ts DESC);

CREATE INDEX detection_face_camera ON detection_face (camera_id, ts DESC);
CREATE INDEX detection_face_grid ON detection_face (grid_code, ts DESC);
CREATE INDEX detection_face_district ON detection_face (district_code, ts DESC);
CREATE INDEX detection_face_street ON detection_face (street_code, ts DESC);
CREATE INDEX detection_face_community ON detection_face (community_code, ts DESC);

CREATE INDEX camera_health_ts ON camera_health (ts);

-- One logical event table; CHECK (kind = ...) lets the planner skip the other branch.
CREATE VIEW detection AS
    SELECT * FROM detection_plate
    UNION ALL
    SELECT * FROM detection_face;
