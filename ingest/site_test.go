package ingest

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// testSite is a news site on 127.0.0.1 serving the fixtures of
// testdata/html and testdata/feeds, and the pages that go wrong: too large,
// too slow, a PDF, a 404 and redirects.
type testSite struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func fixture(t testing.TB, parts ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(append([]string{"..", "testdata"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func newTestSite(t testing.TB) *testSite {
	t.Helper()
	s := &testSite{hits: map[string]int{}}
	exercise := fixture(t, "html", "csto_exercise.html")
	minsk := fixture(t, "html", "odkb_minsk_cp1251.html")
	plain := fixture(t, "html", "csto_plain.txt")
	login := fixture(t, "html", "no_article.html")
	rss := fixture(t, "feeds", "rss.xml")
	atom := fixture(t, "feeds", "atom.xml")
	page := func(ct string, body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			w.Write(body)
		}
	}
	feed := func(ct string, body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			w.Write(bytes.ReplaceAll(body, []byte("{{BASE}}"), []byte(s.URL)))
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/news/csto-drills-tajikistan", page("text/html; charset=utf-8", exercise))
	mux.Handle("/ru/odkb-minsk", page("text/html; charset=windows-1251", minsk))
	mux.Handle("/ru/odkb-minsk-meta", page("text/html", minsk))
	mux.Handle("/notes/peacekeepers", page("text/plain; charset=utf-8", plain))
	mux.Handle("/login", page("text/html; charset=utf-8", login))
	mux.Handle("/report.pdf", page("application/pdf", []byte("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n")))
	mux.Handle("/huge", page("text/html", bytes.Repeat([]byte("<p>CSTO news. </p>\n"), 200_000)))
	mux.Handle("/feeds/rss.xml", feed("application/rss+xml; charset=utf-8", rss))
	mux.Handle("/feeds/atom.xml", feed("application/atom+xml", atom))
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	var flaky sync.Once
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		failed := false
		flaky.Do(func() { failed = true })
		if failed {
			http.Error(w, "try later", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(exercise)
	})
	mux.HandleFunc("/feeds/flaky.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Flaky</title><link>` + s.URL +
			`</link><description>d</description><item><title>Drills</title><link>` + s.URL + `/flaky</link><guid>flaky-1</guid></item></channel></rss>`))
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/csto-drills-tajikistan", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/go", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// requests is how many requests the site has had, for all paths.
func (s *testSite) requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.hits {
		n += c
	}
	return n
}

// addrPort is the site's listening address.
func (s *testSite) addrPort(t testing.TB) netip.AddrPort {
	t.Helper()
	ap, err := netip.ParseAddrPort(strings.TrimPrefix(s.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	return ap
}

// testFetcher is NewFetcher with name resolution turned off: tests reach
// 127.0.0.1 by address only, and a name that slipped through must fail
// here, never as a DNS query.
func testFetcher(cfg FetchConfig) *Fetcher {
	f := NewFetcher(cfg)
	f.lookup = func(_ context.Context, host string) ([]netip.Addr, error) {
		return nil, fmt.Errorf("test fetcher: no name resolution for %s", host)
	}
	return f
}
