package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/retrieval"
)

// CorpusLoader builds an index from a loaded corpus and swaps it in;
// *retrieval.Engine implements it.
type CorpusLoader interface {
	Load(ctx context.Context, c *corpus.Corpus) (retrieval.ReloadReport, error)
}

// FolderReloader is the Reloader that re-reads the article files in Dir and
// hands them to Loader.
type FolderReloader struct {
	Dir    string
	Loader CorpusLoader
}

// Reload reads every article file in r.Dir and loads them. Files that do not
// parse are reported in ReloadReport.Errors and the rest load; an error
// means nothing changed and the old index keeps serving.
func (r FolderReloader) Reload(ctx context.Context) (retrieval.ReloadReport, error) {
	start := time.Now()
	c, err := corpus.Load(os.DirFS(r.Dir))
	if err != nil {
		return retrieval.ReloadReport{}, fmt.Errorf("reload %s: %w", r.Dir, err)
	}
	if len(c.Articles) == 0 {
		return retrieval.ReloadReport{Errors: c.Errors}, fmt.Errorf("reload %s: no article loaded (%d files refused)", r.Dir, len(c.Errors))
	}
	rep, err := r.Loader.Load(ctx, c)
	if err != nil {
		return rep, fmt.Errorf("reload %s: %w", r.Dir, err)
	}
	if len(rep.Errors) == 0 {
		rep.Errors = c.Errors
	}
	if rep.Took == 0 {
		rep.Took = time.Since(start)
	}
	return rep, nil
}

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
	rep, err := b.reload(ctx, m.From.ID)
	b.reloadMu.Unlock() // before replying: once the admin reads the summary, a new reload may start
	b.reply(ctx, m, reloadSummary(rep, err, l), nil)
}

// reload calls the Reloader and logs the outcome; reloadMu must be held.
func (b *Bot) reload(ctx context.Context, userID int64) (retrieval.ReloadReport, error) {
	rep, err := b.reloader.Reload(ctx)
	if err != nil {
		b.metrics.reloads.WithLabelValues(reloadFailed).Inc()
		err = redactError(err, b.token)
		b.log.Error("reload failed; the old index keeps serving", "user_id", userID, "err", err)
		return rep, err
	}
	b.metrics.reloads.WithLabelValues(reloadOK).Inc()
	b.log.Info("reloaded", "user_id", userID, "articles", rep.Articles, "passages", rep.Passages,
		"added", rep.Added, "changed", rep.Changed, "removed", rep.Removed, "embedded", rep.Embedded,
		"file_errors", len(rep.Errors), "took", rep.Took)
	return rep, nil
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

// handleDocument adds the article an admin sent as a .txt or .md document:
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
	data, err := b.fetchDocument(ctx, doc)
	if err == nil {
		data = withTitle(data, m.Caption)
		_, err = corpus.ParseArticle(safeArticleName(doc.FileName), data)
	}
	if err != nil {
		b.log.Warn("upload refused", "user_id", m.From.ID, "file", doc.FileName, "size", doc.FileSize, "err", err)
		b.reply(ctx, m, l.text(msgUploadRefused, shownName, uploadReason(err, l)), nil)
		return
	}

	b.reply(ctx, m, b.storeAndReload(ctx, m.From.ID, safeArticleName(doc.FileName), data, shownName, l), nil)
}

// storeAndReload stores an uploaded article and reloads the corpus, holding
// reloadMu (an upload waits for a running reload), and returns the reply.
func (b *Bot) storeAndReload(ctx context.Context, userID int64, name string, data []byte, shownName string, l lang) string {
	b.reloadMu.Lock()
	defer b.reloadMu.Unlock()
	stored, duplicate, err := storeArticle(b.corpusDir, name, data)
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
				lines = append(lines, l.text(msgUploadAdded, escapeHTML(plainTrim(a.Title, maxTitleRunes)), escapeHTML(stored), a.Passages))
				loaded = true
				break
			}
		}
	}
	if !loaded {
		lines = append(lines, l.text(msgUploadStoredNotLoaded, escapeHTML(stored)))
	}
	if stored != wanted {
		lines = append(lines, l.text(msgUploadRenamed, escapeHTML(wanted)))
	}
	lines = append(lines, "", reloadSummary(rep, err, l))
	return fitMessage(strings.Join(lines, "\n"))
}

// errDownload marks a failure to fetch an uploaded file from Telegram.
var errDownload = errors.New("download failed")

// fetchDocument downloads a document through getFile and the file URL,
// refusing files over corpus.MaxFileSize before and while downloading.
func (b *Bot) fetchDocument(ctx context.Context, doc *models.Document) ([]byte, error) {
	if !corpus.IsArticleFile(doc.FileName) {
		return nil, corpus.ErrNotArticle
	}
	if doc.FileSize > corpus.MaxFileSize {
		return nil, corpus.ErrTooLarge
	}
	file, err := callWithRetry(ctx, b, "getFile", func(ctx context.Context) (*models.File, error) {
		return b.api.GetFile(ctx, &tgbot.GetFileParams{FileID: doc.FileID})
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDownload, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.api.FileDownloadLink(file), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDownload, redactError(err, b.token))
	}
	resp, err := b.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDownload, redactError(err, b.token))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: file server answered %s", errDownload, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, corpus.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errDownload, redactError(err, b.token))
	}
	if len(data) > corpus.MaxFileSize {
		return nil, corpus.ErrTooLarge
	}
	return data, nil
}

// uploadReason turns why an upload failed into words for the admin.
func uploadReason(err error, l lang) string {
	switch {
	case errors.Is(err, corpus.ErrNotArticle):
		return l.text(msgReasonNotArticle)
	case errors.Is(err, corpus.ErrTooLarge):
		return l.text(msgReasonTooLarge, corpus.MaxFileSize/1024)
	case errors.Is(err, corpus.ErrEmpty):
		return l.text(msgReasonEmpty)
	case errors.Is(err, corpus.ErrNotUTF8):
		return l.text(msgReasonNotUTF8)
	case errors.Is(err, corpus.ErrBinary):
		return l.text(msgReasonBinary)
	case errors.Is(err, corpus.ErrBadHeader):
		detail := err.Error()
		if _, after, ok := strings.Cut(detail, corpus.ErrBadHeader.Error()+": "); ok {
			detail = after
		}
		return l.text(msgReasonBadHeader, escapeHTML(plainTrim(detail, 200)))
	case errors.Is(err, errDownload):
		return l.text(msgReasonDownload)
	}
	return escapeHTML(plainTrim(err.Error(), 300))
}

// maxStemRunes bounds the file names made from uploads.
const maxStemRunes = 60

// safeArticleName turns an uploaded file name into one that is safe to
// create in the articles folder: no directories, no leading dot, only
// letters, digits, '-' and '_' before a lower-case .txt or .md extension.
func safeArticleName(name string) string {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	ext := strings.ToLower(path.Ext(base))
	if ext != ".md" {
		ext = ".txt"
	}
	var b strings.Builder
	for _, r := range strings.TrimSuffix(base, path.Ext(base)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case !strings.HasSuffix(b.String(), "_"):
			b.WriteRune('_')
		}
	}
	stem := strings.Trim(b.String(), "_-")
	if utf8.RuneCountInString(stem) > maxStemRunes {
		stem = string([]rune(stem)[:maxStemRunes])
	}
	if stem == "" {
		stem = "article"
	}
	return stem + ext
}

// maxNameAttempts bounds the search for a free "<stem>-<n><ext>" name.
const maxNameAttempts = 100

// storeArticle writes data to dir under name, or under "<stem>-2<ext>",
// "<stem>-3<ext>", … when another article already has the name: an upload
// never replaces an article. A file with exactly the same content counts as
// already stored (duplicate is true).
func storeArticle(dir, name string, data []byte) (stored string, duplicate bool, err error) {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for n := 1; n <= maxNameAttempts; n++ {
		candidate := name
		if n > 1 {
			candidate = fmt.Sprintf("%s-%d%s", stem, n, ext)
		}
		full := filepath.Join(dir, candidate)
		if existing, err := os.ReadFile(full); err == nil {
			if bytes.Equal(existing, data) {
				return candidate, true, nil
			}
			continue
		}
		f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", false, fmt.Errorf("store %s: %w", candidate, err)
		}
		_, werr := f.Write(data)
		cerr := f.Close()
		if err := errors.Join(werr, cerr); err != nil {
			os.Remove(full)
			return "", false, fmt.Errorf("store %s: %w", candidate, err)
		}
		return candidate, false, nil
	}
	return "", false, fmt.Errorf("store %s: no free name after %d attempts", name, maxNameAttempts)
}

// withTitle makes caption the article's title: it is put into the metadata
// header, replacing the header's title if it has one, or a header is added.
// An empty caption leaves data unchanged.
func withTitle(data []byte, caption string) []byte {
	title := strings.Join(strings.Fields(caption), " ")
	if title == "" {
		return data
	}
	title = plainTrim(title, maxTitleRunes)
	text := strings.TrimPrefix(string(data), "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if rest, ok := strings.CutPrefix(text, "---\n"); ok {
		if end := strings.Index(rest, "\n---"); end >= 0 {
			var header []string
			for _, line := range strings.Split(rest[:end], "\n") {
				key, _, _ := strings.Cut(line, ":")
				if !strings.EqualFold(strings.TrimSpace(key), "title") {
					header = append(header, line)
				}
			}
			return []byte("---\ntitle: " + title + "\n" + strings.Join(header, "\n") + rest[end:])
		}
	}
	return []byte("---\ntitle: " + title + "\n---\n" + text)
}
