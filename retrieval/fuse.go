package retrieval

import "sort"

// rrfK is the constant of reciprocal rank fusion; 60 is the value of the
// original paper and works without tuning.
const rrfK = 60

// fuseRanks merges ranked lists of document indexes by reciprocal rank
// fusion: a document scores the sum of 1/(rrfK+rank) over the lists it is
// in. The result is best first; ties keep the order of the first list.
func fuseRanks(lists ...[]int) []fused {
	scores := map[int]float64{}
	order := []int{}
	for _, list := range lists {
		for rank, doc := range list {
			if _, ok := scores[doc]; !ok {
				order = append(order, doc)
			}
			scores[doc] += 1 / float64(rrfK+rank+1)
		}
	}
	out := make([]fused, len(order))
	for i, doc := range order {
		out[i] = fused{doc: doc, score: scores[doc]}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

// fused is one document of a fused ranking.
type fused struct {
	doc   int
	score float64
}
