package org.chatvault.client.exporter;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What to export.
 *
 * @param conversationIds the conversations to export, by id; empty: all
 * @param since           only messages sent at or after this time (UTC epoch ms); {@link Long#MIN_VALUE}: all
 * @param zone            the time zone readable times are written in (HTML and TXT); JSON always writes UTC epoch ms
 */
public record ExportOptions(List<String> conversationIds, long since, ZoneId zone) {
    public ExportOptions {
        conversationIds = List.copyOf(conversationIds == null ? List.of() : conversationIds);
        Objects.requireNonNull(zone, "zone");
    }

    public static ExportOptions all(ZoneId zone) { return new ExportOptions(List.of(), Long.MIN_VALUE, zone); }
}
