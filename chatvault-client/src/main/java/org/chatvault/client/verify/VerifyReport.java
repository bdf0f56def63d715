package org.chatvault.client.verify;

import java.util.List;

/** What verify checked and every problem it found, each naming where it is. */
public record VerifyReport(long version, int conversations, long segments, long messages, long mediaFiles, long mediaObjectsRead,
                           long bytes, List<String> problems) {
    public boolean ok() { return problems.isEmpty(); }
}
