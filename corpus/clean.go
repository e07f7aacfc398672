package corpus

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alliancebot/alliancebot/internal/lazyregexp"
)

// Scraped pages mix the article with page furniture: menus, bylines, dates,
// share rows, teasers, sidebars of other headlines, advertisements, reader
// comments and legal footers. CleanScrapedText keeps the article: it joins
// hard-wrapped lines, normalises each line, drops lines the page repeats
// and leaves the rest to the boilerplate classifier (boilerplate.go).

var (
	// markdownMarker is a heading, quote or list marker at a line's start.
	markdownMarker = lazyregexp.New(`^(#{1,6}|>|[-*+•]|\d{1,3}[.)])\s+`)
	// creditTail matches a photo credit at the end of a caption.
	creditTail = lazyregexp.New(`(?i)\s*(/\s*)?((picture|photo|image|source|фото|источник)\s*:\s*|(picture|photo|image|source|фото|источник)?:?\s*©).*$`)
)

// isLineSpace reports a space within a line: tab, form feed, vertical tab,
// and the no-break, typographic and ideographic spaces (U+2000 to U+200B
// with the zero-width space).
func isLineSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\f', '\v', '\u00A0', '\u202F', '\u205F', '\u3000':
		return true
	}
	return r >= '\u2000' && r <= '\u200B'
}

// collapseSpaces replaces each run of line spaces (isLineSpace) with one
// space. Most lines have none but single spaces, and come back as they are.
func collapseSpaces(s string) string {
	clean := true
	prevSpace := false
	for _, r := range s {
		space := isLineSpace(r)
		if space && (r != ' ' || prevSpace) {
			clean = false
			break
		}
		prevSpace = space
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	prevSpace = false
	for i, r := range s {
		if isLineSpace(r) {
			if !prevSpace {
				b.WriteByte(' ')
			}
			prevSpace = true
			continue
		}
		prevSpace = false
		_, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size]) // an invalid byte as it is
	}
	return b.String()
}

// spacedReference is a character reference that a scraper split after the
// "&" ("& laquo;").
var spacedReference = lazyregexp.New(`&\s+([A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});`)

var quotes = strings.NewReplacer(
	"‘", "'", "’", "'", "‚", "'", "‛", "'", "′", "'",
	"“", `"`, "”", `"`, "„", `"`, "‟", `"`, "«", `"`, "»", `"`, "″", `"`,
)

// emphasis removes Markdown bold and underline markers.
var emphasis = strings.NewReplacer("**", "", "__", "")

// stripEmphasis removes Markdown emphasis left in a scraped text page
// (a .md file is read by goldmark first, see markdown.go): doubled markers
// anywhere, and a single "_" or "*" pair around the start and end of a
// phrase.
func stripEmphasis(s string) string {
	s = emphasis.Replace(s)
	for _, m := range []string{"_", "*"} {
		if strings.HasPrefix(s, m) && strings.Count(s, m) >= 2 {
			i := strings.Index(s[1:], m) + 1
			s = s[1:i] + s[i+1:]
		}
	}
	return strings.TrimSpace(s)
}

// normalizeLine decodes HTML character references (every named one and
// numeric ones, as html.UnescapeString does), replaces typographic quotes
// and folds white space.
func normalizeLine(s string) string {
	s = spacedReference.ReplaceAllStringFunc(s, func(m string) string {
		ref := "&" + strings.TrimSpace(m[1:])
		if html.UnescapeString(ref) == ref {
			return m // "R & D;" is text, not a reference
		}
		return ref
	})
	s = html.UnescapeString(s)
	s = quotes.Replace(s)
	s = collapseSpaces(s)
	return strings.TrimSpace(s)
}

// CleanScrapedText returns the article text of a scraped page: one paragraph
// per line of article text, separated by blank lines. title, when known, is
// dropped where the page repeats it.
func CleanScrapedText(raw, title string) string {
	blocks := pageBlocks(raw, title)
	keep := classifyBlocks(blocks)
	var b strings.Builder
	for i, bl := range blocks {
		if !keep[i] {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(bl.text)
	}
	return b.String()
}

// mayHaveCredit reports a line that may end in a photo credit: creditTail
// needs a "©", or a colon after one of creditWords. The words are looked
// for in the lower-cased line, which finds what the case-insensitive
// pattern finds unless a letter folds to one outside its script's basic
// block (ſ to s, ᲂ to о): a line with such a letter is always tried.
func mayHaveCredit(text string) bool {
	if strings.Contains(text, "©") {
		return true
	}
	if !strings.Contains(text, ":") {
		return false
	}
	lower := strings.ToLower(text)
	for _, w := range creditWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	for _, r := range text {
		if r >= 0x80 && (r < 0x400 || r > 0x4FF) && unicode.SimpleFold(r) != r {
			return true
		}
	}
	return false
}

// creditWords are the words of creditTail that may stand before a colon.
var creditWords = []string{"picture", "photo", "image", "source", "фото", "источник"}

// pageBlocks splits a page into measured blocks: hard-wrapped lines joined,
// each line normalised, photo credits cut from captions. Lines the page
// repeats and the title are kept as bad blocks: they are headlines and
// teasers, and the classifier needs to see where they stand.
func pageBlocks(raw, title string) []block {
	normTitle := strings.ToLower(normalizeLine(title))
	count := map[string]int{}
	lines := joinWrappedLines(raw)
	for _, l := range lines {
		if l.text != "" {
			count[strings.ToLower(l.text)]++
		}
	}
	var blocks []block
	seen := map[string]bool{}
	blank := false
	for _, l := range lines {
		if l.text == "" {
			blank = true
			continue
		}
		key := strings.ToLower(l.text)
		text := l.text
		credit := false // the line is a photo credit and nothing else
		if !strings.HasPrefix(text, "©") && len(text) <= maxPhraseScan && mayHaveCredit(text) {
			cut := strings.TrimSpace(creditTail.ReplaceAllString(text, ""))
			credit = cut == ""
			if !credit {
				text = cut
			}
		}
		text = trimControls(text)
		b := block{text: text, f: measureBlock(text), blankBefore: blank}
		initialClass(&b)
		if credit {
			b.class, b.heading = classBad, false
		}
		switch {
		case key == normTitle, seen[key]:
			b.class, b.heading, b.repeat = classBad, false, true
			b.title = key == normTitle
		case count[key] > 1 && !b.f.endsSent:
			// A headline the page prints twice is a teaser or the title.
			b.class, b.heading, b.repeat = classBad, false, true
		}
		seen[key] = true
		blank = false
		blocks = append(blocks, b)
	}
	return blocks
}

// headingControls is a heading's trailing group of page controls in
// brackets: a wiki's "[edit]" or «[править | править код]», a "[show]".
var headingControls = lazyregexp.New(`^(.*[^\s.!?…:;])\s*\[[^\[\]]{1,40}\]$`)

// trimControls cuts the bracketed controls off a heading: "Composition
// [edit | edit source]" is the heading "Composition", which then heads its
// section as any heading does. A line that ends a sentence before them, or
// is too long for a heading, keeps them.
func trimControls(line string) string {
	if !strings.HasSuffix(line, "]") || len(line) > 160 {
		return line
	}
	m := headingControls.FindStringSubmatch(line)
	if m == nil || len(strings.Fields(m[1])) > maxControlledHeadingWords {
		return line
	}
	return m[1]
}

// maxControlledHeadingWords is the longest heading trimControls trims.
const maxControlledHeadingWords = 8

// scrapedLine is one raw line as the cleaner reads it: normalised, without
// Markdown markers and emphasis.
func scrapedLine(raw string) string {
	return stripEmphasis(markdownMarker.ReplaceAllString(normalizeLine(raw), ""))
}

// A line that a hard wrap split is long: short lines ("Comments (2)",
// "Reply") followed by a lower-case user name are not joined to it.
const (
	minWrappedBytes = 30
	minWrappedWords = 4
)

// wrappedLine is one line of a page after hard wraps are joined.
type wrappedLine struct{ text string }

// joinWrappedLines normalises each line and joins lines that a hard wrap
// split inside a sentence: a line that does not end like a sentence followed
// by one that starts in lower case, when the first is long enough to have
// been wrapped. On a page hard-wrapped at a fixed width (hardWrapWidth) a
// line that fills the width is joined to the next whatever its case.
// Markdown markers and emphasis are removed. It runs in time linear in the
// size of raw.
func joinWrappedLines(raw string) []wrappedLine {
	var lines []string
	for rawLine := range strings.SplitSeq(raw, "\n") {
		lines = append(lines, scrapedLine(rawLine))
	}
	width := hardWrapWidth(lines)

	var out []wrappedLine
	var cur bytes.Buffer // the line being joined
	var words *pageWords // the page's words, read on the first split word
	open := false        // cur holds a non-empty line
	curEnds := false     // cur ends like a sentence
	prevWraps := false   // the last line was long enough to be hard-wrapped
	prevFull := false    // the last line filled the page's wrap width
	flush := func() {
		if open {
			out = append(out, wrappedLine{text: cur.String()})
			cur.Reset()
			open = false
		}
	}
	for _, text := range lines {
		if text == "" {
			flush()
			out = append(out, wrappedLine{})
			continue
		}
		wraps := len(text) >= minWrappedBytes && strings.Count(text, " ") >= minWrappedWords-1
		full := width > 0 && utf8.RuneCountInString(text) >= width-wrapSlack
		if open && !curEnds && (prevWraps && startsLower(text) || prevFull) {
			if head, hyphen, soft, ok := splitWordHead(cur.Bytes(), text); ok {
				if words == nil {
					words = readPageWords(lines)
				}
				if soft || !inAddress(cur.Bytes(), text) && !words.keepsHyphen(head, text) {
					cur.Truncate(cur.Len() - hyphen) // "амери-" "канцам" → «американцам»
				}
			} else {
				cur.WriteByte(' ')
			}
			cur.WriteString(text)
			curEnds, prevWraps, prevFull = endsLikeSentence(text), wraps, full
			continue
		}
		flush()
		cur.WriteString(text)
		open, curEnds, prevWraps, prevFull = true, endsLikeSentence(text), wraps, full
	}
	flush()
	return out
}

// splitWordHead returns the word a hard wrap split at a hyphen: the letters
// before the hyphen that ends line, when text, the next line, goes on in
// lower case, and the hyphen's length in bytes. soft reports a soft hyphen
// (U+00AD), which marks where a word may break and is never part of it.
func splitWordHead(line []byte, text string) (head string, hyphen int, soft, ok bool) {
	r, hyphen := utf8.DecodeLastRune(line)
	if !isLineHyphen(r) || len(line) <= hyphen || !startsLower(text) {
		return "", 0, false, false
	}
	end := len(line) - hyphen
	start := end
	for start > 0 {
		r, n := utf8.DecodeLastRune(line[:start])
		if !unicode.IsLetter(r) {
			break
		}
		start -= n
	}
	if start == end {
		return "", 0, false, false // "1990-", "word -"
	}
	return string(line[start:end]), hyphen, r == softHyphen, true
}

// softHyphen marks where a word may be broken at a line's end.
const softHyphen = '\u00AD'

// isLineHyphen reports a hyphen a hard wrap may leave at a line's end: the
// hyphen-minus, the typographic hyphens (U+2010, U+2011) and the soft one.
func isLineHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2011' || r == softHyphen
}

// isWordHyphen reports a hyphen that joins a compound's parts.
func isWordHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2011'
}

// inAddress reports whether the hyphen ending line is inside an e-mail or
// web address ("press-" "office@example.org"), which keeps it.
func inAddress(line []byte, next string) bool {
	head := line[bytes.LastIndexByte(line, ' ')+1:]
	tail, _, _ := strings.Cut(next, " ")
	return bytes.ContainsAny(head, "@/") || strings.ContainsAny(tail, "@/")
}

// pageWords is the evidence a page gives for mending a word a hard wrap
// split at a hyphen. The fragments of the splits themselves are no evidence
// and are left out.
type pageWords struct {
	words map[string]bool // lower-case words, a hyphenated compound as one ("cease-fire")
	heads map[string]bool // the first parts of the compounds («северо» of «северо-западный»)
}

// minCompoundHead is the fewest letters of a compound's first part that
// vouches for another compound: a short one is also a syllable («по-» of
// «по-прежнему» and of «по-литика»).
const minCompoundHead = 4

func readPageWords(lines []string) *pageWords {
	w := &pageWords{words: map[string]bool{}, heads: map[string]bool{}}
	split := false // the line before ended in a hyphen
	for _, l := range lines {
		fields := strings.FieldsFunc(strings.ToLower(l), func(r rune) bool { return !unicode.IsLetter(r) && !isWordHyphen(r) })
		if split && len(fields) > 0 {
			fields = fields[1:] // "канцам" of «амери-» «канцам»
		}
		r, _ := utf8.DecodeLastRuneInString(l)
		split = isLineHyphen(r)
		if split && len(fields) > 0 {
			fields = fields[:len(fields)-1] // «амери-»
		}
		for _, f := range fields {
			f = strings.TrimFunc(f, isWordHyphen)
			if f == "" {
				continue
			}
			f = strings.Map(func(r rune) rune {
				if isWordHyphen(r) {
					return '-'
				}
				return r
			}, f)
			w.words[f] = true
			if head, _, ok := strings.Cut(f, "-"); ok && utf8.RuneCountInString(head) >= minCompoundHead {
				w.heads[head] = true
			}
		}
	}
	return w
}

// keepsHyphen reports whether head, the letters before a line-ending
// hyphen, and the word opening next make a hyphenated compound rather than
// one word the wrap split. The page says so when it does not write the
// joined word but writes the compound, the word after the hyphen alone
// ("known" of "well-known"), or another compound on the same first part
// («северо-восточный» beside «северо-западный»). Otherwise the word is
// mended: pages wrapped by hand or by OCR split words at syllables
// («амери-канцам», "inter-national").
func (w *pageWords) keepsHyphen(head, next string) bool {
	tail := strings.ToLower(next)
	if i := strings.IndexFunc(tail, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		tail = tail[:i]
	}
	head = strings.ToLower(head)
	if w.words[head+tail] {
		return false
	}
	return w.words[head+"-"+tail] || w.words[tail] || w.heads[head]
}

// A hard-wrapped page has most of its lines within wrapSlack runes of one
// width between minWrapWidth and maxWrapWidth, and few longer ones.
const (
	minWrapWidth = 40
	maxWrapWidth = 100
	wrapSlack    = 15
	minWrapLines = 6
)

// hardWrapWidth returns the width a page was hard-wrapped at, or 0: the
// 95th percentile of its line lengths, when half of the lines come within
// wrapSlack of it.
func hardWrapWidth(lines []string) int {
	var counts [maxWrapWidth + 2]int // line lengths, the last cell for longer
	total := 0
	for _, l := range lines {
		if l == "" {
			continue
		}
		n := min(utf8.RuneCountInString(l), maxWrapWidth+1)
		counts[n]++
		total++
	}
	if total < minWrapLines {
		return 0
	}
	width, seen := 0, 0
	for n := range counts {
		seen += counts[n]
		if seen*100 >= total*95 {
			width = n
			break
		}
	}
	if width < minWrapWidth || width > maxWrapWidth {
		return 0
	}
	near := 0
	for n := width - wrapSlack; n <= width; n++ {
		near += counts[n]
	}
	if near*2 < total {
		return 0
	}
	return width
}

func startsLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}

func endsLikeSentence(text string) bool {
	text = strings.TrimRight(text, `"')]»” `)
	if text == "" {
		return false
	}
	switch text[len(text)-1] {
	case '.', '!', '?', ';':
		return true
	}
	return strings.HasSuffix(text, "…")
}

func wordCount(text string) int { return len(strings.Fields(text)) }
