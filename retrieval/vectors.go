package retrieval

import (
	"runtime"
	"slices"
	"sync"
)

// vectorColumns keeps the passage vectors of the local embedder column by
// column: the local embedder's question vectors are sparse (a few dozen
// hashed features in hundreds of dimensions), so a question is scored by
// adding up the columns of its non-zero dimensions: exact cosine similarity
// that reads a tenth of the vectors. chromem-go's collection stays the store
// of the passages and their vectors; this is a second layout of the same
// numbers.
//
// The columns are cut into blocks of blockPassages passages. A block once
// full never changes, so an index that adds passages shares the full blocks
// of the index it extends and copies only the last, partial one; the old
// index keeps reading its own blocks while the new one is built.
type vectorColumns struct {
	n, dims int
	blocks  []*columnBlock
}

// columnBlock holds the vectors of n passages, up to blockPassages:
// values[j*size+i] is dimension j of the block's passage i.
type columnBlock struct {
	n, size int
	values  []float32
}

// blockPassages is the number of passages of a full block.
const blockPassages = 4096

// newVectorColumns lays out vectors, which all have dims dimensions or are
// nil (a passage with nothing to embed), by column.
func newVectorColumns(vectors [][]float32, dims int) *vectorColumns {
	return (&vectorColumns{dims: dims}).appended(vectors)
}

// appended returns the columns of c's passages followed by vectors; c is
// not changed and shares its full blocks with the result.
func (c *vectorColumns) appended(vectors [][]float32) *vectorColumns {
	out := &vectorColumns{n: c.n + len(vectors), dims: c.dims, blocks: slices.Clone(c.blocks)}
	rest := vectors
	var work []func()
	if k := len(out.blocks); k > 0 && out.blocks[k-1].n < blockPassages && len(rest) > 0 {
		// The last block is not full: copy it, with room to grow, and fill
		// the copy.
		last := out.blocks[k-1]
		take := min(blockPassages-last.n, len(rest))
		b := newColumnBlock(last.n+take, c.dims)
		for j := range c.dims {
			copy(b.values[j*b.size:j*b.size+last.n], last.values[j*last.size:j*last.size+last.n])
		}
		out.blocks[k-1] = b
		from, part := last.n, rest[:take]
		work = append(work, func() { b.fill(from, part, c.dims) })
		rest = rest[take:]
	}
	for len(rest) > 0 {
		take := min(blockPassages, len(rest))
		b := newColumnBlock(take, c.dims)
		out.blocks = append(out.blocks, b)
		part := rest[:take]
		work = append(work, func() { b.fill(0, part, c.dims) })
		rest = rest[take:]
	}
	// The blocks are filled on every CPU.
	workers := min(runtime.NumCPU(), len(work))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for k := w; k < len(work); k += workers {
				work[k]()
			}
		})
	}
	wg.Wait()
	return out
}

// newColumnBlock returns a block of n passages with room for more: a
// small corpus gets a small block, one that grows by a few passages at a
// time does not copy its block each time.
func newColumnBlock(n, dims int) *columnBlock {
	room := n
	if n < blockPassages {
		room = min(blockPassages, n+n/4+16)
	}
	// A cache line more than the room, so that the columns, a power of two
	// apart, do not all fall in the same sets of the processor's cache.
	size := room + 16
	b := &columnBlock{n: n, size: size, values: make([]float32, size*dims)}
	adviseHugePages(b.values)
	return b
}

// fill writes vectors into the block from its passage from on.
func (b *columnBlock) fill(from int, vectors [][]float32, dims int) {
	// Sixteen columns at a time: each passage gives one cache line of its
	// vector, and the sixteen columns are written in order.
	const tile = 16
	for j0 := 0; j0 < dims; j0 += tile {
		j1 := min(j0+tile, dims)
		for i, v := range vectors {
			if v == nil {
				continue // a passage without a vector scores nothing
			}
			at := j0*b.size + from + i
			for _, x := range v[j0:j1] {
				b.values[at] = x
				at += b.size
			}
		}
	}
}

// parallelColumnsFrom is the passage count from which a question's columns
// are added up on every CPU, each over its share of the blocks.
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
	add := func(lo, hi int) { // blocks lo to hi
		for bi := lo; bi < hi; bi++ {
			b := c.blocks[bi]
			part := scores[bi*blockPassages : bi*blockPassages+b.n]
			for _, j := range dims {
				qj := q[j]
				col := b.values[j*b.size : j*b.size+b.n]
				for i, x := range col {
					part[i] += qj * x
				}
			}
		}
	}
	if workers := runtime.NumCPU(); c.n >= parallelColumnsFrom && workers > 1 {
		var wg sync.WaitGroup
		step := (len(c.blocks) + workers - 1) / workers
		for lo := 0; lo < len(c.blocks); lo += step {
			wg.Go(func() { add(lo, min(lo+step, len(c.blocks))) })
		}
		wg.Wait()
	} else {
		add(0, len(c.blocks))
	}
	top := newTopDocs(k)
	for i, s := range scores {
		if s > 0 && top.accepts(float64(s)) {
			top.offer(scoredDoc{i, float64(s)})
		}
	}
	return docsOf(top.best())
}
