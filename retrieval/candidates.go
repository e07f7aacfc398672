package retrieval

import (
	"context"
	"slices"
	"sort"
)

// The candidate stage chooses the passages sentence selection reads: the
// best candidatePassages of the fused vector and lexical rankings, and two
// small lists of passages besides, each bounded whatever the size of the
// index. Among a hundred thousand passages that share a question's common
// words ("president", "Belarus") the passage that answers can rank below
// them all: BM25 favours short passages that repeat the common words, and
// the one that names the rare thing asked about may lack them. The lists:
//
//   - the passages that hold one of the question's rare units (a name at
//     most maxRarePostings passages, and 1/rareShare of the index, mention),
//     with the passage after each when it opens with a pronoun ("He praised
//     …"), which speaks of the same person;
//   - for a question that asks for a kind of thing (a person for "who is the
//     president of …", a country for "which country …"), the best-ranked
//     passages that name a thing of that kind, as the glossary's entity types
//     index them ("t:person"): the question's words and an answer of the
//     kind asked for, together (predictive annotation).
//
// Each list counts as one more ranking in the reciprocal rank fusion: a
// passage the fusion holds gains its rank there, and one it lacks joins at
// that rank. On a small index nothing is rare and the fusion holds nearly
// every passage, so no passage is added; a who-question's typed list only
// reorders the passages.

const (
	// maxRarePostings is how many passages a unit may be in, at most, to
	// count as rare and have them all admitted.
	maxRarePostings = 24
	// rareShare: a rare unit is in at most 1/rareShare of the passages
	// too; in a small index nothing is rare and the fusion reads it all.
	rareShare = 64
	// typedCandidates is how many of the passages that name the kind of
	// thing asked for are admitted.
	typedCandidates = 32
)

// rankCandidates returns the passages sentence selection reads, best first
// (see above).
func (e *Engine) rankCandidates(ctx context.Context, idx *index, question string, kind questionKind, units []queryUnit) []fused {
	vec := e.vectorRank(ctx, idx, question, rankDepth)
	lex, typed := idx.lexical.rankTyped(units, rankDepth, answerTypeKey(kind, units), typedCandidates)
	return admitCandidates(topFused(vec, lex), admissions(idx, units, typed))
}

// topFused returns the best candidatePassages of the fused rankings.
func topFused(vec, lex []int) []fused {
	ranked := fuseRanks(vec, lex)
	if len(ranked) > candidatePassages {
		ranked = ranked[:candidatePassages]
	}
	return ranked
}

// admissions returns the lists of passages to admit: those of the rare
// units, and typed, the best passages that name the kind of thing asked
// for, which count as a third ranking.
func admissions(idx *index, units []queryUnit, typed []int) []admitted {
	return []admitted{{docs: rarePassages(idx, units), weight: rareWeight, boosts: true}, {docs: typed, weight: 1, boosts: true}}
}

// rareWeight is how much the rank of a passage among those holding a rare
// unit counts, against 1 for its rank in the fused rankings: a passage that
// names the rare thing asked about is evidence as strong as one both
// rankings agree on, so it is among the first passages, whose articles
// weigh the question (see localStats).
const rareWeight = 2

// admitted is a list of passages to admit, best first, and how much a
// rank in it counts.
type admitted struct {
	docs   []int
	weight float64
	// boosts: the list's rank adds to the score of the passages the
	// fusion holds too, as a third ranking fused with the others.
	boosts bool
}

// answerTypeKey returns the index term of the kind of thing the question
// asks for, or "" when it asks for no entity: the type its words name
// ("which country" → t:country), else a person for "who" and "who heads".
func answerTypeKey(kind questionKind, units []queryUnit) string {
	for _, u := range units {
		if u.answerType != "" {
			return u.answerType
		}
	}
	if kind == askWho || kind == askLeader {
		return "t:person"
	}
	return ""
}

// rarePassages returns the passages that hold a rare unit of the question,
// and after each the next passage of its article when that opens with a
// pronoun, best scored first.
func rarePassages(idx *index, units []queryUnit) []int {
	var out []int
	seen := map[int]bool{}
	add := func(d int) {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for _, u := range units {
		if u.missing || u.common || u.weight == 0 {
			continue
		}
		n := 0
		for _, k := range u.alts {
			n += len(idx.lexical.postings[k])
		}
		if n == 0 || n > min(maxRarePostings, len(idx.passages)/rareShare) {
			continue
		}
		for _, k := range u.alts {
			for _, p := range idx.lexical.postings[k] {
				d := int(p.doc)
				add(d)
				if next := d + 1; next < len(idx.passages) && idx.passages[next].ArticleID == idx.passages[d].ArticleID &&
					opensWithPronoun(idx.analyzed[next], 0, len(idx.passages[next].Text)) {
					add(next)
				}
			}
		}
	}
	scores := make(map[int]float64, len(out))
	for _, d := range out {
		scores[d] = idx.lexical.score(units, d)
	}
	sort.SliceStable(out, func(i, j int) bool { return scores[out[i]] > scores[out[j]] })
	return out
}

// admitCandidates adds to ranked the passages of the lists it lacks, each
// scored as reciprocal rank fusion of the lists, weighted, would score it,
// and returns them all best first.
func admitCandidates(ranked []fused, lists []admitted) []fused {
	in := make(map[int]int, len(ranked))
	for i, r := range ranked {
		in[r.doc] = i
	}
	scores := map[int]float64{}
	var order []int
	boosted := false
	for _, l := range lists {
		for rank, d := range l.docs {
			if i, ok := in[d]; ok {
				if l.boosts {
					if !boosted {
						ranked = slices.Clone(ranked)
						boosted = true
					}
					ranked[i].score += l.weight / float64(rrfK+rank+1)
				}
				continue
			}
			if _, ok := scores[d]; !ok {
				order = append(order, d)
			}
			scores[d] += l.weight / float64(rrfK+rank+1)
		}
	}
	if len(order) == 0 && !boosted {
		return ranked
	}
	out := append(make([]fused, 0, len(ranked)+len(order)), ranked...)
	for _, d := range order {
		out = append(out, fused{doc: d, score: scores[d]})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}
