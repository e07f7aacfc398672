package bot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alliancebot/alliancebot/retrieval"
)

func span(start, end int) retrieval.Span { return retrieval.Span{Start: start, End: end} }

func TestHighlightHTML(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		marks []retrieval.Span
		want  string
	}{
		{"no marks", "a < b & c", nil, "a &lt; b &amp; c"},
		{"one mark", "CSTO members met", []retrieval.Span{span(5, 12)}, "CSTO <b>members</b> met"},
		{"unsorted marks", "CSTO members met", []retrieval.Span{span(13, 16), span(0, 4)}, "<b>CSTO</b> members <b>met</b>"},
		{"overlapping marks merge", "Collective Security", []retrieval.Span{span(0, 10), span(5, 19)}, "<b>Collective Security</b>"},
		{"touching marks merge", "ab", []retrieval.Span{span(0, 1), span(1, 2)}, "<b>ab</b>"},
		{"mark around markup", `say "<b>"`, []retrieval.Span{span(4, 9)}, `say <b>&quot;&lt;b&gt;&quot;</b>`},
		{"out of range dropped", "short", []retrieval.Span{span(2, 99), span(-1, 2)}, "short"},
		{"empty and inverted dropped", "short", []retrieval.Span{span(2, 2), span(4, 1)}, "short"},
		{"mid-rune dropped", "ОДКБ", []retrieval.Span{span(1, 4)}, "ОДКБ"},
		{"whole runes kept", "ОДКБ и НАТО", []retrieval.Span{span(0, 8)}, "<b>ОДКБ</b> и НАТО"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := highlightHTML(tc.text, tc.marks)
			if got != tc.want {
				t.Errorf("highlightHTML(%q, %v) = %q, want %q", tc.text, tc.marks, got, tc.want)
			}
			if _, err := parseTelegramHTML(got); err != nil {
				t.Errorf("invalid Telegram HTML %q: %v", got, err)
			}
		})
	}
}

func TestTrimText(t *testing.T) {
	for _, tc := range []struct {
		name      string
		text      string
		marks     []retrieval.Span
		limit     int
		want      string
		wantMarks int
	}{
		{"fits", "short text", []retrieval.Span{span(0, 5)}, 10, "short text", 1},
		{"cut at a word", "one two three four five", []retrieval.Span{span(0, 3), span(14, 18)}, 16, "one two three…", 1},
		{"cut in a long word", "abcdefghijklmnop", nil, 5, "abcd…", 0},
		{"runes not bytes", "ОДКБ ОДКБ ОДКБ", nil, 6, "ОДКБ…", 0},
		{"tiny limit", "anything", nil, 1, "…", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, marks := trimText(tc.text, tc.marks, tc.limit)
			if got != tc.want || len(marks) != tc.wantMarks {
				t.Errorf("trimText(%q, %d) = %q with %d marks, want %q with %d", tc.text, tc.limit, got, len(marks), tc.want, tc.wantMarks)
			}
			for _, m := range marks {
				if m.End > len(got)-len("…") && got != tc.text {
					t.Errorf("mark %v reaches into the ellipsis of %q", m, got)
				}
			}
		})
	}
}

func TestMessageLenCountsUTF16Units(t *testing.T) {
	for s, want := range map[string]int{
		"abc": 3, "ОДКБ": 4, "🇷🇺": 4, "a👩‍👩‍👧": 9,
		// after parsing: tags are gone, a reference is its character
		"<b>ОДКБ</b> &amp; &quot;🇷🇺&quot;":     13,
		"<blockquote>a &lt;b&gt;</blockquote>": 5,
		"&#128512; &#x41;":                     4,
		"AT&T; R&D":                            9,
	} {
		if got := messageLen(s); got != want {
			t.Errorf("messageLen(%q) = %d, want %d", s, got, want)
		}
	}
}

func citation(n int, title, snippet string) retrieval.Citation {
	return retrieval.Citation{N: n, Title: title, Source: "Outlet & Co", Published: "2022-11-23", Snippet: snippet,
		Passage: "Before. " + snippet + " After.", Paragraph: 2, Marks: []retrieval.Span{span(0, min(4, len(snippet)))}}
}

// TestFormatAnswerStaysWithinTheLimit feeds answers of every size, made of
// characters that grow when escaped and of characters Telegram counts
// twice, in the text, titles, outlets, dates and snippets, and checks the
// result is valid and fits one message as Telegram counts it: the text
// after parsing, which the fake server's parser yields.
func TestFormatAnswerStaysWithinTheLimit(t *testing.T) {
	for _, unit := range []string{"word ", "<&> ", "ОДКБ ", "🇷🇺 ", `"q" `, `"<`, `"`, `<`} {
		for _, size := range []int{1, 50, 400, 3000} {
			long := strings.Repeat(unit, size)
			a := retrieval.Answer{Found: true, Text: long, Marks: []retrieval.Span{span(0, len(unit)-1)}}
			for n := 1; n <= 5; n++ {
				c := citation(n, long, long)
				c.Source, c.Published = long, long
				a.Citations = append(a.Citations, c)
			}
			for _, l := range []lang{langEN, langRU} {
				name := fmt.Sprintf("%q×%d/%d", unit, size, l)
				out := formatAnswer(a, l)
				visible, err := parseTelegramHTML(out)
				if err != nil {
					t.Errorf("%s: invalid HTML: %v", name, err)
				}
				if n := utf16Len(visible); n > maxMessageLen || n != messageLen(out) {
					t.Errorf("%s: Telegram counts %d characters (messageLen %d), the limit is %d", name, n, messageLen(out), maxMessageLen)
				}
				if !strings.Contains(out, "[5]") {
					t.Errorf("%s: a citation was dropped instead of shortened", name)
				}
				passage := formatPassage(a.Citations[0], l)
				if visible, err := parseTelegramHTML(passage); err != nil || utf16Len(visible) > maxMessageLen {
					t.Errorf("%s: passage message invalid (%v) or too long (%d)", name, err, utf16Len(visible))
				}
			}
		}
	}
}

func TestFormatAnswerShortAnswerKeepsEverything(t *testing.T) {
	a := retrieval.Answer{Found: true, Text: "The CSTO has six members.", Marks: []retrieval.Span{span(4, 8)},
		Citations: []retrieval.Citation{citation(1, "Members <list>", "Six members.")}}
	want := "The <b>CSTO</b> has six members.\n\n<b>Sources</b>\n" +
		"[1] <b>Members &lt;list&gt;</b> — Outlet &amp; Co, 2022-11-23\n<blockquote><b>Six </b>members.</blockquote>"
	if got := formatAnswer(a, langEN); got != want {
		t.Errorf("formatAnswer =\n%s\nwant\n%s", got, want)
	}
}

func TestFormatAnswerSaysTheDateItSpeaksFor(t *testing.T) {
	a := retrieval.Answer{Found: true, Text: "Kazakhstan chairs the CSTO.", AsOf: "2024-06-14",
		Citations: []retrieval.Citation{citation(1, "Chair", "Kazakhstan chairs the CSTO.")}}
	for l, want := range map[lang]string{langEN: "<i>As of 14 June 2024</i>\nKazakhstan chairs", langRU: "<i>По состоянию на 14 июня 2024</i>\nKazakhstan chairs"} {
		if got := formatAnswer(a, l); !strings.HasPrefix(got, want) {
			t.Errorf("formatAnswer(%d) = %q, want it to start with %q", l, got, want)
		}
	}
	a.AsOf = ""
	if got := formatAnswer(a, langEN); strings.Contains(got, "As of") {
		t.Errorf("an answer with no date says one: %q", got)
	}
}

func TestFormatPassageMarksTheSnippetInsideThePassage(t *testing.T) {
	c := retrieval.Citation{N: 2, Title: "T", Snippet: "CSTO met.", Passage: "Leaders & allies. CSTO met.",
		Marks: []retrieval.Span{span(0, 4)}, Paragraph: 3}
	got := formatPassage(c, langEN)
	if !strings.Contains(got, "Leaders &amp; allies. <b>CSTO</b> met.") || !strings.Contains(got, "paragraph 3") {
		t.Errorf("formatPassage = %q", got)
	}
}

func TestCitationLineOmitsUnknownParts(t *testing.T) {
	for _, tc := range []struct {
		c    retrieval.Citation
		want string
	}{
		{retrieval.Citation{N: 1, Title: "T", Source: "RT", Published: "2022-11-23"}, "[1] <b>T</b> — RT, 2022-11-23"},
		{retrieval.Citation{N: 2, Title: "T", Source: "RT"}, "[2] <b>T</b> — RT"},
		{retrieval.Citation{N: 3, Title: "T", Published: "2022-11-23"}, "[3] <b>T</b> — 2022-11-23"},
		{retrieval.Citation{N: 4, Title: "T"}, "[4] <b>T</b>"},
	} {
		if got := citationLine(tc.c); got != tc.want {
			t.Errorf("citationLine(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}

func TestFitMessageDropsWholeLines(t *testing.T) {
	lines := make([]string, 0, 500)
	for i := range 500 {
		lines = append(lines, fmt.Sprintf("<b>line %d</b> &amp; more text here", i))
	}
	got := fitMessage(strings.Join(lines, "\n"))
	if messageLen(got) > maxMessageLen || !strings.HasSuffix(got, "\n…") {
		t.Errorf("fitMessage: %d characters, ends %q", messageLen(got), got[len(got)-10:])
	}
	if _, err := parseTelegramHTML(got); err != nil {
		t.Errorf("fitMessage broke the HTML: %v", err)
	}
	if short := "<b>ok</b>"; fitMessage(short) != short {
		t.Errorf("fitMessage changed a short message")
	}
}

// TestFormatAnswerShowsAtMostFiveCitations: the last budget's bound holds
// only for moreCitations citations, so no more are shown whatever the
// Answerer returns.
func TestFormatAnswerShowsAtMostFiveCitations(t *testing.T) {
	long := strings.Repeat(`"<`, 500)
	a := retrieval.Answer{Found: true, Text: long}
	for n := 1; n <= 40; n++ {
		a.Citations = append(a.Citations, retrieval.Citation{N: n, Title: long, Source: long, Published: long})
	}
	out := formatAnswer(a, langEN)
	visible, err := parseTelegramHTML(out)
	if err != nil || utf16Len(visible) > maxMessageLen {
		t.Fatalf("invalid (%v) or too long (%d)", err, utf16Len(visible))
	}
	if !strings.Contains(out, "[5]") || strings.Contains(out, "[6]") {
		t.Errorf("want citations 1 to 5 and no more:\n%s", out)
	}
}
