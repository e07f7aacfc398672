package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alliancebot/alliancebot/corpus"
)

func testAdder(t *testing.T) (*Adder, *testSite) {
	t.Helper()
	site := newTestSite(t)
	return &Adder{Dir: t.TempDir(), Fetcher: testFetcher(FetchConfig{AllowPrivate: true, Timeout: 2 * time.Second, MaxBytes: 1 << 20})}, site
}

func TestAddURLStoresArticle(t *testing.T) {
	tests := []struct {
		path                                   string
		wantFile, title, outlet, date, url, lg string
		wantText                               string
	}{
		{"/news/csto-drills-tajikistan", "csto-drills-tajikistan.txt", "CSTO rapid reaction force ends drills in Tajikistan", "Steppe Herald", "2023-10-14",
			"https://steppe-herald.example/world/2023/10/14/csto-drills-tajikistan", "en", "Khatlon region"},
		{"/ru/odkb-minsk", "odkb-minsk-2022.txt", "Совет коллективной безопасности ОДКБ собрался в Минске", "Вестник Евразии", "2022-11-23",
			"https://vestnik-evrazii.example/politika/odkb-minsk-2022", "ru", "Премьер-министр Армении"},
		{"/notes/peacekeepers", "peacekeepers.txt", "CSTO peacekeepers leave Kazakhstan", "127.0.0.1", "", "", "", "January 19, 2022"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			ad, site := testAdder(t)
			got, err := ad.AddURL(context.Background(), site.URL+tt.path)
			if err != nil {
				t.Fatal(err)
			}
			a := got.Article
			wantURL := tt.url
			if wantURL == "" {
				wantURL = site.URL + tt.path
			}
			if got.File != tt.wantFile || got.Duplicate || a.Title != tt.title || a.Outlet != tt.outlet || a.Published != tt.date || a.URL != wantURL {
				t.Fatalf("added %+v\n article %q %q %q %q", got, a.Title, a.Outlet, a.Published, a.URL)
			}
			if tt.lg != "" && a.Language != tt.lg {
				t.Errorf("language %q, want %q", a.Language, tt.lg)
			}
			if !strings.Contains(a.Text, tt.wantText) {
				t.Errorf("text lacks %q:\n%s", tt.wantText, a.Text)
			}
			// The file on disk is what the corpus loads.
			c, err := corpus.Load(os.DirFS(ad.Dir))
			if err != nil || len(c.Articles) != 1 || c.Articles[0].Title != tt.title || len(c.Passages) == 0 {
				t.Fatalf("corpus after add: %+v, %v", c, err)
			}
			data, _ := os.ReadFile(filepath.Join(ad.Dir, got.File))
			if !strings.HasPrefix(string(data), "---\ntitle: "+tt.title+"\n") {
				t.Errorf("file starts %q", string(data)[:min(len(data), 120)])
			}
		})
	}
}

func TestAddURLNotTwice(t *testing.T) {
	ad, site := testAdder(t)
	first, err := ad.AddURL(context.Background(), site.URL+"/news/csto-drills-tajikistan")
	if err != nil {
		t.Fatal(err)
	}
	// Through a redirect, and by the canonical URL the page declares.
	for _, u := range []string{site.URL + "/moved", site.URL + "/news/csto-drills-tajikistan", "https://www.steppe-herald.example/world/2023/10/14/csto-drills-tajikistan/"} {
		before := site.requests()
		got, err := ad.AddURL(context.Background(), u)
		if !errors.Is(err, ErrAlreadyStored) || !got.Duplicate || got.File != first.File {
			t.Fatalf("AddURL(%s) = %+v, %v; want ErrAlreadyStored naming %s", u, got, err, first.File)
		}
		if strings.HasPrefix(u, "https://") && site.requests() != before {
			t.Errorf("a known canonical URL was fetched")
		}
	}
	entries, _ := os.ReadDir(ad.Dir)
	if len(entries) != 1 {
		t.Fatalf("folder holds %d files", len(entries))
	}
}

func TestAddURLFailures(t *testing.T) {
	ad, site := testAdder(t)
	ad.Fetcher = testFetcher(FetchConfig{AllowPrivate: true, Timeout: 500 * time.Millisecond, MaxBytes: 1 << 20})
	tests := []struct {
		path string
		want error
	}{
		{"/login", corpus.ErrNoArticle},
		{"/report.pdf", ErrNotHTML},
		{"/huge", ErrTooLarge},
		{"/slow", ErrTimeout},
	}
	for _, tt := range tests {
		if _, err := ad.AddURL(context.Background(), site.URL+tt.path); !errors.Is(err, tt.want) {
			t.Errorf("AddURL(%s) error = %v; want %v", tt.path, err, tt.want)
		}
	}
	if entries, _ := os.ReadDir(ad.Dir); len(entries) != 0 {
		t.Fatalf("failed adds left %d files", len(entries))
	}
}

func TestAddFileConvertsPages(t *testing.T) {
	ad := &Adder{Dir: t.TempDir()}
	got, err := ad.AddFile("Minsk summit.HTML", fixture(t, "html", "odkb_minsk_cp1251.html"))
	if err != nil {
		t.Fatal(err)
	}
	if got.File != "Minsk_summit.txt" || got.Article.Outlet != "Вестник Евразии" || got.Article.Published != "2022-11-23" {
		t.Fatalf("added %+v", got)
	}
	if _, err := ad.AddFile("again.htm", fixture(t, "html", "odkb_minsk_cp1251.html")); !errors.Is(err, ErrAlreadyStored) {
		t.Errorf("the same page again: %v", err)
	}
	if _, err := ad.AddFile("login.html", fixture(t, "html", "no_article.html")); !errors.Is(err, corpus.ErrNoArticle) {
		t.Errorf("a page without article: %v", err)
	}
}
