package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alliancebot/alliancebot/internal/lazyregexp"
)

// stopwords are the English and Russian function words; read only.
var stopwords = newStopwordSet()

// blockFeatures are the measurements the boilerplate classifier takes of one
// block (one line of the page after hard wraps are joined).
type blockFeatures struct {
	chars       int         // letters, digits and punctuation, in runes
	words       int         // white-space separated words
	stopRatio   float64     // share of words that are stopwords
	sentences   int         // sentence ends inside the block
	endsSent    bool        // the block ends like a sentence
	titleCase   bool        // nearly every longer word is capitalised
	upperRatio  float64     // share of letters in upper case
	digitRatio  float64     // share of non-space runes that are digits
	separators  int         // menu separators such as "|", "·", "»", "•"
	dateLike    bool        // the block is a date, a time or a dateline and little else
	relTime     bool        // the block holds a relative time ("2 years ago")
	byline      bool        // "By …", "Автор: …", a reading or listening time
	furniture   bool        // a site phrase (cookies, subscribe, ©, 18+): a weak sign
	addresses   bool        // speaks to the reader: you, your, our, us; вы, ваш, наш
	runTogether bool        // one long token, or a run of icon names
	cyrillic    bool        // most letters are Cyrillic
	section     sectionKind // the page section the block is the marker of
}

var (
	// dateToken matches one date or time: numeric, ISO or with a month
	// name in English or Russian.
	// It is matched against lower-cased text.
	dateToken = lazyregexp.New(`\d{1,2}:\d{2}(:\d{2})?|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|` + monthWord + `|\b\d{1,4}\b`)
	// relativeTime matches "5 hours ago", "2 года назад", "yesterday at 14:20".
	relativeTime = lazyregexp.New(`(?i)\b(\d+|an?|one)\s*(s|sec|m|min|h|hr|hour|d|day|w|wk|week|mo|month|y|yr|year)s?\s+ago\b|\d+\s+(секунд|минут|час|дн|день|недел|месяц|год|лет)[а-яё]*\s+назад|(^|\s)(yesterday|today|вчера|сегодня)(\s+(at|в))?\s+\d{1,2}:\d{2}`)
	// bylineShape matches a byline or a reading time.
	bylineShape = lazyregexp.New(`(?i)^(by|text|words|reporting by|автор[ы]?|текст|фото|photo)(\s*:\s*|\s+)\p{Lu}|\d+\s*(min|mins|minutes?|мин|минут[аы]?)([^\p{L}]|$)`)
	// numberToken is a run of digits.
	numberToken = lazyregexp.New(`\d+`)
)

// furniturePhrases are words that belong to a site rather than to an
// article, in lower case. They are only a weak sign: they demote a block,
// they never keep one.
var furniturePhrases = []string{
	"cookie", "privacy policy", "terms of use", "terms of service", "all rights reserved", "subscribe",
	"sign up", "sign in", "log in", "newsletter", "donate", "donation", "become a member", "become a supporter",
	"support our", "support independent", "affiliate", "commission", "sponsored", "advertis", "©", "18+",
	"promo code", "javascript", "конфиденциальност", "подпишитесь", "подписывайтесь", "подписаться", "все права защищены",
	"реклам", "пожертвов", "поддержите", "фс 77", "фс77", "свидетельство о регистрации", "при использовании",
	"при цитировании", "мнение авторов", "мнение редакции",
}

// readerWords speak to the reader or for the site.
var readerWords = map[string]bool{
	"you": true, "your": true, "yours": true, "our": true, "us": true,
	"вы": true, "вас": true, "вам": true, "ваш": true, "ваша": true, "ваше": true, "ваши": true, "вашу": true,
	"наш": true, "наша": true, "наше": true, "наши": true, "нашу": true, "нашего": true, "нас": true, "нам": true,
}

// maxPhraseScan is how many bytes of a block the phrase features read.
const maxPhraseScan = 2000

// measureBlock computes the features of one block of text.
func measureBlock(text string) blockFeatures {
	f := blockFeatures{chars: utf8.RuneCountInString(text)}
	fields := strings.Fields(text)
	f.words = len(fields)
	stop, letters, upper, digits, nonSpace, cyr := 0, 0, 0, 0, 0, 0
	for _, w := range fields {
		lw := strings.ToLower(strings.TrimFunc(w, notLetter))
		if stopwords[lw] {
			stop++
		}
		if readerWords[lw] {
			f.addresses = true
		}
		if isSeparator(w) {
			f.separators++
		}
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r):
			letters++
			if unicode.Is(unicode.Cyrillic, r) {
				cyr++
			}
			if unicode.IsUpper(r) {
				upper++
			}
		case unicode.IsDigit(r):
			digits++
		}
		if !unicode.IsSpace(r) {
			nonSpace++
		}
	}
	if f.words > 0 {
		f.stopRatio = float64(stop) / float64(f.words)
	}
	f.cyrillic = cyr*2 > letters
	if letters > 0 {
		f.upperRatio = float64(upper) / float64(letters)
	}
	if nonSpace > 0 {
		f.digitRatio = float64(digits) / float64(nonSpace)
	}
	f.sentences = len(SplitSentences(text))
	f.endsSent = endsLikeSentence(text)
	f.titleCase = isTitleCase(text)
	f.dateLike = isDateLine(text)
	// The phrase features matter in short blocks; in a long one the first
	// few hundred words say enough, and reading no further keeps the cost
	// of a page linear with a small constant.
	head := text
	if len(head) > maxPhraseScan {
		head = head[:maxPhraseScan]
	}
	head = strings.ToLower(head)
	f.relTime = f.words <= 8 && relativeTime.MatchString(text)
	// A short line that is no sentence and carries a full date is a byline
	// or a dateline: "Posted on 3 March 2024 by Jane Roe · 9 comments".
	f.byline = f.words <= 16 && !f.endsSent && (bylineShape.MatchString(text) || hasFullDate(text))
	for _, p := range furniturePhrases {
		if strings.Contains(head, p) {
			f.furniture = true
			break
		}
	}
	f.runTogether = isRunTogether(text) || isIconRun(text)
	f.section = sectionMarker(text)
	return f
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// hasFullDate reports a date with day, month and year in text.
func hasFullDate(text string) bool {
	return hasYear(text) && (isoDate.MatchString(text) || numericDate.MatchString(text) ||
		monthFirst.MatchString(text) || dayFirst.MatchString(text))
}

// hasYear reports a run of four digits, which every full date has.
func hasYear(text string) bool {
	for _, n := range numberToken.FindAllString(text, -1) {
		if len(n) == 4 {
			return true
		}
	}
	return false
}

// isSeparator reports a word that is only a menu or breadcrumb separator.
func isSeparator(w string) bool {
	switch w {
	case "|", "·", "•", "»", "«", "/", "\\", ">", "<", "♦", "◆", "■", "▪", "—", "–", "-", "--", "::", "→", "←", "›", "‹", "☰", "✉", "✈", "𝕏":
		return true
	}
	return false
}

// isDateLine reports a block that is a date or time with at most a couple of
// other words: "23 Nov, 2022 17:42", "01.05.2021 12:00 (обновлено: …)",
// "September 17, 2022 · Updated September 18, 2022", "МОСКВА, 14 июн".
func isDateLine(text string) bool {
	if len(text) > 160 || !strings.ContainsAny(text, "0123456789") {
		return false // a date line has a number
	}
	lower := strings.ToLower(text)
	tokens := dateToken.FindAllStringIndex(lower, -1)
	if len(tokens) == 0 {
		return false
	}
	var rest strings.Builder
	prev := 0
	for _, t := range tokens {
		rest.WriteString(lower[prev:t[0]])
		rest.WriteByte(' ')
		prev = t[1]
	}
	rest.WriteString(lower[prev:])
	words := 0
	for _, w := range strings.FieldsFunc(rest.String(), notLetter) {
		switch w {
		case "updated", "published", "posted", "modified", "last", "on", "at", "am", "pm", "utc", "gmt", "msk",
			"обновлено", "опубликовано", "изменено", "обновлён", "обновлен", "в", "года", "г", "мск":
			continue
		}
		words++
	}
	hasDate, numbers := false, 0
	for _, t := range tokens {
		tok := strings.TrimSpace(lower[t[0]:t[1]])
		if r, _ := utf8.DecodeRuneInString(tok); unicode.IsLetter(r) || strings.ContainsAny(tok, ":-./") {
			hasDate = true
		} else {
			numbers++
		}
	}
	return (hasDate || numbers >= 3) && words <= 2 && !endsLikeSentence(text)
}

// isTitleCase reports a line whose longer words nearly all start with a
// capital, the mark of a headline or a menu rather than article prose.
func isTitleCase(text string) bool {
	long, capital := 0, 0
	for _, w := range strings.Fields(text) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			capital++
		}
	}
	return long > 0 && capital*100 >= long*85
}

// isIconRun reports a line of icon names, as menus of icon fonts leave them.
func isIconRun(text string) bool {
	return strings.Count(strings.ToLower(text), "icon") >= 3
}

// isRunTogether reports one long token with no spaces, such as a language
// switcher "العربيةespрусdefrrs".
func isRunTogether(text string) bool {
	return !strings.ContainsRune(text, ' ') && utf8.RuneCountInString(text) > 15
}
