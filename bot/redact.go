package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
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
// "<redacted-token>". It is how the bot keeps its token out of errors and
// logs, for callers that print text that may quote the token (an error
// from New, a setting that embeds it). An empty token changes nothing.
func RedactToken(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, redactedToken)
}

// redactError returns err with every occurrence of token removed from its
// message. Errors that do not mention the token are returned unchanged.
func redactError(err error, token string) error {
	if err == nil || token == "" || !strings.Contains(err.Error(), token) {
		return err
	}
	return &redactedError{msg: RedactToken(err.Error(), token), err: err}
}

// redactingHandler is a slog.Handler that removes a secret from the message
// and from every string or error attribute before passing the record on.
type redactingHandler struct {
	next   slog.Handler
	secret string
}

func newRedactingHandler(next slog.Handler, secret string) *redactingHandler {
	return &redactingHandler{next: next, secret: secret}
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
	return &redactingHandler{next: h.next.WithAttrs(clean), secret: h.secret}
}

func (h *redactingHandler) WithGroup(name string) slog.Handler {
	return &redactingHandler{next: h.next.WithGroup(name), secret: h.secret}
}

func (h *redactingHandler) redact(s string) string { return RedactToken(s, h.secret) }

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
		if s := fmt.Sprint(v.Any()); h.secret != "" && strings.Contains(s, h.secret) {
			return slog.String(a.Key, h.redact(s))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}
