// Package bot is alliancebot's Telegram front end: it answers questions about
// the CSTO in private chats, in groups when addressed, and inline, with cited
// snippets from the news articles, and lets admins reload or add articles.
//
// Run takes updates by long polling or, in webhook mode, from the webhook
// that Serve serves beside the health, readiness and metrics endpoints.
//
// The package talks to the answer engine through two small interfaces,
// Answerer and Reloader, so it runs on the real retrieval engine or on any
// other implementation.
package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"

	"github.com/alliancebot/alliancebot/ingest"
	"github.com/alliancebot/alliancebot/retrieval"
)

// DefaultAPIURL is the official Bot API server.
const DefaultAPIURL = "https://api.telegram.org"

// Defaults for the zero values of Config.
const (
	DefaultPollTimeout     = 30 * time.Second
	DefaultWorkers         = 8
	DefaultShutdownTimeout = 20 * time.Second
	DefaultUpdateTimeout   = time.Minute
)

// ErrTokenRejected reports that the Bot API refused the token with 401
// Unauthorized: it is wrong or has been revoked, and trying again will not
// help. New's error wraps it together with go-telegram/bot's
// ErrorUnauthorized.
var ErrTokenRejected = errors.New("the Bot API rejected the token")

// Answerer answers questions about the articles; *retrieval.Engine
// implements it.
type Answerer interface {
	// AnswerWith answers one question; it never fails: a question the
	// articles do not answer is an Answer with Found false and a Refusal.
	AnswerWith(ctx context.Context, question string, o retrieval.Options) retrieval.Answer
	// Stats describes the index that is serving.
	Stats() retrieval.Stats
}

// Reloader re-reads the articles folder and swaps the new index in; on error
// the old index keeps serving. FolderReloader is the usual implementation.
type Reloader interface {
	Reload(ctx context.Context) (retrieval.ReloadReport, error)
}

// Config configures a Bot. Only Token is required.
type Config struct {
	// Token is the bot token from @BotFather. It never appears in logs or
	// in errors returned by this package.
	Token string
	// APIURL is the Bot API server; empty means DefaultAPIURL. Set it to
	// use a self-hosted Bot API server or a test server.
	APIURL string
	// AdminIDs are the Telegram user IDs allowed to run /reload and to add
	// articles by sending a document.
	AdminIDs []int64
	// CorpusDir is the writable folder uploaded articles are stored in; it
	// should be the folder the Reloader reads. Empty disables uploads.
	CorpusDir string
	// Adder adds the articles admins link to (see links.go); nil means
	// one that stores in CorpusDir and fetches with ingest's defaults
	// (public addresses only).
	Adder ArticleAdder
	// RemovedDir is where /remove moves article files (DATA_DIR/removed);
	// empty disables /remove and /restore.
	RemovedDir string
	// Feeds reports the news feeds the bot follows, for /feeds; nil means
	// none.
	Feeds FeedReporter
	// Logger receives the bot's logs; nil means slog.Default().
	Logger *slog.Logger
	// RateLimit and RateBurst limit each user's questions: a burst of
	// RateBurst, then RateLimit per second. Zero means DefaultRateLimit and
	// DefaultRateBurst; rate.Inf turns the limit off.
	RateLimit rate.Limit
	RateBurst int
	// HTTPClient makes the Bot API requests and file downloads; nil means a
	// client with a timeout a little over PollTimeout.
	HTTPClient *http.Client
	// PollTimeout is how long one getUpdates long poll may wait; zero means
	// DefaultPollTimeout.
	PollTimeout time.Duration
	// Workers is how many updates are handled at once; zero means
	// DefaultWorkers.
	Workers int
	// WebhookURL, when set, switches Run from long polling to a webhook: Run
	// registers this URL with setWebhook and Telegram posts the updates to
	// it. It must reach Serve's server, at its own path or at WebhookPath,
	// through a reverse proxy or load balancer that terminates HTTPS. Empty
	// means long polling.
	WebhookURL string
	// WebhookSecret is the secret token setWebhook registers; every webhook
	// request must carry it in the X-Telegram-Bot-Api-Secret-Token header.
	// Required with WebhookURL; see CheckWebhookSecret.
	WebhookSecret string
	// ShutdownTimeout bounds how long Run, once ctx is done, keeps answering
	// the updates it already took, and how long Serve then waits for the
	// requests in progress; zero means DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
	// RetryWindow bounds how long, in pauses between attempts, a Bot API
	// call is retried through an outage (network errors, 5xx) before the
	// bot gives up on it with a log line and a count in
	// alliancebot_messages_dropped_total; zero means DefaultRetryWindow.
	// Waiting holds back only the chat the message is for.
	RetryWindow time.Duration
	// UpdateTimeout bounds how long one update may hold a worker (an
	// answer, a reload); zero means DefaultUpdateTimeout.
	UpdateTimeout time.Duration
	// Build describes the running binary for the build-info metric.
	Build BuildInfo
}

// BuildInfo describes the running binary: its version and the commit it
// was built from ("" when unknown).
type BuildInfo struct {
	Version string
	Commit  string
}

// Bot is a running Telegram bot. Create it with New and start it with Run.
type Bot struct {
	api      *tgbot.Bot
	answerer Answerer
	reloader Reloader
	log      *slog.Logger
	token    string
	// secrets are the token and the webhook secret, kept out of errors
	// and logs.
	secrets []string
	apiURL  string
	http    *http.Client
	me      *models.User

	corpusDir string
	admins    map[int64]bool
	limiter   *userLimiter
	// inlineLimiter is each user's inline budget, apart from limiter.
	inlineLimiter *userLimiter
	inlineCache   *inlineAnswerCache
	answers       *answerStore
	feedback      feedbackCounter
	metrics       *metrics
	// workingExamples caches the example questions the index answers.
	workingExamples exampleCache

	// answered maps recent questions to the messages that answered them,
	// for edited questions (edited.go).
	answered   *answerMemory
	migrations migrationLog
	profile    profileState
	// typingDelay is how long an answer may take before the bot shows
	// "typing", and typingRepeat how often it says so again (typing.go);
	// tests change them.
	typingDelay, typingRepeat time.Duration

	webhookURL      string
	webhookSecret   string
	workers         int
	shutdownTimeout time.Duration
	retryWindow     time.Duration
	updateTimeout   time.Duration
	pollTimeout     time.Duration
	// polled tracks the polled updates until they are handled, so that
	// getUpdates confirms only those.
	polled *pollTracker
	// recent are the latest update_ids taken, to answer a repeat once.
	recent *recentUpdates
	// outbox sends the messages, per chat.
	outbox *outbox
	// queue holds the updates taken, by polling or from the webhook, for
	// the workers.
	queue *updateQueue
	// taking is true while Run takes updates; /readyz reports it.
	taking atomic.Bool
	// takingStarted is closed when Run begins to take updates.
	takingStarted chan struct{}

	// adder, removedDir and feeds serve the article management of
	// links.go, articles.go and feeds.go.
	adder      ArticleAdder
	removedDir string
	feeds      FeedReporter

	// reloadMu lets one reload or upload run at a time.
	reloadMu sync.Mutex

	// sleep waits before callWithRetry tries a call again (a 429's
	// retry_after, a backoff); tests replace it to record the wait instead
	// of sleeping.
	sleep func(ctx context.Context, d time.Duration) error
	// afterUpdate, when set, is called once an update's handler has
	// returned, even if it panicked, and the messages it queued are sent or
	// given up; tests use it to know an update was handled.
	afterUpdate func(*models.Update)
}

// allowedUpdates are the kinds of update the bot asks Telegram for.
func allowedUpdates() []string {
	return []string{models.AllowedUpdateMessage, models.AllowedUpdateEditedMessage, models.AllowedUpdateInlineQuery,
		models.AllowedUpdateCallbackQuery, models.AllowedUpdateMyChatMember}
}

// New connects to the Bot API (getMe) and returns a Bot ready to Run. It
// fails when the token is empty or rejected (ErrTokenRejected), the webhook
// settings are invalid, or the server cannot be reached; the error never
// contains the token. The index need not be loaded yet: until it is, /readyz
// says so.
func New(ctx context.Context, cfg Config, answerer Answerer, reloader Reloader) (*Bot, error) {
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, errors.New("empty bot token")
	}
	if answerer == nil {
		return nil, errors.New("bot.New: nil Answerer")
	}
	if cfg.WebhookURL != "" {
		if err := CheckWebhookURL(cfg.WebhookURL); err != nil {
			return nil, fmt.Errorf("webhook URL: %w", err)
		}
		if err := CheckWebhookSecret(cfg.WebhookSecret); err != nil {
			return nil, fmt.Errorf("webhook secret: %w", err)
		}
	}
	cfg = withDefaults(cfg)
	b := &Bot{
		answerer:        answerer,
		reloader:        reloader,
		log:             slog.New(newRedactingHandler(cfg.Logger.Handler(), cfg.Token, cfg.WebhookSecret)),
		token:           cfg.Token,
		secrets:         []string{cfg.Token, cfg.WebhookSecret},
		apiURL:          cfg.APIURL,
		http:            cfg.HTTPClient,
		corpusDir:       cfg.CorpusDir,
		adder:           cfg.Adder,
		removedDir:      cfg.RemovedDir,
		feeds:           cfg.Feeds,
		admins:          map[int64]bool{},
		limiter:         newUserLimiter(cfg.RateLimit, cfg.RateBurst, time.Now),
		inlineLimiter:   newUserLimiter(inlineRateLimit, inlineRateBurst, time.Now),
		inlineCache:     newInlineAnswerCache(time.Now),
		answers:         newAnswerStore(answerStoreSize, randomPrefix()),
		answered:        newAnswerMemory(answerMemorySize),
		typingDelay:     defaultTypingDelay,
		typingRepeat:    defaultTypingRepeat,
		metrics:         newMetrics(func() indexStats { return statsOf(answerer.Stats()) }, cfg.Build),
		webhookURL:      cfg.WebhookURL,
		webhookSecret:   cfg.WebhookSecret,
		workers:         cfg.Workers,
		shutdownTimeout: cfg.ShutdownTimeout,
		retryWindow:     cfg.RetryWindow,
		updateTimeout:   cfg.UpdateTimeout,
		pollTimeout:     cfg.PollTimeout,
		polled:          newPollTracker(),
		recent:          newRecentUpdates(recentUpdatesSize),
		queue:           newUpdateQueue(updateQueueSize),
		takingStarted:   make(chan struct{}),
		sleep:           sleepContext,
	}
	b.outbox = newOutbox(b, telegramPace())
	for _, id := range cfg.AdminIDs {
		b.admins[id] = true
	}
	if b.adder == nil && b.corpusDir != "" {
		b.adder = &ingest.Adder{Dir: b.corpusDir}
	}
	api, err := tgbot.New(cfg.Token,
		tgbot.WithServerURL(cfg.APIURL),
		tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(cfg.PollTimeout, cfg.HTTPClient),
		tgbot.WithErrorsHandler(b.clientError),
		// The library makes the calls; the bot polls by itself (poll.go).
	)
	if err != nil {
		return nil, fmt.Errorf("create the Telegram client: %w", redactError(err, b.secrets...))
	}
	b.api = api
	me, err := callWithRetry(ctx, b, "getMe", func(ctx context.Context) (*models.User, error) {
		return api.GetMe(ctx)
	})
	if err != nil { // callWithRetry has taken the token out of err
		if errors.Is(err, tgbot.ErrorUnauthorized) {
			err = fmt.Errorf("%w: %w", ErrTokenRejected, err)
		}
		return nil, fmt.Errorf("connect to the Bot API at %s: %w", cfg.APIURL, err)
	}
	b.me = me
	return b, nil
}

func withDefaults(cfg Config) Config {
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	cfg.APIURL = strings.TrimRight(cfg.APIURL, "/")
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.RateLimit == 0 {
		cfg.RateLimit = DefaultRateLimit
	}
	if cfg.RateBurst <= 0 {
		cfg.RateBurst = DefaultRateBurst
	}
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = DefaultPollTimeout
	}
	if cfg.HTTPClient == nil {
		// Keep a connection open per request the outboxes make at once;
		// the default of two would reconnect all through a busy minute.
		transport := http.DefaultTransport.(*http.Transport).Clone()
		transport.MaxIdleConnsPerHost = maxParallelSends + 2
		cfg.HTTPClient = &http.Client{Timeout: cfg.PollTimeout + 15*time.Second, Transport: transport}
	}
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = DefaultShutdownTimeout
	}
	if cfg.RetryWindow <= 0 {
		cfg.RetryWindow = DefaultRetryWindow
	}
	if cfg.UpdateTimeout <= 0 {
		cfg.UpdateTimeout = DefaultUpdateTimeout
	}
	return cfg
}

// statsOf is what the index gauges show of s.
func statsOf(s retrieval.Stats) indexStats {
	is := indexStats{ready: s.Ready, articles: len(s.Articles), passages: s.Passages}
	if !s.LoadedAt.IsZero() {
		is.loadedAt = float64(s.LoadedAt.UnixNano()) / 1e9
	}
	return is
}

// clientError logs what go-telegram/bot reports outside a call, such as a
// response body it could not close.
func (b *Bot) clientError(err error) {
	b.log.Warn("telegram client error", "err", redactError(err, b.secrets...))
}

// Username is the bot's @username without the "@", as getMe reported it.
func (b *Bot) Username() string { return b.me.Username }

// Run takes updates and answers them until ctx is done. First it makes
// sure Telegram delivers them the configured way: with a WebhookURL it
// registers the webhook (setWebhook with the secret) and takes the updates
// that Serve receives; otherwise it deletes any webhook (deleteWebhook) and
// long-polls. It sets the command menus and the profile texts too.
//
// When ctx is done Run stops taking updates, keeps answering the ones it
// took and sending their answers for up to ShutdownTimeout, and returns
// nil. In polling mode it then confirms to Telegram the updates it handled;
// the others are delivered again to the next run. A webhook stays
// registered, so that other replicas keep receiving updates. Failures of
// single requests are logged and the bot keeps running; Run returns an error
// only when the webhook cannot be registered. Run may be called once.
func (b *Bot) Run(ctx context.Context) error {
	// Answers get a context of their own: ctx ends when a shutdown begins,
	// and the answers in flight should still reach the users.
	handlerCtx, cancelHandlers := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelHandlers()
	workersDone := b.startWorkers(handlerCtx)
	// The queue opens first: a webhook that is already registered (by an
	// earlier run or another replica) may deliver before setWebhook returns.
	b.queue.start()
	if err := b.prepareDelivery(ctx); err != nil {
		b.queue.close()
		b.drain(workersDone, cancelHandlers)
		return err
	}
	// The menus and the profile texts are a few dozen calls; answering need
	// not wait for them.
	profileDone := make(chan struct{})
	go func() {
		defer close(profileDone)
		b.registerCommands(ctx)
		b.refreshProfile(ctx)
	}()
	defer func() { <-profileDone }()
	b.taking.Store(true)
	close(b.takingStarted)
	b.log.Info("bot running", "username", b.me.Username, "mode", b.mode(), "workers", b.workers,
		"admins", len(b.admins), "uploads", b.corpusDir != "")
	if b.webhookURL == "" {
		b.poll(ctx) // returns once ctx is done and the last poll has ended
	} else {
		<-ctx.Done()
	}

	b.taking.Store(false)
	queued := b.queue.close()
	b.log.Info("stopping: answering the updates already taken", "queued", queued, "timeout", b.shutdownTimeout)
	b.drain(workersDone, cancelHandlers)
	if b.webhookURL == "" {
		b.confirmHandled(ctx)
	}
	b.log.Info("bot stopped")
	return nil
}

// mode names how the bot takes updates, for logs.
func (b *Bot) mode() string {
	if b.webhookURL != "" {
		return "webhook"
	}
	return "polling"
}

// prepareDelivery registers the webhook, or in polling mode deletes any
// webhook: Telegram refuses getUpdates while one is set.
func (b *Bot) prepareDelivery(ctx context.Context) error {
	if b.webhookURL == "" {
		if _, err := callWithRetry(ctx, b, "deleteWebhook", func(ctx context.Context) (bool, error) {
			return b.api.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{})
		}); err != nil {
			b.log.Warn("deleteWebhook failed; long polling may be refused while a webhook is set", "err", err)
		}
		return nil
	}
	params := &tgbot.SetWebhookParams{URL: b.webhookURL, SecretToken: b.webhookSecret, AllowedUpdates: allowedUpdates()}
	if _, err := callWithRetry(ctx, b, "setWebhook", func(ctx context.Context) (bool, error) {
		return b.api.SetWebhook(ctx, params)
	}); err != nil {
		return fmt.Errorf("register the webhook %s: %w", b.webhookURL, err)
	}
	b.log.Info("webhook registered", "url", b.webhookURL, "paths", strings.Join(b.webhookPaths(), " "))
	return nil
}

// drain waits for the workers to answer what was taken and for the
// outboxes to send it; after ShutdownTimeout it cancels the answers still
// running and the sends still waiting, and waits for them to notice.
func (b *Bot) drain(workersDone <-chan struct{}, cancelHandlers context.CancelFunc) {
	deadline := time.Now().Add(b.shutdownTimeout)
	timer := time.NewTimer(b.shutdownTimeout)
	defer timer.Stop()
	select {
	case <-workersDone:
	case <-timer.C:
		b.log.Warn("shutdown timeout: cancelling the answers still in progress", "timeout", b.shutdownTimeout)
		cancelHandlers()
		<-workersDone
	}
	if !b.outbox.drain(max(time.Until(deadline), 0)) {
		b.log.Warn("shutdown timeout: messages still waiting to be sent were dropped", "timeout", b.shutdownTimeout)
	}
}

// route hands each update to the handler for its kind.
func (b *Bot) route(ctx context.Context, u *models.Update) {
	switch {
	case u.Message != nil:
		b.handleMessage(ctx, u.Message)
	case u.EditedMessage != nil:
		b.handleEditedMessage(ctx, u.EditedMessage)
	case u.MyChatMember != nil:
		b.handleMyChatMember(ctx, u.MyChatMember)
	case u.InlineQuery != nil:
		b.handleInlineQuery(ctx, u.InlineQuery)
	case u.CallbackQuery != nil:
		b.handleCallback(ctx, u.CallbackQuery)
	default:
		b.log.Debug("update ignored", "update_id", u.ID)
	}
}

// handleMessage dispatches a message by chat type. Messages from bots and
// channels are ignored, but for a group's anonymous admins: Telegram sends
// theirs from GroupAnonymousBot with the group as sender_chat.
func (b *Bot) handleMessage(ctx context.Context, m *models.Message) {
	if b.noteMigration(m) {
		return
	}
	if isAnonymousAdmin(m) {
		// The group stands for its anonymous admins: their questions share
		// one rate limit, and none of them is one of the bot's admins.
		anon := *m
		anon.From = &models.User{ID: m.SenderChat.ID, FirstName: m.SenderChat.Title}
		m = &anon
	}
	if m.From == nil || m.From.IsBot {
		return
	}
	switch m.Chat.Type {
	case models.ChatTypePrivate:
		b.handlePrivate(ctx, m)
	case models.ChatTypeGroup, models.ChatTypeSupergroup:
		b.handleGroup(ctx, m)
	}
}

// isAnonymousAdmin reports whether m was sent by an admin of its group who
// posts as the group.
func isAnonymousAdmin(m *models.Message) bool {
	return m.SenderChat != nil && m.SenderChat.ID == m.Chat.ID && m.From != nil && m.From.IsBot &&
		(m.Chat.Type == models.ChatTypeGroup || m.Chat.Type == models.ChatTypeSupergroup)
}

// handleUpdate answers one update. A panic in a handler becomes a log line,
// so one bad update cannot stop the bot.
func (b *Bot) handleUpdate(ctx context.Context, u *models.Update) {
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("handler panicked", "update_id", u.ID, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		}
	}()
	b.route(ctx, u)
}

// randomPrefix makes callback IDs differ between runs, so a button under an
// answer from before a restart cannot point at a newer answer.
func randomPrefix() string {
	var p [3]byte
	_, _ = rand.Read(p[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(p[:])
}
