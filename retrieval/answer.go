package retrieval

import (
	"context"
	"math"
	"strings"
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
	// A sentence that holds what a why/when/how-many question asks for
	// (a reason, a date, a count) may match less of the question when its
	// passage matches much of it: "Because the fighting was outside
	// Armenia's borders, the bloc did not act" answers "Why did the
	// alliance stay out of the Karabakh war?" through its passage.
	minKindSentenceCoverage = 0.2
	minKindPassageCoverage  = 0.6
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
	parsed := e.readQuestion(idx, question, kind)
	units := parsed.weigh(e, idx, idx.lexical.stats())
	if settled, _ := e.settleKind(idx, question, kind, units); settled != kind {
		kind = settled
		parsed = e.readQuestion(idx, question, kind)
		units = parsed.weigh(e, idx, idx.lexical.stats())
	}
	if len(units) == 0 || hasMissingName(units) {
		return refuse(RefusedNotCovered, msgNotCovered)
	}
	ranked := e.rankCandidates(ctx, idx, question, kind, units)
	// Weigh the question by the articles in play (see evidence.go).
	global := units
	units = parsed.weigh(e, idx, localStats(idx, ranked, units))
	if len(units) == 0 || hasMissingName(units) {
		return refuse(RefusedNotCovered, msgNotCovered)
	}
	markTopical(units, global)
	qtoks := idx.tokenize(question)
	best := selectSentences(idx, units, ranked, kind, question, qtoks, e.lexicon())
	best = firstAnswering(best, kind)
	if len(best) == 0 || !best[0].answers(kind) || asksAboutAsker(question) && best[0].sentenceCovered < askerCoverage {
		return refuse(RefusedNotCovered, msgNotCovered)
	}
	present := asksAboutPresent(qtoks) || asksAboutPresentOffice(qtoks, kind)
	if present {
		best = newestFirst(idx, best, kind)
	}
	n := o.Citations
	if n <= 0 {
		n = 3
	}
	n = min(n, maxCitations)
	res.Found = true
	res.Text = composeAnswer(idx, best, units, present)
	if present {
		res.AsOf = idx.passages[best[0].passage].Published
	}
	terms := termsOfUnits(units)
	res.Marks = markMatches(idx, res.Text, terms, e.glossary)
	cites, docs := citePassages(idx, best, n)
	for i, c := range cites {
		c.N = len(res.Citations) + 1
		if c.Snippet == idx.passages[docs[i]].Text {
			// The index has the words of a whole passage already.
			c.Marks = markAnalyzed(idx.analyzed[docs[i]], terms)
		} else {
			c.Marks = markMatches(idx, c.Snippet, terms, e.glossary)
		}
		res.Citations = append(res.Citations, c)
	}
	return res
}

// A question about the asker ("How do I make a donation?", «Где мне
// купить билет?») is rarely answered by news: a page's donation box or
// shop teaser is furniture, gone from the passages, and a sentence that
// shares a word or two with it does not answer. Such a question needs
// askerCoverage of itself in the quoted sentence.
const askerCoverage = 0.75

// askerWords are the first-person words of English and Russian ("I" is
// checked apart: "Nicholas I", "World War I" are no askers).
var askerWords = setOf(`me my mine myself я мне меня мной мой моя моё мое мои`)

// asksAboutAsker reports whether the question speaks of the one asking.
func asksAboutAsker(question string) bool {
	toks := tokenizeUnstemmed(question)
	for i, t := range toks {
		if askerWords[t.lower] {
			return true
		}
		if question[t.start:t.end] == "I" && (i == 0 || !toks[i-1].capital) {
			return true
		}
	}
	return false
}

// answeringSlack is how far below the best score a candidate that answers
// may stand and still be taken instead.
const answeringSlack = 0.75

// firstAnswering moves to the front the best candidate that answers the
// question, when the best-scored one does not: a sentence that matches many
// words but lacks what is asked must not hide one just below it that has
// it.
func firstAnswering(best []candidate, kind questionKind) []candidate {
	for i, c := range best {
		if c.score < answeringSlack*best[0].score {
			break
		}
		if !c.answers(kind) {
			continue
		}
		if i > 0 {
			out := make([]candidate, 0, len(best))
			out = append(out, c)
			out = append(out, best[:i]...)
			best = append(out, best[i+1:]...)
		}
		break
	}
	return best
}

// answers reports whether the candidate answers a question of the kind:
// its passage covers enough of the question, it names the entities asked
// about, it holds the kind of thing asked for, and the sentence itself
// carries enough of the question.
func (c candidate) answers(kind questionKind) bool {
	if c.passageCovered < minCoverage || !c.entitiesOK || !c.holdsKind || !c.saysWhat {
		return false
	}
	if c.sentenceCovered >= minSentenceCoverage {
		return true
	}
	return kindRequired[kind] && c.sentenceCovered >= minKindSentenceCoverage && c.passageCovered >= minKindPassageCoverage
}

// vectorRank returns the passages nearest to the question in the chromem-go
// collection. A failing embedder only costs the vector half of the ranking:
// it is logged and the lexical ranking still answers.
func (e *Engine) vectorRank(ctx context.Context, idx *index, question string, n int) []int {
	var q []float32
	if w, ok := e.embedder.(weightedQueryEmbedder); ok {
		q = w.embedWeightedQuery(question, idx.vocab.stemsOrNil(), func(k string) float64 {
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
	if isZero(q) || idx.collection.Count() == 0 {
		return nil
	}
	if idx.columns != nil && len(q) == idx.columns.dims {
		return idx.columns.nearest(q, n)
	}
	// The collection may hold passages of a newer index that extends this
	// one (append.go): ask for as many more and skip them.
	newer := idx.collection.Count() - idx.collectionDocs
	res, err := idx.collection.QueryEmbedding(ctx, q, min(n+max(newer, 0), idx.collection.Count()), nil, nil)
	if err != nil {
		e.log.Warn("vector query failed", "err", err)
		return nil
	}
	out := make([]int, 0, len(res))
	for _, r := range res {
		if d, ok := idx.byID[r.ID]; ok && r.Similarity > 0 && len(out) < n {
			out = append(out, d)
		}
	}
	return out
}

// isZero reports a vector with nothing in it.
func isZero(v []float32) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

// composeAnswer quotes the best sentence (with the one before it when it
// opens with "He …" or «Об этом …», and the one after it when that gives the
// reason asked for), and a second one when it adds something the first
// lacks: the next or previous sentence of the same passage, or another
// sentence nearly as good that matches a part of the question the first
// does not (not for a question about the present: the newest sentence
// speaks for its date, and the one beside it tells what was before).
func composeAnswer(idx *index, best []candidate, units []queryUnit, present bool) string {
	first := best[0]
	p := idx.passages[first.passage]
	s := p.Sentences[first.sentence]
	if first.sentence > 0 && (opensWithPronoun(idx.analyzed[first.passage], s.Start, s.End) ||
		opensWithBackReference(idx.analyzed[first.passage], s.Start, s.End)) {
		// "He previously served as …" needs the sentence that says
		// who; «Об этом заявил …» the one that says what.
		s.Start = p.Sentences[first.sentence-1].Start
	}
	if first.withNext && !first.withNextPassage {
		s.End = p.Sentences[first.sentence+1].End
	}
	text := p.Text[s.Start:s.End]
	if first.withNextPassage {
		if np, _, next, ok := nextSentence(idx, first.passage, first.sentence); ok {
			text += " " + np.Text[next.Start:next.End]
		}
	}
	// A second sentence is nearly as good by its score or by what it
	// says alone, without its passage's rank: the ranks shift with what
	// else the index holds (a word rare among a hundred thousand passages
	// lifts every passage naming it).
	said := func(c candidate) float64 { return c.score - rankWeight*c.fused }
	for _, c := range best[1:] {
		if present {
			// A question about the present is answered by the newest
			// sentence alone: the one beside it tells the history.
			break
		}
		if c.score < 0.85*first.score && said(c) < 0.85*said(first) {
			continue // a later one may say more than its rank shows
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
func addedWeight(m, base []float64, units []queryUnit) float64 {
	w := 0.0
	for i := range m {
		if m[i] > base[i] && !units[i].common {
			w += (m[i] - base[i]) * units[i].weight
		}
	}
	return w
}

// citePassages returns up to n citations: the passage of the best sentence
// first, then the other passages in the order of their best sentence, one
// per article before a second from the same, as long as they cover enough
// of the question to be worth reading.
func citePassages(idx *index, best []candidate, n int) ([]Citation, []int) {
	var out []Citation
	var docs []int // the passage of each citation
	seen := map[int]bool{}
	cited := map[string]bool{} // article IDs
	// Sources first come from different articles, so that three
	// citations are three articles where three say it; the rest of the
	// slots go to other passages of the articles already cited.
	for pass := 0; pass < 2 && len(out) < n; pass++ {
		for _, c := range best {
			if len(out) == n {
				break
			}
			p := idx.passages[c.passage]
			if seen[c.passage] || c.passageCoverage < minCoverage*0.6 || pass == 0 && cited[p.ArticleID] {
				continue
			}
			seen[c.passage], cited[p.ArticleID] = true, true
			out = append(out, Citation{
				Doc: p.ArticleID, Title: p.Title, Source: p.Outlet, Published: p.Published, URL: p.URL,
				Snippet: snippetAround(p, c.sentence), Score: math.Round(c.score*1e4) / 1e4,
				PassageID: p.ID, Passage: p.Text, Paragraph: p.Paragraph,
				AlsoReportedBy: reportsOf(p.AlsoReportedBy),
			})
			docs = append(docs, c.passage)
		}
	}
	return out, docs
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
// question, whose terms are terms: the words whose terms, as analyzeText
// finds them, include one of terms.
func markMatches(idx *index, text string, terms unitTerms, g *glossary) []Span {
	return markTokens(idx.tokenize(text), terms, g)
}

// markAnalyzed is markTokens over the tokens of an analysed text, whose
// keys hold the concepts (and their types) of the glossary phrases each
// token is part of: a token is marked as markTokens marks it, with the
// glossary matched once, when the text was analysed.
func markAnalyzed(a analyzed, terms unitTerms) []Span {
	var out []Span
	for i, t := range a.tokens {
		hit := !t.stop && terms.stems[t.stem]
		for _, k := range a.keys[i] {
			hit = hit || terms.others[k]
		}
		if hit {
			out = append(out, Span{Start: t.start, End: t.end})
		}
	}
	return out
}

// markTokens is markMatches over the tokens of the text.
func markTokens(toks []token, terms unitTerms, g *glossary) []Span {
	var inConcept []bool // the tokens of a glossary phrase that matches
	for _, m := range g.match(toks) {
		// The concept's keys (conceptKeys) and type are looked up as
		// they are written, in a buffer: a snippet's phrases make no
		// strings.
		var buf [64]byte
		has := func(prefix, name string) bool {
			return terms.others[string(append(append(buf[:0], prefix...), name...))]
		}
		hit := has("c:", m.concept)
		for _, broader := range g.implies[m.concept] {
			hit = hit || has("c:", broader)
		}
		if t := conceptType(m.concept); entityTypes[t] {
			hit = hit || has("t:", t)
		}
		if !hit {
			continue
		}
		if inConcept == nil {
			inConcept = make([]bool, len(toks))
		}
		for i := m.first; i <= m.last; i++ {
			inConcept[i] = true
		}
	}
	var out []Span
	for i, t := range toks {
		if !t.stop && terms.stems[t.stem] || inConcept != nil && inConcept[i] {
			out = append(out, Span{Start: t.start, End: t.end})
		}
	}
	return out
}

// unitTerms are the index terms that match some unit of a question (see
// queryUnit.strength): the stems of its "w:" terms and its other terms.
type unitTerms struct {
	stems, others map[string]bool
}

func termsOfUnits(units []queryUnit) unitTerms {
	ut := unitTerms{stems: map[string]bool{}, others: map[string]bool{}}
	add := func(k string) {
		if stem, ok := strings.CutPrefix(k, "w:"); ok {
			ut.stems[stem] = true
		} else {
			ut.others[k] = true
		}
	}
	for _, u := range units {
		for _, k := range u.alts {
			add(k)
		}
		for _, r := range u.related {
			if r.weight > 0 {
				add(r.key)
			}
		}
	}
	return ut
}
