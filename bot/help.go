package bot

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/alliancebot/alliancebot/retrieval"
)

// examples returns up to three example questions in l that the serving
// index answers; if it answers none (it is still loading, say), all of them.
// Finding them asks the engine each question, which with an embedding server
// means one embedding each, so the result is kept for as long as the same
// index serves: every refusal and /help would ask again otherwise.
func (b *Bot) examples(ctx context.Context, l lang) []string {
	stats := b.answerer.Stats()
	if !stats.Ready {
		return exampleQuestions[l]
	}
	if working, ok := b.workingExamples.get(stats.LoadedAt, l); ok {
		return working
	}
	var working []string
	for _, q := range exampleQuestions[l] {
		if b.answerer.AnswerWith(ctx, q, retrieval.Options{Citations: 1}).Found {
			working = append(working, q)
		}
	}
	if len(working) == 0 {
		working = exampleQuestions[l]
	}
	if ctx.Err() == nil { // a cancelled question may have found none
		b.workingExamples.put(stats.LoadedAt, l, working)
	}
	return working
}

// exampleCache holds the example questions that work, per language, for
// the index that was swapped in at loadedAt.
type exampleCache struct {
	mu       sync.Mutex
	loadedAt time.Time
	working  [2][]string // by lang; nil until found for this index
}

// get returns the examples in l found for the index loaded at loadedAt.
func (c *exampleCache) get(loadedAt time.Time, l lang) ([]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.loadedAt.Equal(loadedAt) || c.working[l] == nil {
		return nil, false
	}
	return c.working[l], true
}

// put keeps the examples in l found for the index loaded at loadedAt; those
// of an older index are forgotten, and a put for an older index than the
// one cached is ignored.
func (c *exampleCache) put(loadedAt time.Time, l lang, working []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case loadedAt.Before(c.loadedAt):
		return
	case !loadedAt.Equal(c.loadedAt):
		c.loadedAt, c.working = loadedAt, [2][]string{}
	}
	c.working[l] = working
}

// helpText is the /start and /help message: what the bot knows, how to ask
// in private, in groups and inline, and for admins the admin commands.
func (b *Bot) helpText(ctx context.Context, userID int64, l lang) string {
	lines := []string{l.text(msgHelpTitle), ""}
	stats := b.answerer.Stats()
	if !stats.Ready || len(stats.Articles) == 0 {
		lines = append(lines, l.text(msgHelpNotReady))
	} else {
		lines = append(lines, knownArticles(stats.Articles, l)...)
	}
	mention := "@" + b.me.Username
	lines = append(lines, "",
		l.text(msgHelpHowToAsk)+bulletList(b.examples(ctx, l)), "",
		l.text(msgHelpGroups, escapeHTML(mention)), "",
		l.text(msgHelpInline, escapeHTML(mention)))
	if b.isAdmin(userID) {
		lines = append(lines, "", l.text(msgHelpAdmin))
	}
	return fitMessage(strings.Join(lines, "\n"))
}

// maxListedArticles is how many article titles /help lists.
const maxListedArticles = 10

// knownArticles lists the indexed articles, newest first, after a line
// giving their number and date range.
func knownArticles(articles []retrieval.ArticleInfo, l lang) []string {
	sorted := append([]retrieval.ArticleInfo(nil), articles...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Published > sorted[j].Published })
	var first, last string
	for _, a := range sorted {
		if a.Published == "" {
			continue
		}
		if last == "" {
			last = a.Published
		}
		first = a.Published
	}
	var lines []string
	if first == "" {
		lines = append(lines, l.text(msgHelpKnowsUndated, l.count(len(sorted), nounArticles)))
	} else {
		lines = append(lines, l.text(msgHelpKnows, l.count(len(sorted), nounArticles), first, last))
	}
	for i, a := range sorted {
		if i == maxListedArticles {
			lines = append(lines, l.text(msgHelpMoreArticles, len(sorted)-i))
			break
		}
		line := "• " + linkHTML(escapeHTML(plainTrim(a.Title, maxTitleRunes)), a.URL)
		src := sourceAndDate(retrieval.Citation{Source: a.Outlet, Published: a.Published})
		if src != "" {
			line += " — " + escapeHTML(src)
		}
		lines = append(lines, line)
	}
	return lines
}
