package org.sharpeyes.gateway.onvif;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sharpeyes.common.Urls;

/**
 * {@code onvif-info DEVICE_SERVICE_URL [--user U --password P] [--timeout S]}: one JSON object
 * with device information, clock skew, profiles with stream and snapshot URIs, and PTZ support.
 * Exit 0; 1 with a one-line reason when the device fails; 2 on bad arguments.
 */
public final class OnvifInfoCommand {
    static final String USAGE = "usage: onvif-info DEVICE_SERVICE_URL [--user U --password P] [--timeout SECONDS]";

    private OnvifInfoCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        URI url;
        Credentials credentials;
        Duration timeout;
        try {
            CliArgs a = CliArgs.parse(args, Set.of("user", "password", "timeout"));
            if (a.positional().size() != 1) {
                throw new IllegalArgumentException("expected exactly one DEVICE_SERVICE_URL");
            }
            url = serviceUrl(a.positional().get(0));
            String user = a.options().get("user");
            String password = a.options().get("password");
            if ((user == null) != (password == null)) {
                throw new IllegalArgumentException("--user and --password go together");
            }
            credentials = user == null ? null : new Credentials(user, password);
            timeout = Duration.ofSeconds(a.seconds("timeout", 5));
        } catch (IllegalArgumentException e) {
            err.println("onvif-info: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Vertx vertx = Vertx.vertx();
        try {
            OnvifClient client = new OnvifClient(vertx, vertx.createHttpClient(), url, credentials,
                    new OnvifSettings(timeout, OnvifSettings.DEFAULT.maxBodyBytes()));
            OnvifInfo info = await(client.info().toCompletionStage().toCompletableFuture(), timeout);
            out.println(OnvifJson.info(info).encode());
            return 0;
        } catch (OnvifException e) {
            err.println("onvif-info: " + e.reason());
            return 1;
        } finally {
            close(vertx);
        }
    }

    static void close(Vertx vertx) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // nothing is left to report: the command's answer is already out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for a bounded ONVIF result on this (non-event-loop) thread. */
    static <T> T await(CompletableFuture<T> f, Duration perRequest) {
        // Every request is already bounded; this outer bound only guards against a lost completion.
        long limitMs = perRequest.toMillis() * 20 + 5000;
        try {
            return f.get(limitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof OnvifException o ? o
                    : new OnvifException(OnvifException.Kind.UNREACHABLE, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            throw new OnvifException(OnvifException.Kind.TIMEOUT, "no result within " + limitMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnvifException(OnvifException.Kind.TIMEOUT, "interrupted");
        }
    }

    private static URI serviceUrl(String text) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("DEVICE_SERVICE_URL must be an http(s) URL with a host, got " + Urls.mask(text));
    }
}
