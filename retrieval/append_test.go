package retrieval

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alliancebot/alliancebot/corpus"
)

// builtinFS is the built-in articles as a folder that tests can add to.
func builtinFS(t *testing.T) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	src := corpus.Default()
	entries, err := fs.ReadDir(src, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := fs.ReadFile(src, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = &fstest.MapFile{Data: data}
	}
	return out
}

// appendQuestions are the question sets' questions and some about the
// articles the tests add.
func appendQuestions(t *testing.T) []string {
	var out []string
	for _, qs := range allQuestions(t) {
		for _, q := range qs {
			out = append(out, q.Q)
		}
	}
	return append(out, "Where did the water ministers meet?", "What did the ministers sign in Astana?",
		"Who opened the new border crossing?", "Какое соглашение подписали министры?")
}

func answersOf(e *Engine, questions []string) []Answer {
	out := make([]Answer, len(questions))
	for i, q := range questions {
		out[i] = e.Answer(context.Background(), q)
	}
	return out
}

// servingOnly returns an engine that answers from idx.
func servingOnly(cfg Config, idx *index) *Engine {
	e := New(cfg)
	e.idx.Store(idx)
	return e
}

// TestReloadThatAddsArticlesExtendsIndex checks that a reload that only
// adds articles extends the serving index rather than building it again,
// that the extended index answers as a cold build of the same articles, that
// the index it extended still answers as before, and that a warm start from
// the index file and the file of added articles answers alike, embedding
// nothing.
func TestReloadThatAddsArticlesExtendsIndex(t *testing.T) {
	water := "Water talks\n\nThe water ministers of Kazakhstan and Kyrgyzstan met in Astana on Friday and signed an agreement on sharing the rivers.\n\n" +
		"The agreement sets quotas for irrigation in the summer months."
	border := "Border crossing\n\nThe governor of the Batken region opened a new border crossing on Monday.\n\nTrucks carrying grain were the first to pass."
	tests := []struct {
		name     string
		embedder func() Embedder
		added    map[string]string
	}{
		{"one article, the local embedder", func() Embedder { return NewLocalEmbedder() }, map[string]string{"zz_water.txt": water}},
		{"two articles, another embedder", func() Embedder { return &countingEmbedder{Embedder: NewLocalEmbedder()} },
			map[string]string{"zz_water.txt": water, "zz_border.txt": border}},
		// The extended index holds the article last, a cold build among
		// the others: only passages of equal score could be ranked
		// otherwise, and these questions have none.
		{"one article among the others by name", func() Embedder { return NewLocalEmbedder() }, map[string]string{"b_water.txt": water}},
	}
	questions := appendQuestions(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "index.bin")
			cfg := Config{Embedder: tt.embedder(), Logger: quietLogger(), IndexPath: path}
			e := New(cfg)
			fsys := builtinFS(t)
			mustLoad(t, e, fsys)
			old := e.idx.Load()
			oldAnswers := answersOf(e, questions)
			saved := statFile(t, path)
			fresh := New(Config{Embedder: tt.embedder(), Logger: quietLogger(), IndexPath: path})
			if rep := mustLoad(t, fresh, fsys); rep.Embedded != 0 {
				t.Errorf("warm start embedded %d passages", rep.Embedded)
			}
			compareAnswers(t, "warm start", questions, answersOf(fresh, questions), oldAnswers)

			for name, text := range tt.added {
				fsys[name] = &fstest.MapFile{Data: []byte(text)}
			}
			c, err := corpus.Load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			addedPassages := len(c.Passages) - len(old.passages)
			rep, err := e.Load(context.Background(), c)
			if err != nil {
				t.Fatal(err)
			}
			next := e.idx.Load()
			if next.collection != old.collection {
				t.Fatal("the reload built the index again instead of extending it")
			}
			if rep.Added != addedPassages || rep.Embedded != addedPassages || rep.Passages != len(c.Passages) || len(next.passages) != len(c.Passages) {
				t.Errorf("reload: %+v, index of %d passages; want %d added and embedded of %d", rep, len(next.passages), addedPassages, len(c.Passages))
			}
			if got := answersOf(servingOnly(cfg, old), questions); !reflect.DeepEqual(got, oldAnswers) {
				t.Error("the index the reload extended no longer answers as before")
			}

			cold := New(Config{Embedder: tt.embedder(), Logger: quietLogger()})
			mustLoadCorpus(t, cold, c)
			want := answersOf(cold, questions)
			compareAnswers(t, "extended index", questions, answersOf(e, questions), want)

			if info := statFile(t, path); info.Size() != saved.Size() || !info.ModTime().Equal(saved.ModTime()) {
				t.Error("the index file was written whole for an added article")
			}
			if added, _ := filepath.Glob(path + ".added-*"); len(added) != 1 {
				t.Errorf("added-article files %v, want one", added)
			}
			warm := New(Config{Embedder: tt.embedder(), Logger: quietLogger(), IndexPath: path})
			if rep := mustLoadCorpus(t, warm, c); rep.Embedded != 0 {
				t.Errorf("warm start after the reload embedded %d passages", rep.Embedded)
			}
			compareAnswers(t, "warm start", questions, answersOf(warm, questions), want)
		})
	}
}

func compareAnswers(t *testing.T, what string, questions []string, got, want []Answer) {
	t.Helper()
	for i := range questions {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s answers %q with %q (%v), a cold build with %q (%v)", what, questions[i], got[i].Text, got[i].Found, want[i].Text, want[i].Found)
		}
	}
}

// TestAnswersDuringAppendingReloads races answers against reloads that
// each add an article, over the collection and posting lists the indexes
// share; run with -race. Every answer must come whole from one index.
func TestAnswersDuringAppendingReloads(t *testing.T) {
	ctx := context.Background()
	e := New(Config{Embedder: &countingEmbedder{Embedder: NewLocalEmbedder()}, Logger: quietLogger()})
	fsys := maps.Clone(smallCorpus)
	mustLoad(t, e, fsys)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 8 {
			fsys[fmt.Sprintf("n%d.txt", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("News %d\n\nKazakhstan asked the CSTO for help in round %d.", i, i))}
			c, err := corpus.Load(fsys)
			if err != nil {
				t.Error(err)
				return
			}
			if rep, err := e.Load(ctx, c); err != nil || rep.Added != 1 {
				t.Errorf("reload %d: %+v, %v", i, rep, err)
			}
		}
	}()
	for {
		select {
		case <-done:
			return
		default:
		}
		a := e.Answer(ctx, "Which country asked the CSTO for help?")
		if !a.Found || len(a.Citations) == 0 || !strings.Contains(a.Citations[0].Snippet, a.Text) {
			t.Fatalf("inconsistent answer during reload: %+v", a)
		}
	}
}

// TestFailedAppendKeepsServing checks that a reload that adds an article
// and fails leaves the old index serving, its collection as it was and the
// index file without the article, and that the next reload adds it.
func TestFailedAppendKeepsServing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "index.bin")
	e, emb := persistedEngine(path)
	fsys := maps.Clone(smallCorpus)
	mustLoad(t, e, fsys)
	old := e.idx.Load()
	docs := old.collection.Count()
	question := []string{"Which country asked the CSTO for help?", "Who requested assistance in September?"}
	before := answersOf(e, question)

	emb.fail(errors.New("server down"))
	fsys["c.txt"] = &fstest.MapFile{Data: []byte("Gamma\n\nArmenia requested the CSTO's assistance in September.")}
	c, err := corpus.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Load(ctx, c); err == nil {
		t.Fatal("the reload succeeded with a failing embedder")
	}
	if e.idx.Load() != old || old.collection.Count() != docs {
		t.Fatalf("the failed reload changed the serving index: %d documents, were %d", old.collection.Count(), docs)
	}
	if got := answersOf(e, question); !reflect.DeepEqual(got, before) {
		t.Errorf("answers changed after a failed reload: %+v, were %+v", got, before)
	}
	if added, _ := filepath.Glob(path + ".added-*"); len(added) != 0 {
		t.Errorf("the failed reload saved %v", added)
	}

	emb.fail(nil)
	rep := mustLoadCorpus(t, e, c)
	if rep.Added != 1 || e.idx.Load().collection != old.collection {
		t.Errorf("the next reload: %+v; want the article added to the serving index", rep)
	}
	if a := e.Answer(ctx, question[1]); !a.Found || len(a.Citations) == 0 || a.Citations[0].Doc != "c" {
		t.Errorf("the added article is not answered from: %+v", a)
	}
}

// TestAddedFilesAreFoldedIn checks the files of added articles beside the
// index file: each appending reload writes one, a warm start reads them
// all, the index is written whole (and they are removed) once they would
// hold more than an eighth of its passages, and a warm start removes the
// files of another index file.
func TestAddedFilesAreFoldedIn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index.bin")
	e, _ := persistedEngine(path)
	fsys := builtinFS(t)
	mustLoad(t, e, fsys)
	base := len(e.idx.Load().passages)
	added := func() []string {
		names, _ := filepath.Glob(path + ".added-*")
		return names
	}
	for i := 0; ; i++ {
		fsys[fmt.Sprintf("zz_%02d.txt", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("Note %d\n\nThe ministers met in round %d to discuss border security and trade.", i, i))}
		mustLoad(t, e, fsys)
		after := len(e.idx.Load().passages)
		if 8*(after-base) > after {
			if n := len(added()); n != 0 {
				t.Fatalf("%d passages added to %d: %d added-article files, want the index written whole", after-base, base, n)
			}
			break
		}
		if n := len(added()); n != i+1 {
			t.Fatalf("after %d appending reloads: %d added-article files", i+1, n)
		}
		if i == 2 {
			warm := wantWarmStart(t, path, fsys)
			if got := len(warm.idx.Load().passages); got != after {
				t.Fatalf("warm start over the added files: %d passages, want %d", got, after)
			}
		}
	}
	stale := path + ".added-0123456789abcdef-1"
	if err := os.WriteFile(stale, []byte("not for this index"), 0o644); err != nil {
		t.Fatal(err)
	}
	wantWarmStart(t, path, fsys)
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the added-article file of another index is still there: %v", err)
	}
}
