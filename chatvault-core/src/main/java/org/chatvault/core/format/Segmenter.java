package org.chatvault.core.format;

import java.util.function.Consumer;
import org.chatvault.core.model.Message;

/**
 * Cuts one conversation's messages, fed in (sentAt, id) order, into segments of at most
 * {@link #MAX_PLAINTEXT} bytes that never span a UTC calendar month. The cut is a pure function
 * of the messages, so unchanged history re-encodes to the same ids.
 */
public final class Segmenter {
    public static final int MAX_PLAINTEXT = 256 * 1024;

    private final String conversationId;
    private final Consumer<SegmentDraft> sink;
    private final ByteWriter body = new ByteWriter(MAX_PLAINTEXT + 1024);
    private int month;
    private int count;
    private long first;
    private long last;

    public Segmenter(String conversationId, Consumer<SegmentDraft> sink) {
        this.conversationId = conversationId;
        this.sink = sink;
    }

    public void add(Message m) {
        if (!m.conversationId().equals(conversationId))
            throw new IllegalArgumentException("message of conversation " + m.conversationId() + " fed to the segmenter of " + conversationId);
        if (m.ephemeral()) return;
        if (m.sentAt() < last && count > 0) throw new IllegalArgumentException("messages must arrive in time order");
        int mMonth = Months.of(m.sentAt());
        if (count > 0 && mMonth != month) flush();
        // Encoded straight into the segment; taken back out if it does not fit, to open the next one.
        int mark = body.size();
        SegmentCodec.encodeMessage(body, m, count == 0 ? 0 : last);
        if (count > 0 && body.size() > MAX_PLAINTEXT - headerAllowance()) {
            body.truncate(mark);
            flush();
            SegmentCodec.encodeMessage(body, m, 0);
        }
        if (count == 0) {
            month = mMonth;
            first = m.sentAt();
        }
        last = m.sentAt();
        count++;
    }

    /** Emits the open segment, if any. Call once after the last message. */
    public void finish() {
        if (count > 0) flush();
    }

    private int headerAllowance() { return 16 + conversationId.length() * 3; }

    private void flush() {
        byte[] plain = SegmentCodec.assemble(conversationId, count, body);
        sink.accept(new SegmentDraft(conversationId, month, first, last, count, plain));
        body.reset();
        count = 0;
    }

    /** A segment's plaintext and what the conversation index records about it. */
    public record SegmentDraft(String conversationId, int month, long firstSentAt, long lastSentAt, int count, byte[] plaintext) {}
}
