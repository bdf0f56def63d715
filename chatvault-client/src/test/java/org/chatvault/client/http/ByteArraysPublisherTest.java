package org.chatvault.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class ByteArraysPublisherTest {
    /** Asks for one buffer at a time from within onNext, as the JDK's HTTP/1.1 writer does; records what arrives. */
    private static class OneAtATime implements Flow.Subscriber<ByteBuffer> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> sizes = new ArrayList<>();
        int completions;
        Throwable error;
        Flow.Subscription subscription;

        @Override public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override public void onNext(ByteBuffer b) {
            sizes.add(b.remaining());
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            bytes.writeBytes(copy);
            subscription.request(1);
        }

        @Override public void onError(Throwable t) { error = t; }

        @Override public void onComplete() { completions++; }
    }

    private static List<byte[]> parts() {
        Random r = new Random(13);
        List<byte[]> parts = new ArrayList<>();
        for (int size : new int[] {4, 0, 37, ByteArraysPublisher.SLICE, 0, 3 * ByteArraysPublisher.SLICE + 5, 1}) {
            byte[] p = new byte[size];
            r.nextBytes(p);
            parts.add(p);
        }
        return parts;
    }

    private static byte[] joined(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    @Test
    void deliversEveryByteInOrderInBoundedSlicesAndCompletesOnce() {
        List<byte[]> parts = parts();
        ByteArraysPublisher publisher = new ByteArraysPublisher(parts);
        OneAtATime s = new OneAtATime();
        publisher.subscribe(s);

        assertThat(s.bytes.toByteArray()).isEqualTo(joined(parts));
        assertThat(publisher.length()).isEqualTo(joined(parts).length);
        assertThat(s.sizes).allSatisfy(n -> assertThat(n).isBetween(1, ByteArraysPublisher.SLICE));
        assertThat(s.completions).isEqualTo(1);
        assertThat(s.error).isNull();
    }

    @Test
    void aSecondSubscriberAsOnARetryGetsTheWholeBodyAgain() {
        List<byte[]> parts = parts();
        ByteArraysPublisher publisher = new ByteArraysPublisher(parts);
        OneAtATime first = new OneAtATime();
        publisher.subscribe(first);
        OneAtATime second = new OneAtATime();
        publisher.subscribe(second);

        assertThat(second.bytes.toByteArray()).isEqualTo(joined(parts));
        assertThat(second.completions).isEqualTo(1);
    }

    @Test
    void slicesAreViewsTheSubscriberCannotWriteThrough() {
        byte[] part = {1, 2, 3};
        List<ByteBuffer> got = new ArrayList<>();
        new ByteArraysPublisher(List.of(part)).subscribe(new Flow.Subscriber<>() {
            @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
            @Override public void onNext(ByteBuffer b) { got.add(b); }
            @Override public void onError(Throwable t) {}
            @Override public void onComplete() {}
        });
        assertThat(got).hasSize(1);
        assertThat(got.get(0).isReadOnly()).isTrue();
    }

    @Test
    void nothingMoreArrivesAfterCancel() {
        List<byte[]> parts = parts();
        OneAtATime s = new OneAtATime() {
            @Override public void onNext(ByteBuffer b) {
                sizes.add(b.remaining());
                subscription.cancel();
                subscription.request(1);
            }
        };
        new ByteArraysPublisher(parts).subscribe(s);
        assertThat(s.sizes).hasSize(1);
        assertThat(s.completions).isZero();
    }

    @Test
    void anEmptyBodyCompletesWithoutBuffers() {
        OneAtATime s = new OneAtATime();
        new ByteArraysPublisher(List.of(new byte[0])).subscribe(s);
        assertThat(s.sizes).isEmpty();
        assertThat(s.completions).isEqualTo(1);
    }
}
