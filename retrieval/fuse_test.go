package retrieval

import (
	"slices"
	"testing"
)

// TestFuseRanks checks reciprocal rank fusion: scores add up over the lists,
// the best comes first and ties keep the order in which documents first come.
func TestFuseRanks(t *testing.T) {
	rr := func(rank int) float64 { return 1 / float64(rrfK+rank+1) }
	tests := []struct {
		name  string
		lists [][]int
		want  []fused
	}{
		{"none", nil, nil},
		{"one list", [][]int{{4, 2, 7}}, []fused{{4, rr(0)}, {2, rr(1)}, {7, rr(2)}}},
		{"agreement wins", [][]int{{1, 2, 3}, {3, 5}}, []fused{{3, rr(2) + rr(0)}, {1, rr(0)}, {2, rr(1)}, {5, rr(1)}}},
		{"ties keep first order", [][]int{{8, 0}, {0, 8}}, []fused{{8, rr(0) + rr(1)}, {0, rr(1) + rr(0)}}},
	}
	for _, tt := range tests {
		if got := fuseRanks(tt.lists...); !slices.Equal(got, tt.want) {
			t.Errorf("%s: fuseRanks(%v) = %v, want %v", tt.name, tt.lists, got, tt.want)
		}
	}
}
