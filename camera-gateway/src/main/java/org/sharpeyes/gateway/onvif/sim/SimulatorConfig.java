package org.sharpeyes.gateway.onvif.sim;

import java.time.Duration;
import java.util.UUID;
import org.sharpeyes.gateway.onvif.DeviceInfo;

/**
 * A simulated ONVIF camera.
 *
 * @param host               bind and advertised address; loopback unless a test namespace says otherwise
 * @param httpPort           0 picks a free port
 * @param clockOffset        the simulated device clock runs this far ahead of the real one
 * @param sub                null for a single-stream camera
 * @param snapshotUri        null when the camera offers no snapshots
 * @param discoveryPort      unicast WS-Discovery port on {@code host}; 0 picks a free one, -1 disables discovery
 * @param multicastInterface null: no multicast; else the only interface where the simulator joins
 *                           239.255.255.250 and sends its Hello (use {@code lo})
 * @param getServices        false: GetServices is answered with ActionNotSupported, as pre-2.0 devices do
 * @param httpDigest         every SOAP request must also carry HTTP Digest authentication (MD5, qop=auth)
 */
public record SimulatorConfig(String host, int httpPort, String user, String password, Duration clockOffset,
                              DeviceInfo device, String endpoint, StreamSpec main, StreamSpec sub, String snapshotUri,
                              boolean ptz, int discoveryPort, String multicastInterface, boolean getServices,
                              boolean httpDigest) {

    /** A loopback camera with PTZ, both streams, unicast discovery on a free port, and no multicast. */
    public static SimulatorConfig loopback(String user, String password, StreamSpec main, StreamSpec sub, String snapshotUri) {
        return new SimulatorConfig("127.0.0.1", 0, user, password, Duration.ZERO,
                new DeviceInfo("SharpEyes", "SIM-PTZ-1", "1.0.0", "SIM" + Long.toHexString(System.nanoTime()), "sim-hw-1"),
                "urn:uuid:" + UUID.randomUUID(), main, sub, snapshotUri, true, 0, null, true, false);
    }

    public SimulatorConfig withClockOffset(Duration offset) {
        return new SimulatorConfig(host, httpPort, user, password, offset, device, endpoint, main, sub, snapshotUri, ptz,
                discoveryPort, multicastInterface, getServices, httpDigest);
    }

    public SimulatorConfig withMulticast(String interfaceName) {
        return new SimulatorConfig(host, httpPort, user, password, clockOffset, device, endpoint, main, sub, snapshotUri, ptz,
                discoveryPort, interfaceName, getServices, httpDigest);
    }

    public SimulatorConfig withHttpPort(int port) {
        return new SimulatorConfig(host, port, user, password, clockOffset, device, endpoint, main, sub, snapshotUri, ptz,
                discoveryPort, multicastInterface, getServices, httpDigest);
    }

    public SimulatorConfig withGetServices(boolean answered) {
        return new SimulatorConfig(host, httpPort, user, password, clockOffset, device, endpoint, main, sub, snapshotUri, ptz,
                discoveryPort, multicastInterface, answered, httpDigest);
    }

    public SimulatorConfig withHttpDigest(boolean required) {
        return new SimulatorConfig(host, httpPort, user, password, clockOffset, device, endpoint, main, sub, snapshotUri, ptz,
                discoveryPort, multicastInterface, getServices, required);
    }
}
