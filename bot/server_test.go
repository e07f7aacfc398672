package bot

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// get fetches path from the bot's HTTP server.
func (h *harness) get(path string) (int, string) {
	h.t.Helper()
	resp, err := http.Get(h.baseURL + path)
	if err != nil {
		h.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestHealthAndReadinessFollowTheIndexAndRun(t *testing.T) {
	tg := newFakeTelegram(t, testToken)
	idle, err := New(context.Background(), Config{Token: testToken, APIURL: tg.URL()}, newTestEngine(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	serve := func(b *Bot, path string) (int, string) {
		rec := httptest.NewRecorder()
		b.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec.Code, rec.Body.String()
	}

	h := startBot(t, func(s *botSetup) { s.unloaded = true })
	h.waitTaking()
	for _, step := range []struct {
		name     string
		do       func()
		get      func(path string) (int, string)
		wantCode int
		wantBody []string // in /readyz
		notBody  []string
	}{
		{name: "before Run, unloaded", get: func(p string) (int, string) { return serve(idle, p) },
			wantCode: http.StatusServiceUnavailable, wantBody: []string{"index not loaded", "not taking updates"}},
		{name: "running, unloaded", get: h.get,
			wantCode: http.StatusServiceUnavailable, wantBody: []string{"not ready: index not loaded"}, notBody: []string{"not taking updates"}},
		{name: "running, loaded", do: func() {
			if _, err := (FolderReloader{Dir: h.dir, Loader: h.engine}).Reload(context.Background()); err != nil {
				t.Fatal(err)
			}
		}, get: h.get, wantCode: http.StatusOK, wantBody: []string{"ready"}, notBody: []string{"not"}},
		{name: "after Run returned", do: h.stop, get: func(p string) (int, string) { return serve(h.bot, p) },
			wantCode: http.StatusServiceUnavailable, wantBody: []string{"not taking updates"}, notBody: []string{"index not loaded"}},
	} {
		if step.do != nil {
			step.do()
		}
		if code, body := step.get("/healthz"); code != http.StatusOK || strings.TrimSpace(body) != "ok" {
			t.Errorf("%s: /healthz = %d %q, want 200 ok", step.name, code, body)
		}
		code, body := step.get("/readyz")
		if code != step.wantCode {
			t.Errorf("%s: /readyz = %d, want %d (%q)", step.name, code, step.wantCode, body)
		}
		for _, want := range step.wantBody {
			if !strings.Contains(body, want) {
				t.Errorf("%s: /readyz body %q lacks %q", step.name, body, want)
			}
		}
		for _, not := range step.notBody {
			if strings.Contains(body, not) {
				t.Errorf("%s: /readyz body %q should not say %q", step.name, body, not)
			}
		}
	}
}

func TestServerStopsWithItsContext(t *testing.T) {
	h := startBot(t)
	h.stop()
	if _, err := http.Get(h.baseURL + "/healthz"); err == nil {
		t.Errorf("the HTTP server still answers after Serve returned")
	}
}
