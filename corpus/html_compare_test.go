package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// compareDir holds web pages in the styles of many sites (news agencies,
// blogs, mobile pages, old table layouts, several charsets), each with
// <page>.want.json: the article's paragraphs, the furniture lines the page
// prints around it and the metadata the page declares.
var compareDir = filepath.Join(htmlDir, "compare")

// pageWant is what a comparison page must give.
type pageWant struct {
	Title, Outlet, Published, Language, URL string
	// Paragraphs are the article's paragraphs: every sentence of them must
	// be in the extracted text.
	Paragraphs []string
	// Furniture are lines of the page that are not the article: none may
	// be in the extracted text.
	Furniture []string
}

// pageScore counts how much of a page's article an extraction kept and
// how much furniture it let in.
type pageScore struct {
	sentences, kept, furniture, leaked int
	missing, leaks                     []string
}

// readPageWant reads the want.json beside a comparison page.
func readPageWant(t *testing.T, page string) pageWant {
	t.Helper()
	name := strings.TrimSuffix(page, ".html") + ".want.json"
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var want pageWant
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return want
}

// scoreText scores an extracted text against what the page must give.
func scoreText(text string, want pageWant) pageScore {
	text = normalizeLine(strings.Join(strings.Fields(text), " "))
	var s pageScore
	for _, p := range want.Paragraphs {
		p = normalizeLine(p)
		for _, sp := range SplitSentences(p) {
			sent := p[sp.Start:sp.End]
			s.sentences++
			if strings.Contains(text, sent) {
				s.kept++
			} else {
				s.missing = append(s.missing, sent)
			}
		}
	}
	for _, f := range want.Furniture {
		s.furniture++
		if strings.Contains(text, normalizeLine(f)) {
			s.leaked++
			s.leaks = append(s.leaks, f)
		}
	}
	return s
}

// TestExtractHTMLComparison extracts every comparison page: every article
// sentence must be kept, no furniture line may be, and the metadata must
// be the page's. Run with -v for the table of scores, both of the
// extractor's text and of the text after CleanScrapedText.
func TestExtractHTMLComparison(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join(compareDir, "*.html"))
	if err != nil || len(pages) < 12 {
		t.Fatalf("comparison pages: %d, %v", len(pages), err)
	}
	var table strings.Builder
	fmt.Fprintf(&table, "%-22s %9s %7s %9s %7s  %-5s %-5s %-5s %-5s %-5s\n", "page", "sentences", "leaked", "cleaned", "leaked", "title", "date", "outlet", "lang", "url")
	var total, totalClean pageScore
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			want := readPageWant(t, page)
			got, err := ExtractHTML(data, "", "")
			if err != nil {
				t.Fatalf("ExtractHTML: %v", err)
			}
			s := scoreText(got.Text, want)
			c := scoreText(CleanScrapedText(got.Text, got.Title), want)
			for _, sum := range []struct{ to, from *pageScore }{{&total, &s}, {&totalClean, &c}} {
				sum.to.sentences += sum.from.sentences
				sum.to.kept += sum.from.kept
				sum.to.furniture += sum.from.furniture
				sum.to.leaked += sum.from.leaked
			}
			mark := func(ok bool) string {
				if ok {
					return "ok"
				}
				return "WRONG"
			}
			fmt.Fprintf(&table, "%-22s %4d/%-4d %3d/%-3d %4d/%-4d %3d/%-3d  %-5s %-5s %-5s %-5s %-5s\n", name,
				s.kept, s.sentences, s.leaked, s.furniture, c.kept, c.sentences, c.leaked, c.furniture,
				mark(got.Title == want.Title), mark(got.Published == want.Published), mark(got.Outlet == want.Outlet), mark(got.Language == want.Language), mark(got.URL == want.URL))
			for _, m := range s.missing {
				t.Errorf("article sentence missing: %q", m)
			}
			for _, l := range s.leaks {
				t.Errorf("furniture kept: %q", l)
			}
			for _, m := range c.missing {
				t.Errorf("after cleaning, article sentence missing: %q", m)
			}
			if got.Title != want.Title || got.Outlet != want.Outlet || got.Published != want.Published ||
				got.Language != want.Language || got.URL != want.URL {
				t.Errorf("metadata:\n got title %q outlet %q published %q language %q url %q\nwant title %q outlet %q published %q language %q url %q",
					got.Title, got.Outlet, got.Published, got.Language, got.URL, want.Title, want.Outlet, want.Published, want.Language, want.URL)
			}
			if t.Failed() {
				t.Logf("extracted text:\n%s", got.Text)
			}
		})
	}
	fmt.Fprintf(&table, "%-22s %4d/%-4d %3d/%-3d %4d/%-4d %3d/%-3d\n", "total",
		total.kept, total.sentences, total.leaked, total.furniture, totalClean.kept, totalClean.sentences, totalClean.leaked, totalClean.furniture)
	t.Logf("kept article sentences / leaked furniture lines, of the extracted text and after CleanScrapedText:\n%s", table.String())
}

// BenchmarkExtractHTMLPages measures the extraction of each comparison
// page.
func BenchmarkExtractHTMLPages(b *testing.B) {
	pages, err := filepath.Glob(filepath.Join(compareDir, "*.html"))
	if err != nil || len(pages) == 0 {
		b.Fatalf("comparison pages: %v", err)
	}
	for _, page := range pages {
		data, err := os.ReadFile(page)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(filepath.Base(page), ".html"), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := ExtractHTML(data, "", ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
