package org.chatvault.server.vault;

import java.util.List;
import org.chatvault.core.format.ObjectId;

/** A parsed commit: ids already validated. */
public record CommitRequest(long baseVersion, ObjectId root, List<ObjectId> added, List<ObjectId> dropped) {}
