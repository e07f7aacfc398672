package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alliancebot/alliancebot/internal/lazyregexp"
)

// The boilerplate classifier decides, block by block, what of a scraped page
// is the article. It follows jusText (Pomikálek, 2011) adapted to plain text
// without markup:
//
//  1. Each block (a line after hard wraps are joined) is measured
//     (blockFeatures) and classed on its own: bad (menus, dates, bylines,
//     share rows, notices), short, near-good or good, mostly by length and
//     stopword density.
//  2. Structural sections are recognised by their marker line or their
//     shape and made bad: a comments section to the end of the page, a
//     teaser list after "read also"/"related"/"читайте также", an author
//     box, an advertisement, a legal footer to the end of the page.
//  3. Short and near-good blocks take their class from their neighbours.
//  4. Good blocks form spans separated by runs of bad blocks; the span with
//     the most text is the article, and another span is kept only when its
//     words are the article's words (an article cut by an advertisement),
//     not a sidebar's.
//
// Phrases such as "cookie" or "subscribe" only demote a block; no phrase
// keeps one.

// blockClass is the classifier's verdict on a block, worst first.
type blockClass int

const (
	classBad blockClass = iota
	classShort
	classNearGood
	classGood
)

// sectionKind is the kind of page section a marker line opens.
type sectionKind int

const (
	sectionNone     sectionKind = iota
	sectionRelated              // read also, related, see also, top stories
	sectionComments             // comments, leave a reply
	sectionAuthor               // about the author
	sectionSponsor              // advertisement, sponsored
)

// Thresholds, in runes and shares of words (jusText's defaults are 70 and
// 200 characters, 0.30 and 0.32; plain-text lines are shorter and the
// stopword lists are smaller).
const (
	lengthLow             = 50
	lengthHigh            = 100
	proseSentences        = 3
	stopwordsLow          = 0.18
	stopwordsHigh         = 0.26
	cyrillicStopScale     = 0.7
	maxHeadingWords       = 20
	minStandfirstWords    = 6
	minProseSentenceWords = 5
	maxSpanGap            = 3   // bad blocks a span of article text may hold
	minTopicOverlap       = 0.3 // share of a span's words the article must have
	// minBlocksBeforeEnd is how many good blocks must come before a
	// comments section or a footer that ends the page: a "Comments (3)"
	// link under the standfirst does not.
	minBlocksBeforeEnd = 2
)

// block is one block of a page with what the classifier knows about it.
type block struct {
	text        string
	f           blockFeatures
	blankBefore bool // a blank line separates it from the block before
	class       blockClass
	heading     bool       // a line that may head the paragraph after it
	repeat      bool       // the title or a line the page prints twice
	initial     blockClass // the class before context revision
	title       bool       // the page's headline
}

// sectionMarkers are the marker lines of page sections, in lower case,
// without punctuation or counts.
var sectionMarkers = map[string]sectionKind{
	"read also": sectionRelated, "see also": sectionRelated, "read more": sectionRelated, "related": sectionRelated,
	"related articles": sectionRelated, "related stories": sectionRelated, "related news": sectionRelated,
	"related coverage": sectionRelated, "more on this": sectionRelated, "more on this topic": sectionRelated,
	"more stories": sectionRelated, "more news": sectionRelated, "you may also like": sectionRelated,
	"recommended": sectionRelated, "top stories": sectionRelated, "most read": sectionRelated,
	"most popular": sectionRelated, "latest": sectionRelated, "latest news": sectionRelated, "trending": sectionRelated,
	"читайте также": sectionRelated, "читать также": sectionRelated, "смотрите также": sectionRelated,
	"см также": sectionRelated, "по теме": sectionRelated, "еще по теме": sectionRelated, "ещё по теме": sectionRelated,
	"материалы по теме": sectionRelated, "новости по теме": sectionRelated, "главное": sectionRelated,
	"самое читаемое": sectionRelated, "популярное": sectionRelated, "последние новости": sectionRelated,
	"другие новости": sectionRelated, "лента новостей": sectionRelated,
	"comments": sectionComments, "comment": sectionComments, "leave a reply": sectionComments,
	"leave a comment": sectionComments, "leave a review": sectionComments, "add a comment": sectionComments,
	"join the conversation": sectionComments, "discussion": sectionComments, "load more comments": sectionComments,
	"комментарии": sectionComments, "комментарий": sectionComments, "оставьте комментарий": sectionComments,
	"оставить комментарий": sectionComments, "обсуждение": sectionComments,
	"about the author": sectionAuthor, "about the authors": sectionAuthor, "author bio": sectionAuthor,
	"об авторе": sectionAuthor, "об авторах": sectionAuthor,
	"advertisement": sectionSponsor, "sponsored": sectionSponsor, "sponsored content": sectionSponsor,
	"partner content": sectionSponsor, "promoted": sectionSponsor, "реклама": sectionSponsor,
	"на правах рекламы": sectionSponsor, "партнерский материал": sectionSponsor, "партнёрский материал": sectionSponsor,
}

// ageRating is a line that is an age rating: "18+", "16+".
var ageRating = lazyregexp.New(`^\d{1,2}\+$`)

// relatedLead are first words of a teaser-list marker of up to three words
// ("related posts", "recommended for you", "похожие новости").
var relatedLead = map[string]bool{
	"related": true, "recommended": true, "similar": true, "читайте": true, "смотрите": true, "похожие": true,
}

// sectionMarker returns the section a line opens, if any: the line is a
// marker ("Comments (3)") or starts with one ("Read also: Another headline").
func sectionMarker(text string) sectionKind {
	key := markerKey(text)
	if k, ok := sectionMarkers[key]; ok {
		return k
	}
	if first, rest, _ := strings.Cut(key, " "); relatedLead[first] && strings.Count(rest, " ") < 2 && len(text) < 40 {
		return sectionRelated // "Related posts", "Похожие материалы"
	}
	// "Read also: …", "READ MORE »", "Читайте также — …"
	if i := strings.IndexAny(text, ":»>|—–›"); i > 0 && i < 40 {
		lead := markerKey(text[:i])
		if k, ok := sectionMarkers[lead]; ok {
			return k
		}
		if first, rest, _ := strings.Cut(lead, " "); relatedLead[first] && strings.Count(rest, " ") < 2 {
			return sectionRelated
		}
	}
	return sectionNone
}

// markerKey lowers a short line and strips its punctuation, counts and
// arrows: "Comments (3)" → "comments", "— READ ALSO: —" → "read also".
func markerKey(text string) string {
	if len(text) > 60 {
		return ""
	}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	})
	return strings.Join(words, " ")
}

// classifyBlocks runs the classifier over the blocks of a page and returns
// which blocks are article text.
// Each block's initial class (initialClass) is already set.
func classifyBlocks(blocks []block) []bool {
	markSections(blocks)
	reviseByContext(blocks)
	return keepArticleSpans(blocks)
}

// initialClass classes a block by its own features (jusText's first stage).
func initialClass(b *block) {
	f := b.f
	switch {
	case f.section != sectionNone, f.runTogether, f.dateLike, f.byline,
		f.separators >= 2 && !f.endsSent,
		f.relTime && f.words <= 8,
		f.furniture && (f.words <= 12 || f.addresses),
		f.upperRatio > 0.7 && f.words <= 8,
		f.digitRatio > 0.3:
		b.class = classBad
		return
	}
	long := f.chars >= lengthLow
	// Russian has no articles: its prose has fewer function words.
	low, high := stopwordsLow, stopwordsHigh
	if f.cyrillic {
		low, high = low*cyrillicStopScale, high*cyrillicStopScale
	}
	switch {
	case !f.endsSent && f.titleCase:
		b.class = classBad
	case !f.endsSent && f.words >= 10 && f.words <= 60 && f.stopRatio >= low && long:
		// A standfirst or a paragraph that lost its final stop.
		b.class = classNearGood
	case !f.endsSent:
		b.class = classBad
		b.heading = headingShaped(f)
	case f.words < 3:
		b.class = classBad
	case !long:
		b.class = classShort
	case f.stopRatio >= high && f.chars >= lengthHigh:
		b.class = classGood
	case f.sentences >= proseSentences && f.chars >= lengthHigh && f.stopRatio > 0 && !f.furniture:
		// Several sentences are prose whatever their stopwords: Russian
		// news packs nouns («Началась сессия Совета коллективной
		// безопасности ОДКБ»), and a channel's post stands alone
		// between its stamps. A site's imprint («Редакция: … Тел. …
		// Свидетельство о регистрации …») is sentences too, of fields.
		b.class = classGood
	case f.stopRatio >= low:
		b.class = classNearGood
	case f.words >= 6 && f.stopRatio > 0:
		// A sentence of names ("The members are Armenia, Belarus, …"):
		// its neighbours decide.
		b.class = classShort
	default:
		b.class = classBad
	}
	if f.furniture && b.class > classBad {
		b.class--
	}
}

// markSections makes the blocks of structural sections bad: comments and
// legal footers to the end of the page, teaser lists, author boxes and
// advertisements to their end.
func markSections(blocks []block) {
	// Good text after each block, to tell a footer from a photo credit.
	goodAfter := make([]int, len(blocks)+1)
	for i := len(blocks) - 1; i >= 0; i-- {
		goodAfter[i] = goodAfter[i+1]
		if blocks[i].class == classGood {
			goodAfter[i] += blocks[i].f.chars
		}
	}
	goodBlocks, goodChars := 0, 0 // article text before block i
	for i := 0; i < len(blocks); i++ {
		b := &blocks[i]
		started := goodBlocks >= minBlocksBeforeEnd
		comments := b.f.section == sectionComments || startsComments(blocks, i)
		if started && (comments || isFooter(b) && goodAfter[i+1] < goodChars) {
			for j := i; j < len(blocks); j++ {
				blocks[j].class, blocks[j].heading = classBad, false
			}
			return
		}
		if b.class == classGood {
			goodBlocks++
			goodChars += b.f.chars
		}
		switch b.f.section {
		case sectionRelated:
			// The teasers: headline-shaped lines up to a blank line or a
			// sentence.
			for j := i + 1; j < len(blocks) && j <= i+12; j++ {
				n := &blocks[j]
				if j > i+1 && n.blankBefore || n.f.endsSent {
					break
				}
				n.class, n.heading = classBad, false
			}
		case sectionAuthor, sectionSponsor:
			// The bio or the advertisement: the block after the marker, and
			// a line of furniture that goes with it.
			for j := i + 1; j < len(blocks) && j <= i+2; j++ {
				n := &blocks[j]
				if j > i+1 && (n.blankBefore || n.class != classBad) {
					break
				}
				n.class, n.heading = classBad, false
			}
		}
	}
}

// headingShaped reports a block that may head the paragraph after it: a
// few words with function words among them ("Allies meet in Minsk"), not a
// byline ("Jane Doe, Almaty"), a date, a menu or a notice.
func headingShaped(f blockFeatures) bool {
	// Russian headings often have no function word ("Главный вопрос").
	return !f.endsSent && f.words >= 2 && f.words <= maxHeadingWords && (f.stopRatio > 0 || f.cyrillic) &&
		f.separators == 0 && f.upperRatio < 0.5 && !f.dateLike && !f.byline && !f.relTime &&
		!f.furniture && !f.runTogether && f.section == sectionNone
}

// isProseSentence reports a block of one or more whole sentences of prose
// that does not speak to the reader: "The drills had been planned for
// October.", not "Follow us for more."
func isProseSentence(b *block) bool {
	return b.f.endsSent && b.f.stopRatio > 0 && b.f.words >= minProseSentenceWords && !b.f.addresses && !b.f.furniture
}

// isFooter reports a legal footer line: a copyright notice with a year, a
// rights notice, an age rating. A photo credit ("© Agency / Name") is not
// one.
func isFooter(b *block) bool {
	t := strings.ToLower(b.text)
	return (strings.Contains(t, "©") || strings.HasPrefix(t, "(c) ")) && hasYear(t) ||
		ageRating.MatchString(t) ||
		strings.Contains(t, "all rights reserved") || strings.Contains(t, "все права защищены")
}

// startsComments reports a run of reader comments starting at block i: at
// least two short lines with a relative time, or a date joined to a name by
// a separator ("nomad_88 · 4 years ago", "Илья К. · 15.05.2019"), among the
// next few blocks, the first of them at i or right after i. A dated
// heading of a chronology («Май 1992 года») has no separator, and a post's
// stamp of views and time no name.
func startsComments(blocks []block, i int) bool {
	isHeader := func(b *block) bool {
		return (b.f.relTime || b.f.dateLike && b.f.separators > 0 && hasWord(b.text)) && b.f.words <= 8 && !b.f.endsSent
	}
	if !isHeader(&blocks[i]) && !(i+1 < len(blocks) && isHeader(&blocks[i+1]) && blocks[i].f.words <= 3) {
		return false
	}
	headers := 0
	for j := i; j < len(blocks) && j < i+12; j++ {
		if isHeader(&blocks[j]) {
			headers++
		}
	}
	return headers >= 2
}

// hasWord reports whether text holds a word of two letters or more: a
// commenter's name or a month beside the time, which a post's stamp of
// views and time ("👁 38,9K · 16:42") lacks.
func hasWord(text string) bool {
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			if letters++; letters == 2 {
				return true
			}
		} else {
			letters = 0
		}
	}
	return false
}

// reviseByContext gives short and near-good blocks the class their
// neighbours suggest (jusText's context-sensitive stage): a short block
// between good blocks is good, between bad ones bad; a near-good block is
// good unless both neighbours are bad.
func reviseByContext(blocks []block) {
	// The standfirst under the headline summarises the article: a line of
	// prose or a long heading right after the title line. It is good, and
	// its neighbours see it so.
	for i := 1; i < len(blocks); i++ {
		b := &blocks[i]
		if blocks[i-1].title && (b.class == classNearGood || b.heading && b.f.words >= minStandfirstWords) {
			b.class, b.heading = classGood, false
		}
	}
	initial := make([]blockClass, len(blocks))
	for i := range blocks {
		initial[i] = blocks[i].class
		blocks[i].initial = blocks[i].class
	}
	// Nearest classes before and after each block, ignoring short blocks
	// and repeated headlines or headings (they say nothing of their
	// place), and ignoring near-good ones too in the "Far" arrays; the
	// page's edges count as bad. One pass each way keeps this linear.
	n := len(blocks)
	prevNear, prevFar := make([]blockClass, n), make([]blockClass, n)
	nextNear, nextFar := make([]blockClass, n), make([]blockClass, n)
	transparent := func(j int) bool {
		return blocks[j].repeat || blocks[j].heading || initial[j] == classShort
	}
	near, far := classBad, classBad
	for i := 0; i < n; i++ {
		prevNear[i], prevFar[i] = near, far
		if !transparent(i) {
			near = initial[i]
			if initial[i] != classNearGood {
				far = initial[i]
			}
		}
	}
	near, far = classBad, classBad
	for i := n - 1; i >= 0; i-- {
		nextNear[i], nextFar[i] = near, far
		if !transparent(i) {
			near = initial[i]
			if initial[i] != classNearGood {
				far = initial[i]
			}
		}
	}
	for i := range blocks {
		if initial[i] != classShort {
			continue
		}
		prev, next := prevFar[i], nextFar[i]
		switch {
		case prev == classGood && next == classGood:
			blocks[i].class = classGood
		case prev == classBad && next == classBad:
			blocks[i].class = classBad
		case prev == classBad && prevNear[i] == classNearGood,
			next == classBad && nextNear[i] == classNearGood:
			blocks[i].class = classGood
		case isProseSentence(&blocks[i]) && (i > 0 && initial[i-1] >= classNearGood || i+1 < len(blocks) && initial[i+1] >= classNearGood):
			// The first or last short paragraph of the article, next to it.
			blocks[i].class = classGood
		default:
			blocks[i].class = classBad
		}
	}
	for i := range blocks {
		if initial[i] != classNearGood {
			continue
		}
		if prevFar[i] == classBad && nextFar[i] == classBad {
			blocks[i].class = classBad
		} else {
			blocks[i].class = classGood
		}
	}
}

// keepArticleSpans returns which blocks are kept: the good blocks of the
// span with the most good text, of the spans that share its words, and the
// headings right before a kept block.
func keepArticleSpans(blocks []block) []bool {
	type span struct{ first, last, chars int }
	var spans []span
	gap := 0
	for i, b := range blocks {
		if b.class != classGood {
			if !b.repeat || b.f.words < 3 {
				gap++ // a repeated headline is a teaser's, not a gap
			}
			continue
		}
		if len(spans) == 0 || gap > maxSpanGap {
			spans = append(spans, span{first: i, last: i})
		}
		s := &spans[len(spans)-1]
		s.last = i
		s.chars += b.f.chars
		gap = 0
	}
	keep := make([]bool, len(blocks))
	if len(spans) == 0 {
		// A page of a few short sentences has no good block: keep its
		// sentences that nothing marked as furniture.
		for i, b := range blocks {
			keep[i] = b.initial > classBad && b.f.endsSent
		}
		return keep
	}
	main := 0
	for i, s := range spans {
		if s.chars > spans[main].chars {
			main = i
		}
	}
	vocab := map[string]bool{}
	for i := spans[main].first; i <= spans[main].last; i++ {
		if blocks[i].class == classGood {
			for _, w := range contentWords(blocks[i].text) {
				vocab[w] = true
			}
		}
	}
	for si, s := range spans {
		if si != main && topicOverlap(blocks[s.first:s.last+1], vocab) < minTopicOverlap {
			continue
		}
		for i := s.first; i <= s.last; i++ {
			if blocks[i].class == classGood {
				keep[i] = true
			}
		}
	}
	// A heading is kept between article paragraphs: right before a kept
	// block and after another; above the first paragraph it is a kicker
	// or a byline.
	keptBefore := false
	for i := 0; i+1 < len(blocks); i++ {
		if blocks[i].heading && keptBefore && keep[i+1] && !blocks[i+1].heading {
			keep[i] = true
		}
		keptBefore = keptBefore || keep[i]
	}
	return keep
}

// topicOverlap returns the share of the content words of the good blocks
// that vocab holds, counting each use: an article's continuation repeats
// the article's names, a sidebar's story has names of its own.
func topicOverlap(blocks []block, vocab map[string]bool) float64 {
	all, in := 0, 0
	for _, b := range blocks {
		if b.class != classGood {
			continue
		}
		for _, w := range contentWords(b.text) {
			all++
			if vocab[w] {
				in++
			}
		}
	}
	if all == 0 {
		return 0
	}
	return float64(in) / float64(all)
}

// contentWords returns the words of text that carry its topic: not
// stopwords, four letters or more, lowered and cut to five letters so that
// "alliance's" and "alliance", "ОДКБ" and its case forms meet.
func contentWords(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), notLetter) {
		if utf8.RuneCountInString(w) < 4 || stopwords[w] {
			continue
		}
		if r := []rune(w); len(r) > 5 {
			w = string(r[:5])
		}
		out = append(out, w)
	}
	return out
}
