package org.chatvault.core.format;

import java.util.Arrays;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/**
 * How two copies of the same message, written on different devices, become one (docs/SYNC.md §2).
 * A message is identified by its conversation, its id and its send time (which an edit never
 * changes). The copy with the later {@code editedAt} wins (an unedited copy is older than any
 * edit); between copies edited at the same moment, or both unedited but different, the one
 * whose canonical encoding is greater (unsigned byte order) wins, so every device picks the
 * same copy without talking to the others. The rule is commutative and associative: devices
 * that merge in any order converge. Conversation metadata follows the same rule with its
 * recorded change time in place of {@code editedAt}.
 */
public final class MergeRules {
    private MergeRules() {}

    /** Which copy a merge keeps. */
    public enum Winner { LOCAL, VAULT, SAME }

    /** Compares the copy this device holds with the copy from the vault. */
    public static Winner winner(Message local, Message vault) {
        if (!local.conversationId().equals(vault.conversationId()) || !local.id().equals(vault.id()) || local.sentAt() != vault.sentAt())
            throw new IllegalArgumentException("not two copies of one message: " + key(local) + " and " + key(vault));
        int byEdit = Long.compare(editTime(local), editTime(vault));
        if (byEdit != 0) return byEdit > 0 ? Winner.LOCAL : Winner.VAULT;
        int byBytes = Arrays.compareUnsigned(SegmentCodec.canonicalBytes(local), SegmentCodec.canonicalBytes(vault));
        if (byBytes == 0) return Winner.SAME;
        return byBytes > 0 ? Winner.LOCAL : Winner.VAULT;
    }

    /** The copy a merge keeps (either argument when they are the same). */
    public static Message merge(Message a, Message b) {
        return winner(a, b) == Winner.VAULT ? b : a;
    }

    /**
     * Which copy of a conversation's metadata (kind, title, participants) a merge keeps: the one
     * changed later; at the same change time (or both unrecorded, 0), the one whose encoding is
     * greater, as for messages.
     */
    public static Winner winner(Conversation local, long localChangedAt, Conversation vault, long vaultChangedAt) {
        if (!local.id().equals(vault.id())) throw new IllegalArgumentException("not one conversation: " + local.id() + " and " + vault.id());
        int byTime = Long.compare(localChangedAt, vaultChangedAt);
        if (byTime != 0) return byTime > 0 ? Winner.LOCAL : Winner.VAULT;
        int byBytes = Arrays.compareUnsigned(canonical(local), canonical(vault));
        if (byBytes == 0) return Winner.SAME;
        return byBytes > 0 ? Winner.LOCAL : Winner.VAULT;
    }

    private static byte[] canonical(Conversation c) {
        ByteWriter w = new ByteWriter(64);
        w.u8(c.kind().code()).string(c.title()).varint(c.participants().size());
        for (String p : c.participants()) w.string(p);
        return w.toByteArray();
    }

    private static long editTime(Message m) {
        return m.editedAt() == null ? Long.MIN_VALUE : m.editedAt();
    }

    private static String key(Message m) {
        return m.conversationId() + "/" + m.id() + "@" + m.sentAt();
    }
}
