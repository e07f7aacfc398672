package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
)

const forumGroup = -1009876

func (c apiCall) replyParameters() models.ReplyParameters {
	var rp models.ReplyParameters
	json.Unmarshal([]byte(c.Params["reply_parameters"]), &rp)
	return rp
}

func TestQuestionsInForumTopicsAreAnsweredInTheirTopic(t *testing.T) {
	h := startBot(t)
	h.tg.makeForum(forumGroup)
	h.tg.makeForum(russianUser.id) // a private chat with topics
	const topic = 42

	t.Run("asked in a topic", func(t *testing.T) {
		from := h.mark()
		m := h.tg.topicMessage(plainUser, forumGroup, topic, "/ask "+membersQuestion)
		h.tg.push(models.Update{Message: m})
		sent := h.waitSent(from, forumGroup)
		if sent.threadID() != topic || sent.replyTo() != m.ID {
			t.Errorf("answer went to topic %d replying to %d, want topic %d replying to %d", sent.threadID(), sent.replyTo(), topic, m.ID)
		}
		if !strings.Contains(sent.Params["text"], "Kazakhstan") {
			t.Errorf("no answer in the topic: %q", sent.Params["text"])
		}

		// The full passage under the answer goes to the same topic.
		passage, _ := sent.button("p:")
		from = h.mark()
		h.pressIn(plainUser, models.Chat{ID: forumGroup, Type: models.ChatTypeSupergroup, IsForum: true}, sent.MessageID, topic, passage.CallbackData)
		full := h.waitSent(from, forumGroup)
		if full.threadID() != topic || full.replyTo() != sent.MessageID {
			t.Errorf("the full passage went to topic %d replying to %d, want topic %d replying to %d", full.threadID(), full.replyTo(), topic, sent.MessageID)
		}
	})

	t.Run("question deleted before the answer", func(t *testing.T) {
		from := h.mark()
		m := h.tg.topicMessage(plainUser, forumGroup, topic, "@"+h.tg.me.Username+" "+allianceQuestion)
		h.tg.deleteMessage(forumGroup, m.ID)
		h.tg.push(models.Update{Message: m})
		sent := h.waitSent(from, forumGroup)
		if sent.threadID() != topic {
			t.Errorf("the answer to a deleted question left its topic: thread %d", sent.threadID())
		}
		if rp := sent.replyParameters(); !rp.AllowSendingWithoutReply {
			t.Errorf("the reply would fail without its question: %+v", rp)
		}
	})

	t.Run("private chat with topics", func(t *testing.T) {
		from := h.mark()
		m := h.tg.privateMessage(russianUser, membersQuestion)
		m.MessageThreadID, m.IsTopicMessage = 7, true
		h.tg.push(models.Update{Message: m})
		if sent := h.waitSent(from, russianUser.id); sent.threadID() != 7 {
			t.Errorf("the answer left the private topic: thread %d", sent.threadID())
		}
	})

	t.Run("a thread of replies outside a forum is not a topic", func(t *testing.T) {
		from := h.mark()
		m := h.tg.groupMessage(plainUser, testGroup, "/ask "+membersQuestion)
		m.MessageThreadID = 99 // a reply thread; the fake refuses a thread ID here
		h.tg.push(models.Update{Message: m})
		if sent := h.waitSent(from, testGroup); sent.threadID() != 0 {
			t.Errorf("an answer outside a forum carries thread %d", sent.threadID())
		}
	})
}

// pressIn presses a button under the bot's message msgID in chat, in topic
// thread (0 for none).
func (h *harness) pressIn(u testUser, chat models.Chat, msgID, thread int, data string) apiCall {
	h.t.Helper()
	h.mu.Lock()
	h.queries++
	id := fmt.Sprintf("cbt-%d", h.queries)
	h.mu.Unlock()
	msg := &models.Message{ID: msgID, Date: 1700000000, From: &h.tg.me, Chat: chat,
		MessageThreadID: thread, IsTopicMessage: thread != 0}
	h.tg.push(models.Update{CallbackQuery: &models.CallbackQuery{
		ID: id, From: *u.user(), Data: data, ChatInstance: "ci",
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: msg},
	}})
	return h.tg.waitCall(func(c apiCall) bool { return c.Method == "answerCallbackQuery" && c.Params["callback_query_id"] == id })
}
