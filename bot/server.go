package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Time limits of the HTTP server. Telegram's webhook requests and metric
// scrapes are small; these stop a slow client from holding a connection.
const (
	serverReadHeaderTimeout = 10 * time.Second
	serverReadTimeout       = 30 * time.Second
	serverWriteTimeout      = 30 * time.Second
	serverIdleTimeout       = 2 * time.Minute
)

// Handler returns the bot's HTTP endpoints:
//
//	GET  /healthz     200 while the process runs
//	GET  /readyz      200 when the index is loaded and Run is taking updates;
//	                  503 with a line saying what is missing otherwise
//	GET  /metrics     the bot's metrics in the Prometheus text format
//	POST <path>       the webhook, when Config.WebhookURL is set: at the
//	                  URL's path (WebhookPathFor) and at WebhookPath
func (b *Bot) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", serveHealth)
	mux.HandleFunc("GET /readyz", b.serveReady)
	mux.Handle("GET /metrics", promhttp.HandlerFor(b.metrics.registry, promhttp.HandlerOpts{
		ErrorLog: slog.NewLogLogger(b.log.Handler(), slog.LevelWarn),
	}))
	if b.webhookURL != "" {
		for _, path := range b.webhookPaths() {
			mux.HandleFunc("POST "+path, b.serveWebhook)
		}
	}
	return mux
}

func serveHealth(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}

// serveReady says whether this bot should get traffic: its index is loaded
// and it is taking updates (getMe succeeded in New, and Run has set up
// polling or the webhook and is not shutting down).
func (b *Bot) serveReady(w http.ResponseWriter, _ *http.Request) {
	var missing []string
	if !b.answerer.Stats().Ready {
		missing = append(missing, "index not loaded")
	}
	if !b.taking.Load() {
		missing = append(missing, "not taking updates")
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if len(missing) > 0 {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "not ready: %s\n", strings.Join(missing, "; "))
		return
	}
	fmt.Fprintln(w, "ready")
}

// Serve serves Handler on ln until ctx is done, then shuts the server down
// gracefully: it stops accepting connections and waits up to
// ShutdownTimeout for the requests in progress. It returns nil after a
// clean shutdown.
//
// Start Serve before Run, so that /healthz and /readyz answer while the
// index loads, and end its ctx after Run has returned: while Run finishes
// the answers in flight, /metrics stays up and the webhook answers 503, so
// Telegram sends new updates again later (to another replica, behind a load
// balancer).
func (b *Bot) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           b.Handler(),
		ReadHeaderTimeout: serverReadHeaderTimeout,
		ReadTimeout:       serverReadTimeout,
		WriteTimeout:      serverWriteTimeout,
		IdleTimeout:       serverIdleTimeout,
		ErrorLog:          slog.NewLogLogger(b.log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	b.log.Info("http server listening", "addr", ln.Addr().String(), "webhook", b.webhookURL != "")
	select {
	case err := <-served:
		return fmt.Errorf("serve http on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	if serveErr := <-served; !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	if err != nil {
		srv.Close()
		return fmt.Errorf("shut down the http server on %s: %w", ln.Addr(), err)
	}
	b.log.Info("http server stopped", "addr", ln.Addr().String())
	return nil
}
