package org.chatvault.client.exporter.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chatvault.client.exporter.ExportFormat;
import org.chatvault.client.exporter.ExportOptions;
import org.chatvault.client.exporter.ExportReport;
import org.chatvault.client.exporter.ExportService;
import org.chatvault.client.exporter.Exporters;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlExporterTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 2024-03-10 12:00 UTC. */
    private static final long T0 = Instant.parse("2024-03-10T12:00:00Z").toEpochMilli();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T18:00:00Z"), ZoneOffset.UTC);

    @TempDir Path dir;
    private LocalStore store;
    private HtmlHistory history;
    private Path out;

    @BeforeEach
    void open() {
        store = LocalStore.open(dir.resolve("local.db"));
        history = new HtmlHistory(store);
        out = dir.resolve("export");
    }

    @AfterEach
    void close() { store.close(); }

    private ExportReport export(int pageSize, ExportOptions options) throws IOException {
        Files.createDirectories(out);
        return new HtmlExporter(pageSize, CLOCK).export(store, out, options);
    }

    private String read(String file) throws IOException { return Files.readString(out.resolve(file), StandardCharsets.UTF_8); }

    private List<String> pages() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("conv-")).sorted().toList();
        }
    }

    @Test
    void everyUserStringIsEscapedInTitlesNamesTextAndFileNames() throws IOException {
        String evil = "<script>alert(\"x\")</script> & <b onmouseover='y'>";
        String photo = HtmlHistory.contentId(7);
        history.png(photo, 8, 8, Color.GREEN);
        history.conversation("c-evil", ConversationKind.GROUP, "Tom & Jerry " + evil, "Bob \"the <i>\"", "me");
        history.add(new Message("c-evil", "1", T0, "Bob \"the <i>\" & co", MessageType.TEXT, "hi " + evil, List.of(), null,
                        "Fwd <img src=x onerror=alert(1)>", null, false),
                new Message("c-evil", "2", T0 + 1000, "me", MessageType.FILE, null,
                        List.of(new Attachment("absent-1f2e3d4c", "<svg onload=alert(1)>.pdf", "application/pdf", 10, null)),
                        "1", null, null, false),
                new Message("c-evil", "3", T0 + 2000, "me", MessageType.IMAGE, null,
                        List.of(new Attachment(photo, "a\" onerror=\"alert(1)\".png", "image/png", 10, null)), null, null, null, false));

        export(100, ExportOptions.all(BERLIN));

        List<String> files = Stream.concat(Stream.of(HtmlExporter.INDEX), pages().stream()).toList();
        assertThat(files).hasSize(2);
        for (String f : files) {
            String html = read(f);
            assertThat(html).as(f).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<b onmouseover")
                    .doesNotContainIgnoringCase("<img src=x").doesNotContainIgnoringCase("<svg")
                    .doesNotContainIgnoringCase("<i>").contains("&lt;script&gt;").contains("Tom &amp; Jerry");
        }
        String page = read(pages().get(0));
        // In text a quote is harmless and stays; inside an attribute it is escaped, so it cannot end the value.
        assertThat(page).contains("Bob \"the &lt;i&gt;\" &amp; co").contains("Fwd &lt;img src=x onerror=alert(1)&gt;")
                .contains("&lt;svg onload=alert(1)&gt;.pdf")
                .contains("alt=\"a&#34; onerror=&#34;alert(1)&#34;.png\"")
                .doesNotContain("onerror=\"alert");
    }

    @Test
    void pagesHoldAtMostThePageSizeLinkOlderAndNewerAndTheIndexOpensTheNewest() throws IOException {
        history.conversation("big", ConversationKind.DIRECT, "Ann", "Ann", "me");
        history.texts("big", 25, T0, "line");

        ExportReport report = export(10, ExportOptions.all(BERLIN));

        assertThat(report.messages()).isEqualTo(25);
        List<String> pages = pages();
        assertThat(pages).hasSize(3);
        String stem = pages.get(0).substring(0, pages.get(0).lastIndexOf('-'));
        assertThat(stem).matches("conv-[0-9a-f]{8}");
        String first = read(stem + "-1.html");
        String second = read(stem + "-2.html");
        String newest = read(stem + "-3.html");
        assertThat(texts(first)).containsExactly(range(1, 10));
        assertThat(texts(second)).containsExactly(range(11, 20));
        assertThat(texts(newest)).containsExactly(range(21, 25));
        assertThat(first).doesNotContain("rel=\"prev\"").contains("rel=\"next\" href=\"" + stem + "-2.html\"");
        assertThat(second).contains("rel=\"prev\" href=\"" + stem + "-1.html\"").contains("rel=\"next\" href=\"" + stem + "-3.html\"");
        assertThat(newest).contains("rel=\"prev\" href=\"" + stem + "-2.html\"").contains("rel=\"first\" href=\"" + stem + "-1.html\"")
                .doesNotContain("rel=\"next\"").contains("id=\"newest\"");
        assertThat(first + second).doesNotContain("id=\"newest\"");
        String index = read(HtmlExporter.INDEX);
        assertThat(index).contains("href=\"" + stem + "-3.html#newest\"").contains("25 message(s)").contains("3 pages");
    }

    @Test
    void theIndexListsNewestActivityFirstWithCountsAndLastTimesInTheZone() throws IOException {
        history.conversation("old", ConversationKind.GROUP, "Old friends");
        history.conversation("new", ConversationKind.DIRECT, "", "Carla", "me");
        history.conversation("none", ConversationKind.CHANNEL, "Quiet channel");
        history.texts("old", 3, T0, "old");
        history.texts("new", 2, T0 + 86_400_000L, "new");

        ExportReport report = export(100, ExportOptions.all(BERLIN));

        assertThat(report.conversations()).isEqualTo(3);
        String index = read(HtmlExporter.INDEX);
        assertThat(index.indexOf("Carla, me")).isPositive().isLessThan(index.indexOf("Old friends"));
        assertThat(index.indexOf("Old friends")).isLessThan(index.indexOf("Quiet channel"));
        // The newest of "new": 2024-03-11 12:02 UTC is 13:02 in Berlin (CET, +01:00).
        assertThat(index).contains("Last message 2024-03-11 13:02:00 +01:00 (Europe/Berlin)").contains("2 message(s)")
                .contains("3 message(s)").contains("No messages in this export").contains("Times in Europe/Berlin")
                .contains("Exported 2026-11-30 19:00:00 +01:00");
        assertThat(read(pages().stream().filter(p -> {
            try {
                return read(p).contains("Quiet channel");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).findFirst().orElseThrow())).contains("No messages in this export");
    }

    @Test
    void imagesShowTheirThumbnailLinkingTheFileAndAbsentFilesAreNamed() throws IOException {
        history.conversation("p", ConversationKind.DIRECT, "Photos", "Ann", "me");
        String full = HtmlHistory.contentId(1);
        String thumb = HtmlHistory.contentId(2);
        String bare = HtmlHistory.contentId(3);
        history.png(full, 64, 48, Color.BLUE);
        history.png(thumb, 16, 12, Color.BLUE);
        history.png(bare, 30, 30, Color.RED);
        history.add(HtmlHistory.photo("p", "1", T0, "Ann", "with thumb", full, thumb),
                HtmlHistory.photo("p", "2", T0 + 1, "Ann", "no thumb", bare, null),
                new Message("p", "3", T0 + 2, "me", MessageType.VOICE, null,
                        List.of(new Attachment("absent-0a1b2c3d", "voice note.ogg", "audio/ogg", 4096, null)), null, null, null, false),
                new Message("p", "4", T0 + 3, "me", MessageType.IMAGE, null,
                        List.of(new Attachment(HtmlHistory.contentId(9), "lost.jpg", "image/jpeg", 0, thumb)), null, null, null, false));

        ExportReport report = export(100, ExportOptions.all(BERLIN));

        String page = read(pages().get(0));
        String fullFile = "media/holiday_photo_" + full.substring(0, 16) + ".png";
        String thumbFile = "media/thumb_holiday_photo_" + thumb.substring(0, 16) + ".jpg";
        String bareFile = "media/holiday_photo_" + bare.substring(0, 16) + ".png";
        assertThat(page).contains("<a class=\"image\" href=\"" + fullFile + "\"><img src=\"" + thumbFile + "\"")
                .contains("<a class=\"image\" href=\"" + bareFile + "\"><img src=\"" + bareFile + "\"")
                .contains("loading=\"lazy\"")
                .contains("voice note.ogg (4.0 KB) — not on this device")
                .contains("lost.jpg — full image not on this device");
        for (String f : List.of(fullFile, thumbFile, bareFile)) assertThat(out.resolve(f)).isRegularFile();
        assertThat(Files.readAllBytes(out.resolve(fullFile))).isEqualTo(Files.readAllBytes(store.media().path(full)));
        // The thumbnail twice: beside the first photo, and under the lost photo's name beside it.
        assertThat(report.mediaFiles()).isEqualTo(4);
        assertThat(report.mediaMissing()).isEqualTo(2);
        assertThat(out.resolve(HtmlTemplates.STYLESHEET)).isRegularFile();
    }

    @Test
    void repliesForwardsEditsSystemLinesAndTimesAreShownInTheZone() throws IOException {
        history.conversation("g", ConversationKind.GROUP, "Club", "Ann", "Bob", "me");
        history.add(new Message("g", "s", T0, "system", MessageType.SYSTEM, "Ann created the group", List.of(), null, null, null, false),
                Message.text("g", "q", T0 + 60_000, "Ann", "Shall we meet\non Friday?"),
                new Message("g", "a", T0 + 120_000, "me", MessageType.TEXT, "Yes!", List.of(), "q", null, T0 + 180_000L, false),
                new Message("g", "f", T0 + 240_000, "Bob", MessageType.TEXT, "map", List.of(), "gone", "Dora", null, false),
                new Message("g", "l", T0 + 300_000, "Bob", MessageType.LOCATION, null, List.of(), null, null, null, true));

        export(2, ExportOptions.all(BERLIN));

        List<String> pages = pages();
        assertThat(pages).hasSize(3);
        String all = read(pages.get(0)) + read(pages.get(1)) + read(pages.get(2));
        assertThat(read(pages.get(0))).contains("<p class=\"system\" id=\"m1\"><time title=\"2024-03-10 13:00:00 +01:00 (Europe/Berlin)\">13:00</time> Ann created the group</p>");
        // The reply sits on page 2, the message it answers on page 1: the link crosses pages.
        assertThat(read(pages.get(1))).contains("<a class=\"reply\" href=\"" + pages.get(0) + "#m2\"><span class=\"sender\">Ann</span> Shall we meet on Friday?</a>")
                .contains("edited 10 Mar 2024 13:03").contains("class=\"message mine\"")
                .contains("Forwarded from Dora").contains("In reply to a message not in this export");
        assertThat(all).contains("Shall we meet\non Friday?").contains("<p class=\"kind\">Location</p>").contains("view once")
                .contains("Sunday 10 March 2024");
    }

    @Test
    void onlyTheChosenConversationsFromTheChosenDayOnAreExportedThroughTheRegistry() throws IOException {
        history.conversation("a", ConversationKind.DIRECT, "Alpha", "Ann", "me");
        history.conversation("b", ConversationKind.DIRECT, "Beta", "Ben", "me");
        history.texts("a", 10, T0, "alpha");
        history.texts("b", 10, T0, "beta");

        assertThat(Exporters.of(ExportFormat.HTML)).isInstanceOf(HtmlExporter.class);
        ExportReport report = new ExportService(store).run(out, ExportFormat.HTML,
                new ExportOptions(List.of("a"), T0 + 6 * 60_000L, BERLIN));

        assertThat(report.conversations()).isEqualTo(1);
        assertThat(report.messages()).isEqualTo(5);
        String index = read(HtmlExporter.INDEX);
        assertThat(index).contains("Alpha").doesNotContain("Beta").contains("from Sunday 10 March 2024 on");
        assertThat(texts(read(pages().get(0)))).containsExactly(range(6, 10));
    }

    private static String[] range(int from, int to) {
        String[] out = new String[to - from + 1];
        for (int n = from; n <= to; n++) out[n - from] = String.valueOf(n);
        return out;
    }

    /** The numbers of the "prefix n" texts on a page, in page order. */
    private static List<String> texts(String html) {
        Matcher m = Pattern.compile("<p class=\"text\">\\w+ (\\d+)</p>").matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
