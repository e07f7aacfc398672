package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alliancebot/alliancebot/retrieval/embedtest"
)

func TestEngineConfig(t *testing.T) {
	tests := []struct {
		name   string
		env    map[string]string
		wantID string // embedder ID; "" for the default local embedder
	}{
		{"default", nil, ""},
		{"local", map[string]string{"EMBEDDER": " Local "}, ""},
		{"ollama defaults", map[string]string{"EMBEDDER": "ollama"}, "ollama/nomic-embed-text@localhost:11434"},
		{"ollama model", map[string]string{"EMBEDDER": "ollama", "EMBEDDING_MODEL": "mxbai-embed-large", "OLLAMA_URL": "http://gpu:11434"}, "ollama/mxbai-embed-large@gpu:11434"},
		{"openai", map[string]string{"EMBEDDER": "openai", "OPENAI_BASE_URL": "https://api.openai.com/v1", "EMBEDDING_MODEL": "text-embedding-3-small", "OPENAI_API_KEY": "sk-x", "EMBED_TIMEOUT": "1m"}, "openai/text-embedding-3-small@api.openai.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := engineConfig(func(k string) string { return tt.env[k] })
			if err != nil {
				t.Fatal(err)
			}
			id := ""
			if cfg.Embedder != nil {
				id = cfg.Embedder.ID()
			}
			if id != tt.wantID || cfg.IndexPath != "" {
				t.Errorf("embedder %q, index %q; want %q and no index (newEngine sets it)", id, cfg.IndexPath, tt.wantID)
			}
			if remote := cfg.Embedder != nil; remote != (cfg.EmbedConcurrency == serverConcurrency) {
				t.Errorf("embed concurrency %d for embedder %q", cfg.EmbedConcurrency, id)
			}
		})
	}
}

func TestBadConfigurationIsOneLineNamingTheVariable(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantVar string
		want    string
	}{
		{"unknown embedder", map[string]string{"EMBEDDER": "chroma"}, "EMBEDDER", `EMBEDDER: want local, ollama or openai, got "chroma"`},
		{"openai without base URL", map[string]string{"EMBEDDER": "openai", "EMBEDDING_MODEL": "m"}, "OPENAI_BASE_URL", "OPENAI_BASE_URL: required with EMBEDDER=openai"},
		{"openai without model", map[string]string{"EMBEDDER": "openai", "OPENAI_BASE_URL": "http://localhost:8080/v1"}, "EMBEDDING_MODEL", "EMBEDDING_MODEL: required with EMBEDDER=openai"},
		{"openai bad URL", map[string]string{"EMBEDDER": "openai", "OPENAI_BASE_URL": "api.openai.com", "EMBEDDING_MODEL": "m"}, "OPENAI_BASE_URL", "OPENAI_BASE_URL: "},
		{"ollama bad URL", map[string]string{"EMBEDDER": "ollama", "OLLAMA_URL": "localhost:11434"}, "OLLAMA_URL", "OLLAMA_URL: "},
		{"timeout without unit", map[string]string{"EMBED_TIMEOUT": "30"}, "EMBED_TIMEOUT", `EMBED_TIMEOUT: want a positive duration such as 30s or 2m, got "30"`},
		{"negative timeout", map[string]string{"EMBED_TIMEOUT": "-5s"}, "EMBED_TIMEOUT", `got "-5s"`},
		{"max chars not a number", map[string]string{"EMBED_MAX_CHARS": "lots"}, "EMBED_MAX_CHARS", `got "lots"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ce *configError
			if _, err := engineConfig(func(k string) string { return tt.env[k] }); !errors.As(err, &ce) || ce.Var != tt.wantVar {
				t.Errorf("engineConfig: err %v, want a *configError naming %s", err, tt.wantVar)
			}
			for _, cmd := range []string{"ask", "eval"} {
				code, out, errOut := runCLI(t, "", tt.env, cmd, filepath.Join("..", "..", "testdata", "dev.jsonl"))
				if code != exitUsage || out != "" {
					t.Errorf("%s: exit %d, stdout %q; want %d and nothing", cmd, code, out, exitUsage)
				}
				if !strings.Contains(errOut, tt.want) || strings.Count(errOut, "\n") != 1 {
					t.Errorf("%s: stderr %q, want one line with %q", cmd, errOut, tt.want)
				}
			}
		})
	}
}

func TestEmbeddingServerDownIsNamed(t *testing.T) {
	fake := embedtest.NewOllama(t, "nomic-embed-text")
	fake.Close()
	code, out, errOut := runCLI(t, "", map[string]string{"EMBEDDER": "ollama", "OLLAMA_URL": fake.URL}, "ask", "Who are the members?")
	if code == exitOK || out != "" {
		t.Errorf("exit %d, stdout %q; want a failure and nothing", code, out)
	}
	if !strings.Contains(errOut, fake.URL) || !strings.Contains(errOut, "connection refused") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr %q, want one line naming %s", errOut, fake.URL)
	}
}

func TestAskThroughEmbeddingServers(t *testing.T) {
	const key = "sk-cmd-test-secret"
	tests := []struct {
		name string
		fake *embedtest.Server
		env  func(url string) map[string]string
	}{
		{"ollama", embedtest.NewOllama(t, "nomic-embed-text"), func(url string) map[string]string {
			return map[string]string{"EMBEDDER": "ollama", "OLLAMA_URL": url}
		}},
		{"openai", embedtest.NewOpenAI(t, key, "text-embedding-3-small"), func(url string) map[string]string {
			return map[string]string{"EMBEDDER": "openai", "OPENAI_BASE_URL": url, "EMBEDDING_MODEL": "text-embedding-3-small", "OPENAI_API_KEY": key}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := tt.env(tt.fake.URL)
			env["DATA_DIR"] = t.TempDir()
			ask := func() jsonAnswer {
				t.Helper()
				code, out, errOut := runCLI(t, "", env, "ask", "--json", "Which country asked the CSTO for help in January?")
				if code != exitOK || errOut != "" {
					t.Fatalf("exit %d, stderr %q", code, errOut)
				}
				var a jsonAnswer
				if err := json.Unmarshal([]byte(out), &a); err != nil {
					t.Fatal(err)
				}
				return a
			}
			before := tt.fake.Requests()
			if a := ask(); !a.Found || !strings.Contains(a.Answer, "Kazakhstan") {
				t.Errorf("answer %+v", a)
			}
			cold := tt.fake.Requests() - before
			if _, err := os.Stat(filepath.Join(env["DATA_DIR"], indexFileName)); err != nil {
				t.Errorf("no index saved in DATA_DIR: %v", err)
			}
			// Again with the saved index: the startup check and the question
			// are all that reach the server.
			before = tt.fake.Requests()
			if a := ask(); !a.Found || !strings.Contains(a.Answer, "Kazakhstan") {
				t.Errorf("answer from the saved index %+v", a)
			}
			if warm := tt.fake.Requests() - before; warm != 2 || cold <= warm {
				t.Errorf("%d requests on a cold start, %d on a warm one; want 2 on the warm one", cold, warm)
			}
		})
	}
}

func TestAPIKeyIsNeverPrinted(t *testing.T) {
	const key = "sk-cmd-test-secret"
	fake := embedtest.NewOpenAI(t, "sk-the-right-one", "m")
	env := map[string]string{"EMBEDDER": "openai", "OPENAI_BASE_URL": fake.URL, "EMBEDDING_MODEL": "m", "OPENAI_API_KEY": key}
	code, out, errOut := runCLI(t, "", env, "ask", "Who are the members?")
	if code == exitOK || !strings.Contains(errOut, "HTTP 401") {
		t.Errorf("exit %d, stderr %q; want a failure with HTTP 401", code, errOut)
	}
	if strings.Contains(out+errOut, key) {
		t.Errorf("the API key was printed: %q", errOut)
	}
}
