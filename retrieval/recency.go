package retrieval

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alliancebot/alliancebot/corpus"
)

// Questions about the present ("who is the secretary general now?") want
// the newest fact the articles hold, not the best-worded old one: the corpus
// grows with articles that update and contradict earlier ones.

// presentWords mark a question about the present state of things. They say
// when the question asks about, not what it asks about, so they never count
// as words the answer must match.
var presentWords = setOf(`now currently current still yet latest recent recently presently nowadays today incumbent anymore
сейчас теперь ныне нынче нынешний нынешняя нынешнее нынешние нынешнего нынешней нынешнему нынешним
текущий текущая текущее текущие текущего текущей последний последняя последнее последние последнего
последней последним последнюю прежнему настоящее`)

// presentPhrases are the several-word ways of saying "now".
var presentPhrases = []string{"these days", "at present", "at the moment", "right now", "as of now", "for now", "as things stand", "as of today", "to date", "so far", "any more", "no longer", "the last time", "most recently",
	"в настоящий момент", "в последний раз", "в последнее время", "на текущий момент",
	"до сих пор", "в настоящее время", "на данный момент", "на сегодня", "на сегодняшний день", "по прежнему", "больше не", "уже не",
	"всё ещё", "все еще", "ещё не", "еще не", "пока не"}

// markPresentPhrases marks as stopwords the words of the present phrases
// in a question: "present" in "at present" is not the verb, «данный
// момент» no topic.
func markPresentPhrases(toks []token) {
	for _, p := range presentPhrases {
		for i := range toks {
			if n := phraseAt(toks[i:], p); n > 0 {
				for j := range n {
					toks[i+j].stop = true
				}
			}
		}
	}
}

// phraseAt returns how many words phrase (words split by single spaces)
// has when toks open with them, or 0: a phrase is matched in place, with
// no slice of its words made per question.
func phraseAt(toks []token, phrase string) int {
	n := 0
	for rest, more := phrase, true; more; n++ {
		var w string
		w, rest, more = strings.Cut(rest, " ")
		if n == len(toks) || toks[n].lower != w {
			return 0
		}
	}
	return n
}

// An office holder asked about in the present tense ("Who heads the
// secretariat?", «Кто возглавляет секретариат?») is the one in office now,
// though the question says no "now": who and leader questions with no
// word of the past or the future and no year ask about the present.

// notPresentWords mark a question about the past or the future.
var notPresentWords = setOf(`was were did had former formerly previous previously first ago then will would become became
был была было были бывший бывшая прежний первый первым первой стал стала стали станет будет будут`)

// asksAboutPresentOffice reports a who or leader question in the present
// tense: a leader question, or a who question that names an office.
func asksAboutPresentOffice(toks []token, kind questionKind) bool {
	office := kind == askLeader
	for _, t := range toks {
		if notPresentWords[t.lower] || isYear(t.lower) || !t.capital && pastVerb.MatchString(t.lower) {
			return false
		}
		office = office || kind == askWho && officeWords[t.lower]
	}
	return office
}

// pastVerb finds a verb in the past tense: "chaired", «возглавлял». Nouns
// with such endings are rare in a question for an office holder.
var pastVerb = regexp.MustCompile(`^(\p{Latin}{3,}ed|led|held|ran|won|took|met|came|went|said|told|gave|saw|made|got|sent|left|began|spoke|wrote|chose|brought|fought|became|\p{Cyrillic}{2,}(ал|ял|ил|ел|ыл|ла|ли|ло))$`)

// officeWords name an office one person holds at a time.
var officeWords = setOf(`secretary president chairman chairwoman chair premier prime speaker commander head leader
секретарь генсек президент председатель премьер спикер командующий глава руководитель`)

// asksAboutPresent reports whether a question asks how things stand now.
func asksAboutPresent(toks []token) bool {
	newest, dated := false, false
	for i, t := range toks {
		if presentWords[t.lower] || isStill(toks, i) {
			return true
		}
		dated = dated || isYear(t.lower)
		newest = newest || newWords[t.lower] && (i == 0 || !t.capital)
	}
	for _, p := range presentPhrases {
		for i := range toks {
			if phraseAt(toks[i:], p) > 0 {
				return true
			}
		}
	}
	return newest && !dated
}

// newWords ask for the newest of a series ("When does the new secretary
// general take office?") in a question that names no year ("the new
// members of 2006") and not as part of a name ("New York").
var newWords = setOf(`new newly новый новая новое новые нового новой новому новым новую новых`)

// isStill reports whether toks[i] is «ещё» in the sense of "still"
// («Армения ещё член ОДКБ?»), not "else" after a question word («Какие
// ещё страны …?») nor "more" or "back" before a count or a time («ещё
// один», «ещё в 1992 году»).
func isStill(toks []token, i int) bool {
	if w := toks[i].lower; w != "ещё" && w != "еще" {
		return false
	}
	if i > 0 && russianQuestionWords[toks[i-1].lower] {
		return false
	}
	if i+1 == len(toks) {
		return true
	}
	if next := toks[i+1].lower; moreWords[next] ||
		timePrepositions[next] && i+2 < len(toks) && (isNumber(toks[i+2].lower) || monthOf(toks[i+2].lower) > 0) {
		return false
	}
	return true
}

// russianQuestionWords are the Russian interrogatives «ещё» may follow as
// "else".
var russianQuestionWords = setOf(`кто кого кому кем ком что чего чему чем чём какой какая какое какие какого какой каких каким какую какими
где куда откуда когда сколько зачем почему как чей чья чьё чье чьи`)

// moreWords are what «ещё» may come before as "more" or "earlier" rather
// than "still": a count («ещё один»), a comparison («ещё больше», «ещё
// раньше»). A time after a preposition («ещё в 1992 году») is told by
// timePrepositions.
var moreWords = setOf(`один одна одно одни одного одной раз два две несколько
тогда раньше больше меньше позже давно`)

// timePrepositions put a time after «ещё»: «ещё в 1992 году», «ещё до
// 2024 года» ("back in", "as early as").
var timePrepositions = setOf(`в во до с со к ко`)

// presentSlack is how much less of the question a newer article's
// sentence may match than the best one and still answer a question about
// the present: the newest article may word the fact less like the question.
const presentSlack = 0.85

// newestFirst moves to the front the candidate from the most recently
// published article among those that answer, nearly (see
// candidate.answersNearly), and whose sentence matches nearly as much of
// the question as the best one: at least presentSlack of its coverage. A
// passage's coverage is compared against the floors alone: the newer
// article may tell the rest of the story otherwise. The rest keep their
// order, so an older article that says otherwise is still cited, with its
// date.
func newestFirst(idx *index, best []candidate, kind questionKind) []candidate {
	if len(best) < 2 || !best[0].answers(kind) {
		return best
	}
	top := best[0]
	pick := 0
	pickDate := idx.passages[top.passage].Published
	for i, c := range best[1:] {
		if !c.answersNearly(kind, top) || c.sentenceCoverage < presentSlack*top.sentenceCoverage {
			continue
		}
		if d := idx.passages[c.passage].Published; d > pickDate {
			pick, pickDate = i+1, d
		}
	}
	if pick == 0 {
		return best
	}
	out := make([]candidate, 0, len(best))
	out = append(out, best[pick])
	out = append(out, best[:pick]...)
	return append(out, best[pick+1:]...)
}

// answersNearly reports whether c answers a question of the kind as
// candidate.answers does, with its coverage floors lowered by presentSlack
// against top, which answers: a newer article that words the fact less
// like the question still answers one about the present.
func (c candidate) answersNearly(kind questionKind, top candidate) bool {
	if c.answers(kind) {
		return true
	}
	if !c.entitiesOK || !c.holdsKind || !c.saysWhat {
		return false
	}
	return c.passageCovered >= presentSlack*min(top.passageCovered, minCoverage) &&
		c.sentenceCovered >= presentSlack*min(top.sentenceCovered, minSentenceCoverage)
}

// asOfDate renders a YYYY-MM-DD date as "14 June 2024"; other text is
// returned as it is.
func asOfDate(published string) string {
	t, err := time.Parse(time.DateOnly, published)
	if err != nil {
		return published
	}
	return t.Format("2 January 2006")
}

// A year the question names ("the 2024 summit") is the year of an article
// published then, even when its text says only "on Thursday".

// isYear reports a plausible year of the articles' time: 1900 to 2099.
func isYear(s string) bool {
	return len(s) == 4 && isNumber(s) && (s[:2] == "19" || s[:2] == "20")
}

// dateMatches marks, with strength, the year and month units that the
// publication date of a passage's article matches: a year ("2024"), a
// month ("in November", «в ноябре»), or both.
func dateMatches(published string, units []queryUnit, m []float64, strength float64) {
	if len(published) < 7 {
		return
	}
	for i, u := range units {
		if u.year && published[:4] == u.surface || u.month > 0 && published[5:7] == fmt.Sprintf("%02d", u.month) {
			m[i] = max(m[i], strength)
		}
	}
}

// monthPrefixes are how the months begin in English and Russian, in any
// case form: "November", «ноябре», «ноябрьском».
var monthPrefixes = [12][]string{
	{"january", "январ"}, {"february", "феврал"}, {"march", "март"}, {"april", "апрел"},
	{"may", "мая", "мае", "май"}, {"june", "июн"}, {"july", "июл"}, {"august", "август"},
	{"september", "сентябр"}, {"october", "октябр"}, {"november", "ноябр"}, {"december", "декабр"},
}

// monthOf returns the month (1–12) a lower-case word names, or 0.
func monthOf(word string) int {
	for i, prefixes := range monthPrefixes {
		for _, p := range prefixes {
			if word == p || utf8.RuneCountInString(p) > 3 && strings.HasPrefix(word, p) && !strings.HasPrefix(p, "ма") {
				return i + 1
			}
		}
	}
	return 0
}

// publicationYears returns the years the articles were published in.
func publicationYears(passages []corpus.Passage) map[string]bool {
	years := map[string]bool{}
	for _, p := range passages {
		if len(p.Published) >= 4 {
			years[p.Published[:4]] = true
		}
	}
	return years
}

// A question about what will happen ("who will be the next secretary
// general?") is not answered by what is: the answer must speak of the
// future, a plan or an expectation.

// futureWords mark a question about the future.
var futureWords = setOf(`will next upcoming future станет будет будут следующий следующая следующее следующие
следующим следующего следующей предстоящий предстоящая предстоящем предстоящего`)

// asksAboutFuture reports whether a question asks what will happen.
func asksAboutFuture(toks []token) bool {
	for _, t := range toks {
		if futureWords[t.lower] {
			return true
		}
	}
	return false
}

// futurePattern finds a sentence that speaks of what will or may happen.
var futurePattern = mustGate(`\b(will|would|shall|going to|plans?|planned|planning|expected|expects|due to|scheduled|next|upcoming|intends?|candidate|nominat\w*|(agreed|agrees|decided|promised|pledged|vowed|is|are|was|were|set) to)\b|` +
	`(будет|будут|станет|станут|планиру\p{L}*|планах|ожида\p{L}*|предстоящ\p{L}*|следующ\p{L}*|намерен\p{L}*|собира\p{L}*|кандидат\p{L}*|назнач\p{L}*|договорил\p{L}*|решил\p{L}*|пообещал\p{L}*|обязал\p{L}*)`)

// namesOwnYear reports whether the sentence at [start, end) of a dates
// itself to a year, by number or relative to the article's date ("last
// year", «в прошлом году»): its date is not the article's.
func namesOwnYear(a analyzed, start, end int) bool {
	prev := ""
	for _, t := range a.tokens {
		if t.start < start || t.end > end {
			continue
		}
		if isYear(t.lower) {
			return true
		}
		if (t.stem == "year" && relativeYearWords[prev]) || (strings.HasPrefix(t.lower, "год") && relativeYearWords[prev]) {
			return true
		}
		prev = t.stem
	}
	return false
}

// namesOnlyOtherYears reports whether the sentence at [start, end) of a
// names a year and none of the years the question names.
func namesOnlyOtherYears(a analyzed, start, end int, units []queryUnit) bool {
	other := false
	lo, hi := tokenRange(a, corpus.Span{Start: start, End: end})
	for _, t := range a.tokens[lo:hi] {
		if !isYear(t.lower) {
			continue
		}
		for _, u := range units {
			if u.surface == t.lower {
				return false
			}
		}
		other = true
	}
	return other
}

// otherYearPenalty is what a sentence that names only other years than the
// question's loses.
const otherYearPenalty = 0.25

// relativeYearWords are the stems that date a year relative to now: last
// year, next year, в прошлом году, в следующем году.
var relativeYearWords = setOf(`last previous past next прошл след позапрошл`)
