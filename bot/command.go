package bot

import (
	"strings"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"
)

// command is a bot command at the start of a message: "/ask@alliancebot
// why?" is {name: "ask", target: "alliancebot", args: "why?"}.
type command struct {
	name, target, args string
}

// parseCommand reads the bot command that starts m's text, if any.
func parseCommand(m *models.Message) (command, bool) {
	for _, e := range m.Entities {
		if e.Type != models.MessageEntityTypeBotCommand || e.Offset != 0 {
			continue
		}
		start, end, ok := entitySpan(m.Text, e)
		if !ok || end-start < 2 || m.Text[start] != '/' {
			return command{}, false
		}
		name, target, _ := strings.Cut(m.Text[start+1:end], "@")
		return command{name: strings.ToLower(name), target: target, args: strings.TrimSpace(m.Text[end:])}, true
	}
	return command{}, false
}

// forBot reports whether the command is meant for the bot called username:
// it names no bot, or names this one.
func (c command) forBot(username string) bool {
	return c.target == "" || strings.EqualFold(c.target, username)
}

// entitySpan converts an entity's offset and length, which Telegram counts
// in UTF-16 code units, to byte offsets in text.
func entitySpan(text string, e models.MessageEntity) (start, end int, ok bool) {
	units := 0
	start, end = -1, -1
	for i, r := range text {
		if units == e.Offset {
			start = i
		}
		if units == e.Offset+e.Length {
			end = i
			break
		}
		units += utf16.RuneLen(r)
	}
	if end < 0 && units == e.Offset+e.Length {
		end = len(text)
	}
	if start < 0 || end < start {
		return 0, 0, false
	}
	return start, end, true
}

// addressedQuestion reports whether a plain group message speaks to the bot,
// by mentioning it or by replying to it, and returns the question with the
// mention taken out.
func (b *Bot) addressedQuestion(m *models.Message) (string, bool) {
	if m.Text == "" {
		return "", false
	}
	for _, e := range m.Entities {
		start, end, ok := entitySpan(m.Text, e)
		if !ok {
			continue
		}
		mentioned := (e.Type == models.MessageEntityTypeMention && strings.EqualFold(m.Text[start:end], "@"+b.me.Username)) ||
			(e.Type == models.MessageEntityTypeTextMention && e.User != nil && e.User.ID == b.me.ID)
		if mentioned {
			return withoutMention(m.Text, start, end), true
		}
	}
	if r := m.ReplyToMessage; r != nil && r.From != nil && r.From.ID == b.me.ID {
		return m.Text, true
	}
	return "", false
}

// withoutMention removes text[start:end] and the punctuation that tied it to
// the sentence: "@bot, who leads the CSTO?" becomes "who leads the CSTO?".
func withoutMention(text string, start, end int) string {
	before := strings.TrimRight(text[:start], " ,:")
	after := strings.TrimLeft(text[end:], " ,:")
	if strings.HasPrefix(after, "?") || strings.HasPrefix(after, "!") || strings.HasPrefix(after, ".") {
		return strings.TrimSpace(before + after)
	}
	return strings.TrimSpace(before + " " + after)
}
