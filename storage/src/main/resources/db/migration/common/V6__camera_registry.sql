-- The registry refuses two cameras on one stream address; main_url is stored normalised and
-- without userinfo, so equal addresses compare equal.
CREATE UNIQUE INDEX camera_main_url ON camera (main_url);
