package bot

import (
	"encoding/base64"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// Deep links and sharing. A link t.me/<bot>?start=<payload> opens the
// private chat and sends "/start <payload>"; the bot's payloads are the
// question in base64url (RFC 4648 §5, no padding), which fits Telegram's
// 64 characters of A-Z, a-z, 0-9, _ and - for a question of up to 48 bytes.
// "/start" with such a payload answers the question; any other payload is a
// plain /start. The inline results carry a button to such a link ("Ask in a
// private chat"), and every answer a button to share the question inline.

// maxStartPayload is Telegram's limit on a start parameter.
const maxStartPayload = 64

// plainStartPayload is the start parameter of a question too long to
// carry: it is not base64url of anything (five characters cannot be), so
// it starts the chat like a plain /start.
const plainStartPayload = "start"

// maxInlineQuery is the longest query Telegram puts in the input field of
// a switch_inline_query button.
const maxInlineQuery = 256

// startPayload is the start parameter that asks question, or
// plainStartPayload when the question does not fit.
func startPayload(question string) string {
	p := base64.RawURLEncoding.EncodeToString([]byte(strings.TrimSpace(question)))
	if p == "" || len(p) > maxStartPayload {
		return plainStartPayload
	}
	return p
}

// questionFromPayload decodes a start parameter made by startPayload. It
// reports false for anything else: not base64url, not UTF-8 text, control
// characters, or nothing left once trimmed.
func questionFromPayload(payload string) (string, bool) {
	if payload == "" || len(payload) > maxStartPayload {
		return "", false
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil || !utf8.Valid(raw) {
		return "", false
	}
	q := strings.TrimSpace(string(raw))
	if q == "" || strings.ContainsFunc(q, unicode.IsControl) {
		return "", false
	}
	return q, true
}

// shareButton puts "@bot question" in the input field of a chat the user
// picks, where inline mode answers it.
func shareButton(question string, l lang) keyboardButton {
	q := plainTrim(question, maxInlineQuery)
	if strings.HasSuffix(q, "…") && q != question {
		// A cut question would be asked cut; share it whole or not at all.
		q = ""
	}
	return keyboardButton{Text: l.text(msgButtonShare), SwitchInlineQuery: &q}
}

// inlineStartButton is the button above inline results that opens the
// private chat with the bot, asking query there when it fits a start
// parameter.
func inlineStartButton(query string, l lang) *models.InlineQueryResultsButton {
	payload := plainStartPayload
	if utf8.RuneCountInString(strings.TrimSpace(query)) >= minInlineQueryRunes {
		payload = startPayload(query)
	}
	return &models.InlineQueryResultsButton{Text: l.text(msgInlineAskPrivate), StartParameter: payload}
}
