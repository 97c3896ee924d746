package org.sharpeyes.gateway.onvif;

/** GetDeviceInformation. */
public record DeviceInfo(String manufacturer, String model, String firmwareVersion, String serialNumber, String hardwareId) {
}
