package bot

import (
	"context"
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRedactTokenEveryForm: the token is redacted however a URL, a header
// or an echoed body writes it.
func TestRedactTokenEveryForm(t *testing.T) {
	const token = "123456789:AAtest-SECRET_token-never-logged"
	_, secretPart, _ := strings.Cut(token, ":")
	for name, s := range map[string]string{
		"plain":           "/bot" + token + "/getMe",
		"path-escaped":    "/bot" + url.PathEscape(token) + "/getMe",
		"query-escaped":   "?token=" + url.QueryEscape(token),
		"colon as %3A":    "/bot123456789%3A" + secretPart + "/getMe",
		"colon as %3a":    "/bot123456789%3a" + secretPart,
		"base64":          "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(token)),
		"base64 url-safe": base64.RawURLEncoding.EncodeToString([]byte(token)),
	} {
		got := RedactToken(s, token)
		if strings.Contains(got, secretPart) || strings.Contains(got, base64.StdEncoding.EncodeToString([]byte(token))[:20]) {
			t.Errorf("%s: %q still shows the token", name, got)
		}
		if !strings.Contains(got, redactedToken) {
			t.Errorf("%s: %q marks no redaction", name, got)
		}
	}
	if got := RedactToken("ab:cd and more", "ab:cd"); got != "<redacted-token> and more" {
		t.Errorf("a short token: %q", got)
	}
}

// TestCutForLogRedactsBeforeCutting: a secret across the cut does not show
// in part.
func TestCutForLogRedactsBeforeCutting(t *testing.T) {
	const token = "123456789:AAtest-SECRET_token-never-logged"
	body := strings.Repeat("x", maxLoggedBody-10) + token + " tail"
	got := cutForLog([]byte(body), token)
	if strings.Contains(got, "AAtest") {
		t.Errorf("part of the token survived the cut: %q", got)
	}
}

// TestFileDownloadNeverTakesTheTokenElsewhere: a file URL that redirects
// to another host is not followed, and no request after a redirect carries
// the token in its Referer.
func TestFileDownloadNeverTakesTheTokenElsewhere(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.String()+" referer="+r.Header.Get("Referer"))
		mu.Unlock()
		w.Write([]byte("CSTO drills\n\nThe CSTO held drills.\n"))
	}))
	defer elsewhere.Close()
	h := startBot(t)
	h.tg.redirectFiles(elsewhere.URL)
	drills, _ := os.ReadFile("testdata/new/csto_drills.txt")
	reply := h.sendDocument(adminUser, h.tg.addFile("csto_drills.txt", drills), "")
	mu.Lock()
	defer mu.Unlock()
	for _, s := range seen {
		if strings.Contains(s, testToken) || strings.Contains(RedactToken(s, testToken), redactedToken) {
			t.Errorf("the redirect target got the token: %s", s)
		}
	}
	if len(seen) > 0 {
		t.Errorf("the download followed a redirect to another host: %v", seen)
	}
	if strings.Contains(reply, "Added") {
		t.Errorf("a download redirected off the API host was stored: %s", reply)
	}
}

// TestWebhookSecretNeverPrinted: a setWebhook error that echoes the secret
// reaches neither the error Run returns nor the logs.
func TestWebhookSecretNeverPrinted(t *testing.T) {
	tg := newFakeTelegram(t, testToken)
	tg.failNextWith("setWebhook", http.StatusBadRequest, "Bad Request: bad webhook: secret_token "+testWebhookSecret+" refused")
	var logs lockedBuffer
	b, err := New(context.Background(), Config{
		Token: testToken, APIURL: tg.URL(), WebhookURL: "https://bot.example.org/hook", WebhookSecret: testWebhookSecret,
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})), RetryWindow: time.Second,
	}, newTestEngine(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Run(context.Background())
	if err == nil {
		t.Fatal("Run succeeded though setWebhook failed")
	}
	if strings.Contains(err.Error(), testWebhookSecret) || strings.Contains(logs.String(), testWebhookSecret) {
		t.Errorf("the webhook secret was printed: err %q\nlogs:\n%s", err, logs.String())
	}
}
