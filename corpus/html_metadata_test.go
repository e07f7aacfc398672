package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestPageMetadata(t *testing.T) {
	body := `<p>` + strings.Repeat("The leaders of the member states met in the capital and agreed on a joint statement. ", 6) + `</p>`
	tests := []struct {
		name, head, body string
		want             Page // Text is not compared
	}{
		{
			name: "publication wins over modification, whatever their order",
			head: `<meta property="article:modified_time" content="2024-03-02T10:00:00Z"><meta name="last-modified" content="2024-03-03">` +
				`<meta property="article:published_time" content="2024-03-01T23:30:00-05:00"><title>Allies meet | The Herald</title>`,
			want: Page{Title: "Allies meet", Published: "2024-03-01", Language: "en"},
		},
		{
			name: "JSON-LD in a @graph: headline, date, publisher, URL, language",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},` +
				`{"@type":"NewsArticle","headline":"Summit in Astana","datePublished":"2024-11-28","dateModified":"2024-11-29",` +
				`"publisher":{"@type":"Organization","name":"Steppe Times"},"mainEntityOfPage":{"@id":"https://steppe.example/a"},"inLanguage":"ru-RU"}]}</script>`,
			want: Page{Title: "Summit in Astana", Outlet: "Steppe Times", Published: "2024-11-28", URL: "https://steppe.example/a", Language: "ru"},
		},
		{
			name: "title part that is the heading; site name from application-name; Dublin Core date",
			head: `<title>Archive :: 1999 :: The treaty is extended</title><meta name="application-name" content="Volga Dawn"><meta name="DC.date" content="1999/04/03">`,
			body: `<h2>The treaty is extended</h2>`,
			want: Page{Title: "The treaty is extended", Outlet: "Volga Dawn", Published: "1999-04-03", Language: "en"},
		},
		{
			name: "longest title part when no heading matches; og:locale; relative canonical needs a base",
			head: `<title>World - Allies agree on a joint force for the border - The Herald</title><meta property="og:locale" content="en_GB">` +
				`<meta property="og:site_name" content="The Herald"><link rel="canonical" href="/world/joint-force">`,
			want: Page{Title: "Allies agree on a joint force for the border", Outlet: "The Herald", Language: "en"},
		},
		{
			name: "site name around Open Graph titles is dropped, separators inside the title stay",
			head: `<meta property="og:title" content="Kanal-2007 - the police operation | Silk Road Sentinel"><meta property="og:site_name" content="Silk Road Sentinel">`,
			want: Page{Title: "Kanal-2007 - the police operation", Outlet: "Silk Road Sentinel", Language: "en"},
		},
		{
			name: "microdata date and a modified <time>; the date the page prints is not needed",
			body: `<div itemscope><time itemprop="dateModified" datetime="2022-10-09">9 Oct</time> <time itemprop="datePublished" datetime="2022-10-07T09:00">7 Oct</time></div><h1>Twenty years</h1>`,
			want: Page{Title: "Twenty years", Published: "2022-10-07", Language: "en"},
		},
		{
			name: "date printed only in the text, site name absent",
			body: `<div class="dt">Published: 14 March 2023, 11:20</div><h1>Operations far from the ranges</h1>`,
			want: Page{Title: "Operations far from the ranges", Published: "2023-03-14", Language: "en"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><head>" + tt.head + "</head><body>" + tt.body + body + "</body></html>"
			got, err := ExtractHTML([]byte(page), "", "")
			if err != nil {
				t.Fatal(err)
			}
			got.Text = ""
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestExtractHTMLCanonicalURL(t *testing.T) {
	page := `<html><head><link rel="canonical" href="/world/joint-force"><meta property="og:url" content="https://herald.example/og"></head><body><p>` +
		strings.Repeat("The leaders of the member states met in the capital and agreed on a joint statement. ", 6) + `</p></body></html>`
	for _, tt := range []struct{ pageURL, want string }{
		{"https://herald.example/amp/123", "https://herald.example/world/joint-force"},
		{"", "https://herald.example/og"}, // the relative canonical URL has no base
	} {
		got, err := ExtractHTML([]byte(page), "", tt.pageURL)
		if err != nil {
			t.Fatal(err)
		}
		if got.URL != tt.want || got.Outlet != "herald.example" {
			t.Errorf("pageURL %q: URL %q, outlet %q; want %q, herald.example", tt.pageURL, got.URL, got.Outlet, tt.want)
		}
	}
}

func TestNamedFurniture(t *testing.T) {
	tests := []struct {
		tag  string
		want bool
	}{
		{`<div class="comment-list">`, true},
		{`<ol class="commentlist">`, true},
		{`<div id="cookieConsent">`, true},
		{`<section class="jp-relatedposts">`, true},
		{`<div class="post-tags">`, true},
		{`<div class="entry-meta">`, true},
		{`<div role="complementary">`, true},
		{`<aside>`, true},
		{`<div class="post tag-csto category-news">`, false}, // a label, not a tag row
		{`<div class="article-body">`, false},
		{`<div class="text-left">`, false},
		{`<span class="date">`, false}, // inline: part of its sentence
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader("<body>" + tt.tag + "x"))
		if err != nil {
			t.Fatal(err)
		}
		n := doc.LastChild.LastChild.FirstChild // html > body > element
		if got := namedFurniture(n); got != tt.want {
			t.Errorf("namedFurniture(%s) = %v; want %v", tt.tag, got, tt.want)
		}
	}
}

func TestClassWords(t *testing.T) {
	for name, want := range map[string][]string{
		"article__tags": {"article", "tags"}, "commentList": {"comment", "list"}, "ad-slot2": {"ad", "slot"}, "NAV": {"nav"},
	} {
		if got := classWords(name); !slices.Equal(got, want) {
			t.Errorf("classWords(%q) = %q; want %q", name, got, want)
		}
	}
}

// TestExtractHTMLWithoutClassNames reads the comparison pages with every
// class and id removed: the structure and the classifier alone must still
// keep every article sentence (some furniture may then come through).
func TestExtractHTMLWithoutClassNames(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join(compareDir, "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("comparison pages: %v", err)
	}
	names := regexp.MustCompile(`(?i)\s(class|id)="[^"]*"`)
	for _, page := range pages {
		t.Run(filepath.Base(page), func(t *testing.T) {
			data, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			want := readPageWant(t, page)
			got, err := ExtractHTML(names.ReplaceAll(data, nil), "", "")
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range scoreText(got.Text, want).missing {
				t.Errorf("article sentence missing: %q", m)
			}
		})
	}
}

func TestParseDeclaredDate(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]string{
		"2023-10-14T09:30:00+05:00": "2023-10-14", "20231014": "2023-10-14", "2021/02/16": "2021-02-16",
		"Thu, 12 Nov 2020 17:05:00 +0400": "2020-11-12", "12 ноября 2020": "2020-11-12", "2030-01-01": "", "soon": "",
	} {
		if got := parseDeclaredDate(in, now); got != want {
			t.Errorf("parseDeclaredDate(%q) = %q; want %q", in, got, want)
		}
	}
}

// FuzzExtractHTML checks that any page gives an article with text that
// has a sentence and a date in the calendar, or ErrNoArticle; never a
// panic.
func FuzzExtractHTML(f *testing.F) {
	pages, _ := filepath.Glob(filepath.Join(htmlDir, "*.html"))
	more, _ := filepath.Glob(filepath.Join(compareDir, "*.html"))
	for _, p := range append(pages, more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(strings.Repeat("<div>", 2000) + "<p>" + strings.Repeat("The allies met in the capital and agreed. ", 10) + "</p>"))
	f.Add([]byte(`<html><head><script type="application/ld+json">[{"@graph":[[]]},{"headline":1}]</script></head><body aria-hidden="true"><p>x.</p></body></html>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ExtractHTML(data, "", "")
		if err != nil {
			if !errors.Is(err, ErrNoArticle) && !strings.HasPrefix(err.Error(), "decode the page") {
				t.Fatalf("error %v", err)
			}
			return
		}
		if !hasSentence(p.Text) || len(strings.Fields(p.Text)) < minArticleWords {
			t.Fatalf("article without a sentence: %q", p.Text)
		}
		if p.Published != "" {
			if _, err := time.Parse("2006-01-02", p.Published); err != nil {
				t.Fatalf("published %q: %v", p.Published, err)
			}
		}
	})
}

// TestPublishedIgnoresOtherContent: the <time> of a comment or a teaser is
// not the article's date; the byline's is.
func TestPublishedIgnoresOtherContent(t *testing.T) {
	prose := `<p>` + strings.Repeat("The leaders of the member states met in the capital and agreed on a joint statement. ", 6) + `</p>`
	tests := []struct{ name, page, want string }{
		{"comment time", `<div class="story">` + prose + `</div><div class="comments"><time datetime="2024-05-02">2 May</time><p>First!</p></div>`, ""},
		{"teaser time", `<div class="related-news"><time datetime="2024-05-03">3 May</time> <a href="/x">Other news</a></div>` + prose, ""},
		{"byline time", `<div class="post-meta">By A. Writer, <time datetime="2024-05-01">1 May</time></div>` + prose +
			`<ol class="commentlist"><li><time datetime="2024-05-02">2 May</time> Nice.</li></ol>`, "2024-05-01"},
	}
	for _, tt := range tests {
		got, err := ExtractHTML([]byte("<html><body>"+tt.page+"</body></html>"), "", "")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got.Published != tt.want {
			t.Errorf("%s: published %q; want %q", tt.name, got.Published, tt.want)
		}
	}
}
