package bot

import (
	"context"
	"sort"
	"strings"
	"sync"

	tgbot "github.com/go-telegram/bot"

	"github.com/alliancebot/alliancebot/retrieval"
)

// The bot's profile: the description a new user sees in the empty chat
// before pressing Start, and the short description on the profile page and
// in shared links. Both say what the bot knows (how many articles, from
// which outlets and dates) and how to ask, in English and in Russian for
// every language answered in Russian. They are set when Run starts and
// again after a reload or an upload, for the languages whose text changed.

// Telegram's limits on the profile texts, in characters.
const (
	maxDescription      = 512
	maxShortDescription = 120
	// maxProfileOutlets is how many outlets the description names.
	maxProfileOutlets = 3
)

// profileTexts are the two profile texts of one language.
type profileTexts struct {
	description, short string
}

// profileState is what was last set, by language code, so that a reload
// that leaves the texts as they were makes no calls.
type profileState struct {
	// mu makes one refresh run at a time.
	mu  sync.Mutex
	set map[string]profileTexts
}

// profileTextsFor are the profile texts in l for the serving index.
func (b *Bot) profileTextsFor(stats retrieval.Stats, l lang) profileTexts {
	articles := l.count(len(stats.Articles), nounArticles)
	outlets := outletList(stats.Articles)
	first, last := dateRange(stats.Articles)
	// The first built-in example, not one the index is asked to confirm:
	// the profile is set in the background and should cost no queries.
	example := exampleQuestions[l][0]
	mention := "@" + b.me.Username
	var t profileTexts
	if first == "" {
		t.description = l.text(msgProfileDescriptionUndated, articles, outlets, example, mention)
		t.short = l.text(msgProfileShortUndated, articles)
	} else {
		t.description = l.text(msgProfileDescription, articles, outlets, first, last, example, mention)
		t.short = l.text(msgProfileShort, articles, yearSpan(first, last))
	}
	t.description = trimProfile(t.description, maxDescription)
	t.short = trimProfile(t.short, maxShortDescription)
	return t
}

// yearSpan is "2021–2022" for dates of two years, "2022" for one.
func yearSpan(first, last string) string {
	if first[:4] == last[:4] {
		return first[:4]
	}
	return first[:4] + "–" + last[:4]
}

// trimProfile cuts s to limit runes, keeping its line breaks.
func trimProfile(s string, limit int) string {
	if len([]rune(s)) <= limit {
		return s
	}
	s, _ = trimText(s, nil, limit)
	return s
}

// outletList names up to maxProfileOutlets outlets, the most frequent
// first, and says when there are more.
func outletList(articles []retrieval.ArticleInfo) string {
	counts := map[string]int{}
	for _, a := range articles {
		if o := strings.TrimSpace(a.Outlet); o != "" {
			counts[o]++
		}
	}
	outlets := make([]string, 0, len(counts))
	for o := range counts {
		outlets = append(outlets, o)
	}
	sort.Slice(outlets, func(i, j int) bool {
		if counts[outlets[i]] != counts[outlets[j]] {
			return counts[outlets[i]] > counts[outlets[j]]
		}
		return outlets[i] < outlets[j]
	})
	more := len(outlets) > maxProfileOutlets
	if more {
		outlets = outlets[:maxProfileOutlets]
	}
	for i, o := range outlets {
		outlets[i] = plainTrim(o, maxOutletRunes)
	}
	list := strings.Join(outlets, ", ")
	if more {
		list += ", …"
	}
	return list
}

// dateRange is the first and last publication date of the articles, ""
// when none is dated.
func dateRange(articles []retrieval.ArticleInfo) (first, last string) {
	for _, a := range articles {
		if a.Published == "" {
			continue
		}
		if first == "" || a.Published < first {
			first = a.Published
		}
		if a.Published > last {
			last = a.Published
		}
	}
	return first, last
}

// refreshProfile sets the profile texts of every profile language whose
// text differs from what was last set. Without a loaded index it does
// nothing: a profile that says "0 articles" would be worse than the last
// one. Failures are logged; the next refresh tries again.
func (b *Bot) refreshProfile(ctx context.Context) {
	stats := b.answerer.Stats()
	if !stats.Ready || len(stats.Articles) == 0 {
		return
	}
	b.profile.mu.Lock()
	defer b.profile.mu.Unlock()
	if b.profile.set == nil {
		b.profile.set = map[string]profileTexts{}
	}
	for _, code := range profileLanguages() {
		want := b.profileTextsFor(stats, langFor(code))
		have := b.profile.set[code]
		if want.description != have.description {
			params := &tgbot.SetMyDescriptionParams{Description: want.description, LanguageCode: code}
			if _, err := callWithRetry(ctx, b, "setMyDescription", func(ctx context.Context) (bool, error) {
				return b.api.SetMyDescription(ctx, params)
			}); err != nil {
				b.log.Warn("setMyDescription failed", "language", code, "err", err)
			} else {
				have.description = want.description
			}
		}
		if want.short != have.short {
			params := &tgbot.SetMyShortDescriptionParams{ShortDescription: want.short, LanguageCode: code}
			if _, err := callWithRetry(ctx, b, "setMyShortDescription", func(ctx context.Context) (bool, error) {
				return b.api.SetMyShortDescription(ctx, params)
			}); err != nil {
				b.log.Warn("setMyShortDescription failed", "language", code, "err", err)
			} else {
				have.short = want.short
			}
		}
		b.profile.set[code] = have
		if ctx.Err() != nil {
			return
		}
	}
}
