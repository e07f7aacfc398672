package bot

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/alliancebot/alliancebot/retrieval"
)

// recordingAnswerer records the questions the engine is asked.
type recordingAnswerer struct {
	Answerer
	mu    sync.Mutex
	asked []string
}

func (r *recordingAnswerer) AnswerWith(ctx context.Context, q string, o retrieval.Options) retrieval.Answer {
	r.mu.Lock()
	r.asked = append(r.asked, q)
	r.mu.Unlock()
	return r.Answerer.AnswerWith(ctx, q, o)
}

func (r *recordingAnswerer) wasAsked(q string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, a := range r.asked {
		if a == q {
			return true
		}
	}
	return false
}

// TestTooLongIsTheEnginesRefusal: the bot has no length check of its own;
// the engine refuses an over-long question and the bot words the refusal
// with the count.
func TestTooLongIsTheEnginesRefusal(t *testing.T) {
	recorder := &recordingAnswerer{}
	h := startBot(t, func(s *botSetup) {
		s.answerer = func(e testEngine) Answerer { recorder.Answerer = e; return recorder }
	})
	long := strings.TrimSpace(strings.Repeat("ОДКБ ", 250)) // 1249 characters
	for _, l := range []struct {
		user testUser
		want string
	}{
		{plainUser, fmt.Sprintf("too long for a question (%d characters; the limit is %d)", 1249, retrieval.MaxQuestionRunes)},
		{russianUser, fmt.Sprintf("символов: %d, предел %d", 1249, retrieval.MaxQuestionRunes)},
	} {
		if text := h.sendPrivate(l.user, long).Params["text"]; !strings.Contains(text, l.want) {
			t.Errorf("reply %q lacks %q", text, l.want)
		}
	}
	if !recorder.wasAsked(long) {
		t.Errorf("the over-long question did not reach the engine")
	}
	if !strings.Contains(h.logs.String(), "outcome=refused found=false citations=0") {
		t.Errorf("the refusal is not logged as the engine's:\n%s", h.logs.String())
	}
}
