package org.sharpeyes.gateway.onvif;

/** A PTZ preset. */
public record Preset(String token, String name) {
}
