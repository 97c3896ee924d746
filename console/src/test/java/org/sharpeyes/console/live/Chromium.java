package org.sharpeyes.console.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium with one page open, driven over the DevTools protocol (what
 * playwright-core does, without needing npm in a Java test): enough to evaluate expressions in the page.
 */
final class Chromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final WebSocket devtools;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    private Chromium(Process process, WebSocket devtools) {
        this.process = process;
        this.devtools = devtools;
    }

    static Chromium open(String url, Path profile) throws Exception {
        Process p = new ProcessBuilder(List.of("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--autoplay-policy=no-user-gesture-required", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, url)).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = devtoolsPort(p);
            HttpClient http = HttpClient.newHttpClient();
            String pageWs = null;
            for (int i = 0; i < 50 && pageWs == null; i++) {
                String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (Object o : new JsonArray(list)) {
                    JsonObject t = (JsonObject) o;
                    if ("page".equals(t.getString("type")) && t.getString("url", "").startsWith(url.substring(0, 20))) {
                        pageWs = t.getString("webSocketDebuggerUrl");
                    }
                }
                if (pageWs == null) {
                    Thread.sleep(100);
                }
            }
            if (pageWs == null) {
                throw new IOException("Chromium did not open " + url);
            }
            Chromium[] self = new Chromium[1];
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        JsonObject m = new JsonObject(text.toString());
                        text.setLength(0);
                        CompletableFuture<JsonObject> f = m.containsKey("id") ? self[0].pending.remove(m.getInteger("id")) : null;
                        if (f != null) {
                            f.complete(m);
                        }
                    }
                    w.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            self[0] = new Chromium(p, ws);
            return self[0];
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** The value of a JavaScript expression in the page, as JSON. */
    Object evaluate(String expression) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> f = new CompletableFuture<>();
        pending.put(id, f);
        devtools.sendText(new JsonObject().put("id", id).put("method", "Runtime.evaluate")
                .put("params", new JsonObject().put("expression", expression).put("returnByValue", true)).encode(), true);
        JsonObject reply = f.get(10, TimeUnit.SECONDS);
        JsonObject result = reply.getJsonObject("result").getJsonObject("result");
        return result.getValue("value");
    }

    private static int devtoolsPort(Process p) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                port.completeExceptionally(new IOException("Chromium exited before listening"));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        }, "chromium-stderr");
        t.setDaemon(true);
        t.start();
        return port.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        devtools.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
