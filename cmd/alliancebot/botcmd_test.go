package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/alliancebot/alliancebot/bot"
)

const cmdTestToken = "987654321:AAcmd-test_SECRET"

// env is a fake environment for getenv.
type env map[string]string

func (e env) get(name string) string { return e[name] }

func TestReadBotSettings(t *testing.T) {
	corpusDir := t.TempDir()
	for _, tc := range []struct {
		name    string
		environ env
		dotenv  map[string]string
		wantVar string // the variable the error names, "" for no error
		check   func(t *testing.T, s botSettings)
	}{
		{name: "token missing", environ: env{}, wantVar: envToken},
		{name: "token malformed", environ: env{envToken: "not a token"}, wantVar: envToken},
		{name: "token with a space", environ: env{envToken: "123:abc def"}, wantVar: envToken},
		{name: "defaults", environ: env{envToken: cmdTestToken}, check: func(t *testing.T, s botSettings) {
			if s.APIURL != bot.DefaultAPIURL || s.DataDir != defaultDataDir || s.CorpusDir != "" || len(s.AdminIDs) != 0 {
				t.Errorf("defaults: %+v", s)
			}
		}},
		{name: "from .env", environ: env{}, dotenv: map[string]string{envToken: cmdTestToken, envAdminIDs: "7"},
			check: func(t *testing.T, s botSettings) {
				if s.Token != cmdTestToken || len(s.AdminIDs) != 1 || s.AdminIDs[0] != 7 {
					t.Errorf(".env values not used: %+v", s)
				}
			}},
		{name: "environment wins over .env", environ: env{envToken: cmdTestToken, envDataDir: "/env"},
			dotenv: map[string]string{envToken: "1:other", envDataDir: "/dotenv"},
			check: func(t *testing.T, s botSettings) {
				if s.Token != cmdTestToken || s.DataDir != "/env" {
					t.Errorf("the environment did not win: %+v", s)
				}
			}},
		{name: "admin IDs", environ: env{envToken: cmdTestToken, envAdminIDs: " 12, 34,,56 "}, check: func(t *testing.T, s botSettings) {
			if len(s.AdminIDs) != 3 || s.AdminIDs[0] != 12 || s.AdminIDs[2] != 56 {
				t.Errorf("ADMIN_IDS parsed to %v", s.AdminIDs)
			}
		}},
		{name: "admin ID not a number", environ: env{envToken: cmdTestToken, envAdminIDs: "12,@boss"}, wantVar: envAdminIDs},
		{name: "admin ID negative", environ: env{envToken: cmdTestToken, envAdminIDs: "-100123"}, wantVar: envAdminIDs},
		{name: "API URL", environ: env{envToken: cmdTestToken, envAPIURL: "http://localhost:8081"}, check: func(t *testing.T, s botSettings) {
			if s.APIURL != "http://localhost:8081" {
				t.Errorf("APIURL = %q", s.APIURL)
			}
		}},
		{name: "API URL malformed", environ: env{envToken: cmdTestToken, envAPIURL: "localhost:8081"}, wantVar: envAPIURL},
		{name: "corpus folder", environ: env{envToken: cmdTestToken, envCorpusDir: corpusDir}, check: func(t *testing.T, s botSettings) {
			if s.CorpusDir != corpusDir {
				t.Errorf("CorpusDir = %q", s.CorpusDir)
			}
		}},
		{name: "corpus folder missing", environ: env{envToken: cmdTestToken, envCorpusDir: filepath.Join(corpusDir, "nope")}, wantVar: envCorpusDir},
		{name: "polling by default, listening on :8080", environ: env{envToken: cmdTestToken}, check: func(t *testing.T, s botSettings) {
			if s.WebhookURL != "" || s.ListenAddr != ":8080" {
				t.Errorf("WebhookURL %q, ListenAddr %q; want polling on :8080", s.WebhookURL, s.ListenAddr)
			}
		}},
		{name: "webhook", environ: env{envToken: cmdTestToken, envWebhookURL: "https://bot.example.org/telegram/webhook",
			envWebhookSecret: "s3cret_-X", envListenAddr: "127.0.0.1:9090"}, check: func(t *testing.T, s botSettings) {
			if s.WebhookURL != "https://bot.example.org/telegram/webhook" || s.WebhookSecret != "s3cret_-X" || s.ListenAddr != "127.0.0.1:9090" {
				t.Errorf("webhook settings: %+v", s)
			}
		}},
		{name: "webhook without a secret", environ: env{envToken: cmdTestToken, envWebhookURL: "https://bot.example.org/telegram/webhook"}, wantVar: envWebhookSecret},
		{name: "webhook secret with a space", environ: env{envToken: cmdTestToken, envWebhookURL: "https://bot.example.org/x", envWebhookSecret: "two words"}, wantVar: envWebhookSecret},
		{name: "webhook secret too long", environ: env{envToken: cmdTestToken, envWebhookURL: "https://bot.example.org/x", envWebhookSecret: strings.Repeat("s", 257)}, wantVar: envWebhookSecret},
		{name: "webhook URL malformed", environ: env{envToken: cmdTestToken, envWebhookURL: "bot.example.org/x", envWebhookSecret: "abc"}, wantVar: envWebhookURL},
		{name: "webhook URL quoting the token", environ: env{envToken: cmdTestToken, envWebhookURL: "ftp://x/" + cmdTestToken, envWebhookSecret: "abc"}, wantVar: envWebhookURL},
		{name: "secret alone is ignored", environ: env{envToken: cmdTestToken, envWebhookSecret: "not used"}, check: func(t *testing.T, s botSettings) {
			if s.WebhookURL != "" {
				t.Errorf("WebhookURL = %q", s.WebhookURL)
			}
		}},
		{name: "listen address without a port", environ: env{envToken: cmdTestToken, envListenAddr: "8080"}, wantVar: envListenAddr},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := readBotSettings(withDotenv(tc.environ.get, tc.dotenv))
			if tc.wantVar == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				tc.check(t, s)
				return
			}
			var ce *configError
			if !errors.As(err, &ce) || ce.Var != tc.wantVar {
				t.Fatalf("error %v, want one naming %s", err, tc.wantVar)
			}
			if !strings.HasPrefix(err.Error(), tc.wantVar+": ") || strings.Contains(err.Error(), "\n") {
				t.Errorf("want one line starting with the variable, got %q", err)
			}
			for _, secret := range []string{tc.environ[envToken], tc.environ[envWebhookSecret]} {
				if secret != "" && strings.Contains(err.Error(), secret) {
					t.Errorf("the error repeats a secret: %q", err)
				}
			}
		})
	}
}

func TestLoadDotenv(t *testing.T) {
	dir := t.TempDir()
	if got, err := loadDotenv(filepath.Join(dir, "missing.env")); err != nil || len(got) != 0 {
		t.Errorf("a missing .env: %v, %v", got, err)
	}
	path := filepath.Join(dir, ".env")
	os.WriteFile(path, []byte("# comment\nTELEGRAM_BOT_TOKEN=1:abc\nADMIN_IDS=\"5,6\"\n"), 0o644)
	got, err := loadDotenv(path)
	if err != nil || got[envToken] != "1:abc" || got[envAdminIDs] != "5,6" {
		t.Errorf("loadDotenv = %v, %v", got, err)
	}
	unreadable := filepath.Join(dir, "folder.env")
	os.Mkdir(unreadable, 0o755)
	var ce *configError
	if _, err := loadDotenv(unreadable); !errors.As(err, &ce) || ce.Var != unreadable {
		t.Errorf("an unreadable .env: %v, want a *configError naming it", err)
	}
}

func TestSeedArticles(t *testing.T) {
	builtIn := fstest.MapFS{
		"a.txt":     {Data: []byte("A")},
		"b.md":      {Data: []byte("B")},
		"notes.pdf": {Data: []byte("not an article")},
	}
	t.Run("empty folder is seeded", func(t *testing.T) {
		dir := t.TempDir()
		n, err := seedArticles(dir, builtIn)
		if err != nil || n != 2 {
			t.Fatalf("seeded %d, err %v; want the 2 articles", n, err)
		}
		if again, _ := seedArticles(dir, builtIn); again != 0 {
			t.Errorf("a second start seeded %d files again", again)
		}
	})
	t.Run("folder with articles is left alone", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "a.txt"), []byte("edited by an admin"), 0o644)
		if n, err := seedArticles(dir, builtIn); err != nil || n != 0 {
			t.Errorf("seeded %d, err %v; want nothing", n, err)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, "a.txt")); string(got) != "edited by an admin" {
			t.Errorf("an existing article was overwritten: %q", got)
		}
	})
	t.Run("built-in articles", func(t *testing.T) {
		dir, n, err := articlesDir(botSettings{DataDir: t.TempDir()})
		if err != nil || n < 5 || filepath.Base(dir) != "articles" {
			t.Errorf("articlesDir = %q, %d seeded, %v", dir, n, err)
		}
	})
}

// TestRemovedArticlesStayRemoved: after an admin moved every article to
// DATA_DIR/removed, a restart does not seed the built-in articles again; an
// empty articles folder nothing was removed from still is seeded.
func TestRemovedArticlesStayRemoved(t *testing.T) {
	dataDir := t.TempDir()
	dir, n, err := articlesDir(botSettings{DataDir: dataDir})
	if err != nil || n == 0 {
		t.Fatalf("first start: %d seeded, %v", n, err)
	}
	removed := filepath.Join(dataDir, removedDirName)
	if err := os.MkdirAll(removed, 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		if err := os.Rename(filepath.Join(dir, f.Name()), filepath.Join(removed, f.Name())); err != nil {
			t.Fatal(err)
		}
	}
	if _, n, err := articlesDir(botSettings{DataDir: dataDir}); err != nil || n != 0 {
		t.Errorf("the restart after removing every article seeded %d, err %v; want none", n, err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("the articles folder holds %d files after the restart, want none", len(left))
	}

	// An empty folder with nothing removed (say, an empty volume) is seeded.
	other := t.TempDir()
	if err := os.MkdirAll(filepath.Join(other, "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, n, err := articlesDir(botSettings{DataDir: other}); err != nil || n == 0 {
		t.Errorf("an empty folder nothing was removed from: %d seeded, err %v", n, err)
	}
}

func TestRunBotConfigErrorsExitWith2(t *testing.T) {
	for _, tc := range []struct {
		name    string
		environ env
		args    []string
		wantVar string
	}{
		{"no token", env{}, nil, envToken},
		{"bad token", env{envToken: "secret-without-id"}, nil, envToken},
		{"bad admins", env{envToken: cmdTestToken, envAdminIDs: "alice"}, nil, envAdminIDs},
		{"bad corpus folder", env{envToken: cmdTestToken, envCorpusDir: "/does/not/exist"}, nil, envCorpusDir},
		{"stray argument", env{envToken: cmdTestToken}, []string{"now"}, "unexpected argument"},
		{"webhook without secret", env{envToken: cmdTestToken, envWebhookURL: "https://bot.example.org/telegram/webhook"}, nil, envWebhookSecret},
		{"bad log format", env{envToken: cmdTestToken, envLogFormat: "xml"}, nil, envLogFormat},
		{"bad log level", env{envToken: cmdTestToken, envLogLevel: "verbose"}, nil, envLogLevel},
		{"bad embedder", env{envToken: cmdTestToken, envEmbedder: "chroma"}, nil, envEmbedder},
		{"bad embed timeout", env{envToken: cmdTestToken, envEmbedTimeout: "soon"}, nil, envEmbedTimeout},
		{"bad retry window", env{envToken: cmdTestToken, envRetryWindow: "forever"}, nil, envRetryWindow},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runBot(context.Background(), tc.args, tc.environ.get, &stdout, &stderr)
			if code != exitUsage {
				t.Errorf("exit code %d, want %d", code, exitUsage)
			}
			out := stderr.String()
			if strings.Count(out, "\n") != 1 || !strings.Contains(out, tc.wantVar) {
				t.Errorf("want one line naming %s, got %q", tc.wantVar, out)
			}
			if strings.Contains(out, "AAcmd-test_SECRET") || strings.Contains(out, "secret-without-id") {
				t.Errorf("the token got into the message: %q", out)
			}
		})
	}
}

// fakeBotAPI is just enough of the Bot API for the bot to start, poll or
// register a webhook, and stop; the bot package's tests exercise the rest.
type fakeBotAPI struct {
	token string

	mu      sync.Mutex
	methods []string
	// started is closed at the first getUpdates or setWebhook.
	started chan struct{}
}

func newFakeBotAPI(token string) *fakeBotAPI {
	return &fakeBotAPI{token: token, started: make(chan struct{})}
}

func (f *fakeBotAPI) calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.methods)
}

func (f *fakeBotAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body) // so the server notices a client hanging up
	rest, _ := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, _ := strings.Cut(rest, "/")
	w.Header().Set("Content-Type", "application/json")
	if token != f.token {
		w.WriteHeader(http.StatusUnauthorized)
		json.NewEncoder(w).Encode(map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	f.mu.Lock()
	f.methods = append(f.methods, method)
	if method == "getUpdates" || method == "setWebhook" {
		select {
		case <-f.started:
		default:
			close(f.started)
		}
	}
	f.mu.Unlock()
	var result any = true
	switch method {
	case "getMe":
		result = map[string]any{"id": 987654321, "is_bot": true, "first_name": "Test", "username": "CmdTestBot"}
	case "getUpdates":
		select {
		case <-r.Context().Done():
			return
		case <-time.After(time.Second):
		}
		result = []any{}
	}
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

// watchedBuffer is an output stream the test reads while the bot writes.
type watchedBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func newWatchedBuffer() *watchedBuffer { return &watchedBuffer{changed: make(chan struct{})} }

func (b *watchedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	close(b.changed)
	b.changed = make(chan struct{})
	return b.buf.Write(p)
}

func (b *watchedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor waits until the output holds want, for up to a minute, and
// returns the output; done ends the wait early when the command returned.
func (b *watchedBuffer) waitFor(t *testing.T, want string, done <-chan int) string {
	t.Helper()
	deadline := time.NewTimer(time.Minute)
	defer deadline.Stop()
	for {
		b.mu.Lock()
		out, changed := b.buf.String(), b.changed
		b.mu.Unlock()
		if strings.Contains(out, want) {
			return out
		}
		select {
		case <-changed:
		case code := <-done:
			t.Fatalf("the command returned %d before writing %q", code, want)
		case <-deadline.C:
			t.Fatalf("no %q within a minute", want)
		}
	}
}

const cmdWebhookSecret = "cmd_webhook-SECRET"

func TestRunBotServesUntilCancelled(t *testing.T) {
	for _, tc := range []struct {
		name    string
		environ env
		// checkLogs checks the log lines on stderr.
		checkLogs func(t *testing.T, lines []string)
	}{
		{name: "polling, text logs", environ: env{}, checkLogs: func(t *testing.T, lines []string) {
			for _, line := range lines {
				if !strings.HasPrefix(line, "time=") {
					t.Errorf("not a text log line: %q", line)
				}
			}
			if !slices.ContainsFunc(lines, func(l string) bool {
				return strings.Contains(l, `msg="bot running"`) && strings.Contains(l, "mode=polling")
			}) {
				t.Errorf("no text line says the bot is polling")
			}
		}},
		{name: "webhook, JSON logs", environ: env{envWebhookURL: "https://bot.example.org/telegram/webhook", envWebhookSecret: cmdWebhookSecret, envLogFormat: "json"},
			checkLogs: func(t *testing.T, lines []string) {
				var msgs []string
				for _, line := range lines {
					var rec map[string]any
					if err := json.Unmarshal([]byte(line), &rec); err != nil {
						t.Errorf("not a JSON line: %q", line)
						continue
					}
					if rec["time"] == nil || rec["level"] == nil || rec["msg"] == nil {
						t.Errorf("a JSON line without time, level or msg: %q", line)
					}
					msgs = append(msgs, fmt.Sprint(rec["msg"]))
					if rec["msg"] == "bot running" && rec["mode"] != "webhook" {
						t.Errorf("bot running in mode %v, want webhook", rec["mode"])
					}
				}
				for _, want := range []string{"articles loaded", "webhook registered", "bot running", "bot stopped", "http server stopped"} {
					if !slices.Contains(msgs, want) {
						t.Errorf("no %q line in %v", want, msgs)
					}
				}
			}},
		{name: "polling, JSON, warnings only", environ: env{envLogFormat: "json", envLogLevel: "warn"}, checkLogs: func(t *testing.T, lines []string) {
			for _, line := range lines {
				var rec map[string]any
				if err := json.Unmarshal([]byte(line), &rec); err != nil || rec["level"] == "INFO" || rec["level"] == "DEBUG" {
					t.Errorf("with LOG_LEVEL=warn: %q", line)
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeBotAPI(cmdTestToken)
			server := httptest.NewServer(api)
			defer server.Close()
			dataDir := t.TempDir()
			environ := env{envToken: cmdTestToken, envAPIURL: server.URL, envDataDir: dataDir, envAdminIDs: "1", envListenAddr: "127.0.0.1:0"}
			maps.Copy(environ, tc.environ)
			webhook := environ[envWebhookURL] != ""

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			stdout, stderr := newWatchedBuffer(), newWatchedBuffer()
			done := make(chan int, 1)
			go func() { done <- runBot(ctx, nil, environ.get, stdout, stderr) }()
			out := stdout.waitFor(t, "is answering", done)
			select {
			case <-api.started:
			case code := <-done:
				t.Fatalf("runBot returned %d; stderr:\n%s", code, stderr.String())
			case <-time.After(time.Minute):
				t.Fatal("the bot neither polled nor registered a webhook")
			}

			// The HTTP server is on the address the bot printed.
			_, addr, _ := strings.Cut(out, "health and metrics on ")
			base := "http://" + strings.Fields(addr)[0]
			base = strings.TrimSuffix(base, ";")
			if code, body := httpGet(t, base+"/healthz"); code != http.StatusOK {
				t.Errorf("/healthz = %d %q", code, body)
			}
			if code, body := httpGet(t, base+"/metrics"); code != http.StatusOK || !strings.Contains(body, "alliancebot_index_articles 5") {
				t.Errorf("/metrics = %d, want the five built-in articles counted:\n%.500s", code, body)
			} else if !strings.Contains(body, `alliancebot_build_info{commit=`) || !strings.Contains(body, `version="`+currentBuild().Version+`"} 1`) {
				t.Errorf("/metrics has no build-info gauge of this build")
			}
			// The container's health check, against this bot.
			var healthOut, healthErr bytes.Buffer
			if code := runHealth(ctx, []string{"-addr", strings.TrimPrefix(base, "http://")}, environ.get, &healthOut, &healthErr); code != exitOK {
				t.Errorf("alliancebot health = %d (%s), want 0 while the bot runs", code, healthErr.String())
			}
			resp, err := http.Post(base+bot.WebhookPath, "application/json", strings.NewReader(`{"update_id": 1}`))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if want := map[bool]int{true: http.StatusUnauthorized, false: http.StatusNotFound}[webhook]; resp.StatusCode != want {
				t.Errorf("a webhook request without the secret got %d, want %d", resp.StatusCode, want)
			}

			cancel()
			if code := <-done; code != exitOK {
				t.Errorf("exit code %d after cancel, want 0; stderr:\n%s", code, stderr.String())
			}
			if !strings.Contains(stdout.String(), "@CmdTestBot is answering") {
				t.Errorf("stdout = %q", stdout.String())
			}
			logs := stderr.String()
			for _, secret := range []string{cmdTestToken, cmdWebhookSecret} {
				if strings.Contains(logs, secret) {
					t.Errorf("a secret is in the logs:\n%s", logs)
				}
			}
			lines := strings.FieldsFunc(logs, func(r rune) bool { return r == '\n' })
			if tc.environ[envLogLevel] != "warn" && (len(lines) == 0 || !strings.Contains(lines[0], "alliancebot starting") || !strings.Contains(lines[0], currentBuild().Version)) {
				t.Errorf("the first log line does not say which build starts: %q", lines[0])
			}
			tc.checkLogs(t, lines)

			calls := api.calls()
			if webhook != slices.Contains(calls, "setWebhook") || webhook == slices.Contains(calls, "deleteWebhook") || webhook == slices.Contains(calls, "getUpdates") {
				t.Errorf("webhook mode %v, but the bot called %v", webhook, calls)
			}
			seeded, _ := filepath.Glob(filepath.Join(dataDir, "articles", "*.txt"))
			if len(seeded) < 5 {
				t.Errorf("DATA_DIR/articles holds %d articles, want the built-in ones", len(seeded))
			}
		})
	}
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// A rejected token is a configuration error: exit code 2, which the
// systemd unit does not restart on (RestartPreventExitStatus=2).
func TestRunBotRejectedTokenExitsWith2WithoutTheToken(t *testing.T) {
	api := newFakeBotAPI("1:the-real-one")
	server := httptest.NewServer(api)
	defer server.Close()
	environ := env{envToken: cmdTestToken, envAPIURL: server.URL, envDataDir: t.TempDir()}
	var stdout, stderr bytes.Buffer
	code := runBot(context.Background(), nil, environ.get, &stdout, &stderr)
	if code != exitUsage {
		t.Errorf("exit code %d, want %d", code, exitUsage)
	}
	if strings.Contains(stderr.String(), cmdTestToken) || !strings.Contains(stderr.String(), "rejected the token") {
		t.Errorf("stderr should say the token was refused without showing it:\n%s", stderr.String())
	}
}

func TestRunBotUnreachableAPIExitsWith1(t *testing.T) {
	server := httptest.NewServer(http.NotFoundHandler())
	server.Close() // nothing listens there any more
	environ := env{envToken: cmdTestToken, envAPIURL: server.URL, envDataDir: t.TempDir(), envRetryWindow: "200ms"}
	var stdout, stderr bytes.Buffer
	if code := runBot(context.Background(), nil, environ.get, &stdout, &stderr); code != exitFailed {
		t.Errorf("exit code %d, want %d: a restart may well help; stderr:\n%s", code, exitFailed, stderr.String())
	}
	if strings.Contains(stderr.String(), cmdTestToken) {
		t.Errorf("the token is on stderr:\n%s", stderr.String())
	}
}

// An articles folder with nothing to serve exits 2 as ask and eval do: a
// restart would find the same folder.
func TestRunBotWithoutArticlesExitsWith2(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
	}{
		{"empty folder", nil},
		{"only broken articles", map[string]string{"broken.txt": "\x00\x01\x02", "empty.md": "\n\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeBotAPI(cmdTestToken)
			server := httptest.NewServer(api)
			defer server.Close()
			dir := t.TempDir()
			for name, data := range tc.files {
				os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644)
			}
			environ := env{envToken: cmdTestToken, envAPIURL: server.URL, envDataDir: t.TempDir(),
				envCorpusDir: dir, envListenAddr: "127.0.0.1:0"}
			var stdout, stderr bytes.Buffer
			code := runBot(context.Background(), nil, environ.get, &stdout, &stderr)
			if code != exitUsage {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitUsage, stderr.String())
			}
			lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
			if last := lines[len(lines)-1]; !strings.HasPrefix(last, "alliancebot bot: load the articles: ") || !strings.Contains(last, "no article") {
				t.Errorf("the last line should say there is no article to serve: %q", last)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout %q: the bot must not say it is answering", stdout.String())
			}
		})
	}
}

// TestRunBotReadsFeedStateOnlyWithFeeds: a DATA_DIR/feeds.json that does
// not parse is ignored when FEEDS is empty, and with feeds it stops the
// bot with one line naming the file.
func TestRunBotReadsFeedStateOnlyWithFeeds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		feeds string
		// starts is whether the bot comes up.
		starts bool
	}{
		{"no feeds", "", true},
		{"with feeds", "http://127.0.0.1:9/feed.xml", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeBotAPI(cmdTestToken)
			server := httptest.NewServer(api)
			defer server.Close()
			dataDir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dataDir, feedStateFile), []byte("{not json"), 0o644); err != nil {
				t.Fatal(err)
			}
			environ := env{envToken: cmdTestToken, envAPIURL: server.URL, envDataDir: dataDir, envListenAddr: "127.0.0.1:0", envFeeds: tc.feeds}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			stdout, stderr := newWatchedBuffer(), newWatchedBuffer()
			done := make(chan int, 1)
			go func() { done <- runBot(ctx, nil, environ.get, stdout, stderr) }()
			if tc.starts {
				stdout.waitFor(t, "is answering", done)
				cancel()
				if code := <-done; code != exitOK {
					t.Errorf("exit code %d, want 0; stderr:\n%s", code, stderr.String())
				}
				return
			}
			if code := <-done; code != exitUsage {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, exitUsage, stderr.String())
			}
			var last string
			for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
				last = line
			}
			if !strings.HasPrefix(last, "alliancebot bot: ") || !strings.Contains(last, filepath.Join(dataDir, feedStateFile)) {
				t.Errorf("the error does not name the state file: %q", last)
			}
		})
	}
}
