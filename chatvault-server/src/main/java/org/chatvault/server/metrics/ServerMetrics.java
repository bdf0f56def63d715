package org.chatvault.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.chatvault.server.abuse.BoundedWorkQueue;

/** The server's meters, exported in Prometheus text format at {@code /metrics}. */
public final class ServerMetrics {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter bytesUploaded;
    private final Counter bytesStored;
    private final Counter objectsStored;
    private final Counter bytesFetched;
    private final Counter objectsFetched;

    public ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        bytesUploaded = Counter.builder("chatvault.upload.bytes").baseUnit("bytes")
                .description("Batch bytes received, including objects the server already held").register(registry);
        bytesStored = Counter.builder("chatvault.stored.bytes").baseUnit("bytes")
                .description("Object body bytes newly stored").register(registry);
        objectsStored = Counter.builder("chatvault.stored.objects")
                .description("Objects newly stored").register(registry);
        bytesFetched = Counter.builder("chatvault.fetch.bytes").baseUnit("bytes")
                .description("Batch bytes sent to clients").register(registry);
        objectsFetched = Counter.builder("chatvault.fetch.objects")
                .description("Objects sent to clients").register(registry);
    }

    public MeterRegistry registry() { return registry; }

    /** @param route the matched path template (e.g. {@code /v1/keyslots/{slotId}}), never the raw path, to bound cardinality */
    public void request(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void uploaded(long batchBytes, int newObjects, long newBytes) {
        bytesUploaded.increment(batchBytes);
        objectsStored.increment(newObjects);
        bytesStored.increment(newBytes);
    }

    public void fetched(int objects, long batchBytes) {
        objectsFetched.increment(objects);
        bytesFetched.increment(batchBytes);
    }

    /** Meters of the Argon2id queue: hashes computed, places taken now, requests refused with {@code 503 server_busy}. */
    public void watch(BoundedWorkQueue hashes) {
        FunctionCounter.builder("chatvault.login.hashes", hashes, BoundedWorkQueue::completed)
                .description("Argon2id hashes of login secrets computed (logins, registrations, unknown users)").register(registry);
        FunctionCounter.builder("chatvault.login.hash.refused", hashes, BoundedWorkQueue::refused)
                .description("Logins and registrations refused with server_busy: the hash queue was full").register(registry);
        Gauge.builder("chatvault.login.hash.queue", hashes, BoundedWorkQueue::admitted)
                .description("Hashes running or waiting now").register(registry);
    }

    public String scrape() { return registry.scrape(); }
}
