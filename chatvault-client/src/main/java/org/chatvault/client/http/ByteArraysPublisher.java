package org.chatvault.client.http;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body made of byte arrays, handed to the HTTP client as read-only views of the arrays
 * themselves. The JDK's {@code BodyPublishers.ofByteArrays} copies every array into 16 KiB
 * buffers first: for a media batch of 16 MiB that is one more pass over every byte and a
 * thousand small writes. Views are at most {@link #SLICE} bytes, because the socket layer copies
 * what remains of a heap buffer on every partial write. Each subscriber (the client subscribes
 * again when it retries) gets the whole body from the start; the arrays must not change meanwhile.
 */
final class ByteArraysPublisher implements Flow.Publisher<ByteBuffer> {
    static final int SLICE = 256 * 1024;

    private final List<byte[]> parts;

    ByteArraysPublisher(List<byte[]> parts) {
        this.parts = List.copyOf(parts);
    }

    /** The number of bytes every subscriber receives. */
    long length() {
        long n = 0;
        for (byte[] p : parts) n += p.length;
        return n;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Slices s = new Slices(subscriber);
        subscriber.onSubscribe(s);
        s.drain();
    }

    /** Hands out slices as the subscriber asks for them; {@code request} may come from any thread, even from within {@code onNext}. */
    private final class Slices implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        /** Calls to drain in progress or pending: only the first one to arrive delivers, the others leave it one more pass. */
        private final AtomicInteger draining = new AtomicInteger();
        private volatile boolean done;
        private int part;
        private int offset;

        Slices(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (done) return;
            if (n <= 0) {
                done = true;
                subscriber.onError(new IllegalArgumentException("non-positive request " + n + " (Reactive Streams §3.9)"));
                return;
            }
            demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
            drain();
        }

        @Override
        public void cancel() {
            done = true;
        }

        void drain() {
            if (draining.getAndIncrement() != 0) return;
            do {
                while (!done) {
                    while (part < parts.size() && offset == parts.get(part).length) {
                        part++;
                        offset = 0;
                    }
                    if (part == parts.size()) {
                        done = true;
                        subscriber.onComplete();
                        return;
                    }
                    if (demand.get() == 0) break;
                    byte[] p = parts.get(part);
                    int n = Math.min(SLICE, p.length - offset);
                    ByteBuffer slice = ByteBuffer.wrap(p, offset, n).slice().asReadOnlyBuffer();
                    offset += n;
                    demand.decrementAndGet();
                    subscriber.onNext(slice);
                }
            } while (draining.decrementAndGet() != 0);
        }
    }
}
