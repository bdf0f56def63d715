package org.chatvault.core.format;

import com.github.luben.zstd.Zstd;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Decides the {@code tryCompress} argument of {@link ObjectCodec#seal} for media
 * (docs/FORMAT.md §17). Only a writer's choice: the compression flag is in each body's header, so
 * readers never depend on it. Compressing already-compressed media costs CPU for nothing, so
 * known formats are skipped, text is always tried and the rest is judged on a sample.
 */
public final class CompressionPolicy {
    /** Only the first 64 KiB of a sample are looked at, so the cost per file is bounded. */
    public static final int SAMPLE_BYTES = 64 * 1024;
    /** zstd's fastest level: the sample test only needs to know whether the data has redundancy. */
    private static final int SAMPLE_LEVEL = 1;

    private static final Set<String> COMPRESSED = Set.of(
            "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic",
            "audio/mpeg", "audio/mp4", "audio/aac", "audio/ogg", "audio/opus",
            "application/zip", "application/x-7z-compressed", "application/vnd.rar", "application/gzip");
    /** .docx, .xlsx, .pptx and the other Office Open XML types are zip containers. */
    private static final String OOXML_PREFIX = "application/vnd.openxmlformats-officedocument.";

    private CompressionPolicy() {}

    /**
     * @param mime   the attachment's MIME type; parameters and case are ignored, null means unknown
     * @param sample the start of the file (only its first {@link #SAMPLE_BYTES} bytes are used)
     * @return false for formats that are compressed already; true for text; otherwise whether
     *         zstd level 1 shrinks the sample to less than 90% of its length
     */
    public static boolean shouldTryCompress(String mime, byte[] sample, int off, int len) {
        Objects.checkFromIndexSize(off, len, sample.length);
        String type = normalize(mime);
        if (type.startsWith("video/") || type.startsWith(OOXML_PREFIX) || COMPRESSED.contains(type)) return false;
        if (type.startsWith("text/")) return true;
        return shrinks(sample, off, Math.min(len, SAMPLE_BYTES));
    }

    /** Whether the first bytes compress to under 90%; an empty sample does not. */
    static boolean shrinks(byte[] sample, int off, int len) {
        if (len == 0) return false;
        byte[] out = new byte[(int) Zstd.compressBound(len)];
        long n = Zstd.compressByteArray(out, 0, out.length, sample, off, len, SAMPLE_LEVEL);
        return n * 10 < (long) len * 9;
    }

    private static String normalize(String mime) {
        if (mime == null) return "";
        int semicolon = mime.indexOf(';');
        return (semicolon < 0 ? mime : mime.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
