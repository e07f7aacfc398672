package bot

import (
	"context"
	"slices"
	"sort"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Command menus. Telegram shows a chat the commands of the narrowest scope
// set for it, in the user's language when one is set for it: the bot sets
// /start and /help for private chats, /ask and /help for groups, and for
// each admin, in their own chat with the bot, /reload as well. Every
// language that gets Russian replies gets the Russian menus.

// commandMenu is one setMyCommands call: the commands of a scope.
type commandMenu struct {
	name     string // for logs
	scope    models.BotCommandScope
	commands []string
}

// commandDescriptions are the menu descriptions of the bot's commands.
var commandDescriptions = map[string]msgKey{
	"start":  msgCommandStart,
	"help":   msgCommandHelp,
	"ask":    msgCommandAsk,
	"reload": msgCommandReload,
}

// commandMenus are the menus by scope: private chats, groups, and each
// admin's chat.
func (b *Bot) commandMenus() []commandMenu {
	menus := []commandMenu{
		{name: "private chats", scope: &models.BotCommandScopeAllPrivateChats{}, commands: []string{"start", "help"}},
		{name: "groups", scope: &models.BotCommandScopeAllGroupChats{}, commands: []string{"ask", "help"}},
	}
	admins := make([]int64, 0, len(b.admins))
	for id := range b.admins {
		admins = append(admins, id)
	}
	slices.Sort(admins)
	for _, id := range admins {
		menus = append(menus, commandMenu{name: "admin chat", scope: &models.BotCommandScopeChat{ChatID: id},
			commands: []string{"start", "help", "reload"}})
	}
	return menus
}

// profileLanguages are the language codes the menus and the profile texts
// are set for: "" (everyone else, in English) and each language answered in
// Russian. The Bot API takes two-letter ISO 639-1 codes only, so a language
// with a longer code (rue) sees the English menus though the bot answers
// it in Russian.
func profileLanguages() []string {
	codes := []string{""}
	for code := range russianSpeaking {
		if len(code) == 2 {
			codes = append(codes, code)
		}
	}
	sort.Strings(codes[1:])
	return codes
}

// registerCommands sets every menu in every profile language. A failure is
// logged and otherwise ignored: the menu is a convenience.
func (b *Bot) registerCommands(ctx context.Context) {
	for _, menu := range b.commandMenus() {
		for _, code := range profileLanguages() {
			l := langFor(code)
			params := &tgbot.SetMyCommandsParams{Scope: menu.scope, LanguageCode: code}
			for _, c := range menu.commands {
				params.Commands = append(params.Commands, models.BotCommand{Command: c, Description: l.text(commandDescriptions[c])})
			}
			if _, err := callWithRetry(ctx, b, "setMyCommands", func(ctx context.Context) (bool, error) {
				return b.api.SetMyCommands(ctx, params)
			}); err != nil {
				b.log.Warn("setMyCommands failed; the bot runs without this command menu", "scope", menu.name,
					"language", code, "err", err)
				if ctx.Err() != nil {
					return
				}
			}
		}
	}
}
