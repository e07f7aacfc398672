package corpus

import (
	"html"
	"regexp"
	"strings"
	"unicode"
)

// Scraped pages mix the article with page furniture: icon names, menus,
// teasers, cookie and subscription notices, comment forms and sidebars of
// unrelated headlines. CleanScrapedText keeps the article and drops the rest
// with rules that look at the shape of a line, not at these five articles:
//
//   - lines that are furniture by themselves (icon runs, "Read more",
//     timestamps, bullets, cookie/subscribe/reply notices) are dropped;
//   - a line that opens a listing ("Top stories", "In World", a bullet,
//     "Read on …", "Leave a Reply") starts a sidebar: what follows is dropped
//     until a paragraph that is about the article's subject again (it names
//     one of the acronyms the article itself repeats, such as CSTO);
//   - repeated lines, the title repeated in the body, Title Case headline
//     runs and teasers around "Read more" are dropped;
//   - photo credits are cut from captions, keeping the caption's sentence.

var (
	// furnitureLine matches lines that are page furniture on their own.
	furnitureLine = regexp.MustCompile(`(?i)^(read more|read also|see also|top stories|rt features|features|podcasts|all podcasts|leave a (reply|review|comment)|accept( all)? cookies|share( this)?|comments?|related( articles| news| stories)?|latest( news)?|more news|most (read|popular)|in world|tags?|authors?|advertisement|menu|search|home|trending|recommended|you may also like)[.:]?$`)
	// sidebarOpener matches lines after which a listing of other items starts.
	sidebarOpener = regexp.MustCompile(`(?i)^(top stories|rt features|features|podcasts|all podcasts|leave a (reply|review|comment)|related( articles| news| stories)?|latest( news)?|more news|most (read|popular)|in world|read on\b.*|you may also like|recommended|trending|authors\b.*|[-–—•*])$`)
	// markdownMarker is a heading, quote or list marker at a line's start.
	markdownMarker = regexp.MustCompile(`^(#{1,6}|>|[-*+•]|\d{1,3}[.)])\s+`)
	// noticeLine matches sentences that belong to the site, not the article.
	noticeLine = regexp.MustCompile(`(?i)(cookies?\b|privacy policy|all rights reserved|email address will not be published|required fields are marked|subscribe to (our|the|rutube|youtube|telegram)|sign up (for|to)|live broadcasts|news app\b|^published:|\bpublished: \w+ \d)`)
	// timeLine matches a bare time, duration or date-and-time line.
	timeLine = regexp.MustCompile(`(?i)^[-–•\s]*(\d{1,2}:\d{2}(:\d{2})?|(\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{1,4}(,?\s+\d{4})?(,?\s+\d{1,2}:\d{2})?|\d{4}-\d{2}-\d{2}(\s+\d{1,2}:\d{2})?)$`)
	// creditTail matches a photo credit at the end of a caption.
	creditTail = regexp.MustCompile(`\s*(/\s*)?(Picture|Photo|Image|Source)?:?\s*©.*$`)
	iconWord   = regexp.MustCompile(`(?i)icon\b|\bicon`)
	spaces     = regexp.MustCompile(`[ \t\f\v\x{00A0}\x{2000}-\x{200B}\x{202F}\x{205F}\x{3000}]+`)
)

// spacedReference is a character reference that a scraper split after the
// "&" ("& laquo;").
var spacedReference = regexp.MustCompile(`&\s+([A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});`)

var quotes = strings.NewReplacer(
	"‘", "'", "’", "'", "‚", "'", "‛", "'", "′", "'",
	"“", `"`, "”", `"`, "„", `"`, "‟", `"`, "«", `"`, "»", `"`, "″", `"`,
)

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
	s = spaces.ReplaceAllString(s, " ")
	return strings.TrimSpace(s)
}

// lineKind is how CleanScrapedText classifies a line of scraped text.
type lineKind int

const (
	kindSentence lineKind = iota // ends like a sentence: article text
	kindHeading                  // sentence-case line without end punctuation
	kindJunk                     // furniture
)

type scrapedLine struct {
	text   string
	kind   lineKind
	opener bool // a sidebar starts after it
}

// CleanScrapedText returns the article text of a scraped page: one paragraph
// per line of article text, separated by blank lines. title, when known, is
// dropped where the page repeats it.
func CleanScrapedText(raw, title string) string {
	lines := classifyLines(raw, title)
	anchors := articleAcronyms(lines)

	var kept []string
	inSidebar := false
	lastSentence := -1
	for i, l := range lines {
		if l.opener {
			inSidebar = true
		}
		if l.kind == kindJunk {
			continue
		}
		if inSidebar {
			if l.kind != kindSentence || !mentionsAny(l.text, anchors) || wordCount(l.text) < 8 {
				continue
			}
			inSidebar = false
		}
		kept = append(kept, lines[i].text)
		if l.kind == kindSentence {
			lastSentence = len(kept) - 1
		}
	}
	// Headline-like lines after the last sentence are tags and teasers.
	kept = kept[:lastSentence+1]
	return strings.Join(kept, "\n\n")
}

// classifyLines normalises each non-empty line and decides whether it is
// article text, a heading or furniture.
func classifyLines(raw, title string) []scrapedLine {
	normTitle := strings.ToLower(normalizeLine(title))
	seen := map[string]bool{}
	var lines []scrapedLine
	for _, text := range joinWrappedLines(raw) {
		if text == "" {
			continue
		}
		key := strings.ToLower(text)
		l := scrapedLine{text: text, opener: sidebarOpener.MatchString(text)}
		switch {
		case seen[key] || key == normTitle:
			l.kind = kindJunk
		case furnitureLine.MatchString(text) || timeLine.MatchString(text) || isIconRun(text) ||
			noticeLine.MatchString(text) || strings.HasPrefix(text, "©") || isRunTogether(text):
			l.kind = kindJunk
		default:
			text = strings.TrimSpace(creditTail.ReplaceAllString(text, ""))
			l.text = text
			l.kind = lineShape(text)
		}
		seen[key] = true
		lines = append(lines, l)
	}
	dropTeasers(lines)
	return lines
}

// joinWrappedLines normalises each line and joins lines that a hard wrap
// split inside a sentence: a line that does not end like a sentence followed
// by one that starts in lower case. Markdown markers and emphasis are removed.
func joinWrappedLines(raw string) []string {
	var out []string
	for _, rawLine := range strings.Split(raw, "\n") {
		text := normalizeLine(rawLine)
		text = markdownMarker.ReplaceAllString(text, "")
		text = strings.NewReplacer("**", "", "__", "").Replace(text)
		if n := len(out); n > 0 && text != "" && out[n-1] != "" && !endsLikeSentence(out[n-1]) && startsLower(text) {
			out[n-1] += " " + text
			continue
		}
		out = append(out, text)
	}
	return out
}

func startsLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}

// dropTeasers drops the headline lines that sit around a "Read more" link:
// they advertise another article.
func dropTeasers(lines []scrapedLine) {
	for i, l := range lines {
		if !strings.EqualFold(strings.TrimRight(l.text, ".:"), "read more") {
			continue
		}
		for _, j := range []int{i - 1, i + 1} {
			if j >= 0 && j < len(lines) && lines[j].kind == kindHeading {
				lines[j].kind = kindJunk
			}
		}
	}
}

// lineShape tells a sentence from a heading from a headline-like fragment.
func lineShape(text string) lineKind {
	if endsLikeSentence(text) {
		if wordCount(text) < 3 {
			return kindJunk
		}
		return kindSentence
	}
	if wordCount(text) < 4 || isTitleCase(text) {
		return kindJunk
	}
	return kindHeading
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

// isTitleCase reports a line whose longer words nearly all start with a
// capital, the mark of a headline rather than article prose.
func isTitleCase(text string) bool {
	long, capital := 0, 0
	for _, w := range strings.Fields(text) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if len([]rune(w)) < 4 {
			continue
		}
		long++
		if unicode.IsUpper([]rune(w)[0]) {
			capital++
		}
	}
	return long > 0 && capital*100 >= long*85
}

// isIconRun reports a line of icon names, as menus of icon fonts leave them.
func isIconRun(text string) bool {
	return len(iconWord.FindAllStringIndex(text, -1)) >= 3
}

// isRunTogether reports one long token with no spaces, such as a language
// switcher "العربيةespрусdefrrs".
func isRunTogether(text string) bool {
	return !strings.ContainsRune(text, ' ') && len([]rune(text)) > 15
}

// articleAcronyms returns the acronyms that the article's own text (the lines
// before any sidebar) uses at least twice: they name what it is about.
func articleAcronyms(lines []scrapedLine) map[string]bool {
	counts := map[string]int{}
	for _, l := range lines {
		if l.opener {
			break
		}
		if l.kind == kindJunk {
			continue
		}
		for _, a := range acronyms(l.text) {
			counts[a]++
		}
	}
	anchors := map[string]bool{}
	for a, n := range counts {
		if n >= 2 {
			anchors[a] = true
		}
	}
	return anchors
}

func mentionsAny(text string, anchors map[string]bool) bool {
	for _, a := range acronyms(text) {
		if anchors[a] {
			return true
		}
	}
	return false
}

func wordCount(text string) int { return len(strings.Fields(text)) }

// acronyms returns the all-capital words of three to six letters in text,
// Latin or Cyrillic.
func acronyms(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		n := len([]rune(w))
		if n >= 3 && n <= 6 && strings.ToUpper(w) == w && strings.ToLower(w) != w {
			out = append(out, w)
		}
	}
	return out
}
