package bot

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-telegram/bot/models"
)

func TestWebhookPathFollowsTheURL(t *testing.T) {
	for _, tc := range []struct {
		url, path string
	}{
		{"https://bot.example.org/hooks/csto", "/hooks/csto"},
		{"https://bot.example.org:8443/a/b-c_d.e~f", "/a/b-c_d.e~f"},
		{"https://bot.example.org", WebhookPath},
		{"https://bot.example.org/", WebhookPath},
		{"https://bot.example.org/telegram/webhook", WebhookPath},
	} {
		if got := WebhookPathFor(tc.url); got != tc.path {
			t.Errorf("WebhookPathFor(%q) = %q, want %q", tc.url, got, tc.path)
		}
		if err := CheckWebhookURL(tc.url); err != nil {
			t.Errorf("CheckWebhookURL(%q) = %v", tc.url, err)
		}
	}
	for _, bad := range []string{
		"https://bot.example.org/metrics",
		"https://bot.example.org/healthz/",
		"https://bot.example.org/{id}",
		"https://bot.example.org/a b",
		"https://bot.example.org//double",
	} {
		if err := CheckWebhookURL(bad); err == nil {
			t.Errorf("CheckWebhookURL(%q) accepted a path the bot cannot serve", bad)
		}
	}
}

func TestWebhookServesTheURLsPathAndTheDefault(t *testing.T) {
	h := startWebhookBot(t) // WebhookURL https://bot.example.org/hooks/csto
	post := func(path string, u models.Update) int {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, h.baseURL+path, bytes.NewReader(updateJSON(t, u)))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set(secretTokenHeader, testWebhookSecret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for i, path := range []string{"/hooks/csto", WebhookPath} {
		from := h.mark()
		u := models.Update{ID: int64(7000 + i), Message: h.tg.privateMessage(plainUser, membersQuestion)}
		if code := post(path, u); code != http.StatusOK {
			t.Fatalf("POST %s = %d, want 200", path, code)
		}
		h.waitSent(from, plainUser.id)
	}
	if code := post("/hooks/other", models.Update{ID: 7100}); code != http.StatusNotFound {
		t.Errorf("POST to another path = %d, want 404", code)
	}
}

func TestWebhookWithoutAPathListensAtTheDefault(t *testing.T) {
	tg := newFakeTelegram(t, testToken)
	b, err := New(context.Background(), Config{Token: testToken, APIURL: tg.URL(),
		WebhookURL: "https://bot.example.org", WebhookSecret: testWebhookSecret}, newTestEngine(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, WebhookPath, bytes.NewReader([]byte(`{"update_id": 5}`)))
	req.Header.Set(secretTokenHeader, testWebhookSecret)
	b.Handler().ServeHTTP(rec, req)
	// Not taking updates yet (Run has not started): 503, which shows the
	// route exists; an unknown path would be 404.
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("POST %s = %d, want 503 before Run", WebhookPath, rec.Code)
	}
}
