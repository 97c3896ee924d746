package org.sharpeyes.bench;

import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One way of running ApiBench's searches, closed loop: {@code concurrency} callers, each sending its
 * next search as soon as the previous one is answered, until every search has run once.
 */
interface LoadPhase {
    /** Latencies in ms by search index, and how many searches failed. */
    record Result(double[] ms, int errors, String firstError) {
    }

    String name();

    Result run(List<PlateSearch> searches, int concurrency) throws Exception;

    /** One blocking call per search, on {@code concurrency} threads of its own; a call that throws counts as an error. */
    static LoadPhase inProcess(String name, BlockingCall call) {
        return new LoadPhase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result run(List<PlateSearch> searches, int concurrency) throws Exception {
                double[] ms = new double[searches.size()];
                AtomicInteger next = new AtomicInteger();
                AtomicInteger errors = new AtomicInteger();
                AtomicReference<String> firstError = new AtomicReference<>();
                ExecutorService threads = Executors.newFixedThreadPool(concurrency);
                try {
                    List<Future<?>> callers = new ArrayList<>();
                    for (int c = 0; c < concurrency; c++) {
                        callers.add(threads.submit(() -> {
                            for (int i; (i = next.getAndIncrement()) < searches.size(); ) {
                                long t0 = System.nanoTime();
                                try {
                                    call.run(searches.get(i));
                                } catch (Exception e) { // e.g. no pooled connection within the pool's timeout
                                    errors.incrementAndGet();
                                    firstError.compareAndSet(null, e.toString());
                                }
                                ms[i] = (System.nanoTime() - t0) / 1e6;
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : callers) {
                        f.get();
                    }
                } finally {
                    threads.shutdownNow();
                }
                return new Result(ms, errors.get(), firstError.get());
            }
        };
    }

    /** {@code GET /api/events} per search with the session cookie; anything but 200 counts as an error. */
    static LoadPhase http(String name, HttpClientAgent client, int port, String cookie) {
        return new LoadPhase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result run(List<PlateSearch> searches, int concurrency) throws Exception {
                double[] ms = new double[searches.size()];
                AtomicInteger next = new AtomicInteger();
                AtomicInteger errors = new AtomicInteger();
                AtomicReference<String> firstError = new AtomicReference<>();
                AtomicInteger running = new AtomicInteger(concurrency);
                CompletableFuture<Void> done = new CompletableFuture<>();
                Runnable[] send = new Runnable[1];
                send[0] = () -> {
                    int i = next.getAndIncrement();
                    if (i >= searches.size()) {
                        if (running.decrementAndGet() == 0) {
                            done.complete(null);
                        }
                        return;
                    }
                    long t0 = System.nanoTime();
                    client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                                    .setURI(searches.get(i).uri()).putHeader("Cookie", cookie))
                            .compose(req -> req.send().compose(resp -> resp.body().map(body -> {
                                if (resp.statusCode() != 200) {
                                    throw new IllegalStateException("HTTP " + resp.statusCode() + " " + body);
                                }
                                return body;
                            })))
                            .onComplete(ar -> {
                                ms[i] = (System.nanoTime() - t0) / 1e6;
                                if (ar.failed()) {
                                    errors.incrementAndGet();
                                    firstError.compareAndSet(null, ar.cause().getMessage());
                                }
                                send[0].run();
                            });
                };
                for (int c = 0; c < concurrency; c++) {
                    send[0].run();
                }
                done.get();
                return new Result(ms, errors.get(), firstError.get());
            }
        };
    }

    interface BlockingCall {
        void run(PlateSearch search) throws Exception;
    }
}
