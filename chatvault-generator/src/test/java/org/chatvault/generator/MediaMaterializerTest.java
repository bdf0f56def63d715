package org.chatvault.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.Test;

/** Content files through a {@link MediaShelf}: sizes scaled, content a function of the id, nothing rewritten. */
class MediaMaterializerTest {
    static final long END = 1_767_225_600_000L;

    /** An in-memory shelf over the attachments of a generated history. */
    static final class MemoryShelf implements MediaShelf {
        final List<AttachmentFile> attachments = new ArrayList<>();
        final Map<String, byte[]> files = new TreeMap<>();
        final Map<String, Long> recorded = new TreeMap<>();
        int writes;

        MemoryShelf(GeneratorOptions o) {
            List<Message> all = new ArrayList<>();
            HistoryGenerator.generate(o, HistorySink.of(c -> {}, all::addAll));
            for (Message m : all) {
                if (m.ephemeral()) continue;
                for (Attachment a : m.attachments()) attachments.add(new AttachmentFile(a.contentId(), a.mime(), a.size(), a.thumbnailId()));
            }
        }

        @Override public void forEachAttachment(Consumer<AttachmentFile> sink) { attachments.forEach(sink); }

        @Override public long size(String contentId) { return files.containsKey(contentId) ? files.get(contentId).length : -1; }

        @Override public void write(String contentId, ContentWriter content) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            content.writeTo(out);
            files.put(contentId, out.toByteArray());
            writes++;
        }

        @Override public void recordSize(String contentId, long size) { recorded.put(contentId, size); }

        String digest() throws Exception {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (var e : files.entrySet()) {
                sha.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(e.getValue());
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    @Test
    void writesEachFileOnceAtItsScaledSizeAndTheSameBytesForTheSameSeed() throws Exception {
        MemoryShelf shelf = new MemoryShelf(GeneratorOptions.of(20261130L, 12, 2_000, END));
        assertThat(shelf.attachments).as("the history has media").hasSizeGreaterThan(10);
        long[] progress = {0};
        MediaMaterializer.Report r = MediaMaterializer.materialize(shelf, 0.001, n -> progress[0] += n);

        assertThat(r.files() + r.thumbnails()).isEqualTo(shelf.files.size());
        assertThat(progress[0]).isEqualTo(r.bytes());
        assertThat(shelf.files.values().stream().mapToLong(b -> b.length).sum()).isEqualTo(r.bytes());
        for (var a : shelf.attachments) {
            long scaled = Math.max(1, Math.round(a.size() * 0.001));
            assertThat(shelf.files.get(a.contentId())).hasSize((int) scaled);
            if (scaled != a.size()) assertThat(shelf.recorded).containsEntry(a.contentId(), scaled);
        }
        // Pinned: the demo's and the benchmarks' media must not drift between versions.
        assertThat(shelf.digest()).isEqualTo("1ade5157f3a161ce58dac3e68967810ad6ae36021c4eed39664135e4a939240b");

        int writes = shelf.writes;
        MediaMaterializer.materialize(shelf, 0.001, n -> {});
        assertThat(shelf.writes).as("files already at their size are not written again").isEqualTo(writes);
    }

    @Test
    void refusesAScaleOutsideZeroToOne() {
        MemoryShelf shelf = new MemoryShelf(GeneratorOptions.of(1, 1, 10, END));
        assertThatThrownBy(() -> MediaMaterializer.materialize(shelf, 0, n -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaMaterializer.materialize(shelf, 1.5, n -> {})).isInstanceOf(IllegalArgumentException.class);
    }
}
