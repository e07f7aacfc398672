package retrieval

import (
	"context"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alliancebot/alliancebot/corpus"
)

// Messages for questions that get no answer. The bot shows its own localised
// texts; these are for the command line and JSON.
const (
	msgEmpty      = "Please ask a question about the CSTO."
	msgTooLong    = "The question is too long: please keep it under 1000 characters."
	msgNotCovered = "The articles do not cover this question."
	msgNoIndex    = "No articles are loaded yet."
)

// Answer selection constants.
const (
	// sameLanguageBonus prefers, among sentences that match alike, one in
	// the question's language.
	sameLanguageBonus = 0.08
	// minAddedShare is the share of the question a second sentence must
	// add to be quoted too.
	minAddedShare = 0.2
	// minCoverage is the share of a question's weight that the best passage
	// must match for the question to count as covered by the articles.
	minCoverage = 0.5
	// minSentenceCoverage is the share the answer sentence itself must
	// match: context may help, but the quoted words must carry the answer.
	minSentenceCoverage = 0.35
	// candidatePassages is how many fused passages sentence selection reads.
	candidatePassages = 64
	// rankDepth is how deep each ranking goes before fusion.
	rankDepth = 64
	// maxSnippetBytes bounds a citation's snippet.
	maxSnippetBytes = 400
	// maxCitations bounds Options.Citations.
	maxCitations = 5
)

// Answer answers a question with up to three citations.
func (e *Engine) Answer(ctx context.Context, question string) Answer {
	return e.AnswerWith(ctx, question, Options{})
}

// AnswerWith answers a question. It never fails: a question it cannot answer
// gets Found false, a Refusal and a message in Text.
func (e *Engine) AnswerWith(ctx context.Context, question string, o Options) Answer {
	question = strings.TrimSpace(question)
	res := Answer{Question: question, Citations: []Citation{}}
	refuse := func(r Refusal, msg string) Answer {
		res.Refusal, res.Text = r, msg
		return res
	}
	switch {
	case question == "":
		return refuse(RefusedEmpty, msgEmpty)
	case utf8.RuneCountInString(question) > MaxQuestionRunes:
		return refuse(RefusedTooLong, msgTooLong)
	}
	idx := e.idx.Load()
	if idx == nil {
		return refuse(RefusedNoIndex, msgNoIndex)
	}
	kind := classifyQuestion(question)
	units := e.parseQuestion(idx, question, kind)
	kind, units = e.settleKind(idx, question, kind, units)
	if len(units) == 0 || hasMissingName(units) {
		return refuse(RefusedNotCovered, msgNotCovered)
	}
	ranked := fuseRanks(e.vectorRank(ctx, idx, question, rankDepth), idx.lexical.rank(units, rankDepth))
	if len(ranked) > candidatePassages {
		ranked = ranked[:candidatePassages]
	}
	best := selectSentences(idx, units, ranked, kind, question)
	if len(best) == 0 || best[0].passageCoverage < minCoverage || best[0].sentenceCoverage < minSentenceCoverage ||
		!best[0].entitiesOK || !best[0].holdsKind {
		return refuse(RefusedNotCovered, msgNotCovered)
	}
	n := o.Citations
	if n <= 0 {
		n = 3
	}
	n = min(n, maxCitations)
	res.Found = true
	res.Text = composeAnswer(idx, best, units)
	res.Marks = markMatches(res.Text, units, e.glossary)
	for _, c := range citePassages(idx, best, n) {
		c.N = len(res.Citations) + 1
		c.Marks = markMatches(c.Snippet, units, e.glossary)
		res.Citations = append(res.Citations, c)
	}
	return res
}

// vectorRank returns the passages nearest to the question in the chromem-go
// collection. A failing embedder only costs the vector half of the ranking:
// it is logged and the lexical ranking still answers.
func (e *Engine) vectorRank(ctx context.Context, idx *index, question string, n int) []int {
	var q []float32
	if w, ok := e.embedder.(weightedQueryEmbedder); ok {
		q = w.embedWeightedQuery(question, func(k string) float64 {
			if idx.lexical.df[k] == 0 {
				return 0
			}
			return idx.lexical.idf(k)
		})
	} else {
		var err error
		if q, err = e.embedder.EmbedQuery(ctx, question); err != nil {
			e.log.Warn("question not embedded; answering from the lexical ranking", "embedder", e.embedder.ID(), "err", err)
			return nil
		}
	}
	if isZero(q) {
		return nil
	}
	res, err := idx.collection.QueryEmbedding(ctx, q, min(n, idx.collection.Count()), nil, nil)
	if err != nil {
		e.log.Warn("vector query failed", "err", err)
		return nil
	}
	out := make([]int, 0, len(res))
	for _, r := range res {
		if r.Similarity > 0 {
			out = append(out, idx.byID[r.ID])
		}
	}
	return out
}

func isZero(v []float32) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

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
	matched          []bool // per unit
	fused            float64
	entitiesOK       bool // the passage names every specific entity asked about
	holdsKind        bool // the sentence holds the kind of answer asked for, where one is required
}

// kindRequired are the question kinds whose answer must hold that kind of
// thing: a "when" answer without a date or a "how many" answer without a
// count does not answer at all, however well its words match.
var kindRequired = map[questionKind]bool{askWhen: true, askHowMany: true}

// selectSentences scores every sentence of the ranked passages and returns
// them best first. A sentence scores the share of the question it matches,
// plus part of what its passage matches (context), plus a bonus when it holds
// the kind of thing the question asks for, plus a little of the passage's
// fused rank.
func selectSentences(idx *index, units []queryUnit, ranked []fused, kind questionKind, question string) []candidate {
	total := totalWeight(units)
	if total == 0 || len(ranked) == 0 {
		return nil
	}
	queryWords := map[string]bool{}
	qtoks := tokenize(question)
	for _, t := range qtoks {
		queryWords[t.stem] = true
	}
	cyrillicQuestion := mostlyCyrillic(qtoks)
	var out []candidate
	for _, r := range ranked {
		p := idx.passages[r.doc]
		a := idx.analyzed[r.doc]
		pm := contextMatches(idx, r.doc, units)
		pc := coverage(pm, units, total)
		entitiesOK := namesEntities(pm, units)
		for si, s := range p.Sentences {
			sm := matchUnits(a, units, s.Start, s.End)
			sc := coverage(sm, units, total)
			if sc == 0 {
				continue
			}
			text := p.Text[s.Start:s.End]
			bonus := kindBonus(kind, text, a, s, queryWords, units)
			score := sc + 0.35*pc + bonus + 3*r.score - lengthPenalty(a, s) +
				answerTypeBonus(a, s, units, queryWords)
			if mostlyCyrillic(tokensIn(a, s)) == cyrillicQuestion {
				score += sameLanguageBonus
			}
			out = append(out, candidate{passage: r.doc, sentence: si, score: score, passageCoverage: pc,
				sentenceCoverage: sc, matched: sm, fused: r.score, entitiesOK: entitiesOK,
				holdsKind: bonus > 0 || !kindRequired[kind]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].entitiesOK != out[j].entitiesOK {
			return out[i].entitiesOK
		}
		if out[i].holdsKind != out[j].holdsKind {
			return out[i].holdsKind
		}
		return out[i].score > out[j].score
	})
	return out
}

// contextMatches reports which units passage d matches in its context: the
// passage itself and the passages before it in the same paragraph (a long
// paragraph is cut into several passages of one thought), and, for named
// entities only, the passage before the paragraph ("He noted that …"
// follows the paragraph that names him).
func contextMatches(idx *index, d int, units []queryUnit) []bool {
	p := idx.passages[d]
	m := matchUnits(idx.analyzed[d], units, 0, len(p.Text))
	for k := d - 1; k >= 0 && idx.passages[k].ArticleID == p.ArticleID; k-- {
		prev := matchUnits(idx.analyzed[k], units, 0, len(idx.passages[k].Text))
		if idx.passages[k].Paragraph == p.Paragraph {
			orMatches(m, prev)
			continue
		}
		for i, u := range units {
			m[i] = m[i] || prev[i] && u.entity
		}
		break
	}
	return m
}

// namesEntities reports whether a passage whose context matches m mentions
// every specific entity of the question. A passage about NATO's secretary
// general does not answer a question about the CSTO's.
func namesEntities(m []bool, units []queryUnit) bool {
	for i, u := range units {
		if u.entity && !m[i] {
			return false
		}
	}
	return true
}

// matchUnits reports which units have a term among the tokens of a that lie
// in the byte range [start, end).
func matchUnits(a analyzed, units []queryUnit, start, end int) []bool {
	m := make([]bool, len(units))
	for i, t := range a.tokens {
		if t.start < start || t.end > end {
			continue
		}
		for ui, u := range units {
			if m[ui] {
				continue
			}
			for _, k := range a.keys[i] {
				if containsKey(u.alts, k) {
					m[ui] = true
					break
				}
			}
		}
	}
	return m
}

func containsKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

func coverage(matched []bool, units []queryUnit, total float64) float64 {
	w := 0.0
	for i, ok := range matched {
		if ok {
			w += units[i].weight
		}
	}
	return w / total
}

var (
	datePattern  = regexp.MustCompile(`(?i)\b(1[89]\d\d|20\d\d)\b|\b(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|fall|winter|yesterday|today|tomorrow)\b|\b(this|last|next|that) (week|month|year)|\b(earlier|later) this\b|(январ|феврал|март|апрел|мая|май|июн|июл|август|сентябр|октябр|ноябр|декабр|весн|летом|осен|зим|понедельник|вторник|сред[уа]|четверг|пятниц|суббот|воскресень)`)
	acronymDef   = regexp.MustCompile(`\(([A-ZА-ЯЁ]{2,})\)`)
	definingVerb = regexp.MustCompile(`\b(is|are) (a|an)\b|является|представляет собой`)
)

// kindBonus rewards a sentence for holding what the question asks for: names
// for "who", dates for "when", numbers for "how many", places for "where", the
// spelled-out form of an abbreviation for "what does X stand for".
func kindBonus(kind questionKind, text string, a analyzed, s corpus.Span, queryWords map[string]bool, units []queryUnit) float64 {
	switch kind {
	case askWho:
		return math.Min(0.05*float64(countNames(a, s, queryWords)), 0.3)
	case askWhere:
		return math.Min(0.1*float64(countPlaces(a, s, queryWords)), 0.3)
	case askWhen:
		if datePattern.MatchString(text) {
			return 0.2
		}
	case askHowMany:
		return countBonus(a, s, units)
	case askDefinition:
		for _, m := range acronymDef.FindAllStringSubmatch(text, -1) {
			if queryWords[stemWord(strings.ToLower(m[1]), unicode.Is(unicode.Cyrillic, []rune(m[1])[0]))] {
				return 0.4
			}
		}
	case askWhatIs:
		return definitionBonus(a, s, text, units)
	case askRole:
		return roleBonus(a, s, units)
	}
	return 0
}

// composeAnswer quotes the best sentence, and a second one when it adds
// something the first lacks: the next sentence of the same passage when the
// first is short, or another sentence nearly as good that matches a part of
// the question the first does not.
func composeAnswer(idx *index, best []candidate, units []queryUnit) string {
	first := best[0]
	p := idx.passages[first.passage]
	s := p.Sentences[first.sentence]
	text := p.Text[s.Start:s.End]
	for _, c := range best[1:] {
		if c.score < 0.85*first.score {
			break
		}
		if addedWeight(c.matched, first.matched, units) < minAddedShare*totalWeight(units) {
			continue
		}
		cp := idx.passages[c.passage]
		cs := cp.Sentences[c.sentence]
		if c.passage == first.passage && c.sentence == first.sentence+1 {
			return p.Text[s.Start:cs.End]
		}
		if c.passage == first.passage && c.sentence == first.sentence-1 {
			return p.Text[cs.Start:s.End]
		}
		return text + " " + cp.Text[cs.Start:cs.End]
	}
	return text
}

// addedWeight is the weight of the units m matches and base does not.
func addedWeight(m, base []bool, units []queryUnit) float64 {
	w := 0.0
	for i := range m {
		if m[i] && !base[i] && !units[i].common {
			w += units[i].weight
		}
	}
	return w
}

func totalWeight(units []queryUnit) float64 {
	w := 0.0
	for _, u := range units {
		w += u.weight
	}
	return w
}

// citePassages returns up to n citations: the passage of the best sentence
// first, then the other passages in the order of their best sentence, as long
// as they cover enough of the question to be worth reading.
func citePassages(idx *index, best []candidate, n int) []Citation {
	var out []Citation
	seen := map[int]bool{}
	for _, c := range best {
		if len(out) == n {
			break
		}
		if seen[c.passage] || c.passageCoverage < minCoverage*0.6 {
			continue
		}
		seen[c.passage] = true
		p := idx.passages[c.passage]
		out = append(out, Citation{
			Doc: p.ArticleID, Title: p.Title, Source: p.Outlet, Published: p.Published,
			Snippet: snippetAround(p, c.sentence), Score: math.Round(c.score*1e4) / 1e4,
			PassageID: p.ID, Passage: p.Text, Paragraph: p.Paragraph,
		})
	}
	return out
}

// snippetAround returns the passage, or when it is longer than
// maxSnippetBytes the sentence si with as many neighbours as fit, marked with
// an ellipsis where text was left out.
func snippetAround(p corpus.Passage, si int) string {
	if len(p.Text) <= maxSnippetBytes {
		return p.Text
	}
	lo, hi := si, si
	for {
		grew := false
		if hi+1 < len(p.Sentences) && p.Sentences[hi+1].End-p.Sentences[lo].Start <= maxSnippetBytes {
			hi++
			grew = true
		}
		if lo > 0 && p.Sentences[hi].End-p.Sentences[lo-1].Start <= maxSnippetBytes {
			lo--
			grew = true
		}
		if !grew {
			break
		}
	}
	text := p.Text[p.Sentences[lo].Start:p.Sentences[hi].End]
	if lo > 0 {
		text = "… " + text
	}
	if hi < len(p.Sentences)-1 {
		text += " …"
	}
	return text
}

// markMatches returns the spans of the words of text that match a unit of the
// question.
func markMatches(text string, units []queryUnit, g *glossary) []Span {
	a := analyzeText(text, g)
	var out []Span
	for i, t := range a.tokens {
		for _, u := range units {
			if hasAny(a.keys[i], u.alts) {
				out = append(out, Span{Start: t.start, End: t.end})
				break
			}
		}
	}
	return out
}

func hasAny(keys, alts []string) bool {
	for _, k := range keys {
		if containsKey(alts, k) {
			return true
		}
	}
	return false
}

// countNames counts the names in sentence s of a that the question does not
// contain: runs of capitalised words (not the sentence's first word), where
// a run is broken by anything but a space, so "Armenia, Belarus" is two names
// and "Collective Security Treaty Organization" one.
func countNames(a analyzed, s corpus.Span, queryWords map[string]bool) int {
	n := 0
	inName, known := false, false
	prevEnd := -1
	flush := func() {
		if inName && !known {
			n++
		}
		inName, known = false, false
	}
	for _, t := range a.tokens {
		if t.start < s.Start || t.end > s.End {
			continue
		}
		isName := t.capital && t.start > s.Start && !t.stop
		if !isName || (inName && t.start != prevEnd+1) {
			flush()
		}
		if isName {
			inName = true
			known = known || queryWords[t.stem]
		}
		prevEnd = t.end
	}
	flush()
	return n
}

// countPlaces counts the distinct places and countries of the glossary that
// sentence s of a names and the question does not.
func countPlaces(a analyzed, s corpus.Span, queryWords map[string]bool) int {
	places := map[string]bool{}
	for i, t := range a.tokens {
		if t.start < s.Start || t.end > s.End || queryWords[t.stem] {
			continue
		}
		for _, k := range a.keys[i] {
			if strings.HasPrefix(k, "c:place.") || strings.HasPrefix(k, "c:country.") {
				places[k] = true
			}
		}
	}
	return len(places)
}

// lengthPenalty prefers, among sentences that match alike, the one that says
// it in fewer words: every word past 25 costs a little.
func lengthPenalty(a analyzed, s corpus.Span) float64 {
	return 0.002 * math.Max(0, float64(len(tokensIn(a, s))-25))
}

// answerTypeBonus rewards a sentence that names an entity of the kind the
// question asks for ("which country" → Kazakhstan) other than the ones the
// question names itself.
func answerTypeBonus(a analyzed, s corpus.Span, units []queryUnit, queryWords map[string]bool) float64 {
	for _, u := range units {
		if u.answerType == "" {
			continue
		}
		for i, t := range a.tokens {
			if t.start >= s.Start && t.end <= s.End && !queryWords[t.stem] && containsKey(a.keys[i], u.answerType) {
				return 0.25
			}
		}
	}
	return 0
}

// tokensIn returns the tokens of a inside span s.
func tokensIn(a analyzed, s corpus.Span) []token {
	var out []token
	for _, t := range a.tokens {
		if t.start >= s.Start && t.end <= s.End {
			out = append(out, t)
		}
	}
	return out
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

// numberWords are counts written out, in English and Russian.
var numberWords = setOf(`one two three four five six seven eight nine ten eleven twelve dozen dozens
hundreds thousands один одна два две три четыре пять шесть семь восемь девять десять`)

// countBonus rewards a sentence that puts a count right before a word of the
// question: "six member states" answers "how many member states".
func countBonus(a analyzed, s corpus.Span, units []queryUnit) float64 {
	toks := tokensIn(a, s)
	first := 0
	for first < len(a.tokens) && a.tokens[first].start < s.Start {
		first++
	}
	for i, t := range toks {
		if !isCount(t) {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+3; j++ {
			for _, u := range units {
				if hasAny(a.keys[first+j], u.alts) {
					return 0.3
				}
			}
		}
	}
	return 0
}

// isCount reports a cardinal number: digits that are not a year, or a
// number word.
func isCount(t token) bool {
	if numberWords[t.lower] {
		return true
	}
	return isNumber(t.lower) && len(t.lower) < 4
}

// orMatches sets m[i] where other[i] is set.
func orMatches(m, other []bool) {
	for i := range m {
		m[i] = m[i] || other[i]
	}
}

// roleBonus rewards a sentence that puts a role ("spokesman", "Secretary
// General", "head of Chechnya") right next to the person asked about.
func roleBonus(a analyzed, s corpus.Span, units []queryUnit) float64 {
	toks := tokensIn(a, s)
	first := 0
	for first < len(a.tokens) && a.tokens[first].start < s.Start {
		first++
	}
	for i := range toks {
		if !matchesAnyUnit(a.keys[first+i], units) {
			continue
		}
		for j := max(0, i-5); j < len(toks) && j <= i+3; j++ {
			if hasRoleKey(a.keys[first+j]) {
				return 0.4
			}
		}
	}
	return 0
}

func matchesAnyUnit(keys []string, units []queryUnit) bool {
	for _, u := range units {
		if hasAny(keys, u.alts) {
			return true
		}
	}
	return false
}

// roleConcepts are the glossary concepts that name a person's office.
var roleConcepts = map[string]bool{
	"c:term.president": true, "c:term.prime_minister": true, "c:term.secretary_general": true,
	"c:term.secretary": true, "c:term.spokesman": true, "c:term.chairman": true,
	"c:term.deputy": true, "c:term.leader": true,
}

func hasRoleKey(keys []string) bool {
	for _, k := range keys {
		if roleConcepts[k] {
			return true
		}
	}
	return false
}

// definitionBonus rewards a sentence that defines what the question asks
// about: it opens with it and goes straight on "is a …" ("The Collective
// Security Treaty Organization is a military alliance led by Russia").
func definitionBonus(a analyzed, s corpus.Span, text string, units []queryUnit) float64 {
	loc := definingVerb.FindStringIndex(text)
	if loc == nil {
		return 0
	}
	verbAt := s.Start + loc[0]
	words, last := 0, -1
	for i, t := range a.tokens {
		if t.start >= s.Start && t.start < verbAt {
			words++
			last = i
		}
	}
	// The subject is the word right before the verb, near the start.
	if last >= 0 && words <= 6 && matchesAnyUnit(a.keys[last], units) {
		return 0.3
	}
	return 0
}
