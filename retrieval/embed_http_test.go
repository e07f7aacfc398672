package retrieval_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/retrieval"
	"github.com/alliancebot/alliancebot/retrieval/embedtest"
)

// testAPIKey is the key the fake OpenAI server wants; no error may show it.
const testAPIKey = "sk-test-0123456789abcdef"

// server is one kind of embedding server: how to start its fake and how to
// point an embedder at it.
type server struct {
	name   string
	start  func(t *testing.T) *embedtest.Server
	client func(url string, opts ...retrieval.EmbedderOption) (retrieval.Embedder, error)
}

var servers = []server{
	{
		name:  "ollama",
		start: func(t *testing.T) *embedtest.Server { return embedtest.NewOllama(t, "nomic-embed-text") },
		client: func(url string, opts ...retrieval.EmbedderOption) (retrieval.Embedder, error) {
			return retrieval.NewOllamaEmbedder(url, "nomic-embed-text", opts...)
		},
	},
	{
		name: "openai",
		start: func(t *testing.T) *embedtest.Server {
			return embedtest.NewOpenAI(t, testAPIKey, "text-embedding-3-small")
		},
		client: func(url string, opts ...retrieval.EmbedderOption) (retrieval.Embedder, error) {
			return retrieval.NewOpenAIEmbedder(url, testAPIKey, "text-embedding-3-small", opts...)
		},
	},
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newClient(t *testing.T, s server, url string, opts ...retrieval.EmbedderOption) retrieval.Embedder {
	t.Helper()
	emb, err := s.client(url, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return emb
}

func loadFS(e *retrieval.Engine, fsys fstest.MapFS) (retrieval.ReloadReport, error) {
	c, err := corpus.Load(fsys)
	if err != nil {
		return retrieval.ReloadReport{}, err
	}
	return e.Load(context.Background(), c)
}

var (
	januaryCorpus = fstest.MapFS{
		"a.txt": {Data: []byte("Alpha\n\nKazakhstan asked the CSTO for help in January. Troops arrived within days.\n\nThe mission ended in a month.")},
	}
	septemberCorpus = fstest.MapFS{
		"a.txt": {Data: []byte("Alpha\n\nArmenia asked the CSTO for help in September. No troops were sent.\n\nYerevan froze its participation.")},
		"b.txt": {Data: []byte("Beta\n\nBelarus hosted the exercises. Russia sent the largest contingent.")},
	}
)

func TestRemoteEmbedderIndexesAndAnswers(t *testing.T) {
	ctx := context.Background()
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			fake := s.start(t)
			emb := newClient(t, s, fake.URL)
			if err := retrieval.CheckEmbedder(ctx, emb); err != nil {
				t.Fatalf("check: %v", err)
			}
			e := retrieval.New(retrieval.Config{Embedder: emb, Logger: quietLogger()})
			c, err := corpus.Load(corpus.Default())
			if err != nil {
				t.Fatal(err)
			}
			before := fake.Requests()
			rep, err := e.Load(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Embedded != rep.Passages || fake.Requests()-before != rep.Passages {
				t.Errorf("embedded %d of %d passages with %d requests", rep.Embedded, rep.Passages, fake.Requests()-before)
			}
			if got := e.Stats().Embedder; got != emb.ID() || !strings.HasPrefix(got, s.name+"/") {
				t.Errorf("stats name embedder %q, want %q", got, emb.ID())
			}
			before = fake.Requests()
			a := e.Answer(ctx, "Which country asked the CSTO for help in January?")
			if !a.Found || !strings.Contains(a.Text, "Kazakhstan") {
				t.Errorf("answer %+v", a)
			}
			if fake.Requests() != before+1 {
				t.Errorf("question made %d requests, want 1", fake.Requests()-before)
			}
			// The same articles again: every vector is reused.
			if rep, err = e.Load(ctx, c); err != nil || rep.Embedded != 0 {
				t.Errorf("reload: %+v, %v; want nothing embedded", rep, err)
			}
		})
	}
}

func TestRemoteEmbedderFailuresKeepOldIndex(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		fault embedtest.Fault
		want  string
		is    error // when not nil, errors.Is must hold
	}{
		{"not json", embedtest.NotJSON, "not the expected JSON", nil},
		{"empty", embedtest.EmptyEmbedding, "response has no embedding", nil},
		{"nan", embedtest.NaN, "not the expected JSON", nil},
		{"zeros", embedtest.ZeroVector, "zero vector", nil},
		{"http 500", embedtest.Failing, "HTTP 500: the model runner crashed", nil},
		{"slow", embedtest.Slow, "timed out after 50ms", context.DeadlineExceeded},
		{"dimensions", embedtest.WrongDims, "dimensions, others have", nil},
	}
	for _, s := range servers {
		for _, tt := range tests {
			t.Run(s.name+"/"+tt.name, func(t *testing.T) {
				fake := s.start(t)
				e := retrieval.New(retrieval.Config{
					Embedder: newClient(t, s, fake.URL, retrieval.WithTimeout(50*time.Millisecond)),
					Logger:   quietLogger(),
				})
				first, err := loadFS(e, januaryCorpus)
				if err != nil {
					t.Fatal(err)
				}
				fake.SetFault(tt.fault)
				_, err = loadFS(e, septemberCorpus)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("load through a server with fault %d: err %v, want %q", tt.fault, err, tt.want)
				}
				if tt.is != nil && !errors.Is(err, tt.is) {
					t.Errorf("err %v is not %v", err, tt.is)
				}
				if !strings.Contains(err.Error(), s.name+"/") {
					t.Errorf("err %q does not name the embedder", err)
				}
				if tt.fault != embedtest.WrongDims && !strings.Contains(err.Error(), fake.URL) {
					t.Errorf("err %q does not name the server %s", err, fake.URL)
				}
				if strings.Contains(err.Error(), testAPIKey) {
					t.Errorf("err %q shows the API key", err)
				}
				// Nothing of the failed load is served.
				if st := e.Stats(); st.Passages != first.Passages || len(st.Articles) != 1 {
					t.Errorf("stats after failed load: %+v", st)
				}
				fake.SetFault(embedtest.Healthy)
				a := e.Answer(ctx, "Which country asked the CSTO for help?")
				if !a.Found || !strings.Contains(a.Text, "Kazakhstan") {
					t.Errorf("old index not serving: %+v", a)
				}
			})
		}
	}
}

func TestServerDownIsNamed(t *testing.T) {
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			fake := s.start(t)
			fake.Close()
			err := retrieval.CheckEmbedder(context.Background(), newClient(t, s, fake.URL))
			if err == nil || !strings.Contains(err.Error(), fake.URL) || !strings.Contains(err.Error(), "connection refused") {
				t.Fatalf("err %v, want connection refused naming %s", err, fake.URL)
			}
			if !errors.Is(err, syscall.ECONNREFUSED) {
				t.Errorf("err %v is not ECONNREFUSED", err)
			}
		})
	}
}

func TestSlowQuestionFallsBackToWords(t *testing.T) {
	ctx := context.Background()
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			fake := s.start(t)
			var logs bytes.Buffer
			e := retrieval.New(retrieval.Config{
				Embedder: newClient(t, s, fake.URL, retrieval.WithQueryTimeout(20*time.Millisecond)),
				Logger:   slog.New(slog.NewTextHandler(&logs, nil)),
			})
			if _, err := loadFS(e, januaryCorpus); err != nil {
				t.Fatal(err)
			}
			fake.SetFault(embedtest.Slow)
			if a := e.Answer(ctx, "Which country asked the CSTO for help?"); !a.Found || !strings.Contains(a.Text, "Kazakhstan") {
				t.Errorf("answer with a slow server: %+v", a)
			}
			// The answer came from the words alone: the vector half gave up.
			if !strings.Contains(logs.String(), "question not embedded") {
				t.Errorf("no log of the question the server did not embed in time:\n%s", logs.String())
			}
		})
	}
}

func TestBadServerURLDoesNotShowCredentials(t *testing.T) {
	for _, u := range []string{"ftp://user:s3cret@host/v1?api_key=s3cret", "host:8080/v1?key=s3cret"} {
		_, err := retrieval.NewOpenAIEmbedder(u, "", "m")
		if err == nil || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: err %v must exist and not show the secret", u, err)
		}
	}
}

func TestCallerCancelIsNotATimeout(t *testing.T) {
	s := servers[0]
	fake := s.start(t)
	fake.SetFault(embedtest.Slow)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newClient(t, s, fake.URL).EmbedPassage(ctx, "text")
	if err == nil || strings.Contains(err.Error(), "timed out") || !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want a cancellation", err)
	}
}

func TestRemoteEmbedderRejectsBadSettings(t *testing.T) {
	tests := []struct {
		name string
		make func() error
		want string
	}{
		{"ollama no scheme", func() error { _, err := retrieval.NewOllamaEmbedder("localhost:11434", "m"); return err }, "not an http:// or https:// URL"},
		{"ollama empty URL", func() error { _, err := retrieval.NewOllamaEmbedder("", "m"); return err }, "not an http:// or https:// URL"},
		{"ollama no model", func() error { _, err := retrieval.NewOllamaEmbedder("http://localhost:11434", " "); return err }, "no embedding model"},
		{"openai ftp", func() error { _, err := retrieval.NewOpenAIEmbedder("ftp://host/v1", "", "m"); return err }, "not an http:// or https:// URL"},
		{"openai no model", func() error { _, err := retrieval.NewOpenAIEmbedder("http://host/v1", "", ""); return err }, "no embedding model"},
	}
	for _, tt := range tests {
		if err := tt.make(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err %v, want %q", tt.name, err, tt.want)
		}
	}
}
