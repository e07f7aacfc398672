package bot

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/go-telegram/bot/models"

	"github.com/alliancebot/alliancebot/corpus"
	"github.com/alliancebot/alliancebot/ingest"
	"github.com/alliancebot/alliancebot/retrieval"
)

// ArticleAdder adds articles to the corpus folder from links and files;
// *ingest.Adder implements it. It only stores: the bot reloads.
type ArticleAdder interface {
	AddURL(ctx context.Context, rawURL string) (ingest.Added, error)
	AddFile(name string, data []byte) (ingest.Added, error)
}

// linkOnly returns the URL when a message is nothing but one http(s) link.
func linkOnly(text string) (string, bool) {
	s := strings.TrimSpace(text)
	if s == "" || strings.ContainsAny(s, " \t\n") {
		return "", false
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	return s, true
}

// handleAddCommand is /add URL.
func (b *Bot) handleAddCommand(ctx context.Context, m *models.Message, args string, l lang) {
	if !b.isAdmin(m.From.ID) {
		b.refuseAdminCommand(ctx, m, l, "/add", l.articleText(amLinkAdminOnly))
		return
	}
	link, ok := linkOnly(args)
	if !ok {
		b.reply(ctx, m, l.articleText(amAddUsage), nil)
		return
	}
	b.handleLink(ctx, m, link, l)
}

// handleLink adds the article a link points to, for an admin: the page is
// fetched (public addresses only, unless the Adder allows private ones),
// its article extracted and stored in the corpus folder, and the corpus
// reloaded; the reply says what was stored. Anyone else is refused
// politely, and the attempt logged.
func (b *Bot) handleLink(ctx context.Context, m *models.Message, link string, l lang) {
	if !b.isAdmin(m.From.ID) {
		b.refuseAdminCommand(ctx, m, l, "link", l.articleText(amLinkAdminOnly))
		return
	}
	if b.adder == nil || b.reloader == nil {
		b.reply(ctx, m, l.articleText(amLinkDisabled), nil)
		return
	}
	shown := escapeHTML(plainTrim(ingest.RedactURL(link), maxEchoRunes))
	b.reloadMu.Lock()
	defer b.reloadMu.Unlock()
	added, err := b.adder.AddURL(ctx, link)
	if errors.Is(err, ingest.ErrAlreadyStored) {
		b.log.Info("link already stored", "user_id", m.From.ID, "url", ingest.RedactURL(link), "file", added.File)
		b.reply(ctx, m, l.articleText(amLinkDuplicate, escapeHTML(added.File)), nil)
		return
	}
	if err != nil {
		b.log.Warn("link refused", "user_id", m.From.ID, "url", ingest.RedactURL(link), "err", err)
		b.reply(ctx, m, l.articleText(amLinkRefused, shown, linkReason(err, l)), nil)
		return
	}
	b.log.Info("article added from a link", "user_id", m.From.ID, "url", ingest.RedactURL(link), "file", added.File,
		"title", added.Article.Title, "outlet", added.Article.Outlet, "published", added.Article.Published)
	rep, err := b.reload(ctx, m.From.ID)
	b.reply(ctx, m, b.addedSummary(added, rep, err, l), nil)
}

// maxPreviewRunes bounds the first lines of an added article in the reply.
const maxPreviewRunes = 300

// addedSummary is the reply after an article was stored: its title,
// outlet and date, the file, the passages indexed and its first lines,
// then how the reload went when it did not go well.
func (b *Bot) addedSummary(added ingest.Added, rep retrieval.ReloadReport, err error, l lang) string {
	a := added.Article
	meta := sourceAndDate(retrieval.Citation{Source: a.Outlet, Published: a.Published})
	if a.URL != "" {
		meta = strings.TrimPrefix(meta+" · "+plainTrim(a.URL, 200), " · ")
	}
	passages := 0
	if err == nil {
		for _, info := range b.answerer.Stats().Articles {
			if info.ID == a.ID {
				passages = info.Passages
			}
		}
	}
	copyOf := ""
	if err == nil && passages == 0 {
		for _, info := range b.answerer.Stats().Articles {
			for _, r := range info.AlsoReportedBy {
				if r.Doc == a.ID {
					copyOf = info.Title
				}
			}
		}
	}
	out := l.articleText(amLinkAdded, escapeHTML(plainTrim(a.Title, maxTitleRunes)), escapeHTML(meta),
		escapeHTML(added.File), passages, escapeHTML(plainTrim(a.Text, maxPreviewRunes)))
	if copyOf != "" {
		out += "\n" + l.articleText(amLinkCopy, escapeHTML(plainTrim(copyOf, maxTitleRunes)))
	}
	if !retrieval.SpeaksOfCSTO(a.Title, a.Text) {
		out += "\n" + l.articleText(amLinkOffTopic)
	}
	if err != nil || len(rep.Errors) > 0 {
		out += "\n\n" + reloadSummary(rep, err, l)
	}
	return fitMessage(out)
}

// linkReason turns why a link could not be added into words for the admin.
func linkReason(err error, l lang) string {
	var se *ingest.StatusError
	var size *ingest.SizeError
	switch {
	case errors.As(err, &size):
		return l.articleText(amReasonTooLarge, size.Limit/1024)
	case errors.Is(err, ingest.ErrRefusedAddress):
		return l.articleText(amReasonRefusedAddress)
	case errors.Is(err, ingest.ErrNotHTML):
		detail := "?"
		if _, after, ok := strings.Cut(err.Error(), "(it is "); ok {
			detail = strings.TrimSuffix(after, ")")
		}
		return l.articleText(amReasonNotHTML, escapeHTML(plainTrim(detail, 60)))
	case errors.Is(err, corpus.ErrNoArticle):
		return l.articleText(amReasonNoArticle)
	case errors.As(err, &se):
		return l.articleText(amReasonStatus, escapeHTML(plainTrim(se.Status, 60)))
	case errors.Is(err, ingest.ErrTimeout):
		return l.articleText(amReasonTimeout)
	case errors.Is(err, ingest.ErrTooManyRedirects):
		return l.articleText(amReasonRedirects)
	case errors.Is(err, ingest.ErrScheme):
		return l.articleText(amReasonScheme)
	}
	return l.articleText(amReasonFetch, escapeHTML(plainTrim(err.Error(), 200)))
}
