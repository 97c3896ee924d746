-- Wildcard and prefix plate searches ('渝A*8?') scan the range of their literal prefix in this index
-- (text_pattern_ops compares bytewise, so the range is right whatever the database's collation),
-- and a scoped search filters on the tier codes it carries: both without reading the table.
-- Before, such a pattern read a whole day's partition, or every in-scope row of it.
DROP INDEX detection_plate_norm;
CREATE INDEX detection_plate_norm ON detection_plate (plate_norm text_pattern_ops, ts DESC)
    INCLUDE (id, city_code, district_code, street_code, community_code);
