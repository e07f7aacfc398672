package bot

import (
	"context"

	"github.com/go-telegram/bot/models"
)

// handlePrivate answers a message in a private chat: any text is a question,
// /start and /help explain the bot, /reload, documents, links and the
// article commands (articles.go) are for admins,
// and anything else that is not text gets a short hint.
func (b *Bot) handlePrivate(ctx context.Context, m *models.Message) {
	l := langFor(m.From.LanguageCode)
	if m.Document != nil {
		b.handleDocument(ctx, m, l)
		return
	}
	if m.Text == "" {
		if b.admit(ctx, m, l) {
			b.reply(ctx, m, l.text(msgNonText, escapeHTML(exampleQuestions[l][0])), nil)
		}
		return
	}
	cmd, isCommand := parseCommand(m)
	if !isCommand {
		if link, ok := linkOnly(m.Text); ok {
			b.handleLink(ctx, m, link, l)
			return
		}
		b.answerQuestion(ctx, m, m.Text, l)
		return
	}
	switch cmd.name {
	case "start", "help":
		if question, ok := questionFromPayload(cmd.args); ok && cmd.name == "start" {
			b.answerQuestion(ctx, m, question, l) // a deep link (deeplink.go)
			return
		}
		if b.admit(ctx, m, l) {
			b.reply(ctx, m, b.helpText(ctx, m.From.ID, l), nil)
		}
	case "ask":
		b.answerQuestion(ctx, m, cmd.args, l)
	case "reload":
		b.handleReload(ctx, m, l)
	case "add", "articles", "remove", "restore", "feeds":
		b.handleArticleCommand(ctx, m, cmd, l)
	default:
		if b.admit(ctx, m, l) {
			b.reply(ctx, m, l.text(msgUnknownCommand), nil)
		}
	}
}
