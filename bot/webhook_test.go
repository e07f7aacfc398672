package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
)

// testWebhookSecret is the webhook secret of the webhook tests.
const testWebhookSecret = "webhook_SECRET-0123456789"

// startWebhookBot starts a bot in webhook mode with one worker, so updates
// are answered in the order they were accepted.
func startWebhookBot(t *testing.T) *harness {
	t.Helper()
	h := startBot(t, func(s *botSetup) {
		s.cfg.WebhookURL = "https://bot.example.org/hooks/csto"
		s.cfg.WebhookSecret = testWebhookSecret
		s.cfg.Workers = 1
	})
	h.waitTaking()
	return h
}

// postUpdate posts body to the bot's webhook with the secret header (none
// when secret is empty) and returns the status code.
func (h *harness) postUpdate(secret string, body []byte) int {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.baseURL+WebhookPath, bytes.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(secretTokenHeader, secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatalf("POST %s: %v", WebhookPath, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// updateJSON is the JSON Telegram would post for u.
func updateJSON(t *testing.T, u models.Update) []byte {
	t.Helper()
	data, err := json.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestWebhookRegistersAndDoesNotPoll(t *testing.T) {
	h := startWebhookBot(t)
	set := h.tg.waitCall(func(c apiCall) bool { return c.Method == "setWebhook" })
	if set.Params["url"] != "https://bot.example.org/hooks/csto" || set.Params["secret_token"] != testWebhookSecret {
		t.Errorf("setWebhook(url %q, secret_token %q), want the configured URL and secret", set.Params["url"], set.Params["secret_token"])
	}
	for _, kind := range []string{`"message"`, `"inline_query"`, `"callback_query"`} {
		if !strings.Contains(set.Params["allowed_updates"], kind) {
			t.Errorf("allowed_updates %s lacks %s", set.Params["allowed_updates"], kind)
		}
	}
	reply := h.sendWebhook(plainUser, membersQuestion)
	if !strings.Contains(reply.Params["text"], "Kazakhstan") {
		t.Errorf("the webhook update was not answered: %q", reply.Params["text"])
	}
	for _, c := range h.tg.allCalls() {
		if c.Method == "deleteWebhook" {
			t.Errorf("a webhook bot deleted its webhook")
		}
	}
	if n := h.tg.pollCount(); n != 0 {
		t.Errorf("a webhook bot polled getUpdates %d times", n)
	}
}

// sendWebhook delivers a private message through the webhook and returns
// the bot's reply.
func (h *harness) sendWebhook(u testUser, text string) apiCall {
	h.t.Helper()
	from := h.mark()
	msg := h.tg.privateMessage(u, text)
	// Telegram's update_ids differ; the message's ID is as unique.
	if code := h.postUpdate(testWebhookSecret, updateJSON(h.t, models.Update{ID: int64(msg.ID), Message: msg})); code != http.StatusOK {
		h.t.Fatalf("webhook answered %d to an update with the right secret", code)
	}
	return h.waitSent(from, u.id)
}

func TestWebhookRefusesRequestsWithoutTheSecretOrAnUpdate(t *testing.T) {
	h := startWebhookBot(t)
	question := func(id int64, u testUser) []byte {
		return updateJSON(t, models.Update{ID: id, Message: h.tg.privateMessage(u, membersQuestion)})
	}
	refused := []struct {
		name   string
		secret string
		body   []byte
		want   int
	}{
		{"no secret", "", question(901, plainUser), http.StatusUnauthorized},
		{"wrong secret", "guess", question(902, plainUser), http.StatusUnauthorized},
		{"secret one character short", testWebhookSecret[:len(testWebhookSecret)-1], question(903, plainUser), http.StatusUnauthorized},
		{"secret with a suffix", testWebhookSecret + "x", question(904, plainUser), http.StatusUnauthorized},
		{"malformed JSON", testWebhookSecret, []byte(`{"update_id": 905, "message": {`), http.StatusBadRequest},
		{"not an update", testWebhookSecret, []byte(`["update_id", 906]`), http.StatusBadRequest},
		{"no update_id", testWebhookSecret, []byte(`{"message": {"text": "hi"}}`), http.StatusBadRequest},
	}
	for _, tc := range refused {
		if got := h.postUpdate(tc.secret, tc.body); got != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, got, tc.want)
		}
	}

	// One worker answers in order, so had a refused update been queued it
	// would have been handled before this one.
	from := h.mark()
	if code := h.postUpdate(testWebhookSecret, question(910, russianUser)); code != http.StatusOK {
		t.Fatalf("the right secret got %d, want 200", code)
	}
	h.waitHandled(910)
	reply := h.waitSent(from, russianUser.id)
	if !strings.Contains(reply.Params["text"], "Kazakhstan") {
		t.Errorf("the accepted update was not answered: %q", reply.Params["text"])
	}
	h.mu.Lock()
	for id := int64(901); id <= 906; id++ {
		if h.handled[id] {
			t.Errorf("refused update %d was processed", id)
		}
	}
	h.mu.Unlock()
	if sent := h.sentAfter(0, "sendMessage"); len(sent) != 1 {
		t.Errorf("want only the accepted update answered, got %v", sent)
	}
	if strings.Contains(h.logs.String(), testWebhookSecret) {
		t.Errorf("the webhook secret is in the logs")
	}

	m := h.scrape()
	for reason, want := range map[string]float64{rejectSecret: 4, rejectMalformed: 3, rejectBusy: 0} {
		if got := m.value("alliancebot_webhook_rejected_total", "reason", reason); got != want {
			t.Errorf("webhook_rejected_total{reason=%q} = %v, want %v", reason, got, want)
		}
	}

	if resp, err := http.Get(h.baseURL + WebhookPath); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET on the webhook: %v %v, want 405", resp, err)
	}

	// Once stopping, the webhook refuses updates so Telegram sends them again.
	h.stop()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, WebhookPath, bytes.NewReader(question(920, plainUser)))
	req.Header.Set(secretTokenHeader, testWebhookSecret)
	h.bot.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("after Run returned the webhook answered %d, want 503", rec.Code)
	}
}

func TestPollingBotServesNoWebhook(t *testing.T) {
	h := startBot(t)
	resp, err := http.Post(h.baseURL+WebhookPath, "application/json", strings.NewReader(`{"update_id": 1}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("a polling bot answered %d on the webhook path, want 404", resp.StatusCode)
	}
}

func TestNewChecksTheWebhookSettings(t *testing.T) {
	tg := newFakeTelegram(t, testToken)
	for _, tc := range []struct {
		name, url, secret string
		wantErr           bool
	}{
		{"valid", "https://bot.example.org/telegram/webhook", "abc_DEF-123", false},
		{"secret of 256", "https://bot.example.org/x", strings.Repeat("a", 256), false},
		{"no secret", "https://bot.example.org/x", "", true},
		{"secret of 257", "https://bot.example.org/x", strings.Repeat("a", 257), true},
		{"secret with a space", "https://bot.example.org/x", "abc def", true},
		{"secret with a slash", "https://bot.example.org/x", "abc/def", true},
		{"URL without scheme", "bot.example.org/x", "abc", true},
		{"URL not http", "ftp://bot.example.org/x", "abc", true},
		{"no webhook, no secret", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(context.Background(), Config{Token: testToken, APIURL: tg.URL(), WebhookURL: tc.url, WebhookSecret: tc.secret},
				newTestEngine(t), nil)
			if (err != nil) != tc.wantErr {
				t.Fatalf("New: %v, want error %v", err, tc.wantErr)
			}
			if err != nil && tc.secret != "" && strings.Contains(err.Error(), tc.secret) {
				t.Errorf("the error repeats the secret: %v", err)
			}
		})
	}
}

func TestRunFailsWhenTheWebhookCannotBeRegistered(t *testing.T) {
	tg := newFakeTelegram(t, testToken)
	tg.failNext("setWebhook", http.StatusBadRequest, 0)
	var logs lockedBuffer
	b, err := New(context.Background(), Config{
		Token: testToken, APIURL: tg.URL(), Logger: slog.New(slog.NewTextHandler(&logs, nil)),
		WebhookURL: "https://bot.example.org/telegram/webhook", WebhookSecret: testWebhookSecret,
	}, newTestEngine(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Run(context.Background()) // returns at once: nothing to serve
	if err == nil || !strings.Contains(err.Error(), "setWebhook") || !strings.Contains(err.Error(), "bot.example.org") {
		t.Errorf("Run = %v, want an error naming setWebhook and the URL", err)
	}
	if strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), testWebhookSecret) {
		t.Errorf("the error leaks a secret: %v", err)
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, WebhookPath, strings.NewReader(`{"update_id": 5}`))
	req.Header.Set(secretTokenHeader, testWebhookSecret)
	b.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("after a failed Run the webhook answered %d, want 503", rec.Code)
	}
}
