-- A pattern whose literal part is the region ('渝A*12?', '渝A*', the usual way to ask) reads this
-- index newest first and stops at the page's last match. The range of '渝A' in detection_plate_norm
-- is a twentieth of a day's plates, and it had to be read whole, day by day, before the newest 50
-- matches were known (10M events: about 3.5 ms a day slice, against about 1 ms for a week here).
-- plate_norm and the tier codes ride along, so the pattern and a scope are tested in the index.
CREATE INDEX detection_plate_region ON detection_plate ((left(plate_norm, 2)), ts DESC, id DESC)
    INCLUDE (plate_norm, city_code, district_code, street_code, community_code);
