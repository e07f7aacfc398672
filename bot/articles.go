package bot

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/ingest"
	"github.com/alliancebot/alliancebot/retrieval"
)

// Admins manage the articles the bot serves:
//
//	/articles          the served articles, ten to a page, with ◀ ▶ buttons
//	/remove <n|name>   move an article file to RemovedDir and reload
//	/restore [name]    move it back (without a name: list what can be)
//	/add URL           add the article a link points to (links.go)
//	/feeds             the news feeds and how their last checks went
//
// Nothing is ever deleted: a removed file waits in RemovedDir.

// articlesPerPage is how many articles one /articles page lists.
const articlesPerPage = 10

// callbackArticles is the callback data prefix of the /articles page
// buttons: "al:<page>".
const callbackArticles = "al"

// handleArticleCommand runs the admin's article commands.
func (b *Bot) handleArticleCommand(ctx context.Context, m *models.Message, cmd command, l lang) {
	if cmd.name == "add" {
		b.handleAddCommand(ctx, m, cmd.args, l)
		return
	}
	if !b.isAdmin(m.From.ID) {
		b.refuseAdminCommand(ctx, m, l, "/"+cmd.name, l.text(msgAdminOnly, "/"+cmd.name))
		return
	}
	switch cmd.name {
	case "articles":
		text, markup := b.articlesPage(0, l)
		b.reply(ctx, m, text, markup)
	case "feeds":
		b.reply(ctx, m, b.feedsReport(l), nil)
	case "remove":
		b.reply(ctx, m, b.removeArticle(ctx, m.From.ID, cmd.args, l), nil)
	case "restore":
		b.reply(ctx, m, b.restoreArticle(ctx, m.From.ID, cmd.args, l), nil)
	}
}

// articlesPage renders page n (from 0) of the served articles and its
// buttons.
func (b *Bot) articlesPage(n int, l lang) (string, models.ReplyMarkup) {
	articles := b.answerer.Stats().Articles
	if len(articles) == 0 {
		return l.articleText(amArticlesEmpty), nil
	}
	pages := (len(articles) + articlesPerPage - 1) / articlesPerPage
	n = max(0, min(n, pages-1))
	first, last := n*articlesPerPage, min((n+1)*articlesPerPage, len(articles))
	lines := []string{l.articleText(amArticlesHeader, first+1, last, len(articles))}
	for i, a := range articles[first:last] {
		meta := sourceAndDate(retrieval.Citation{Source: a.Outlet, Published: a.Published})
		if meta == "" {
			meta = "—"
		}
		lines = append(lines, l.articleText(amArticlesLine, first+i+1, escapeHTML(plainTrim(a.Title, 100)),
			escapeHTML(meta), a.Passages, escapeHTML(plainTrim(a.ID, 60))))
		if len(a.AlsoReportedBy) > 0 {
			lines = append(lines, l.articleText(amArticlesCopies, len(a.AlsoReportedBy)))
		}
	}
	var row []keyboardButton
	if n > 0 {
		row = append(row, keyboardButton{Text: l.articleText(amButtonPrev), CallbackData: fmt.Sprintf("%s:%d", callbackArticles, n-1)})
	}
	if n < pages-1 {
		row = append(row, keyboardButton{Text: l.articleText(amButtonNext), CallbackData: fmt.Sprintf("%s:%d", callbackArticles, n+1)})
	}
	text := fitMessage(strings.Join(lines, "\n"))
	if len(row) == 0 {
		return text, nil
	}
	return text, inlineKeyboard{InlineKeyboard: [][]keyboardButton{row}}
}

// pageArticles answers a press of an /articles page button by editing the
// list in place; it returns the notice for answerCallbackQuery.
func (b *Bot) pageArticles(ctx context.Context, q *models.CallbackQuery, arg string, l lang) string {
	msg := q.Message.Message
	n, err := strconv.Atoi(arg)
	if msg == nil || err != nil {
		return l.text(msgCallbackExpired)
	}
	if !b.isAdmin(q.From.ID) {
		b.log.Warn("admin button refused", "user_id", q.From.ID, "button", "articles page")
		return plainTrim(l.text(msgAdminOnly, "/articles"), 190)
	}
	text, markup := b.articlesPage(n, l)
	params := &tgbot.EditMessageTextParams{
		ChatID: msg.Chat.ID, MessageID: msg.ID, Text: text,
		ParseMode: models.ParseModeHTML, LinkPreviewOptions: noPreview(), ReplyMarkup: markup,
	}
	if _, err := callWithRetry(ctx, b, "editMessageText", func(ctx context.Context) (*models.Message, error) {
		return b.api.EditMessageText(ctx, params)
	}); err != nil {
		b.log.Error("edit message failed", "chat_id", msg.Chat.ID, "err", err)
	}
	return ""
}

// errNoSuchArticle reports a /remove or /restore argument that names no
// article file.
var errNoSuchArticle = errors.New("no such article")

// removeArticle runs /remove: the article named by its number in
// /articles, its ID or its file name moves to RemovedDir and the corpus
// reloads.
func (b *Bot) removeArticle(ctx context.Context, userID int64, arg string, l lang) string {
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return l.articleText(amRemoveUsage)
	}
	if b.corpusDir == "" || b.removedDir == "" || b.reloader == nil {
		return l.articleText(amManageDisabled)
	}
	b.reloadMu.Lock()
	defer b.reloadMu.Unlock()
	title := ""
	target := arg
	if n, err := strconv.Atoi(arg); err == nil {
		articles := b.answerer.Stats().Articles
		if n < 1 || n > len(articles) {
			return l.articleText(amRemoveNotFound, escapeHTML(plainTrim(arg, 60)))
		}
		target, title = articles[n-1].ID, articles[n-1].Title
	}
	file, err := findArticleFile(b.corpusDir, target)
	if err != nil {
		return l.articleText(amRemoveNotFound, escapeHTML(plainTrim(arg, 60)))
	}
	if title == "" {
		title = file
		for _, a := range b.answerer.Stats().Articles {
			if strings.EqualFold(a.ID, strings.TrimSuffix(file, path.Ext(file))) {
				title = a.Title
			}
		}
	}
	moved, err := moveArticle(b.corpusDir, b.removedDir, file)
	if err != nil {
		b.log.Error("remove failed", "user_id", userID, "file", file, "err", err)
		return l.articleText(amLinkRefused, escapeHTML(file), escapeHTML(plainTrim(err.Error(), 200)))
	}
	b.log.Info("article removed", "user_id", userID, "file", file, "kept_as", filepath.Join(filepath.Base(b.removedDir), moved))
	rep, err := b.reload(ctx, userID)
	out := l.articleText(amRemoved, escapeHTML(plainTrim(title, maxTitleRunes)), escapeHTML(file), escapeHTML(moved))
	return fitMessage(out + "\n\n" + reloadSummary(rep, err, l))
}

// restoreArticle runs /restore: the named file moves from RemovedDir back
// into the corpus folder (under a free name) and the corpus reloads.
// Without a name it lists the removed files.
func (b *Bot) restoreArticle(ctx context.Context, userID int64, arg string, l lang) string {
	arg = strings.TrimSpace(arg)
	if b.corpusDir == "" || b.removedDir == "" || b.reloader == nil {
		return l.articleText(amManageDisabled)
	}
	if arg == "" {
		names, _ := articleFiles(b.removedDir)
		if len(names) == 0 {
			return l.articleText(amRestoreUsage)
		}
		return fitMessage(l.articleText(amRestoreUsage) + "\n\n" + l.articleText(amRestoreList) + bulletList(names))
	}
	b.reloadMu.Lock()
	defer b.reloadMu.Unlock()
	file, err := findArticleFile(b.removedDir, arg)
	if err != nil {
		return l.articleText(amRestoreNotFound, escapeHTML(plainTrim(arg, 60)))
	}
	data, err := os.ReadFile(filepath.Join(b.removedDir, file))
	if err == nil {
		var stored string
		if stored, _, err = ingest.StoreArticle(b.corpusDir, file, data); err == nil {
			err = os.Remove(filepath.Join(b.removedDir, file))
			file = stored
		}
	}
	if err != nil {
		b.log.Error("restore failed", "user_id", userID, "file", file, "err", err)
		return l.articleText(amLinkRefused, escapeHTML(file), escapeHTML(plainTrim(err.Error(), 200)))
	}
	b.log.Info("article restored", "user_id", userID, "file", file)
	rep, err := b.reload(ctx, userID)
	return fitMessage(l.articleText(amRestored, escapeHTML(file)) + "\n\n" + reloadSummary(rep, err, l))
}

// articleFiles lists the article files of dir by name.
func articleFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && corpus.IsArticleFile(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// findArticleFile finds the article file of dir that name names: its file
// name or its stem (the article ID), compared without regard to case. The
// name never leaves dir.
func findArticleFile(dir, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, `/\`) {
		return "", errNoSuchArticle
	}
	names, err := articleFiles(dir)
	if err != nil {
		return "", err
	}
	for _, f := range names {
		if strings.EqualFold(f, name) {
			return f, nil
		}
	}
	for _, f := range names {
		if strings.EqualFold(strings.TrimSuffix(f, path.Ext(f)), name) {
			return f, nil
		}
	}
	return "", errNoSuchArticle
}

// moveArticle moves file from dir to removed, under a free name there
// ("x.txt", "x-2.txt", …), and returns that name.
func moveArticle(dir, removed, file string) (string, error) {
	if err := os.MkdirAll(removed, 0o755); err != nil {
		return "", err
	}
	ext := path.Ext(file)
	stem := strings.TrimSuffix(file, ext)
	for n := 1; n <= 1000; n++ {
		name := file
		if n > 1 {
			name = fmt.Sprintf("%s-%d%s", stem, n, ext)
		}
		// Link, then remove: never replaces a file kept before.
		err := os.Link(filepath.Join(dir, file), filepath.Join(removed, name))
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			// Another file system: rename, after checking the name is free.
			if _, statErr := os.Stat(filepath.Join(removed, name)); statErr == nil {
				continue
			}
			if err := os.Rename(filepath.Join(dir, file), filepath.Join(removed, name)); err != nil {
				return "", err
			}
			return name, nil
		}
		return name, os.Remove(filepath.Join(dir, file))
	}
	return "", fmt.Errorf("no free name for %s in the removed folder", file)
}
