package org.chatvault.core.model;

import java.util.Objects;

/**
 * A file attached to a message. {@code contentId} names the content (a hash chosen by the chat
 * app or importer); {@code thumbnailId} is null when there is no thumbnail.
 */
public record Attachment(String contentId, String name, String mime, long size, String thumbnailId) {
    public Attachment {
        Objects.requireNonNull(contentId, "contentId");
        name = name == null ? "" : name;
        mime = mime == null ? "application/octet-stream" : mime;
        if (size < 0) throw new IllegalArgumentException("negative attachment size");
    }
}
