package org.chatvault.client.importer.wechat;

/**
 * One message as both WeChat formats give it, before it becomes a {@code Message}.
 *
 * @param talker    the chat's WeChat id ({@code wxid_…}, {@code …@chatroom} for a group)
 * @param title     a name for the chat if the row tells one, else null
 * @param messageId the message's id: WeChat's server id where the export has it, else {@code local-<localId>}
 * @param sentAt    UTC epoch milliseconds
 * @param sender    {@code me} for the user's own messages, else the name (or WeChat id) the export gives
 * @param content   the content as written (text, or WeChat's XML)
 * @param src       a media file's path relative to the export (WeChat JSON), or null
 */
record WeChatRow(String talker, String title, String messageId, long sentAt, String sender, WeChatKind kind,
                 String content, String src) {}
