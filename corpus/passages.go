package corpus

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Passage is a few consecutive sentences of one paragraph of an article: the
// unit the retrieval engine indexes and cites.
type Passage struct {
	// ID is "<article id>#<paragraph>.<chunk>", stable while the article's
	// paragraphs stay in place.
	ID        string
	ArticleID string
	Title     string
	Outlet    string
	Published string
	Language  string
	// URL is the article's address on the web, "" when unknown.
	URL string
	// Paragraph is the 1-based number of the paragraph in the cleaned text.
	Paragraph int
	// Start and End are byte offsets of the passage in Article.Text.
	Start, End int
	// Text is Article.Text[Start:End].
	Text string
	// Sentences are the byte spans of the passage's sentences, relative to
	// Text.
	Sentences []Span
	// AlsoReportedBy are the other outlets that carried the article (its
	// Article.AlsoReportedBy).
	AlsoReportedBy []Report
}

// Span is a half-open byte range [Start, End).
type Span struct{ Start, End int }

// ChunkingVersion names the way articles are cleaned and cut into passages.
// A stored index records it and is rebuilt, not mixed, when it differs.
//
// Bump it when the same article file would give other passages: a change to
// cleaning (CleanScrapedText and its rules), to web page extraction
// (ExtractHTML), to SplitSentences or
// SplitPassages, to the passage size limits below, or to the passage ID
// scheme. Changes that leave every passage's ID and text as they were (a
// faster splitter, a new field in Passage) need no bump.
const ChunkingVersion = "passages-v6"

// Passage size limits: a passage holds up to maxPassageSentences sentences
// and grows past maxPassageBytes only to finish its first sentence.
const (
	maxPassageSentences = 3
	maxPassageBytes     = 600
)

// SplitPassages cuts the cleaned text of a into passages of up to three
// sentences that never cross a paragraph boundary. A heading is joined to
// the paragraph after it when that is a paragraph of prose; a paragraph
// that does not end like a sentence and is shaped like page furniture (a
// date, a byline, a menu, a notice) is never part of a passage.
func SplitPassages(a Article) []Passage {
	var out []Passage
	paragraphs := paragraphSpans(a.Text)
	pendingHeading := -1 // start of a heading waiting for its paragraph
	for n, ps := range paragraphs {
		text := a.Text[ps.Start:ps.End]
		if !endsLikeSentence(text) {
			f := measureBlock(text)
			if headingShaped(f) && n+1 < len(paragraphs) && isProseParagraph(a.Text[paragraphs[n+1].Start:paragraphs[n+1].End]) {
				pendingHeading = ps.Start
				continue
			}
			if b := (block{text: text, f: f}); isFurnitureShaped(&b) {
				continue
			}
		}
		sentences := SplitSentences(text)
		chunk := 0
		for i := 0; i < len(sentences); {
			j, size := i, 0
			for j < len(sentences) && j-i < maxPassageSentences {
				l := sentences[j].End - sentences[j].Start
				if j > i && size+l > maxPassageBytes {
					break
				}
				size += l
				j++
			}
			start, end := ps.Start+sentences[i].Start, ps.Start+sentences[j-1].End
			if chunk == 0 && pendingHeading >= 0 {
				start = pendingHeading
			}
			chunk++
			p := Passage{
				ID:        a.ID + "#" + strconv.Itoa(n+1) + "." + strconv.Itoa(chunk),
				ArticleID: a.ID, Title: a.Title, Outlet: a.Outlet, Published: a.Published, Language: a.Language, URL: a.URL,
				Paragraph: n + 1, Start: start, End: end, Text: a.Text[start:end],
				AlsoReportedBy: a.AlsoReportedBy,
			}
			for _, s := range sentences[i:j] {
				p.Sentences = append(p.Sentences, Span{ps.Start + s.Start - start, ps.Start + s.End - start})
			}
			out = append(out, p)
			i = j
		}
		pendingHeading = -1
	}
	return out
}

// minProseWords is the fewest words of a paragraph a heading is joined to.
const minProseWords = 8

// isProseParagraph reports a paragraph of prose that a heading may head.
func isProseParagraph(text string) bool {
	return endsLikeSentence(text) && wordCount(text) >= minProseWords
}

// isFurnitureShaped reports a block that the classifier finds bad on its
// own and that is no heading.
func isFurnitureShaped(b *block) bool {
	initialClass(b)
	return b.class == classBad && !b.heading
}

// paragraphSpans returns the spans of the blank-line separated paragraphs.
func paragraphSpans(text string) []Span {
	var out []Span
	pos := 0
	for _, p := range strings.Split(text, "\n\n") {
		if t := strings.TrimSpace(p); t != "" {
			lead := strings.Index(p, t)
			out = append(out, Span{pos + lead, pos + lead + len(t)})
		}
		pos += len(p) + 2
	}
	return out
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"art": true, "arts": true, "no": true, "nos": true, "mr": true, "mrs": true, "ms": true, "dr": true,
	"st": true, "gen": true, "col": true, "lt": true, "sgt": true, "prof": true, "vs": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "pp": true, "vol": true,
	"u.s": true, "u.n": true, "u.k": true, "e.g": true, "i.e": true, "approx": true, "inc": true,
	"ст": true, "г": true, "гг": true, "т": true, "им": true, "тыс": true, "млн": true, "млрд": true,
}

// SplitSentences returns the byte spans of the sentences of one paragraph.
// A sentence ends at '.', '!', '?' or '…' (with any closing quotes) followed
// by white space and a capital letter, a digit or an opening quote, unless
// the word before the period is a known abbreviation or a single initial.
func SplitSentences(text string) []Span {
	var out []Span
	start := skipSpace(text, 0)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		end := i
		for end < len(text) && strings.ContainsRune(`"')]»”`, rune(text[end])) {
			end++
		}
		if end >= len(text) || text[end] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[end+1:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune(`"'«“(`, next)) {
			continue
		}
		if r == '.' && isAbbreviation(text[start:i-1]) {
			continue
		}
		out = append(out, Span{start, end})
		start = skipSpace(text, end+1)
		i = start
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		lead := start + strings.Index(text[start:], rest)
		out = append(out, Span{lead, lead + len(rest)})
	}
	return out
}

// skipSpace returns the offset of the first rune at or after i in text that
// is not white space.
func skipSpace(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// isAbbreviation reports whether the word at the end of before (the text
// up to a period) is an abbreviation or an initial.
func isAbbreviation(before string) bool {
	k := strings.LastIndexFunc(before, func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == '"' })
	word := before[k+1:]
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	return abbreviations[strings.ToLower(word)]
}
