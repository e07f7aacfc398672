package retrieval_test

import (
	"context"
	"strings"
	"testing"

	"github.com/alliancebot/alliancebot/retrieval"
	"github.com/alliancebot/alliancebot/retrieval/embedtest"
)

func TestOllamaBaseURLForms(t *testing.T) {
	fake := embedtest.NewOllama(t, "nomic-embed-text")
	for _, base := range []string{fake.URL, fake.URL + "/", fake.URL + "/api", fake.URL + "/api/"} {
		emb, err := retrieval.NewOllamaEmbedder(base, "nomic-embed-text")
		if err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		if err := retrieval.CheckEmbedder(context.Background(), emb); err != nil {
			t.Errorf("%s: %v", base, err)
		}
		// Every form names the same server, so the same index.
		if emb.ID() != "ollama/nomic-embed-text@"+strings.TrimPrefix(fake.URL, "http://") {
			t.Errorf("%s: ID %q", base, emb.ID())
		}
	}
}

func TestOllamaMissingModel(t *testing.T) {
	fake := embedtest.NewOllama(t, "nomic-embed-text")
	emb, err := retrieval.NewOllamaEmbedder(fake.URL, "mxbai-embed-large")
	if err != nil {
		t.Fatal(err)
	}
	err = retrieval.CheckEmbedder(context.Background(), emb)
	for _, want := range []string{fake.URL + "/api/embeddings", "model mxbai-embed-large", `HTTP 404: model "mxbai-embed-large" not found`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err %v lacks %q", err, want)
		}
	}
}
