package bot

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
)

func TestGroupAnswersOnlyWhenAddressed(t *testing.T) {
	h := startBot(t)
	botMessage := &models.Message{ID: 42, From: &h.tg.me, Chat: models.Chat{ID: testGroup, Type: models.ChatTypeSupergroup}, Text: "earlier answer"}
	otherMessage := &models.Message{ID: 43, From: plainUser.user(), Chat: models.Chat{ID: testGroup, Type: models.ChatTypeSupergroup}, Text: "hi"}
	for _, tc := range []struct {
		name     string
		text     string
		edit     func(*models.Message)
		answered bool
	}{
		{"chatter", "I think the CSTO members should meet more often", nil, false},
		{"question not addressed", membersQuestion, nil, false},
		{"command for another bot", "/ask@OtherBot " + membersQuestion, nil, false},
		{"mention of another bot", "@OtherBot " + membersQuestion, nil, false},
		{"bare help may be for another bot", "/help", nil, false},
		{"sticker", "", func(m *models.Message) { m.Sticker = &models.Sticker{FileID: "s"} }, false},
		{"reply to someone else", membersQuestion, func(m *models.Message) { m.ReplyToMessage = otherMessage }, false},
		{"/ask", "/ask " + membersQuestion, nil, true},
		{"/ask@botname", "/ask@AllianceTestBot " + membersQuestion, nil, true},
		{"/ask@BotName in other case", "/ask@alliancetestbot " + membersQuestion, nil, true},
		{"mention first", "@AllianceTestBot " + membersQuestion, nil, true},
		{"mention last", membersQuestion + " @AllianceTestBot", nil, true},
		{"mention after Cyrillic", "Привет, @AllianceTestBot, " + membersQuestion, nil, true},
		{"text mention", "Bot, " + membersQuestion, func(m *models.Message) {
			m.Entities = []models.MessageEntity{{Type: models.MessageEntityTypeTextMention, Offset: 0, Length: 3, User: &h.tg.me}}
		}, true},
		{"reply to the bot", membersQuestion, func(m *models.Message) { m.ReplyToMessage = botMessage }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := h.tg.groupMessage(plainUser, testGroup, tc.text)
			if tc.edit != nil {
				tc.edit(m)
			}
			from := h.mark()
			id := h.tg.push(models.Update{Message: m})
			if !tc.answered {
				h.waitHandled(id)
				if sent := h.sentAfter(from, "sendMessage"); len(sent) != 0 {
					t.Errorf("the bot interrupted the conversation: %v", sent)
				}
				return
			}
			reply := h.waitSent(from, testGroup)
			if reply.replyTo() != m.ID {
				t.Errorf("the answer replies to message %d, want %d", reply.replyTo(), m.ID)
			}
			if !strings.Contains(reply.Params["text"], "<b>members</b> of the <b>CSTO</b>") {
				t.Errorf("the group did not get the answer: %s", reply.Params["text"])
			}
		})
	}
}

func TestGroupAddressedWithoutAQuestionGetsUsage(t *testing.T) {
	h := startBot(t)
	for _, text := range []string{"/ask", "/ask@AllianceTestBot", "@AllianceTestBot"} {
		m := h.tg.groupMessage(russianUser, testGroup, text)
		from := h.mark()
		h.tg.push(models.Update{Message: m})
		reply := h.waitSent(from, testGroup)
		if !strings.Contains(reply.Params["text"], "Спросите так: <code>/ask ") || reply.replyTo() != m.ID {
			t.Errorf("%q: want a Russian usage hint as a reply, got %q (reply to %d)", text, reply.Params["text"], reply.replyTo())
		}
	}
}

func TestGroupHelpAddressedToTheBot(t *testing.T) {
	h := startBot(t)
	m := h.tg.groupMessage(plainUser, testGroup, "/help@AllianceTestBot")
	from := h.mark()
	h.tg.push(models.Update{Message: m})
	if reply := h.waitSent(from, testGroup); !strings.Contains(reply.Params["text"], "How to ask") {
		t.Errorf("/help@botname in a group: %q", reply.Params["text"])
	}
}
