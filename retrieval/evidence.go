package retrieval

import (
	"cmp"
	"slices"

	"github.com/alliancebot/alliancebot/corpus"
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
func (s termStats) idf(key string) float64 { return bm25IDF(s.n, s.df(key)) }

// stats are the document frequencies of the whole index.
func (b *bm25) stats() termStats {
	return termStats{n: b.n, df: func(k string) int { return b.df[k] }}
}

// evidenceArticles is how many of the best-ranked passages choose the
// articles in play.
const evidenceArticles = 16

// localShare: the articles in play are weighed by themselves only while they
// hold less than 1/localShare of the index's passages.
const localShare = 4

// localStats counts the terms of units, and the terms related to them,
// over every passage of the articles of the first evidenceArticles ranked
// passages, by their posting lists; when those articles are much of the
// index (see localShare) they are the index's own figures.
func localStats(idx *index, ranked []fused, units []queryUnit) termStats {
	var spans []corpus.Span
	seen := map[string]bool{}
	n := 0
	scoped := idx.hasScope()
	taken := 0
	for _, r := range ranked {
		if taken == evidenceArticles {
			break
		}
		article := idx.passages[r.doc].ArticleID
		if scoped && !idx.inScope(article) {
			continue // an article no answer comes from weighs nothing
		}
		taken++
		if !seen[article] {
			seen[article] = true
			span := idx.articleSpans[article]
			spans = append(spans, span)
			n += span.End - span.Start
		}
	}
	if n*localShare >= idx.lexical.n {
		// The articles in play are much of the index: its own figures are
		// theirs, and weighing by a few articles only flattens them.
		return idx.lexical.stats()
	}
	df := map[string]int{}
	for _, u := range units {
		keys := slices.Clone(u.alts)
		for _, r := range u.related {
			keys = append(keys, r.key)
		}
		for _, k := range keys {
			if _, ok := df[k]; ok {
				continue
			}
			count := 0
			for _, p := range idx.lexical.postings[k] {
				for _, s := range spans {
					if int(p.doc) >= s.Start && int(p.doc) < s.End {
						count++
						break
					}
				}
			}
			df[k] = count
		}
	}
	return termStats{n: n, df: func(k string) int { return df[k] }}
}

// markTopical marks the units common among the articles in play that the
// whole index, weighed in global, has in few passages (see
// queryUnit.topical).
func markTopical(units, global []queryUnit) {
	for i := range units {
		for _, g := range global {
			if g.first == units[i].first && g.last == units[i].last {
				units[i].topical = units[i].common && !g.common
			}
		}
	}
}

// mentionsTopics reports whether the article of passage d mentions every
// topical unit: an answer about the CSTO comes from an article that names
// it somewhere, not from other news that shares the question's other words.
func mentionsTopics(idx *index, d int, units []queryUnit) bool {
	span, ok := idx.articleSpans[idx.passages[d].ArticleID]
	if !ok {
		return true
	}
	for _, u := range units {
		if !u.topical {
			continue
		}
		found := false
		for _, k := range u.alts {
			list := idx.lexical.postings[k]
			i, _ := slices.BinarySearchFunc(list, int32(span.Start), func(p posting, doc int32) int { return cmp.Compare(p.doc, doc) })
			if i < len(list) && int(list[i].doc) < span.End {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
