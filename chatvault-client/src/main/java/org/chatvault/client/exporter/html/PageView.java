package org.chatvault.client.exporter.html;

import java.util.List;

/**
 * What {@code conversation.jte} shows: one page of a conversation, its messages oldest first.
 *
 * @param subtitle   the kind of chat and who is in it
 * @param dateRange  the days this page covers, readable; null for an empty conversation
 * @param olderHref  the page before this one; null on the first
 * @param newerHref  the page after this one; null on the newest
 * @param oldestHref the conversation's first page; null on the first
 */
public record PageView(String title, String subtitle, int page, String dateRange, String olderHref, String newerHref,
                       String oldestHref, List<MessageView> messages) {
    public PageView {
        messages = List.copyOf(messages);
    }
}
