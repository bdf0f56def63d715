package org.chatvault.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.chatvault.generator.MediaShelf.AttachmentFile;

/**
 * Writes a content file for every attachment and thumbnail of a generated history, so that
 * backups have real bytes to chunk, deduplicate and encrypt. Photos, videos, voice notes and
 * archives get random bytes (incompressible, as real ones are); text-like files get text.
 * Content is a function of the content id, so a forwarded file is the same bytes everywhere.
 *
 * <p>{@code scale} shrinks every file (0.01 turns a 50 MB video into 500 kB) so tests stay
 * small; the attachments' recorded sizes are set to what was written. Thumbnails (3–24 kB) are
 * scaled only below a scale of 0.01.
 */
public final class MediaMaterializer {
    private static final int BUFFER = 1 << 20;
    private static final int MIN_THUMBNAIL = 3_000;
    private static final int MAX_THUMBNAIL = 24_000;
    private static final int MIN_SCALED_THUMBNAIL = 200;
    private static final String[] WORDS = ("the of and to in is you that it he was for on are as with his they at be this "
            + "have from or one had by word but not what all were we when your can said there use an each which she do "
            + "how their if will up other about out many then them these so some her would make like him into time has "
            + "报告 合同 项目 会议 总结 发票 预算 计划 数据 客户 时间 金额 日期 备注 地址 电话").split(" ");

    public record Report(int files, int thumbnails, long bytes) {}

    private MediaMaterializer() {}

    public static Report materialize(MediaShelf media, double scale, LongConsumer bytesWritten) throws IOException {
        if (!(scale > 0 && scale <= 1)) throw new IllegalArgumentException("media scale must be within (0, 1]");
        Map<String, AttachmentFile> files = new LinkedHashMap<>();
        Set<String> thumbnails = new HashSet<>();
        media.forEachAttachment(u -> {
            files.putIfAbsent(u.contentId(), u);
            if (u.thumbnailId() != null) thumbnails.add(u.thumbnailId());
        });
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int written = 0;
        for (AttachmentFile u : files.values()) {
            long size = Math.max(1, Math.round(u.size() * scale));
            if (media.size(u.contentId()) != size) {
                SplittableRandom r = new SplittableRandom(seedOf(u.contentId()));
                boolean text = textLike(u.mime());
                media.write(u.contentId(), out -> fill(out, size, r, text, buffer));
            }
            if (size != u.size()) media.recordSize(u.contentId(), size);
            total += size;
            written++;
            bytesWritten.accept(size);
        }
        int thumbs = 0;
        for (String id : thumbnails) {
            SplittableRandom r = new SplittableRandom(seedOf(id));
            // Thumbnails shrink only for tiny scales, so a small demo stays small.
            long size = Math.max(MIN_SCALED_THUMBNAIL, Math.round((MIN_THUMBNAIL + r.nextInt(MAX_THUMBNAIL - MIN_THUMBNAIL)) * Math.min(1, scale * 100)));
            if (media.size(id) != size) media.write(id, out -> fill(out, size, r, false, buffer));
            total += size;
            thumbs++;
            bytesWritten.accept(size);
        }
        return new Report(written, thumbs, total);
    }

    static boolean textLike(String mime) {
        return mime.startsWith("text/") || mime.equals("application/msword") || mime.equals("application/pdf");
    }

    static long seedOf(String contentId) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < contentId.length(); i++) h = (h ^ contentId.charAt(i)) * 0x100000001B3L;
        return h;
    }

    private static void fill(OutputStream out, long size, SplittableRandom r, boolean text, byte[] buffer) throws IOException {
        long left = size;
        while (left > 0) {
            int n = (int) Math.min(buffer.length, left);
            if (text) fillText(buffer, n, r);
            else fillRandom(buffer, n, r);
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void fillRandom(byte[] b, int n, SplittableRandom r) {
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long v = r.nextLong();
            for (int k = 0; k < 8; k++, v >>>= 8) b[i + k] = (byte) v;
        }
        for (long v = r.nextLong(); i < n; i++, v >>>= 8) b[i] = (byte) v;
    }

    private static void fillText(byte[] b, int n, SplittableRandom r) {
        int i = 0;
        while (i < n) {
            byte[] w = (WORDS[r.nextInt(WORDS.length)] + (r.nextInt(12) == 0 ? "\n" : " ")).getBytes(StandardCharsets.UTF_8);
            int k = Math.min(w.length, n - i);
            System.arraycopy(w, 0, b, i, k);
            i += k;
        }
    }
}
