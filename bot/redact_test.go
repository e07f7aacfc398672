package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"
)

const secret = "123:ABC-secret"

func TestRedactToken(t *testing.T) {
	for _, tc := range []struct{ s, token, want string }{
		{"https://api.telegram.org/bot" + secret + "/getMe", secret, "https://api.telegram.org/bot<redacted-token>/getMe"},
		{secret + " and " + secret, secret, "<redacted-token> and <redacted-token>"},
		{"nothing to hide", secret, "nothing to hide"},
		{"empty token", "", "empty token"},
	} {
		if got := RedactToken(tc.s, tc.token); got != tc.want {
			t.Errorf("RedactToken(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

func TestRedactError(t *testing.T) {
	urlErr := &url.Error{Op: "Post", URL: "https://api.telegram.org/bot" + secret + "/getMe", Err: context.DeadlineExceeded}
	for _, tc := range []struct {
		name string
		err  error
		same bool
	}{
		{"nil", nil, true},
		{"no token", errors.New("bad request"), true},
		{"url error", urlErr, false},
		{"wrapped", fmt.Errorf("getMe: %w", urlErr), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := redactError(tc.err, secret)
			if tc.same {
				if got != tc.err {
					t.Errorf("redactError changed an error without the token: %v", got)
				}
				return
			}
			if strings.Contains(got.Error(), secret) || !strings.Contains(got.Error(), redactedToken) {
				t.Errorf("redactError = %q", got)
			}
			if !errors.Is(got, context.DeadlineExceeded) {
				t.Errorf("the redacted error no longer matches errors.Is for its cause")
			}
		})
	}
}

func TestRedactingHandler(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(newRedactingHandler(slog.NewTextHandler(&buf, nil), secret))
	log = log.With("client", "bot"+secret)
	log.Info("calling /bot"+secret+"/getMe",
		"err", errors.New("Post /bot"+secret+"/getMe: refused"),
		"url", "https://x/file/bot"+secret+"/doc.txt",
		slog.Group("req", "path", "/bot"+secret),
		"any", struct{ URL string }{"/bot" + secret},
		"n", 3)
	out := buf.String()
	if strings.Contains(out, secret) {
		t.Errorf("the secret got into the log: %s", out)
	}
	if strings.Count(out, redactedToken) != 6 || !strings.Contains(out, "n=3") {
		t.Errorf("want six redactions and the other attributes intact: %s", out)
	}
}
