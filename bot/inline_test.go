package bot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"

	"github.com/alliancebot/alliancebot/retrieval"
)

// askInline sends an inline query from u and returns the bot's answer.
func (h *harness) askInline(u testUser, query string) apiCall {
	h.t.Helper()
	h.mu.Lock()
	h.queries++
	queryID := fmt.Sprintf("iq-%d-%d", u.id, h.queries)
	h.mu.Unlock()
	h.tg.push(models.Update{InlineQuery: &models.InlineQuery{ID: queryID, From: u.user(), Query: query, ChatType: "sender"}})
	return h.tg.waitCall(func(c apiCall) bool {
		return c.Method == "answerInlineQuery" && c.Params["inline_query_id"] == queryID
	})
}

func TestInlineQueryOffersCitedAnswers(t *testing.T) {
	h := startBot(t)
	call := h.askInline(plainUser, allianceQuestion)
	results := call.inlineResults()
	if len(results) < 2 || len(results) > 5 {
		t.Fatalf("want two to five results, got %d: %+v", len(results), results)
	}
	if call.Params["cache_time"] != fmt.Sprint(inlineCacheSeconds) {
		t.Errorf("cache_time = %q, want %d", call.Params["cache_time"], inlineCacheSeconds)
	}
	ids := map[string]bool{}
	for i, r := range results {
		ids[r.ID] = true
		if r.Type != "article" || r.InputMessageContent.ParseMode != "HTML" {
			t.Errorf("result %d: type %q, parse mode %q", i, r.Type, r.InputMessageContent.ParseMode)
		}
		msg := r.InputMessageContent.MessageText
		if !strings.Contains(msg, "[1] <b>") || !strings.Contains(msg, "<blockquote>") {
			t.Errorf("result %d: the message sent is not a cited answer:\n%s", i, msg)
		}
		// The title is the short answer: the quoted sentence, as plain text.
		if visible, _ := parseTelegramHTML(msg); !strings.HasPrefix(visible, strings.TrimSuffix(r.Title, "…")) {
			t.Errorf("result %d: title %q is not the answer the message starts with", i, r.Title)
		}
		if !strings.Contains(r.Description, "2022-") {
			t.Errorf("result %d: description %q lacks the source and date", i, r.Description)
		}
	}
	if len(ids) != len(results) {
		t.Errorf("result IDs are not unique: %v", ids)
	}
	if !strings.Contains(results[0].Description, "Test <Wire>") && !strings.Contains(results[0].Description, "Example News") && !strings.Contains(results[0].Description, "Sample Daily") {
		t.Errorf("the first description %q names no outlet", results[0].Description)
	}
}

func TestInlineQueryHintsAndRefusals(t *testing.T) {
	h := startBot(t)
	for _, tc := range []struct {
		query, wantTitle, wantText string
	}{
		{"", "Ask about the CSTO", "How to ask"},
		{"  ab ", "Ask about the CSTO", "How to ask"},
		{borschtQuestion, "The articles don't cover this", "don't cover “What is the recipe for borscht?”"},
	} {
		results := h.askInline(plainUser, tc.query).inlineResults()
		if len(results) != 1 {
			t.Errorf("query %q: want one hint result, got %+v", tc.query, results)
			continue
		}
		if results[0].Title != tc.wantTitle || !strings.Contains(results[0].InputMessageContent.MessageText, tc.wantText) {
			t.Errorf("query %q: got title %q, message %q", tc.query, results[0].Title, results[0].InputMessageContent.MessageText)
		}
	}
	ru := h.askInline(russianUser, "").inlineResults()
	if len(ru) != 1 || ru[0].Title != "Спросите об ОДКБ" {
		t.Errorf("the Russian hint is %+v", ru)
	}
}

// TestInlineQueryHasItsOwnBudget: the chat rate limit does not apply to
// inline queries, and a repeated query is answered from the cache without
// asking the engine again.
func TestInlineQueryHasItsOwnBudget(t *testing.T) {
	h := startBot(t, func(s *botSetup) { s.cfg.RateLimit, s.cfg.RateBurst = rate.Every(1e12), 1 })
	for i := range 3 {
		if results := h.askInline(plainUser, allianceQuestion+strings.Repeat(" ", i)+"?").inlineResults(); len(results) < 2 {
			t.Fatalf("query %d under a spent chat limit: %+v", i, results)
		}
	}
	if n := h.scrape().value("alliancebot_questions_total", "channel", channelInline, "outcome", outcomeAnswered); n != 1 {
		t.Errorf("the engine answered %v inline questions, want 1: the repeats differ only in spaces and punctuation", n)
	}
}

func TestInlineResultsNeverHaveAnEmptyTitle(t *testing.T) {
	a := retrieval.Answer{Found: true, Text: "The CSTO has six members.", Citations: []retrieval.Citation{
		{N: 1, Title: "First", Snippet: "The CSTO has six members.", PassageID: "a#1.1"},
		{N: 2, Title: "Second article", Snippet: "", PassageID: "b#1.1"},
	}}
	results := inlineResults("members", a, langEN)
	if got := results[1].(*models.InlineQueryResultArticle).Title; got != "Second article" {
		t.Errorf("a citation without a snippet gets title %q, want the article title", got)
	}
}
