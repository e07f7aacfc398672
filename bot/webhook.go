package bot

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/go-telegram/bot/models"
)

// WebhookPath is where Serve receives the webhook's updates when the
// WebhookURL has no path. Serve receives them at the WebhookURL's own path
// too (see WebhookPathFor), so a proxy in front may pass the path through
// unchanged or map it here.
const WebhookPath = "/telegram/webhook"

// webhookPathPattern is a path Serve can route: plain segments of URL-safe
// characters.
var webhookPathPattern = regexp.MustCompile(`^(/[A-Za-z0-9._~-]+)+/?$`)

// reservedPaths are the other endpoints of Serve, which a webhook path must
// not take.
var reservedPaths = map[string]bool{"/healthz": true, "/readyz": true, "/metrics": true}

// WebhookPathFor is the path at which Serve receives the updates Telegram
// posts to rawURL: the URL's path, or WebhookPath when it has none. rawURL
// should have passed CheckWebhookURL.
func WebhookPathFor(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Path == "" || u.Path == "/" {
		return WebhookPath
	}
	return u.Path
}

// secretTokenHeader carries the webhook secret in every request Telegram
// makes to the webhook.
const secretTokenHeader = "X-Telegram-Bot-Api-Secret-Token"

// maxWebhookBody bounds a webhook request; an update with a 4096-character
// message and its entities is a few tens of kilobytes.
const maxWebhookBody = 1 << 20

// ErrWebhookSecret reports a webhook secret Telegram would refuse.
var ErrWebhookSecret = errors.New("want 1 to 256 characters of A-Z, a-z, 0-9, _ and -")

// isWebhookSecret reports whether secret is a secret_token setWebhook
// accepts: 1 to 256 of A-Z, a-z, 0-9, _ and -. (A regexp with {1,256}
// compiled into some 3,000 instructions in every process's start.)
func isWebhookSecret(secret string) bool {
	if len(secret) < 1 || len(secret) > 256 {
		return false
	}
	for i := 0; i < len(secret); i++ {
		c := secret[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// CheckWebhookSecret returns ErrWebhookSecret unless secret is a secret
// token Telegram accepts. The error never repeats the secret.
func CheckWebhookSecret(secret string) error {
	if !isWebhookSecret(secret) {
		return ErrWebhookSecret
	}
	return nil
}

// CheckWebhookURL reports whether raw is an absolute http(s) URL with a
// host. (api.telegram.org accepts only https, on port 443, 80, 88 or 8443;
// a self-hosted Bot API server may accept http.)
func CheckWebhookURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("want an https URL such as https://bot.example.org%s, got %q", WebhookPath, raw)
	}
	if u.Path != "" && u.Path != "/" && !webhookPathPattern.MatchString(u.Path) {
		return fmt.Errorf("the path of %q must be segments of letters, digits and ._~- (it is where the bot listens)", raw)
	}
	if reservedPaths[strings.TrimSuffix(u.Path, "/")] {
		return fmt.Errorf("the path of %q is taken by another endpoint of the bot", raw)
	}
	return nil
}

// serveWebhook takes one update from Telegram. A request without the right
// secret token gets 401 and is never decoded; one that is not an update gets
// 400. An accepted update is queued for the workers and answered 200 at
// once; the reply goes out through the Bot API like any other. While the
// bot is not taking updates, or too many wait, the answer is 503 and
// Telegram delivers the update again later.
func (b *Bot) serveWebhook(w http.ResponseWriter, r *http.Request) {
	got := r.Header.Get(secretTokenHeader)
	// Constant time, so that the response time does not tell how much of a
	// guessed secret was right.
	if subtle.ConstantTimeCompare([]byte(got), []byte(b.webhookSecret)) != 1 {
		b.metrics.webhookRejected.WithLabelValues(rejectSecret).Inc()
		b.log.Warn("webhook request refused: wrong secret token", "remote", r.RemoteAddr, "header_present", got != "")
		http.Error(w, "wrong or missing secret token", http.StatusUnauthorized)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		b.metrics.webhookRejected.WithLabelValues(rejectMalformed).Inc()
		http.Error(w, "update too large", http.StatusRequestEntityTooLarge)
		return
	}
	var u models.Update
	if err == nil {
		err = json.Unmarshal(body, &u)
	}
	if err == nil && u.ID <= 0 {
		err = errors.New("no update_id")
	}
	if err != nil {
		b.metrics.webhookRejected.WithLabelValues(rejectMalformed).Inc()
		b.log.Warn("webhook request refused: not an update", "remote", r.RemoteAddr, "err", err)
		http.Error(w, "malformed update", http.StatusBadRequest)
		return
	}
	if !b.recent.add(u.ID) {
		// Telegram posts an update again when it missed the 200 of the
		// first post; the first is answered already or queued.
		b.metrics.updatesSkipped.WithLabelValues(skipDuplicate).Inc()
		b.log.Info("webhook update delivered twice; answered once", "update_id", u.ID)
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := b.queue.offer(&u); err != nil {
		b.recent.forget(u.ID)
		b.metrics.webhookRejected.WithLabelValues(rejectBusy).Inc()
		b.log.Warn("webhook update refused; Telegram will send it again", "update_id", u.ID, "reason", err)
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// webhookPaths are the paths Serve takes webhook updates at: the path of
// the WebhookURL, so that a proxy can pass it through, and WebhookPath, so
// that a proxy that maps the public path onto it keeps working.
func (b *Bot) webhookPaths() []string {
	path := WebhookPathFor(b.webhookURL)
	if path == WebhookPath {
		return []string{WebhookPath}
	}
	return []string{path, WebhookPath}
}
