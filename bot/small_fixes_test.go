package bot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
)

// TestControlCharactersAreNotEchoed: NUL, ESC and other control
// characters in a question never come back in the reply.
func TestControlCharactersAreNotEchoed(t *testing.T) {
	h := startBot(t)
	for _, q := range []string{
		"What is the recipe\x00 for \x1b[31mborscht\x1b[0m?",
		"\x07\x08What is the recipe for borscht?\x7f",
	} {
		text := h.sendPrivate(plainUser, q).Params["text"]
		if i := strings.IndexFunc(text, isControlButSpace); i >= 0 {
			t.Errorf("the reply to %q echoes control character %q: %q", q, text[i], text)
		}
		if !strings.Contains(text, "borscht") {
			t.Errorf("the refusal no longer names the question: %q", text)
		}
	}
}

// TestAnonymousGroupAdminCanAsk: a group admin who posts anonymously
// (from GroupAnonymousBot, with sender_chat set to the group) is answered.
func TestAnonymousGroupAdminCanAsk(t *testing.T) {
	h := startBot(t)
	m := h.tg.groupMessage(plainUser, testGroup, "/ask "+membersQuestion)
	m.From = &models.User{ID: 1087968824, IsBot: true, FirstName: "Group", Username: "GroupAnonymousBot"}
	m.SenderChat = &models.Chat{ID: testGroup, Type: models.ChatTypeSupergroup, Title: "CSTO watchers"}
	from := h.mark()
	h.tg.push(models.Update{Message: m})
	reply := h.waitSent(from, testGroup)
	if !strings.Contains(reply.Params["text"], "Kazakhstan") || reply.replyTo() != m.ID {
		t.Errorf("the anonymous admin got %q (reply to %d)", reply.Params["text"], reply.replyTo())
	}
	// Other bots are still ignored.
	other := h.tg.groupMessage(plainUser, testGroup, "/ask "+membersQuestion)
	other.From = &models.User{ID: 5555, IsBot: true, Username: "SomeOtherBot"}
	id := h.tg.push(models.Update{Message: other})
	h.waitHandled(id)
	if n := answersByChat(h.tg)[testGroup]; n != 1 {
		t.Errorf("%d answers in the group, want the anonymous admin's only", n)
	}
}

// TestGroupReloadNamesNoServerPath: the reload summary posted in a group
// names files but never the server's folders.
func TestGroupReloadNamesNoServerPath(t *testing.T) {
	h := startBot(t)
	files, _ := filepath.Glob(filepath.Join(h.dir, "*.txt"))
	for _, f := range files {
		os.Remove(f)
	}
	os.WriteFile(filepath.Join(h.dir, "broken.txt"), []byte{0, 1, 2, 3}, 0o644)
	m := h.tg.groupMessage(adminUser, testGroup, "/reload@AllianceTestBot")
	from := h.mark()
	h.tg.push(models.Update{Message: m})
	text := h.waitSent(from, testGroup).Params["text"]
	if strings.Contains(text, h.dir) || strings.Contains(text, filepath.Dir(h.dir)) {
		t.Errorf("the group summary shows a server path:\n%s", text)
	}
	if !strings.Contains(text, "broken.txt") || !strings.Contains(text, "Reload failed") {
		t.Errorf("the group summary lost the file names or the outcome:\n%s", text)
	}
	// In private the admin still sees the folder.
	if private := h.sendPrivate(adminUser, "/reload").Params["text"]; !strings.Contains(private, h.dir) {
		t.Errorf("the private summary should name the folder:\n%s", private)
	}
}
