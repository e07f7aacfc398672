package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alliancebot/alliancebot/corpus"
)

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestFeedRounds follows an RSS feed, an Atom feed and a feed that fails:
// the first round adds the pages of the new items and reloads once, the
// broken feed is recorded and does not stop the others, and after a
// restart from the state file nothing is added again.
func TestFeedRounds(t *testing.T) {
	site := newTestSite(t)
	dir, state := t.TempDir(), filepath.Join(t.TempDir(), "feeds.json")
	ad := &Adder{Dir: dir, Fetcher: testFetcher(FetchConfig{AllowPrivate: true, Timeout: 2 * time.Second})}
	feeds := []string{site.URL + "/feeds/rss.xml", site.URL + "/no-such-feed.xml", site.URL + "/feeds/atom.xml"}
	var reloads atomic.Int32
	reload := func(context.Context) error { reloads.Add(1); return nil }
	w, err := NewFeedWatcher(FeedConfig{Feeds: feeds, StatePath: state, Logger: quietLog()}, ad, reload)
	if err != nil {
		t.Fatal(err)
	}
	if added := w.CheckOnce(context.Background()); added != 2 {
		t.Fatalf("first round added %d articles, want 2 (one per feed; the RSS feed's second item is a 404)", added)
	}
	if reloads.Load() != 1 {
		t.Errorf("reloads after the round: %d, want 1", reloads.Load())
	}
	c, err := corpus.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, a := range c.Articles {
		titles = append(titles, a.Title)
	}
	if len(c.Articles) != 2 || !strings.Contains(strings.Join(titles, "|"), "ends drills in Tajikistan") || !strings.Contains(strings.Join(titles, "|"), "собрался в Минске") {
		t.Fatalf("articles after the round: %v", titles)
	}
	status := w.FeedStatus()
	if status[0].Added != 1 || status[0].LastError != "" || status[2].Added != 1 || status[0].LastCheck.IsZero() {
		t.Errorf("status = %+v", status)
	}
	if !strings.Contains(status[1].LastError, "404") {
		t.Errorf("the broken feed's error = %q", status[1].LastError)
	}

	// The state file remembers the items, the 404 item included (a
	// permanent failure), across a restart.
	var saved struct {
		Feeds map[string]struct {
			Seen  []string `json:"seen"`
			Added int      `json:"added"`
		} `json:"feeds"`
	}
	data, err := os.ReadFile(state)
	if err != nil || json.Unmarshal(data, &saved) != nil {
		t.Fatalf("state file: %v\n%s", err, data)
	}
	if got := saved.Feeds[feedStateKey(feeds[0])].Seen; len(got) != 2 {
		t.Errorf("RSS items remembered: %v", got)
	}
	before := site.requests()
	w2, err := NewFeedWatcher(FeedConfig{Feeds: feeds, StatePath: state, Logger: quietLog()}, ad, reload)
	if err != nil {
		t.Fatal(err)
	}
	if added := w2.CheckOnce(context.Background()); added != 0 {
		t.Errorf("after a restart the round added %d", added)
	}
	if reloads.Load() != 1 {
		t.Errorf("a round that added nothing reloaded")
	}
	// Only the three feeds were fetched, no item page.
	if n := site.requests() - before; n != 3 {
		t.Errorf("second round made %d requests, want 3", n)
	}
	if w2.FeedStatus()[0].Added != 1 {
		t.Errorf("the added count does not survive the restart: %+v", w2.FeedStatus()[0])
	}
}

// TestFeedItemRetriedAfterTransientFailure: an item whose page answers 503
// is not marked seen and is added in the next round.
func TestFeedItemRetriedAfterTransientFailure(t *testing.T) {
	site := newTestSite(t)
	ad := &Adder{Dir: t.TempDir(), Fetcher: testFetcher(FetchConfig{AllowPrivate: true, Timeout: 2 * time.Second})}
	w, err := NewFeedWatcher(FeedConfig{Feeds: []string{site.URL + "/feeds/flaky.xml"}, Logger: quietLog()}, ad, nil)
	if err != nil {
		t.Fatal(err)
	}
	if added := w.CheckOnce(context.Background()); added != 0 {
		t.Fatalf("the round with a 503 added %d", added)
	}
	if e := w.FeedStatus()[0].LastError; !strings.Contains(e, "503") {
		t.Errorf("last error = %q", e)
	}
	if added := w.CheckOnce(context.Background()); added != 1 {
		t.Fatalf("the next round added %d, want the item again", added)
	}
	if e := w.FeedStatus()[0].LastError; e != "" {
		t.Errorf("last error after success = %q", e)
	}
}

func TestBrokenStateFileIsAnError(t *testing.T) {
	state := filepath.Join(t.TempDir(), "feeds.json")
	os.WriteFile(state, []byte("{not json"), 0o644)
	if _, err := NewFeedWatcher(FeedConfig{Feeds: []string{"https://news.example/rss"}, StatePath: state}, &Adder{}, nil); err == nil || !strings.Contains(err.Error(), "feeds.json") {
		t.Fatalf("error = %v", err)
	}
}

// TestFeedFirstRoundTakesTheNewest: a new feed listing more items than
// MaxItems adds only its newest ones, oldest of them first, and marks the
// older ones seen; the next round adds only what is new since. The feed
// lists its items out of date order, as some do.
func TestFeedFirstRoundTakesTheNewest(t *testing.T) {
	var mu sync.Mutex
	var fetched []string
	items := 5
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>`)
			// Newest first, but for the first two swapped.
			order := []int{}
			for i := items; i >= 1; i-- {
				order = append(order, i)
			}
			order[0], order[1] = order[1], order[0]
			for _, i := range order {
				fmt.Fprintf(w, `<item><title>Story %d</title><link>http://%s/story-%d</link><guid>story-%d</guid><pubDate>%s</pubDate></item>`,
					i, r.Host, i, i, time.Date(2025, 3, i, 10, 0, 0, 0, time.UTC).Format(time.RFC1123Z))
			}
			fmt.Fprint(w, `</channel></rss>`)
			return
		}
		fetched = append(fetched, strings.TrimPrefix(r.URL.Path, "/"))
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "Story %[1]s about the alliance\n\nThe member states met for session %[1]s and agreed on a joint plan of exercises. "+
			"The ministers discussed the schedule of session %[1]s at length and signed the final statement.\n", r.URL.Path)
	}))
	t.Cleanup(srv.Close)
	ad := &Adder{Dir: t.TempDir(), Fetcher: testFetcher(FetchConfig{AllowPrivate: true, Timeout: 2 * time.Second})}
	w, err := NewFeedWatcher(FeedConfig{Feeds: []string{srv.URL + "/feed.xml"}, MaxItems: 2, Logger: quietLog()}, ad, nil)
	if err != nil {
		t.Fatal(err)
	}
	round := func(wantAdded int, wantFetched ...string) {
		t.Helper()
		mu.Lock()
		fetched = nil
		mu.Unlock()
		if added := w.CheckOnce(context.Background()); added != wantAdded {
			t.Errorf("the round added %d, want %d (%s)", added, wantAdded, w.FeedStatus()[0].LastError)
		}
		mu.Lock()
		defer mu.Unlock()
		if !slices.Equal(fetched, wantFetched) {
			t.Errorf("the round fetched %v, want %v", fetched, wantFetched)
		}
	}
	round(2, "story-4", "story-5")
	round(0)
	mu.Lock()
	items = 8
	mu.Unlock()
	// Three new items, two taken: the newest two, and the third next time.
	round(2, "story-7", "story-8")
	round(1, "story-6")
}
