package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"

	"github.com/alliancebot/alliancebot/retrieval"
)

// testToken looks like a real token so that a leak would show in the logs.
const testToken = "123456789:AAtest-SECRET_token-never-logged"

const testGroup = -1001234

var (
	adminUser   = testUser{id: 1001, lang: "en"}
	plainUser   = testUser{id: 2002, lang: "en-GB"}
	russianUser = testUser{id: 3003, lang: "ru"}
)

// Questions the test corpus (testdata/articles) answers, and one it doesn't.
const (
	membersQuestion  = "Which countries are members of the CSTO?"
	allianceQuestion = "What is the CSTO alliance?"
	borschtQuestion  = "What is the recipe for borscht?"
	drillsQuestion   = "Where was the Interaction-2023 exercise held?"
)

// harness is a Bot running against fakeTelegram with the test corpus copied
// into a temporary articles folder.
type harness struct {
	t      *testing.T
	tg     *fakeTelegram
	bot    *Bot
	engine testEngine
	dir    string
	logs   *lockedBuffer
	// baseURL is the bot's HTTP server (Serve) on loopback.
	baseURL string
	// cancelRun cancels Run's context, as SIGTERM does, and returns at once.
	cancelRun context.CancelFunc
	// stop cancels Run's context, waits for Run to return, then stops the
	// HTTP server, as cmd/alliancebot does on SIGTERM. It runs once; the
	// cleanup calls it too.
	stop func()

	mu      sync.Mutex
	changed chan struct{}
	handled map[int64]bool
	waits   []time.Duration // retry_after waits the bot asked for
	queries int             // inline queries sent
}

// onFake runs the bot against tg, a fake another bot used before: a
// restart.
func onFake(tg *fakeTelegram) func(*botSetup) {
	return func(s *botSetup) {
		s.tg = tg
		s.cfg.APIURL = tg.URL()
	}
}

// botSetup is what a test may change before the bot starts.
type botSetup struct {
	tg       *fakeTelegram
	cfg      Config
	answerer func(testEngine) Answerer
	// unloaded starts the bot before the test corpus is loaded.
	unloaded bool
	// infoLogs logs at info level instead of debug.
	infoLogs bool
	// pace is the sending pace; nil means none, so that tests run fast.
	pace *paceLimits
	// sleep replaces the harness's recording of waits, which returns at
	// once.
	sleep func(ctx context.Context, d time.Duration) error
	// beforeRun, when set, changes the Bot between New and Run.
	beforeRun func(*Bot)
}

func startBot(t *testing.T, opts ...func(*botSetup)) *harness {
	t.Helper()
	h := &harness{t: t, tg: newFakeTelegram(t, testToken), dir: t.TempDir(), logs: &lockedBuffer{},
		changed: make(chan struct{}), handled: map[int64]bool{}}
	copyArticles(t, "testdata/articles", h.dir)
	h.engine = newTestEngine(t)
	reloader := FolderReloader{Dir: h.dir, Loader: h.engine}
	setup := botSetup{
		tg: h.tg,
		cfg: Config{
			Token:       testToken,
			APIURL:      h.tg.URL(),
			AdminIDs:    []int64{adminUser.id},
			CorpusDir:   h.dir,
			Logger:      slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
			RateLimit:   rate.Inf,
			PollTimeout: 5 * time.Second,
			Workers:     4,
		},
		answerer: func(e testEngine) Answerer { return e },
	}
	for _, o := range opts {
		o(&setup)
	}
	h.tg = setup.tg
	if setup.infoLogs {
		setup.cfg.Logger = slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	if !setup.unloaded {
		if _, err := reloader.Reload(context.Background()); err != nil {
			t.Fatalf("loading the test corpus: %v", err)
		}
	}
	b, err := New(context.Background(), setup.cfg, setup.answerer(h.engine), reloader)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	h.bot = b
	pace := paceLimits{private: rate.Inf, group: rate.Inf, global: rate.Inf, burst: 1}
	if setup.pace != nil {
		pace = *setup.pace
	}
	b.outbox = newOutbox(b, pace)
	b.sleep = h.recordWait
	if setup.sleep != nil {
		b.sleep = func(ctx context.Context, d time.Duration) error {
			h.recordWait(ctx, d)
			return setup.sleep(ctx, d)
		}
	}
	b.afterUpdate = h.markHandled
	if setup.beforeRun != nil {
		setup.beforeRun(b)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h.baseURL = "http://" + ln.Addr().String()
	serveCtx, stopServing := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- b.Serve(serveCtx, ln) }()

	ctx, cancel := context.WithCancel(context.Background())
	h.cancelRun = cancel
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	var once sync.Once
	h.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
			stopServing()
			if err := <-served; err != nil {
				t.Errorf("Serve: %v", err)
			}
		})
	}
	t.Cleanup(func() {
		h.stop()
		if strings.Contains(h.logs.String(), testToken) {
			t.Errorf("the token appears in the logs:\n%s", h.logs.String())
		}
		if t.Failed() {
			t.Logf("bot logs:\n%s", h.logs.String())
		}
	})
	return h
}

func copyArticles(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func (h *harness) recordWait(_ context.Context, d time.Duration) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.waits = append(h.waits, d)
	return nil
}

func (h *harness) markHandled(u *models.Update) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.handled[u.ID] = true
	close(h.changed)
	h.changed = make(chan struct{})
}

// waitHandled waits until the bot's handler for update id has returned.
func (h *harness) waitHandled(id int64) {
	h.t.Helper()
	deadline := time.NewTimer(waitLimit)
	defer deadline.Stop()
	for {
		h.mu.Lock()
		done, changed := h.handled[id], h.changed
		h.mu.Unlock()
		if done {
			return
		}
		select {
		case <-changed:
		case <-deadline.C:
			h.t.Fatalf("update %d was not handled within %v", id, waitLimit)
		}
	}
}

// waitTaking waits until Run takes updates.
func (h *harness) waitTaking() {
	h.t.Helper()
	select {
	case <-h.bot.takingStarted:
	case <-time.After(waitLimit):
		h.t.Fatalf("Run did not start taking updates within %v", waitLimit)
	}
}

// mark is the number of calls so far; calls after it answer what comes next.
func (h *harness) mark() int { return len(h.tg.allCalls()) }

// waitSent waits for a sendMessage to chatID made after call number from.
func (h *harness) waitSent(from int, chatID int64) apiCall {
	h.t.Helper()
	return h.waitAfter(from, func(c apiCall) bool { return c.Method == "sendMessage" && c.chatID() == chatID && c.Refused == "" })
}

func (h *harness) waitAfter(from int, match func(apiCall) bool) apiCall {
	h.t.Helper()
	return h.tg.waitCallFrom(from, match)
}

// sendPrivate delivers text from u and returns the bot's reply.
func (h *harness) sendPrivate(u testUser, text string) apiCall {
	h.t.Helper()
	from := h.mark()
	h.tg.push(models.Update{Message: h.tg.privateMessage(u, text)})
	return h.waitSent(from, u.id)
}

// sentAfter returns the calls of method made after call number from.
func (h *harness) sentAfter(from int, method string) []apiCall {
	var out []apiCall
	for _, c := range h.tg.allCalls()[from:] {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// lockedBuffer is a bytes.Buffer safe for the bot's concurrent logging.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestRunRegistersCommandsAndDropsWebhook(t *testing.T) {
	h := startBot(t)
	h.tg.waitCall(func(c apiCall) bool { return c.Method == "deleteWebhook" })
	deleted := slices.IndexFunc(h.tg.allCalls(), func(c apiCall) bool { return c.Method == "deleteWebhook" })
	firstPoll := h.tg.waitPoll()
	if deleted >= firstPoll {
		t.Errorf("deleteWebhook was call %d, but the first getUpdates came after %d calls: the webhook must go first", deleted, firstPoll)
	}
	for _, c := range h.tg.allCalls() {
		if c.Method == "setWebhook" {
			t.Errorf("a polling bot registered a webhook: %v", c.Params)
		}
	}
	h.tg.waitCall(func(c apiCall) bool { return c.Method == "setMyCommands" }) // menus_test.go checks them
	if got := h.bot.Username(); got != h.tg.me.Username {
		t.Errorf("Username() = %q, want %q from getMe", got, h.tg.me.Username)
	}
}

func TestBotRunsWhenSetMyCommandsFails(t *testing.T) {
	h := startBot(t, func(s *botSetup) {
		s.tg.failNext("setMyCommands", http.StatusBadRequest, 0)
		s.tg.failNext("setMyCommands", http.StatusBadRequest, 0)
	})
	reply := h.sendPrivate(plainUser, membersQuestion)
	if !strings.Contains(reply.Params["text"], "Kazakhstan") {
		t.Errorf("after a failed setMyCommands the bot should still answer; got %q", reply.Params["text"])
	}
	// The menus are set beside the answering: wait for the second failure.
	if got := h.waitLogCount("setMyCommands failed", 2); got != 2 {
		t.Errorf("want both failed menu calls logged, found %d:\n%s", got, h.logs.String())
	}
}

func TestNewFailsWithoutLeakingTheToken(t *testing.T) {
	tg := newFakeTelegram(t, "42:the-right-token")
	var logs lockedBuffer
	_, err := New(context.Background(), Config{
		Token:  testToken, // not the one the server expects
		APIURL: tg.URL(),
		Logger: slog.New(slog.NewTextHandler(&logs, nil)),
	}, newTestEngine(t), nil)
	if err == nil {
		t.Fatal("New with a rejected token succeeded")
	}
	if strings.Contains(err.Error(), testToken) || strings.Contains(logs.String(), testToken) {
		t.Errorf("the token leaked: err %q, logs %q", err, logs.String())
	}
	if !strings.Contains(err.Error(), "nauthorized") {
		t.Errorf("the error should say the token was rejected: %v", err)
	}
	if !errors.Is(err, ErrTokenRejected) || !errors.Is(err, tgbot.ErrorUnauthorized) {
		t.Errorf("a rejected token: %v, want ErrTokenRejected wrapping go-telegram's ErrorUnauthorized", err)
	}

	tg.server.Close() // now every request fails in the HTTP client, whose errors quote the URL
	_, err = New(context.Background(), Config{Token: testToken, APIURL: tg.URL(), RetryWindow: 100 * time.Millisecond}, newTestEngine(t), nil)
	if err == nil || strings.Contains(err.Error(), testToken) {
		t.Errorf("New against a closed server: err %v must exist and not contain the token", err)
	}
	if errors.Is(err, ErrTokenRejected) {
		t.Errorf("a server that cannot be reached is not a rejected token: %v", err)
	}
}

func TestTooManyRequestsIsWaitedOutAndTheMessageStillGoesOut(t *testing.T) {
	h := startBot(t)
	h.tg.failNext("sendMessage", http.StatusTooManyRequests, 3)
	reply := h.sendPrivate(plainUser, membersQuestion)
	if !strings.Contains(reply.Params["text"], "Kazakhstan") {
		t.Errorf("the retried message is not the answer: %q", reply.Params["text"])
	}
	h.mu.Lock()
	waits := h.waits
	h.mu.Unlock()
	if len(waits) != 1 || waits[0] != 3*time.Second {
		t.Errorf("the bot waited %v; Telegram asked for one wait of 3s", waits)
	}
	refused := 0
	for _, c := range h.tg.allCalls() {
		if c.Method == "sendMessage" && c.Refused != "" {
			refused++
		}
	}
	if refused != 1 {
		t.Errorf("%d refused sendMessage calls, want exactly the one 429", refused)
	}
}

// waitsSoFar returns the waits the bot asked b.sleep for.
func (h *harness) waitsSoFar() []time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.waits)
}

func TestTransientTelegramErrorsAreRetried(t *testing.T) {
	for _, code := range []int{http.StatusInternalServerError, http.StatusBadGateway} {
		t.Run(http.StatusText(code), func(t *testing.T) {
			h := startBot(t)
			h.tg.failNext("sendMessage", code, 0)
			from := h.mark()
			reply := h.sendPrivate(plainUser, membersQuestion)
			if !strings.Contains(reply.Params["text"], "Kazakhstan") {
				t.Errorf("the retried message is not the answer: %q", reply.Params["text"])
			}
			if sent := h.sentAfter(from, "sendMessage"); len(sent) != 2 || sent[0].Refused == "" {
				t.Errorf("want one failed send and one retry, got %v", sent)
			}
			if waits := h.waitsSoFar(); len(waits) != 1 || waits[0] != transientBackoff {
				t.Errorf("the bot waited %v before retrying; want one backoff of %v", waits, transientBackoff)
			}
		})
	}
	t.Run("gives up after the retry window", func(t *testing.T) {
		const window = 3 * time.Second
		h := startBot(t, func(s *botSetup) { s.cfg.RetryWindow = window })
		for range 20 {
			h.tg.failNext("sendMessage", http.StatusInternalServerError, 0)
		}
		from := h.mark()
		id := h.tg.push(models.Update{Message: h.tg.privateMessage(plainUser, membersQuestion)})
		h.waitHandled(id)
		waits := h.waitsSoFar()
		if sent := h.sentAfter(from, "sendMessage"); len(sent) != len(waits)+1 {
			t.Errorf("want one attempt more than the %d waits, got %v", len(waits), sent)
		}
		var total time.Duration
		for i, w := range waits {
			total += w
			if i > 0 && i < len(waits)-1 && w <= waits[i-1] {
				t.Errorf("waits %v do not grow", waits)
			}
		}
		if total != window || len(waits) < 3 || waits[0] != transientBackoff {
			t.Errorf("waits %v (%v in all), want a growing backoff from %v filling the %v window", waits, total, transientBackoff, window)
		}
		if !strings.Contains(h.logs.String(), "send message failed") {
			t.Errorf("the final failure is not logged:\n%s", h.logs.String())
		}
	})
}

func TestClientErrorsAreNotRetriedAndTheBotKeepsRunning(t *testing.T) {
	h := startBot(t)
	h.tg.failNext("sendMessage", http.StatusBadRequest, 0)
	from := h.mark()
	id := h.tg.push(models.Update{Message: h.tg.privateMessage(plainUser, membersQuestion)})
	h.waitHandled(id)
	if sent := h.sentAfter(from, "sendMessage"); len(sent) != 1 || sent[0].Refused == "" {
		t.Fatalf("want the one failed send (a 400 is not retried), got %v", sent)
	}
	if waits := h.waitsSoFar(); len(waits) != 0 {
		t.Errorf("the bot waited %v after a 400", waits)
	}
	if !strings.Contains(h.logs.String(), "send message failed") {
		t.Errorf("the failure is not logged:\n%s", h.logs.String())
	}
	reply := h.sendPrivate(plainUser, membersQuestion)
	if !strings.Contains(reply.Params["text"], "Kazakhstan") {
		t.Errorf("the bot stopped answering after an error: %q", reply.Params["text"])
	}
}

func TestAHugeRetryAfterIsNotWaited(t *testing.T) {
	h := startBot(t)
	h.tg.failNext("sendMessage", http.StatusTooManyRequests, 3600)
	from := h.mark()
	id := h.tg.push(models.Update{Message: h.tg.privateMessage(plainUser, membersQuestion)})
	h.waitHandled(id)
	if sent := h.sentAfter(from, "sendMessage"); len(sent) != 1 {
		t.Errorf("want the one refused send and no retry, got %v", sent)
	}
	if waits := h.waitsSoFar(); len(waits) != 0 {
		t.Errorf("the bot waited %v; Telegram asked for an hour, which is over the %v it waits", waits, maxRetryAfter)
	}
	logs := h.logs.String()
	if !strings.Contains(logs, "longer than the bot waits; giving up") || !strings.Contains(logs, "send message failed") {
		t.Errorf("giving up is not logged:\n%s", logs)
	}
}

func TestIsTransient(t *testing.T) {
	live := context.Background()
	cancelled, cancel := context.WithCancel(live)
	cancel()
	netErr := fmt.Errorf("error do request for method sendMessage, %w",
		&url.Error{Op: "Post", URL: "https://api.telegram.org/bot***/sendMessage", Err: syscall.ECONNRESET})
	for _, tc := range []struct {
		name string
		ctx  context.Context
		err  error
		want bool
	}{
		{"network error", live, netErr, true},
		{"network error after the context ended", cancelled, netErr, false},
		{"context cancelled", live, fmt.Errorf("error do request for method sendMessage, %w",
			&url.Error{Op: "Post", URL: "x", Err: context.Canceled}), false},
		{"500", live, errors.New("error response from telegram for method sendMessage, 500 Internal Server Error"), true},
		{"503", live, errors.New("error response from telegram for method getMe, 503 Service Unavailable"), true},
		{"not JSON (a proxy's error page)", live, errors.New("error decode response body for method sendMessage, <html>502 Bad Gateway</html>, invalid character '<'"), true},
		{"400", live, fmt.Errorf("%w, Bad Request: message is too long", tgbot.ErrorBadRequest), false},
		{"403", live, fmt.Errorf("%w, Forbidden: bot was blocked by the user", tgbot.ErrorForbidden), false},
		{"other 4xx", live, errors.New("error response from telegram for method sendMessage, 420 Flood"), false},
		{"429", live, &tgbot.TooManyRequestsError{Message: "too many requests", RetryAfter: 3}, false},
	} {
		if got := isTransient(tc.ctx, tc.err); got != tc.want {
			t.Errorf("%s: isTransient = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// panickyAnswerer panics on one question, as a bug in an engine might.
type panickyAnswerer struct{ Answerer }

func (p panickyAnswerer) AnswerWith(ctx context.Context, q string, o retrieval.Options) retrieval.Answer {
	if q == "panic please" {
		panic("engine bug")
	}
	return p.Answerer.AnswerWith(ctx, q, o)
}

func TestPanicInAHandlerIsRecoveredAndLogged(t *testing.T) {
	h := startBot(t, func(s *botSetup) {
		s.answerer = func(e testEngine) Answerer { return panickyAnswerer{e} }
	})
	id := h.tg.push(models.Update{Message: h.tg.privateMessage(plainUser, "panic please")})
	h.waitHandled(id)
	if !strings.Contains(h.logs.String(), "handler panicked") || !strings.Contains(h.logs.String(), "engine bug") {
		t.Errorf("the panic is not logged:\n%s", h.logs.String())
	}
	reply := h.sendPrivate(plainUser, membersQuestion)
	if !strings.Contains(reply.Params["text"], "Kazakhstan") {
		t.Errorf("the bot stopped answering after a panic: %q", reply.Params["text"])
	}
}
