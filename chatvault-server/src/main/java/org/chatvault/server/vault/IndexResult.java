package org.chatvault.server.vault;

import java.util.List;

/**
 * What indexing a batch added: objects another upload indexed first are not counted.
 *
 * @param unusedPackKeys packs none of whose objects were new after all (a concurrent upload of
 *                       the same objects won); they were not indexed and their blobs can be deleted
 */
public record IndexResult(int objects, long bytes, List<String> unusedPackKeys) {}
