package retrieval_test

import (
	"context"
	"strings"
	"testing"

	"github.com/alliancebot/alliancebot/retrieval"
	"github.com/alliancebot/alliancebot/retrieval/embedtest"
)

func TestOpenAIAPIKey(t *testing.T) {
	ctx := context.Background()
	fake := embedtest.NewOpenAI(t, testAPIKey, "text-embedding-3-small")
	emb, err := retrieval.NewOpenAIEmbedder(fake.URL, testAPIKey, "text-embedding-3-small")
	if err != nil {
		t.Fatal(err)
	}
	if err := retrieval.CheckEmbedder(ctx, emb); err != nil {
		t.Fatal(err)
	}
	if got := fake.Authorization(); got != "Bearer "+testAPIKey {
		t.Errorf("Authorization %q, want the key as a bearer token", got)
	}

	// The fake quotes a wrong key back, as some servers do.
	wrongKey := "sk-wrong-fedcba9876543210"
	bad, err := retrieval.NewOpenAIEmbedder(fake.URL, wrongKey, "text-embedding-3-small")
	if err != nil {
		t.Fatal(err)
	}
	err = retrieval.CheckEmbedder(ctx, bad)
	if err == nil || !strings.Contains(err.Error(), "HTTP 401") || !strings.Contains(err.Error(), "check the API key") || !strings.Contains(err.Error(), fake.URL) {
		t.Fatalf("err %v, want HTTP 401 naming the server and the key as the suspect", err)
	}
	if strings.Contains(err.Error(), wrongKey) || strings.Contains(err.Error(), testAPIKey) {
		t.Errorf("err %q shows an API key", err)
	}
}

func TestOpenAIWithoutKey(t *testing.T) {
	fake := embedtest.NewOpenAI(t, "", "bge-m3")
	emb, err := retrieval.NewOpenAIEmbedder(fake.URL, "", "bge-m3")
	if err != nil {
		t.Fatal(err)
	}
	if err := retrieval.CheckEmbedder(context.Background(), emb); err != nil {
		t.Fatal(err)
	}
	if got := fake.Authorization(); got != "" {
		t.Errorf("Authorization %q sent without a key", got)
	}
	host := strings.TrimPrefix(strings.TrimSuffix(fake.URL, "/v1"), "http://")
	if want := "openai/bge-m3@" + host; emb.ID() != want {
		t.Errorf("ID %q, want %q", emb.ID(), want)
	}
}
