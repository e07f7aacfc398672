package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/alliancebot/alliancebot/bot"
	"github.com/alliancebot/alliancebot/retrieval"
)

// runBot is "alliancebot bot": it reads the configuration from getenv (the
// environment and ./.env, see botconfig.go), loads the articles into the retrieval engine and
// answers Telegram updates by long polling until ctx is cancelled. Errors are
// one line on stderr, logs go to stderr, and the token appears in neither.
func runBot(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("bot", flag.ContinueOnError)
	flags.SetOutput(stderr)
	debug := flags.Bool("debug", false, "log debug lines, questions included")
	flags.Usage = func() {
		fmt.Fprintf(stderr, "usage: alliancebot bot [-debug]\n\n"+
			"Runs the Telegram bot. Environment (or .env):\n"+
			"  %-19s required, from @BotFather\n"+
			"  %-19s Bot API server (default %s)\n"+
			"  %-19s comma-separated user IDs allowed to /reload and upload\n"+
			"  %-19s articles folder (default DATA_DIR/articles, seeded with the built-in articles)\n"+
			"  %-19s state folder (default ./%s)\n\n",
			envToken, envAPIURL, bot.DefaultAPIURL, envAdminIDs, envCorpusDir, envDataDir, defaultDataDir)
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "alliancebot bot: unexpected argument %q\n", flags.Arg(0))
		return exitUsage
	}

	settings, err := readBotSettings(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "alliancebot bot: %v\n", err)
		return exitUsage
	}
	// fail prints one line with the token, should any error quote it, removed.
	fail := func(code int, format string, args ...any) int {
		msg := strings.ReplaceAll(fmt.Sprintf(format, args...), settings.Token, "<redacted-token>")
		fmt.Fprintf(stderr, "alliancebot bot: %s\n", msg)
		return code
	}
	dir, seeded, err := articlesDir(settings)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}

	level := slog.LevelInfo
	if *debug {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	if seeded > 0 {
		logger.Info("seeded the articles folder with the built-in articles", "dir", dir, "files", seeded)
	}

	cfg, err := engineConfig(getenv)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	if err := os.MkdirAll(settings.DataDir, 0o755); err != nil {
		return fail(exitUsage, "%s: cannot create %s: %v", envDataDir, settings.DataDir, err)
	}
	// The bot always keeps its index: a restart embeds only what changed.
	cfg.Logger = logger
	cfg.IndexPath = filepath.Join(settings.DataDir, indexFileName)
	if cfg.Embedder != nil {
		if err := retrieval.CheckEmbedder(ctx, cfg.Embedder); err != nil {
			return fail(exitFailed, "%v", err)
		}
	}
	engine := retrieval.New(cfg)
	reloader := bot.FolderReloader{Dir: dir, Loader: engine}
	rep, err := reloader.Reload(ctx)
	if err != nil {
		return fail(exitFailed, "load the articles: %v", err)
	}
	logger.Info("articles loaded", "dir", dir, "articles", rep.Articles, "passages", rep.Passages,
		"file_errors", len(rep.Errors), "took", rep.Took)
	for _, fe := range rep.Errors {
		logger.Warn("article file skipped", "file", fe.File, "reason", fe.Err)
	}

	b, err := bot.New(ctx, bot.Config{
		Token:     settings.Token,
		APIURL:    settings.APIURL,
		AdminIDs:  settings.AdminIDs,
		CorpusDir: dir,
		Logger:    logger,
	}, engine, reloader)
	if err != nil {
		return fail(exitFailed, "%v", err)
	}
	fmt.Fprintf(stdout, "alliancebot: @%s is answering; press Ctrl+C to stop\n", b.Username())
	if err := b.Run(ctx); err != nil {
		return fail(exitFailed, "%v", err)
	}
	return exitOK
}
