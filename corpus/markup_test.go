package corpus

import (
	"errors"
	"strings"
	"testing"
)

func TestMarkupOf(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       markupKind
	}{
		{"text", "Leaders met in Minsk.\n\nThey agreed.", plainText},
		{"text opening with a tag-like line", "<b>Breaking</b>\nLeaders met in Minsk.", plainText},
		{"html page", "\n<!DOCTYPE html>\n<html><body><p>x</p></body></html>", htmlPage},
		{"html without doctype", "<HTML><body></body></HTML>", htmlPage},
		{"xhtml", `<?xml version="1.0"?>` + "\n<!DOCTYPE html PUBLIC>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", htmlPage},
		{"rss", "\ufeff<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>", xmlDocument},
		{"atom without declaration", `<feed xmlns="http://www.w3.org/2005/Atom">`, xmlDocument},
		{"page saved with a comment first", "<!-- saved from url=(0040)https://wire.example/ -->\n<head><title>x</title></head>", htmlPage},
		{"page without html element", "<meta charset=\"utf-8\"><title>x</title><p>text</p>", htmlPage},
		{"unclosed comment", "<!-- notes", plainText},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := markupOf(tc.body); got != tc.want {
				t.Errorf("markupOf = %d, want %d", got, tc.want)
			}
		})
	}
}

// feedPage is an RSS document saved as a text file: a channel, a sponsored
// item and two stories, one with its description as HTML in a character
// data section, one with it escaped.
const feedPage = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Harbour Defence Digest</title>
<link>https://digest.example</link>
<description>Security news, updated daily</description>
<lastBuildDate>Fri, 05 Sep 2014 08:02:11 +0600</lastBuildDate>
<item>
<title>Ministers agree a joint air defence plan</title>
<link>https://digest.example/2014/09/04/air-defence</link>
<pubDate>Thu, 04 Sep 2014 12:00:00 +0600</pubDate>
<description><![CDATA[<p>Defence ministers of the alliance agreed on Thursday to link their air defence networks within five years, officials said after the meeting in the capital.</p><p>The plan still needs the approval of the heads of state at the <a href="/summit">autumn summit</a>, which is expected to endorse it.</p>]]></description>
</item>
<item>
<title>Parliamentarians meet for their spring session</title>
<link>https://digest.example/2014/07/14/session</link>
<pubDate>Mon, 14 Jul 2014 17:05:00 +0600</pubDate>
<description>&lt;p&gt;Lawmakers of the member states met for a session of the assembly, which drafts model laws that national parliaments may adopt as they see fit.&lt;/p&gt;</description>
</item>
</channel>
</rss>
`

func TestParseArticleReadsFeedSavedAsText(t *testing.T) {
	a, err := ParseArticle("digest.txt", []byte(feedPage))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Defence ministers of the alliance agreed on Thursday to link their air defence networks",
		"The plan still needs the approval of the heads of state at the autumn summit",
		"Lawmakers of the member states met for a session of the assembly",
	} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, a.Text)
		}
	}
	for _, furniture := range []string{"<", "https://", "+0600", "updated daily"} {
		if strings.Contains(a.Text, furniture) {
			t.Errorf("text holds %q:\n%s", furniture, a.Text)
		}
	}
	if a.Title == "" || strings.ContainsAny(a.Title, "<>") {
		t.Errorf("Title = %q, want a headline of the feed without markup", a.Title)
	}
	if strings.Contains(a.Text, " ,") {
		t.Errorf("text has a space before a comma where an inline tag was:\n%s", a.Text)
	}
	if a.Published == "" || !strings.HasPrefix(a.Published, "2014-") {
		t.Errorf("Published = %q, want a date of 2014", a.Published)
	}
}

func TestParseArticleReadsPageSavedAsText(t *testing.T) {
	page := `---
outlet: Harbour Wire
---
<!DOCTYPE html>
<html lang="en"><head><title>Allies agree air defence plan | Harbour Wire</title>
<script>var tracking = "Defence ministers never met";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Allies agree air defence plan</h1>
<p>Defence ministers of the alliance agreed on Thursday to link their air defence networks within five years, officials said after the meeting.</p>
<p>The plan still needs the approval of the heads of state, who are expected to endorse it at their autumn summit in the capital.</p>
</article></body></html>`
	a, err := ParseArticle("wire.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Defence ministers of the alliance agreed on Thursday") || strings.Contains(a.Text, "<") ||
		strings.Contains(a.Text, "tracking") {
		t.Errorf("text = %q, want the article's paragraphs without markup or script", a.Text)
	}
	if a.Outlet != "Harbour Wire" {
		t.Errorf("Outlet = %q, want the header's", a.Outlet)
	}
	if a.Title == "" || strings.Contains(a.Title, "<") {
		t.Errorf("Title = %q, want the page's headline", a.Title)
	}
}

func TestParseArticleReadsHeaderlessPageSavedAsText(t *testing.T) {
	page := `<!-- saved from url=(0031)https://wire.example/allies -->
<html><head><title>Allies agree air defence plan</title></head>
<body><article><h1>Allies agree air defence plan</h1>
<p>Defence ministers of the alliance agreed on Thursday to link their air defence networks within five years, officials said after the meeting.</p>
<p>The plan still needs the approval of the heads of state, who are expected to endorse it at their autumn summit in the capital.</p>
</article></body></html>`
	a, err := ParseArticle("saved.txt", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Allies agree air defence plan" {
		t.Errorf("Title = %q, want the page's headline", a.Title)
	}
	if !strings.Contains(a.Text, "Defence ministers of the alliance agreed") {
		t.Errorf("Text = %q", a.Text)
	}
}

func TestParseArticleRejectsEmptyFeed(t *testing.T) {
	_, err := ParseArticle("empty.txt", []byte(`<?xml version="1.0"?><rss><channel><title>Nothing</title></channel></rss>`))
	if !errors.Is(err, ErrEmpty) {
		t.Errorf("err = %v, want ErrEmpty", err)
	}
}

func TestMarkupSectionsReadsTextInTextOnce(t *testing.T) {
	// An element's text that holds angle brackets is read as HTML once;
	// what that HTML's text holds is text.
	got := strings.Join(markupSections(`<rss><item><description>a &lt; b &gt; c &amp;lt;p&amp;gt; d</description></item></rss>`), "|")
	if got != "a < b > c <p> d" {
		t.Errorf("markupSections = %q", got)
	}
}
