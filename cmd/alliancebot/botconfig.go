package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/alliancebot/alliancebot/bot"
	"github.com/alliancebot/alliancebot/corpus"
)

// The bot's environment variables. .env in the working directory may set
// them too; a variable set in the real environment wins.
const (
	envToken     = "TELEGRAM_BOT_TOKEN" // required
	envAPIURL    = "TELEGRAM_API_URL"   // default bot.DefaultAPIURL
	envAdminIDs  = "ADMIN_IDS"          // comma-separated numeric user IDs
	envCorpusDir = "CORPUS_DIR"         // default DATA_DIR/articles, seeded
	envDataDir   = "DATA_DIR"           // default defaultDataDir

	envWebhookURL    = "WEBHOOK_URL"    // empty: long polling
	envWebhookSecret = "WEBHOOK_SECRET" // required with WEBHOOK_URL
	envListenAddr    = "LISTEN_ADDR"    // default defaultListenAddr

	envRetryWindow = "TELEGRAM_RETRY_WINDOW" // default bot.DefaultRetryWindow
)

// defaultDataDir is DATA_DIR when unset, relative to the working directory
// (and ignored by git).
const defaultDataDir = "data"

// defaultListenAddr is LISTEN_ADDR when unset: every interface, so that it
// works in a container; the health, readiness and metrics endpoints and the
// webhook are served there.
const defaultListenAddr = ":8080"

// botSettings is the bot's configuration as read from the environment.
type botSettings struct {
	Token    string
	APIURL   string
	AdminIDs []int64
	// CorpusDir is CORPUS_DIR, or "" to use DATA_DIR/articles.
	CorpusDir string
	DataDir   string
	// WebhookURL is empty for long polling.
	WebhookURL    string
	WebhookSecret string
	ListenAddr    string
	// RetryWindow is how long a Bot API call is retried through an
	// outage; 0 means bot.DefaultRetryWindow.
	RetryWindow time.Duration
}

// tokenPattern is the shape of a token from @BotFather: "<bot id>:<secret>".
var tokenPattern = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)

// readBotSettings reads and checks the bot's variables.
func readBotSettings(getenv func(string) string) (botSettings, error) {
	lookup := func(name string) string { return strings.TrimSpace(getenv(name)) }
	s := botSettings{
		Token:         lookup(envToken),
		APIURL:        lookup(envAPIURL),
		CorpusDir:     lookup(envCorpusDir),
		DataDir:       lookup(envDataDir),
		WebhookURL:    lookup(envWebhookURL),
		WebhookSecret: lookup(envWebhookSecret),
		ListenAddr:    lookup(envListenAddr),
	}
	switch {
	case s.Token == "":
		return s, &configError{envToken, "missing; set it to the token @BotFather gave the bot (in the environment or in .env)"}
	case !tokenPattern.MatchString(s.Token):
		return s, &configError{envToken, "malformed; want <bot id>:<secret>, as @BotFather gives it"}
	}
	if s.APIURL == "" {
		s.APIURL = bot.DefaultAPIURL
	}
	if u, err := url.Parse(s.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return s, &configError{envAPIURL, fmt.Sprintf("want an http(s) URL such as %s, got %q", bot.DefaultAPIURL, bot.RedactToken(s.APIURL, s.Token))}
	}
	ids, err := parseAdminIDs(lookup(envAdminIDs))
	if err != nil {
		return s, &configError{envAdminIDs, err.Error()}
	}
	s.AdminIDs = ids
	if s.CorpusDir != "" {
		info, err := os.Stat(s.CorpusDir)
		if err != nil || !info.IsDir() {
			return s, &configError{envCorpusDir, fmt.Sprintf("%q is not a folder", s.CorpusDir)}
		}
	}
	if s.DataDir == "" {
		s.DataDir = defaultDataDir
	}
	if err := checkWebhookSettings(s); err != nil {
		return s, err
	}
	if s.ListenAddr == "" {
		s.ListenAddr = defaultListenAddr
	}
	if v := lookup(envRetryWindow); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return s, &configError{envRetryWindow, fmt.Sprintf("want a positive duration such as 30s or 2m, got %q", v)}
		}
		s.RetryWindow = d
	}
	if _, _, err := net.SplitHostPort(s.ListenAddr); err != nil {
		return s, &configError{envListenAddr, fmt.Sprintf("want host:port such as %s or 127.0.0.1:8080, got %q", defaultListenAddr, s.ListenAddr)}
	}
	return s, nil
}

// checkWebhookSettings checks WEBHOOK_URL and, when it is set, that
// WEBHOOK_SECRET is too. Neither the token nor the secret is repeated.
func checkWebhookSettings(s botSettings) error {
	if s.WebhookURL == "" {
		return nil
	}
	if err := bot.CheckWebhookURL(s.WebhookURL); err != nil {
		return &configError{envWebhookURL, bot.RedactToken(err.Error(), s.Token)}
	}
	switch {
	case s.WebhookSecret == "":
		return &configError{envWebhookSecret, "required with " + envWebhookURL + ": Telegram sends it with every update, and requests without it are refused; " + bot.ErrWebhookSecret.Error()}
	case bot.CheckWebhookSecret(s.WebhookSecret) != nil:
		return &configError{envWebhookSecret, bot.ErrWebhookSecret.Error()}
	}
	return nil
}

// parseAdminIDs reads "123, 456" into user IDs; empty items are skipped.
func parseAdminIDs(s string) ([]int64, error) {
	var ids []int64
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		id, err := strconv.ParseInt(item, 10, 64)
		if err != nil || id <= 0 {
			return nil, fmt.Errorf("%q is not a numeric Telegram user ID (want e.g. ADMIN_IDS=123456789,987654321)", item)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// articlesDir returns the folder the bot serves, reloads and stores uploads
// in. It is CORPUS_DIR when set. Otherwise it is DATA_DIR/articles, created
// and seeded with the built-in articles on first start only: when the
// folder does not exist yet, or holds no article file while DATA_DIR/removed
// holds none either (an empty folder nobody has removed articles from).
// Articles an admin removed therefore stay removed across restarts, and
// existing files are never overwritten. (To serve without the built-in
// articles, set CORPUS_DIR.)
func articlesDir(s botSettings) (dir string, seeded int, err error) {
	if s.CorpusDir != "" {
		return s.CorpusDir, 0, nil
	}
	dir = filepath.Join(s.DataDir, "articles")
	_, statErr := os.Stat(dir)
	firstRun := errors.Is(statErr, fs.ErrNotExist)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", 0, &configError{envDataDir, fmt.Sprintf("cannot create %s: %v", dir, err)}
	}
	if !firstRun {
		removed, err := os.ReadDir(filepath.Join(s.DataDir, removedDirName))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", 0, &configError{envDataDir, fmt.Sprintf("cannot read %s: %v", filepath.Join(s.DataDir, removedDirName), err)}
		}
		if len(removed) > 0 {
			return dir, 0, nil
		}
	}
	seeded, err = seedArticles(dir, corpus.Default())
	if err != nil {
		return "", 0, &configError{envDataDir, err.Error()}
	}
	return dir, seeded, nil
}

// seedArticles copies the article files of src into dir when dir holds no
// article file yet, never replacing a file, and returns how many it copied.
func seedArticles(dir string, src fs.FS) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", dir, err)
	}
	for _, e := range entries {
		if !e.IsDir() && corpus.IsArticleFile(e.Name()) {
			return 0, nil
		}
	}
	files, err := fs.ReadDir(src, ".")
	if err != nil {
		return 0, fmt.Errorf("read the built-in articles: %w", err)
	}
	copied := 0
	for _, f := range files {
		if f.IsDir() || !corpus.IsArticleFile(f.Name()) {
			continue
		}
		data, err := fs.ReadFile(src, f.Name())
		if err != nil {
			return copied, fmt.Errorf("read built-in %s: %w", f.Name(), err)
		}
		out, err := os.OpenFile(filepath.Join(dir, f.Name()), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return copied, fmt.Errorf("seed %s: %w", f.Name(), err)
		}
		_, werr := out.Write(data)
		if err := errors.Join(werr, out.Close()); err != nil {
			return copied, fmt.Errorf("seed %s: %w", f.Name(), err)
		}
		copied++
	}
	return copied, nil
}
