package org.chatvault.client.exporter;

import java.util.Locale;

/** The readable forms the LocalStore can be exported to (docs/EXPORT.md). */
public enum ExportFormat {
    /** A self-contained, offline, browsable archive: an index page and pages per conversation. */
    HTML,
    /** One plain-text file per conversation, in the style of WhatsApp's and QQ's exports. */
    TXT,
    /** Chatvault's open JSON schema, which {@code import --format chatvault-json} reads back losslessly. */
    JSON;

    public String cliName() { return name().toLowerCase(Locale.ROOT); }
}
