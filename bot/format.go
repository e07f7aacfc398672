package bot

import (
	"fmt"
	"html"
	"net/url"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/alliancebot/alliancebot/retrieval"
)

// maxMessageLen is Telegram's limit on a message's text: 4096 UTF-16 code
// units of the text after entity parsing, which messageLen counts.
const maxMessageLen = 4096

// Field lengths for places where Telegram or the reader needs short text.
const (
	maxTitleRunes   = 200
	maxOutletRunes  = 80
	maxDateRunes    = 20
	maxEchoRunes    = 100
	maxInlineTitle  = 120
	maxInlineDetail = 200
)

// htmlEscaper escapes the four characters Telegram's HTML parse mode requires.
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// escapeHTML makes s safe to put in a message sent with parse mode HTML.
func escapeHTML(s string) string { return htmlEscaper.Replace(s) }

// messageLen is the length of the HTML message s as Telegram counts it
// against maxMessageLen: UTF-16 code units of the text left after entity
// parsing, that is without the tags, and with each character reference
// (&lt;, &quot;, &#…;) counted as the character it stands for. s is HTML
// this package made, where '<' only opens a tag and '&' only starts a
// reference; a stray '&' counts as itself.
func messageLen(s string) int {
	n := 0
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			if end := strings.IndexByte(s[i:], '>'); end >= 0 {
				i += end + 1
				continue
			}
		case '&':
			if end := strings.IndexByte(s[i:], ';'); end >= 0 {
				if ref := s[i : i+end+1]; html.UnescapeString(ref) != ref {
					n += utf16Units(html.UnescapeString(ref))
					i += end + 1
					continue
				}
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += utf16.RuneLen(r)
		i += size
	}
	return n
}

// utf16Units is the length of plain text s in UTF-16 code units.
func utf16Units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// highlightHTML escapes text and wraps each mark in <b>. Marks are byte spans
// of text; overlapping, out-of-range or mid-rune marks are merged or dropped,
// so whatever the engine returns the result is valid HTML.
func highlightHTML(text string, marks []retrieval.Span) string {
	var b strings.Builder
	pos := 0
	for _, m := range cleanMarks(text, marks) {
		b.WriteString(escapeHTML(text[pos:m.Start]))
		b.WriteString("<b>")
		b.WriteString(escapeHTML(text[m.Start:m.End]))
		b.WriteString("</b>")
		pos = m.End
	}
	b.WriteString(escapeHTML(text[pos:]))
	return b.String()
}

// cleanMarks returns the usable marks sorted and merged.
func cleanMarks(text string, marks []retrieval.Span) []retrieval.Span {
	var ok []retrieval.Span
	for _, m := range marks {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End ||
			!utf8.RuneStart(text[m.Start]) || (m.End < len(text) && !utf8.RuneStart(text[m.End])) {
			continue
		}
		ok = append(ok, m)
	}
	sort.Slice(ok, func(i, j int) bool { return ok[i].Start < ok[j].Start })
	var merged []retrieval.Span
	for _, m := range ok {
		if n := len(merged); n > 0 && m.Start <= merged[n-1].End {
			merged[n-1].End = max(merged[n-1].End, m.End)
			continue
		}
		merged = append(merged, m)
	}
	return merged
}

// trimText shortens text to at most limit runes, cutting at a word boundary
// when one is near and adding "…", and keeps the marks that still fit.
func trimText(text string, marks []retrieval.Span, limit int) (string, []retrieval.Span) {
	if utf8.RuneCountInString(text) <= limit {
		return text, marks
	}
	if limit <= 1 {
		return "…", nil
	}
	cut, n := 0, 0
	for i := range text {
		if n == limit-1 {
			cut = i
			break
		}
		n++
	}
	if space := strings.LastIndexByte(text[:cut], ' '); space > cut*4/5 {
		cut = space
	}
	body := strings.TrimRight(text[:cut], " ,;:")
	var kept []retrieval.Span
	for _, m := range marks {
		if m.End <= len(body) {
			kept = append(kept, m)
		}
	}
	return body + "…", kept
}

// plainTrim shortens plain text to limit runes for fields that are not HTML.
func plainTrim(s string, limit int) string {
	s, _ = trimText(strings.Join(strings.Fields(s), " "), nil, limit)
	return s
}

// citationLine is "[n] <b>title</b> — outlet, date" with everything
// escaped; the title links to the article when its URL is known.
func citationLine(c retrieval.Citation) string { return citationLineTrimmed(c, maxTitleRunes) }

// citationLineTrimmed is citationLine with the title cut to titleRunes.
func citationLineTrimmed(c retrieval.Citation, titleRunes int) string {
	line := fmt.Sprintf("[%d] <b>%s</b>", c.N, linkHTML(escapeHTML(plainTrim(c.Title, titleRunes)), c.URL))
	if src := sourceAndDate(c); src != "" {
		line += " — " + escapeHTML(src)
	}
	return line
}

// linkHTML wraps the HTML text in a link to rawURL when rawURL is a web
// address (http or https with a host); otherwise it returns text alone, so
// that no other scheme (javascript:, tg:, file:) and no bare path reaches a
// message.
func linkHTML(text, rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return text
	}
	return `<a href="` + escapeHTML(u.String()) + `">` + text + "</a>"
}

// sourceAndDate is "outlet, date", either part omitted when unknown.
func sourceAndDate(c retrieval.Citation) string {
	var parts []string
	if c.Source != "" {
		parts = append(parts, plainTrim(c.Source, maxOutletRunes))
	}
	if c.Published != "" {
		parts = append(parts, plainTrim(c.Published, maxDateRunes))
	}
	return strings.Join(parts, ", ")
}

// maxAlsoReported is how many other outlets of a syndicated story a
// citation names; the rest are counted. It keeps the last answer budget's
// bound: five citations add under 1,000 runes.
const maxAlsoReported = 2

// alsoReportedLine is "\n<i>also reported by outlet, date; …</i>" for a
// citation of a story other outlets carried too, or "".
func alsoReportedLine(c retrieval.Citation, l lang) string {
	if len(c.AlsoReportedBy) == 0 {
		return ""
	}
	var parts []string
	for _, r := range c.AlsoReportedBy[:min(len(c.AlsoReportedBy), maxAlsoReported)] {
		parts = append(parts, escapeHTML(sourceAndDate(retrieval.Citation{Source: r.Source, Published: r.Published})))
	}
	if more := len(c.AlsoReportedBy) - maxAlsoReported; more > 0 {
		parts = append(parts, l.articleText(amAlsoReportedMore, more))
	}
	return "\n<i>" + l.articleText(amAlsoReported, strings.Join(parts, "; ")) + "</i>"
}

// answerBudget is one attempt at fitting an answer into a message: the longest
// answer text, snippet and title, in runes. formatAnswer tries them in order
// and takes the first whose message fits. The last one always fits, because
// Telegram counts a message after parsing, when "&quot;" is one character
// again: without snippets a message is the text (150 runes), the sources
// line and at most moreCitations citation lines of a number, a title (40
// runes), an outlet (maxOutletRunes) and a date (maxDateRunes), under 2,000
// UTF-16 code units even if every rune takes two. (In HTML bytes, escaped,
// it may be longer than 4096; that does not count.)
type answerBudget struct{ text, snippet, title int }

var answerBudgets = []answerBudget{{1500, 700, maxTitleRunes}, {1000, 350, maxTitleRunes}, {600, 150, 120}, {300, 60, 80}, {150, 0, 40}}

// formatAnswer renders a found answer: the answer sentences with the matched
// words in bold, then the numbered citations with their quoted snippets, at
// most moreCitations of them. The result is valid Telegram HTML and, as
// Telegram counts it, never longer than maxMessageLen.
func formatAnswer(a retrieval.Answer, l lang) string {
	var out string
	for _, budget := range answerBudgets {
		out = renderAnswer(a, l, budget)
		if messageLen(out) <= maxMessageLen {
			return out
		}
	}
	return out // the last budget bounds every part, so it always fits
}

func renderAnswer(a retrieval.Answer, l lang, budget answerBudget) string {
	var b strings.Builder
	text, marks := trimText(a.Text, a.Marks, budget.text)
	if a.AsOf != "" {
		b.WriteString(l.text(msgAsOf, html.EscapeString(l.date(a.AsOf))))
		b.WriteString("\n")
	}
	b.WriteString(highlightHTML(text, marks))
	if len(a.Citations) > 0 {
		b.WriteString("\n\n")
		b.WriteString(l.text(msgSources))
	}
	// The bot never asks for more; the cap keeps the last budget's bound
	// whatever an Answerer returns.
	named := map[string]bool{} // articles whose other outlets are named
	for _, c := range a.Citations[:min(len(a.Citations), moreCitations)] {
		b.WriteString("\n")
		b.WriteString(citationLineTrimmed(c, budget.title))
		if !named[c.Doc] {
			b.WriteString(alsoReportedLine(c, l))
			named[c.Doc] = true
		}
		if budget.snippet > 0 && c.Snippet != "" {
			snippet, marks := trimText(c.Snippet, c.Marks, budget.snippet)
			b.WriteString("\n<blockquote>")
			b.WriteString(highlightHTML(snippet, marks))
			b.WriteString("</blockquote>")
		}
	}
	return b.String()
}

// formatPassage renders the full passage of one citation, with the marks of
// its snippet in bold where the snippet sits in the passage.
func formatPassage(c retrieval.Citation, l lang) string {
	head := citationLine(c)
	if c.Paragraph > 0 {
		head += ", " + l.text(msgParagraph, c.Paragraph)
	}
	head = "<i>" + l.text(msgPassageHeader) + "</i>\n" + head + alsoReportedLine(c, l) + "\n"
	text, marks := c.Passage, passageMarks(c)
	if text == "" {
		text, marks = c.Snippet, c.Marks
	}
	for limit := 3500; ; limit /= 2 {
		t, m := trimText(text, marks, limit)
		out := head + quoteHTML(highlightHTML(t, m), utf8.RuneCountInString(t) > expandableQuoteRunes)
		if messageLen(out) <= maxMessageLen || limit < 100 {
			return out
		}
	}
}

// expandableQuoteRunes is the longest passage shown in full at once; a
// longer one is an expandable quote that shows its first lines until the
// reader taps it.
const expandableQuoteRunes = 400

// quoteHTML puts the HTML body in a blockquote, an expandable one when
// expandable is true.
func quoteHTML(body string, expandable bool) string {
	if expandable {
		return "<blockquote expandable>" + body + "</blockquote>"
	}
	return "<blockquote>" + body + "</blockquote>"
}

// passageMarks moves the snippet's marks onto the passage text.
func passageMarks(c retrieval.Citation) []retrieval.Span {
	at := strings.Index(c.Passage, c.Snippet)
	if at < 0 || c.Snippet == "" {
		return nil
	}
	marks := make([]retrieval.Span, 0, len(c.Marks))
	for _, m := range c.Marks {
		marks = append(marks, retrieval.Span{Start: m.Start + at, End: m.End + at})
	}
	return marks
}

// bulletList renders items as escaped "• item" lines.
func bulletList(items []string) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString("\n• ")
		b.WriteString(escapeHTML(it))
	}
	return b.String()
}

// fitMessage cuts an HTML message made of whole lines to maxMessageLen by
// dropping lines from the end; each line must be balanced HTML on its own.
func fitMessage(s string) string {
	if messageLen(s) <= maxMessageLen {
		return s
	}
	lines := strings.Split(s, "\n")
	for len(lines) > 1 && messageLen(strings.Join(lines, "\n")+"\n…") > maxMessageLen {
		lines = lines[:len(lines)-1]
	}
	out := strings.Join(lines, "\n") + "\n…"
	if messageLen(out) > maxMessageLen {
		return "…"
	}
	return out
}
