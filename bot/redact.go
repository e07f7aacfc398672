package bot

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// The Bot API puts the token in every URL (https://api.telegram.org/bot<token>/
// sendMessage and /file/bot<token>/...), and Go's HTTP errors quote the URL.
// go-telegram/bot masks it in the *url.Error it returns, but not everywhere
// (a response body echoed in an error, our own file downloads). So the bot
// redacts twice: every error that leaves the package goes through
// redactError, and every log record goes through redactingHandler.

const redactedToken = "<redacted-token>"

// redactedError is an error whose message had the token removed. It still
// answers errors.Is for the error it wraps, but does not unwrap: the wrapped
// error's own message may hold the token.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }

func (e *redactedError) Is(target error) bool { return errors.Is(e.err, target) }

// RedactToken returns s with every occurrence of token replaced by
// "<redacted-token>": the token as it is, percent-encoded (in a URL's path or
// query string) and base64-encoded, and the secret after the bot ID on its
// own, however the colon before it was written. It is how the bot keeps its
// token, and the webhook secret, out of errors and logs, for callers that
// print text that may quote one. An empty token changes nothing.
func RedactToken(s, token string) string {
	for _, form := range secretForms(token) {
		s = strings.ReplaceAll(s, form, redactedToken)
	}
	return s
}

// minSecretForm is the shortest encoded form or part of a secret that is
// redacted: shorter ones would match ordinary text. The secret itself is
// always redacted.
const minSecretForm = 8

// secretForms are the ways secret may be written in a URL, a header or a
// body, longest first so that a longer form is replaced before a part of it.
func secretForms(secret string) []string {
	if secret == "" {
		return nil
	}
	forms := []string{secret, url.QueryEscape(secret), url.PathEscape(secret),
		base64.StdEncoding.EncodeToString([]byte(secret)), base64.URLEncoding.EncodeToString([]byte(secret)),
		base64.RawStdEncoding.EncodeToString([]byte(secret)), base64.RawURLEncoding.EncodeToString([]byte(secret))}
	if _, rest, ok := strings.Cut(secret, ":"); ok {
		forms = append(forms, rest)
	}
	out := []string{secret}
	for _, f := range forms[1:] {
		if len(f) >= minSecretForm && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// redactSecrets applies RedactToken for each secret.
func redactSecrets(s string, secrets ...string) string {
	for _, secret := range secrets {
		s = RedactToken(s, secret)
	}
	return s
}

// redactError returns err with every form of the secrets removed from its
// message. Errors that do not mention one are returned unchanged.
func redactError(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := redactSecrets(msg, secrets...)
	if clean == msg {
		return err
	}
	return &redactedError{msg: clean, err: err}
}

// cutForLog is data as one line for a log or an error: secrets removed
// first, then cut to maxLoggedBody bytes, so that a secret across the cut
// cannot show in part.
func cutForLog(data []byte, secrets ...string) string {
	s := strings.Join(strings.Fields(redactSecrets(string(data), secrets...)), " ")
	if len(s) > maxLoggedBody {
		cut := maxLoggedBody
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// maxLoggedBody is how much of a response body errors quote.
const maxLoggedBody = 200

// redactingHandler is a slog.Handler that removes a secret from the message
// and from every string or error attribute before passing the record on.
type redactingHandler struct {
	next slog.Handler
	// forms are every written form of every secret, longest first,
	// worked out once rather than for every log record.
	forms []string
}

func newRedactingHandler(next slog.Handler, secrets ...string) *redactingHandler {
	var forms []string
	for _, s := range secrets {
		forms = append(forms, secretForms(s)...)
	}
	slices.SortStableFunc(forms, func(a, b string) int { return len(b) - len(a) })
	return &redactingHandler{next: next, forms: forms}
}

func (h *redactingHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

func (h *redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.redact(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.redactAttr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h *redactingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.redactAttr(a)
	}
	return &redactingHandler{next: h.next.WithAttrs(clean), forms: h.forms}
}

func (h *redactingHandler) WithGroup(name string) slog.Handler {
	return &redactingHandler{next: h.next.WithGroup(name), forms: h.forms}
}

func (h *redactingHandler) redact(s string) string {
	for _, f := range h.forms {
		s = strings.ReplaceAll(s, f, redactedToken)
	}
	return s
}

func (h *redactingHandler) redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.redact(v.String()))
	case slog.KindGroup:
		group := v.Group()
		clean := make([]any, len(group))
		for i, g := range group {
			clean[i] = h.redactAttr(g)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, h.redact(err.Error()))
		}
		s := fmt.Sprint(v.Any())
		if clean := h.redact(s); clean != s {
			return slog.String(a.Key, clean)
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}
