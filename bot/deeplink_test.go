package bot

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
)

func TestStartPayloadsCarryShortQuestions(t *testing.T) {
	tests := []struct {
		question string
		carried  bool
	}{
		{"Who are the members of the CSTO?", true},
		{"Кто входит в ОДКБ?", true},
		{strings.Repeat("a", 48), true},  // 64 characters of base64url
		{strings.Repeat("a", 49), false}, // 68
		{strings.Repeat("я", 25), false}, // 50 bytes
		{"", false},
	}
	for _, tt := range tests {
		p := startPayload(tt.question)
		if !startParameter.MatchString(p) {
			t.Errorf("startPayload(%q) = %q, which Telegram refuses", tt.question, p)
		}
		got, ok := questionFromPayload(p)
		if ok != tt.carried || (ok && got != tt.question) {
			t.Errorf("startPayload(%q) = %q decodes to %q, %v; want carried=%v", tt.question, p, got, ok, tt.carried)
		}
	}
	for _, bad := range []string{
		plainStartPayload,
		"help",
		"not*base64",
		base64.RawURLEncoding.EncodeToString([]byte{0xff, 0xfe, 0xfd}),         // not UTF-8
		base64.RawURLEncoding.EncodeToString([]byte("a\x00b")),                 // a control character
		base64.RawURLEncoding.EncodeToString([]byte("   ")),                    // nothing
		base64.StdEncoding.EncodeToString([]byte("Who leads the CSTO?")) + "=", // padded, another alphabet
		strings.Repeat("QUJD", 17),                                             // over 64 characters
	} {
		if q, ok := questionFromPayload(bad); ok {
			t.Errorf("questionFromPayload(%q) = %q, want a plain /start", bad, q)
		}
	}
}

func TestDeepLinksAndSharing(t *testing.T) {
	h := startBot(t)

	t.Run("start with a question", func(t *testing.T) {
		reply := h.sendPrivate(plainUser, "/start "+startPayload(membersQuestion))
		if !strings.Contains(reply.Params["text"], "Kazakhstan") || !strings.Contains(reply.Params["text"], "Sources") {
			t.Errorf("/start with a question payload did not answer it: %q", reply.Params["text"])
		}
	})

	t.Run("start with an invalid payload", func(t *testing.T) {
		reply := h.sendPrivate(plainUser, "/start %%%bogus")
		if !strings.Contains(reply.Params["text"], "How to ask") {
			t.Errorf("/start with a bad payload should be a plain /start: %q", reply.Params["text"])
		}
	})

	t.Run("share button under an answer", func(t *testing.T) {
		reply := h.sendPrivate(plainUser, membersQuestion)
		var share *keyboardButton
		for _, row := range reply.buttons() {
			for i := range row {
				if row[i].SwitchInlineQuery != nil {
					share = &row[i]
				}
			}
		}
		if share == nil || *share.SwitchInlineQuery != membersQuestion {
			t.Fatalf("no share button carrying the question under the answer: %+v", reply.buttons())
		}
	})

	t.Run("inline results offer the private chat", func(t *testing.T) {
		from := h.mark()
		h.tg.push(models.Update{InlineQuery: &models.InlineQuery{ID: "iq-deeplink", From: russianUser.user(), Query: membersQuestion}})
		call := h.waitAfter(from, func(c apiCall) bool { return c.Method == "answerInlineQuery" })
		button := call.inlineButton()
		if button.Text != langRU.text(msgInlineAskPrivate) {
			t.Errorf("inline button text %q, want the Russian one", button.Text)
		}
		if q, ok := questionFromPayload(button.StartParameter); !ok || q != membersQuestion {
			t.Errorf("the inline button's start parameter %q does not carry the query (%q, %v)", button.StartParameter, q, ok)
		}
		// Pressing it opens the private chat with /start <parameter>.
		reply := h.sendPrivate(russianUser, "/start "+button.StartParameter)
		if !strings.Contains(reply.Params["text"], "Kazakhstan") {
			t.Errorf("the deep link from inline mode did not answer: %q", reply.Params["text"])
		}
	})
}
