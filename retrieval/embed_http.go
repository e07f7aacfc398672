package retrieval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"
)

// Default time limits of one request to an embedding server. A passage may
// wait for a model to load; a question is asked while someone waits for the
// answer, and a slow question only costs the vector half of the ranking.
const (
	DefaultEmbedTimeout      = 30 * time.Second
	DefaultQueryEmbedTimeout = 10 * time.Second
)

// maxEmbedResponse bounds the body read from an embedding server: a
// 4096-dimension vector is about 100 KB of JSON.
const maxEmbedResponse = 16 << 20

// EmbedderOption configures NewOllamaEmbedder and NewOpenAIEmbedder.
type EmbedderOption func(*remoteOptions)

type remoteOptions struct {
	timeout      time.Duration
	queryTimeout time.Duration
}

// WithTimeout limits each embedding request to d (DefaultEmbedTimeout when
// not given). Questions get the shorter of d and DefaultQueryEmbedTimeout
// unless WithQueryTimeout says otherwise.
func WithTimeout(d time.Duration) EmbedderOption {
	return func(o *remoteOptions) { o.timeout = d }
}

// WithQueryTimeout limits each request that embeds a question to d.
func WithQueryTimeout(d time.Duration) EmbedderOption {
	return func(o *remoteOptions) { o.queryTimeout = d }
}

// remoteEmbedder is the HTTP client shared by the embedding servers: one
// JSON POST per text, a time limit per request, and errors that name the
// server and the model but never the API key.
type remoteEmbedder struct {
	id       string
	host     string // host[:port] of the server
	endpoint string // the URL requests go to
	shown    string // endpoint as errors show it, without any password
	model    string
	apiKey   string // sent as a bearer token when not empty
	opts     remoteOptions
	client   *http.Client
	request  func(text string) any
	vector   func(body []byte) ([]float32, error)
}

// newRemoteEmbedder checks baseURL and returns a client for baseURL+path.
func newRemoteEmbedder(baseURL, path, model string, opts []EmbedderOption) (*remoteEmbedder, error) {
	u, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		// Show the URL without password or query: a key may hide in either.
		shown := "(unreadable)"
		if err == nil {
			u.RawQuery, u.Fragment = "", ""
			shown = u.Redacted()
		}
		return nil, fmt.Errorf("server URL %q is not an http:// or https:// URL", shown)
	}
	if strings.TrimSpace(model) == "" {
		return nil, errors.New("no embedding model given")
	}
	u.Path = strings.TrimRight(u.Path, "/") + path
	// Keep as many connections open as requests may run in parallel; the
	// default of two would reopen connections all through a reload.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 16
	// Errors show the endpoint without password or query string: a key
	// may hide in either.
	shownURL := *u
	shownURL.RawQuery, shownURL.Fragment = "", ""
	r := &remoteEmbedder{host: u.Host, endpoint: u.String(), shown: shownURL.Redacted(), model: model, client: &http.Client{Transport: transport}}
	for _, opt := range opts {
		opt(&r.opts)
	}
	if r.opts.timeout <= 0 {
		r.opts.timeout = DefaultEmbedTimeout
	}
	if r.opts.queryTimeout <= 0 {
		r.opts.queryTimeout = min(r.opts.timeout, DefaultQueryEmbedTimeout)
	}
	return r, nil
}

// ID implements Embedder.
func (r *remoteEmbedder) ID() string { return r.id }

// EmbedPassage implements Embedder.
func (r *remoteEmbedder) EmbedPassage(ctx context.Context, text string) ([]float32, error) {
	return r.embed(ctx, text, r.opts.timeout)
}

// EmbedQuery implements Embedder.
func (r *remoteEmbedder) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	return r.embed(ctx, text, r.opts.queryTimeout)
}

// errRequestTimeout is the cause of a request that ran out of its own time,
// as opposed to one whose caller gave up.
var errRequestTimeout = errors.New("embedding request timed out")

func (r *remoteEmbedder) embed(ctx context.Context, text string, timeout time.Duration) ([]float32, error) {
	body, err := json.Marshal(r.request(text))
	if err != nil {
		return nil, r.fail("encode request: "+err.Error(), err)
	}
	ctx, cancel := context.WithTimeoutCause(ctx, timeout, errRequestTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, r.fail("build request: "+err.Error(), err)
	}
	req.Header.Set("Content-Type", "application/json")
	if r.apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+r.apiKey)
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, r.transportError(ctx, timeout, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxEmbedResponse))
	if err != nil {
		return nil, r.transportError(ctx, timeout, err)
	}
	if resp.StatusCode != http.StatusOK {
		msg := fmt.Sprintf("HTTP %d: %s", resp.StatusCode, shortBody(r.redactKey(data)))
		var cause error
		switch resp.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden:
			msg += " (check the API key)"
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
			// The server read the request and refused this text (too long
			// for the model's context, say); other texts may well pass.
			cause = ErrPassageRefused
		}
		return nil, r.fail(msg, cause)
	}
	v, err := r.vector(r.redactKey(data))
	if err != nil {
		return nil, r.fail(err.Error(), nil)
	}
	if err := checkVector(v); err != nil {
		return nil, r.fail("response has a bad embedding: "+err.Error(), nil)
	}
	normalize(v)
	return v, nil
}

// transportError says in a few words why a request got no response.
func (r *remoteEmbedder) transportError(ctx context.Context, timeout time.Duration, err error) error {
	var dns *net.DNSError
	switch {
	case errors.Is(context.Cause(ctx), errRequestTimeout):
		return r.fail(fmt.Sprintf("timed out after %v", timeout), context.DeadlineExceeded)
	case ctx.Err() != nil:
		return r.fail("request abandoned: "+context.Cause(ctx).Error(), context.Cause(ctx))
	case errors.Is(err, syscall.ECONNREFUSED):
		return r.fail("connection refused (is the server running?)", err)
	case errors.As(err, &dns):
		return r.fail(fmt.Sprintf("cannot resolve host %q", dns.Name), err)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // the URL is in the message already
	}
	return r.fail(err.Error(), err)
}

// fail returns an error that names the server and the model. The API key is
// cut out of msg, since servers may echo what they were sent.
func (r *remoteEmbedder) fail(msg string, cause error) error {
	msg = string(r.redactKey([]byte(msg)))
	return &embedServerError{msg: fmt.Sprintf("embedding server %s (model %s): %s", r.shown, r.model, msg), cause: cause}
}

// redactKey replaces the API key in data, before anything cuts data short:
// a key cut in half would no longer match.
func (r *remoteEmbedder) redactKey(data []byte) []byte {
	if r.apiKey == "" || !bytes.Contains(data, []byte(r.apiKey)) {
		return data
	}
	return bytes.ReplaceAll(data, []byte(r.apiKey), []byte("[API key]"))
}

// embedServerError is a failed request to an embedding server. Its message is
// built by remoteEmbedder.fail; cause, when known, is what errors.Is sees
// (context.DeadlineExceeded for a timeout, syscall.ECONNREFUSED for a server
// that is down).
type embedServerError struct {
	msg   string
	cause error
}

func (e *embedServerError) Error() string { return e.msg }
func (e *embedServerError) Unwrap() error { return e.cause }

// shortBody is the start of a response body for an error message: the
// "error" text when the body is a JSON error of Ollama or OpenAI, else the
// body itself, on one line and at most 200 bytes.
func shortBody(data []byte) string {
	var withError struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(data, &withError) == nil && len(withError.Error) > 0 {
		var text string
		var obj struct {
			Message string `json:"message"`
		}
		switch {
		case json.Unmarshal(withError.Error, &text) == nil && text != "":
			data = []byte(text)
		case json.Unmarshal(withError.Error, &obj) == nil && obj.Message != "":
			data = []byte(obj.Message)
		}
	}
	s := strings.Join(strings.Fields(string(data)), " ")
	if s == "" {
		return "(empty body)"
	}
	if len(s) > 200 {
		cut := 200
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// decodeJSONBody unmarshals an embedding server's 200 response into v.
func decodeJSONBody(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("response is not the expected JSON (%v): %s", err, shortBody(data))
	}
	return nil
}

// probeText is what CheckEmbedder embeds.
const probeText = "The Collective Security Treaty Organization held a summit."

// CheckEmbedder embeds a short probe text, so that a server that is down, a
// missing model or a wrong API key is reported at startup, naming the server,
// rather than at the first reload or question.
func CheckEmbedder(ctx context.Context, e Embedder) error {
	v, err := e.EmbedPassage(ctx, probeText)
	if err == nil {
		err = checkVector(v)
	}
	if err != nil {
		return fmt.Errorf("check embedder %s: %w", e.ID(), err)
	}
	return nil
}
