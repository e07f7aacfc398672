package bot

import "github.com/go-telegram/bot/models"

// Forum topics. In a forum supergroup, or a private chat with topics, each
// message belongs to a topic (message_thread_id); the bot answers in the
// topic of the question. The answer is also a reply to the question with
// allow_sending_without_reply, so that it still reaches the topic when the
// question was deleted meanwhile: the thread ID alone places it.

// destination is where a message goes: a chat, a topic of it (0 for none or
// the general topic) and the message it replies to (0 for none).
type destination struct {
	chatID   int64
	threadID int
	replyTo  int
}

// replyDestination is where the bot answers m: its chat and topic, and in
// groups as a reply to m. In a private chat a plain message is clearer.
func replyDestination(m *models.Message) destination {
	to := destination{chatID: m.Chat.ID, threadID: messageTopic(m)}
	if m.Chat.Type != models.ChatTypePrivate {
		to.replyTo = m.ID
	}
	return to
}

// answerDestination is where a message about the bot's own message m goes,
// such as a full passage under an answer: a reply to m in its chat and
// topic.
func answerDestination(m *models.Message) destination {
	return destination{chatID: m.Chat.ID, threadID: messageTopic(m), replyTo: m.ID}
}

// messageTopic is the forum topic m was sent in, or 0. Outside forums a
// message_thread_id names a thread of replies, which a message sent with
// that ID would not join, so only topic messages count.
func messageTopic(m *models.Message) int {
	if m.IsTopicMessage {
		return m.MessageThreadID
	}
	return 0
}
