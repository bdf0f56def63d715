package org.chatvault.client.importer.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The readable line for a Telegram service message ({@code "type": "service"}): the export names
 * only the action and its arguments, and a reader of the archive wants "Alice invited Bob".
 */
final class ServiceText {
    static final String DELETED_ACCOUNT = "Deleted Account";

    private final JsonFields fields;

    ServiceText(JsonFields fields) { this.fields = fields; }

    /**
     * @param actor the name of whoever did it
     * @param text  the message's own text, if any (kept after the line)
     */
    String of(JsonNode m, String actor, String text, String path) {
        String action = fields.string(m, "action", path);
        String title = fields.string(m, "title", path);
        String line = switch (action == null ? "" : action) {
            case "create_group" -> actor + " created group " + quoted(title) + with(members(m, path));
            case "create_channel" -> actor + " created channel " + quoted(title);
            case "invite_members" -> actor + " invited " + String.join(", ", members(m, path));
            case "remove_members" -> actor + " removed " + String.join(", ", members(m, path));
            case "join_group_by_link" -> actor + " joined the group via an invite link";
            case "join_group_by_request" -> actor + " was accepted into the group";
            case "pin_message" -> actor + " pinned a message";
            case "phone_call" -> actor + " called" + callDetails(m, path);
            case "group_call" -> actor + " started a voice chat" + callDetails(m, path);
            case "migrate_from_group" -> actor + " converted the group " + quoted(title) + " into a supergroup";
            case "migrate_to_supergroup" -> actor + " converted this group into a supergroup";
            case "edit_group_title" -> actor + " changed the group name to " + quoted(title);
            case "edit_group_photo" -> actor + " changed the group photo";
            case "delete_group_photo" -> actor + " removed the group photo";
            case "clear_history" -> "History was cleared";
            case "score_in_game" -> actor + " scored " + fields.count(m, "score", path);
            case "" -> actor + ": service message";
            default -> actor + ": " + action.replace('_', ' ');
        };
        return text == null ? line : line + ": " + text;
    }

    private List<String> members(JsonNode m, String path) {
        JsonNode list = fields.array(m, "members", path);
        List<String> names = new ArrayList<>();
        if (list == null) return names;
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            if (n.isNull()) names.add(DELETED_ACCOUNT);
            else if (n.isTextual()) names.add(n.textValue());
            else throw fields.fail(path + ".members[" + i + "]", "expected a member's name, found " + JsonFields.describe(n));
        }
        return names;
    }

    private String callDetails(JsonNode m, String path) {
        long seconds = fields.count(m, "duration_seconds", path);
        String reason = fields.string(m, "discard_reason", path);
        if (seconds > 0) return " (" + duration(seconds) + ")";
        if ("missed".equals(reason)) return " (missed)";
        if ("busy".equals(reason)) return " (busy)";
        return "";
    }

    static String duration(long seconds) {
        long h = seconds / 3600, min = seconds / 60 % 60, s = seconds % 60;
        if (h > 0) return h + " h " + min + " min";
        return min > 0 ? min + " min " + s + " s" : s + " s";
    }

    private static String with(List<String> members) {
        return members.isEmpty() ? "" : " with " + String.join(", ", members);
    }

    private static String quoted(String title) {
        return "“" + (title == null ? "" : title) + "”";
    }
}
