package org.sharpeyes.gateway.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.sharpeyes.common.AnalyticsSettings;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.GridCell;
import org.sharpeyes.common.SiteType;

/**
 * Checks one {@link CameraSpec} field by field, collecting every error. Uniqueness against other
 * cameras is not checked here: the registry and the CSV import do that in bulk.
 */
final class CameraValidator {
    static final int MAX_NAME = 128;
    static final int MAX_TEXT = 256;
    static final int MAX_ROI_POINTS = 64;
    static final float MAX_FPS = 30f;
    private static final Pattern GB_DEVICE_ID = Pattern.compile("[0-9]{20}");

    /** A valid camera (without credentials) and the login its input carried, if any. */
    record Validated(Camera camera, Credentials credentials) {
    }

    private CameraValidator() {
    }

    /**
     * @param grids the known grid cells among those the spec may name (more is fine)
     * @return the camera, or null after adding at least one error
     */
    static Validated validate(UUID id, CameraSpec spec, Map<String, GridCell> grids, List<FieldError> errors) {
        int before = errors.size();
        String name = trimmed(spec.name());
        if (name == null) {
            errors.add(new FieldError("name", "required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "longer than " + MAX_NAME + " characters"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "contains a control character"));
        }

        String gridCode = trimmed(spec.gridCode());
        GridCell grid = gridCode == null ? null : grids.get(gridCode);
        if (gridCode == null) {
            errors.add(new FieldError("gridCode", "required"));
        } else if (grid == null) {
            errors.add(new FieldError("gridCode", "unknown grid cell '" + gridCode + "'"));
        }
        long orgUnitId = spec.orgUnitId() != null ? spec.orgUnitId() : grid != null ? grid.orgUnitId() : -1;
        if (grid != null && !grid.within(orgUnitId)) {
            errors.add(new FieldError("orgUnitId", "grid cell '" + gridCode + "' is not in org unit " + orgUnitId + " or below it"));
        }

        SiteType siteType = siteType(trimmed(spec.siteType()), errors);
        checkPosition(spec.lat(), spec.lon(), errors);

        CameraUrl main = null;
        if (trimmed(spec.mainUrl()) == null) {
            errors.add(new FieldError("mainUrl", "required"));
        } else {
            main = CameraUrl.parse("mainUrl", spec.mainUrl().trim(), CameraUrl.STREAM_SCHEMES, errors);
        }
        CameraUrl sub = optionalUrl("subUrl", spec.subUrl(), CameraUrl.STREAM_SCHEMES, errors);
        CameraUrl onvif = optionalUrl("onvifUrl", spec.onvifUrl(), CameraUrl.ONVIF_SCHEMES, errors);
        Credentials credentials = credentials(spec, errors, main, sub, onvif);

        String vendor = text("vendor", spec.vendor(), errors);
        String model = text("model", spec.model(), errors);
        String firmware = text("firmware", spec.firmware(), errors);
        String gbDeviceId = trimmed(spec.gbDeviceId());
        if (gbDeviceId != null && !GB_DEVICE_ID.matcher(gbDeviceId).matches()) {
            errors.add(new FieldError("gbDeviceId", "must be 20 digits (GB/T 28181 device id)"));
        }
        AnalyticsSettings analytics = analytics(spec, errors);

        if (errors.size() > before) {
            return null;
        }
        Camera camera = new Camera(id, name, orgUnitId, gridCode, siteType, spec.lat(), spec.lon(), main.address(),
                sub == null ? null : sub.address(), onvif == null ? null : onvif.address(), vendor, model, firmware,
                gbDeviceId, analytics, true, null);
        return new Validated(camera, credentials);
    }

    private static SiteType siteType(String text, List<FieldError> errors) {
        if (text == null) {
            errors.add(new FieldError("siteType", "required"));
            return null;
        }
        try {
            return SiteType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("siteType", "unknown site type '" + text + "'; one of " + Arrays.toString(SiteType.values())));
            return null;
        }
    }

    private static void checkPosition(Double lat, Double lon, List<FieldError> errors) {
        if ((lat == null) != (lon == null)) {
            errors.add(new FieldError(lat == null ? "lat" : "lon", "give latitude and longitude together"));
        }
        if (lat != null && !(lat >= -90 && lat <= 90)) {
            errors.add(new FieldError("lat", "out of range: " + lat + " is not in [-90, 90]"));
        }
        if (lon != null && !(lon >= -180 && lon <= 180)) {
            errors.add(new FieldError("lon", "out of range: " + lon + " is not in [-180, 180]"));
        }
    }

    private static CameraUrl optionalUrl(String field, String text, List<String> schemes, List<FieldError> errors) {
        String url = trimmed(text);
        return url == null ? null : CameraUrl.parse(field, url, schemes, errors);
    }

    /** The one login the input gives, explicitly or in URL userinfo; every source must agree. */
    private static Credentials credentials(CameraSpec spec, List<FieldError> errors, CameraUrl main, CameraUrl sub, CameraUrl onvif) {
        Credentials chosen = null;
        String source = null;
        if (spec.username() != null && !spec.username().isEmpty()) {
            chosen = new Credentials(spec.username(), spec.password());
            source = "username/password";
        } else if (spec.password() != null && !spec.password().isEmpty()) {
            errors.add(new FieldError("username", "required when a password is given"));
        }
        String[] fields = {"mainUrl", "subUrl", "onvifUrl"};
        CameraUrl[] urls = {main, sub, onvif};
        for (int i = 0; i < urls.length; i++) {
            Credentials given = urls[i] == null ? null : urls[i].credentials();
            if (given == null) {
                continue;
            }
            if (chosen == null) {
                chosen = given;
                source = fields[i];
            } else if (!chosen.equals(given)) {
                errors.add(new FieldError(fields[i], "carries a different user or password than " + source));
            }
        }
        return chosen;
    }

    private static AnalyticsSettings analytics(CameraSpec spec, List<FieldError> errors) {
        float fps = spec.fps() == null ? AnalyticsSettings.DEFAULTS.fps() : spec.fps();
        if (!(fps > 0 && fps <= MAX_FPS)) {
            errors.add(new FieldError("fps", "must be more than 0 and at most " + MAX_FPS));
        }
        List<AnalyticsSettings.Point> roi = spec.roi() == null ? List.of() : spec.roi();
        if (!roi.isEmpty() && (roi.size() < 3 || roi.size() > MAX_ROI_POINTS)) {
            errors.add(new FieldError("roi", "a polygon needs 3 to " + MAX_ROI_POINTS + " points, got " + roi.size()));
        }
        for (int i = 0; i < roi.size(); i++) {
            AnalyticsSettings.Point p = roi.get(i);
            if (!(p.x() >= 0 && p.x() <= 1 && p.y() >= 0 && p.y() <= 1)) {
                errors.add(new FieldError("roi", "point " + (i + 1) + " (" + p.x() + ", " + p.y()
                        + ") is outside the frame; coordinates are normalised to [0, 1]"));
                break;
            }
        }
        return new AnalyticsSettings(spec.plates() == null || spec.plates(), spec.faces() == null || spec.faces(), fps, roi);
    }

    private static String text(String field, String value, List<FieldError> errors) {
        String text = trimmed(value);
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new FieldError(field, "longer than " + MAX_TEXT + " characters"));
        }
        return text;
    }

    private static String trimmed(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
