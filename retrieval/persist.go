package retrieval

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/philippgille/chromem-go"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/internal/atomicfile"
)

// The index file (Config.IndexPath) is written in the format of
// indexfile.go. ExportIndex and ImportIndex exchange the passage vectors as a
// chromem-go DB export (gob, gzip-compressed) holding one collection,
// indexCollection, with one document per passage: the passage ID, its text
// as Content, its vector as Embedding and its article as metadata. The
// collection's metadata (indexMetadata) records what built it; an index
// built otherwise is rebuilt, not mixed. An index file in the export format,
// as earlier versions wrote it, is read too, for its vectors.
//
// chromem-go v0.7.0 writes and reads such exports but has no way to list a
// collection's documents or read its metadata back, so readIndex decodes the
// export itself into storedDB, which has the shape of chromem-go's export
// (gob matches fields by name). The tests check both directions, so a change
// of chromem-go's format fails a test rather than every warm start.

// indexCollection is the name of the collection of passages.
const indexCollection = "passages"

// indexFormat names this layout of the index; change it when the documents
// or the metadata change meaning.
const indexFormat = "alliancebot-index-1"

// Keys of the collection metadata.
const (
	metaFormat   = "format"
	metaEmbedder = "embedder"
	metaChunking = "chunking"
)

// ErrIndexMismatch reports a stored index that was built by another embedder
// or model, another chunking version or another index format. Its vectors
// are not used; the passages are embedded again.
var ErrIndexMismatch = errors.New("the index was built with other settings")

// ErrCorruptIndex reports a stored index that cannot be decoded or holds
// unusable vectors.
var ErrCorruptIndex = errors.New("the index is damaged")

// ErrNoIndex reports an Engine that has no index to export yet.
var ErrNoIndex = errors.New("no index is loaded yet")

// storedDB and storedCollection have the shape of chromem-go's export.
type storedDB struct {
	Collections map[string]*storedCollection
}

type storedCollection struct {
	Name      string
	Metadata  map[string]string
	Documents map[string]*chromem.Document
}

// indexMetadata is what the stored index records about what built it.
func (e *Engine) indexMetadata() map[string]string {
	return map[string]string{metaFormat: indexFormat, metaEmbedder: e.embedder.ID(), metaChunking: corpus.ChunkingVersion}
}

// storedVectors is what a chromem-go export gives the engine: vectors by
// passage text.
type storedVectors struct {
	vectors map[string][]float32
}

// indexHeader is what this engine writes in, and wants of, an index file.
func (e *Engine) indexHeader() indexHeader {
	return indexHeader{format: indexFileFormat, embedder: e.embedder.ID(), chunking: corpus.ChunkingVersion,
		analysis: analysisVersion + "+glossary-" + glossaryHash() + "+stopwords-" + stopwordHash()}
}

// glossaryHash and stopwordHash name the glossary and the stopwords, which
// decide how passages are analysed: an index file analysed with others is
// analysed again. The glossary is fixed at build time and hashing it takes
// about half a millisecond, which a start would pay for each use (the local
// embedder's ID, reading and building an index): it is hashed once.
var glossaryHash = sync.OnceValue(func() string {
	sum := sha256.Sum256([]byte(defaultGlossary + "\x00" + countryNames))
	return hex.EncodeToString(sum[:4])
})

func stopwordHash() string {
	words := slices.Sorted(maps.Keys(stopwords))
	sum := sha256.Sum256([]byte(strings.Join(words, " ")))
	return hex.EncodeToString(sum[:4])
}

// readIndex decodes a stored index and checks that this engine can use its
// vectors. Its errors wrap ErrCorruptIndex or ErrIndexMismatch.
func (e *Engine) readIndex(r io.Reader) (storedVectors, error) {
	db, err := decodeStoredDB(r)
	if err != nil {
		return storedVectors{}, fmt.Errorf("%w: %v", ErrCorruptIndex, err)
	}
	col := db.Collections[indexCollection]
	if col == nil {
		return storedVectors{}, fmt.Errorf("%w: it has no %q collection", ErrCorruptIndex, indexCollection)
	}
	want := e.indexMetadata()
	for _, k := range []string{metaFormat, metaEmbedder, metaChunking} {
		if col.Metadata[k] != want[k] {
			return storedVectors{}, fmt.Errorf("%w: %s %q, this engine uses %q", ErrIndexMismatch, k, col.Metadata[k], want[k])
		}
	}
	stored := storedVectors{vectors: make(map[string][]float32, len(col.Documents))}
	dims := -1
	for id, doc := range col.Documents {
		if doc == nil || doc.ID != id || doc.Content == "" {
			return storedVectors{}, fmt.Errorf("%w: passage %q has no text", ErrCorruptIndex, id)
		}
		if err := checkVector(doc.Embedding); err != nil {
			return storedVectors{}, fmt.Errorf("%w: passage %q: %v", ErrCorruptIndex, id, err)
		}
		if dims >= 0 && len(doc.Embedding) != dims {
			return storedVectors{}, fmt.Errorf("%w: passage %q has %d dimensions, others have %d", ErrCorruptIndex, id, len(doc.Embedding), dims)
		}
		dims = len(doc.Embedding)
		stored.vectors[doc.Content] = doc.Embedding
	}
	return stored, nil
}

// decodeStoredDB reads a chromem-go export, compressed or not. It reads a
// compressed stream to its end so that gzip checks it.
func decodeStoredDB(r io.Reader) (db storedDB, err error) {
	defer func() {
		// encoding/gob is not hardened against damaged input; a damaged
		// file must not take the process down.
		if p := recover(); p != nil {
			err = fmt.Errorf("decode: %v", p)
		}
	}()
	br := bufio.NewReader(r)
	var src io.Reader = br
	var gz *gzip.Reader
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		if gz, err = gzip.NewReader(br); err != nil {
			return db, fmt.Errorf("decompress: %w", err)
		}
		src = gz
	}
	if err := gob.NewDecoder(src).Decode(&db); err != nil {
		return db, fmt.Errorf("decode: %w", err)
	}
	if gz != nil {
		if _, err := io.Copy(io.Discard, gz); err != nil {
			return db, fmt.Errorf("decompress: %w", err)
		}
	}
	return db, nil
}

// articlesFingerprint identifies the articles of an index by ID, file
// digest and stamp (by passage texts for an article that has no digest), so
// an index file that holds them already is not written again.
func articlesFingerprint(articles []corpus.Article, passages []corpus.Passage) string {
	f := newFingerprint()
	undigested := map[string]bool{}
	for _, a := range articles {
		f.addArticle(a)
		if a.Digest == "" {
			undigested[a.ID] = true
		}
	}
	for _, p := range passages {
		f.addPassage(p, undigested[p.ArticleID])
	}
	return f.sum()
}

// fingerprint is articlesFingerprint taken an article at a time: the
// articles and the passages go to hashes of their own, so that both orders
// give one fingerprint.
type fingerprint struct {
	articles, passages hash.Hash
	buf                []byte
}

func newFingerprint() *fingerprint {
	return &fingerprint{articles: sha256.New(), passages: sha256.New()}
}

func (f *fingerprint) addArticle(a corpus.Article) {
	f.buf = append(f.buf[:0], a.ID...)
	f.buf = append(f.buf, 0)
	f.buf = append(f.buf, a.File...)
	f.buf = append(f.buf, 0)
	f.buf = append(f.buf, a.Digest...)
	f.buf = append(f.buf, 0)
	f.buf = binary.LittleEndian.AppendUint64(f.buf, uint64(a.Stamp.Size))
	f.buf = binary.LittleEndian.AppendUint64(f.buf, uint64(a.Stamp.ModTime))
	f.buf = binary.LittleEndian.AppendUint64(f.buf, uint64(a.Stamp.Changed))
	f.articles.Write(f.buf)
}

func (f *fingerprint) addPassage(p corpus.Passage, withText bool) {
	f.buf = append(f.buf[:0], p.ID...)
	f.buf = append(f.buf, 0)
	if withText {
		f.buf = append(f.buf, p.Text...)
		f.buf = append(f.buf, 0)
	}
	f.passages.Write(f.buf)
}

func (f *fingerprint) sum() string {
	return hex.EncodeToString(f.passages.Sum(f.articles.Sum(nil)))
}

// readIndexFileOnce reads the index file before the first Load or
// CachedArticle. The caller holds loadMu.
func (e *Engine) readIndexFileOnce() {
	if e.indexPath != "" && !e.indexRead {
		e.indexRead = true
		e.readIndexFile()
	}
}

// readIndexFile seeds the caches from the index file: the articles for
// CachedArticle, the analyses and the vectors. A missing file is a cold
// start; a file built with other settings is left to be overwritten; a
// damaged one is set aside as <name>.corrupt-<time>, so that it can be
// looked at, and the index is rebuilt from the articles. A chromem-go
// export gives its vectors.
func (e *Engine) readIndexFile() {
	path := e.indexPath
	e.removeTempIndexFiles()
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		e.log.Info("no stored index yet; embedding every passage", "path", path)
		return
	}
	if err != nil {
		e.log.Warn("stored index not readable; embedding every passage", "path", path, "err", err)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		e.log.Warn("stored index is not a regular file; embedding every passage", "path", path)
		return
	}
	st, err := decodeIndexFile(f, info.Size(), e.indexHeader())
	if errors.Is(err, errNotIndexFile) {
		var vectors storedVectors
		if vectors, err = e.readIndex(f); err == nil {
			maps.Copy(e.cache, vectors.vectors)
			e.log.Info("stored chromem-go index read", "path", path, "vectors", len(vectors.vectors))
			return
		}
	}
	switch {
	case errors.Is(err, ErrIndexMismatch):
		e.log.Info("stored index was built with other settings; rebuilding it", "path", path, "reason", err)
	case err != nil:
		aside := path + ".corrupt-" + time.Now().UTC().Format("20060102T150405Z")
		if rerr := os.Rename(path, aside); rerr != nil {
			e.log.Warn("stored index is damaged and could not be set aside; rebuilding it", "path", path, "err", err, "rename_err", rerr)
			return
		}
		e.log.Warn("stored index is damaged; set it aside and rebuilding", "path", path, "moved_to", aside, "err", err)
	default:
		e.storedAnalyses = make(map[string]analyzed, st.passages)
		e.cachedArticles = make(map[string]cachedArticle, len(st.articles))
		fp := newFingerprint()
		articles, passages := 0, 0
		keep := func(st storedIndex) {
			for _, a := range st.articles {
				e.cachedArticles[a.article.File] = cachedArticle{article: a.article, passages: a.passages}
				fp.addArticle(a.article)
				articles++
				passages += len(a.passages)
				for i, p := range a.passages {
					fp.addPassage(p, a.article.Digest == "")
					e.cache[p.Text] = a.vectors[i]
					e.storedAnalyses[p.Text] = a.analyses[i]
				}
			}
		}
		keep(st)
		e.addedBase = fp.sum()
		e.addedFiles, e.addedPassages = 0, 0
		// The articles reloads added since the file was written whole.
		added := e.addedFilesOf(path, e.addedBase)
		for i, name := range added {
			part, err := readAddedFile(name, e.indexHeader())
			if err != nil {
				e.log.Warn("added articles not readable; embedding them again", "file", name, "err", err)
				for _, name := range added[i:] {
					e.removeAddedFile(name)
				}
				break
			}
			keep(part)
			e.addedFiles++
			e.addedPassages += part.passages
		}
		e.savedPassages = fp.sum()
		e.log.Info("stored index read", "path", path, "articles", articles, "passages", passages, "added_files", e.addedFiles)
		return
	}
	e.removeAddedFiles() // nothing for them to extend
}

// readAddedFile decodes an added-articles file.
func readAddedFile(name string, want indexHeader) (storedIndex, error) {
	f, err := os.Open(name)
	if err != nil {
		return storedIndex{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return storedIndex{}, err
	}
	return decodeIndexFile(f, info.Size(), want)
}

// CachedArticle implements corpus.Cache: it gives back an article of the
// serving index (or, before the first Load, of the index file) when its file
// has not changed, so that corpus.LoadCached need not clean it again.
func (e *Engine) CachedArticle(name, digest string) (corpus.Article, []corpus.Passage, bool) {
	e.loadMu.Lock()
	defer e.loadMu.Unlock()
	e.readIndexFileOnce()
	ca, ok := e.cachedArticles[name]
	if !ok || ca.article.Digest != digest {
		return corpus.Article{}, nil, false
	}
	return ca.article, ca.passages, true
}

// CachedArticleByStamp implements corpus.StampCache: it gives back an
// article of the serving index (or, before the first Load, of the index
// file) when its file has the size and modification time it had when it
// was read.
func (e *Engine) CachedArticleByStamp(name string, stamp corpus.FileStamp) (corpus.Article, []corpus.Passage, bool) {
	e.loadMu.Lock()
	defer e.loadMu.Unlock()
	e.readIndexFileOnce()
	ca, ok := e.cachedArticles[name]
	if !ok || stamp == (corpus.FileStamp{}) || ca.article.Stamp != stamp {
		return corpus.Article{}, nil, false
	}
	return ca.article, ca.passages, true
}

// saveIndexFile writes idx to the index file unless the file holds these
// articles already. It writes a temporary file beside it and renames it over
// the old one, so a crash leaves the old file or the new one, never half of
// one. A failure is logged: the index serves all the same, and the next
// start embeds what the file lacks.
func (e *Engine) saveIndexFile(idx *index) {
	fp := articlesFingerprint(idx.sources, idx.passages)
	if fp == e.savedPassages {
		e.savedIndex = idx
		return
	}
	err := atomicfile.Write(e.indexPath, func(w *bufio.Writer) error {
		return writeIndexFile(w, e.indexHeader(), idx)
	})
	if err != nil {
		e.log.Warn("index not saved; the next start embeds the passages again", "path", e.indexPath, "err", err)
		return
	}
	e.savedPassages, e.savedIndex = fp, idx
	e.addedBase, e.addedFiles, e.addedPassages = fp, 0, 0
	e.removeAddedFiles()
	e.log.Info("index saved", "path", e.indexPath, "passages", len(idx.passages))
}

// ExportIndex writes the serving index to w in the format of the index file
// (a gzip-compressed chromem-go export), so that another replica can start
// from it with ImportIndex instead of embedding every passage.
func (e *Engine) ExportIndex(w io.Writer) error {
	idx := e.idx.Load()
	if idx == nil {
		return ErrNoIndex
	}
	if err := idx.db.ExportToWriter(w, true, "", indexCollection); err != nil {
		return fmt.Errorf("export index: %w", err)
	}
	return nil
}

// ImportIndex reads an index written by ExportIndex (or an index file) and
// keeps its vectors for the next Load, which then embeds only the passages
// the index lacks. It serves nothing by itself: the index holds vectors, not
// articles. An index built by another embedder or chunking version is
// refused with ErrIndexMismatch, a damaged one with ErrCorruptIndex.
func (e *Engine) ImportIndex(r io.Reader) error {
	e.loadMu.Lock()
	defer e.loadMu.Unlock()
	stored, err := e.readIndex(r)
	if err != nil {
		return fmt.Errorf("import index: %w", err)
	}
	maps.Copy(e.cache, stored.vectors)
	e.log.Info("index imported", "vectors", len(stored.vectors))
	return nil
}

// removeTempIndexFiles deletes the temporary files a write of the index
// file left behind when the process died before renaming them. It runs
// before the first Load of the process, when no write of its own is under
// way.
func (e *Engine) removeTempIndexFiles() {
	leftovers, _ := filepath.Glob(e.indexPath + ".tmp-*") // the patterns are valid
	addedLeftovers, _ := filepath.Glob(e.indexPath + ".added-*.tmp-*")
	leftovers = append(leftovers, addedLeftovers...)
	for _, name := range leftovers {
		if err := os.Remove(name); err != nil {
			e.log.Warn("cannot remove a temporary index file left by an earlier run", "file", name, "err", err)
			continue
		}
		e.log.Info("removed a temporary index file left by an earlier run", "file", name)
	}
}
