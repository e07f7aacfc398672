package bot

import (
	"fmt"
	"strings"
	"time"
)

// lang is the language the bot talks to one user in.
type lang int

const (
	langEN lang = iota
	langRU
)

// russianSpeaking are the Telegram language codes answered in Russian: Russian
// itself, its East Slavic relatives, and the languages of the CSTO member
// states where Russian is the common second language. Everyone else gets
// English.
var russianSpeaking = map[string]bool{
	"ru": true, "be": true, "uk": true, "rue": true,
	"kk": true, "ky": true, "tg": true,
}

// langFor maps a Telegram language_code ("ru", "ru-RU", "en-GB", "") to the
// language of the bot's messages.
func langFor(code string) lang {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(code)), "-")
	if russianSpeaking[base] {
		return langRU
	}
	return langEN
}

// msgKey names one message of the catalog.
type msgKey int

const (
	msgHelpTitle msgKey = iota
	msgHelpKnows
	msgHelpKnowsUndated
	msgHelpMoreArticles
	msgHelpNotReady
	msgHelpHowToAsk
	msgHelpGroups
	msgHelpInline
	msgHelpAdmin
	msgSources
	msgAsOf
	msgNotCovered
	msgNotCoveredExamples
	msgEmptyQuestion
	msgTooLong
	msgNoIndex
	msgSlowDown
	msgNonText
	msgUnknownCommand
	msgGroupUsage
	msgButtonMore
	msgButtonPassage
	msgButtonUp
	msgButtonDown
	msgCallbackExpired
	msgCallbackNoMore
	msgCallbackThanks
	msgCallbackAlready
	msgCallbackSlowDown
	msgPassageHeader
	msgParagraph
	msgAdminOnly
	msgUploadAdminOnly
	msgReloadUnavailable
	msgReloadBusy
	msgReloadDone
	msgReloadCounts
	msgReloadFileErrors
	msgReloadFailed
	msgUploadDisabled
	msgUploadRefused
	msgUploadAdded
	msgUploadRenamed
	msgUploadDuplicate
	msgUploadStoredNotLoaded
	msgReasonNotArticle
	msgReasonTooLarge
	msgReasonEmpty
	msgReasonNotUTF8
	msgReasonBinary
	msgReasonBadHeader
	msgReasonDownload
	msgInlineHintTitle
	msgInlineHintDescription
	msgInlineNotCoveredTitle
	msgInlineSlowDownTitle
	msgCommandStart
	msgCommandHelp
	msgCommandAsk
	msgCommandReload
	msgJoinedGroup
	msgButtonShare
	msgInlineAskPrivate
	msgProfileDescription
	msgProfileDescriptionUndated
	msgProfileShort
	msgProfileShortUndated
	msgKeyCount // must stay last
)

// catalog holds every message in English and Russian, indexed by msgKey. The
// strings are HTML for parse mode HTML; %s arguments are escaped by callers.
var catalog = [msgKeyCount][2]string{
	msgHelpTitle: {"<b>CSTO news assistant</b>", "<b>Помощник по новостям об ОДКБ</b>"},
	msgHelpKnows: {
		"I answer questions about the Collective Security Treaty Organization (CSTO) from %s published %s to %s:",
		"Я отвечаю на вопросы об Организации Договора о коллективной безопасности (ОДКБ). Мои источники — %s за период с %s по %s:",
	},
	msgHelpKnowsUndated: {
		"I answer questions about the Collective Security Treaty Organization (CSTO) from %s:",
		"Я отвечаю на вопросы об Организации Договора о коллективной безопасности (ОДКБ). Мои источники — %s:",
	},
	msgHelpMoreArticles: {"…and %d more.", "…и ещё %d."},
	msgHelpNotReady:     {"The articles are still loading; ask me again in a minute.", "Статьи ещё загружаются, спросите через минуту."},
	msgHelpHowToAsk: {
		"<b>How to ask:</b> write a question in plain words; I reply with a quote from the articles and the sources. For example:",
		"<b>Как спрашивать:</b> напишите вопрос обычными словами, я отвечу цитатой из статей и укажу источники. Например:",
	},
	msgHelpGroups: {
		"<b>In groups:</b> <code>/ask your question</code>, mention %s, or reply to my message. I stay quiet otherwise.",
		"<b>В группах:</b> <code>/ask ваш вопрос</code>, упоминание %s или ответ на моё сообщение. Иначе я молчу.",
	},
	msgHelpInline: {
		"<b>In any chat:</b> type <code>%s your question</code> and pick an answer to send.",
		"<b>В любом чате:</b> наберите <code>%s ваш вопрос</code> и выберите ответ.",
	},
	msgHelpAdmin: {
		"<b>Admin:</b> /reload re-reads the articles folder; send a .txt, .md or .html file to add an article (the caption becomes its title), or a link to add the page; /articles lists them, /remove and /restore take one out and back, /feeds shows the news feeds.",
		"<b>Администратору:</b> /reload перечитывает папку статей; пришлите файл .txt, .md или .html, чтобы добавить статью (подпись станет заголовком), или ссылку на страницу; /articles — список, /remove и /restore убирают и возвращают статью, /feeds — новостные ленты.",
	},
	msgSources: {"<b>Sources</b>", "<b>Источники</b>"},
	msgAsOf:    {"<i>As of %s</i>", "<i>По состоянию на %s</i>"},
	msgNotCovered: {
		"The articles I have don't cover “%s”, so I won't guess.",
		"В моих статьях нет ответа на «%s», поэтому гадать не буду.",
	},
	msgNotCoveredExamples: {"Questions I can answer:", "На такие вопросы я отвечу:"},
	msgEmptyQuestion: {
		"Ask me a question about the CSTO, for example:",
		"Задайте вопрос об ОДКБ, например:",
	},
	msgTooLong: {
		"That message is too long for a question (%d characters; the limit is %d). Please ask it in a sentence or two.",
		"Сообщение слишком длинное для вопроса (символов: %d, предел %d). Сформулируйте вопрос в одном-двух предложениях.",
	},
	msgNoIndex: {
		"I'm still loading the articles; please ask again in a minute.",
		"Я ещё загружаю статьи, спросите, пожалуйста, через минуту.",
	},
	msgSlowDown: {
		"You're asking faster than I can read 🙂 Please wait a few seconds and ask again.",
		"Вы спрашиваете быстрее, чем я успеваю читать 🙂 Подождите несколько секунд.",
	},
	msgNonText: {
		"I only read text. Send your question as a message, for example: “%s”",
		"Я понимаю только текст. Напишите вопрос сообщением, например: «%s»",
	},
	msgUnknownCommand: {
		"I don't know that command. Send /help to see what I can do, or just ask a question.",
		"Такой команды я не знаю. Отправьте /help или просто задайте вопрос.",
	},
	msgGroupUsage: {
		"Ask like this: <code>/ask %s</code>",
		"Спросите так: <code>/ask %s</code>",
	},
	msgButtonMore:        {"➕ More sources", "➕ Ещё источники"},
	msgButtonPassage:     {"📄 [%d]", "📄 [%d]"},
	msgButtonUp:          {"👍", "👍"},
	msgButtonDown:        {"👎", "👎"},
	msgCallbackExpired:   {"This answer is too old; please ask again.", "Этот ответ устарел, спросите ещё раз."},
	msgCallbackNoMore:    {"There are no more sources for this answer.", "Других источников для этого ответа нет."},
	msgCallbackThanks:    {"Thanks for the feedback!", "Спасибо за отзыв!"},
	msgCallbackAlready:   {"Your feedback is already counted.", "Ваш отзыв уже учтён."},
	msgCallbackSlowDown:  {"Too many presses; wait a few seconds and try again.", "Слишком часто, подождите несколько секунд и нажмите ещё раз."},
	msgPassageHeader:     {"Full passage", "Полный фрагмент"},
	msgParagraph:         {"paragraph %d", "абзац %d"},
	msgAdminOnly:         {"Sorry, only the bot's admins can use %s.", "Извините, команда %s доступна только администраторам бота."},
	msgUploadAdminOnly:   {"Sorry, only the bot's admins can add articles. You can ask me questions, though!", "Извините, добавлять статьи могут только администраторы. Но вопросы задавать можно!"},
	msgReloadUnavailable: {"Reloading is not configured for this bot.", "Перезагрузка статей для этого бота не настроена."},
	msgReloadBusy:        {"A reload is already running; try again when it finishes.", "Перезагрузка уже идёт, повторите после её окончания."},
	msgReloadDone:        {"✅ Reloaded in %s.", "✅ Статьи перезагружены за %s."},
	msgReloadCounts: {
		"Articles: %d, passages: %d (added %d, changed %d, removed %d; embedded %d).",
		"Статей: %d, фрагментов: %d (добавлено %d, изменено %d, удалено %d; векторизовано %d).",
	},
	msgReloadFileErrors: {"Files skipped (%d):", "Пропущены файлы (%d):"},
	msgReloadFailed: {
		"❌ Reload failed; the previous articles keep serving. Reason: %s",
		"❌ Перезагрузка не удалась, работают прежние статьи. Причина: %s",
	},
	msgUploadDisabled: {
		"Adding articles is disabled: no writable articles folder is configured.",
		"Добавление статей отключено: не задана папка для статей.",
	},
	msgUploadRefused:   {"❌ I can't add %s: %s", "❌ Не могу добавить %s: %s"},
	msgUploadAdded:     {"✅ Added “%s” as %s (%s).", "✅ Добавлена статья «%s» в файл %s (%s)."},
	msgUploadRenamed:   {"Another article already has the name %s (as .txt or .md), so I kept both.", "Другая статья уже хранится под именем %s (.txt или .md), поэтому сохранены обе."},
	msgUploadDuplicate: {"%s is already in the articles folder with the same content; nothing changed.", "Файл %s с таким же содержимым уже есть в папке статей, ничего не изменилось."},
	msgUploadStoredNotLoaded: {
		"The file is stored as %s, but it did not load:",
		"Файл сохранён как %s, но не загрузился:",
	},
	msgReasonNotArticle: {"only .txt, .md and .html files can be articles", "статьями могут быть только файлы .txt, .md и .html"},
	msgReasonTooLarge:   {"the file is larger than %d KB", "файл больше %d КБ"},
	msgReasonEmpty:      {"the file has no article text", "в файле нет текста статьи"},
	msgReasonNotUTF8:    {"the file is not UTF-8 text", "файл не в кодировке UTF-8"},
	msgReasonBinary:     {"the file holds binary data, not text", "в файле двоичные данные, а не текст"},
	msgReasonBadHeader:  {"its metadata header does not parse (%s)", "не читается заголовок с метаданными (%s)"},
	msgReasonDownload:   {"I could not download it from Telegram; please send it again", "не удалось скачать файл из Telegram, пришлите его ещё раз"},
	msgInlineHintTitle:  {"Ask about the CSTO", "Спросите об ОДКБ"},
	msgInlineHintDescription: {
		"Type a question, e.g. “%s”",
		"Напишите вопрос, например «%s»",
	},
	msgInlineNotCoveredTitle: {"The articles don't cover this", "В статьях нет ответа на этот вопрос"},
	msgInlineSlowDownTitle:   {"Too many questions; wait a few seconds", "Слишком много вопросов, подождите несколько секунд"},
	msgCommandStart:          {"About the bot", "О боте"},
	msgCommandHelp:           {"How to ask questions", "Как задавать вопросы"},
	msgCommandAsk:            {"Ask a question about the CSTO", "Задать вопрос об ОДКБ"},
	msgCommandReload:         {"Re-read the articles folder (admin)", "Перечитать папку статей (админ)"},
	msgJoinedGroup: {
		"Hello! I answer questions about the CSTO from news articles, with sources. Here, ask with <code>/ask your question</code>, mention %s, or reply to my message; otherwise I stay quiet. For example: <code>/ask %s</code>",
		"Здравствуйте! Я отвечаю на вопросы об ОДКБ по новостным статьям и указываю источники. Здесь спрашивайте так: <code>/ask ваш вопрос</code>, упоминанием %s или ответом на моё сообщение; иначе я молчу. Например: <code>/ask %s</code>",
	},
	msgButtonShare:      {"↗️ Share", "↗️ Поделиться"},
	msgInlineAskPrivate: {"Ask in a private chat", "Спросить в личном чате"},
	// Profile texts are plain text: the description (up to 512 characters)
	// shows in an empty private chat, the short one (up to 120) on the
	// bot's profile page and in shared links.
	msgProfileDescription: {
		"I answer questions about the Collective Security Treaty Organization (CSTO) with quotes from %s (%s) published %s to %s, and I name the source of every quote. I only say what the articles say.\n\nAsk in plain words, for example: “%s” In groups: /ask and your question. In any chat: %s and your question.",
		"Я отвечаю на вопросы об Организации Договора о коллективной безопасности (ОДКБ) цитатами из источников (%s: %s), опубликованных с %s по %s, и называю источник каждой цитаты. Говорю только то, что есть в статьях.\n\nСпрашивайте обычными словами, например: «%s» В группах: /ask и ваш вопрос. В любом чате: %s и ваш вопрос.",
	},
	msgProfileDescriptionUndated: {
		"I answer questions about the Collective Security Treaty Organization (CSTO) with quotes from %s (%s), and I name the source of every quote. I only say what the articles say.\n\nAsk in plain words, for example: “%s” In groups: /ask and your question. In any chat: %s and your question.",
		"Я отвечаю на вопросы об Организации Договора о коллективной безопасности (ОДКБ) цитатами из источников (%s: %s) и называю источник каждой цитаты. Говорю только то, что есть в статьях.\n\nСпрашивайте обычными словами, например: «%s» В группах: /ask и ваш вопрос. В любом чате: %s и ваш вопрос.",
	},
	msgProfileShort: {
		"Answers questions about the CSTO from %s (%s), quoting its sources.",
		"Отвечаю на вопросы об ОДКБ по источникам (%s, %s) с цитатами.",
	},
	msgProfileShortUndated: {
		"Answers questions about the CSTO from %s, quoting its sources.",
		"Отвечаю на вопросы об ОДКБ по источникам (%s) с цитатами.",
	},
}

// exampleQuestions are questions the built-in articles answer; the bot
// offers the ones the serving index can actually answer.
var exampleQuestions = [2][]string{
	langEN: {
		"What does CSTO stand for?",
		"Which country asked the CSTO for help in January?",
		"Who are the members of the CSTO?",
	},
	langRU: {
		"Кто входит в ОДКБ?",
		"Какая страна попросила ОДКБ о помощи в январе?",
		"Что сказал Лукашенко о НАТО?",
	},
}

// ruMonths are the Russian month names in the genitive, as dates need them.
var ruMonths = [...]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}

// date renders a YYYY-MM-DD date for a person in l: "14 June 2024",
// «14 июня 2024»; other text is returned as it is.
func (l lang) date(yyyymmdd string) string {
	t, err := time.Parse(time.DateOnly, yyyymmdd)
	if err != nil {
		return yyyymmdd
	}
	if l == langRU {
		return fmt.Sprintf("%d %s %d", t.Day(), ruMonths[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}

// text returns message k in l, formatted with args when it has verbs.
func (l lang) text(k msgKey, args ...any) string {
	s := catalog[k][l]
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}
