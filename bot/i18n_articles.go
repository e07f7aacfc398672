package bot

import "fmt"

// articleMsg names one message about adding and managing articles: links,
// feeds, /articles, /remove and /restore. They live in a catalog of their
// own beside catalog, with the same shape: HTML, English then Russian, %s
// arguments escaped by the callers.
type articleMsg int

const (
	amAlsoReported articleMsg = iota
	amAlsoReportedMore
	amLinkAdminOnly
	amLinkDisabled
	amLinkFetching
	amLinkAdded
	amLinkDuplicate
	amLinkCopy
	amLinkOffTopic
	amLinkRefused
	amAddUsage
	amReasonRefusedAddress
	amReasonTooLarge
	amReasonNotHTML
	amReasonNoArticle
	amReasonStatus
	amReasonTimeout
	amReasonRedirects
	amReasonScheme
	amReasonFetch
	amArticlesHeader
	amArticlesEmpty
	amArticlesLine
	amArticlesCopies
	amButtonPrev
	amButtonNext
	amRemoveUsage
	amRemoved
	amRemoveNotFound
	amRestoreUsage
	amRestored
	amRestoreNotFound
	amRestoreList
	amManageDisabled
	amFeedsNone
	amFeedsHeader
	amFeedsLine
	amFeedsNever
	amFeedsError
	amKeyCount // must stay last
)

// articleCatalog holds the articleMsg messages in English and Russian.
var articleCatalog = [amKeyCount][2]string{
	amAlsoReported:         {"also reported by %s", "также сообщили: %s"},
	amAlsoReportedMore:     {"and %d more", "и ещё %d"},
	amLinkAdminOnly:        {"Sorry, only the bot's admins can add articles from links. You can ask me questions, though!", "Извините, добавлять статьи по ссылкам могут только администраторы. Но вопросы задавать можно!"},
	amLinkDisabled:         {"Adding articles is turned off on this bot (it has no writable articles folder).", "Добавление статей на этом боте выключено (нет папки статей для записи)."},
	amLinkFetching:         {"Fetching %s…", "Загружаю %s…"},
	amLinkAdded:            {"✅ Added “%s”\n%s\nStored as %s, %d passages.\n<blockquote>%s</blockquote>", "✅ Добавлена статья «%s»\n%s\nФайл %s, фрагментов: %d.\n<blockquote>%s</blockquote>"},
	amLinkDuplicate:        {"This page is already in the articles as %s (same address); nothing changed.", "Эта страница уже есть среди статей: %s (тот же адрес), ничего не изменилось."},
	amLinkOffTopic:         {"Note: the page never names the CSTO, its treaty or its council, so answers will not quote it.", "Обратите внимание: на странице не упоминаются ОДКБ, её договор или совет, поэтому в ответах она цитироваться не будет."},
	amLinkCopy:             {"It is the same story as “%s”, so it is not indexed again: answers cite that article and name this outlet under “also reported by”.", "Это та же новость, что и «%s», поэтому она не индексируется повторно: ответы ссылаются на ту статью и называют это издание в «также сообщили»."},
	amLinkRefused:          {"❌ I can't add %s: %s", "❌ Не могу добавить %s: %s"},
	amAddUsage:             {"Send a link to add the article it points to, for example: <code>/add https://example.com/news/csto-summit</code>", "Пришлите ссылку, чтобы добавить статью, например: <code>/add https://example.com/news/csto-summit</code>"},
	amReasonRefusedAddress: {"it points to a private or local address, which I do not fetch", "она ведёт на частный или локальный адрес, такие я не загружаю"},
	amReasonTooLarge:       {"the page is larger than %d KB", "страница больше %d КБ"},
	amReasonNotHTML:        {"it is not a web page or text (it is %s)", "это не веб-страница и не текст (это %s)"},
	amReasonNoArticle:      {"I found no article text on the page", "на странице не нашлось текста статьи"},
	amReasonStatus:         {"the site answered %s", "сайт ответил %s"},
	amReasonTimeout:        {"the site did not answer in time", "сайт не ответил вовремя"},
	amReasonRedirects:      {"it redirects too many times", "слишком много перенаправлений"},
	amReasonScheme:         {"only http and https links can be added", "добавлять можно только ссылки http и https"},
	amReasonFetch:          {"I could not fetch it (%s)", "не удалось загрузить (%s)"},
	amArticlesHeader:       {"<b>Articles</b> (%d–%d of %d):", "<b>Статьи</b> (%d–%d из %d):"},
	amArticlesEmpty:        {"No articles are loaded.", "Статьи не загружены."},
	amArticlesLine:         {"%d. <b>%s</b> — %s · passages: %d · <code>%s</code>", "%d. <b>%s</b> — %s · фрагментов: %d · <code>%s</code>"},
	amArticlesCopies:       {"   (+ %d copies from other outlets)", "   (+ копий из других изданий: %d)"},
	amButtonPrev:           {"◀ Back", "◀ Назад"},
	amButtonNext:           {"Next ▶", "Далее ▶"},
	amRemoveUsage:          {"Say which article to remove: <code>/remove 3</code> (its number in /articles) or <code>/remove file-name</code>.", "Укажите статью: <code>/remove 3</code> (номер в /articles) или <code>/remove имя-файла</code>."},
	amRemoved:              {"🗑 Removed “%s” (%s). It is kept aside; /restore %s brings it back.", "🗑 Статья «%s» (%s) убрана. Файл сохранён, /restore %s вернёт её."},
	amRemoveNotFound:       {"No article is called %s; see /articles.", "Статьи %s нет, см. /articles."},
	amRestoreUsage:         {"Say which article to restore: <code>/restore file-name</code>.", "Укажите статью: <code>/restore имя-файла</code>."},
	amRestored:             {"♻️ Restored %s.", "♻️ Файл %s возвращён."},
	amRestoreNotFound:      {"No removed article is called %s.", "Среди убранных нет статьи %s."},
	amRestoreList:          {"Removed articles you can restore:", "Убранные статьи, которые можно вернуть:"},
	amManageDisabled:       {"Managing articles is turned off on this bot (it has no articles folder or data folder).", "Управление статьями на этом боте выключено (нет папки статей или данных)."},
	amFeedsNone:            {"No feeds are configured (FEEDS).", "Ленты не настроены (FEEDS)."},
	amFeedsHeader:          {"<b>Feeds</b>, checked every %s:", "<b>Ленты</b>, проверка каждые %s:"},
	amFeedsLine:            {"• %s\n  last check %s · %d articles added", "• %s\n  проверка %s · добавлено статей: %d"},
	amFeedsNever:           {"not yet", "ещё не было"},
	amFeedsError:           {"  last error: %s", "  последняя ошибка: %s"},
}

// articleText returns message k in l, formatted with args when it has verbs.
func (l lang) articleText(k articleMsg, args ...any) string {
	s := articleCatalog[k][l]
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}
