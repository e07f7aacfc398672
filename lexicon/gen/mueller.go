package main

// Mueller's English–Russian dictionary (7th edition, dictd database
// "mueller7"). An entry is the headword on its own line, then indented text:
// a transcription in [brackets], homonyms "_I", "_II", parts of speech
// "1. _n.", "2. _v.", numbered senses "1)", "2)", sub-senses "а)", "б)";
// labels start with an underscore ("_n.", "_ист.", "_разг."); a sense lists
// translations separated by "," and ";", glosses in (parentheses), and
// examples "English phrase русский перевод" after a ";". "= word" refers to
// another headword; "{см. 8}" points elsewhere.

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Limits on what counts as a clean translation.
const (
	maxSenseRank   = 6 // senses after the sixth are rare uses
	maxSensePos    = 5 // at most this many alternatives per sense
	maxPhraseWords = 3
)

// translationPair is one English–Russian pair with where it stood in the entry.
type translationPair struct {
	en, ru string
	rank   int // sense rank, 1 = first sense
	pos    int // position among the sense's alternatives, 0 = first
}

var (
	transcriptionRE = regexp.MustCompile(`\[[^\]]*\]`)
	senseMarkerRE   = regexp.MustCompile(`(?:^|\s)(?:(_(?:I|II|III|IV|V|VI|VII)\b)|(\d+)\.\s|(\d+)\)|([а-я])\))`)
	labelRE         = regexp.MustCompile(`_[^\s.,;)]+\.?`)
)

// parseMueller extracts translation pairs from one entry.
func parseMueller(e dictEntry) []translationPair {
	head := normalizeLemma(e.headword)
	if head == "" || strings.HasPrefix(e.headword, "_") || hasCyrillic(head) {
		return nil
	}
	_, body, _ := strings.Cut(e.text, "\n")
	body = strings.Join(strings.Fields(body), " ")
	body = transcriptionRE.ReplaceAllString(body, " ")

	var out []translationPair
	homonym, group, sense := 0, 0, 0
	// Sub-senses "а)", "б)" after an untranslated example ("to be on the
	// go а) быть в движении; б) ...") translate the example, not the headword.
	exampleSubsenses := false
	emit := func(chunk string) {
		if exampleSubsenses {
			return
		}
		rank := sense
		if rank == 0 {
			rank = 1
		}
		// Later homonyms and parts of speech are rarer than the first.
		rank += max(homonym-1, 0) + max(group-1, 0)
		if rank > maxSenseRank {
			return
		}
		out = append(out, parseSense(head, chunk, rank)...)
	}
	last := 0
	for _, m := range senseMarkerRE.FindAllStringSubmatchIndex(body, -1) {
		chunk := body[last:m[0]]
		emit(chunk)
		last = m[1]
		switch {
		case m[2] >= 0:
			homonym++
			group, sense = 0, 0
			exampleSubsenses = false
		case m[4] >= 0:
			group, _ = strconv.Atoi(body[m[4]:m[5]])
			sense = 0
			exampleSubsenses = false
		case m[6] >= 0:
			sense++
			exampleSubsenses = false
		case !exampleSubsenses:
			exampleSubsenses = endsWithExample(chunk)
		}
	}
	emit(body[last:])
	return out
}

// endsWithExample reports whether a sense ends with English text that has no
// Russian after it.
func endsWithExample(chunk string) bool {
	segs := strings.Split(removeBracketed(chunk), ";")
	tail := labelRE.ReplaceAllString(segs[len(segs)-1], " ")
	return hasLatin(tail) && !hasCyrillic(tail)
}

// parseSense reads the translations of one sense.
func parseSense(head, chunk string, rank int) []translationPair {
	if strings.Contains(chunk, "_attr.") || strings.Contains(chunk, "=") || strings.Contains(chunk, "_p-p.") || strings.Contains(chunk, "_p.") {
		return nil // attributive uses, cross-references, "past participle of"
	}
	chunk = removeBracketed(chunk)
	chunk = labelRE.ReplaceAllString(chunk, " ")
	var out []translationPair
	pos := 0
	for _, seg := range strings.Split(chunk, ";") {
		seg = strings.TrimSpace(seg)
		if seg == "" {
			continue
		}
		if hasLatin(seg) {
			if en, ru, ok := examplePair(head, seg); ok {
				out = append(out, translationPair{en: en, ru: ru, rank: rank, pos: pos})
			}
			continue
		}
		// Commas separate alternatives unless one of the parts is not a
		// clean word or short phrase: then they are the commas of a clause
		// ("избранный, но ещё не вступивший в должность президент") or of a
		// list of complements ("директор банка, компании или фирмы").
		var alts []string
		for _, alt := range strings.Split(seg, ",") {
			ru, ok := cleanRussian(alt)
			if !ok {
				alts = nil
				break
			}
			alts = append(alts, ru)
		}
		for _, ru := range alts {
			if pos < maxSensePos {
				out = append(out, translationPair{en: head, ru: ru, rank: rank, pos: pos})
			}
			pos++
		}
	}
	return out
}

// examplePair reads an example "secretary general генеральный секретарь": a
// short English phrase containing the headword followed by its Russian.
func examplePair(head, seg string) (en, ru string, ok bool) {
	i := strings.IndexFunc(seg, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) })
	if i <= 0 {
		return "", "", false
	}
	latin, cyr := seg[:i], seg[i:]
	if hasLatin(cyr) || strings.ContainsAny(latin, ".!?'’/&") || strings.Contains(cyr, ",") {
		return "", "", false
	}
	words := strings.Fields(normalizeLemma(latin))
	for len(words) > 0 && (words[0] == "a" || words[0] == "an" || words[0] == "the" || words[0] == "to") {
		words = words[1:] // "a dress watch", "to go rounds"
	}
	en = strings.Join(words, " ")
	if len(words) < 2 || len(words) > maxPhraseWords || en == head {
		return "", "", false
	}
	found := false
	for _, w := range words {
		if w == head {
			found = true
		}
		if w == "smb" || w == "smth" || w == "one" || w == "oneself" {
			return "", "", false
		}
	}
	if !found {
		return "", "", false
	}
	ru, ok = cleanRussian(cyr)
	return en, ru, ok
}

// cleanRussian lower-cases a Russian alternative and keeps it if it is a word
// or a short phrase of letters, without placeholders such as "кого-л.".
func cleanRussian(s string) (string, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	s = strings.TrimSuffix(s, " и т. п.")
	s = strings.TrimSuffix(s, " и т.п.")
	s = strings.TrimSuffix(s, " и т. д.")
	s = strings.TrimSpace(strings.Trim(s, " .:!?-—–"))
	if s == "" || strings.Contains(s, "-л") {
		return "", false
	}
	words := strings.Fields(s)
	if len(words) > maxPhraseWords {
		return "", false
	}
	for _, r := range s {
		if !(unicode.Is(unicode.Cyrillic, r) || r == ' ' || r == '-') {
			return "", false
		}
	}
	switch words[0] {
	case "и", "или", "но", "а", "также", "тж":
		return "", false // a conjunction continues a clause
	}
	if slices.Contains(words, "или") {
		return "", false
	}
	// Hyphens separate words as the engine tokenises them: "северо-восток".
	s = normalizeLemma(s)
	if len(strings.Fields(s)) > maxPhraseWords {
		return "", false
	}
	return s, true
}

// removeBracketed drops text in (parentheses) and {braces}, nested or not.
func removeBracketed(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '{':
			depth++
		case (r == ')' || r == '}') && depth > 0:
			depth--
			if depth == 0 {
				b.WriteByte(' ')
			}
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hasLatin(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r < 0x250 && unicode.IsLetter(r) }) >= 0
}

func hasCyrillic(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0
}
