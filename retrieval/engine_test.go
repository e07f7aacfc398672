package retrieval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/alliancebot/alliancebot/corpus"
)

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// defaultEngine returns an engine over the built-in articles.
func defaultEngine(t testing.TB) *Engine {
	t.Helper()
	c, err := corpus.Load(corpus.Default())
	if err != nil {
		t.Fatal(err)
	}
	e := New(Config{Logger: quietLogger()})
	if _, err := e.Load(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return e
}

// unseenEngine returns an engine over the built-in articles and the unseen
// ones of testdata/<set>/articles, as their question sets are asked.
func unseenEngine(t testing.TB, set string) *Engine {
	t.Helper()
	e := New(Config{Logger: quietLogger()})
	if _, err := e.Load(context.Background(), unseenCorpus(t, set)); err != nil {
		t.Fatal(err)
	}
	return e
}

// unseenCorpus returns the built-in articles with those of
// testdata/<set>/articles.
func unseenCorpus(t testing.TB, set string) *corpus.Corpus {
	t.Helper()
	c, err := corpus.Load(corpus.Default())
	if err != nil {
		t.Fatal(err)
	}
	more, err := corpus.Load(os.DirFS(filepath.Join("..", "testdata", set, "articles")))
	if err != nil {
		t.Fatal(err)
	}
	if len(more.Errors) > 0 || len(more.Articles) == 0 {
		t.Fatalf("unseen articles: %d loaded, errors %v", len(more.Articles), more.Errors)
	}
	c.Articles = append(c.Articles, more.Articles...)
	c.Passages = append(c.Passages, more.Passages...)
	return c
}

func readEval(t *testing.T, name string) []EvalQuestion {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadEvalQuestions(f)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// TestDevSample is the floor: every answerable sample question is a hit at 1
// and every other one is refused.
func TestDevSample(t *testing.T) {
	e := defaultEngine(t)
	rep := Evaluate(context.Background(), e, readEval(t, "dev.jsonl"))
	if rep.Answerable == 0 || rep.Unanswerable == 0 {
		t.Fatalf("sample has %d answerable and %d unanswerable questions", rep.Answerable, rep.Unanswerable)
	}
	for _, r := range rep.Results {
		if !r.Correct() {
			t.Errorf("%s %q (%s): found=%v answer=%q", r.Question.ID, r.Question.Q, r.Question.Kind, r.Answer.Found, r.Answer.Text)
		}
	}
}

// TestLargerQuestionSets guards the figures on the larger question sets
// against regressions: each floor sits a little under what the engine
// scores now, so a change that costs more than a question or two fails.
// TestUnseenTuneSets keeps floors per class on the tune sets over the
// unseen articles (testdata/unseen's three, unseen2, unseen3, unseen4,
// unseen6), a question under the current figures. The blind sets
// (testdata/unseen/blind.jsonl, testdata/unseen5) are scored by
// `alliancebot eval`, never tuned on and never given a floor here.
func TestUnseenTuneSets(t *testing.T) {
	for _, set := range []struct {
		dir, file string
		floors    map[string]float64
	}{
		{"unseen", "tune.jsonl", map[string]float64{ClassEnglish: 0.87, ClassRussian: 0.78, ClassRefusals: 0.72, ClassFurniture: 0.92, ClassNewest: 0.66}},
		{"unseen", "tune2.jsonl", map[string]float64{ClassEnglish: 0.6, ClassRussian: 0.59, ClassRefusals: 0.6, ClassFurniture: 0.8, ClassNewest: 0.12}},
		{"unseen", "tune3.jsonl", map[string]float64{ClassEnglish: 0.74, ClassRussian: 0.61, ClassRefusals: 0.44, ClassFurniture: 0.77, ClassNewest: 0.37}},
		{"unseen2", "tune.jsonl", map[string]float64{ClassEnglish: 0.81, ClassRussian: 0.77, ClassRefusals: 0.62, ClassFurniture: 0.75, ClassNewest: 0.5}},
		{"unseen3", "tune.jsonl", map[string]float64{ClassEnglish: 0.55, ClassRussian: 0.5, ClassRefusals: 0.62, ClassFurniture: 0.75, ClassNewest: 0.5}},
		// First run (a006e3e): English 18/32, Russian 7/16, refusals 4/8,
		// furniture 4/8, newest 5/10; floors one question under today's.
		{"unseen4", "tune.jsonl", map[string]float64{ClassEnglish: 0.65, ClassRussian: 0.37, ClassRefusals: 0.37, ClassFurniture: 0.37, ClassNewest: 0.4}},
		// First run (861c50e, when its RSS page still gave no text):
		// English 22/46, Russian 15/21, refusals 8/8, furniture 8/8, newest
		// 9/11. Today 32/46, 16/21, 6/8, 8/8, 8/11; floors one question
		// under.
		{"unseen6", "tune.jsonl", map[string]float64{ClassEnglish: 0.67, ClassRussian: 0.71, ClassRefusals: 0.62, ClassFurniture: 0.87, ClassNewest: 0.72}},
	} {
		t.Run(set.dir+"/"+set.file, func(t *testing.T) {
			e := unseenEngine(t, set.dir)
			rep := Evaluate(context.Background(), e, readEval(t, filepath.Join(set.dir, set.file)))
			for _, c := range EvalClasses {
				got := rep.Classes[c]
				t.Logf("%s: %d/%d", c, got.Right, got.Total)
				if got.Total == 0 || got.Share() < set.floors[c] {
					t.Errorf("%s: %d/%d (%.2f), floor %.2f", c, got.Right, got.Total, got.Share(), set.floors[c])
				}
			}
		})
	}
}

func TestLargerQuestionSets(t *testing.T) {
	e := defaultEngine(t)
	for _, tt := range []struct {
		file               string
		minHit1, minRefuse float64
	}{
		{"extra.jsonl", 0.92, 0.94},
		{"heldout.jsonl", 0.87, 0.76},
		// testdata/blind.jsonl was the built-in corpus's blind set; with
		// floors here it is a regression set, no longer blind.
		{"blind.jsonl", 0.80, 0.73},
	} {
		rep := Evaluate(context.Background(), e, readEval(t, tt.file))
		hit1 := float64(rep.Hit1) / float64(rep.Answerable)
		refuse := float64(rep.Refuse) / float64(rep.Unanswerable)
		t.Logf("%s: hit@1 %d/%d, refusals %d/%d", tt.file, rep.Hit1, rep.Answerable, rep.Refuse, rep.Unanswerable)
		if hit1 < tt.minHit1 || refuse < tt.minRefuse {
			t.Errorf("%s: hit@1 %.2f (floor %.2f), refusals %.2f (floor %.2f)", tt.file, hit1, tt.minHit1, refuse, tt.minRefuse)
		}
	}
}

func TestAnswerShape(t *testing.T) {
	e := defaultEngine(t)
	a := e.Answer(context.Background(), "Who are the members?")
	if !a.Found || a.Refusal != NotRefused {
		t.Fatalf("not found: %+v", a)
	}
	if len(a.Citations) == 0 || len(a.Citations) > 3 {
		t.Fatalf("%d citations, want 1 to 3", len(a.Citations))
	}
	c, err := corpus.Load(corpus.Default())
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, art := range c.Articles {
		all.WriteString(art.Text)
	}
	// The answer and snippets are quoted verbatim; "member states" is one
	// glossary phrase, so both of its words are marked.
	for _, sentence := range strings.Split(a.Text, " … ") {
		if !strings.Contains(all.String(), sentence) {
			t.Errorf("answer %q is not quoted from the articles", sentence)
		}
	}
	for i, cit := range a.Citations {
		if cit.N != i+1 || cit.Doc == "" || cit.Title == "" || cit.Snippet == "" || cit.Passage == "" {
			t.Errorf("citation %d incomplete: %+v", i, cit)
		}
		if !strings.Contains(cit.Passage, strings.Trim(cit.Snippet, "… ")) {
			t.Errorf("snippet %q is not from its passage", cit.Snippet)
		}
		for _, m := range cit.Marks {
			if m.Start < 0 || m.End > len(cit.Snippet) || m.Start >= m.End {
				t.Errorf("bad mark %+v in snippet", m)
			}
		}
	}
	if len(a.Marks) == 0 {
		t.Fatal("no matched words marked in the answer")
	}
	for _, m := range a.Marks {
		if w := strings.ToLower(a.Text[m.Start:m.End]); !strings.HasPrefix(w, "member") && !strings.HasPrefix(w, "compris") && !strings.HasPrefix(w, "includ") && w != "states" {
			t.Errorf("marked %q, which is not a word of the question", w)
		}
	}
}

func TestRefusals(t *testing.T) {
	e := defaultEngine(t)
	tests := []struct {
		q    string
		want Refusal
	}{
		{"", RefusedEmpty},
		{"   \n\t ", RefusedEmpty},
		{strings.Repeat("CSTO members ", 100), RefusedTooLong},
		{"What is the capital of France?", RefusedNotCovered},
		{"What is the recipe for borscht?", RefusedNotCovered},
		{"Who is the current president of Brazil?", RefusedNotCovered},
		// Page furniture of the scraped pages is not answerable.
		{"Why did protests break out in Damascus?", RefusedNotCovered},
		{"Who created WeWork?", RefusedNotCovered},
		{"What did Israel's defense minister admit about Haniyeh?", RefusedNotCovered},
		{"How does emotional hunger lead to overeating?", RefusedNotCovered},
		{"Какой рецепт борща?", RefusedNotCovered},
	}
	for _, tt := range tests {
		a := e.Answer(context.Background(), tt.q)
		if a.Found || a.Refusal != tt.want || len(a.Citations) != 0 || a.Text == "" {
			t.Errorf("%.40q: found=%v refusal=%v citations=%d text=%q; want refusal %v with a message",
				tt.q, a.Found, a.Refusal, len(a.Citations), a.Text, tt.want)
		}
	}
	if a := New(Config{}).Answer(context.Background(), "Who are the members?"); a.Refusal != RefusedNoIndex {
		t.Errorf("engine without index: refusal %v", a.Refusal)
	}
}

// TestVariantsMeet checks that abbreviations, name variants, typos and the
// other language find the same facts.
func TestVariantsMeet(t *testing.T) {
	e := defaultEngine(t)
	tests := []struct {
		q    string
		want []string // all must be in the answer or first snippet
	}{
		{"What does Article 4 of the treaty say?", []string{"Art. 4", "armed attack"}},
		{"Which countries does the CSTO include besides the Kyrgyz Republic?", []string{"Armenia", "Tajikistan"}},
		{"who are the memebers of the CSTO?", []string{"Armenia", "Belarus"}},
		{"Кто входит в ОДКБ?", []string{"Armenia", "Kazakhstan"}},
		{"Что сказал Лукашенко о НАТО?", []string{"NATO", "Lukashenko"}},
		{"When was the Collective Security Treaty signed?", []string{"1992"}},
		// "Collective Security Treaty" is a treaty: the glossary's ">".
		{"Где подписали договор?", []string{"Tashkent"}},
		{"wat does csto stand for", []string{"Collective Security Treaty Organi", "(CSTO)"}},
	}
	for _, tt := range tests {
		a := e.Answer(context.Background(), tt.q)
		if !a.Found {
			t.Errorf("%q: not found", tt.q)
			continue
		}
		ev := evidence(a, 1)
		for _, w := range tt.want {
			if !strings.Contains(ev, strings.ToLower(w)) {
				t.Errorf("%q: answer %q lacks %q", tt.q, a.Text, w)
			}
		}
	}
}

func TestLoadReusesVectorsAndReportsChanges(t *testing.T) {
	emb := &countingEmbedder{Embedder: NewLocalEmbedder()}
	e := New(Config{Embedder: emb, Logger: quietLogger()})
	first := fstest.MapFS{
		"a.txt": {Data: []byte("Alpha\n\nThe CSTO held a summit in Moscow. Leaders signed a statement.\n\nThe summit ended.")},
		"b.txt": {Data: []byte("Beta\n\nKazakhstan asked the CSTO for help in January.")},
	}
	rep := mustLoad(t, e, first)
	if rep.Added != rep.Passages || rep.Embedded != rep.Passages || emb.calls() != rep.Passages {
		t.Fatalf("first load: %+v, %d embed calls", rep, emb.calls())
	}
	second := fstest.MapFS{
		"a.txt": first["a.txt"],
		"b.txt": {Data: []byte("Beta\n\nKazakhstan asked the CSTO for help in January 2022.")},
		"c.txt": {Data: []byte("Gamma\n\nArmenia requested assistance in September.")},
	}
	before := emb.calls()
	rep = mustLoad(t, e, second)
	if rep.Added != 1 || rep.Changed != 1 || rep.Removed != 0 || rep.Embedded != 2 || emb.calls()-before != 2 {
		t.Errorf("second load: %+v, %d embed calls; want 1 added, 1 changed, 2 embedded", rep, emb.calls()-before)
	}
	rep = mustLoad(t, e, fstest.MapFS{"a.txt": first["a.txt"]})
	if rep.Removed != 2 || rep.Embedded != 0 {
		t.Errorf("third load: %+v; want 2 removed, nothing embedded", rep)
	}
	if got := e.Stats(); !got.Ready || len(got.Articles) != 1 || got.Passages != rep.Passages {
		t.Errorf("stats after load: %+v", got)
	}
}

func TestFailedLoadKeepsServing(t *testing.T) {
	ctx := context.Background()
	emb := &countingEmbedder{Embedder: NewLocalEmbedder()}
	e := New(Config{Embedder: emb, Logger: quietLogger()})
	mustLoad(t, e, fstest.MapFS{"a.txt": {Data: []byte("Alpha\n\nKazakhstan asked the CSTO for help in January.")}})
	emb.fail(errors.New("server down"))
	c, _ := corpus.Load(fstest.MapFS{"b.txt": {Data: []byte("Beta\n\nArmenia requested assistance in September.")}})
	if _, err := e.Load(ctx, c); err == nil || !strings.Contains(err.Error(), "server down") {
		t.Fatalf("load with failing embedder: err %v", err)
	}
	if a := e.Answer(ctx, "Which country asked for help in January?"); !a.Found || !strings.Contains(a.Text, "Kazakhstan") {
		t.Errorf("old index not serving after failed load: %+v", a)
	}
	if _, err := e.Load(ctx, &corpus.Corpus{}); !errors.Is(err, ErrNoPassages) {
		t.Errorf("empty corpus: err %v, want ErrNoPassages", err)
	}
	if a := e.Answer(ctx, "Which country asked for help in January?"); !a.Found {
		t.Error("old index not serving after empty load")
	}
}

// TestAnswersDuringReload races answers against reloads; run with -race.
// Every answer must come whole from one index or the other.
func TestAnswersDuringReload(t *testing.T) {
	ctx := context.Background()
	e := New(Config{Logger: quietLogger()})
	one := fstest.MapFS{"a.txt": {Data: []byte("Alpha\n\nKazakhstan asked the CSTO for help in January.")}}
	two := fstest.MapFS{"a.txt": {Data: []byte("Alpha\n\nArmenia asked the CSTO for help in September.")}}
	mustLoad(t, e, one)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 20 {
			fsys := one
			if i%2 == 0 {
				fsys = two
			}
			c, _ := corpus.Load(fsys)
			if _, err := e.Load(ctx, c); err != nil {
				t.Error(err)
			}
		}
	}()
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				a := e.Answer(ctx, "Which country asked the CSTO for help?")
				if !a.Found || len(a.Citations) != 1 || !strings.Contains(a.Citations[0].Snippet, a.Text) {
					t.Errorf("inconsistent answer during reload: %+v", a)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func mustLoad(t *testing.T, e *Engine, fsys fstest.MapFS) ReloadReport {
	t.Helper()
	c, err := corpus.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.Load(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// countingEmbedder counts passage embeddings and can be made to fail.
type countingEmbedder struct {
	Embedder
	mu  sync.Mutex
	n   int
	err error
}

func (c *countingEmbedder) EmbedPassage(ctx context.Context, text string) ([]float32, error) {
	c.mu.Lock()
	c.n++
	err := c.err
	c.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return c.Embedder.EmbedPassage(ctx, text)
}

func (c *countingEmbedder) calls() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func (c *countingEmbedder) fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.err = err
}

// wantAnswer checks that e answers q with a text that holds want.
func wantAnswer(t *testing.T, e *Engine, q, want string) {
	t.Helper()
	if a := e.Answer(context.Background(), q); !a.Found || !strings.Contains(a.Text, want) {
		t.Errorf("%q: found %v, %q; want it to hold %q", q, a.Found, a.Text, want)
	}
}

// engineOver returns an engine over the given article texts, each a file
// of its own.
func engineOver(t *testing.T, articles ...string) *Engine {
	t.Helper()
	fsys := fstest.MapFS{}
	for i, text := range articles {
		fsys[fmt.Sprintf("%c.txt", 'a'+i)] = &fstest.MapFile{Data: []byte(text)}
	}
	e := New(Config{Logger: quietLogger()})
	mustLoad(t, e, fsys)
	return e
}

// wantNoUnit checks that none of words becomes a unit of q or a word of
// one.
func wantNoUnit(t *testing.T, e *Engine, q string, words ...string) {
	t.Helper()
	for _, u := range e.readQuestion(e.idx.Load(), q, classifyQuestion(q)).units {
		for _, w := range strings.Fields(u.surface) {
			if slices.Contains(words, w) {
				t.Errorf("%q: %q is (in) a unit: %q", q, w, u.surface)
			}
		}
	}
}

// wantRefused checks that e refuses q.
func wantRefused(t *testing.T, e *Engine, q string) {
	t.Helper()
	if a := e.Answer(context.Background(), q); a.Found {
		t.Errorf("%q answered with %q; want a refusal", q, a.Text)
	}
}

// TestConcurrentAnswersMatchSequentialOnes checks the per-index caches a
// question fills (word relations, lexicon relations, stems, sentence marks)
// under concurrent questions: a fresh engine asked the question sets from
// several goroutines at once answers each as an engine asked them one by
// one does.
func TestConcurrentAnswersMatchSequentialOnes(t *testing.T) {
	var questions []string
	for _, name := range []string{"dev.jsonl", "heldout.jsonl"} {
		f, err := os.Open(filepath.Join("..", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		qs, err := ReadEvalQuestions(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			questions = append(questions, q.Q)
		}
	}
	ctx := context.Background()
	sequential := defaultEngine(t)
	want := make([]Answer, len(questions))
	for i, q := range questions {
		want[i] = sequential.Answer(ctx, q)
	}
	concurrent := defaultEngine(t)
	const workers = 4
	got := make([][]Answer, workers)
	var wg sync.WaitGroup
	for w := range workers {
		got[w] = make([]Answer, len(questions))
		wg.Go(func() {
			for k := range questions {
				i := (k + w*len(questions)/workers) % len(questions) // each starts elsewhere
				got[w][i] = concurrent.Answer(ctx, questions[i])
			}
		})
	}
	wg.Wait()
	for w := range workers {
		for i, q := range questions {
			if !reflect.DeepEqual(got[w][i], want[i]) {
				t.Fatalf("worker %d, %q: answered %q, one by one %q", w, q, got[w][i].Text, want[i].Text)
			}
		}
	}
}

// TestMarkAnalyzedIsMarkTokens: marking a passage on its analysis, whose
// keys hold its glossary concepts, marks the words that matching the
// glossary on its tokens marks, whichever terms the question has.
func TestMarkAnalyzedIsMarkTokens(t *testing.T) {
	e := defaultEngine(t)
	idx := e.idx.Load()
	var stems, others []string
	for d := range idx.passages {
		for i, keys := range idx.analyzed[d].keys {
			for _, k := range keys {
				if stem, ok := strings.CutPrefix(k, "w:"); ok {
					stems = append(stems, stem)
				} else {
					others = append(others, k)
				}
			}
			if len(keys) == 0 {
				stems = append(stems, idx.analyzed[d].tokens[i].stem) // a stopword's
			}
		}
	}
	// Every term, every other term, every third, and none.
	for _, every := range []int{1, 2, 3, 0} {
		terms := unitTerms{stems: map[string]bool{}, others: map[string]bool{}}
		for i, s := range stems {
			if every > 0 && i%every == 0 {
				terms.stems[s] = true
			}
		}
		for i, k := range others {
			if every > 0 && i%every == 0 {
				terms.others[k] = true
			}
		}
		for d, p := range idx.passages {
			a := idx.analyzed[d]
			want, got := markTokens(a.tokens, terms, e.glossary), markAnalyzed(a, terms)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("every %d: passage %s: marks %v, want %v", every, p.ID, got, want)
			}
		}
	}
}
