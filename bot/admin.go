package bot

import (
	"context"
	"errors"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/ingest"
	"github.com/alliancebot/alliancebot/retrieval"
)

func (b *Bot) isAdmin(userID int64) bool { return b.admins[userID] }

// refuseAdminCommand politely refuses a non-admin and logs the attempt.
// Every attempt is logged; the replies count against the rate limit, so
// repeated attempts cannot make the bot flood a chat.
func (b *Bot) refuseAdminCommand(ctx context.Context, m *models.Message, l lang, what, reply string) {
	b.log.Warn("admin command refused", "user_id", m.From.ID, "username", m.From.Username, "command", what, "chat_id", m.Chat.ID)
	if b.admit(ctx, m, l) {
		b.reply(ctx, m, reply, nil)
	}
}

// handleReload runs /reload for an admin: re-read the articles folder, swap
// the index in and report what changed.
func (b *Bot) handleReload(ctx context.Context, m *models.Message, l lang) {
	if !b.isAdmin(m.From.ID) {
		b.refuseAdminCommand(ctx, m, l, "/reload", l.text(msgAdminOnly, "/reload"))
		return
	}
	if b.reloader == nil {
		b.reply(ctx, m, l.text(msgReloadUnavailable), nil)
		return
	}
	if !b.reloadMu.TryLock() {
		b.reply(ctx, m, l.text(msgReloadBusy), nil)
		return
	}
	stopTyping := b.showTyping(ctx, replyDestination(m))
	rep, err := b.reload(ctx, m.From.ID)
	stopTyping()
	b.reloadMu.Unlock() // before replying: once the admin reads the summary, a new reload may start
	if m.Chat.Type != models.ChatTypePrivate {
		// A group need not learn the server's folders.
		rep, err = withoutPaths(rep, err)
	}
	b.reply(ctx, m, reloadSummary(rep, err, l), nil)
	if err == nil {
		b.refreshProfile(ctx)
	}
}

// reload calls the Reloader and logs the outcome; reloadMu must be held.
func (b *Bot) reload(ctx context.Context, userID int64) (retrieval.ReloadReport, error) {
	rep, err := b.reloader.Reload(ctx)
	if err != nil {
		b.metrics.reloads.WithLabelValues(reloadFailed).Inc()
		err = redactError(err, b.secrets...)
		b.log.Error("reload failed; the old index keeps serving", "user_id", userID, "err", err)
		return rep, err
	}
	b.metrics.reloads.WithLabelValues(reloadOK).Inc()
	b.log.Info("reloaded", "user_id", userID, "articles", rep.Articles, "passages", rep.Passages,
		"added", rep.Added, "changed", rep.Changed, "removed", rep.Removed, "embedded", rep.Embedded,
		"file_errors", len(rep.Errors), "took", rep.Took)
	return rep, nil
}

// serverPath matches an absolute path after a space, a quote or a
// parenthesis (or at the start): Unix, or Windows with a drive letter.
var serverPath = regexp.MustCompile(`(^|[\s("'])((?:[A-Za-z]:)?[/\\][^\s:"'()]*)`)

// hidePaths replaces every absolute path in s by its last element: the
// file's or the folder's name.
func hidePaths(s string) string {
	return serverPath.ReplaceAllStringFunc(s, func(m string) string {
		sub := serverPath.FindStringSubmatch(m)
		return sub[1] + filepath.Base(strings.ReplaceAll(sub[2], "\\", "/"))
	})
}

// withoutPaths is a reload's outcome with the server's paths reduced to
// file and folder names.
func withoutPaths(rep retrieval.ReloadReport, err error) (retrieval.ReloadReport, error) {
	if err != nil {
		err = errors.New(hidePaths(err.Error()))
	}
	if len(rep.Errors) > 0 {
		errs := make([]*corpus.FileError, len(rep.Errors))
		for i, fe := range rep.Errors {
			errs[i] = &corpus.FileError{File: filepath.Base(fe.File), Err: errors.New(hidePaths(fe.Err.Error()))}
		}
		rep.Errors = errs
	}
	return rep, err
}

// reloadSummary is the admin's reply after a reload.
func reloadSummary(rep retrieval.ReloadReport, err error, l lang) string {
	if err != nil {
		return l.text(msgReloadFailed, escapeHTML(plainTrim(err.Error(), 500))) + fileErrorList(rep.Errors, l)
	}
	return l.text(msgReloadDone, rep.Took.Round(time.Millisecond)) + "\n" +
		l.text(msgReloadCounts, rep.Articles, rep.Passages, rep.Added, rep.Changed, rep.Removed, rep.Embedded) +
		fileErrorList(rep.Errors, l)
}

// maxListedFileErrors keeps a reload summary of a messy folder readable.
const maxListedFileErrors = 20

func fileErrorList(errs []*corpus.FileError, l lang) string {
	if len(errs) == 0 {
		return ""
	}
	var lines []string
	for i, fe := range errs {
		if i == maxListedFileErrors {
			lines = append(lines, "…")
			break
		}
		lines = append(lines, plainTrim(fe.File, 100)+": "+plainTrim(fe.Err.Error(), 200))
	}
	return fitMessage("\n\n" + l.text(msgReloadFileErrors, len(errs)) + bulletList(lines))
}

// handleDocument adds the article an admin sent as a .txt, .md, .html or
// .htm document (a page becomes a .txt article, see ingest.ArticleFile):
// it is downloaded, validated, stored under a safe name in the articles
// folder (never over another article) and the corpus is reloaded.
func (b *Bot) handleDocument(ctx context.Context, m *models.Message, l lang) {
	if !b.isAdmin(m.From.ID) {
		b.refuseAdminCommand(ctx, m, l, "document upload", l.text(msgUploadAdminOnly))
		return
	}
	if b.corpusDir == "" || b.reloader == nil {
		b.reply(ctx, m, l.text(msgUploadDisabled), nil)
		return
	}
	doc := m.Document
	shownName := escapeHTML(plainTrim(doc.FileName, 100))
	name := ingest.SafeArticleName(doc.FileName)
	limit := uploadLimit(doc.FileName)
	data, err := b.fetchDocument(ctx, doc)
	if err == nil {
		// A web page is stored as the text article extracted from it,
		// which the text limit applies to.
		data, name, err = ingest.ArticleFile(doc.FileName, data)
		if err == nil {
			limit = uploadLimit(name)
		}
	}
	if err == nil {
		// The caption, if any, becomes the title.
		data, err = corpus.SetTitle(data, plainTrim(m.Caption, maxTitleRunes))
	}
	if err == nil {
		_, err = corpus.ParseArticle(name, data)
	}
	if err != nil {
		b.log.Warn("upload refused", "user_id", m.From.ID, "file", doc.FileName, "size", doc.FileSize, "err", err)
		b.reply(ctx, m, l.text(msgUploadRefused, shownName, uploadReason(err, limit, l)), nil)
		return
	}

	stopTyping := b.showTyping(ctx, replyDestination(m))
	summary := b.storeAndReload(ctx, m.From.ID, name, data, shownName, l)
	stopTyping()
	b.reply(ctx, m, summary, nil)
	b.refreshProfile(ctx) // sets nothing when the texts did not change

}

// storeAndReload stores an uploaded article and reloads the corpus, holding
// reloadMu (an upload waits for a running reload), and returns the reply.
func (b *Bot) storeAndReload(ctx context.Context, userID int64, name string, data []byte, shownName string, l lang) string {
	b.reloadMu.Lock()
	defer b.reloadMu.Unlock()
	stored, duplicate, err := ingest.StoreArticle(b.corpusDir, name, data)
	if err != nil {
		b.log.Error("storing upload failed", "user_id", userID, "err", err)
		return l.text(msgUploadRefused, shownName, escapeHTML(err.Error()))
	}
	if duplicate {
		return l.text(msgUploadDuplicate, escapeHTML(stored))
	}
	b.log.Info("article uploaded", "user_id", userID, "file", stored, "bytes", len(data))
	rep, err := b.reload(ctx, userID)
	return b.uploadSummary(stored, name, rep, err, l)
}

// uploadSummary says what was added, then how the reload went.
func (b *Bot) uploadSummary(stored, wanted string, rep retrieval.ReloadReport, err error, l lang) string {
	var lines []string
	id := strings.TrimSuffix(stored, path.Ext(stored))
	loaded := false
	if err == nil {
		for _, a := range b.answerer.Stats().Articles {
			if a.ID == id {
				lines = append(lines, l.text(msgUploadAdded, escapeHTML(plainTrim(a.Title, maxTitleRunes)), escapeHTML(stored), l.count(a.Passages, nounPassages)))
				loaded = true
				break
			}
		}
	}
	if !loaded {
		lines = append(lines, l.text(msgUploadStoredNotLoaded, escapeHTML(stored)))
	}
	if stored != wanted {
		lines = append(lines, l.text(msgUploadRenamed, escapeHTML(strings.TrimSuffix(wanted, path.Ext(wanted)))))
	}
	lines = append(lines, "", reloadSummary(rep, err, l))
	return fitMessage(strings.Join(lines, "\n"))
}
