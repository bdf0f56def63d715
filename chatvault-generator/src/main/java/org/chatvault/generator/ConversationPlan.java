package org.chatvault.generator;

import java.util.List;
import org.chatvault.core.model.Conversation;

/**
 * Everything decided about one conversation before its messages are written.
 *
 * @param speakers        who posts, most talkative first (a channel's admins, not its readers)
 * @param zoneOffsetHours the participants' time zone, to keep them quiet at night
 * @param seed            of the conversation's own random stream, so it can be written on its own
 */
record ConversationPlan(Conversation conversation, long messages, long windowStart, long windowEnd,
                        LanguageMix languages, List<String> speakers, int zoneOffsetHours, long seed) {}
