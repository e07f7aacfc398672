package retrieval

import (
	"cmp"
	"slices"
)

// rrfK is the constant of reciprocal rank fusion; 60 is the value of the
// original paper and works without tuning.
const rrfK = 60

// fuseRanks merges ranked lists of document indexes by reciprocal rank
// fusion: a document scores the sum of 1/(rrfK+rank) over the lists it is
// in. The result is best first; ties keep the order of the first list.
func fuseRanks(lists ...[]int) []fused {
	// Documents are passage indexes: their scores are kept by index, in
	// the order they first come, which beats a map over thousands of
	// ranked passages.
	n := 0
	for _, list := range lists {
		for _, doc := range list {
			n = max(n, doc+1)
		}
	}
	at := make([]int32, n) // 1 + the document's place in out, or 0
	var out []fused
	for _, list := range lists {
		for rank, doc := range list {
			if at[doc] == 0 {
				out = append(out, fused{doc: doc})
				at[doc] = int32(len(out))
			}
			out[at[doc]-1].score += 1 / float64(rrfK+rank+1)
		}
	}
	slices.SortStableFunc(out, func(a, b fused) int { return cmp.Compare(b.score, a.score) })
	return out
}

// fused is one document of a fused ranking.
type fused struct {
	doc   int
	score float64
}
