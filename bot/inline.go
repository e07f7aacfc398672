package bot

import (
	"context"
	"fmt"
	"hash/fnv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"

	"github.com/alliancebot/alliancebot/retrieval"
)

// Inline mode settings. Telegram drops inline answers that take more than a
// few seconds; the engine answers in milliseconds and nothing else slow
// happens on this path.
const (
	// minInlineQueryRunes is the shortest query answered; shorter ones get
	// a hint, since Telegram sends a query per keystroke.
	minInlineQueryRunes = 3
	// inlineCitations is how many results an inline answer offers.
	inlineCitations = 5
	// inlineCacheSeconds lets Telegram reuse an answer for the same query
	// for a while; an admin reload shows up in inline mode after at most
	// this long.
	inlineCacheSeconds = 300
	// inlineHintCacheSeconds is the cache time for hints and refusals.
	inlineHintCacheSeconds = 30
	// inlineRateBurst and inlineRateLimit are each user's inline budget,
	// apart from the one of chats and buttons: Telegram sends a query per
	// pause in typing, so a question costs ten or twenty queries. Only
	// queries the bot has to search for count: not too short ones, not
	// ones answered from the cache.
	inlineRateBurst = 30
	inlineRateLimit = rate.Limit(1)
	// inlineCacheSize bounds the recent inline answers kept, and
	// inlineCacheTTL how long one is reused.
	inlineCacheSize = 1024
	inlineCacheTTL  = time.Minute
)

// handleInlineQuery answers "@botname question" with up to five results, one
// per cited article: its title is the short answer, its description the
// source and date, and choosing it sends the full cited answer.
func (b *Bot) handleInlineQuery(ctx context.Context, q *models.InlineQuery) {
	l := langFor(q.From.LanguageCode)
	query := strings.TrimSpace(stripControl(q.Query))
	params := &tgbot.AnswerInlineQueryParams{InlineQueryID: q.ID, CacheTime: inlineHintCacheSeconds,
		Button: inlineStartButton(query, l)}
	event := questionEvent{channel: channelInline, userID: q.From.ID, question: query}
	key := inlineCacheKey(query, l, b.answerer.Stats().LoadedAt)
	if utf8.RuneCountInString(query) < minInlineQueryRunes {
		// Not a question yet: Telegram sends a query as the user types.
		params.Results = []models.InlineQueryResult{b.inlineHint(l)}
	} else if cached, ok := b.inlineCache.get(key); ok {
		params.Results, params.CacheTime = cached.results, cached.cacheTime
	} else if ok, _ := b.inlineLimiter.allow(q.From.ID); !ok {
		// The inline budget is the user's own: running it out never
		// silences their chats.
		event.outcome = outcomeRateLimited
		b.observeQuestion(ctx, event)
		params.Results = []models.InlineQueryResult{b.inlineNotice("slow", l.text(msgInlineSlowDownTitle), "", l.text(msgSlowDown))}
		// Zero would be left out of the request, and Telegram would cache
		// the notice for its default five minutes.
		params.CacheTime, params.IsPersonal = 1, true
	} else {
		start := time.Now()
		a := b.answerer.AnswerWith(ctx, query, retrieval.Options{Citations: inlineCitations})
		event.answer, event.took, event.outcome = &a, time.Since(start), answerOutcome(a)
		b.observeQuestion(ctx, event)
		if a.Found {
			params.Results = inlineResults(query, a, l)
			params.CacheTime = inlineCacheSeconds
		} else {
			params.Results = []models.InlineQueryResult{b.inlineNotice("none", l.text(msgInlineNotCoveredTitle),
				plainTrim(query, maxInlineDetail), b.refusalText(ctx, a, query, l))}
		}
		b.inlineCache.put(key, inlineAnswer{results: params.Results, cacheTime: params.CacheTime})
	}
	if _, err := callWithRetry(ctx, b, "answerInlineQuery", func(ctx context.Context) (bool, error) {
		return b.api.AnswerInlineQuery(ctx, params)
	}); err != nil {
		b.log.Error("answer inline query failed", "user_id", q.From.ID, "err", err)
	}
}

// inlineResults makes one article result per citation. The first is the
// engine's answer with all its sources; each other one quotes its own
// snippet as the answer, with that source alone.
func inlineResults(query string, a retrieval.Answer, l lang) []models.InlineQueryResult {
	var results []models.InlineQueryResult
	for i, c := range a.Citations {
		shown := a
		if i > 0 {
			one := c
			one.N = 1
			shown = retrieval.Answer{Question: a.Question, Found: true, Text: c.Snippet, Marks: c.Marks,
				Citations: []retrieval.Citation{one}}
		}
		title := plainTrim(shown.Text, maxInlineTitle)
		if title == "" { // Telegram refuses the whole answer over one empty title
			title = plainTrim(c.Title, maxInlineTitle)
		}
		results = append(results, &models.InlineQueryResultArticle{
			ID:          inlineResultID(query, i, c.PassageID),
			Title:       title,
			Description: plainTrim(strings.TrimPrefix(sourceAndDate(c)+" · "+c.Title, " · "), maxInlineDetail),
			InputMessageContent: &models.InputTextMessageContent{
				MessageText:        formatAnswer(shown, l),
				ParseMode:          models.ParseModeHTML,
				LinkPreviewOptions: noPreview(),
			},
		})
	}
	return results
}

// inlineResultID is unique among the results of one answer (it starts with
// the result's position) and at most 64 bytes, as Telegram requires.
func inlineResultID(query string, i int, passageID string) string {
	h := fnv.New64a()
	h.Write([]byte(query))
	h.Write([]byte{0})
	h.Write([]byte(passageID))
	return fmt.Sprintf("%d-%016x", i+1, h.Sum64())
}

// inlineHint is the result for an empty or too short query: how to ask,
// and choosing it sends the help text.
func (b *Bot) inlineHint(l lang) models.InlineQueryResult {
	example := exampleQuestions[l][0]
	return b.inlineNotice("hint", l.text(msgInlineHintTitle), l.text(msgInlineHintDescription, example),
		l.text(msgHelpHowToAsk)+bulletList(exampleQuestions[l]))
}

// inlineNotice is a single article result that is not an answer.
func (b *Bot) inlineNotice(id, title, description, html string) models.InlineQueryResult {
	return &models.InlineQueryResultArticle{
		ID:          id,
		Title:       title,
		Description: description,
		InputMessageContent: &models.InputTextMessageContent{
			MessageText:        fitMessage(html),
			ParseMode:          models.ParseModeHTML,
			LinkPreviewOptions: noPreview(),
		},
	}
}

// inlineAnswer is an inline answer kept for the same query from anyone.
type inlineAnswer struct {
	results   []models.InlineQueryResult
	cacheTime int
}

// inlineCacheKey is the query as the cache knows it: lower case, spaces
// collapsed, trailing punctuation dropped, with the language of the answer
// and the index it came from, so that a reload is never answered from
// before it.
func inlineCacheKey(query string, l lang, loadedAt time.Time) string {
	q := strings.Join(strings.Fields(strings.ToLower(query)), " ")
	q = strings.TrimRightFunc(q, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	return fmt.Sprintf("%d\x00%d\x00%s", l, loadedAt.UnixNano(), q)
}

// inlineAnswerCache keeps the latest inline answers for inlineCacheTTL, at
// most inlineCacheSize of them, the oldest going first.
type inlineAnswerCache struct {
	now func() time.Time

	mu      sync.Mutex
	entries map[string]inlineCacheEntry
	order   []string // keys, oldest first
}

type inlineCacheEntry struct {
	answer inlineAnswer
	added  time.Time
}

func newInlineAnswerCache(now func() time.Time) *inlineAnswerCache {
	return &inlineAnswerCache{now: now, entries: map[string]inlineCacheEntry{}}
}

func (c *inlineAnswerCache) get(key string) (inlineAnswer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || c.now().Sub(e.added) > inlineCacheTTL {
		return inlineAnswer{}, false
	}
	return e.answer, true
}

func (c *inlineAnswerCache) put(key string, a inlineAnswer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok {
		c.order = append(c.order, key)
	}
	c.entries[key] = inlineCacheEntry{answer: a, added: c.now()}
	for len(c.order) > inlineCacheSize {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
}
