package org.chatvault.generator;

import static org.chatvault.generator.Picks.chance;

import java.util.List;
import java.util.SplittableRandom;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;

/**
 * One message at a given place and time: its type, text and attachments, and now and then a
 * reply, a forward, an edit or burn-after-reading. Rates are per message over all types.
 */
final class MessageFactory {
    static final double REPLY_RATE = 0.08;
    static final double FORWARD_RATE = 0.02;
    static final double EDIT_RATE = 0.01;

    private final TextFactory text = new TextFactory();
    private final Links links = new Links(text);
    private final Cards cards = new Cards();
    private final Notices notices = new Notices();
    private final MediaFactory media;
    private final People people;
    private final double ephemeralShare;
    private final long endTime;

    MessageFactory(MediaFactory media, People people, double ephemeralShare, long endTime) {
        this.media = media;
        this.people = people;
        this.ephemeralShare = ephemeralShare;
        this.endTime = endTime;
    }

    /**
     * The {@code index}-th message (from 0) of {@code plan}'s conversation. Ids count up in base 36,
     * so a reply target is simply an earlier count.
     */
    Message create(SplittableRandom r, ConversationPlan plan, TypeMix mix, long index, long sentAt, String sender) {
        ConversationKind kind = plan.conversation().kind();
        MessageType type = mix.pick(r);
        Language lang = plan.languages().pick(r);
        // Forwards, replies and edits are kept exclusive so that each rate holds on its own;
        // forwardable types are ~90% of messages, hence the small lift.
        boolean forwarded = forwardable(type) && chance(r, FORWARD_RATE / 0.9);
        String text = null;
        List<Attachment> attachments = List.of();
        switch (type) {
            case TEXT -> text = kind == ConversationKind.CHANNEL && chance(r, 0.6) || forwarded && chance(r, 0.3)
                    ? this.text.post(r, lang) : this.text.chat(r, lang);
            case IMAGE -> {
                Attachment again = forwarded && chance(r, 0.6) ? media.recentImage(r) : null;
                attachments = again != null ? List.of(again) : media.images(r, sentAt);
                if (chance(r, 0.15)) text = this.text.caption(r, lang);
            }
            case VIDEO -> {
                Attachment again = forwarded && chance(r, 0.6) ? media.recentVideo(r) : null;
                attachments = List.of(again != null ? again : media.video(r, sentAt));
                if (chance(r, 0.1)) text = this.text.caption(r, lang);
            }
            case FILE -> {
                Attachment again = forwarded && chance(r, 0.6) ? media.recentFile(r) : null;
                attachments = List.of(again != null ? again : media.file(r, lang));
            }
            case VOICE -> attachments = List.of(media.voice(r, sentAt));
            case STICKER -> {
                StickerSet.Sticker s = media.sticker(r);
                attachments = List.of(s.attachment());
                text = s.emoji();
            }
            case LINK -> text = links.message(r, lang);
            case LOCATION -> text = cards.location(r);
            case CONTACT -> {
                int p = 1 + r.nextInt(people.size() - 1);
                text = cards.contact(r, people.name(p), lang != Language.EN);
            }
            case POLL -> text = cards.poll(r, lang != Language.EN);
            case SYSTEM -> text = notices.notice(r, kind, plan.languages().main() != Language.EN, sender,
                    someoneElse(r, plan, sender), plan.conversation().title());
        }
        String replyTo = null;
        String forwardedFrom = null;
        Long editedAt = null;
        if (forwarded) {
            forwardedFrom = chance(r, 0.6) ? people.name(1 + r.nextInt(people.size() - 1))
                    : Picks.pick(r, Names.CHANNELS);
        } else if (type != MessageType.SYSTEM) {
            if (index > 0 && chance(r, REPLY_RATE / 0.97)) replyTo = id(replyTarget(r, index));
            if (text != null && editable(type) && chance(r, EDIT_RATE / 0.8)) {
                editedAt = Math.min(endTime, sentAt + 2_000 + (long) (Picks.exponential(r) * 120_000));
            }
        }
        boolean ephemeral = chance(r, ephemeralShare);
        return new Message(plan.conversation().id(), id(index), sentAt, sender, type, text, attachments, replyTo,
                forwardedFrom, editedAt, ephemeral);
    }

    static String id(long index) { return "m" + Long.toString(index, 36); }

    /** Mostly one of the last few messages; sometimes something from long ago. */
    private static long replyTarget(SplittableRandom r, long index) {
        if (chance(r, 0.1)) return r.nextLong(index);
        return index - 1 - Math.min(index - 1, Picks.geometric(r, 3));
    }

    private String someoneElse(SplittableRandom r, ConversationPlan plan, String sender) {
        List<String> members = plan.conversation().participants();
        String other = members.get(r.nextInt(members.size()));
        // Added members are often new to the conversation.
        return other.equals(sender) || chance(r, 0.3) ? people.name(1 + r.nextInt(people.size() - 1)) : other;
    }

    private static boolean editable(MessageType type) {
        return switch (type) {
            case TEXT, IMAGE, VIDEO, LINK -> true;
            default -> false;
        };
    }

    private static boolean forwardable(MessageType type) {
        return switch (type) {
            case TEXT, IMAGE, VIDEO, FILE, LINK -> true;
            default -> false;
        };
    }
}
