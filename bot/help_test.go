package bot

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alliancebot/alliancebot/retrieval"
)

// countingAnswerer counts the engine queries for the example questions.
type countingAnswerer struct {
	Answerer
	mu       sync.Mutex
	examples int
}

func (c *countingAnswerer) AnswerWith(ctx context.Context, q string, o retrieval.Options) retrieval.Answer {
	if slices.Contains(exampleQuestions[langEN], q) || slices.Contains(exampleQuestions[langRU], q) {
		c.mu.Lock()
		c.examples++
		c.mu.Unlock()
	}
	return c.Answerer.AnswerWith(ctx, q, o)
}

func (c *countingAnswerer) exampleQueries() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.examples
}

func TestExamplesAreFoundOncePerIndex(t *testing.T) {
	counter := &countingAnswerer{}
	h := startBot(t, func(s *botSetup) {
		s.answerer = func(e testEngine) Answerer { counter.Answerer = e; return counter }
	})
	perLanguage := len(exampleQuestions[langEN])
	for i, step := range []struct {
		user  testUser
		text  string
		want  string // in the reply
		total int    // example queries made so far
	}{
		{plainUser, borschtQuestion, "Questions I can answer", perLanguage},
		{plainUser, borschtQuestion, "Questions I can answer", perLanguage},
		{adminUser, "/help", "How to ask", perLanguage},
		{russianUser, borschtQuestion, "На такие вопросы я отвечу", 2 * perLanguage},
		{russianUser, borschtQuestion, "На такие вопросы я отвечу", 2 * perLanguage},
		// A reload swaps in a new index, whose examples are found again.
		{adminUser, "/reload", "Reloaded in", 2 * perLanguage},
		{plainUser, borschtQuestion, "Questions I can answer", 3 * perLanguage},
		{plainUser, "/start", "How to ask", 3 * perLanguage},
	} {
		reply := h.sendPrivate(step.user, step.text).Params["text"]
		if !strings.Contains(reply, step.want) {
			t.Errorf("step %d (%s): reply lacks %q:\n%s", i, step.text, step.want, reply)
		}
		if !strings.Contains(reply, "•") && step.text != "/reload" {
			t.Errorf("step %d (%s): no examples offered:\n%s", i, step.text, reply)
		}
		if got := counter.exampleQueries(); got != step.total {
			t.Errorf("step %d (%s): %d example queries so far, want %d", i, step.text, got, step.total)
		}
	}
}

func TestExampleCacheKeepsTheNewestIndex(t *testing.T) {
	var c exampleCache
	older, newer := time.Unix(100, 0), time.Unix(200, 0)
	c.put(newer, langEN, []string{"new"})
	c.put(older, langEN, []string{"old"}) // a slow lookup on the index before
	if got, ok := c.get(newer, langEN); !ok || got[0] != "new" {
		t.Errorf("get(newer) = %v, %v; the older index's examples replaced the newer ones", got, ok)
	}
	if _, ok := c.get(older, langEN); ok {
		t.Errorf("the examples of the older index are kept")
	}
	if _, ok := c.get(newer, langRU); ok {
		t.Errorf("Russian examples found without a lookup")
	}
}
