package ingest

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRedactURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://news.example/feed", "https://news.example/feed"},
		{"http://user:pass@127.0.0.1:8080/feed?apikey=K#top", "http://***@127.0.0.1:8080/feed"},
		{"https://token@news.example/a?", "https://***@news.example/a"},
		{"http://[::1]:80/%zz", "(an unparsable URL)"},
	} {
		if got := RedactURL(tc.in); got != tc.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestFeedSecretsNeverShown follows a feed that answers 500 and a feed
// whose items' links answer 500 or refuse the connection, every URL with a
// password and an API key, and looks for them in the logs, the status
// /feeds shows and the state file.
func TestFeedSecretsNeverShown(t *testing.T) {
	const password, key = "s3cretPass", "KEY0123456789"
	// A port nothing listens on, for the refused connection.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/items.xml":
			host := r.Host
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>http://u:%[1]s@%[2]s/a?apikey=%[3]s</link><guid>a</guid></item>
<item><title>b</title><link>http://u:%[1]s@%[4]s/b?apikey=%[3]s</link><guid>b</guid></item>
</channel></rss>`, password, host, key, closed)
		default:
			http.Error(w, "down", http.StatusInternalServerError)
		}
	}))
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")
	feeds := []string{
		"http://user:" + password + "@" + host + "/feed?apikey=" + key,
		"http://user:" + password + "@" + host + "/items.xml?apikey=" + key,
	}
	var logs bytes.Buffer
	state := filepath.Join(t.TempDir(), "feeds.json")
	ad := &Adder{Dir: t.TempDir(), Fetcher: testFetcher(FetchConfig{AllowPrivate: true, Timeout: 2 * time.Second})}
	w, err := NewFeedWatcher(FeedConfig{Feeds: feeds, StatePath: state, Logger: slog.New(slog.NewTextHandler(&logs, nil))}, ad, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.CheckOnce(context.Background())
	status := w.FeedStatus()
	if !strings.Contains(status[0].LastError, "500") || !strings.Contains(status[1].LastError, "2 items failed") {
		t.Fatalf("the errors do not say what failed: %+v", status)
	}
	saved, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]string{"logs": logs.String(), "state file": string(saved)}
	for i, s := range status {
		shown[fmt.Sprintf("status %d", i)] = s.URL + " " + s.LastError
		if want := "http://***@" + host + []string{"/feed", "/items.xml"}[i]; s.URL != want {
			t.Errorf("status %d URL = %q", i, s.URL)
		}
	}
	if !strings.Contains(logs.String(), "feed checked") && !strings.Contains(logs.String(), "feed check failed") {
		t.Fatalf("no round logged: %s", logs.String())
	}
	for where, text := range shown {
		if strings.Contains(text, password) || strings.Contains(text, key) {
			t.Errorf("%s: a secret is shown:\n%s", where, text)
		}
	}
}

// TestFeedStateKeyedByURLIsRead: a state file written when feeds were keyed
// by their URL is still read, and is written back keyed by hash only.
func TestFeedStateKeyedByURLIsRead(t *testing.T) {
	const feedURL = "https://user:s3cret@news.example/rss?apikey=K123"
	state := filepath.Join(t.TempDir(), "feeds.json")
	old := `{"feeds": {"` + feedURL + `": {"seen": ["item-1"], "added": 3, "last_check": "2025-01-02T03:04:05Z"}}}`
	if err := os.WriteFile(state, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := NewFeedWatcher(FeedConfig{Feeds: []string{feedURL}, StatePath: state, Logger: quietLog()}, &Adder{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s := w.FeedStatus()[0]; s.Added != 3 || s.LastCheck.IsZero() || !w.seen(feedURL, "item-1") {
		t.Fatalf("the old record was not read: %+v", s)
	}
	if err := w.save(); err != nil {
		t.Fatal(err)
	}
	saved, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(saved), "s3cret") || strings.Contains(string(saved), "K123") || !strings.Contains(string(saved), feedStateKey(feedURL)) {
		t.Errorf("state file after saving:\n%s", saved)
	}
}
