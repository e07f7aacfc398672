package retrieval

import (
	"math"
)

// A question's units are weighted by IDF, and a unit no passage holds counts
// as missing, with the highest weight. Over the whole index these figures
// move with its size: hide the articles among a hundred thousand passages of
// other news and a word the articles never use ("next") turns up somewhere,
// stops being missing, and an article sentence that lacks it suddenly covers
// the question. So the units that choose and vouch for an answer are weighted
// by the articles in play: those of the question's best-ranked passages.
// Refusal then rests on what those articles say, however much else is
// loaded.

// termStats are the document frequencies of a set of passages.
type termStats struct {
	n  int
	df func(key string) int
}

// idf is BM25's inverse document frequency in the set.
func (s termStats) idf(key string) float64 {
	n, df := float64(s.n), float64(s.df(key))
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// stats are the document frequencies of the whole index.
func (b *bm25) stats() termStats {
	return termStats{n: b.n, df: func(k string) int { return b.df[k] }}
}

// evidenceArticles is how many of the best-ranked passages choose the
// articles in play.
const evidenceArticles = 16

// localStats counts the terms of units over every passage of the articles of
// the first evidenceArticles ranked passages.
func localStats(idx *index, ranked []fused, units []queryUnit) termStats {
	wanted := map[string]int{}
	for _, u := range units {
		for _, k := range u.alts {
			wanted[k] = 0
		}
	}
	seen := map[string]bool{}
	n := 0
	seenKey := map[string]bool{}
	for _, r := range ranked[:min(len(ranked), evidenceArticles)] {
		article := idx.passages[r.doc].ArticleID
		if seen[article] {
			continue
		}
		seen[article] = true
		span := idx.articleSpans[article]
		for d := span.Start; d < span.End; d++ {
			n++
			clear(seenKey)
			a := idx.analyzed[d]
			for i := range a.tokens {
				for _, k := range a.keys[i] {
					if c, ok := wanted[k]; ok && !seenKey[k] {
						seenKey[k] = true
						wanted[k] = c + 1
					}
				}
			}
		}
	}
	return termStats{n: n, df: func(k string) int { return wanted[k] }}
}
