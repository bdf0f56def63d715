package org.chatvault.generator;

import static org.chatvault.generator.Picks.chance;
import static org.chatvault.generator.Picks.logNormal;
import static org.chatvault.generator.Picks.pick;
import static org.chatvault.generator.Picks.skewed;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.chatvault.core.model.Attachment;

/**
 * Attachment metadata with the names, types and sizes phones actually produce: camera and
 * messenger photo names, voice notes whose size follows their length, office documents with
 * "_final" in the name. Media content is not generated, only described.
 */
final class MediaFactory {
    private record FileKind(String ext, String mime, double medianBytes) {}

    private static final FileKind[] FILE_KINDS = {
            new FileKind("pdf", "application/pdf", 600e3),
            new FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 120e3),
            new FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 60e3),
            new FileKind("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", 4e6),
            new FileKind("zip", "application/zip", 15e6),
            new FileKind("txt", "text/plain", 6e3),
            new FileKind("doc", "application/msword", 200e3),
            new FileKind("csv", "text/csv", 150e3),
            new FileKind("mp3", "audio/mpeg", 5e6),
            new FileKind("rar", "application/vnd.rar", 20e6),
            new FileKind("apk", "application/vnd.android.package-archive", 50e6),
    };
    private static final String[] ZH_FILES = Names.list("报价单|合同扫描件|项目计划|会议纪要|简历|年度总结|发票|装修清单"
            + "|课程表|体检报告|产品需求文档|财务报表|照片打包|论文初稿|旅行攻略|租房合同|工资表|测试报告|报名表|通讯录");
    private static final String[] EN_FILES = Names.list("Q3 report|invoice|resume|slides|meeting notes|contract signed"
            + "|budget 2024|design spec|photos|thesis draft|itinerary|lease agreement|release notes|roadmap|tax return"
            + "|boarding pass|menu|onboarding|sales data|wedding guest list");
    private static final String[] FILE_SUFFIXES = Names.list("||||_v2|_final|(1)| final final|_修改版|-2024|_签字版|_v3|_new");
    private static final String[] GIF_NAMES = Names.list("giphy.gif|动图.gif|reaction.gif|tenor.gif");

    private final StickerSet stickers;
    // Recently sent media, for forwards: the same photo travelling to another chat keeps its content id.
    private final Recent recentImages = new Recent();
    private final Recent recentVideos = new Recent();
    private final Recent recentFiles = new Recent();
    private final StringBuilder sb = new StringBuilder(64);

    MediaFactory(StickerSet stickers) { this.stickers = stickers; }

    StickerSet.Sticker sticker(SplittableRandom r) { return stickers.pick(r); }

    /** One photo, or now and then an album of several. */
    List<Attachment> images(SplittableRandom r, long sentAt) {
        if (!chance(r, 0.05)) return List.of(image(r, sentAt));
        int n = 2 + r.nextInt(8);
        List<Attachment> album = new ArrayList<>(n);
        for (int i = 0; i < n; i++) album.add(image(r, sentAt - (n - i) * 7_000L));
        return album;
    }

    Attachment image(SplittableRandom r, long sentAt) {
        double u = r.nextDouble();
        sb.setLength(0);
        String mime = "image/jpeg";
        double median = 450e3;
        if (u < 0.30) {
            sb.append("IMG_").append(1000 + r.nextInt(9000)).append(".JPG");
        } else if (u < 0.55) {
            sb.append("mmexport").append(sentAt - r.nextInt(86_400_000)).append(".jpg");
        } else if (u < 0.75) {
            Dates.append(sb.append("IMG_"), sentAt - r.nextInt(86_400_000), (char) 0, '_', (char) 0).append(".jpg");
        } else if (u < 0.85) {
            Dates.append(sb.append("Screenshot_"), sentAt - r.nextInt(600_000), (char) 0, '-', (char) 0).append(".png");
            mime = "image/png";
            median = 900e3;
        } else if (u < 0.92) {
            Dates.append(sb.append("photo_"), sentAt, '-', '_', '-').append(".jpg");
            median = 150e3; // already recompressed by a messenger
        } else if (u < 0.97) {
            sb.append("IMG_").append(1000 + r.nextInt(9000)).append(".HEIC");
            mime = "image/heic";
            median = 1.5e6;
        } else {
            sb.append(pick(r, GIF_NAMES));
            mime = "image/gif";
            median = 1.2e6;
        }
        Attachment a = new Attachment(ContentIds.next(r), sb.toString(), mime,
                logNormal(r, median, 0.7, 12_000, 40_000_000), ContentIds.next(r));
        recentImages.add(a);
        return a;
    }

    Attachment voice(SplittableRandom r, long sentAt) {
        int seconds = (int) Math.min(60, 1 + Picks.geometric(r, 9));
        double u = r.nextDouble();
        sb.setLength(0);
        String mime;
        int bytesPerSecond;
        if (u < 0.45) {
            sb.append("voice_").append(sentAt).append(".amr");
            mime = "audio/amr";
            bytesPerSecond = 1_600;
        } else if (u < 0.8) {
            Dates.append(sb.append("audio_"), sentAt, '-', '_', '-').append(".ogg");
            mime = "audio/ogg";
            bytesPerSecond = 4_000;
        } else {
            Dates.append(sb.append("PTT-"), sentAt, (char) 0, (char) 0, (char) 0);
            sb.setLength(sb.length() - 6); // WhatsApp names voice notes by day only
            sb.append("-WA").append(1000 + r.nextInt(9000)).append(".opus");
            mime = "audio/ogg";
            bytesPerSecond = 3_000;
        }
        long size = (long) seconds * bytesPerSecond + r.nextInt(bytesPerSecond);
        return new Attachment(ContentIds.next(r), sb.toString(), mime, size, null);
    }

    Attachment video(SplittableRandom r, long sentAt) {
        int seconds = (int) Math.min(900, 2 + Picks.geometric(r, 35));
        double u = r.nextDouble();
        sb.setLength(0);
        String mime = "video/mp4";
        if (u < 0.35) {
            Dates.append(sb.append("VID_"), sentAt - r.nextInt(86_400_000), (char) 0, '_', (char) 0).append(".mp4");
        } else if (u < 0.6) {
            sb.append("mmexport").append(sentAt - r.nextInt(86_400_000)).append(".mp4");
        } else if (u < 0.8) {
            sb.append("IMG_").append(1000 + r.nextInt(9000)).append(".MOV");
            mime = "video/quicktime";
        } else {
            Dates.append(sb.append("video_"), sentAt, '-', '_', '-').append(".mp4");
        }
        // Bit rates from a messenger's 1 Mbit/s re-encode to a phone camera's 16 Mbit/s.
        long bytesPerSecond = logNormal(r, 400_000, 0.6, 100_000, 2_000_000);
        Attachment a = new Attachment(ContentIds.next(r), sb.toString(), mime, seconds * bytesPerSecond,
                ContentIds.next(r));
        recentVideos.add(a);
        return a;
    }

    Attachment file(SplittableRandom r, Language lang) {
        FileKind kind = skewedKind(r);
        sb.setLength(0);
        sb.append(lang == Language.EN ? pick(r, EN_FILES) : pick(r, ZH_FILES)).append(skewed(r, FILE_SUFFIXES))
                .append('.').append(kind.ext());
        Attachment a = new Attachment(ContentIds.next(r), sb.toString(), kind.mime(),
                logNormal(r, kind.medianBytes(), 1.0, 200, 2_000_000_000L), null);
        recentFiles.add(a);
        return a;
    }

    /** Media sent earlier, anywhere, to forward again unchanged; null when none of that kind yet. */
    Attachment recentImage(SplittableRandom r) { return recentImages.pick(r); }

    Attachment recentVideo(SplittableRandom r) { return recentVideos.pick(r); }

    Attachment recentFile(SplittableRandom r) { return recentFiles.pick(r); }

    private static FileKind skewedKind(SplittableRandom r) {
        double u = r.nextDouble();
        return FILE_KINDS[(int) (FILE_KINDS.length * u * u)];
    }

    /** A ring of the last 256 attachments of one kind. */
    private static final class Recent {
        private final Attachment[] ring = new Attachment[256];
        private int next;
        private int filled;

        void add(Attachment a) {
            ring[next] = a;
            next = (next + 1) % ring.length;
            filled = Math.min(filled + 1, ring.length);
        }

        Attachment pick(SplittableRandom r) { return filled == 0 ? null : ring[r.nextInt(filled)]; }
    }
}
