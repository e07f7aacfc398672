package retrieval_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/alliancebot/alliancebot/retrieval"
)

// TestEmbedderErrorsNeverShowTheKey: the key is cut out of an error body
// before the body is shortened, and a key in the base URL's query string is
// never shown.
func TestEmbedderErrorsNeverShowTheKey(t *testing.T) {
	const key = "sk-test-0123456789abcdefghijklmnopqrstuvwxyz"
	tests := []struct {
		name   string
		status int
		body   func() string
		query  string
	}{
		// The body is cut at 200 bytes: a key that starts at byte 180 would
		// be shown in part if the cut came first.
		{"key across the cut", http.StatusBadRequest, func() string { return strings.Repeat("x", 180) + " " + key + " tail" }, ""},
		{"key in a 200 body", http.StatusOK, func() string { return "<html>" + strings.Repeat("y", 170) + key + "</html>" }, ""},
		{"key in the query string", http.StatusInternalServerError, func() string { return "boom" }, "?api-key=" + key},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tt.status)
				w.Write([]byte(tt.body()))
			}))
			defer srv.Close()
			emb, err := retrieval.NewOpenAIEmbedder(srv.URL+"/v1"+tt.query, key, "m")
			if err != nil {
				t.Fatal(err)
			}
			_, err = emb.EmbedPassage(t.Context(), "text")
			if err == nil {
				t.Fatal("no error from a failing server")
			}
			for _, part := range []string{key, key[:12], key[len(key)-12:]} {
				if strings.Contains(err.Error(), part) || strings.Contains(emb.ID(), part) {
					t.Errorf("error or ID shows %q of the key: %v / %s", part, err, emb.ID())
				}
			}
		})
	}
}
