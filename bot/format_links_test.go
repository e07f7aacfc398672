package bot

import (
	"strings"
	"testing"

	"github.com/alliancebot/alliancebot/retrieval"
)

func TestCitationTitlesLinkToWebAddressesOnly(t *testing.T) {
	tests := []struct {
		url  string
		want string
	}{
		{"https://news.example.org/a?id=1&x=<2>", `[1] <b><a href="https://news.example.org/a?id=1&amp;x=&lt;2&gt;">T &amp; U</a></b> — Outlet, 2022-01-01`},
		{"http://example.org/", `[1] <b><a href="http://example.org/">T &amp; U</a></b> — Outlet, 2022-01-01`},
		{"", "[1] <b>T &amp; U</b> — Outlet, 2022-01-01"},
		{"javascript:alert(1)", "[1] <b>T &amp; U</b> — Outlet, 2022-01-01"},
		{"/srv/articles/a.txt", "[1] <b>T &amp; U</b> — Outlet, 2022-01-01"},
		{"tg://resolve?domain=x", "[1] <b>T &amp; U</b> — Outlet, 2022-01-01"},
		{"https://", "[1] <b>T &amp; U</b> — Outlet, 2022-01-01"},
	}
	for _, tt := range tests {
		c := retrieval.Citation{N: 1, Doc: "a", Title: "T & U", Source: "Outlet", Published: "2022-01-01", URL: tt.url}
		got := citationLine(c)
		if got != tt.want {
			t.Errorf("URL %q:\n got %s\nwant %s", tt.url, got, tt.want)
		}
		if _, err := parseTelegramHTML(got); err != nil {
			t.Errorf("URL %q: Telegram would refuse %s: %v", tt.url, got, err)
		}
	}
}

func TestLongPassagesAreExpandableQuotes(t *testing.T) {
	short := retrieval.Citation{N: 1, Title: "T", Passage: "The CSTO has six members.", Snippet: "The CSTO has six members."}
	long := short
	long.Passage = strings.Repeat("The CSTO held a long meeting about many things. ", 20)
	long.Snippet = long.Passage[:40]
	if got := formatPassage(short, langEN); !strings.Contains(got, "<blockquote>") || strings.Contains(got, "expandable") {
		t.Errorf("a short passage should be a plain quote: %s", got)
	}
	got := formatPassage(long, langEN)
	if !strings.Contains(got, "<blockquote expandable>") {
		t.Errorf("a long passage should be an expandable quote: %s", got)
	}
	if _, err := parseTelegramHTML(got); err != nil {
		t.Errorf("Telegram would refuse the passage: %v", err)
	}
}

func TestAnswersLinkTheirSources(t *testing.T) {
	h := startBot(t)
	reply := h.sendPrivate(plainUser, "Which country asked the CSTO for help in January 2022?")
	text := reply.Params["text"]
	// csto_kazakhstan.txt has a url: header; the others have none.
	if !strings.Contains(text, `<a href="https://news.example.org/csto/kazakhstan?id=7&amp;lang=en"><b>`) &&
		!strings.Contains(text, `<b><a href="https://news.example.org/csto/kazakhstan?id=7&amp;lang=en">`) {
		t.Errorf("the cited article's title does not link to its URL:\n%s", text)
	}
	if strings.Contains(text, ".txt") || strings.Contains(text, "csto_kazakhstan") {
		t.Errorf("the answer shows a file name:\n%s", text)
	}
	if !reply.linkPreviewDisabled() {
		t.Errorf("a linked answer should not grow a preview")
	}
	help := h.sendPrivate(plainUser, "/help").Params["text"]
	if !strings.Contains(help, `<a href="https://news.example.org/csto/kazakhstan?id=7&amp;lang=en">CSTO peacekeepers leave Kazakhstan</a>`) {
		t.Errorf("/help does not link the article with a URL:\n%s", help)
	}
}
