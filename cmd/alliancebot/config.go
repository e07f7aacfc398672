package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/alliancebot/alliancebot/retrieval"
)

// configError is a missing or malformed setting: a variable, a flag or a
// file such as .env. Every command exits with exitUsage on one and prints
// one line that names the setting and never repeats a secret.
type configError struct {
	Var     string
	Problem string
}

func (e *configError) Error() string { return e.Var + ": " + e.Problem }

// The embedding variables, read by every command.
const (
	envEmbedder       = "EMBEDDER"        // local (default), ollama or openai
	envOllamaURL      = "OLLAMA_URL"      // default defaultOllamaURL
	envEmbeddingModel = "EMBEDDING_MODEL" // default defaultOllamaModel for ollama; required for openai
	envOpenAIBaseURL  = "OPENAI_BASE_URL" // required for openai
	envOpenAIKey      = "OPENAI_API_KEY"  // optional
	envEmbedTimeout   = "EMBED_TIMEOUT"   // default retrieval.DefaultEmbedTimeout
	envEmbedMaxChars  = "EMBED_MAX_CHARS" // default 0: passages are sent whole
)

// Defaults of the embedding settings.
const (
	defaultOllamaURL   = "http://localhost:11434"
	defaultOllamaModel = "nomic-embed-text"
)

// indexFileName is the persisted index inside DATA_DIR.
const indexFileName = "index.gob.gz"

// serverConcurrency bounds parallel requests to an embedding server. One
// per CPU of this machine could queue dozens of requests at a server that
// embeds one or two at a time, and the last of them would time out.
const serverConcurrency = 4

// engineConfig is the engine configuration the environment asks for:
//
//	EMBEDDER         local (default), ollama or openai
//	OLLAMA_URL       Ollama server (default http://localhost:11434)
//	EMBEDDING_MODEL  model name (default nomic-embed-text for ollama; required for openai)
//	OPENAI_BASE_URL  OpenAI-compatible base URL that /embeddings is appended to (required for openai)
//	OPENAI_API_KEY   bearer token for it (optional: local servers need none)
//	EMBED_TIMEOUT    time limit of one embedding request (default 30s)
//	EMBED_MAX_CHARS  longest text sent to the server at once (default 0: whole passages)
//
// A bad value is a *configError naming the variable. It does not contact a
// server; newEngine checks the embedder and sets the index file.
func engineConfig(getenv func(string) string) (retrieval.Config, error) {
	var cfg retrieval.Config
	env := func(name string) string { return strings.TrimSpace(getenv(name)) }

	timeout := retrieval.DefaultEmbedTimeout
	if s := env(envEmbedTimeout); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return cfg, &configError{envEmbedTimeout, fmt.Sprintf("want a positive duration such as 30s or 2m, got %q", s)}
		}
		timeout = d
	}
	if s := env(envEmbedMaxChars); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return cfg, &configError{envEmbedMaxChars, fmt.Sprintf("want a number of characters such as 2000, or 0 for no limit, got %q", s)}
		}
		cfg.EmbedMaxChars = n
	}
	model := env(envEmbeddingModel)

	switch embedder := env(envEmbedder); strings.ToLower(embedder) {
	case "", "local":
	case "ollama":
		url := env(envOllamaURL)
		if url == "" {
			url = defaultOllamaURL
		}
		if model == "" {
			model = defaultOllamaModel
		}
		emb, err := retrieval.NewOllamaEmbedder(url, model, retrieval.WithTimeout(timeout))
		if err != nil {
			return cfg, &configError{envOllamaURL, err.Error()}
		}
		cfg.Embedder = emb
	case "openai":
		url := env(envOpenAIBaseURL)
		switch {
		case url == "":
			return cfg, &configError{envOpenAIBaseURL, "required with EMBEDDER=openai (e.g. https://api.openai.com/v1)"}
		case model == "":
			return cfg, &configError{envEmbeddingModel, "required with EMBEDDER=openai (e.g. text-embedding-3-small)"}
		}
		emb, err := retrieval.NewOpenAIEmbedder(url, env(envOpenAIKey), model, retrieval.WithTimeout(timeout))
		if err != nil {
			return cfg, &configError{envOpenAIBaseURL, err.Error()}
		}
		cfg.Embedder = emb
	default:
		return cfg, &configError{envEmbedder, fmt.Sprintf("want local, ollama or openai, got %q", embedder)}
	}
	if cfg.Embedder != nil {
		cfg.EmbedConcurrency = serverConcurrency
	}
	return cfg, nil
}
