package bot

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
)

// memberUpdate is the my_chat_member update of the bot going from status
// old to status now in chat, done by user by.
func (h *harness) memberUpdate(chat models.Chat, by testUser, old, now models.ChatMemberType) models.Update {
	member := func(status models.ChatMemberType) models.ChatMember {
		switch status {
		case models.ChatMemberTypeMember:
			return models.ChatMember{Type: status, Member: &models.ChatMemberMember{User: &h.tg.me}}
		case models.ChatMemberTypeAdministrator:
			return models.ChatMember{Type: status, Administrator: &models.ChatMemberAdministrator{User: h.tg.me}}
		case models.ChatMemberTypeBanned:
			return models.ChatMember{Type: status, Banned: &models.ChatMemberBanned{User: &h.tg.me}}
		}
		return models.ChatMember{Type: models.ChatMemberTypeLeft, Left: &models.ChatMemberLeft{User: &h.tg.me}}
	}
	return models.Update{MyChatMember: &models.ChatMemberUpdated{Chat: chat, From: *by.user(), Date: 1700000000,
		OldChatMember: member(old), NewChatMember: member(now)}}
}

func TestJoiningAGroupSaysHowToAskOnce(t *testing.T) {
	h := startBot(t)
	group := models.Chat{ID: -4001, Type: models.ChatTypeGroup, Title: "Analysts"}
	from := h.mark()
	h.waitHandled(h.tg.push(h.memberUpdate(group, russianUser, models.ChatMemberTypeLeft, models.ChatMemberTypeMember)))
	sent := h.sentAfter(from, "sendMessage")
	if len(sent) != 1 {
		t.Fatalf("want one greeting, got %v", sent)
	}
	text := sent[0].Params["text"]
	for _, want := range []string{"/ask", "@" + h.tg.me.Username, "ОДКБ"} {
		if !strings.Contains(text, want) {
			t.Errorf("the greeting (in the language of who added the bot) lacks %q: %s", want, text)
		}
	}
	t.Logf("greeting: %s", text)

	// Nothing else unprompted: being made admin, the group talking, being
	// removed, a private chat's status.
	from = h.mark()
	for _, u := range []models.Update{
		h.memberUpdate(group, plainUser, models.ChatMemberTypeMember, models.ChatMemberTypeAdministrator),
		{Message: h.tg.groupMessage(plainUser, group.ID, "good morning everyone")},
		h.memberUpdate(group, plainUser, models.ChatMemberTypeAdministrator, models.ChatMemberTypeBanned),
		h.memberUpdate(models.Chat{ID: plainUser.id, Type: models.ChatTypePrivate}, plainUser, models.ChatMemberTypeMember, models.ChatMemberTypeBanned),
	} {
		h.waitHandled(h.tg.push(u))
	}
	if got := h.sentAfter(from, "sendMessage"); len(got) != 0 {
		t.Errorf("the bot spoke unprompted: %v", got)
	}
}

func TestAGroupThatBecomesASupergroupKeepsWorking(t *testing.T) {
	h := startBot(t)
	const oldGroup, newGroup = -4002, -1004002
	ask := func(chatID int64, text string) (*models.Message, int64) {
		m := h.tg.groupMessage(plainUser, chatID, text)
		m.Chat.Type = models.ChatTypeGroup
		if chatID == newGroup {
			m.Chat.Type = models.ChatTypeSupergroup
		}
		return m, h.tg.push(models.Update{Message: m})
	}
	from := h.mark()
	_, id := ask(oldGroup, "/ask "+allianceQuestion)
	h.waitHandled(id)
	answer := h.waitSent(from, oldGroup)
	passage, _ := answer.button("p:")

	// The group migrates: the old chat gets migrate_to_chat_id, the new
	// one migrate_from_chat_id, and the old chat refuses messages.
	h.tg.migrate(oldGroup, newGroup)
	h.waitHandled(h.tg.push(models.Update{Message: &models.Message{ID: 9001, Date: 1700000000, From: plainUser.user(),
		Chat: models.Chat{ID: oldGroup, Type: models.ChatTypeGroup}, MigrateToChatID: newGroup}}))
	h.waitHandled(h.tg.push(models.Update{Message: &models.Message{ID: 1, Date: 1700000000, From: plainUser.user(),
		Chat: models.Chat{ID: newGroup, Type: models.ChatTypeSupergroup}, MigrateFromChatID: oldGroup}}))
	// Telegram may tell the bot it is a member of the new supergroup: that
	// is no invitation to greet again.
	from = h.mark()
	h.waitHandled(h.tg.push(h.memberUpdate(models.Chat{ID: newGroup, Type: models.ChatTypeSupergroup}, plainUser,
		models.ChatMemberTypeLeft, models.ChatMemberTypeMember)))
	if got := h.sentAfter(from, "sendMessage"); len(got) != 0 {
		t.Errorf("the migrated group was greeted again: %v", got)
	}

	// The buttons of the answer sent before work in the supergroup.
	from = h.mark()
	h.pressIn(plainUser, models.Chat{ID: newGroup, Type: models.ChatTypeSupergroup}, answer.MessageID, 0, passage.CallbackData)
	if full := h.waitSent(from, newGroup); !strings.Contains(full.Params["text"], "Full passage") {
		t.Errorf("the full-passage button stopped working after the migration: %q", full.Params["text"])
	}

	// A question from the old chat still in flight is answered in the new
	// one, where Telegram sends the bot.
	from = h.mark()
	_, id = ask(oldGroup, "/ask "+membersQuestion)
	h.waitHandled(id)
	if sent := h.waitSent(from, newGroup); !strings.Contains(sent.Params["text"], "Kazakhstan") {
		t.Errorf("the question from the old group was not answered in the supergroup: %q", sent.Params["text"])
	}
}

// A message refused because the group has become a supergroup, with no
// service message about it yet, goes to the supergroup; the chat's state,
// its outbox included, moves there, so later messages for the old group go
// straight to the supergroup, in the supergroup's queue.
func TestARefusedSendMovesTheChatToItsSupergroup(t *testing.T) {
	h := startBot(t)
	const oldGroup, newGroup = -4003, -1004003
	ask := func(text string) {
		m := h.tg.groupMessage(plainUser, oldGroup, text)
		m.Chat.Type = models.ChatTypeGroup
		h.waitHandled(h.tg.push(models.Update{Message: m}))
	}
	refused := func(from int) int {
		n := 0
		for _, c := range h.sentAfter(from, "sendMessage") {
			if c.chatID() == oldGroup && c.Refused != "" {
				n++
			}
		}
		return n
	}
	h.tg.migrate(oldGroup, newGroup)

	from := h.mark()
	ask("/ask " + allianceQuestion)
	if sent := h.waitSent(from, newGroup); !strings.Contains(sent.Params["text"], "Sources") {
		t.Errorf("the answer refused in the old group did not reach the supergroup: %q", sent.Params["text"])
	}
	if n := refused(from); n != 1 {
		t.Errorf("the old group refused %d messages, want 1", n)
	}

	from = h.mark()
	ask("/ask " + membersQuestion)
	if sent := h.waitSent(from, newGroup); !strings.Contains(sent.Params["text"], "Kazakhstan") {
		t.Errorf("the second question was not answered in the supergroup: %q", sent.Params["text"])
	}
	if n := refused(from); n != 0 {
		t.Errorf("after the migration was known, the old group was tried %d more times", n)
	}
	h.bot.outbox.mu.Lock()
	_, oldBox := h.bot.outbox.chats[oldGroup]
	_, newBox := h.bot.outbox.chats[newGroup]
	h.bot.outbox.mu.Unlock()
	if oldBox || !newBox {
		t.Errorf("outboxes after the migration: old group %v, supergroup %v; want the supergroup's alone", oldBox, newBox)
	}
}
