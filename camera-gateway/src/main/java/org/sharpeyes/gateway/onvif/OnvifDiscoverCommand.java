package org.sharpeyes.gateway.onvif;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code onvif-discover [--host H[:PORT]] [--interface IF] [--seconds N]}: one JSON line per
 * device that answered. With {@code --host}, a unicast probe to that host (port 3702 unless
 * given; no answer is an error). Without it, a multicast probe to 239.255.255.250:3702 out of
 * {@code --interface} (default: the system's multicast route) — that reaches the site network, so
 * it happens only when an administrator runs this. Exit 1 with a one-line reason on errors, 2 on
 * bad arguments.
 */
public final class OnvifDiscoverCommand {
    static final String USAGE = "usage: onvif-discover [--host H[:PORT]] [--interface IF] [--seconds N]";

    private OnvifDiscoverCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        DiscoveryTarget target;
        Duration window;
        try {
            CliArgs a = CliArgs.parse(args, Set.of("host", "interface", "seconds"));
            if (!a.positional().isEmpty()) {
                throw new IllegalArgumentException("unexpected argument " + a.positional().get(0));
            }
            String host = a.options().get("host");
            String nif = a.options().get("interface");
            if (host != null && nif != null) {
                throw new IllegalArgumentException("--host (unicast) and --interface (multicast) exclude each other");
            }
            target = host != null ? unicast(host) : DiscoveryTarget.multicast(nif);
            if (nif != null) {
                WsDiscovery.ipv4Of(nif); // fail early with a clear reason
            }
            window = Duration.ofSeconds(a.seconds("seconds", 3));
        } catch (IllegalArgumentException e) {
            err.println("onvif-discover: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Vertx vertx = Vertx.vertx();
        try {
            List<DiscoveredDevice> devices = OnvifInfoCommand.await(
                    WsDiscovery.probe(vertx, target, window).toCompletionStage().toCompletableFuture(), window);
            devices.forEach(d -> out.println(OnvifJson.device(d).encode()));
            if (devices.isEmpty() && !target.isMulticast()) {
                err.println("onvif-discover: timeout: no ONVIF device answered at " + target.unicast().getHostString() + ":"
                        + target.unicast().getPort() + " within " + window.toSeconds() + " s");
                return 1;
            }
            return 0;
        } catch (OnvifException e) {
            err.println("onvif-discover: " + e.reason());
            return 1;
        } finally {
            OnvifInfoCommand.close(vertx);
        }
    }

    private static DiscoveryTarget unicast(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.indexOf(':') != colon) {
            return DiscoveryTarget.unicast(hostPort, WsDiscovery.PORT);
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port >= 1 && port <= 65535) {
                return DiscoveryTarget.unicast(hostPort.substring(0, colon), port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--host port must be 1-65535, got " + hostPort);
    }
}
