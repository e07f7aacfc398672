package bot

import (
	"context"
	"strings"
	"time"

	"github.com/alliancebot/alliancebot/ingest"
)

// FeedReporter reports on the news feeds the bot follows;
// *ingest.FeedWatcher implements it.
type FeedReporter interface {
	// FeedStatus is each feed's last check, articles added and last error.
	FeedStatus() []ingest.FeedStatus
	// Interval is how often the feeds are checked.
	Interval() time.Duration
}

// feedsReport is the admin's /feeds reply.
func (b *Bot) feedsReport(l lang) string {
	if b.feeds == nil {
		return l.articleText(amFeedsNone)
	}
	status := b.feeds.FeedStatus()
	if len(status) == 0 {
		return l.articleText(amFeedsNone)
	}
	lines := []string{l.articleText(amFeedsHeader, b.feeds.Interval())}
	for _, s := range status {
		checked := l.articleText(amFeedsNever)
		if !s.LastCheck.IsZero() {
			checked = s.LastCheck.UTC().Format("2006-01-02 15:04 UTC")
		}
		lines = append(lines, l.articleText(amFeedsLine, escapeHTML(plainTrim(s.URL, 200)), checked, s.Added))
		if s.LastError != "" {
			lines = append(lines, l.articleText(amFeedsError, escapeHTML(plainTrim(s.LastError, 300))))
		}
	}
	return fitMessage(strings.Join(lines, "\n"))
}

// ReloadArticles reloads the corpus as /reload does, after any reload or
// upload in progress; the feed watcher calls it after a round that added
// articles.
func (b *Bot) ReloadArticles(ctx context.Context) error {
	if b.reloader == nil {
		return nil
	}
	b.reloadMu.Lock()
	defer b.reloadMu.Unlock()
	_, err := b.reload(ctx, 0)
	return err
}
