package retrieval

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/lexicon"
)

// hasMissingName reports a question that names something (a capitalised
// word, a number) no article mentions.
func hasMissingName(units []queryUnit) bool {
	for _, u := range units {
		if u.missing && u.name {
			return true
		}
	}
	return false
}

// candidate is one sentence of a candidate passage, scored.
type candidate struct {
	passage          int // index into idx.passages
	sentence         int // index into the passage's Sentences
	score            float64
	passageCoverage  float64
	sentenceCoverage float64
	// The coverages, lifted in a passage of the other language (see liftedCoverage):
	// what decides whether the articles cover the question at all.
	passageCovered, sentenceCovered float64
	matched                         []float64 // per unit: how well it matches, 0 to 1
	fused                           float64
	entitiesOK                      bool // the passage names every specific entity asked about
	holdsKind                       bool // the sentence holds the kind of answer asked for, where one is required
	withNext                        bool // the next sentence holds it (a reason) and is quoted too
	withNextPassage                 bool // that next sentence opens the next passage
	saysWhat                        bool // the sentence matches more than the names asked about
}

// rankWeight weighs a passage's fused rank in its sentences' scores.
const rankWeight = 3

// kindRequired are the question kinds whose answer must hold that kind of
// thing: a "when" answer without a date or a "how many" answer without a
// count does not answer at all, however well its words match.
var kindRequired = map[questionKind]bool{askWhen: true, askHowMany: true, askSaid: true, askWhy: true, askLeader: true, askMeasure: true, askName: true}

// selectSentences scores every sentence of the ranked passages and returns
// them best first. A sentence scores the share of the question it matches,
// plus part of what its passage matches (context), plus a bonus when it holds
// the kind of thing the question asks for, plus a little of the passage's
// fused rank. qtoks are the question's tokens (index.tokenize).
func selectSentences(idx *index, units []queryUnit, ranked []fused, kind questionKind, question string, qtoks []token, lex *lexicon.Lexicon) []candidate {
	isWord := englishWords(lex)
	total := totalWeight(units)
	if total == 0 || len(ranked) == 0 {
		return nil
	}
	queryWords := map[string]bool{}
	for _, t := range qtoks {
		queryWords[t.stem] = true
	}
	cyrillicQuestion := mostlyCyrillic(qtoks)
	future := asksAboutFuture(qtoks)
	datedQuestion := false // the question names a year or month
	for _, u := range units {
		datedQuestion = datedQuestion || u.year || u.month > 0
	}
	sentences := 0
	for _, r := range ranked {
		sentences += len(idx.passages[r.doc].Sentences)
	}
	out := make([]candidate, 0, sentences)
	mt := newUnitMatcher(units, 2*len(ranked))
	wantsDay := kind == askWhen && asksForDay(question)
	q := &questionView{idx: idx, kind: kind, units: units, queryWords: queryWords, isWord: isWord, mt: mt, wantsDay: wantsDay,
		marks: marksWanted(kind, wantsDay, future)}
	questionYear := ""
	for _, u := range units {
		if isYear(u.surface) {
			questionYear = max(questionYear, u.surface)
		}
	}
	scoped := idx.hasScope()
	for _, r := range ranked {
		p := idx.passages[r.doc]
		if scoped && !idx.inScope(p.ArticleID) {
			// The bot answers about the CSTO: a page that never names
			// it, its treaty or its council (a sports report in a
			// feed) is not quoted, however much of it there is.
			continue
		}
		if questionYear != "" && !future && len(p.Published) >= 4 && p.Published[:4] < questionYear {
			// An article published before the year asked about cannot
			// report what happened in it.
			continue
		}
		a := idx.analyzed[r.doc]
		pm := contextMatches(idx, r.doc, units, mt)
		pc := coverage(pm, units, total)
		crossLanguage := mostlyCyrillic(a.tokens) != cyrillicQuestion
		pcLifted := pc
		if crossLanguage {
			pcLifted = liftedCoverage(pm, units, total)
		}
		entitiesOK := (namesEntities(pm, units) || articleNamesEntities(idx, r.doc, units, pm)) &&
			mentionsTopics(idx, r.doc, units)
		for si, s := range p.Sentences {
			sm := mt.match(a, s.Start, s.End)
			// "On Thursday" is the article's date; a sentence that
			// names the date itself still matches it better.
			if datedQuestion && !namesOwnYear(a, s.Start, s.End) {
				dateMatches(p.Published, units, sm, sentenceDateStrength)
			}
			if opensWithPronoun(a, s.Start, s.End) {
				// "He previously served as …": he is the one the
				// passage names; he is no country, place or
				// organisation the glossary knows. (A dictionary word
				// is no sign: WordNet has Putin.)
				personal := opensWithEnglishPronoun(a, s.Start, s.End)
				for i, u := range units {
					if personal && u.impersonal() {
						continue
					}
					if u.proper && u.month == 0 && !u.year { // a pronoun stands for no month
						sm[i] = max(sm[i], pm[i])
					}
				}
			}
			sc := coverage(sm, units, total)
			if sc == 0 {
				mt.release(sm)
				continue
			}
			scLifted := sc
			if crossLanguage {
				scLifted = liftedCoverage(sm, units, total)
			}
			text := p.Text[s.Start:s.End]
			marks := idx.marksOf(r.doc, si, q.marks)
			bonus := kindBonus(kind, text, marks, a, s, queryWords, units, isWord)
			if wantsDay && marks&markDay == 0 {
				bonus = 0 // "in 2024" does not say on what date
			}
			withNext, withNextPassage := false, false
			if bonus == 0 && kindRequired[kind] {
				// What a sentence restates, it restates in its
				// paragraph: "the host" is the host of the summit the
				// sentence before placed in Yerevan.
				bonus, withNext, withNextPassage = q.nextSentenceBonus(r.doc, si, max(scLifted, (scLifted+pcLifted)/2))
			}
			score := sc + 0.35*pc + bonus + rankWeight*r.score - lengthPenalty(a, s) +
				answerTypeBonus(a, s, units, queryWords)
			if questionYear != "" && namesOnlyOtherYears(a, s.Start, s.End, units) {
				// "In 2022 …" does not tell what happened in 2009.
				score -= otherYearPenalty
			}
			if mostlyCyrillic(tokensIn(a, s)) == cyrillicQuestion {
				score += sameLanguageBonus
			}
			out = append(out, candidate{passage: r.doc, sentence: si, score: score, passageCoverage: pc,
				sentenceCoverage: sc, passageCovered: pcLifted, sentenceCovered: scLifted, matched: sm, fused: r.score, entitiesOK: entitiesOK,
				holdsKind: (bonus > 0 || !kindRequired[kind]) && (!future || marks&markFuture != 0),
				withNext:  withNext, withNextPassage: withNextPassage, saysWhat: saysWhat(sm, units, kind == askWhatIs)})
		}
	}
	requireAsked(out, units)
	// Without reflection: candidates are large, and sort.SliceStable
	// swaps them through an interface.
	slices.SortStableFunc(out, func(a, b candidate) int {
		switch {
		case a.entitiesOK != b.entitiesOK:
			return firstIf(a.entitiesOK)
		case a.holdsKind != b.holdsKind:
			return firstIf(a.holdsKind)
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	return out
}

// requireAsked takes the kind of answer from the candidates whose sentence
// does not say the thing the question asks for (queryUnit.asked), when
// some candidate's sentence does: "What was the scenario of the drills?"
// is not answered by where they were held when a sentence tells a
// scenario, while "What was the role of Russia?" is answered by what
// Russia did, since no sentence speaks of a role.
func requireAsked(out []candidate, units []queryUnit) {
	for i, u := range units {
		if !u.asked {
			continue
		}
		said := false
		for _, c := range out {
			said = said || c.matched[i] > 0
		}
		if !said {
			continue
		}
		for j := range out {
			if out[j].matched[i] == 0 {
				out[j].holdsKind = false
			}
		}
	}
}

// firstIf orders a before b when first holds, else after.
func firstIf(first bool) int {
	if first {
		return -1
	}
	return 1
}

// saysWhat reports whether sentence matches m hold a word of what the
// question asks about the things it names: "Is Uzbekistan considering a
// return?" is not answered by a sentence that only names Uzbekistan. A
// question that only names things ("Who is Zas?") needs nothing more.
// When namesAreThings (a "what is the X of Y" question), a capitalised
// name the glossary does not know counts as a thing named too: "What is
// the capital of France?" is not answered by a sentence naming France.
func saysWhat(m []float64, units []queryUnit, namesAreThings bool) bool {
	asks, says := false, false
	for i, u := range units {
		if u.entity || u.weight == 0 || u.namesMeasure() || namesAreThings && u.proper {
			continue
		}
		// What a question asks is in its words most passages lack; a
		// common word ("said") may still be what the sentence says of
		// the things named, but the name of a thing most passages name
		// (the CSTO) is not.
		asks = asks || !u.common
		says = says || m[i] > 0 && !(u.common && u.namesThing())
	}
	return says || !asks
}

// namesMeasure reports whether the unit names the measure asked for ("how
// much did it cost"): a sentence with a price says nothing of what cost it.
func (u *queryUnit) namesMeasure() bool {
	for _, k := range u.alts {
		if w, ok := strings.CutPrefix(k, "w:"); ok && measureWords[w] != "" {
			return true
		}
	}
	return false
}

// namesThing reports whether the unit is the name of a country, person,
// organisation or place, however common: "the CSTO" names what a question
// is about, not what it asks.
func (u *queryUnit) namesThing() bool {
	for _, k := range u.alts {
		if t, ok := strings.CutPrefix(k, "c:"); ok && (entityTypes[conceptType(t)] || conceptType(t) == "place") {
			return true
		}
	}
	return false
}

// speaksOfQuestion is speaksOfQuestion of sentence s of a, for the
// question's kind.
func (q *questionView) speaksOfQuestion(a analyzed, s corpus.Span) bool {
	m := q.mt.match(a, s.Start, s.End)
	defer q.mt.release(m)
	return speaksOfQuestion(m, q.units, q.kind == askLeader)
}

// speaksOfQuestion reports whether matches m hold a word of the question;
// with notNames, a word other than the names it asks about: the one who
// heads something must be named with the office asked for ("president"),
// not only with the country ("Erik Armiur, the Belarusian minister").
func speaksOfQuestion(m []float64, units []queryUnit, notNames bool) bool {
	for i, u := range units {
		if m[i] > 0 && u.weight > 0 && !(notNames && (u.entity || u.namesThing())) {
			return true
		}
	}
	return false
}

// questionView is what reading a sentence for a question needs of the
// question.
type questionView struct {
	idx        *index
	kind       questionKind
	units      []queryUnit
	queryWords map[string]bool
	isWord     func(string) bool
	mt         *unitMatcher
	wantsDay   bool          // "on what date": a year does not answer
	marks      sentenceMarks // the marks the question reads (marksWanted)
}

// nextSentenceBonus is the kind bonus a sentence takes from the sentence
// after it, for a question whose kind the sentence itself does not hold
// (its lifted coverage is covered), and whether that next sentence, or the
// first of the next paragraph, is quoted too.
//
// "Armenia refused. The reason, it said, was …": a reason may follow the
// sentence it explains, and may share no word with the question; so may a
// length in kilometres. A person, a date or a count must be of what the
// question asks ("The summit met on Thursday. Tokayev chaired it.", not
// "Arkoson, the Chilean minister" after "the Tajik president"), unless the
// sentence restates a "when" question ("The withdrawal is complete. On 19
// January the last …"). When a sentence restates a "why" question, what
// someone is reported to say next is the article's account of why, with or
// without a "because", also at the start of the next paragraph.
func (q *questionView) nextSentenceBonus(doc, si int, covered float64) (bonus float64, withNext, withNextPassage bool) {
	p, a := q.idx.passages[doc], q.idx.analyzed[doc]
	restated := covered >= restatedCoverage
	if si+1 == len(p.Sentences) {
		if q.kind == askWhy && restated {
			if np, na, next, ok := nextSentence(q.idx, doc, si); ok && speechBonus(na, next, np.Text[next.Start:next.End]) > 0 {
				return 0.01, true, true
			}
		}
		return 0, false, false
	}
	next := p.Sentences[si+1]
	text := p.Text[next.Start:next.End]
	marks := q.idx.marksOf(doc, si+1, q.marks)
	nb := kindBonus(q.kind, text, marks, a, next, q.queryWords, q.units, q.isWord)
	if q.wantsDay && marks&markDay == 0 {
		nb = 0
	}
	if nb > 0 && (q.kind == askWhy || q.kind == askMeasure || q.kind == askWhen && restated ||
		q.speaksOfQuestion(a, next)) {
		return nb / 2, true, false
	}
	if q.kind == askWhy && restated && speechBonus(a, next, text) > 0 {
		return 0.01, true, false
	}
	return 0, false, false
}

// nextSentence returns the sentence after sentence si of passage doc: the
// passage's next one, or the first of the article's next passage when si
// is its last.
func nextSentence(idx *index, doc, si int) (corpus.Passage, analyzed, corpus.Span, bool) {
	p := idx.passages[doc]
	if si+1 < len(p.Sentences) {
		return p, idx.analyzed[doc], p.Sentences[si+1], true
	}
	if doc+1 >= len(idx.passages) {
		return corpus.Passage{}, analyzed{}, corpus.Span{}, false
	}
	np := idx.passages[doc+1]
	if np.ArticleID != p.ArticleID || len(np.Sentences) == 0 {
		return corpus.Passage{}, analyzed{}, corpus.Span{}, false
	}
	return np, idx.analyzed[doc+1], np.Sentences[0], true
}

// restatedCoverage is how much of a question a sentence must restate for
// the sentence after it to be taken as its reason or its date.
const restatedCoverage = 0.8

// englishWords returns lex.IsEnglishWord remembered for one question: the
// same capitalised words come back in many of its candidate sentences.
// Without a lexicon no word is known.
func englishWords(lex *lexicon.Lexicon) func(string) bool {
	known := map[string]bool{}
	return func(w string) bool {
		if lex == nil {
			return false
		}
		v, ok := known[w]
		if !ok {
			v = lex.IsEnglishWord(w)
			known[w] = v
		}
		return v
	}
}

// sentenceDateStrength is how much a sentence matches a year or month the
// question names by its article's publication date alone.
const sentenceDateStrength = 0.8

// contextMatches returns how well each unit matches passage d in its
// context: the passage itself and the passages before it in the same
// paragraph (a long paragraph is cut into several passages of one thought);
// for names, the passage before the paragraph ("He noted that …" follows
// the paragraph that names him); for glossary entities, the article's title
// ("the special operation" of an article headlined about Ukraine) and its
// topic (coref.go); and for a year or month, the article's date.
func contextMatches(idx *index, d int, units []queryUnit, mt *unitMatcher) []float64 {
	p := idx.passages[d]
	m := mt.match(idx.analyzed[d], 0, len(p.Text))
	if title, ok := idx.titles[p.ArticleID]; ok {
		inTitle := mt.match(title, 0, len(p.Title))
		for i, u := range units {
			if u.entity {
				m[i] = max(m[i], inTitle[i])
			}
		}
		mt.release(inTitle)
	}
	for k := d - 1; k >= 0 && idx.passages[k].ArticleID == p.ArticleID; k-- {
		prev := mt.match(idx.analyzed[k], 0, len(idx.passages[k].Text))
		if idx.passages[k].Paragraph == p.Paragraph {
			orMatches(m, prev)
			mt.release(prev)
			continue
		}
		for i, u := range units {
			if u.entity || u.proper {
				m[i] = max(m[i], prev[i])
			}
		}
		mt.release(prev)
		break
	}
	topicMatches(idx, d, units, m)
	dateMatches(p.Published, units, m, 1)
	return m
}

// namesEntities reports whether a passage whose context matches m mentions
// every specific entity of the question. A passage about NATO's secretary
// general does not answer a question about the CSTO's.
func namesEntities(m []float64, units []queryUnit) bool {
	for i, u := range units {
		if u.entity && m[i] == 0 {
			return false
		}
	}
	return true
}

// unitMatcher matches a question's units by index term: each term's units
// and how strongly it matches each (see queryUnit.strength), looked up once
// per token instead of comparing every term of every unit.
type unitMatcher struct {
	n     int
	byKey map[string][]keyStrength
	// seen has bits for the length, last and middle byte of each key of
	// byKey: most of a passage's terms miss it, and skip hashing a string.
	seen keyFilter
	// hits are the matches of each text matched so far, by its first
	// token, as a span of allHits: a passage is matched whole, sentence by
	// sentence and as the context of the passages after it, but its terms
	// are looked up once.
	hits    map[*token]corpus.Span
	allHits []tokenHit
	// scores is where match takes its results from, a chunk at a time,
	// up to used; release gives the last results back.
	scores []float64
	used   int
}

// tokenHit is a token of a text that matches a unit, and how strongly.
type tokenHit struct {
	token, unit int32
	strength    float64
}

// keyFilter is a set of (length mod 64, last byte) and (length mod 64,
// middle byte) pairs of strings: a string is held only if both its pairs
// are. A passage's terms and a question's share their first bytes ("w:")
// and often their last; with the middle byte the filter lets through
// about half as many terms that the question lacks.
type keyFilter struct {
	last, middle [64][4]uint64
}

func (f *keyFilter) add(k string) {
	if k != "" {
		b, c := k[len(k)-1], k[len(k)/2]
		f.last[len(k)&63][b>>6] |= 1 << (b & 63)
		f.middle[len(k)&63][c>>6] |= 1 << (c & 63)
	}
}

// mayHold reports whether a string added to f could be k.
func (f *keyFilter) mayHold(k string) bool {
	if k == "" {
		return true
	}
	b, c := k[len(k)-1], k[len(k)/2]
	return f.last[len(k)&63][b>>6]&(1<<(b&63)) != 0 && f.middle[len(k)&63][c>>6]&(1<<(c&63)) != 0
}

// keyStrength is one unit an index term matches, and how strongly.
type keyStrength struct {
	unit     int
	strength float64
}

// newUnitMatcher indexes units by the terms that match them, for matching
// about texts texts (passages, their titles and the passages before them):
// growing the map of their hits was a third of looking their terms up.
func newUnitMatcher(units []queryUnit, texts int) *unitMatcher {
	mt := &unitMatcher{n: len(units), byKey: map[string][]keyStrength{}, hits: make(map[*token]corpus.Span, texts), allHits: make([]tokenHit, 0, 256)}
	add := func(k string, ui int, w float64) {
		list := mt.byKey[k]
		for j := range list {
			if list[j].unit == ui {
				list[j].strength = max(list[j].strength, w)
				return
			}
		}
		mt.byKey[k] = append(list, keyStrength{ui, w})
		mt.seen.add(k)
	}
	for ui, u := range units {
		for _, k := range u.alts {
			add(k, ui, 1)
		}
		for _, r := range u.related {
			add(r.key, ui, r.weight)
		}
	}
	return mt
}

// match reports how well each unit matches the tokens of a that lie in the
// byte range [start, end): 1 where one has a term of the unit, the weight
// of the best related term where only such a term is there, else 0.
func (mt *unitMatcher) match(a analyzed, start, end int) []float64 {
	if mt.used+mt.n > len(mt.scores) {
		mt.scores, mt.used = make([]float64, 64*mt.n), 0
	}
	m := mt.scores[mt.used : mt.used+mt.n : mt.used+mt.n]
	mt.used += mt.n
	lo, hi := tokenRange(a, corpus.Span{Start: start, End: end})
	if lo == hi {
		return m
	}
	hits := mt.hitsOf(a)
	for i := sort.Search(len(hits), func(i int) bool { return int(hits[i].token) >= lo }); i < len(hits) && int(hits[i].token) < hi; i++ {
		h := hits[i]
		m[h.unit] = max(m[h.unit], h.strength)
	}
	return m
}

// release gives back m, the results of the last match not yet released,
// for the next match to reuse: most texts matched are a sentence matching
// nothing, or context merged into its passage's matches, and the
// allocation of their results was a tenth of a question's.
func (mt *unitMatcher) release(m []float64) {
	if mt.n > 0 && mt.used >= mt.n && &mt.scores[mt.used-mt.n] == &m[0] {
		clear(m)
		mt.used -= mt.n
	}
}

// hitsOf returns the tokens of a, which has tokens, that match a unit, in
// order, looked up the first time a is matched.
func (mt *unitMatcher) hitsOf(a analyzed) []tokenHit {
	if s, ok := mt.hits[&a.tokens[0]]; ok {
		return mt.allHits[s.Start:s.End]
	}
	start := len(mt.allHits)
	for i, keys := range a.keys {
		for _, k := range keys {
			if !mt.seen.mayHold(k) {
				continue
			}
			for _, ks := range mt.byKey[k] {
				mt.allHits = append(mt.allHits, tokenHit{int32(i), int32(ks.unit), ks.strength})
			}
		}
	}
	mt.hits[&a.tokens[0]] = corpus.Span{Start: start, End: len(mt.allHits)}
	return mt.allHits[start:]
}

// containsKey reports whether keys holds k.
func containsKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

// coverage is the share of the question's weight that matched covers.
func coverage(matched []float64, units []queryUnit, total float64) float64 {
	w := 0.0
	for i, m := range matched {
		w += m * units[i].weight
	}
	return w / total
}

// matchLift scales a partial match up for deciding whether a passage in the
// other language covers the question: there every word is met through its
// translation (about 0.6 of a match; 0.7 was chosen on the tune set), which ranks it below the same words
// in the question's language but says as much about what the passage
// covers. Without it a Russian question is rarely covered by an English
// article.
const matchLift = 1 / 0.7

// liftedCoverage is coverage with each partial match scaled by matchLift,
// up to a full match.
func liftedCoverage(matched []float64, units []queryUnit, total float64) float64 {
	w := 0.0
	for i, m := range matched {
		w += min(1, m*matchLift) * units[i].weight
	}
	return w / total
}

// totalWeight is the weight of all units of a question.
func totalWeight(units []queryUnit) float64 {
	w := 0.0
	for _, u := range units {
		w += u.weight
	}
	return w
}

// lengthPenalty prefers, among sentences that match alike, the one that says
// it in fewer words: every word past 25 costs a little.
func lengthPenalty(a analyzed, s corpus.Span) float64 {
	return 0.002 * math.Max(0, float64(len(tokensIn(a, s))-25))
}

// tokensIn returns the tokens of a inside span s.
func tokensIn(a analyzed, s corpus.Span) []token {
	lo, hi := tokenRange(a, s)
	return a.tokens[lo:hi]
}

// tokenRange returns the indexes [lo, hi) of the tokens of a inside span s:
// the tokens are in text order and do not overlap, so those inside s are
// one run, found without copying.
func tokenRange(a analyzed, s corpus.Span) (lo, hi int) {
	// Two binary searches (sort.Search written out): a sentence's tokens
	// are looked for several times as it is scored, and a passage's,
	// matched whole as context, are many. Their ends rise as their
	// starts do.
	lo, hi = 0, len(a.tokens)
	for lo < hi {
		if m := int(uint(lo+hi) >> 1); a.tokens[m].start < s.Start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	hi = lo
	for j := len(a.tokens); hi < j; {
		if m := int(uint(hi+j) >> 1); a.tokens[m].end <= s.End {
			hi = m + 1
		} else {
			j = m
		}
	}
	return lo, hi
}

// mostlyCyrillic reports whether most words are in Cyrillic script.
func mostlyCyrillic(toks []token) bool {
	n := 0
	for _, t := range toks {
		if t.cyrillic {
			n++
		}
	}
	return n*2 > len(toks)
}

// orMatches raises each of m to other's match where that is higher.
func orMatches(m, other []float64) {
	for i := range m {
		m[i] = max(m[i], other[i])
	}
}

// matchesAnyUnit reports whether index terms keys match any unit at all.
func matchesAnyUnit(keys []string, units []queryUnit) bool {
	for i := range units {
		if units[i].strength(keys) > 0 {
			return true
		}
	}
	return false
}
