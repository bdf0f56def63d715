package org.chatvault.client.http;

/** How often and how patiently to retry a dropped connection: exponential back-off, capped. */
public record RetryPolicy(int attempts, long firstDelayMs, long maxDelayMs) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, 200, 5_000);
    public static final RetryPolicy NONE = new RetryPolicy(1, 0, 0);

    void sleep(int attempt) {
        long d = Math.min(maxDelayMs, firstDelayMs << Math.min(20, attempt - 1));
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting to retry", e);
        }
    }
}
