package org.chatvault.client.exporter.html;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateException;
import gg.jte.output.WriterOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The export's pages, rendered by jte from the templates in {@code src/main/jte}, precompiled at
 * build time into {@link #PACKAGE}. The content type is HTML, so every {@code ${…}} is escaped for
 * where it stands (text or attribute): a user's string can never become markup.
 */
final class HtmlTemplates {
    static final String PACKAGE = "org.chatvault.client.exporter.html.templates";
    static final String STYLESHEET = "style.css";

    private final TemplateEngine engine =
            TemplateEngine.createPrecompiled(null, ContentType.Html, HtmlTemplates.class.getClassLoader(), PACKAGE);

    void index(Path file, IndexView view) throws IOException { render(file, "index.jte", view); }

    void page(Path file, PageView view) throws IOException { render(file, "conversation.jte", view); }

    /** The one stylesheet every page links: local, so the archive needs no network. */
    void stylesheet(Path dir) throws IOException {
        try (InputStream in = HtmlTemplates.class.getResourceAsStream(STYLESHEET)) {
            if (in == null) throw new IllegalStateException(STYLESHEET + " is missing from the build");
            Files.copy(in, dir.resolve(STYLESHEET));
        }
    }

    private void render(Path file, String template, Object model) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            engine.render(template, model, new WriterOutput(out));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (TemplateException e) {
            // jte wraps the writer's failure; the disk's refusal is the caller's to report (ExportService words it).
            if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
            if (e.getCause() instanceof IOException io) throw io;
            throw e;
        }
    }
}
