package retrieval

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/alliancebot/alliancebot/corpus"
)

// The index file keeps what a warm start needs so that nothing is redone for
// an unchanged article: the cleaned articles and their passages, each
// passage's analysis (tokens, index terms, term counts) and its vector. It is
// written and read as a stream, article by article, so saving holds no
// second copy of the index:
//
//	magic "alliancebot index\n"
//	header: format, embedder, chunking, analysis (strings), dims, articles,
//	        passages, strings (counts)
//	the strings the analyses use: words, stems, index terms
//	per article: file, digest, size, modification and status change time, ID, title,
//	             outlet, published, language, URL, cleaned text, passages
//	  per passage: ID, paragraph, start, end, sentence spans, tokens (offset
//	               from the previous token's end, length, word, stem, flags,
//	               terms), content words, term counts, vector (dims
//	               little-endian float32)
//	the article table: per article, where it starts in the file, the
//	index of its first passage and the CRC-32C of its bytes, so that
//	articles decode and are checked on every CPU, each as it is read
//	where the table starts (8 bytes, little-endian)
//	CRC-32C of the header, the strings and the table, with where it
//	starts (4 bytes, little-endian)
//
// Counts and numbers are unsigned varints, strings a varint length and
// bytes, strings of the analyses an index into the string list. An index
// built by another embedder, chunking, analysis or format is not used.

// indexFileMagic starts an index file; a chromem-go export starts otherwise
// (with gzip's or gob's first bytes), so both can be told apart.
const indexFileMagic = "alliancebot index\n"

// indexFileFormat names this layout; change it when the layout changes.
const indexFileFormat = "alliancebot-index-6"

// analysisVersion names the way passages are analysed (tokenize, the
// stemmers, analyzeTokens); change it when they change. The glossary and
// the stopwords are part of the analysis too; the index header adds their
// hashes.
const analysisVersion = "analysis-v2"

// Limits that keep a damaged file from asking for absurd allocations.
const (
	maxStoredString = 2 * corpus.MaxFileSize
	maxStoredCount  = 1 << 26
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// Token flags in the file.
const (
	flagCapital = 1 << iota
	flagCyrillic
	flagStop
)

// storedIndex is what an index file gives back: the articles and passages,
// and per passage its analysis and vector.
type storedIndex struct {
	articles []storedArticle
	passages int
}

type storedArticle struct {
	article  corpus.Article
	passages []corpus.Passage
	analyses []analyzed
	vectors  [][]float32
}

// indexHeader is what an index file records about what built it: the file
// format, the embedder, corpus.ChunkingVersion and the analysis.
type indexHeader struct {
	format, embedder, chunking, analysis string
}

// writeIndexFile streams idx to w in the index file format.
func writeIndexFile(w io.Writer, h indexHeader, idx *index) error {
	// The strings the analyses use, and the term counts by passage, which
	// the posting lists hold.
	ids := map[string]uint64{}
	var table []string
	intern := func(s string) {
		if _, ok := ids[s]; !ok {
			ids[s] = uint64(len(table))
			table = append(table, s)
		}
	}
	for _, a := range idx.analyzed {
		for i, t := range a.tokens {
			intern(t.lower)
			intern(t.stem)
			for _, k := range a.keys[i] {
				intern(k)
			}
		}
	}
	for k := range idx.lexical.postings {
		intern(k)
	}
	terms := newTermsByDoc(idx.lexical.postings)
	byArticle := map[string][]int{}
	for i, p := range idx.passages {
		byArticle[p.ArticleID] = append(byArticle[p.ArticleID], i)
	}

	out := &indexWriter{w: bufio.NewWriterSize(w, 1<<16)}
	out.raw([]byte(indexFileMagic))
	for _, s := range []string{h.format, h.embedder, h.chunking, h.analysis} {
		out.str(s)
	}
	dims := 0
	for _, v := range idx.vectors {
		if v != nil {
			dims = len(v)
			break
		}
	}
	out.num(uint64(dims))
	out.num(uint64(len(idx.sources)))
	out.num(uint64(len(idx.passages)))
	out.num(uint64(len(table)))
	for _, s := range table {
		out.str(s)
	}
	starts := make([]int64, 0, len(idx.sources))
	firsts := make([]int, 0, len(idx.sources))
	written := 0
	sums := make([]uint32, 0, len(idx.sources))
	for i, a := range idx.sources {
		if i > 0 {
			sums = append(sums, out.part)
		}
		out.inArticle, out.part = true, 0
		starts = append(starts, out.n)
		firsts = append(firsts, written)
		out.str(a.File)
		out.str(a.Digest)
		out.num(uint64(a.Stamp.Size))
		out.num(uint64(a.Stamp.ModTime))
		out.num(uint64(a.Stamp.Changed))
		// The raw body is not kept: nothing a warm start does reads it.
		for _, s := range []string{a.ID, a.Title, a.Outlet, a.Published, a.Language, a.URL, a.Text, a.DuplicateOf} {
			out.str(s)
		}
		out.num(uint64(len(a.AlsoReportedBy)))
		for _, r := range a.AlsoReportedBy {
			for _, s := range []string{r.ID, r.File, r.Title, r.Outlet, r.Published} {
				out.str(s)
			}
		}
		out.num(uint64(len(a.Bands)))
		for _, k := range a.Bands {
			out.num(k)
		}
		list := byArticle[a.ID]
		written += len(list)
		out.num(uint64(len(list)))
		for _, d := range list {
			p := idx.passages[d]
			out.str(p.ID)
			out.num(uint64(p.Paragraph))
			out.num(uint64(p.Start))
			out.num(uint64(p.End))
			out.num(uint64(len(p.Sentences)))
			for _, s := range p.Sentences {
				out.num(uint64(s.Start))
				out.num(uint64(s.End))
			}
			an := idx.analyzed[d]
			out.num(uint64(len(an.tokens)))
			prevEnd := 0
			for i, t := range an.tokens {
				out.num(uint64(t.start - prevEnd))
				out.num(uint64(t.end - t.start))
				prevEnd = t.end
				out.num(ids[t.lower])
				out.num(ids[t.stem])
				var flags byte
				if t.capital {
					flags |= flagCapital
				}
				if t.cyrillic {
					flags |= flagCyrillic
				}
				if t.stop {
					flags |= flagStop
				}
				out.raw([]byte{flags})
				out.num(uint64(len(an.keys[i])))
				for _, k := range an.keys[i] {
					out.num(ids[k])
				}
			}
			out.num(uint64(an.length))
			counts := terms.of(d)
			out.num(uint64(len(counts)))
			for _, t := range counts {
				out.num(ids[t.key])
				out.num(uint64(t.tf))
			}
			// A passage with nothing to embed has no vector.
			if v := idx.vectors[d]; v != nil {
				out.raw([]byte{1})
				out.floats(v)
			} else {
				out.raw([]byte{0})
			}
		}
	}
	if len(starts) > 0 {
		sums = append(sums, out.part)
	}
	out.inArticle = false
	// The article table, and where it starts.
	tableAt := out.n
	out.num(uint64(len(starts)))
	for i := range starts {
		out.num(uint64(starts[i]))
		out.num(uint64(firsts[i]))
		out.num(uint64(sums[i]))
	}
	out.raw(binary.LittleEndian.AppendUint64(nil, uint64(tableAt)))
	out.raw(binary.LittleEndian.AppendUint32(nil, out.whole))
	if err := out.w.Flush(); err != nil {
		return err
	}
	return out.err
}

// termsByDoc gives the term counts of each passage, which the posting
// lists hold by term, a block of passages at a time: saving an index does
// not hold a second copy of its posting lists.
type termsByDoc struct {
	keys   []string
	lists  [][]posting
	cursor []int // per list, its first posting at or after hi
	lo, hi int   // the block of passages in counts
	counts [][]termCount
}

// termBlock is how many passages' term counts termsByDoc holds at once.
const termBlock = 4096

func newTermsByDoc(postings map[string][]posting) *termsByDoc {
	t := &termsByDoc{keys: make([]string, 0, len(postings)), lists: make([][]posting, 0, len(postings)),
		counts: make([][]termCount, termBlock), lo: -1, hi: -1}
	for k, list := range postings {
		t.keys = append(t.keys, k)
		t.lists = append(t.lists, list)
	}
	t.cursor = make([]int, len(t.lists))
	return t
}

// of returns the term counts of passage d, by key; they stay valid until
// of is asked for a passage of another block.
func (t *termsByDoc) of(d int) []termCount {
	if d < t.lo || d >= t.hi {
		t.load(d - d%termBlock)
	}
	return t.counts[d-t.lo]
}

// load fills counts with the block of passages from lo.
func (t *termsByDoc) load(lo int) {
	if lo != t.hi {
		// Not the block after the last one: find where each list's
		// postings of the block start. Posting lists are in passage order.
		for k, list := range t.lists {
			t.cursor[k] = sort.Search(len(list), func(i int) bool { return int(list[i].doc) >= lo })
		}
	}
	t.lo, t.hi = lo, lo+termBlock
	for i := range t.counts {
		t.counts[i] = t.counts[i][:0]
	}
	for k, list := range t.lists {
		c := t.cursor[k]
		for ; c < len(list) && int(list[c].doc) < t.hi; c++ {
			d := int(list[c].doc) - lo
			t.counts[d] = append(t.counts[d], termCount{t.keys[k], list[c].tf})
		}
		t.cursor[k] = c
	}
	for _, counts := range t.counts {
		slices.SortFunc(counts, func(x, y termCount) int { return strings.Compare(x.key, y.key) })
	}
}

// indexWriter writes the parts of an index file, keeping the first error,
// and their checksums: of the article being written (part), or of the rest
// (whole).
type indexWriter struct {
	w           *bufio.Writer
	buf         []byte
	n           int64 // bytes written
	err         error
	inArticle   bool
	part, whole uint32
}

func (w *indexWriter) raw(b []byte) {
	if w.err == nil {
		_, w.err = w.w.Write(b)
		w.n += int64(len(b))
		w.sum(b)
	}
}

func (w *indexWriter) sum(b []byte) {
	if w.inArticle {
		w.part = crc32.Update(w.part, crcTable, b)
	} else {
		w.whole = crc32.Update(w.whole, crcTable, b)
	}
}

func (w *indexWriter) num(n uint64) {
	w.buf = binary.AppendUvarint(w.buf[:0], n)
	w.raw(w.buf)
}

func (w *indexWriter) str(s string) {
	w.num(uint64(len(s)))
	if w.err == nil {
		_, w.err = w.w.WriteString(s)
		w.n += int64(len(s))
		if len(s) > 0 {
			w.sum(unsafe.Slice(unsafe.StringData(s), len(s)))
		}
	}
}

func (w *indexWriter) floats(v []float32) {
	if littleEndian && len(v) > 0 {
		w.raw(unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), 4*len(v)))
		return
	}
	w.buf = w.buf[:0]
	for _, x := range v {
		w.buf = binary.LittleEndian.AppendUint32(w.buf, math.Float32bits(x))
	}
	w.raw(w.buf)
}

// littleEndian reports a machine that keeps a float32 in memory as the file
// does, so vectors are copied as they are rather than number by number.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// errNotIndexFile reports a file that does not start like an index file.
var errNotIndexFile = errors.New("not an index file")

// decodeIndexFile reads an index file of size bytes written by
// writeIndexFile, for an engine that wants header want. It checks the
// checksum first, in one pass over the file, and then decodes. Its errors
// wrap errNotIndexFile (the file is something else), ErrIndexMismatch or
// ErrCorruptIndex.
func decodeIndexFile(f io.ReaderAt, size int64, want indexHeader) (st storedIndex, err error) {
	magic := make([]byte, len(indexFileMagic))
	if n, _ := f.ReadAt(magic, 0); n < len(magic) || string(magic) != indexFileMagic {
		return st, errNotIndexFile
	}
	if size < int64(len(indexFileMagic))+12 {
		return st, fmt.Errorf("%w: truncated", ErrCorruptIndex)
	}
	// The article table at the end says where each article starts, which
	// passage is its first and its checksum, so that the articles are
	// decoded and checked on every CPU, each worker a run of them; the
	// header ends where the first article starts. The header and the table
	// have a checksum of their own.
	table, tableAt, err := readArticleTable(f, size)
	if err != nil {
		return st, fmt.Errorf("%w: %v", ErrCorruptIndex, err)
	}
	starts, firsts, sums := table.starts, table.firsts, table.sums
	headerEnd := tableAt
	if len(starts) > 0 {
		headerEnd = starts[0]
	}
	in, err := readSection(f, 0, headerEnd)
	if err != nil {
		return st, fmt.Errorf("%w: %v", ErrCorruptIndex, err)
	}
	if crc32.Update(crc32.Update(0, crcTable, in.data), crcTable, table.bytes) != table.sum {
		return st, fmt.Errorf("%w: checksum mismatch", ErrCorruptIndex)
	}
	in.skip(len(indexFileMagic))
	got := indexHeader{format: in.str(), embedder: in.str(), chunking: in.str(), analysis: in.str()}
	if in.err != nil {
		return st, fmt.Errorf("%w: %v", ErrCorruptIndex, in.err)
	}
	for _, f := range []struct{ name, got, want string }{
		{metaFormat, got.format, want.format}, {metaEmbedder, got.embedder, want.embedder},
		{metaChunking, got.chunking, want.chunking}, {"analysis", got.analysis, want.analysis},
	} {
		if f.got != f.want {
			return st, fmt.Errorf("%w: %s %q, this engine uses %q", ErrIndexMismatch, f.name, f.got, f.want)
		}
	}
	dims := in.count(1 << 16)
	articles := in.count(maxStoredCount)
	st.passages = in.count(maxStoredCount)
	strs := make([]string, in.count(maxStoredCount))
	for i := range strs {
		strs[i] = in.str()
	}
	switch {
	case in.err != nil:
		err = in.err
	case in.pos != len(in.data):
		err = errors.New("the first article is not where the table says")
	case int64(st.passages)*int64(dims)*4 > size || int64(articles) > size:
		err = errors.New("the header promises more than the file holds")
	case len(starts) != articles:
		err = fmt.Errorf("the article table has %d articles, the header %d", len(starts), articles)
	case articles > 0 && firsts[0] != 0:
		err = errors.New("the first article does not start at the first passage")
	case articles == 0 && st.passages != 0:
		err = errors.New("passages without articles")
	}
	if err == nil {
		for _, first := range firsts {
			if first > st.passages {
				err = errors.New("the article table names more passages than the header")
				break
			}
		}
	}
	if err != nil {
		return st, fmt.Errorf("%w: %v", ErrCorruptIndex, err)
	}
	flat := make([]float32, st.passages*dims)
	adviseHugePages(flat)
	st.articles = make([]storedArticle, articles)
	workers := min(runtime.NumCPU(), max(1, articles/16))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := articles*w/workers, articles*(w+1)/workers
		if lo == hi {
			continue
		}
		wg.Go(func() {
			defer func() {
				// The checksums pass a file some earlier version wrote
				// wrong: it must not take the process down.
				if p := recover(); p != nil {
					errs[w] = fmt.Errorf("decode: %v", p)
				}
			}()
			d := articleDecoder{table: strs, dims: dims, flat: flat, next: firsts[lo]}
			// The articles are read in batches of about batchBytes, each
			// decoded from memory.
			const batchBytes = 4 << 20
			var buf []byte
			for a := lo; a < hi && errs[w] == nil; {
				b := a + 1
				for b < hi && starts[b]-starts[a] < batchBytes {
					b++
				}
				end := tableAt
				if b < articles {
					end = starts[b]
				}
				d.last = st.passages
				if b < articles {
					d.last = firsts[b]
				}
				if cap(buf) < int(end-starts[a]) {
					buf = make([]byte, end-starts[a])
				}
				if _, err := f.ReadAt(buf[:end-starts[a]], starts[a]); err != nil {
					errs[w] = fmt.Errorf("read articles %d to %d: %v", a, b-1, err)
					break
				}
				d.in = &indexReader{data: buf[:end-starts[a]]}
				from := starts[a]
				for k := a; k < b; k++ {
					articleEnd := tableAt
					if k+1 < articles {
						articleEnd = starts[k+1]
					}
					if crc32.Checksum(d.in.data[starts[k]-from:articleEnd-from], crcTable) != sums[k] {
						d.in.fail("article %d: checksum mismatch", k)
						break
					}
				}
				for ; a < b && d.in.err == nil; a++ {
					if d.next != firsts[a] {
						d.in.fail("article %d starts at passage %d, the table says %d", a, d.next, firsts[a])
					}
					st.articles[a] = d.article()
				}
				if d.in.err == nil && d.next != d.last {
					d.in.fail("%d passages before article %d, where the table says %d", d.next, b, d.last)
				}
				if d.in.err == nil && d.in.pos != len(d.in.data) {
					d.in.fail("data after article %d", b-1)
				}
				errs[w] = d.in.err
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return storedIndex{}, fmt.Errorf("%w: %v", ErrCorruptIndex, err)
	}
	for _, a := range st.articles {
		for i, v := range a.vectors {
			if v == nil {
				continue
			}
			if err := checkVector(v); err != nil {
				return storedIndex{}, fmt.Errorf("%w: passage %q: %v", ErrCorruptIndex, a.passages[i].ID, err)
			}
		}
	}
	return st, nil
}

// readSection reads the bytes of f from off to end into a reader.
func readSection(f io.ReaderAt, off, end int64) (*indexReader, error) {
	if end < off || end-off > maxStoredString*64 {
		return nil, fmt.Errorf("a section of %d bytes at %d", end-off, off)
	}
	data := make([]byte, end-off)
	if _, err := f.ReadAt(data, off); err != nil {
		return nil, fmt.Errorf("truncated: %v", err)
	}
	return &indexReader{data: data}, nil
}

// articleDecoder decodes a run of articles of an index file.
type articleDecoder struct {
	in    *indexReader
	table []string
	dims  int
	flat  []float32 // every passage's vector, in order
	next  int       // the index of the next passage
	last  int       // the index after the batch's last passage
	// Slabs the passages' slices are cut from: a few large allocations
	// rather than several per passage.
	tokens    []token
	keys      [][]string
	strs      []string
	terms     []termCount
	sentences []corpus.Span
}

// carve cuts a slice of n elements from the front of slab, taking a new
// slab when it has no room; the slice's capacity is n, so appending to it
// copies it rather than writing into the slab.
func carve[T any](slab *[]T, n int) []T {
	if n == 0 {
		return nil
	}
	if cap(*slab)-len(*slab) < n {
		// Each slab twice the last, up to 16,384 elements: a small index
		// does not pay for large slabs.
		*slab = make([]T, 0, max(n, min(max(2*cap(*slab), 256), 1<<14)))
	}
	k := len(*slab)
	*slab = (*slab)[:k+n]
	return (*slab)[k : k+n : k+n]
}

func (d *articleDecoder) lookup() string {
	i := d.in.count(len(d.table))
	if i < len(d.table) {
		return d.table[i]
	}
	return ""
}

// article decodes one article and its passages.
func (d *articleDecoder) article() storedArticle {
	in := d.in
	var a corpus.Article
	a.File, a.Digest = in.str(), in.str()
	a.Stamp = corpus.FileStamp{Size: int64(in.num()), ModTime: int64(in.num()), Changed: int64(in.num())}
	for _, f := range []*string{&a.ID, &a.Title, &a.Outlet, &a.Published, &a.Language, &a.URL, &a.Text, &a.DuplicateOf} {
		*f = in.str()
	}
	if reports := in.count(maxStoredCount); reports > 0 {
		a.AlsoReportedBy = make([]corpus.Report, reports)
		for i := range a.AlsoReportedBy {
			r := &a.AlsoReportedBy[i]
			for _, f := range []*string{&r.ID, &r.File, &r.Title, &r.Outlet, &r.Published} {
				*f = in.str()
			}
		}
	}
	if bands := in.count(maxStoredCount); bands > 0 {
		a.Bands = make([]uint64, bands)
		for i := range a.Bands {
			a.Bands[i] = in.num()
		}
	}
	sa := storedArticle{article: a}
	n := in.count(d.last - d.next)
	sa.passages = make([]corpus.Passage, 0, n)
	sa.analyses = make([]analyzed, 0, n)
	sa.vectors = make([][]float32, 0, n)
	for range n {
		if in.err != nil {
			break
		}
		p := corpus.Passage{ID: in.str(), ArticleID: a.ID, Title: a.Title, Outlet: a.Outlet, Published: a.Published, Language: a.Language,
			URL: a.URL, AlsoReportedBy: a.AlsoReportedBy}
		p.Paragraph = in.count(maxStoredCount)
		p.Start, p.End = in.count(len(a.Text)), in.count(len(a.Text))
		if p.Start > p.End {
			in.fail("passage %s ends before it starts", p.ID)
			break
		}
		p.Text = a.Text[p.Start:p.End]
		p.Sentences = carve(&d.sentences, in.count(len(p.Text)+1))
		for i := range p.Sentences {
			p.Sentences[i] = corpus.Span{Start: in.count(len(p.Text)), End: in.count(len(p.Text))}
		}
		an := analyzed{tokens: carve(&d.tokens, in.count(len(p.Text)+1))}
		an.keys = carve(&d.keys, len(an.tokens))
		if !d.tokens2(in, &an, len(p.Text)) {
			in.fail("passage %s has a bad word", p.ID)
			break
		}
		an.length = in.count(len(p.Text) + 1)
		an.terms = carve(&d.terms, in.count(len(d.table)))
		for i := range an.terms {
			an.terms[i] = termCount{d.lookup(), int32(in.count(math.MaxInt32))}
		}
		if in.err != nil {
			break
		}
		var v []float32
		switch in.byte() {
		case 0: // nothing to embed
		case 1:
			v = d.flat[d.next*d.dims : (d.next+1)*d.dims : (d.next+1)*d.dims]
			in.floats(v)
		default:
			in.fail("passage %s has a bad vector flag", p.ID)
		}
		d.next++
		sa.passages = append(sa.passages, p)
		sa.analyses = append(sa.analyses, an)
		sa.vectors = append(sa.vectors, v)
	}
	return sa
}

// tokens2 decodes the words of a passage of textLen bytes into an, whose
// tokens and keys have their length: the bulk of an index file, so it reads
// the bytes itself rather than number by number through in. It reports
// false for a damaged passage.
func (d *articleDecoder) tokens2(in *indexReader, an *analyzed, textLen int) bool {
	if in.err != nil {
		return false
	}
	data, at := in.data, in.pos
	table := d.table
	n := uint64(len(table))
	end := 0
	for i := range an.tokens {
		var gap, length, lower, stem, keys uint64
		gap, at = uvarintAt(data, at)
		length, at = uvarintAt(data, at)
		lower, at = uvarintAt(data, at)
		stem, at = uvarintAt(data, at)
		if at < 0 || at >= len(data) || lower >= n || stem >= n || gap > uint64(textLen) || length > uint64(textLen) {
			return false
		}
		flags := data[at]
		keys, at = uvarintAt(data, at+1)
		start := end + int(gap)
		if at < 0 || start+int(length) > textLen || keys > n {
			return false
		}
		end = start + int(length)
		t := &an.tokens[i]
		t.start, t.end = start, end
		t.lower, t.stem = table[lower], table[stem]
		t.capital, t.cyrillic, t.stop = flags&flagCapital != 0, flags&flagCyrillic != 0, flags&flagStop != 0
		switch keys {
		case 0:
		case 1:
			// A slice of the table itself, its capacity one, shared by
			// every token of the word as the analyser shares it.
			var k uint64
			if k, at = uvarintAt(data, at); at < 0 || k >= n {
				return false
			}
			an.keys[i] = table[k : k+1 : k+1]
		default:
			ks := carve(&d.strs, int(keys))
			for j := range ks {
				var k uint64
				if k, at = uvarintAt(data, at); at < 0 || k >= n {
					return false
				}
				ks[j] = table[k]
			}
			an.keys[i] = ks
		}
	}
	in.pos = at
	return true
}

// uvarintAt reads the number that starts at data[at] and returns it and
// where the next starts, or -1 there when it is cut off, too long or at is.
func uvarintAt(data []byte, at int) (uint64, int) {
	if uint(at) < uint(len(data)) {
		if b := data[at]; b < 0x80 {
			return uint64(b), at + 1
		}
	}
	return longUvarintAt(data, at)
}

func longUvarintAt(data []byte, at int) (uint64, int) {
	if at < 0 || at >= len(data) {
		return 0, -1
	}
	v, k := binary.Uvarint(data[at:])
	if k <= 0 {
		return 0, -1
	}
	return v, at + k
}

// articleTable is the table at the end of an index file: where each
// article starts, the index of its first passage and its checksum; bytes
// are the table's bytes as the file has them, with where it starts, and
// sum the file's checksum of its header and table.
type articleTable struct {
	starts []int64
	firsts []int
	sums   []uint32
	bytes  []byte
	sum    uint32
}

// readArticleTable reads the article table of an index file of size bytes,
// and where it starts. The last 12 bytes of the file are the table's
// offset (8) and the checksum (4).
func readArticleTable(f io.ReaderAt, size int64) (t articleTable, tableAt int64, err error) {
	var at [8]byte
	if _, err := f.ReadAt(at[:], size-12); err != nil {
		return t, 0, fmt.Errorf("no article table: %v", err)
	}
	tableAt = int64(binary.LittleEndian.Uint64(at[:]))
	if tableAt <= int64(len(indexFileMagic)) || tableAt > size-12 {
		return t, 0, errors.New("the article table is out of place")
	}
	in, err := readSection(f, tableAt, size)
	if err != nil {
		return t, 0, err
	}
	t.bytes = in.data[:len(in.data)-4]
	t.sum = binary.LittleEndian.Uint32(in.data[len(in.data)-4:])
	in.data = in.data[:len(in.data)-12]
	articles := in.count(maxStoredCount)
	if in.err == nil && articles > len(in.data) {
		in.fail("the article table claims %d articles", articles)
	}
	t.starts, t.firsts, t.sums = make([]int64, articles), make([]int, articles), make([]uint32, articles)
	for i := 0; i < articles && in.err == nil; i++ {
		t.starts[i], t.firsts[i] = int64(in.count(int(tableAt))), in.count(maxStoredCount)
		if sum := in.num(); sum <= math.MaxUint32 {
			t.sums[i] = uint32(sum)
		} else {
			in.fail("article %d has a checksum of more than 32 bits", i)
		}
		if i > 0 && (t.starts[i] <= t.starts[i-1] || t.firsts[i] < t.firsts[i-1]) {
			in.fail("the article table is out of order")
		}
	}
	if in.err != nil {
		return t, 0, in.err
	}
	if in.pos != len(in.data) {
		return t, 0, errors.New("data after the article table")
	}
	return t, tableAt, nil
}

// indexReader reads the parts of an index file held in memory, keeping the
// first error.
type indexReader struct {
	data []byte
	pos  int
	err  error
}

func (r *indexReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
}

// full returns the next n bytes, which stay valid while data does.
func (r *indexReader) full(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n > len(r.data)-r.pos {
		r.fail("truncated: %d bytes wanted, %d left", n, len(r.data)-r.pos)
		return nil
	}
	b := r.data[r.pos : r.pos+n]
	r.pos += n
	return b
}

func (r *indexReader) skip(n int) { r.full(n) }

func (r *indexReader) byte() byte {
	if b := r.full(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *indexReader) num() uint64 {
	if r.pos < len(r.data) && r.data[r.pos] < 0x80 && r.err == nil {
		// Most numbers are below 128: one byte.
		r.pos++
		return uint64(r.data[r.pos-1])
	}
	return r.longNum()
}

func (r *indexReader) longNum() uint64 {
	if r.err != nil {
		return 0
	}
	n, k := binary.Uvarint(r.data[r.pos:])
	switch {
	case k == 0:
		r.fail("truncated: a number is cut off")
		return 0
	case k < 0:
		r.fail("number too long")
		return 0
	}
	r.pos += k
	return n
}

// count reads a number that must not exceed limit.
func (r *indexReader) count(limit int) int {
	n := r.num()
	if n > uint64(limit) {
		r.fail("number %d over %d", n, limit)
		return 0
	}
	return int(n)
}

func (r *indexReader) str() string {
	n := r.count(maxStoredString)
	if n == 0 {
		return ""
	}
	return string(r.full(n))
}

func (r *indexReader) floats(v []float32) {
	b := r.full(4 * len(v))
	if b == nil {
		return
	}
	if littleEndian && len(v) > 0 {
		copy(unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), 4*len(v)), b)
		return
	}
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
}
