package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
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
			if tok := tc.environ[envToken]; tok != "" && strings.Contains(err.Error(), tok) {
				t.Errorf("the error repeats the token: %q", err)
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
			if strings.Contains(out, "SECRET") || strings.Contains(out, "secret-without-id") {
				t.Errorf("the token got into the message: %q", out)
			}
		})
	}
}

// fakeBotAPI is just enough of the Bot API for the bot to start, poll and
// stop; the bot package's tests exercise the rest.
type fakeBotAPI struct {
	token  string
	mu     sync.Mutex
	polled chan struct{}
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
	var result any = true
	switch method {
	case "getMe":
		result = map[string]any{"id": 987654321, "is_bot": true, "first_name": "Test", "username": "CmdTestBot"}
	case "getUpdates":
		f.mu.Lock()
		select {
		case <-f.polled:
		default:
			close(f.polled)
		}
		f.mu.Unlock()
		select {
		case <-r.Context().Done():
			return
		case <-time.After(time.Second):
		}
		result = []any{}
	}
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

func TestRunBotPollsUntilCancelled(t *testing.T) {
	api := &fakeBotAPI{token: cmdTestToken, polled: make(chan struct{})}
	server := httptest.NewServer(api)
	defer server.Close()
	dataDir := t.TempDir()
	environ := env{envToken: cmdTestToken, envAPIURL: server.URL, envDataDir: dataDir, envAdminIDs: "1"}

	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr bytes.Buffer
	done := make(chan int)
	go func() {
		done <- runBot(ctx, nil, environ.get, &stdout, &stderr)
	}()
	select {
	case <-api.polled:
	case code := <-done:
		t.Fatalf("runBot returned %d before polling; stderr:\n%s", code, stderr.String())
	case <-time.After(time.Minute):
		t.Fatal("the bot never polled for updates")
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("exit code %d after cancel, want 0; stderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "@CmdTestBot is answering") {
		t.Errorf("stdout = %q", stdout.String())
	}
	if strings.Contains(stderr.String(), cmdTestToken) {
		t.Errorf("the token is in the logs:\n%s", stderr.String())
	}
	seeded, _ := filepath.Glob(filepath.Join(dataDir, "articles", "*.txt"))
	if len(seeded) < 5 {
		t.Errorf("DATA_DIR/articles holds %d articles, want the built-in ones", len(seeded))
	}
}

func TestRunBotRejectedTokenExitsWith1WithoutTheToken(t *testing.T) {
	api := &fakeBotAPI{token: "1:the-real-one", polled: make(chan struct{})}
	server := httptest.NewServer(api)
	defer server.Close()
	environ := env{envToken: cmdTestToken, envAPIURL: server.URL, envDataDir: t.TempDir()}
	var stdout, stderr bytes.Buffer
	code := runBot(context.Background(), nil, environ.get, &stdout, &stderr)
	if code != exitFailed {
		t.Errorf("exit code %d, want %d", code, exitFailed)
	}
	if strings.Contains(stderr.String(), cmdTestToken) || !strings.Contains(stderr.String(), "nauthorized") {
		t.Errorf("stderr should say the token was refused without showing it:\n%s", stderr.String())
	}
}
