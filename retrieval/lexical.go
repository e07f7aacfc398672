package retrieval

import (
	"math"
	"sort"
)

// analyzed is a text reduced to the terms the engine ranks by: "w:<stem>" for
// each content word and "c:<concept>" for each glossary concept it holds.
type analyzed struct {
	tokens []token
	// keys[i] are the terms token i contributes.
	keys   [][]string
	tf     map[string]int
	length int // content words
}

// analyzeText tokenises and stems text and adds glossary concepts.
func analyzeText(text string, g *glossary) analyzed {
	toks := tokenize(text)
	return analyzeTokens(toks, g)
}

func analyzeTokens(toks []token, g *glossary) analyzed {
	a := analyzed{tokens: toks, keys: make([][]string, len(toks)), tf: map[string]int{}}
	for i, t := range toks {
		if t.stop {
			continue
		}
		k := "w:" + t.stem
		a.keys[i] = append(a.keys[i], k)
		a.tf[k]++
		a.length++
	}
	for _, m := range g.match(toks) {
		keys := g.conceptKeys(m.concept)
		if t := conceptType(m.concept); entityTypes[t] {
			// Kazakhstan is a country: "which country" finds it.
			keys = append(keys, "t:"+t)
		}
		for _, k := range keys {
			a.tf[k]++
			for i := m.first; i <= m.last; i++ {
				a.keys[i] = appendUnique(a.keys[i], k)
			}
		}
	}
	return a
}

// bm25 is an Okapi BM25 index over the analysed passages.
type bm25 struct {
	docs   []analyzed
	df     map[string]int
	avgLen float64
}

const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

func newBM25(docs []analyzed) *bm25 {
	b := &bm25{docs: docs, df: map[string]int{}}
	total := 0
	for _, d := range docs {
		total += d.length
		for k := range d.tf {
			b.df[k]++
		}
	}
	if len(docs) > 0 {
		b.avgLen = float64(total) / float64(len(docs))
	}
	return b
}

// idf is BM25's inverse document frequency; a term no passage has gets the
// highest value.
func (b *bm25) idf(key string) float64 {
	n, df := float64(len(b.docs)), float64(b.df[key])
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// score is the BM25 score of document d for the query units: each unit adds
// its best-scoring alternative.
func (b *bm25) score(d int, units []queryUnit) float64 {
	doc := b.docs[d]
	norm := bm25K1 * (1 - bm25B + bm25B*float64(doc.length)/math.Max(b.avgLen, 1))
	s := 0.0
	for _, u := range units {
		best := 0.0
		for _, k := range u.alts {
			tf := float64(doc.tf[k])
			if tf == 0 {
				continue
			}
			if v := b.idf(k) * tf * (bm25K1 + 1) / (tf + norm); v > best {
				best = v
			}
		}
		for _, r := range u.related {
			tf := float64(doc.tf[r.key])
			if tf == 0 {
				continue
			}
			if v := r.weight * b.idf(r.key) * tf * (bm25K1 + 1) / (tf + norm); v > best {
				best = v
			}
		}
		s += best
	}
	return s
}

// rank returns the indexes of the documents with a positive score, best
// first, at most n of them.
func (b *bm25) rank(units []queryUnit, n int) []int {
	type scored struct {
		doc   int
		score float64
	}
	var hits []scored
	for d := range b.docs {
		if s := b.score(d, units); s > 0 {
			hits = append(hits, scored{d, s})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	if len(hits) > n {
		hits = hits[:n]
	}
	out := make([]int, len(hits))
	for i, h := range hits {
		out[i] = h.doc
	}
	return out
}
