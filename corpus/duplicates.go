package corpus

import (
	"hash/fnv"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Wire stories are syndicated: the same text, or the same text with a new
// headline, a trimmed paragraph or a few words changed, appears under
// several outlets. Indexed once per copy, one story would fill every
// citation slot of an answer with itself. Load therefore finds such copies
// and indexes each story once; the article that stays names the others in
// AlsoReportedBy.
//
// Two articles are copies when the Jaccard similarity of their sets of word
// shingles is at least DuplicateJaccard. Shingles are runs of shingleWords
// consecutive words, lower-cased, punctuation dropped, so that quotes,
// dashes and capitals do not count as edits. Candidates are found with
// MinHash signatures and locality-sensitive hashing (LSH) over bands, so a
// corpus is not compared pair by pair; every candidate pair is then checked
// with the exact Jaccard similarity of the two shingle sets.

// DuplicateJaccard is the least Jaccard similarity of two articles' word
// 3-shingle sets for them to count as copies of one story. One changed word
// breaks the three shingles that hold it, so scattered edits to one word in
// ten of an article leave a similarity of about (1-0.3)/(1+0.3) ≈ 0.54;
// edits that cluster (a new headline and lead, a dropped paragraph) leave
// more. Two different reports of one event share names and a quote or two,
// which rarely gives 0.15. 0.5 sits between, nearer the copies.
const DuplicateJaccard = 0.5

const (
	// shingleWords is the length of a shingle in words.
	shingleWords = 3
	// minShingles is the least shingles an article needs to be compared: a
	// note of a sentence or two is too short for similarity to mean copying.
	minShingles = 12
	// minhashBands × minhashRows hash functions make a signature. Two
	// articles become candidates when all rows of one band agree, which for
	// similarity J happens with probability 1-(1-J^rows)^bands: 0.99 at
	// J = 0.3 with 32 bands of 3 rows, so the exact check, not the
	// sampling, decides at the 0.5 threshold.
	minhashBands = 32
	minhashRows  = 3
	// maxBucket is the most articles one band may hold and still be
	// compared pair by pair; a story reprinted by more outlets than this
	// is not recognised (none of this corpus's is).
	maxBucket = 64
	// minSharedBands is how many bands two articles must share to be
	// compared exactly.
	minSharedBands = 2
)

// Report is another outlet's copy of an article, set aside by Load.
type Report struct {
	ID        string
	File      string
	Title     string
	Outlet    string
	Published string
}

// shingleSet is the set of hashed word shingles of a text, sorted, each
// once.
type shingleSet []uint64

// FNV-1a, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// wordShingles hashes every run of shingleWords consecutive words of text
// with FNV-1a, each word followed by a zero byte. Words are runs of letters
// and digits, lower-cased.
func wordShingles(text string) shingleSet {
	lower := strings.ToLower(text)
	var set shingleSet
	var last [shingleWords]string // the words before, the latest last
	words := 0
	for i := 0; i < len(lower); {
		r, size := utf8.DecodeRuneInString(lower[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		start := i
		for i < len(lower) {
			r, size := utf8.DecodeRuneInString(lower[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			i += size
		}
		copy(last[:], last[1:])
		last[shingleWords-1] = lower[start:i]
		if words++; words < shingleWords {
			continue
		}
		h := uint64(fnvOffset)
		for _, w := range last {
			for k := 0; k < len(w); k++ {
				h = (h ^ uint64(w[k])) * fnvPrime
			}
			h *= fnvPrime // the zero byte
		}
		set = append(set, h)
	}
	slices.Sort(set)
	return slices.Compact(set)
}

// jaccard is |a ∩ b| / |a ∪ b|.
func jaccard(a, b shingleSet) float64 {
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			common++
			i++
			j++
		}
	}
	union := len(a) + len(b) - common
	if union == 0 {
		return 0
	}
	return float64(common) / float64(union)
}

// minhash is the MinHash signature of set: for each of the hash functions
// x ↦ mix(x ^ seed_i), the least value over the set.
func minhash(set shingleSet) []uint64 {
	sig := make([]uint64, minhashBands*minhashRows)
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for _, h := range set {
		for i := range sig {
			if v := mix64(h ^ (uint64(i+1) * 0x9e3779b97f4a7c15)); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// mix64 is the SplitMix64 finaliser, a cheap good 64-bit mixer.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// bandKeys returns the LSH band keys of text's MinHash signature, one per
// band, or nil when the text has too few shingles to be compared. Article
// keeps them (Bands), so that a load that takes an article from a cache
// does not shingle and hash its text again.
func bandKeys(text string) []uint64 {
	set := wordShingles(text)
	if len(set) < minShingles {
		return nil
	}
	sig := minhash(set)
	keys := make([]uint64, minhashBands)
	for band := range minhashBands {
		h := fnv.New64a()
		for _, v := range sig[band*minhashRows : (band+1)*minhashRows] {
			var b [8]byte
			for k := range b {
				b[k] = byte(v >> (8 * k))
			}
			h.Write(b[:])
		}
		keys[band] = h.Sum64()
	}
	return keys
}

// NearDuplicates groups the articles that are copies of one story. Each
// group lists indexes into articles, the one to keep first: the earliest
// published (the original, most likely), then the one with the most text,
// then the first by file name. Articles without a copy are in no group.
func NearDuplicates(articles []Article) [][]int { return nearDuplicates(articles, nil) }

// nearDuplicates is NearDuplicates knowing, when settled is not nil, that
// two articles both settled are no copies of each other: they are not
// compared.
func nearDuplicates(articles []Article, settled []bool) [][]int {
	buckets := bandBuckets(articles, settled)
	if len(buckets) == 0 {
		return nil
	}
	parent := make([]int, len(articles))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// Pairs that share at least minSharedBands bands are candidates: two
	// copies share several (at J = 0.5, 92% of pairs share two or more of
	// the 32 bands; at J = 0.7, all), two articles on one topic rarely more
	// than one.
	shared := map[[2]int]int{}
	for _, members := range buckets {
		if len(members) > maxBucket {
			// A band that many articles share is common text (a
			// template, a standard paragraph), not one story: comparing
			// every pair would be quadratic.
			continue
		}
		for x := 0; x < len(members); x++ {
			for y := x + 1; y < len(members); y++ {
				if settled != nil && settled[members[x]] && settled[members[y]] {
					continue
				}
				shared[[2]int{members[x], members[y]}]++
			}
		}
	}
	pairs := make([][2]int, 0, len(shared))
	for pair, n := range shared {
		if n >= minSharedBands {
			pairs = append(pairs, pair)
		}
	}
	// In a fixed order, so that the groups do not depend on map order.
	sort.Slice(pairs, func(a, b int) bool {
		return pairs[a][0] < pairs[b][0] || pairs[a][0] == pairs[b][0] && pairs[a][1] < pairs[b][1]
	})
	// Only candidates are shingled for the exact check, on every CPU.
	sets := map[int]shingleSet{}
	for _, pair := range pairs {
		sets[pair[0]], sets[pair[1]] = nil, nil
	}
	candidates := slices.Collect(maps.Keys(sets))
	shingled := make([]shingleSet, len(candidates))
	workers := min(runtime.NumCPU(), max(1, len(candidates)/32))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for k := w; k < len(candidates); k += workers {
				shingled[k] = wordShingles(articles[candidates[k]].Text)
			}
		})
	}
	wg.Wait()
	for k, i := range candidates {
		sets[i] = shingled[k]
	}
	for _, pair := range pairs {
		i, j := pair[0], pair[1]
		if find(i) == find(j) {
			continue
		}
		if jaccard(sets[i], sets[j]) >= DuplicateJaccard {
			parent[find(j)] = find(i)
		}
	}
	groups := map[int][]int{}
	for i := range articles {
		groups[find(i)] = append(groups[find(i)], i)
	}
	var out [][]int
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		sort.Slice(g, func(x, y int) bool { return keepFirst(articles[g[x]], articles[g[y]]) })
		out = append(out, g)
	}
	sort.Slice(out, func(x, y int) bool { return out[x][0] < out[y][0] })
	return out
}

// bandBuckets returns the articles of each band bucket that holds more than
// one, each in index order. With settled, only the buckets that hold an
// article not settled: the others give no pair to compare.
func bandBuckets(articles []Article, settled []bool) [][]int {
	if settled != nil {
		wanted := map[[2]uint64][]int{}
		for i, a := range articles {
			if !settled[i] {
				for band, k := range bandsOf(a) {
					wanted[[2]uint64{uint64(band), k}] = nil
				}
			}
		}
		if len(wanted) == 0 {
			return nil
		}
		for i, a := range articles {
			for band, k := range bandsOf(a) {
				key := [2]uint64{uint64(band), k}
				if members, ok := wanted[key]; ok {
					wanted[key] = append(members, i)
				}
			}
		}
		var buckets [][]int
		for _, members := range wanted {
			if len(members) > 1 {
				buckets = append(buckets, members)
			}
		}
		return buckets
	}
	// Entries sorted by band, key and article, so a bucket is a run of
	// them.
	type bandEntry struct {
		band    int
		key     uint64
		article int
	}
	entries := make([]bandEntry, 0, len(articles)*minhashBands)
	for i, a := range articles {
		for band, k := range bandsOf(a) {
			entries = append(entries, bandEntry{band, k, i})
		}
	}
	slices.SortFunc(entries, func(x, y bandEntry) int {
		if x.band != y.band {
			return x.band - y.band
		}
		if x.key != y.key {
			if x.key < y.key {
				return -1
			}
			return 1
		}
		return x.article - y.article
	})
	var buckets [][]int
	for lo := 0; lo < len(entries); {
		hi := lo + 1
		for hi < len(entries) && entries[hi].band == entries[lo].band && entries[hi].key == entries[lo].key {
			hi++
		}
		if hi-lo > 1 {
			members := make([]int, hi-lo)
			for k := range members {
				members[k] = entries[lo+k].article
			}
			buckets = append(buckets, members)
		}
		lo = hi
	}
	return buckets
}

// bandsOf returns the band keys of a, which it keeps or which are made.
func bandsOf(a Article) []uint64 {
	if len(a.Bands) == minhashBands {
		return a.Bands
	}
	return bandKeys(a.Text)
}

// keepFirst orders copies of a story: dated before undated, earlier before
// later, longer before shorter, then by file name.
func keepFirst(a, b Article) bool {
	switch {
	case (a.Published == "") != (b.Published == ""):
		return a.Published != ""
	case a.Published != b.Published:
		return a.Published < b.Published
	case len(a.Text) != len(b.Text):
		return len(a.Text) > len(b.Text)
	}
	return a.File < b.File
}

// setAsideDuplicates keeps one article of each group of copies and returns
// the kept articles, in their order, and the copies set aside, each with
// DuplicateOf naming the article kept in its place, which lists them in
// AlsoReportedBy. Articles a Cache gave back (cached) are known to be no
// copies of each other (see Cache).
func setAsideDuplicates(articles []Article, cached []bool) (kept, copies []Article) {
	groups := nearDuplicates(articles, cached)
	if len(groups) == 0 {
		return articles, nil
	}
	drop := map[int]bool{}
	for _, g := range groups {
		first := &articles[g[0]]
		for _, i := range g[1:] {
			a := articles[i]
			first.AlsoReportedBy = append(first.AlsoReportedBy, Report{ID: a.ID, File: a.File, Title: a.Title, Outlet: a.Outlet, Published: a.Published})
			a.DuplicateOf = first.ID
			copies = append(copies, a)
			drop[i] = true
		}
	}
	for i, a := range articles {
		if !drop[i] {
			kept = append(kept, a)
		}
	}
	return kept, copies
}
