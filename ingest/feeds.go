package ingest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/internal/atomicfile"
)

// Defaults of FeedConfig's zero values.
const (
	DefaultFeedInterval = 30 * time.Minute
	// DefaultFeedItems bounds the items one feed adds in one round: the
	// newest unseen ones. On a feed's first round the older items are
	// marked seen, so a new feed does not fetch its whole archive.
	DefaultFeedItems = 20
	// maxSeenPerFeed bounds the item keys remembered per feed; feeds list
	// their latest few dozen items, so older keys are never needed.
	maxSeenPerFeed = 2000
)

// FeedConfig configures a FeedWatcher.
type FeedConfig struct {
	// Feeds are the RSS or Atom URLs to follow.
	Feeds []string
	// Interval is the time between rounds; zero means DefaultFeedInterval.
	Interval time.Duration
	// StatePath is the JSON file that remembers the items seen and each
	// feed's last check across restarts (DATA_DIR/feeds.json); empty keeps
	// them in memory only. Feeds are keyed there by a hash of their URL,
	// never by the URL, which may carry credentials.
	StatePath string
	// MaxItems bounds the new items of one feed added per round, the
	// newest first chosen; zero means DefaultFeedItems.
	MaxItems int
	// Logger receives the watcher's logs; nil means slog.Default().
	Logger *slog.Logger
}

// FeedStatus is what /feeds shows of one feed.
type FeedStatus struct {
	// URL is the feed's URL redacted by RedactURL.
	URL string
	// LastCheck is when the feed was last fetched, successfully or not;
	// zero before the first check.
	LastCheck time.Time
	// Added counts the articles the feed has added, over all rounds.
	Added int
	// LastError is why the last check failed, or "" when it did not.
	LastError string
}

// feedRecord is one feed's part of the state file.
type feedRecord struct {
	Seen      []string  `json:"seen"`
	LastCheck time.Time `json:"last_check"`
	Added     int       `json:"added"`
	LastError string    `json:"last_error,omitempty"`
}

// FeedWatcher checks news feeds on an interval and adds each new item's
// page to the corpus folder through an Adder, reloading once per round
// that added any. A feed that fails is logged and tried again next round;
// the others go on.
type FeedWatcher struct {
	cfg    FeedConfig
	adder  *Adder
	reload func(context.Context) error
	log    *slog.Logger

	mu sync.Mutex // guards feeds
	// feeds are keyed by feedStateKey of the feed URL.
	feeds map[string]*feedRecord
	// roundMu lets one round run at a time.
	roundMu sync.Mutex
}

// NewFeedWatcher returns a watcher of cfg.Feeds that adds articles with
// adder and calls reload after a round that added some. It reads the state
// file when there is one; a state file that does not parse is an error,
// so that a restart never fetches every item again by accident.
func NewFeedWatcher(cfg FeedConfig, adder *Adder, reload func(context.Context) error) (*FeedWatcher, error) {
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultFeedInterval
	}
	if cfg.MaxItems <= 0 {
		cfg.MaxItems = DefaultFeedItems
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	w := &FeedWatcher{cfg: cfg, adder: adder, reload: reload, log: cfg.Logger, feeds: map[string]*feedRecord{}}
	if cfg.StatePath != "" {
		data, err := os.ReadFile(cfg.StatePath)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, fmt.Errorf("read feed state %s: %w", cfg.StatePath, err)
		default:
			var state struct {
				Feeds map[string]*feedRecord `json:"feeds"`
			}
			if err := json.Unmarshal(data, &state); err != nil {
				return nil, fmt.Errorf("read feed state %s: %w", cfg.StatePath, err)
			}
			for k, r := range state.Feeds {
				if r == nil {
					continue
				}
				if !strings.HasPrefix(k, feedKeyPrefix) {
					// Written before feeds were keyed by hash.
					k = feedStateKey(k)
				}
				w.feeds[k] = r
			}
		}
	}
	for _, u := range cfg.Feeds {
		if w.feeds[feedStateKey(u)] == nil {
			w.feeds[feedStateKey(u)] = &feedRecord{}
		}
	}
	return w, nil
}

// feedKeyPrefix starts every key of the state file's feeds.
const feedKeyPrefix = "sha256:"

// feedStateKey is the key of a feed in the state: a hash of its URL, so
// that the file holds no credentials the URL may carry.
func feedStateKey(feedURL string) string {
	sum := sha256.Sum256([]byte(feedURL))
	return feedKeyPrefix + hex.EncodeToString(sum[:])
}

// Interval is the time between rounds.
func (w *FeedWatcher) Interval() time.Duration { return w.cfg.Interval }

// FeedStatus reports each configured feed, in configuration order.
func (w *FeedWatcher) FeedStatus() []FeedStatus {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]FeedStatus, 0, len(w.cfg.Feeds))
	for _, u := range w.cfg.Feeds {
		r := w.feeds[feedStateKey(u)]
		out = append(out, FeedStatus{URL: RedactURL(u), LastCheck: r.LastCheck, Added: r.Added, LastError: r.LastError})
	}
	return out
}

// Run checks the feeds at once and then every Interval until ctx is done.
func (w *FeedWatcher) Run(ctx context.Context) {
	if len(w.cfg.Feeds) == 0 {
		return
	}
	w.log.Info("following feeds", "feeds", len(w.cfg.Feeds), "interval", w.cfg.Interval)
	ticker := time.NewTicker(w.cfg.Interval)
	defer ticker.Stop()
	for {
		w.CheckOnce(ctx)
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// CheckOnce runs one round: every feed is fetched and parsed, each item not
// seen before has its page added, the state is saved, and when anything
// was added the corpus is reloaded once. It returns how many articles were
// added.
func (w *FeedWatcher) CheckOnce(ctx context.Context) int {
	w.roundMu.Lock()
	defer w.roundMu.Unlock()
	total := 0
	for _, u := range w.cfg.Feeds {
		if ctx.Err() != nil {
			break
		}
		added, err := w.checkFeed(ctx, u)
		total += added
		w.mu.Lock()
		r := w.feeds[feedStateKey(u)]
		r.LastCheck, r.Added = time.Now(), r.Added+added
		r.LastError = ""
		if err != nil {
			r.LastError = err.Error()
		}
		w.mu.Unlock()
		if err != nil {
			w.log.Warn("feed check failed; trying again next round", "feed", RedactURL(u), "err", err)
		} else {
			w.log.Info("feed checked", "feed", RedactURL(u), "added", added)
		}
	}
	if err := w.save(); err != nil {
		w.log.Error("saving the feed state failed", "path", w.cfg.StatePath, "err", err)
	}
	if total > 0 && w.reload != nil {
		if err := w.reload(ctx); err != nil {
			w.log.Error("reload after the feed round failed", "added", total, "err", err)
		}
	}
	return total
}

// checkFeed fetches one feed and adds its new items.
func (w *FeedWatcher) checkFeed(ctx context.Context, feedURL string) (int, error) {
	f := w.adder.Fetcher
	if f == nil {
		f = NewFetcher(FetchConfig{})
	}
	page, err := f.FetchFeed(ctx, feedURL)
	if err != nil {
		return 0, err
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(page.Body))
	if err != nil {
		return 0, fmt.Errorf("parse feed %s: %w", RedactURL(feedURL), err)
	}
	added := 0
	var itemErrs []error
	for _, it := range w.itemsToAdd(feedURL, feed.Items) {
		if ctx.Err() != nil {
			break
		}
		got, err := w.adder.AddURL(ctx, it.Link)
		switch {
		case err == nil:
			added++
			w.log.Info("feed item added", "feed", RedactURL(feedURL), "url", RedactURL(it.Link), "file", got.File, "title", got.Article.Title)
		case errors.Is(err, ErrAlreadyStored):
		case permanent(err):
			w.log.Warn("feed item skipped", "feed", RedactURL(feedURL), "url", RedactURL(it.Link), "err", err)
		default:
			// Not marked seen: tried again next round.
			w.log.Warn("feed item failed; trying again next round", "feed", RedactURL(feedURL), "url", RedactURL(it.Link), "err", err)
			itemErrs = append(itemErrs, err)
			continue
		}
		w.markSeen(feedURL, itemKey(it))
	}
	if len(itemErrs) > 0 {
		return added, fmt.Errorf("%d items failed, the first: %w", len(itemErrs), itemErrs[0])
	}
	return added, nil
}

// itemsToAdd picks a round's items of a feed: the newest MaxItems not
// seen before, oldest first so that the articles are added in the order
// written. On the feed's first round (no item seen yet, even when earlier
// rounds failed) the older unseen items are marked seen, so that a new
// feed never works through its archive.
func (w *FeedWatcher) itemsToAdd(feedURL string, items []*gofeed.Item) []*gofeed.Item {
	items = newestFirst(items)
	w.mu.Lock()
	firstRound := len(w.feeds[feedStateKey(feedURL)].Seen) == 0
	w.mu.Unlock()
	var unseen []*gofeed.Item
	for _, it := range items {
		if key := itemKey(it); key != "" && it.Link != "" && !w.seen(feedURL, key) && !slices.ContainsFunc(unseen, func(u *gofeed.Item) bool { return itemKey(u) == key }) {
			unseen = append(unseen, it)
		}
	}
	if len(unseen) > w.cfg.MaxItems {
		if firstRound {
			// Oldest first, so that the newest keys are the last dropped
			// should a huge archive exceed maxSeenPerFeed.
			for i := len(unseen) - 1; i >= w.cfg.MaxItems; i-- {
				w.markSeen(feedURL, itemKey(unseen[i]))
			}
		}
		unseen = unseen[:w.cfg.MaxItems]
	}
	slices.Reverse(unseen)
	return unseen
}

// newestFirst orders a feed's items newest first: by date when every item
// has one, else as the feed lists them, which feeds do newest first.
func newestFirst(items []*gofeed.Item) []*gofeed.Item {
	items = slices.Clone(items)
	date := func(it *gofeed.Item) *time.Time {
		if it.PublishedParsed != nil {
			return it.PublishedParsed
		}
		return it.UpdatedParsed
	}
	if slices.ContainsFunc(items, func(it *gofeed.Item) bool { return date(it) == nil }) {
		return items
	}
	slices.SortStableFunc(items, func(a, b *gofeed.Item) int { return date(b).Compare(*date(a)) })
	return items
}

// permanent reports the item failures that another try will not mend.
func permanent(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code >= 400 && se.Code < 500 && se.Code != 408 && se.Code != 429
	}
	return errors.Is(err, ErrRefusedAddress) || errors.Is(err, ErrScheme) || errors.Is(err, ErrNotHTML) ||
		errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTooManyRedirects) || errors.Is(err, corpus.ErrNoArticle)
}

// itemKey identifies a feed item: its GUID, else its link.
func itemKey(it *gofeed.Item) string {
	if it.GUID != "" {
		return it.GUID
	}
	return it.Link
}

func (w *FeedWatcher) seen(feedURL, key string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Contains(w.feeds[feedStateKey(feedURL)].Seen, key)
}

func (w *FeedWatcher) markSeen(feedURL, key string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	r := w.feeds[feedStateKey(feedURL)]
	r.Seen = append(r.Seen, key)
	if len(r.Seen) > maxSeenPerFeed {
		r.Seen = slices.Clone(r.Seen[len(r.Seen)-maxSeenPerFeed:])
	}
}

// save writes the state file atomically (atomicfile.Write).
func (w *FeedWatcher) save() error {
	if w.cfg.StatePath == "" {
		return nil
	}
	w.mu.Lock()
	data, err := json.MarshalIndent(struct {
		Feeds map[string]*feedRecord `json:"feeds"`
	}{w.feeds}, "", "  ")
	w.mu.Unlock()
	if err != nil {
		return err
	}
	return atomicfile.Write(w.cfg.StatePath, func(bw *bufio.Writer) error {
		_, err := bw.Write(append(data, '\n'))
		return err
	})
}
