package org.chatvault.bench.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.chatvault.client.http.VaultApi;

/**
 * What the devices saw during the timed window: every HTTP exchange (through the client's
 * observer), every operation, the work done, and the errors with the first few messages.
 * Any answer of 400 or above, or no answer at all, is an error, even one a retry then made good:
 * the requirement is a server that never fails under this load, not a client that hides it.
 */
final class Measurements implements VaultApi.Observer {
    static final String BACKUP = "incremental backup";
    static final String RESTORE = "restore (new phone)";
    private static final int KEPT_MESSAGES = 10;

    private final Map<String, Timer> endpoints = new ConcurrentHashMap<>();
    private final Map<String, Timer> operations = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();
    private final List<String> firstErrors = new ArrayList<>();
    final LongAdder messagesBackedUp = new LongAdder();
    final LongAdder bytesUploaded = new LongAdder();
    final LongAdder messagesRestored = new LongAdder();
    final LongAdder bytesFetched = new LongAdder();

    @Override public void exchange(String endpoint, int status, long nanos) {
        boolean failed = status < 0 || status >= 400;
        endpoints.computeIfAbsent(endpoint, k -> new Timer()).record(nanos, failed);
        if (failed) error(endpoint + " answered " + (status < 0 ? "nothing (transport failure)" : "HTTP " + status));
    }

    void operation(String name, long nanos) { operations.computeIfAbsent(name, k -> new Timer()).record(nanos, false); }

    void operationFailed(String name, long nanos, int device, Throwable cause) {
        operations.computeIfAbsent(name, k -> new Timer()).record(nanos, true);
        error(name + " of device " + device + " failed: " + cause);
    }

    private void error(String message) {
        errors.increment();
        synchronized (firstErrors) {
            if (firstErrors.size() < KEPT_MESSAGES) firstErrors.add(message);
        }
    }

    long errors() { return errors.sum(); }

    List<String> firstErrors() {
        synchronized (firstErrors) {
            return List.copyOf(firstErrors);
        }
    }

    List<LatencyStats> endpoints() { return sorted(endpoints); }

    List<LatencyStats> operations() { return sorted(operations); }

    private static List<LatencyStats> sorted(Map<String, Timer> timers) {
        return timers.entrySet().stream().map(e -> e.getValue().stats(e.getKey()))
                .sorted(Comparator.comparingLong(LatencyStats::count).reversed()).toList();
    }
}
