package org.sharpeyes.gateway.onvif.sim;

/** One simulated media profile: the RTSP URI it hands out and the encoder settings it claims. */
public record StreamSpec(String uri, int width, int height, int fps) {
}
