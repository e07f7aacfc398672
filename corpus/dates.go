package corpus

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alliancebot/alliancebot/internal/lazyregexp"
)

// A page without a header date often prints its date near the top: on its
// own line, in a byline or a dateline. publishedFromText finds it.

// monthWord matches a month name or abbreviation in English or Russian in
// lower case, in any grammatical form; with (?i) it matches any case.
const monthWord = `(?:\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?` +
	`|(?:январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]|янв|фев|мар|апр|июн|июл|авг|сент|сен|окт|ноя|дек)\.?)`

var (
	// isoDate is "2024-06-14", "2024/06/14" and the date of a timestamp,
	// "2024-06-14T10:05:00+03:00".
	isoDate     = lazyregexp.New(`\b(\d{4})([-/])(\d{1,2})([-/])(\d{1,2})(?:\b|T\d)`)
	numericDate = lazyregexp.New(`\b(\d{1,2})([./-])(\d{1,2})([./-])(\d{4})\b`)
	// romanMonthDate is "14.VI.2024", a month in Roman numerals.
	romanMonthDate = lazyregexp.New(`\b(\d{1,2})([./ -])(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)([./ -])(\d{4})\b`)
	// shortYearDate is a wire service's "20.12.11 17:05": a two-digit
	// year is read only with the time after it, which a version number or
	// a score does not have.
	shortYearDate = lazyregexp.New(`\b(\d{2})\.(\d{2})\.(\d{2})\s+\d{1,2}:\d{2}\b`)
	// monthFirst is "June 14, 2024"; dayFirst is "14 June 2024", "14 июня
	// 2024 г.", "14 июн 2024".
	monthFirst = lazyregexp.New(`(?i)(` + monthWord + `)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dayFirst   = lazyregexp.New(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+|-)(?:of\s+)?(` + monthWord + `)(?:,?\s+|-)(\d{4})\b`)
	// updatedMark and publishedMark are the words that say which date a
	// page prints.
	updatedMark = lazyregexp.New(`(?i)(updated|modified|edited|обновлено|обновлен|обновлён|изменено|изменен|изменён|редакция от|отредактирован)`)
	// untilMark says a date is a deadline, not the page's: "subscription
	// until 31.12.2011", «подписка до 31.12.2011».
	untilMark     = lazyregexp.New(`(?i)(\buntil|\btill|\bexpires?|\bvalid through|(?:^|\s)до)\s*$`)
	publishedMark = lazyregexp.New(`(?i)(published|posted|released|опубликовано|опубликован|дата публикации)`)
)

// romanMonths are the months in Roman numerals.
var romanMonths = map[string]int{"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12}

// monthNumbers maps the first three letters of a month name to its number.
var monthNumbers = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
	"янв": 1, "фев": 2, "мар": 3, "апр": 4, "май": 5, "мая": 5, "мае": 5, "июн": 6, "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}

// dateRole says how a page marks a date it prints.
type dateRole int

const (
	datePublished dateRole = iota // "Published: …"
	dateUnmarked                  // a date on its own, in a byline or dateline
	dateUpdated                   // "Updated …", "обновлено …"
)

type dateCandidate struct {
	date string // YYYY-MM-DD
	role dateRole
	line int
}

// maxDateLineWords is the longest line whose dates are read unless a
// "published" mark names them: longer lines are prose, and the dates in
// prose are the dates of events, not of the page.
const maxDateLineWords = 16

// A page prints its date near the top: dates are read in the first
// maxDateLines lines, and no further than dateLookahead lines past the
// first date found (an "Updated" line may come before the "Published" one).
const (
	maxDateLines  = 300
	dateLookahead = 5
)

// publishedFromText returns the publication date (YYYY-MM-DD) that the page
// text prints, or "". It reads dates in bylines, datelines and date lines
// (short lines, or any line with a "published" mark) near the top of the
// page; a published or unmarked date wins over an "updated" one, an earlier
// line over a later one. Dates before 1990 or more than a day after now are ignored.
func publishedFromText(text string, now time.Time) string {
	var best *dateCandidate
	n := 0
	for line := range strings.Lines(text) {
		if n++; n > maxDateLines || best != nil && n > best.line+dateLookahead {
			break
		}
		if len(line) > 2000 {
			line = line[:2000]
		}
		short := len(strings.Fields(line)) <= maxDateLineWords
		for _, c := range datesInLine(line, now) {
			if !short && c.role != datePublished {
				continue
			}
			c.line = n
			if best == nil || c.role < best.role {
				best = &c
			}
		}
		if best != nil && best.role == datePublished {
			break
		}
	}
	if best == nil {
		return ""
	}
	return best.date
}

// datesInLine returns the plausible dates of one line with their roles, in
// the order they appear.
func datesInLine(line string, now time.Time) []dateCandidate {
	if !hasYearDigits(line) && !hasDottedPairs(line) {
		// Every date pattern holds a four-digit year, or a wire
		// service's two-digit one after a dot: most lines are refused
		// here, without running the case-folding patterns.
		return nil
	}
	type found struct {
		start, end int
		date       string
	}
	var all []found
	add := func(re *lazyregexp.Regexp, parse func(m []string) string) {
		for _, idx := range re.FindAllStringSubmatchIndex(line, -1) {
			m := make([]string, len(idx)/2)
			for i := range m {
				if idx[2*i] >= 0 {
					m[i] = line[idx[2*i]:idx[2*i+1]]
				}
			}
			if d := parse(m); d != "" {
				all = append(all, found{idx[0], idx[1], d})
			}
		}
	}
	add(isoDate, func(m []string) string {
		if m[2] != m[4] {
			return ""
		}
		return validDate(m[1], m[3], m[5], now)
	})
	add(numericDate, func(m []string) string {
		if m[2] != m[4] {
			return "" // "1.5-2024" is no date
		}
		day, month := m[1], m[3]
		if d, _ := strconv.Atoi(day); d <= 12 {
			if mo, _ := strconv.Atoi(month); mo > 12 {
				day, month = month, day // 06/14/2024, the American order
			}
		}
		return validDate(m[5], month, day, now)
	})
	add(romanMonthDate, func(m []string) string {
		if m[2] != m[4] {
			return "" // «Глава 2 V.2024» is no date
		}
		return validDate(m[5], strconv.Itoa(romanMonths[m[3]]), m[1], now)
	})
	add(shortYearDate, func(m []string) string {
		y, _ := strconv.Atoi(m[3])
		return validDate(strconv.Itoa(2000+y), m[2], m[1], now)
	})
	add(monthFirst, func(m []string) string { return validDate(m[3], monthNumber(m[1]), m[2], now) })
	add(dayFirst, func(m []string) string { return validDate(m[3], monthNumber(m[2]), m[1], now) })

	// Order by position and drop matches inside an earlier one.
	for i := 1; i < len(all); i++ {
		for j := i; j > 0 && all[j].start < all[j-1].start; j-- {
			all[j], all[j-1] = all[j-1], all[j]
		}
	}
	var out []dateCandidate
	prevEnd := 0
	for _, f := range all {
		if f.start < prevEnd {
			continue
		}
		// The words between the previous date and this one say what it is.
		before := line[prevEnd:f.start]
		if untilMark.MatchString(before) {
			prevEnd = f.end
			continue
		}
		role := dateUnmarked
		switch {
		case updatedMark.MatchString(before):
			role = dateUpdated
		case publishedMark.MatchString(before):
			role = datePublished
		}
		out = append(out, dateCandidate{date: f.date, role: role})
		prevEnd = f.end
	}
	return out
}

// hasYearDigits reports whether s holds four ASCII digits in a row, as
// the \d{4} of every date pattern needs.
func hasYearDigits(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			run = 0
			continue
		}
		if run++; run == 4 {
			return true
		}
	}
	return false
}

// hasDottedPairs reports whether s holds three pairs of digits joined by
// dots, "20.12.11", as shortYearDate needs.
func hasDottedPairs(s string) bool {
	digit := func(i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }
	for i := 0; i+8 <= len(s); i++ {
		if digit(i) && digit(i+1) && s[i+2] == '.' && digit(i+3) && digit(i+4) && s[i+5] == '.' && digit(i+6) && digit(i+7) {
			return true
		}
	}
	return false
}

// monthNumber returns the number of a month name as a string, or "".
func monthNumber(name string) string {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	if n, ok := monthNumbers[name]; ok {
		return strconv.Itoa(n)
	}
	if utf8.RuneCountInString(name) < 3 {
		return ""
	}
	prefix := string([]rune(name)[:3])
	if n, ok := monthNumbers[prefix]; ok {
		return strconv.Itoa(n)
	}
	return ""
}

// validDate returns YYYY-MM-DD when the parts make a real calendar date
// between 1990 and a day after now, else "".
func validDate(year, month, day string, now time.Time) string {
	y, err1 := strconv.Atoi(year)
	m, err2 := strconv.Atoi(month)
	d, err3 := strconv.Atoi(day)
	if err1 != nil || err2 != nil || err3 != nil || m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 {
		return ""
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.After(now.AddDate(0, 0, 1)) {
		return ""
	}
	return t.Format("2006-01-02")
}
