package org.chatvault.generator;

import java.util.SplittableRandom;
import org.chatvault.core.model.ConversationKind;

/**
 * System messages, worded as the apps word them once exported: members added and leaving, renames,
 * recalled messages, calls. The sender is the person who acted.
 */
final class Notices {
    private final StringBuilder sb = new StringBuilder(128);

    /**
     * @param actor  who did it (the message's sender)
     * @param other  someone else, for the notices that name two people
     * @param title  the conversation's title, for renames
     */
    String notice(SplittableRandom r, ConversationKind kind, boolean chinese, String actor, String other,
                  String title) {
        sb.setLength(0);
        int which = r.nextInt(6);
        switch (kind) {
            case GROUP -> group(which, chinese, actor, other, title);
            case DIRECT -> direct(r, which, chinese, actor, other);
            case CHANNEL -> sb.append(chinese ? "频道名称已更改为“" : "Channel name was changed to \"").append(title)
                    .append(chinese ? "”" : "\"");
        }
        return sb.toString();
    }

    private void group(int which, boolean zh, String actor, String other, String title) {
        switch (which) {
            case 0 -> sb.append(actor).append(zh ? "邀请" : " added ").append(other).append(zh ? "加入了群聊" : "");
            case 1 -> sb.append(actor).append(zh ? "修改群名为“" : " changed the group name to \"").append(title)
                    .append(zh ? "”" : "\"");
            case 2 -> sb.append(zh ? "\"" : "").append(actor).append(zh ? "\" 撤回了一条消息" : " deleted a message");
            case 3 -> sb.append(actor).append(zh ? "退出了群聊" : " left");
            case 4 -> sb.append(actor).append(zh ? "置顶了一条消息" : " pinned a message");
            default -> sb.append(zh ? "\"" : "").append(actor)
                    .append(zh ? "\"通过扫描二维码加入群聊" : " joined using this group's invite link");
        }
    }

    private void direct(SplittableRandom r, int which, boolean zh, String actor, String other) {
        switch (which) {
            case 0, 1 -> sb.append(zh ? "未接听语音通话" : "Missed voice call");
            case 2, 3 -> {
                int seconds = 5 + (int) Picks.geometric(r, 240);
                sb.append(zh ? "通话时长 " : "Call duration ");
                sb.append(seconds / 60 / 10).append(seconds / 60 % 10).append(':')
                        .append(seconds % 60 / 10).append(seconds % 10);
            }
            case 4 -> sb.append(zh ? "\"" : "").append(actor).append(zh ? "\" 撤回了一条消息" : " deleted a message");
            default -> sb.append(zh ? "\"" + actor + "\" 拍了拍 \"" + other + "\"" : actor + " sent a nudge to " + other);
        }
    }
}
