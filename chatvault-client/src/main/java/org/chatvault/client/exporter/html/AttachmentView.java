package org.chatvault.client.exporter.html;

/**
 * A message's file as the page shows it.
 *
 * @param href          the file in the export's media folder, relative to the page; null when this device lacks it
 * @param thumbnailHref the thumbnail (images and videos), or null
 * @param size          readable size ("1.2 MB"), or null when unknown
 */
public record AttachmentView(Kind kind, String name, String mime, String href, String thumbnailHref, String size) {
    /** How the page presents the file. */
    public enum Kind { IMAGE, VIDEO, AUDIO, FILE }

    /** Neither the file nor a thumbnail is on this device: the page names it only. */
    public boolean absent() { return href == null && thumbnailHref == null; }

    public boolean isImage() { return kind == Kind.IMAGE; }

    public boolean isVideo() { return kind == Kind.VIDEO; }

    public boolean isAudio() { return kind == Kind.AUDIO; }
}
