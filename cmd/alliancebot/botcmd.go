package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"

	"github.com/alliancebot/alliancebot/bot"
	"github.com/alliancebot/alliancebot/ingest"
)

// runBot is "alliancebot bot": it reads the configuration from getenv (the
// environment and ./.env, see botconfig.go and logging.go), connects to the
// Bot API, starts the HTTP server on LISTEN_ADDR (health, readiness,
// metrics, and the webhook in webhook mode), loads the articles into the
// retrieval engine and answers Telegram updates, by long polling or from the
// webhook, until ctx is cancelled. Then it finishes the answers in flight,
// stops the HTTP server and returns 0. Errors are one line on stderr, logs
// go to stderr, and the token appears in neither. What a restart cannot fix
// (a setting, a rejected token, no article to serve) returns exitUsage,
// other failures exitFailed (see exitCode).
func runBot(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("bot", flag.ContinueOnError)
	flags.SetOutput(stderr)
	debug := flags.Bool("debug", false, "log debug lines, questions included (LOG_LEVEL=debug)")
	flags.Usage = func() {
		fmt.Fprintf(stderr, "usage: alliancebot bot [-debug]\n\n"+
			"Runs the Telegram bot. Environment (or .env):\n"+
			"  %-19s required, from @BotFather\n"+
			"  %-19s Bot API server (default %s)\n"+
			"  %-19s comma-separated user IDs allowed to /reload and upload\n"+
			"  %-19s articles folder (default DATA_DIR/articles, seeded with the built-in articles)\n"+
			"  %-19s state folder (default ./%s)\n"+
			"  %-19s public URL of the webhook (default: long polling)\n"+
			"  %-19s secret token of the webhook, required with %s\n"+
			"  %-19s address of /healthz, /readyz, /metrics and the webhook (at the URL's path and %s; default %s)\n"+
			"  %-19s text (default) or json\n"+
			"  %-19s debug, info (default), warn or error\n"+
			"  %-19s how long a Bot API call is retried through an outage (default %v)\n"+
			"  %-19s comma-separated RSS or Atom URLs to add articles from (default none)\n"+
			"  %-19s time between feed checks (default %v)\n"+
			"  %-19s true lets links and feeds reach private addresses (default false)\n"+
			"  %-19s time limit of one fetch (default %v)\n"+
			"  %-19s largest page fetched, in bytes (default %d)\n\n",
			envToken, envAPIURL, bot.DefaultAPIURL, envAdminIDs, envCorpusDir, envDataDir, defaultDataDir,
			envWebhookURL, envWebhookSecret, envWebhookURL, envListenAddr, bot.WebhookPath, defaultListenAddr,
			envLogFormat, envLogLevel, envRetryWindow, bot.DefaultRetryWindow, envFeeds, envFeedInterval,
			ingest.DefaultFeedInterval, envFetchAllowPrivate, envFetchTimeout, ingest.DefaultFetchTimeout,
			envFetchMaxBytes, ingest.DefaultFetchMaxBytes)
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
	logSet, err := readLogSettings(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "alliancebot bot: %v\n", err)
		return exitUsage
	}
	engineCfg, err := engineConfig(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "alliancebot bot: %v\n", err)
		return exitUsage
	}
	fetchCfg, err := fetchConfig(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "alliancebot bot: %v\n", err)
		return exitUsage
	}
	feeds, feedInterval, err := feedSettings(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "alliancebot bot: %v\n", err)
		return exitUsage
	}
	if *debug {
		logSet.Level = slog.LevelDebug
	}
	// fail prints one line with the token and the webhook secret, should
	// any error quote them, removed.
	fail := func(code int, format string, args ...any) int {
		line := bot.RedactToken(bot.RedactToken(fmt.Sprintf(format, args...), settings.Token), settings.WebhookSecret)
		fmt.Fprintf(stderr, "alliancebot bot: %s\n", line)
		return code
	}
	dir, seeded, err := articlesDir(settings)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}

	logger := newLogger(stderr, logSet)
	build := currentBuild()
	logger.Info("alliancebot starting", "version", build.Version, "commit", orUnknown(build.shortCommit()),
		"built", orUnknown(build.Date), "go", build.GoVersion)
	if seeded > 0 {
		logger.Info("seeded the articles folder with the built-in articles", "dir", dir, "files", seeded)
	}

	if err := os.MkdirAll(settings.DataDir, 0o755); err != nil {
		return fail(exitUsage, "%v", &configError{envDataDir, fmt.Sprintf("cannot create %s: %v", settings.DataDir, err)})
	}
	// The bot always keeps its index: a restart embeds only what changed.
	engine, err := newEngine(ctx, engineCfg, settings.DataDir, logger)
	if err != nil {
		return fail(exitCode(err), "%v", err)
	}
	reloader := bot.FolderReloader{Dir: dir, Loader: engine}
	adder := &ingest.Adder{Dir: dir, Fetcher: ingest.NewFetcher(fetchCfg)}
	// The watcher reloads through the bot, which runs one reload at a time.
	var b *bot.Bot
	// The state is read only when there are feeds to follow: without
	// them a broken feeds.json is of no concern.
	var watcher *ingest.FeedWatcher
	var feedReporter bot.FeedReporter
	if len(feeds) > 0 {
		statePath := filepath.Join(settings.DataDir, feedStateFile)
		watcher, err = ingest.NewFeedWatcher(ingest.FeedConfig{
			Feeds: feeds, Interval: feedInterval, StatePath: statePath, Logger: logger,
		}, adder, func(ctx context.Context) error { return b.ReloadArticles(ctx) })
		if err != nil {
			return fail(exitUsage, "%v (repair or delete the file; without it the feeds' latest items are fetched again)", err)
		}
		feedReporter = watcher
	}

	// Connect first: a rejected token shows at once, not after the load.
	b, err = bot.New(ctx, bot.Config{
		Token:         settings.Token,
		APIURL:        settings.APIURL,
		AdminIDs:      settings.AdminIDs,
		CorpusDir:     dir,
		Adder:         adder,
		RemovedDir:    filepath.Join(settings.DataDir, removedDirName),
		Feeds:         feedReporter,
		Logger:        logger,
		WebhookURL:    settings.WebhookURL,
		WebhookSecret: settings.WebhookSecret,
		RetryWindow:   settings.RetryWindow,
		Build:         bot.BuildInfo{Version: build.Version, Commit: build.shortCommit()},
	}, engine, reloader)
	if err != nil {
		return fail(exitCode(err), "%v", err)
	}

	// The HTTP server runs from before the load (/readyz says the index is
	// loading) until after Run has finished the answers in flight, so it
	// has a context of its own; if it fails, the bot stops.
	ln, err := net.Listen("tcp", settings.ListenAddr)
	if err != nil {
		return fail(exitFailed, "%s: %v", envListenAddr, err)
	}
	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	serveCtx, stopServing := context.WithCancel(context.WithoutCancel(ctx))
	defer stopServing()
	served := make(chan error, 1)
	go func() {
		err := b.Serve(serveCtx, ln)
		if err != nil {
			stopRun()
		}
		served <- err
	}()
	stopServer := func() error {
		stopServing()
		return <-served
	}

	rep, err := reloader.Reload(runCtx)
	if err != nil {
		serveErr := stopServer()
		if ctx.Err() != nil {
			logger.Info("stopped before the articles were loaded")
			return exitOK
		}
		if serveErr != nil {
			return fail(exitFailed, "%v", serveErr)
		}
		return fail(exitCode(err), "load the articles: %v", err)
	}
	logger.Info("articles loaded", "dir", dir, "articles", rep.Articles, "passages", rep.Passages,
		"file_errors", len(rep.Errors), "took", rep.Took)
	for _, fe := range rep.Errors {
		logger.Warn("article file skipped", "file", fe.File, "reason", fe.Err)
	}

	how := "by long polling"
	if settings.WebhookURL != "" {
		how = "at " + settings.WebhookURL
	}
	fmt.Fprintf(stdout, "alliancebot: @%s is answering %s; health and metrics on %s; press Ctrl+C to stop\n",
		b.Username(), how, ln.Addr())
	feedsDone := make(chan struct{})
	go func() {
		defer close(feedsDone)
		if watcher != nil {
			watcher.Run(runCtx)
		}
	}()
	runErr := b.Run(runCtx)
	<-feedsDone
	serveErr := stopServer()
	for _, err := range []error{runErr, serveErr} {
		if err != nil {
			return fail(exitFailed, "%v", err)
		}
	}
	return exitOK
}
