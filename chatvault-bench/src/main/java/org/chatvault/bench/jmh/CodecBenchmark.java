package org.chatvault.bench.jmh;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.crypto.VaultKeys;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SealedObject;
import org.chatvault.core.format.SegmentCodec;
import org.chatvault.core.model.Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/** The per-segment work of backup and restore: encode, seal (zstd + AES-GCM + HMAC), open, decode. */
public class CodecBenchmark extends ThroughputBenchmark {
    private VaultKeys keys;
    private ObjectCodec codec;
    private List<Message> messages;
    private byte[] segment;
    private SealedObject sealed;

    @Setup
    public void setUp() {
        try (MasterKey mk = MasterKey.generate(new SecureRandom())) {
            keys = mk.deriveVaultKeys();
        }
        codec = new ObjectCodec(keys, new SecureRandom());
        SplittableRandom r = new SplittableRandom(1);
        String[] words = {"hello", "周末", "去", "吃饭", "meeting", "tomorrow", "👍", "好的", "ok", "see", "you", "哈哈哈"};
        messages = new ArrayList<>();
        long t = 1_700_000_000_000L;
        for (int i = 0; i < 4_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 1 + r.nextInt(12); w > 0; w--) sb.append(words[r.nextInt(words.length)]).append(' ');
            t += 1 + r.nextInt(60_000);
            messages.add(Message.text("c42", "m" + i, t, "user" + r.nextInt(5), sb.toString()));
        }
        segment = SegmentCodec.encode("c42", messages);
        sealed = codec.seal(ObjectKind.SEGMENT, 202611, segment);
    }

    @TearDown
    public void tearDown() {
        keys.close();
    }

    /** Messages per second through the segment encoder. */
    @Benchmark
    public byte[] encodeSegment() { return SegmentCodec.encode("c42", messages); }

    @Benchmark
    public SealedObject sealSegment() { return codec.seal(ObjectKind.SEGMENT, 202611, segment); }

    @Benchmark
    public byte[] openSegment() { return codec.open(sealed.id(), ObjectKind.SEGMENT, sealed.body()); }

    @Benchmark
    public SegmentCodec.Segment decodeSegment() { return SegmentCodec.decode(segment); }
}
