package retrieval

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/philippgille/chromem-go"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/internal/haystack"
)

// persistedEngine returns an engine that keeps its index at path and embeds
// through a counting local embedder.
func persistedEngine(path string) (*Engine, *countingEmbedder) {
	emb := &countingEmbedder{Embedder: NewLocalEmbedder()}
	return New(Config{Embedder: emb, Logger: quietLogger(), IndexPath: path}), emb
}

func defaultCorpus(t testing.TB) *corpus.Corpus {
	t.Helper()
	c, err := corpus.Load(corpus.Default())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func statFile(t *testing.T, path string) os.FileInfo {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// corruptCopies lists the files a damaged index was set aside as.
func corruptCopies(t *testing.T, path string) []string {
	t.Helper()
	m, err := filepath.Glob(path + ".corrupt-*")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// wantWarmStart checks that an engine started over the index at path embeds
// none of the passages of fsys, and returns it.
func wantWarmStart(t *testing.T, path string, fsys fstest.MapFS) *Engine {
	t.Helper()
	e, emb := persistedEngine(path)
	if rep := mustLoad(t, e, fsys); rep.Embedded != 0 || emb.calls() != 0 {
		t.Errorf("start over the stored index: %+v, %d embed calls; want nothing embedded", rep, emb.calls())
	}
	return e
}

var smallCorpus = fstest.MapFS{
	"a.txt": {Data: []byte("Alpha\n\nThe CSTO held a summit in Moscow. Leaders signed a statement.\n\nThe summit ended.")},
	"b.txt": {Data: []byte("Beta\n\nKazakhstan asked the CSTO for help in January.")},
}

func TestWarmStartEmbedsNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.gob.gz")
	c := defaultCorpus(t)

	cold, coldEmb := persistedEngine(path)
	rep, err := cold.Load(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Embedded != rep.Passages || coldEmb.calls() != rep.Passages {
		t.Fatalf("cold start: %+v, %d embed calls", rep, coldEmb.calls())
	}
	saved := statFile(t, path)

	warm, warmEmb := persistedEngine(path)
	rep, err = warm.Load(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Embedded != 0 || warmEmb.calls() != 0 || rep.Passages != len(c.Passages) {
		t.Errorf("warm start: %+v, %d embed calls; want nothing embedded", rep, warmEmb.calls())
	}
	if !os.SameFile(saved, statFile(t, path)) {
		t.Error("an unchanged index was written again")
	}
	for _, q := range []string{"Who are the members?", "Кто входит в ОДКБ?", "When was the Collective Security Treaty signed?"} {
		want, got := cold.Answer(ctx, q), warm.Answer(ctx, q)
		if !got.Found || got.Text != want.Text || len(got.Citations) != len(want.Citations) || got.Citations[0].PassageID != want.Citations[0].PassageID {
			t.Errorf("%q: warm answer %q differs from cold answer %q", q, got.Text, want.Text)
		}
	}
}

func TestWarmStartEmbedsOnlyChangedPassages(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.gob.gz")
	first, _ := persistedEngine(path)
	mustLoad(t, first, smallCorpus)

	changed := fstest.MapFS{
		"a.txt": smallCorpus["a.txt"],
		"b.txt": {Data: []byte("Beta\n\nKazakhstan asked the CSTO for help in January 2022.")},
		"c.txt": {Data: []byte("Gamma\n\nArmenia requested the CSTO's assistance in September.")},
	}
	second, emb := persistedEngine(path)
	rep := mustLoad(t, second, changed)
	if rep.Embedded != 2 || emb.calls() != 2 {
		t.Errorf("restart with one changed and one new passage: %+v, %d embed calls; want 2 embedded", rep, emb.calls())
	}
	third := wantWarmStart(t, path, changed)
	if a := third.Answer(ctx, "What did Armenia request?"); !a.Found || !strings.Contains(a.Text, "September") {
		t.Errorf("answer from the saved index: %+v", a)
	}
}

// renamedEmbedder is the local embedder under another name, as a different
// model would be.
type renamedEmbedder struct {
	Embedder
	id string
}

func (r renamedEmbedder) ID() string { return r.id }

func TestIndexBuiltOtherwiseIsRebuilt(t *testing.T) {
	local := NewLocalEmbedder()
	tests := []struct {
		name string
		meta map[string]string // stored collection metadata
	}{
		{"other embedder", map[string]string{metaFormat: indexFormat, metaEmbedder: "ollama/nomic-embed-text", metaChunking: corpus.ChunkingVersion}},
		{"older chunking", map[string]string{metaFormat: indexFormat, metaEmbedder: local.ID(), metaChunking: "passages-v0"}},
		{"other format", map[string]string{metaFormat: "alliancebot-index-0", metaEmbedder: local.ID(), metaChunking: corpus.ChunkingVersion}},
		{"no metadata", nil},
	}
	c, err := corpus.Load(smallCorpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "index.gob.gz")
			var docs []chromem.Document
			for _, p := range c.Passages {
				v, _ := local.EmbedPassage(context.Background(), p.Text)
				docs = append(docs, chromem.Document{ID: p.ID, Content: p.Text, Embedding: v})
			}
			writeExport(t, path, tt.meta, docs, true)

			e, emb := persistedEngine(path)
			if rep := mustLoad(t, e, smallCorpus); rep.Embedded != rep.Passages || emb.calls() != rep.Passages {
				t.Errorf("load over an index built otherwise: %+v; want every passage embedded", rep)
			}
			if m := corruptCopies(t, path); len(m) != 0 {
				t.Errorf("an index built otherwise was set aside as damaged: %v", m)
			}
			wantWarmStart(t, path, smallCorpus) // the rebuilt index was saved
		})
	}
	t.Run("embedder ID is part of the key", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "index.gob.gz")
		mustLoad(t, New(Config{Logger: quietLogger(), IndexPath: path}), smallCorpus)
		emb := &countingEmbedder{Embedder: renamedEmbedder{Embedder: local, id: "local/other"}}
		e := New(Config{Embedder: emb, Logger: quietLogger(), IndexPath: path})
		if rep := mustLoad(t, e, smallCorpus); rep.Embedded != rep.Passages || emb.calls() != rep.Passages {
			t.Errorf("another embedder used stored vectors: %+v", rep)
		}
	})
}

func TestDamagedIndexIsSetAsideAndRebuilt(t *testing.T) {
	ctx := context.Background()
	good := filepath.Join(t.TempDir(), "index.gob.gz")
	builder, _ := persistedEngine(good)
	mustLoad(t, builder, smallCorpus)
	goodBytes, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	local := NewLocalEmbedder()
	meta := builder.indexMetadata()
	c, _ := corpus.Load(smallCorpus)
	v0, _ := local.EmbedPassage(ctx, c.Passages[0].Text)
	v1, _ := local.EmbedPassage(ctx, c.Passages[1].Text)
	nan := append([]float32{float32(math.NaN())}, v1[1:]...)

	tests := []struct {
		name  string
		write func(t *testing.T, path string)
	}{
		{"empty file", func(t *testing.T, path string) { os.WriteFile(path, nil, 0o644) }},
		{"truncated", func(t *testing.T, path string) { os.WriteFile(path, goodBytes[:len(goodBytes)/2], 0o644) }},
		{"truncated header", func(t *testing.T, path string) { os.WriteFile(path, goodBytes[:5], 0o644) }},
		{"not an index", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("<html>404 Not Found</html>\n"), 0o644)
		}},
		{"flipped bytes", func(t *testing.T, path string) {
			b := bytes.Clone(goodBytes)
			for i := len(b) / 3; i < len(b)/3+8; i++ {
				b[i] ^= 0x5a
			}
			os.WriteFile(path, b, 0o644)
		}},
		// Each article has its own checksum, the header and the table one.
		{"flipped byte in the header", func(t *testing.T, path string) {
			b := bytes.Clone(goodBytes)
			b[len("alliancebot index\n")+3] ^= 0x01
			os.WriteFile(path, b, 0o644)
		}},
		{"flipped byte in the last article", func(t *testing.T, path string) {
			b := bytes.Clone(goodBytes)
			b[len(b)-400] ^= 0x01
			os.WriteFile(path, b, 0o644)
		}},
		{"no passages collection", func(t *testing.T, path string) {
			db := chromem.NewDB()
			db.CreateCollection("other", meta, nil)
			if err := db.ExportToFile(path, true, ""); err != nil {
				t.Fatal(err)
			}
		}},
		{"NaN vector", func(t *testing.T, path string) {
			writeExport(t, path, meta, []chromem.Document{
				{ID: c.Passages[0].ID, Content: c.Passages[0].Text, Embedding: v0},
				{ID: c.Passages[1].ID, Content: c.Passages[1].Text, Embedding: nan},
			}, true)
		}},
		{"mixed dimensions", func(t *testing.T, path string) {
			writeExport(t, path, meta, []chromem.Document{
				{ID: c.Passages[0].ID, Content: c.Passages[0].Text, Embedding: v0},
				{ID: c.Passages[1].ID, Content: c.Passages[1].Text, Embedding: v1[:100]},
			}, true)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "index.gob.gz")
			tt.write(t, path)
			damaged, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			e, emb := persistedEngine(path)
			rep := mustLoad(t, e, smallCorpus)
			if rep.Embedded != rep.Passages || emb.calls() != rep.Passages {
				t.Errorf("load over a damaged index: %+v; want every passage embedded", rep)
			}
			if a := e.Answer(ctx, "Which country asked the CSTO for help?"); !a.Found || !strings.Contains(a.Text, "Kazakhstan") {
				t.Errorf("answer after rebuilding: %+v", a)
			}
			aside := corruptCopies(t, path)
			if len(aside) != 1 {
				t.Fatalf("damaged index set aside as %v, want one copy", aside)
			}
			if kept, _ := os.ReadFile(aside[0]); !bytes.Equal(kept, damaged) {
				t.Error("the copy set aside is not the damaged file")
			}
			wantWarmStart(t, path, smallCorpus) // the rebuilt index was saved
		})
	}
}

func TestFailedLoadKeepsStoredIndex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.gob.gz")
	e, emb := persistedEngine(path)
	mustLoad(t, e, smallCorpus)
	saved := statFile(t, path)

	emb.fail(errors.New("server down"))
	c, _ := corpus.Load(fstest.MapFS{"c.txt": {Data: []byte("Gamma\n\nArmenia requested the CSTO's assistance in September.")}})
	if _, err := e.Load(ctx, c); err == nil {
		t.Fatal("load with a failing embedder succeeded")
	}
	if !os.SameFile(saved, statFile(t, path)) {
		t.Error("a failed load rewrote the index file")
	}
	if a := e.Answer(ctx, "Which country asked the CSTO for help?"); !a.Found || !strings.Contains(a.Text, "Kazakhstan") {
		t.Errorf("old index not serving: %+v", a)
	}
	wantWarmStart(t, path, smallCorpus) // the old index file is intact
}

func TestUnwritableIndexPathStillServes(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, []byte("x"), 0o644)
	e, _ := persistedEngine(filepath.Join(file, "index.gob.gz"))
	rep := mustLoad(t, e, smallCorpus)
	if rep.Embedded != rep.Passages {
		t.Errorf("report %+v", rep)
	}
	if a := e.Answer(context.Background(), "Which country asked the CSTO for help?"); !a.Found {
		t.Errorf("answer %+v", a)
	}
}

func TestExportImportBetweenEngines(t *testing.T) {
	ctx := context.Background()
	if err := New(Config{}).ExportIndex(&bytes.Buffer{}); !errors.Is(err, ErrNoIndex) {
		t.Errorf("export before load: %v, want ErrNoIndex", err)
	}
	c := defaultCorpus(t)
	first := New(Config{Logger: quietLogger()})
	if _, err := first.Load(ctx, c); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := first.ExportIndex(&buf); err != nil {
		t.Fatal(err)
	}

	emb := &countingEmbedder{Embedder: NewLocalEmbedder()}
	second := New(Config{Embedder: emb, Logger: quietLogger()})
	if err := second.ImportIndex(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	if a := second.Answer(ctx, "Who are the members?"); a.Refusal != RefusedNoIndex {
		t.Errorf("an imported index served before Load: %+v", a)
	}
	rep, err := second.Load(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Embedded != 0 || emb.calls() != 0 {
		t.Errorf("load after import: %+v, %d embed calls; want nothing embedded", rep, emb.calls())
	}
	if want, got := first.Answer(ctx, "Who are the members?"), second.Answer(ctx, "Who are the members?"); got.Text != want.Text {
		t.Errorf("imported engine answers %q, exporter %q", got.Text, want.Text)
	}

	other := New(Config{Embedder: renamedEmbedder{Embedder: NewLocalEmbedder(), id: "openai/text-embedding-3-small@api.openai.com"}})
	if err := other.ImportIndex(bytes.NewReader(buf.Bytes())); !errors.Is(err, ErrIndexMismatch) || !strings.Contains(err.Error(), "openai/") {
		t.Errorf("import into another embedder: %v, want ErrIndexMismatch naming it", err)
	}
	if err := second.ImportIndex(bytes.NewReader(buf.Bytes()[:buf.Len()/2])); !errors.Is(err, ErrCorruptIndex) {
		t.Errorf("import of half an index: %v, want ErrCorruptIndex", err)
	}
}

// TestExportIsChromemExport pins ExportIndex to chromem-go's export format:
// what the engine exports chromem-go imports, and what chromem-go exports
// (compressed or not) the engine imports, and reads as an index file as
// earlier versions wrote it.
func TestExportIsChromemExport(t *testing.T) {
	ctx := context.Background()
	e, _ := persistedEngine(filepath.Join(t.TempDir(), "index.gob.gz"))
	c, _ := corpus.Load(smallCorpus)
	mustLoad(t, e, smallCorpus)
	var exported bytes.Buffer
	if err := e.ExportIndex(&exported); err != nil {
		t.Fatal(err)
	}

	db := chromem.NewDB()
	if err := db.ImportFromReader(bytes.NewReader(exported.Bytes()), ""); err != nil {
		t.Fatalf("chromem-go cannot import the export: %v", err)
	}
	col := db.GetCollection(indexCollection, nil)
	if col == nil || col.Count() != len(c.Passages) {
		t.Fatalf("chromem-go sees collection %v", col)
	}
	for _, p := range c.Passages {
		doc, err := col.GetByID(ctx, p.ID)
		if err != nil || doc.Content != p.Text || len(doc.Embedding) != localDims || doc.Metadata["article"] != p.ArticleID {
			t.Errorf("passage %s in chromem-go: %+v, %v", p.ID, doc.Content, err)
		}
	}

	for _, compress := range []bool{true, false} {
		var buf bytes.Buffer
		if err := db.ExportToWriter(&buf, compress, ""); err != nil {
			t.Fatal(err)
		}
		emb := &countingEmbedder{Embedder: NewLocalEmbedder()}
		fresh := New(Config{Embedder: emb, Logger: quietLogger()})
		if err := fresh.ImportIndex(bytes.NewReader(buf.Bytes())); err != nil {
			t.Fatalf("compress=%v: %v", compress, err)
		}
		if rep := mustLoad(t, fresh, smallCorpus); rep.Embedded != 0 {
			t.Errorf("compress=%v: %+v after importing chromem-go's export", compress, rep)
		}

		path := filepath.Join(t.TempDir(), "index.gob.gz")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		emb = &countingEmbedder{Embedder: NewLocalEmbedder()}
		if rep := mustLoad(t, New(Config{Embedder: emb, Logger: quietLogger(), IndexPath: path}), smallCorpus); rep.Embedded != 0 {
			t.Errorf("compress=%v: %+v over an index file in chromem-go's format", compress, rep)
		}
		wantWarmStart(t, path, smallCorpus) // rewritten in the index file format
	}
}

// TestWarmStartCleansNothing checks that a warm start takes every unchanged
// article from the index file, cleaned and split, and cleans only a changed
// one; the answers are those of a cold start.
func TestWarmStartCleansNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.gob.gz")
	first := New(Config{Logger: quietLogger(), IndexPath: path})
	c, err := corpus.LoadCached(corpus.Default(), first)
	if err != nil {
		t.Fatal(err)
	}
	mustLoadCorpus(t, first, c)

	second := New(Config{Logger: quietLogger(), IndexPath: path})
	cache := &countingCache{Cache: second}
	warm, err := corpus.LoadCached(corpus.Default(), cache)
	if err != nil {
		t.Fatal(err)
	}
	if cache.hits != len(c.Articles) {
		t.Errorf("%d of %d articles came from the index file", cache.hits, len(c.Articles))
	}
	if len(warm.Passages) != len(c.Passages) {
		t.Fatalf("%d passages from the index file, %d from the articles", len(warm.Passages), len(c.Passages))
	}
	for i, p := range warm.Passages {
		if q := c.Passages[i]; p.ID != q.ID || p.Text != q.Text || p.Title != q.Title || len(p.Sentences) != len(q.Sentences) {
			t.Errorf("passage %d from the index file: %+v, want %+v", i, p, q)
		}
	}
	if rep := mustLoadCorpus(t, second, warm); rep.Embedded != 0 {
		t.Errorf("warm start: %+v", rep)
	}
	for _, q := range readEval(t, "dev.jsonl") {
		if a, b := first.Answer(ctx, q.Q), second.Answer(ctx, q.Q); a.Text != b.Text || len(a.Citations) != len(b.Citations) {
			t.Errorf("%q: warm %q, cold %q", q.Q, b.Text, a.Text)
		}
	}

	changed := fstest.MapFS{}
	for _, a := range c.Articles {
		data, err := fs.ReadFile(corpus.Default(), a.File)
		if err != nil {
			t.Fatal(err)
		}
		changed[a.File] = &fstest.MapFile{Data: data}
	}
	changed[c.Articles[0].File] = &fstest.MapFile{Data: append(changed[c.Articles[0].File].Data, "\n\nOne more paragraph about the summit.\n"...)}
	cache = &countingCache{Cache: second}
	if _, err := corpus.LoadCached(changed, cache); err != nil {
		t.Fatal(err)
	}
	if cache.hits != len(c.Articles)-1 {
		t.Errorf("%d of %d unchanged articles came from the cache", cache.hits, len(c.Articles)-1)
	}
}

type countingCache struct {
	corpus.Cache
	mu   sync.Mutex
	hits int
}

func (c *countingCache) CachedArticle(name, digest string) (corpus.Article, []corpus.Passage, bool) {
	a, p, ok := c.Cache.CachedArticle(name, digest)
	if ok {
		c.mu.Lock()
		c.hits++
		c.mu.Unlock()
	}
	return a, p, ok
}

func mustLoadCorpus(t *testing.T, e *Engine, c *corpus.Corpus) ReloadReport {
	t.Helper()
	rep, err := e.Load(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// sizedEmbedder gives vectors of a fixed size under a fixed ID, as a model
// replaced under the same name would.
type sizedEmbedder struct {
	dims int
}

func (s sizedEmbedder) ID() string { return "ollama/same-name" }

func (s sizedEmbedder) EmbedPassage(_ context.Context, text string) ([]float32, error) {
	v := make([]float32, s.dims)
	for _, w := range strings.Fields(strings.ToLower(text)) {
		h := fnv.New32a()
		h.Write([]byte(w))
		v[h.Sum32()%uint32(s.dims)]++
	}
	normalize(v)
	return v, nil
}

func (s sizedEmbedder) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	return s.EmbedPassage(ctx, text)
}

func TestStoredVectorsOfAnotherSizeAreReplaced(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index.gob.gz")
	mustLoad(t, New(Config{Embedder: sizedEmbedder{dims: 64}, Logger: quietLogger(), IndexPath: path}), smallCorpus)

	emb := &countingEmbedder{Embedder: sizedEmbedder{dims: 32}}
	e := New(Config{Embedder: emb, Logger: quietLogger(), IndexPath: path})
	changed := fstest.MapFS{"a.txt": smallCorpus["a.txt"], "b.txt": {Data: []byte("Beta\n\nKazakhstan asked the CSTO for help in January 2022.")}}
	rep := mustLoad(t, e, changed)
	if rep.Embedded != rep.Passages {
		t.Errorf("load: %+v; want every passage embedded again", rep)
	}
	if a := e.Answer(context.Background(), "Which country asked the CSTO for help?"); !a.Found || !strings.Contains(a.Text, "Kazakhstan") {
		t.Errorf("answer %+v", a)
	}
}

// writeExport writes a chromem-go export of one passages collection.
func writeExport(t *testing.T, path string, meta map[string]string, docs []chromem.Document, compress bool) {
	t.Helper()
	db := chromem.NewDB()
	col, err := db.CreateCollection(indexCollection, meta, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := col.AddDocuments(context.Background(), docs, 1); err != nil {
		t.Fatal(err)
	}
	if err := db.ExportToFile(path, compress, ""); err != nil {
		t.Fatal(err)
	}
}

// TestIndexFileOfManyArticles round-trips an index of a hundred articles,
// which decode on several CPUs: a warm start gives the same passages and
// answers as the cold one, and a damaged copy is refused.
func TestIndexFileOfManyArticles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := haystack.Write(dir, haystack.Options{Passages: 1000, Seed: 3, Builtin: true}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "index.gob.gz")
	cold := New(Config{Logger: quietLogger(), IndexPath: path})
	c, err := corpus.LoadCached(os.DirFS(dir), cold)
	if err != nil {
		t.Fatal(err)
	}
	mustLoadCorpus(t, cold, c)

	warm := New(Config{Logger: quietLogger(), IndexPath: path})
	cache := &countingCache{Cache: warm}
	w, err := corpus.LoadCached(os.DirFS(dir), cache)
	if err != nil {
		t.Fatal(err)
	}
	if cache.hits != len(c.Articles) || len(w.Passages) != len(c.Passages) {
		t.Fatalf("warm start: %d of %d articles from the index file, %d of %d passages", cache.hits, len(c.Articles), len(w.Passages), len(c.Passages))
	}
	if rep := mustLoadCorpus(t, warm, w); rep.Embedded != 0 {
		t.Errorf("warm start: %+v", rep)
	}
	for _, q := range readEval(t, "dev.jsonl") {
		if a, b := cold.Answer(ctx, q.Q), warm.Answer(ctx, q.Q); a.Text != b.Text {
			t.Errorf("%q: warm %q, cold %q", q.Q, b.Text, a.Text)
		}
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(data) / 2; i < len(data)/2+4; i++ {
		data[i] ^= 0x33
	}
	damaged := filepath.Join(t.TempDir(), "index.gob.gz")
	if err := os.WriteFile(damaged, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if rep := mustLoadCorpus(t, New(Config{Logger: quietLogger(), IndexPath: damaged}), c); rep.Embedded != rep.Passages {
		t.Errorf("load over a damaged index: %+v", rep)
	}
}

// TestIndexFileKeepsArticlesWhole: an article and its passages come back
// from the index file with every field they had, the outlets that also
// reported it, and a passage with nothing to embed comes back without a
// vector.
func TestIndexFileKeepsArticlesWhole(t *testing.T) {
	fsys := fstest.MapFS{
		"stop.txt": {Data: []byte("---\ntitle: Words\noutlet: Test Wire\npublished: 2024-05-06\nlanguage: en\nurl: https://example.org/words\n---\n" +
			"The CSTO met in Minsk on Tuesday to discuss joint exercises.\n\nAnd so on.")},
	}
	for _, name := range []string{"wire_original.txt", "wire_reprint.txt", "independent_report.txt"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "syndicated", name))
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	c, err := corpus.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Duplicates) == 0 {
		t.Fatal("the syndicated articles have no duplicate; the test needs one")
	}
	path := filepath.Join(t.TempDir(), "index.gob.gz")
	cold, _ := persistedEngine(path)
	mustLoadCorpus(t, cold, c)

	st, err := decodeStoredFile(t, cold, path)
	if err != nil {
		t.Fatal(err)
	}
	var withReports, withoutVector int
	for _, sa := range st.articles {
		i := slices.IndexFunc(c.Articles, func(a corpus.Article) bool { return a.ID == sa.article.ID })
		if i < 0 {
			t.Fatalf("index file has article %q the corpus has not", sa.article.ID)
		}
		loaded := c.Articles[i]
		loaded.Raw = "" // the index file does not keep the raw body
		if !reflect.DeepEqual(sa.article, loaded) {
			t.Errorf("article %s from the index file:\n%+v\nloaded:\n%+v", sa.article.ID, sa.article, loaded)
		}
		if len(sa.article.AlsoReportedBy) > 0 {
			withReports++
		}
		var want []corpus.Passage
		for _, p := range c.Passages {
			if p.ArticleID == sa.article.ID {
				want = append(want, p)
			}
		}
		if !reflect.DeepEqual(sa.passages, want) {
			t.Errorf("passages of %s from the index file:\n%+v\nloaded:\n%+v", sa.article.ID, sa.passages, want)
		}
		for _, v := range sa.vectors {
			if v == nil {
				withoutVector++
			}
		}
	}
	if len(st.articles) != len(c.Articles) || withReports == 0 || withoutVector != 1 {
		t.Errorf("index file: %d of %d articles, %d with other outlets, %d passages without a vector; want all, 1 or more, 1",
			len(st.articles), len(c.Articles), withReports, withoutVector)
	}

	// A warm start answers as the cold one did, citing the other outlets.
	warm := wantWarmStart(t, path, fsys)
	q := "What did Kyrgyz officials ask the organization to finance in the Batken region?"
	a, b := cold.Answer(context.Background(), q), warm.Answer(context.Background(), q)
	if a.Text != b.Text || !reflect.DeepEqual(a.Citations, b.Citations) {
		t.Errorf("%q: warm %+v, cold %+v", q, b, a)
	}
	if !slices.ContainsFunc(b.Citations, func(c Citation) bool { return len(c.AlsoReportedBy) > 0 }) {
		t.Errorf("%q: warm start cites no other outlet: %+v", q, b.Citations)
	}
}

// decodeStoredFile decodes the index file at path as e reads it.
func decodeStoredFile(t *testing.T, e *Engine, path string) (storedIndex, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return decodeIndexFile(f, info.Size(), e.indexHeader())
}

// TestTermsByDoc checks the term counts read back from posting lists, a
// block at a time, against the lists themselves, for passages asked in
// order and out of it.
func TestTermsByDoc(t *testing.T) {
	const docs = 3*termBlock + 17
	postings := map[string][]posting{}
	want := make([][]termCount, docs)
	for k := range 50 {
		key := fmt.Sprintf("w:%02d", k)
		for d := k % 7; d < docs; d += 1 + k%13 {
			postings[key] = append(postings[key], posting{int32(d), int32(1 + d%3)})
			want[d] = append(want[d], termCount{key, int32(1 + d%3)})
		}
	}
	orders := map[string][]int{"in order": {}, "out of order": {}}
	for d := range docs {
		orders["in order"] = append(orders["in order"], d)
	}
	for lo := docs - docs%termBlock; lo >= 0; lo -= termBlock {
		for d := lo; d < min(lo+termBlock, docs); d++ {
			orders["out of order"] = append(orders["out of order"], d)
		}
	}
	for name, order := range orders {
		terms := newTermsByDoc(postings)
		for _, d := range order {
			if got := terms.of(d); !slices.Equal(got, want[d]) {
				t.Fatalf("%s: passage %d has %v, want %v", name, d, got, want[d])
			}
		}
	}
}

// TestIndexHeaderNamesTheStopwords: the stopwords decide which terms a
// passage is indexed under, so an index file written with other stopwords
// is not taken as analysed alike.
func TestIndexHeaderNamesTheStopwords(t *testing.T) {
	e := New(Config{Logger: quietLogger()})
	before := e.indexHeader().analysis
	stopwords["zzstopword"] = true
	after := e.indexHeader().analysis
	delete(stopwords, "zzstopword")
	if before == after {
		t.Errorf("the index header's analysis %q does not change with the stopwords", before)
	}
}

// TestIndexTokensAreTheTextsTokens checks what marking a citation relies
// on: the tokens the index keeps for a passage, built or read back from its
// file, are those of tokenizing the passage's text with the index, and
// their keys (which hold its glossary concepts) read back are those built.
func TestIndexTokensAreTheTextsTokens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.gob.gz")
	c := defaultCorpus(t)
	var built [][][]string
	for _, start := range []string{"cold", "warm"} {
		e, _ := persistedEngine(path)
		if _, err := e.Load(ctx, c); err != nil {
			t.Fatal(err)
		}
		idx := e.idx.Load()
		for d, p := range idx.passages {
			if want := idx.tokenize(p.Text); !reflect.DeepEqual(idx.analyzed[d].tokens, want) {
				t.Errorf("%s start: passage %s keeps other tokens than its text's", start, p.ID)
			}
			if start == "cold" {
				built = append(built, idx.analyzed[d].keys)
			} else if !reflect.DeepEqual(idx.analyzed[d].keys, built[d]) {
				t.Errorf("passage %s: keys read back differ from those built", p.ID)
			}
		}
	}
}
