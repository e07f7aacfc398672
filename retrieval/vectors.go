package retrieval

import (
	"runtime"
	"sync"
)

// vectorColumns keeps the passage vectors of the local embedder column by
// column: values[j*n+i] is dimension j of passage i. The local embedder's
// question vectors are sparse (a few dozen hashed features in hundreds of
// dimensions), so a question is scored by adding up the columns of its
// non-zero dimensions: exact cosine similarity that reads a tenth of the
// vectors. chromem-go's collection stays the store of the passages and their
// vectors; this is a second layout of the same numbers.
type vectorColumns struct {
	n, dims int
	values  []float32
}

// newVectorColumns lays out vectors, which all have dims dimensions or are
// nil (a passage with nothing to embed), by column.
func newVectorColumns(vectors [][]float32, dims int) *vectorColumns {
	c := &vectorColumns{n: len(vectors), dims: dims, values: make([]float32, len(vectors)*dims)}
	// In blocks of passages and dimensions, so that both the rows read and
	// the columns written stay in the cache.
	const block = 64
	for i0 := 0; i0 < c.n; i0 += block {
		i1 := min(i0+block, c.n)
		for j0 := 0; j0 < dims; j0 += block {
			j1 := min(j0+block, dims)
			for i := i0; i < i1; i++ {
				if vectors[i] == nil {
					continue // a passage without a vector scores nothing
				}
				v := vectors[i][j0:j1]
				for j, x := range v {
					c.values[(j0+j)*c.n+i] = x
				}
			}
		}
	}
	return c
}

// parallelColumnsFrom is the passage count from which a question's columns
// are added up on every CPU, each over its share of the passages.
const parallelColumnsFrom = 16384

// nearest returns up to k passages with a positive dot product with q, the
// highest first (ties in index order).
func (c *vectorColumns) nearest(q []float32, k int) []int {
	var dims []int
	for j, x := range q {
		if x != 0 {
			dims = append(dims, j)
		}
	}
	scores := make([]float32, c.n)
	add := func(lo, hi int) {
		part := scores[lo:hi]
		for _, j := range dims {
			qj := q[j]
			col := c.values[j*c.n+lo : j*c.n+hi]
			for i, x := range col {
				part[i] += qj * x
			}
		}
	}
	if workers := runtime.NumCPU(); c.n >= parallelColumnsFrom && workers > 1 {
		var wg sync.WaitGroup
		step := (c.n + workers - 1) / workers
		for lo := 0; lo < c.n; lo += step {
			wg.Add(1)
			go func(lo, hi int) {
				defer wg.Done()
				add(lo, hi)
			}(lo, min(lo+step, c.n))
		}
		wg.Wait()
	} else {
		add(0, c.n)
	}
	top := newTopDocs(k)
	for i, s := range scores {
		if s > 0 && top.accepts(float64(s)) {
			top.offer(scoredDoc{i, float64(s)})
		}
	}
	return docsOf(top.best())
}
