// Package embedtest runs fake embedding servers that speak the wire formats
// of Ollama (/api/embeddings) and of OpenAI-compatible servers (/embeddings),
// so that code talking to them is tested offline. The fakes embed with the
// offline retrieval.LocalEmbedder, so an index built through them answers
// questions like the default engine, and they can be told to misbehave.
package embedtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/alliancebot/alliancebot/retrieval"
)

// Fault is a way for a fake server to misbehave.
type Fault int

const (
	// Healthy answers every request with the text's embedding.
	Healthy Fault = iota
	// NotJSON answers with an HTML error page and status 200, as a proxy
	// in front of a stopped server might.
	NotJSON
	// EmptyEmbedding answers with an empty embedding list.
	EmptyEmbedding
	// NaN puts NaN into the embedding, which makes the body invalid JSON.
	NaN
	// ZeroVector answers with an embedding of zeros.
	ZeroVector
	// WrongDims answers the first request of the fault with a full vector
	// and every later one with a shorter vector.
	WrongDims
	// Slow holds every request until the client gives up.
	Slow
	// Failing answers with HTTP 500 and a short JSON error.
	Failing
)

// Server is a fake embedding server.
type Server struct {
	// URL is the base URL a client is configured with: the Ollama server
	// URL, or the OpenAI-style base that /embeddings is appended to.
	URL string

	srv     *httptest.Server
	openAI  bool
	model   string
	apiKey  string
	emb     *retrieval.LocalEmbedder
	release chan struct{}
	stop    sync.Once

	mu      sync.Mutex
	fault   Fault
	faulted int // requests answered under the current fault
	// contextLimit, when above zero, refuses longer texts as a model's
	// context limit does.
	contextLimit int
	requests     int
	auth         string
}

// NewOllama starts a fake Ollama server serving model. Requests for another
// model get Ollama's 404 "model not found". The server closes when the test
// ends.
func NewOllama(t testing.TB, model string) *Server {
	return start(t, &Server{model: model})
}

// NewOpenAI starts a fake OpenAI-compatible server serving model. When
// apiKey is not empty, requests must carry it as a bearer token; others get
// a 401 whose message quotes the key they sent, as some servers do. The
// server closes when the test ends.
func NewOpenAI(t testing.TB, apiKey, model string) *Server {
	return start(t, &Server{openAI: true, apiKey: apiKey, model: model})
}

func start(t testing.TB, s *Server) *Server {
	s.emb = retrieval.NewLocalEmbedder()
	s.release = make(chan struct{})
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	if s.openAI {
		s.URL += "/v1"
	}
	t.Cleanup(s.Close)
	return s
}

// SetFault makes the server misbehave from now on; Healthy restores it.
func (s *Server) SetFault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fault, s.faulted = f, 0
}

// SetContextLimit makes the server refuse every text longer than runes
// characters with HTTP 400, as a model with a short context does; 0 lifts
// the limit.
func (s *Server) SetContextLimit(runes int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.contextLimit = runes
}

// Requests is the number of embedding requests the server has received.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// Authorization is the Authorization header of the latest request.
func (s *Server) Authorization() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.auth
}

// Close stops the server and closes its listener, so that later requests
// find nothing listening. Requests held by Slow are let go first.
func (s *Server) Close() {
	s.stop.Do(func() {
		close(s.release)
		s.srv.Close()
	})
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	path := "/api/embeddings"
	if s.openAI {
		path = "/v1/embeddings"
	}
	if r.Method != http.MethodPost || r.URL.Path != path {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	s.mu.Lock()
	s.requests++
	s.auth = r.Header.Get("Authorization")
	fault, n, limit := s.fault, s.faulted, s.contextLimit
	s.faulted++
	s.mu.Unlock()

	var req struct {
		Model  string `json:"model"`
		Prompt string `json:"prompt"` // Ollama
		Input  string `json:"input"`  // OpenAI
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, s.openAI, http.StatusBadRequest, "invalid request body: "+err.Error())
		return
	}
	if s.openAI && s.apiKey != "" && r.Header.Get("Authorization") != "Bearer "+s.apiKey {
		writeError(w, true, http.StatusUnauthorized, fmt.Sprintf("Incorrect API key provided: %q.", r.Header.Get("Authorization")))
		return
	}
	if req.Model != s.model {
		writeError(w, s.openAI, http.StatusNotFound, fmt.Sprintf("model %q not found, try pulling it first", req.Model))
		return
	}
	text := req.Prompt
	if s.openAI {
		text = req.Input
	}
	if limit > 0 && utf8.RuneCountInString(text) > limit {
		writeError(w, s.openAI, http.StatusBadRequest, fmt.Sprintf("the input length exceeds the context length (%d characters, limit %d)", utf8.RuneCountInString(text), limit))
		return
	}
	v, _ := s.emb.EmbedPassage(r.Context(), text)
	switch fault {
	case NotJSON:
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		return
	case EmptyEmbedding:
		v = []float32{}
	case ZeroVector:
		clear(v)
	case WrongDims:
		if n > 0 {
			v = v[:len(v)/2]
		}
	case Slow:
		select {
		case <-r.Context().Done():
		case <-s.release:
		}
		return
	case Failing:
		writeError(w, s.openAI, http.StatusInternalServerError, "the model runner crashed")
		return
	}
	body := encodeVector(v, s.openAI)
	if fault == NaN {
		body = []byte(`{"embedding":[0.1,NaN,0.2]}`)
		if s.openAI {
			body = []byte(`{"data":[{"embedding":[0.1,NaN,0.2]}]}`)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

func encodeVector(v []float32, openAI bool) []byte {
	var resp any = map[string]any{"embedding": v}
	if openAI {
		resp = map[string]any{"object": "list", "data": []any{map[string]any{"object": "embedding", "index": 0, "embedding": v}}}
	}
	b, err := json.Marshal(resp)
	if err != nil {
		panic(err) // a []float32 of finite numbers always encodes
	}
	return b
}

// writeError answers as the servers do: Ollama with {"error": "..."},
// OpenAI with {"error": {"message": "..."}}.
func writeError(w http.ResponseWriter, openAI bool, status int, msg string) {
	var body any = map[string]string{"error": msg}
	if openAI {
		body = map[string]any{"error": map[string]string{"message": msg, "type": "invalid_request_error"}}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}
