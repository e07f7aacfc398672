package retrieval

import (
	"errors"
	"fmt"
)

// OpenAIEmbedder embeds with the /embeddings endpoint of the OpenAI API or of
// a server compatible with it (vLLM, LiteLLM, LocalAI, llama.cpp, Ollama's
// /v1): the wire format chromem-go's NewEmbeddingFuncOpenAICompat speaks, with
// a time limit per request and errors that say which server failed and how
// but never show the API key.
type OpenAIEmbedder struct {
	*remoteEmbedder
}

// NewOpenAIEmbedder returns an embedder for model on the server at baseURL,
// the URL that /embeddings is appended to (e.g. "https://api.openai.com/v1").
// apiKey, when not empty, is sent as a bearer token; local servers usually
// need none. Its ID is "openai/<model>@<host>", since two servers may give
// different models the same name.
func NewOpenAIEmbedder(baseURL, apiKey, model string, opts ...EmbedderOption) (*OpenAIEmbedder, error) {
	r, err := newRemoteEmbedder(baseURL, "/embeddings", model, opts)
	if err != nil {
		return nil, fmt.Errorf("openai embedder: %w", err)
	}
	r.id = "openai/" + model + "@" + r.host
	r.apiKey = apiKey
	r.request = func(text string) any {
		return openAIRequest{Model: model, Input: text}
	}
	r.vector = func(body []byte) ([]float32, error) {
		var resp openAIResponse
		if err := decodeJSONBody(body, &resp); err != nil {
			return nil, err
		}
		if len(resp.Data) == 0 || len(resp.Data[0].Embedding) == 0 {
			return nil, errors.New("response has no embedding")
		}
		return resp.Data[0].Embedding, nil
	}
	return &OpenAIEmbedder{r}, nil
}

type openAIRequest struct {
	Model string `json:"model"`
	Input string `json:"input"`
}

type openAIResponse struct {
	Data []struct {
		Embedding []float32 `json:"embedding"`
	} `json:"data"`
}
