package org.chatvault.client.importer;

import java.time.ZoneId;
import java.util.Objects;

/**
 * How to read an export.
 *
 * @param zone the time zone of local times that carry none (WhatsApp, QQ, WeChat's text times); recorded with the import
 */
public record ImportOptions(ZoneId zone) {
    public ImportOptions {
        Objects.requireNonNull(zone, "zone");
    }
}
