package org.chatvault.client.exporter.html;

import java.util.List;

/**
 * One message as the page shows it, every string still raw (the template escapes it).
 *
 * @param anchor        the element id a reply links to
 * @param dayBreak      the day's heading when this message is the first of a day on its page, else null
 * @param mine          sent by the user (sender {@code me}): shown on the other side
 * @param system        a service line (someone joined, the title changed): shown centred, without a sender
 * @param time          hours and minutes; {@code fullTime} the whole date and time with the zone
 * @param text          may be null
 * @param typeLabel     what a message without text or files is (a location, a poll), or null
 * @param forwardedFrom who the message was forwarded from, or null
 * @param edited        when it was last edited, readable, or null
 * @param reply         the message this one answers, or null
 */
public record MessageView(String anchor, String dayBreak, String sender, boolean mine, boolean system, String time,
                          String fullTime, String text, String typeLabel, String forwardedFrom, String edited,
                          Reply reply, List<AttachmentView> attachments, boolean ephemeral) {
    public MessageView {
        attachments = List.copyOf(attachments);
    }

    /**
     * The message a reply answers.
     *
     * @param href    where it is in this export (page and anchor); null when the export does not hold it
     * @param sender  its sender; null when unknown
     * @param snippet the start of its text; null when unknown
     */
    public record Reply(String href, String sender, String snippet) {}
}
