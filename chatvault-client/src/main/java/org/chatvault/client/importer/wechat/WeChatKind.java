package org.chatvault.client.importer.wechat;

import org.chatvault.core.model.MessageType;

/**
 * What a WeChat message is, from its type code (CSV: {@code Type}, and for app messages, type 49,
 * {@code SubType} or the {@code <type>} in its XML) or its type name (JSON: {@code type_name}).
 * Unknown codes and names are kept as text: a message is never dropped for its type.
 */
enum WeChatKind {
    TEXT(MessageType.TEXT), IMAGE(MessageType.IMAGE), VOICE(MessageType.VOICE), VIDEO(MessageType.VIDEO),
    STICKER(MessageType.STICKER), FILE(MessageType.FILE), LINK(MessageType.LINK), MINI_PROGRAM(MessageType.LINK),
    QUOTE(MessageType.TEXT), CHAT_RECORD(MessageType.TEXT), APP(MessageType.TEXT), LOCATION(MessageType.LOCATION),
    CONTACT(MessageType.CONTACT), SYSTEM(MessageType.SYSTEM);

    final MessageType type;

    WeChatKind(MessageType type) { this.type = type; }

    /** Whether a message of this kind is a file (one the export may or may not hold). */
    boolean media() {
        return this == IMAGE || this == VOICE || this == VIDEO || this == STICKER || this == FILE;
    }

    /**
     * @param appType for type 49: the sub type ({@code SubType}, else the {@code <type>} of the content's XML), else ignored
     */
    static WeChatKind ofCode(int type, int appType) {
        return switch (type) {
            case 1 -> TEXT;
            case 3 -> IMAGE;
            case 34 -> VOICE;
            case 43, 62 -> VIDEO;
            case 47 -> STICKER;
            case 42 -> CONTACT;
            case 48 -> LOCATION;
            case 49 -> switch (appType) {
                case 4, 5 -> LINK;
                case 6 -> FILE;
                case 19, 40 -> CHAT_RECORD;
                case 33, 36 -> MINI_PROGRAM;
                case 57 -> QUOTE;
                default -> APP;
            };
            case 10000, 10002, 50 -> SYSTEM;
            default -> TEXT;
        };
    }

    static WeChatKind ofName(String name) {
        return switch (name == null ? "" : name.strip()) {
            case "文本" -> TEXT;
            case "图片" -> IMAGE;
            case "语音" -> VOICE;
            case "视频" -> VIDEO;
            case "动画表情", "表情" -> STICKER;
            case "文件" -> FILE;
            case "分享链接", "卡片式链接", "链接" -> LINK;
            case "小程序" -> MINI_PROGRAM;
            case "引用回复" -> QUOTE;
            case "合并转发", "合并转发聊天记录", "聊天记录" -> CHAT_RECORD;
            case "位置", "位置分享" -> LOCATION;
            case "名片", "个人名片" -> CONTACT;
            case "系统通知", "撤回消息", "拍一拍", "音视频通话", "系统消息" -> SYSTEM;
            default -> TEXT;
        };
    }

    /** A guess at the file's media type where the export names no file. */
    String guessedMime() {
        return switch (this) {
            case IMAGE -> "image/jpeg";
            case VOICE -> "audio/silk";
            case VIDEO -> "video/mp4";
            case STICKER -> "image/gif";
            default -> "application/octet-stream";
        };
    }
}
