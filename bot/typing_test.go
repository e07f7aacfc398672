package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/alliancebot/alliancebot/retrieval"
)

// heldAnswerer holds every answer until its gate is closed, like an engine
// waiting for a remote embedder.
type heldAnswerer struct {
	Answerer
	gate chan struct{}
}

func (g heldAnswerer) AnswerWith(ctx context.Context, q string, o retrieval.Options) retrieval.Answer {
	select {
	case <-g.gate:
	case <-ctx.Done():
	}
	return g.Answerer.AnswerWith(ctx, q, o)
}

func TestASlowAnswerShowsTyping(t *testing.T) {
	gate := make(chan struct{})
	h := startBot(t, func(s *botSetup) {
		s.answerer = func(e testEngine) Answerer { return heldAnswerer{Answerer: e, gate: gate} }
		s.beforeRun = func(b *Bot) { b.typingDelay = time.Millisecond }
	})
	h.tg.makeForum(forumGroup)
	from := h.mark()
	m := h.tg.topicMessage(plainUser, forumGroup, 5, "/ask "+membersQuestion)
	id := h.tg.push(models.Update{Message: m})
	// While the engine works, the topic shows "typing".
	action := h.waitAfter(from, func(c apiCall) bool { return c.Method == "sendChatAction" })
	if action.Params["action"] != "typing" || action.chatID() != forumGroup || action.threadID() != 5 {
		t.Errorf("want typing in topic 5 of the forum, got %v", action.Params)
	}
	close(gate)
	h.waitHandled(id)
	calls := h.tg.allCalls()[from:]
	lastAction, answer := -1, -1
	for i, c := range calls {
		switch {
		case c.Method == "sendChatAction":
			lastAction = i
		case c.Method == "sendMessage" && strings.Contains(c.Params["text"], "Kazakhstan"):
			answer = i
		}
	}
	if answer < 0 || lastAction > answer {
		t.Errorf("want the answer after the last typing action, got calls %v", calls)
	}
}

func TestAQuickAnswerShowsNoTyping(t *testing.T) {
	h := startBot(t, func(s *botSetup) {
		// Longer than any answer on any machine: no action may be sent.
		s.beforeRun = func(b *Bot) { b.typingDelay = time.Hour }
	})
	from := h.mark()
	reply := h.sendPrivate(plainUser, membersQuestion)
	if !strings.Contains(reply.Params["text"], "Kazakhstan") {
		t.Fatalf("no answer: %q", reply.Params["text"])
	}
	if got := h.sentAfter(from, "sendChatAction"); len(got) != 0 {
		t.Errorf("a quick answer showed typing: %v", got)
	}
}

func TestTypingRepeatsUntilStopped(t *testing.T) {
	h := startBot(t, func(s *botSetup) {
		s.beforeRun = func(b *Bot) { b.typingDelay, b.typingRepeat = 0, time.Millisecond }
	})
	from := h.mark()
	isAction := func(c apiCall) bool { return c.Method == "sendChatAction" }
	stop := h.bot.showTyping(context.Background(), destination{chatID: plainUser.id})
	h.tg.waitCount(from, 3, isAction)
	stop()
	sent := len(h.sentAfter(from, "sendChatAction"))
	// stop has waited for the sender to end: a round trip later (/help
	// shows no typing), not one more action has been sent.
	h.sendPrivate(plainUser, "/help")
	if got := len(h.sentAfter(from, "sendChatAction")); got != sent {
		t.Errorf("typing went on after stop: %d actions, then %d", sent, got)
	}
}
