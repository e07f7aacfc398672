package retrieval

import (
	"errors"
	"fmt"
	"strings"
)

// OllamaEmbedder embeds with a model served by Ollama
// (https://ollama.com), through its /api/embeddings endpoint: the wire format
// chromem-go's NewEmbeddingFuncOllama speaks, with a time limit per request
// and errors that say which server failed and how.
type OllamaEmbedder struct {
	*remoteEmbedder
}

// NewOllamaEmbedder returns an embedder for model (e.g. "nomic-embed-text")
// on the Ollama server at baseURL, given as Ollama prints it
// ("http://localhost:11434"); the form with /api that chromem-go takes is
// accepted too. Its ID is "ollama/<model>@<host>",
// so an index built on one server is not reused with another's model of the
// same name. It only checks the URL; call
// CheckEmbedder to see that the server answers.
func NewOllamaEmbedder(baseURL, model string, opts ...EmbedderOption) (*OllamaEmbedder, error) {
	base := strings.TrimRight(strings.TrimSpace(baseURL), "/")
	base = strings.TrimSuffix(base, "/api")
	r, err := newRemoteEmbedder(base, "/api/embeddings", model, opts)
	if err != nil {
		return nil, fmt.Errorf("ollama embedder: %w", err)
	}
	r.id = "ollama/" + model + "@" + r.host
	r.request = func(text string) any {
		return ollamaRequest{Model: model, Prompt: text}
	}
	r.vector = func(body []byte) ([]float32, error) {
		var resp ollamaResponse
		if err := decodeJSONBody(body, &resp); err != nil {
			return nil, err
		}
		if len(resp.Embedding) == 0 {
			return nil, errors.New("response has no embedding")
		}
		return resp.Embedding, nil
	}
	return &OllamaEmbedder{r}, nil
}

type ollamaRequest struct {
	Model  string `json:"model"`
	Prompt string `json:"prompt"`
}

type ollamaResponse struct {
	Embedding []float32 `json:"embedding"`
}
