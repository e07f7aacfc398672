package retrieval

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
)

// analyzed is a text reduced to the terms the engine ranks by: "w:<stem>" for
// each content word and "c:<concept>" for each glossary concept it holds.
type analyzed struct {
	tokens []token
	// keys[i] are the terms token i contributes.
	keys [][]string
	// terms are the distinct terms and how often each occurs, by key; the
	// index drops them once its posting lists hold them.
	terms  []termCount
	length int // content words
}

// hasKey reports whether a word of the text contributes key; it reads the
// keys, which the index keeps, not the term counts, which it drops.
func (a analyzed) hasKey(key string) bool {
	for _, keys := range a.keys {
		if slices.Contains(keys, key) {
			return true
		}
	}
	return false
}

// termCount is a term of a text and how often it occurs.
type termCount struct {
	key string
	tf  int32
}

// analyzeText tokenises and stems text and adds glossary concepts.
func analyzeText(text string, g *glossary) analyzed {
	toks := tokenize(text)
	return analyzeTokens(toks, g)
}

func analyzeTokens(toks []token, g *glossary) analyzed { return analyzeTokensWith(toks, g, nil, nil) }

// passageAnalyzer analyses the passages of one load: it stems each distinct
// word once and shares the strings of a word among all its tokens.
type passageAnalyzer struct {
	g    *glossary
	memo map[string]stemmed
	tf   map[string]int32 // reused for each passage's term counts
}

func newPassageAnalyzer(g *glossary) *passageAnalyzer {
	return &passageAnalyzer{g: g, memo: map[string]stemmed{}, tf: map[string]int32{}}
}

func (pa *passageAnalyzer) analyze(text string) analyzed {
	return analyzeTokensWith(tokenizeWith(text, pa.memo, nil), pa.g, pa.memo, pa.tf)
}

// analyzeTokensWith is analyzeTokens taking the "w:" keys of words memo
// knows from it, and counting terms in tf, when not nil, which it clears.
func analyzeTokensWith(toks []token, g *glossary, memo map[string]stemmed, tf map[string]int32) analyzed {
	a := analyzed{tokens: toks, keys: make([][]string, len(toks))}
	if tf == nil {
		tf = map[string]int32{}
	}
	defer clear(tf)
	for i, t := range toks {
		if t.stop {
			continue
		}
		if m, ok := memo[t.lower]; ok && m.stem == t.stem {
			// Shared by every token of the word; its capacity of one
			// makes appendUnique copy it before adding a concept.
			a.keys[i] = m.keys
		} else {
			a.keys[i] = []string{"w:" + t.stem}
		}
		tf[a.keys[i][0]]++
		a.length++
	}
	for _, m := range g.match(toks) {
		keys := g.conceptKeys(m.concept)
		if t := conceptType(m.concept); entityTypes[t] {
			// Kazakhstan is a country: "which country" finds it.
			keys = append(keys, "t:"+t)
		}
		for _, k := range keys {
			tf[k]++
			for i := m.first; i <= m.last; i++ {
				a.keys[i] = appendUnique(a.keys[i], k)
			}
		}
	}
	a.terms = make([]termCount, 0, len(tf))
	for k, n := range tf {
		a.terms = append(a.terms, termCount{k, n})
	}
	slices.SortFunc(a.terms, func(x, y termCount) int { return strings.Compare(x.key, y.key) })
	return a
}

// bm25 is an Okapi BM25 index over the analysed passages, kept as posting
// lists: a question's score touches only the passages that hold one of its
// terms.
type bm25 struct {
	n        int
	df       map[string]int
	postings map[string][]posting
	norm     []float64 // per passage: bm25K1 * (1 - bm25B + bm25B*length/avgLen)
	avgLen   float64
	// scratch holds per-passage score arrays for rank, all zero between
	// uses, so a question costs what its posting lists hold, not the
	// corpus size.
	scratch sync.Pool
}

// rankScratch is one question's scores by passage.
type rankScratch struct {
	total, best []float64
}

// posting is one passage that holds a term, and how often.
type posting struct {
	doc int32
	tf  int32
}

const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

func newBM25(docs []analyzed) *bm25 {
	b := &bm25{n: len(docs), df: map[string]int{}, postings: map[string][]posting{}, norm: make([]float64, len(docs))}
	for _, d := range docs {
		for _, t := range d.terms {
			b.df[t.key]++
		}
	}
	for k, n := range b.df {
		b.postings[k] = make([]posting, 0, n)
	}
	for i, d := range docs {
		for _, t := range d.terms {
			b.postings[t.key] = append(b.postings[t.key], posting{int32(i), t.tf})
		}
	}
	b.setNorms(docs)
	return b
}

// setNorms sets the average length and the length norms of docs, every
// passage of the index.
func (b *bm25) setNorms(docs []analyzed) {
	total := 0
	for _, d := range docs {
		total += d.length
	}
	if len(docs) > 0 {
		b.avgLen = float64(total) / float64(len(docs))
	}
	for i, d := range docs {
		b.norm[i] = bm25K1 * (1 - bm25B + bm25B*float64(d.length)/math.Max(b.avgLen, 1))
	}
}

// extended returns the index of b's passages followed by part's; docs are
// the analyses of them all. b and part are not changed: the posting lists
// of part's terms are copied before they grow, the others shared.
func (b *bm25) extended(part *bm25, docs []analyzed) *bm25 {
	out := &bm25{n: b.n + part.n, df: maps.Clone(b.df), postings: maps.Clone(b.postings), norm: make([]float64, b.n+part.n)}
	for k, n := range part.df {
		out.df[k] += n
	}
	for k, list := range part.postings {
		merged := make([]posting, len(b.postings[k]), len(b.postings[k])+len(list))
		copy(merged, b.postings[k])
		for _, p := range list {
			merged = append(merged, posting{p.doc + int32(b.n), p.tf})
		}
		out.postings[k] = merged
	}
	out.setNorms(docs)
	return out
}

// idf is BM25's inverse document frequency; a term no passage has gets the
// highest value.
func (b *bm25) idf(key string) float64 { return bm25IDF(b.n, b.df[key]) }

// bm25IDF is BM25's inverse document frequency of a term df of n documents
// hold.
func bm25IDF(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// rank returns the indexes of the documents with a positive score, best
// first (ties in index order), at most n of them. A document scores the BM25
// score of the query units: each unit adds its best-scoring alternative.
func (b *bm25) rank(units []queryUnit, n int) []int {
	ranked, _ := b.rankTyped(units, n, "", 0)
	return ranked
}

// rankTyped is rank, returning besides, in the same pass over the posting
// lists, the m best of the documents that also hold typeKey (an entity
// type such as "t:person"), scored as if typeKey were one more unit of the
// query; none when typeKey is "".
func (b *bm25) rankTyped(units []queryUnit, n int, typeKey string, m int) (ranked, typed []int) {
	sc, _ := b.scratch.Get().(*rankScratch)
	if sc == nil {
		sc = &rankScratch{total: make([]float64, b.n), best: make([]float64, b.n)}
	}
	defer b.scratch.Put(sc)
	total, best := sc.total, sc.best
	var touched, unitTouched []int32
	defer func() {
		for _, d := range touched {
			total[d] = 0
		}
	}()
	// score keeps each passage's best BM25 score of the unit's terms; a
	// related term scores at its weight.
	score := func(key string, weight float64) {
		list := b.postings[key]
		if len(list) == 0 {
			return
		}
		idf := weight * b.idf(key)
		for _, p := range list {
			tf := float64(p.tf)
			v := idf * tf * (bm25K1 + 1) / (tf + b.norm[p.doc])
			if best[p.doc] == 0 {
				unitTouched = append(unitTouched, p.doc)
			}
			best[p.doc] = max(best[p.doc], v)
		}
	}
	for _, u := range units {
		unitTouched = unitTouched[:0]
		for _, k := range u.alts {
			score(k, 1)
		}
		for _, r := range u.related {
			score(r.key, r.weight)
		}
		for _, d := range unitTouched {
			if total[d] == 0 {
				touched = append(touched, d)
			}
			total[d] += best[d]
			best[d] = 0
		}
	}
	top := newTopDocs(n)
	for _, d := range touched {
		if s := total[d]; s > 0 && top.accepts(s) {
			top.offer(scoredDoc{int(d), s})
		}
	}
	typeList := b.postings[typeKey]
	if typeKey == "" || m <= 0 || len(typeList) == 0 {
		return docsOf(top.best()), nil
	}
	// best is all zero here: it holds the type's score of the documents
	// that have it, for the documents the units touched.
	idf := b.idf(typeKey)
	for _, p := range typeList {
		tf := float64(p.tf)
		best[p.doc] = idf * tf * (bm25K1 + 1) / (tf + b.norm[p.doc])
	}
	withType := newTopDocs(m)
	for _, d := range touched {
		if best[d] > 0 && total[d] > 0 {
			if s := total[d] + best[d]; withType.accepts(s) {
				withType.offer(scoredDoc{int(d), s})
			}
		}
	}
	for _, p := range typeList {
		best[p.doc] = 0
	}
	return docsOf(top.best()), docsOf(withType.best())
}

// score returns the BM25 score of document d for the query units, as rank
// scores it, reading the posting lists by binary search.
func (b *bm25) score(units []queryUnit, d int) float64 {
	term := func(key string, weight float64) float64 {
		list := b.postings[key]
		i, ok := slices.BinarySearchFunc(list, int32(d), func(p posting, doc int32) int { return cmp.Compare(p.doc, doc) })
		if !ok {
			return 0
		}
		tf := float64(list[i].tf)
		return weight * b.idf(key) * tf * (bm25K1 + 1) / (tf + b.norm[d])
	}
	total := 0.0
	for _, u := range units {
		best := 0.0
		for _, k := range u.alts {
			best = max(best, term(k, 1))
		}
		for _, r := range u.related {
			best = max(best, term(r.key, r.weight))
		}
		total += best
	}
	return total
}

// scoredDoc is a document with a score.
type scoredDoc struct {
	doc   int
	score float64
}

// better orders scored documents: higher score first, then lower index.
func better(x, y scoredDoc) bool {
	return x.score > y.score || x.score == y.score && x.doc < y.doc
}

// topDocs keeps the n best documents offered to it in a heap, so choosing
// them costs little more than reading the candidates once.
type topDocs struct {
	n    int
	heap []scoredDoc // heap[0] is the worst of the best n so far
}

func newTopDocs(n int) *topDocs { return &topDocs{n: n, heap: make([]scoredDoc, 0, max(n, 0))} }

// accepts reports whether a document of this score could enter the n best.
func (t *topDocs) accepts(score float64) bool {
	return len(t.heap) < t.n || t.n > 0 && score >= t.heap[0].score
}

func (t *topDocs) offer(h scoredDoc) {
	switch {
	case t.n <= 0:
	case len(t.heap) < t.n:
		t.heap = append(t.heap, h)
		for i := len(t.heap) - 1; i > 0; {
			parent := (i - 1) / 2
			if !better(t.heap[parent], t.heap[i]) {
				break
			}
			t.heap[i], t.heap[parent] = t.heap[parent], t.heap[i]
			i = parent
		}
	case better(h, t.heap[0]):
		t.heap[0] = h
		for i := 0; ; {
			w, l, r := i, 2*i+1, 2*i+2
			if l < len(t.heap) && better(t.heap[w], t.heap[l]) {
				w = l
			}
			if r < len(t.heap) && better(t.heap[w], t.heap[r]) {
				w = r
			}
			if w == i {
				break
			}
			t.heap[i], t.heap[w] = t.heap[w], t.heap[i]
			i = w
		}
	}
}

// best returns the documents kept, best first.
func (t *topDocs) best() []scoredDoc {
	out := slices.Clone(t.heap)
	slices.SortFunc(out, func(x, y scoredDoc) int {
		if better(x, y) {
			return -1
		}
		if better(y, x) {
			return 1
		}
		return 0
	})
	return out
}

func docsOf(hits []scoredDoc) []int {
	out := make([]int, len(hits))
	for i, h := range hits {
		out[i] = h.doc
	}
	return out
}
