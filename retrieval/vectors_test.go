package retrieval

import (
	"context"
	"math"
	"slices"
	"testing"
)

// TestVectorColumnsMatchChromem checks the column scoring against
// chromem-go's exhaustive query over the same vectors: the same
// similarities, rank by rank.
func TestVectorColumnsMatchChromem(t *testing.T) {
	ctx := context.Background()
	e := defaultEngine(t)
	idx := e.idx.Load()
	local := e.embedder.(*LocalEmbedder)
	for _, q := range []string{"Who are the members?", "Кто входит в ОДКБ?", "What did Zhaparov propose to discuss in Bishkek?", "secretery generl"} {
		v := local.embedWeightedQuery(q, idx.vocab.stems, func(k string) float64 { return idx.lexical.idf(k) })
		got := idx.columns.nearest(v, 10)
		want, err := idx.collection.QueryEmbedding(ctx, v, 10, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			t.Fatalf("%q: no passage", q)
		}
		for i, d := range got {
			doc, err := idx.collection.GetByID(ctx, idx.passages[d].ID)
			if err != nil {
				t.Fatal(err)
			}
			sim := dot(v, doc.Embedding)
			if math.Abs(float64(sim-want[i].Similarity)) > 1e-5 {
				t.Errorf("%q rank %d: %s at %.6f, chromem-go has %s at %.6f", q, i, idx.passages[d].ID, sim, want[i].ID, want[i].Similarity)
			}
		}
	}
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// TestVectorColumnsAppended checks that columns grown by appending, in
// steps that fill, cross and start blocks, score as columns built at once,
// and that the columns appended to keep scoring their own passages.
func TestVectorColumnsAppended(t *testing.T) {
	const dims = 8
	vectors := make([][]float32, 2*blockPassages+100)
	for i := range vectors {
		if i%7 == 3 {
			continue // a passage without a vector
		}
		v := make([]float32, dims)
		for j := range v {
			v[j] = float32((i*31+j*17)%23) - 11
		}
		vectors[i] = v
	}
	q := []float32{0.5, 0, -1, 0, 0, 2, 0, 0.25}
	tests := []struct {
		name  string
		steps []int // passages added by each append
	}{
		{"one by one at the end", []int{len(vectors) - 3, 1, 1, 1}},
		{"across a block", []int{blockPassages - 5, 10, len(vectors) - blockPassages - 5}},
		{"whole blocks", []int{blockPassages, blockPassages, 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := newVectorColumns(vectors, dims).nearest(q, 50)
			c := newVectorColumns(nil, dims)
			done := 0
			for _, n := range tt.steps {
				before := c
				beforeTop := before.nearest(q, 50)
				c = c.appended(vectors[done : done+n])
				done += n
				if got := before.nearest(q, 50); !slices.Equal(got, beforeTop) {
					t.Fatalf("appending changed the columns appended to")
				}
			}
			if c.n != len(vectors) {
				t.Fatalf("%d passages, want %d", c.n, len(vectors))
			}
			if got := c.nearest(q, 50); !slices.Equal(got, want) {
				t.Errorf("appended columns rank %v, built at once %v", got, want)
			}
		})
	}
}
