package org.sharpeyes.gateway.onvif;

/**
 * A media profile with its RTSP stream and snapshot addresses.
 *
 * @param snapshotUri null when the device offers no snapshot for this profile
 * @param ptz         true when the profile carries a PTZ configuration
 */
public record Profile(String token, String name, String encoding, int width, int height, int fps, boolean ptz,
                      String streamUri, String snapshotUri) {
    public long pixels() {
        return (long) width * height;
    }
}
