package bot

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// edit delivers m again as edited to text and waits until it is handled.
func (h *harness) edit(m *models.Message, text string) {
	h.t.Helper()
	edited := *m
	edited.Text, edited.Entities = text, textEntities(text)
	edited.EditDate = int(time.Now().Unix())
	h.waitHandled(h.tg.push(models.Update{EditedMessage: &edited}))
}

func TestACorrectedQuestionCorrectsItsAnswer(t *testing.T) {
	h := startBot(t)

	t.Run("the answer is edited in place", func(t *testing.T) {
		m := h.tg.privateMessage(plainUser, borschtQuestion)
		from := h.mark()
		h.waitHandled(h.tg.push(models.Update{Message: m})) // the answer is remembered once sent
		first := h.waitSent(from, plainUser.id)
		if !strings.Contains(first.Params["text"], "don't cover") {
			t.Fatalf("want a refusal first, got %q", first.Params["text"])
		}
		from = h.mark()
		h.edit(m, membersQuestion)
		edits := h.sentAfter(from, "editMessageText")
		if len(edits) != 1 || len(h.sentAfter(from, "sendMessage")) != 0 {
			t.Fatalf("want the refusal edited into the answer, got edits %v and messages %v", edits, h.sentAfter(from, "sendMessage"))
		}
		e := edits[0]
		if e.Params["message_id"] != strconv.Itoa(first.MessageID) || !strings.Contains(e.Params["text"], "Kazakhstan") {
			t.Errorf("edited message %s to %q, want message %d with the answer", e.Params["message_id"], e.Params["text"], first.MessageID)
		}
		if _, ok := e.button("p:"); !ok {
			t.Errorf("the corrected answer has no buttons: %v", e.buttons())
		}

		// Corrected back to something the articles don't cover: the answer
		// becomes the refusal, buttons gone.
		from = h.mark()
		h.edit(m, borschtQuestion)
		edits = h.sentAfter(from, "editMessageText")
		if len(edits) != 1 || !strings.Contains(edits[0].Params["text"], "don't cover") || edits[0].Params["reply_markup"] != "" {
			t.Errorf("want the answer edited into a refusal without buttons, got %v", edits)
		}

		// An edit that leaves the question as it was changes nothing.
		from = h.mark()
		h.edit(m, borschtQuestion+" ")
		if got := h.sentAfter(from, "editMessageText"); len(got)+len(h.sentAfter(from, "sendMessage")) != 0 {
			t.Errorf("an edit that changes no answer made calls: %v", got)
		}
	})

	t.Run("an edit that makes a question is answered anew", func(t *testing.T) {
		m := h.tg.groupMessage(plainUser, testGroup, "the weather is fine")
		h.waitHandled(h.tg.push(models.Update{Message: m}))
		from := h.mark()
		h.edit(m, "@"+h.tg.me.Username+" "+membersQuestion)
		sent := h.sentAfter(from, "sendMessage")
		if len(sent) != 1 || sent[0].replyTo() != m.ID || !strings.Contains(sent[0].Params["text"], "Kazakhstan") {
			t.Errorf("want one new answer replying to the edited message, got %v", sent)
		}
	})

	t.Run("edits of other talk in a group are ignored", func(t *testing.T) {
		m := h.tg.groupMessage(plainUser, testGroup, "lunch at noon?")
		h.waitHandled(h.tg.push(models.Update{Message: m}))
		from := h.mark()
		h.edit(m, "lunch at one?")
		if got := append(h.sentAfter(from, "sendMessage"), h.sentAfter(from, "editMessageText")...); len(got) != 0 {
			t.Errorf("the bot spoke up about an edit not meant for it: %v", got)
		}
	})

	t.Run("an answer deleted meanwhile is sent anew", func(t *testing.T) {
		m := h.tg.privateMessage(plainUser, membersQuestion)
		from := h.mark()
		h.waitHandled(h.tg.push(models.Update{Message: m})) // the answer is remembered once sent
		first := h.waitSent(from, plainUser.id)
		h.tg.deleteMessage(plainUser.id, first.MessageID)
		from = h.mark()
		h.edit(m, allianceQuestion)
		if sent := h.sentAfter(from, "sendMessage"); len(sent) != 1 || sent[0].Refused != "" {
			t.Errorf("want a new answer after the old one could not be edited, got %v", h.tg.allCalls()[from:])
		}
	})
}

func TestAnswerMemoryForgetsTheLeastRecentlyUsed(t *testing.T) {
	m := newAnswerMemory(2)
	a, b, c := questionKey{1, 1}, questionKey{1, 2}, questionKey{1, 3}
	m.put(a, answerRef{messageID: 10})
	m.put(b, answerRef{messageID: 20})
	m.get(a) // a is now more recent than b
	m.put(c, answerRef{messageID: 30})
	if _, ok := m.get(b); ok {
		t.Errorf("the least recently used question is still remembered")
	}
	for _, k := range []questionKey{a, c} {
		if _, ok := m.get(k); !ok {
			t.Errorf("question %v forgotten", k)
		}
	}
	if m.len() != 2 {
		t.Errorf("memory holds %d questions, want at most 2", m.len())
	}
	m.moveChat(1, 5)
	if ref, ok := m.get(questionKey{5, 1}); !ok || ref.messageID != 10 {
		t.Errorf("after moving chat 1 to 5, question 1 is %v, %v", ref, ok)
	}
	if _, ok := m.get(a); ok {
		t.Errorf("the question is still under the old chat")
	}
	m.put(questionKey{5, 9}, answerRef{})
	if m.len() != 2 {
		t.Errorf("after a move and a put the memory holds %d, want 2", m.len())
	}
}
