package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/alliancebot/alliancebot/retrieval"
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
//	DATA_DIR         folder for the persisted index (none: nothing is kept)
//
// A bad value is an error wrapping errConfig that names the variable. It does
// not contact a server; loadEngine checks the embedder before indexing.
func engineConfig(getenv func(string) string) (retrieval.Config, error) {
	var cfg retrieval.Config
	env := func(name string) string { return strings.TrimSpace(getenv(name)) }

	timeout := retrieval.DefaultEmbedTimeout
	if s := env("EMBED_TIMEOUT"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return cfg, fmt.Errorf("%w: EMBED_TIMEOUT=%q is not a positive duration such as 30s or 2m", errConfig, s)
		}
		timeout = d
	}
	model := env("EMBEDDING_MODEL")

	switch strings.ToLower(env("EMBEDDER")) {
	case "", "local":
	case "ollama":
		url := env("OLLAMA_URL")
		if url == "" {
			url = defaultOllamaURL
		}
		if model == "" {
			model = defaultOllamaModel
		}
		emb, err := retrieval.NewOllamaEmbedder(url, model, retrieval.WithTimeout(timeout))
		if err != nil {
			return cfg, fmt.Errorf("%w: OLLAMA_URL: %v", errConfig, err)
		}
		cfg.Embedder = emb
	case "openai":
		url := env("OPENAI_BASE_URL")
		switch {
		case url == "":
			return cfg, fmt.Errorf("%w: EMBEDDER=openai needs OPENAI_BASE_URL (e.g. https://api.openai.com/v1)", errConfig)
		case model == "":
			return cfg, fmt.Errorf("%w: EMBEDDER=openai needs EMBEDDING_MODEL (e.g. text-embedding-3-small)", errConfig)
		}
		emb, err := retrieval.NewOpenAIEmbedder(url, env("OPENAI_API_KEY"), model, retrieval.WithTimeout(timeout))
		if err != nil {
			return cfg, fmt.Errorf("%w: OPENAI_BASE_URL: %v", errConfig, err)
		}
		cfg.Embedder = emb
	default:
		return cfg, fmt.Errorf("%w: EMBEDDER=%q: want local, ollama or openai", errConfig, getenv("EMBEDDER"))
	}
	if cfg.Embedder != nil {
		cfg.EmbedConcurrency = serverConcurrency
	}

	if dir := env("DATA_DIR"); dir != "" {
		cfg.IndexPath = filepath.Join(dir, indexFileName)
	}
	return cfg, nil
}
