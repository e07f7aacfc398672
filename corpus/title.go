package corpus

import (
	"strings"
	"unicode"

	"github.com/alliancebot/alliancebot/internal/lazyregexp"
)

// A page without a header often starts with the site's name and menu, a
// ticker or a rubric; its headline comes a few lines later. headlineOf
// finds it.

// headlineWindow is how many leading lines of a page may hold its headline;
// maxHeadlineBytes is the longest line that may be one.
const (
	headlineWindow   = 30
	maxHeadlineBytes = 400
)

// minSpeakerTurns is the fewest lines opening with a speaker's label that
// make a page a transcript.
const minSpeakerTurns = 2

// maxHeadlineWords is the most words a headline has: a forum's or a
// blog's title runs longer than a news headline.
const maxHeadlineWords = 32

// headlineOf returns the line of a headerless page that reads as its
// headline: a sentence-like line of 4 to maxHeadlineWords words that is not
// a menu, a date, a byline, a caption, a notice or a transcript's turn. A
// line the page repeats, or one followed closely by a paragraph of prose, is
// preferred; among equals the earliest wins. Without such a line it returns the first line that is no
// menu, date or notice (isPlainLine), or "".
func headlineOf(raw string) string {
	lines := joinWrappedLines(raw)
	counts := map[string]int{}
	for _, l := range lines {
		counts[strings.ToLower(l.text)]++
	}
	body := proseWords(lines)
	// A transcript opens its turns with its speakers' labels («ТАРАСЕНКО:
	// …»); a headline may open with a name in capitals once ("ОДКБ: …").
	turns := 0
	for _, l := range lines {
		if speakerLabel.MatchString(l.text) {
			turns++
		}
	}
	best, bestScore := "", 0
	plain := "" // the first line that is no menu, date or notice
	seen := 0
	for i, l := range lines {
		if l.text == "" {
			continue
		}
		if seen++; seen > headlineWindow {
			break
		}
		if plain == "" && isPlainLine(l.text) {
			plain = l.text
		}
		score := headlineScore(l.text)
		if turns >= minSpeakerTurns && speakerLabel.MatchString(l.text) {
			score = 0
		}
		if score == 0 {
			continue
		}
		if counts[strings.ToLower(l.text)] > 1 {
			score += 2
		}
		if proseFollows(lines[i+1:]) {
			score++
		}
		score += body.overlapScore(l.text)
		if score > bestScore {
			best, bestScore = l.text, score
		}
	}
	if best == "" {
		return trimHeadline(plain)
	}
	return trimHeadline(best)
}

// trimHeadline drops the marks a page sets before or after its headline
// ("▌ Astana summit ends …"), and keeps its own punctuation ("… by 30%",
// "… again?").
func trimHeadline(text string) string {
	return strings.TrimFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsSymbol(r) || strings.ContainsRune(headlineMarks, r)
	})
}

// headlineMarks are the bullets, bars and dashes a page sets around a
// headline.
const headlineMarks = "▌▍▎▏█▐•·◦‣▪▫►▸▶|*#>_–—-"

// wordSet holds the word keys of a page's prose (wordKey).
type wordSet map[string]bool

// proseWords returns the word keys of the page's paragraphs of prose: a
// headline names what they are about, a site's tagline, menu or contact
// line does not.
func proseWords(lines []wrappedLine) wordSet {
	set := wordSet{}
	for _, l := range lines {
		if !endsLikeSentence(l.text) || wordCount(l.text) < 12 {
			continue
		}
		for _, w := range contentWords(l.text) {
			set[w] = true
		}
	}
	return set
}

// overlapScore weighs a candidate headline by how many of its content words
// the page's prose repeats: 2 for half of them or more, 1 for a quarter,
// and -1 for none of three or more (a tagline, a menu, a contact line).
func (set wordSet) overlapScore(text string) int {
	words := contentWords(text)
	if len(set) == 0 || len(words) == 0 {
		return 0
	}
	n := 0
	for _, w := range words {
		if set[w] {
			n++
		}
	}
	switch share := float64(n) / float64(len(words)); {
	case share >= 0.5:
		return 2
	case share >= 0.25:
		return 1
	case n == 0 && len(words) >= 3:
		return -1
	}
	return 0
}

// isPlainLine reports a line that is no sentence, menu, date, byline,
// marker or notice: the fallback title of a page without a headline.
func isPlainLine(text string) bool {
	if len(text) > maxHeadlineBytes {
		return false
	}
	f := measureBlock(text)
	return f.words >= 1 && !f.endsSent && f.separators == 0 && !f.dateLike && !f.byline && !f.furniture &&
		!f.runTogether && f.section == sectionNone && f.upperRatio <= 0.5 &&
		!contactLine.MatchString(text) && !tickerLine.MatchString(text) && !creditLine.MatchString(text)
}

// headlineScore is 0 for a line that cannot be a headline and 1 or more for
// one that can; function words and length make a headline more likely.
func headlineScore(text string) int {
	if len(text) > maxHeadlineBytes {
		return 0
	}
	f := measureBlock(text)
	switch {
	case f.words < 4 || f.words > maxHeadlineWords, f.section != sectionNone,
		f.dateLike, f.byline, relativeTime.MatchString(text), f.furniture, f.runTogether,
		f.separators > dashSeparators(text), dashSeparators(text) > 1, f.digitRatio > 0.2,
		buttonRow.MatchString(text), innerSentenceEnd.MatchString(text), contactLine.MatchString(text), tickerLine.MatchString(text), creditLine.MatchString(text),
		strings.HasSuffix(text, "."), strings.HasPrefix(text, "—"), strings.HasPrefix(text, "-"),
		creditTail.MatchString(text), wordless(text):
		return 0
	}
	score := 1
	if dashSeparators(text) > 0 {
		score-- // a site's name and motto are joined by a dash too
	}
	if f.stopRatio > 0 || f.cyrillic {
		score++ // a phrase, not a name (Russian headlines lack articles)
	}
	if f.words >= 6 {
		score++ // headlines are longer than the site's calls to action
	}
	if f.words >= 8 {
		score++
	}
	return score
}

// A headline may have one dash ("Uzbekistan walks out — again"), which a
// menu uses as a separator; it has no row of buttons ("[ Accept all ]  [
// Reject all ]") and is one sentence, not an advert's two ("Tours to
// Samarkand! 12% off"); a stop after a short word is an abbreviation
// ("Gen. Ivanov"). A question may open it ("A bystander by design? The
// CSTO and the Osh crisis").
var (
	buttonRow = lazyregexp.New(`\[[^\]]{1,30}\].*\[[^\]]{1,30}\]`)
	// contactLine finds an e-mail address, a web address or a telephone
	// number, which no headline holds.
	contactLine      = lazyregexp.New(`\S@\S+\.\S|https?://|www\.|\+\d[\d ()-]{8,}\d|\(\d{3,5}\)\s*\d{2,3}[ -]?\d{2}`)
	innerSentenceEnd = lazyregexp.New(`\p{L}{4,}[.!]\s+[\p{Lu}\d]`)
	// creditLine names someone by initials after a role: «Дежурный
	// редактор: О. Кравчук», "Photo: J. Smith".
	creditLine = lazyregexp.New(`^[^:]{2,40}:\s*(\p{Lu}\.\s*){1,2}\p{Lu}\p{Ll}+$`)
	// tickerLine is a news feed's item, which opens with its time.
	tickerLine = lazyregexp.New(`^\d{1,2}:\d{2}\s`)
	// speakerLabel opens a transcript's turn: «ТАРАСЕНКО: …», "MARCHENKO:
	// …".
	speakerLabel = lazyregexp.New(`^\p{Lu}[\p{Lu}-]{2,}(\s+\p{Lu}[\p{Lu}-]+)?:\s`)
)

// wordless reports a line of which a third of the fields or more hold no
// letter: a row of counts and icons ("⬆ 412 ⬇ 💬 96 comments Share"), a
// weather line, a score. A dash or a dot between words is punctuation, not
// a field without a word («Саммит ОДКБ: 5 решений — главное»).
func wordless(text string) bool {
	fields, bare := 0, 0
	for _, f := range strings.Fields(text) {
		if strings.IndexFunc(f, func(r rune) bool { return !unicode.IsPunct(r) }) < 0 {
			continue
		}
		fields++
		if strings.IndexFunc(f, unicode.IsLetter) < 0 {
			bare++
		}
	}
	return fields > 0 && 3*bare >= fields
}

// dashSeparators counts the words of text that are dashes.
func dashSeparators(text string) int {
	n := 0
	for _, w := range strings.Fields(text) {
		switch w {
		case "—", "–", "-", "--":
			n++
		}
	}
	return n
}

// proseFollows reports a paragraph of prose among the next few lines.
func proseFollows(lines []wrappedLine) bool {
	seen := 0
	for _, l := range lines {
		if l.text == "" {
			continue
		}
		if seen++; seen > 5 {
			return false
		}
		if endsLikeSentence(l.text) && wordCount(l.text) >= 20 {
			return true
		}
	}
	return false
}
