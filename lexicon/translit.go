package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cyrillicToLatin romanises Russian letters by BGN/PCGN (1947), with "ё"
// read as "е" as Russian text usually writes it, plus the letters of the
// other Cyrillic alphabets met in the region (Kazakh, Kyrgyz, Tajik, Uzbek,
// Ukrainian, Belarusian, Serbian) by their nearest Russian reading.
var cyrillicToLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya",
	'ә': "a", 'ғ': "g", 'қ': "k", 'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u", 'һ': "h",
	'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u", 'ҳ': "h", 'ҷ': "j", 'ӣ': "i",
	'ӯ': "u", 'ј': "y", 'љ': "ly", 'њ': "ny", 'џ': "dzh", 'ђ': "dj", 'ћ': "ch",
}

// ToLatin romanises the Cyrillic letters of s by BGN/PCGN, keeping other
// characters: "Токаев" → "Tokayev", "Жапаров" → "Zhaparov". "е" is "ye" at
// the start of a word and after a vowel or a hard or soft sign, as the
// scheme says; a capital letter gives a capitalised romanisation.
func ToLatin(s string) string {
	var b strings.Builder
	var prev rune
	for _, r := range s {
		lower := unicode.ToLower(r)
		lat, ok := cyrillicToLatin[lower]
		if !ok {
			b.WriteRune(r)
			prev = r
			continue
		}
		if (lower == 'е' || lower == 'ё') && (!unicode.IsLetter(prev) || isCyrillicVowel(unicode.ToLower(prev)) || prev == 'ъ' || prev == 'ь' || prev == 'Ъ' || prev == 'Ь') {
			lat = "ye"
		}
		if lower != r && lat != "" {
			first, size := utf8.DecodeRuneInString(lat)
			lat = string(unicode.ToUpper(first)) + lat[size:]
		}
		b.WriteString(lat)
		prev = r
	}
	return b.String()
}

func isCyrillicVowel(r rune) bool {
	return strings.ContainsRune("аеёиоуыэюяйәөұүіїє", r)
}

// latinFolds map accented Latin letters to the ASCII letters (or digraphs)
// a romanised spelling would use: "Əliyev" → "aliyev", "Şahin" → "shahin".
var latinFolds = map[rune]string{
	'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a", 'ə': "a", 'æ': "ae",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ě': "e", 'ę': "e", 'ė': "e",
	'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ī': "i", 'ı': "i",
	'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe",
	'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u",
	'ý': "y", 'ÿ': "y", 'ñ': "n", 'ń': "n", 'ň': "n", 'ł': "l", 'ľ': "l", 'ř': "r", 'ť': "t", 'ď': "d",
	'ç': "ch", 'č': "ch", 'ć': "ch", 'ş': "sh", 'ș': "sh", 'š': "sh", 'ś': "sh",
	'ž': "zh", 'ź': "zh", 'ż': "zh", 'ğ': "g", 'ț': "ts", 'ß': "ss", 'đ': "dj", 'þ': "th",
}

// latinDigraphs fold spellings of one sound to one symbol, longest first.
// Upper-case letters stand for sounds: S "ш/щ", C "ч", J "ж/дж", Z "ц".
var latinDigraphs = []struct{ from, to string }{
	{"yo", "e"}, // ё: Gorbachyov / Gorbachev
	{"shch", "S"}, {"sch", "S"}, {"sh", "S"}, {"tch", "C"}, {"ch", "C"},
	{"dzh", "J"}, {"zh", "J"}, {"dj", "J"}, {"j", "J"},
	{"kh", "h"}, {"ts", "Z"}, {"tz", "Z"}, {"ph", "f"}, {"th", "t"}, {"gh", "g"},
	{"ck", "k"}, {"x", "ks"}, {"q", "k"}, {"w", "v"}, {"ou", "u"},
}

// NameKey returns a phonetic key for a name in Latin or Cyrillic script, the
// same for the usual spellings of one name: Rahmon, Rakhmon and Рахмон;
// Japarov, Zhaparov and Жапаров; Tokayev, Tokaev and Токаев. Cyrillic is
// romanised by ToLatin; then spellings of one sound are folded (kh/h, zh/j,
// sh/sch/shch, ts/tz/c, x/ks, w/v, y/i), doubled letters are merged, a
// glide "i"/"y" next to a vowel is dropped (Pashinyan/Pashinian/Пашинян,
// Tolstoy/Толстой), "yo" is read as "e" (Gorbachyov/Горбачев) and a
// final "-off"/"-eff" as "-ov"/"-ev". Words of a phrase are keyed one by one
// and joined by spaces. The key is for comparison only; it is not a
// spelling.
func NameKey(word string) string {
	var keys []string
	for _, w := range Words(word) {
		if k := nameKeyWord(w); k != "" {
			keys = append(keys, k)
		}
	}
	return strings.Join(keys, " ")
}

func nameKeyWord(w string) string {
	var b strings.Builder
	for _, r := range ToLatin(w) {
		r = unicode.ToLower(r)
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case latinFolds[r] != "":
			b.WriteString(latinFolds[r])
		default:
			b.WriteRune(r) // another script: kept as it is
		}
	}
	s := b.String()
	if t, ok := strings.CutSuffix(s, "off"); ok {
		s = t + "ov"
	} else if t, ok := strings.CutSuffix(s, "eff"); ok {
		s = t + "ev"
	}
	s = foldLatinSpelling(s)
	return s
}

// foldLatinSpelling applies NameKey's folds to a lower-case Latin word.
func foldLatinSpelling(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		matched := false
		for _, d := range latinDigraphs {
			if strings.HasPrefix(s[i:], d.from) {
				b.WriteString(d.to)
				i += len(d.from)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		c := s[i]
		switch {
		case c == 'c' && i+1 < len(s) && strings.IndexByte("eiy", s[i+1]) >= 0:
			b.WriteByte('s')
		case c == 'c':
			b.WriteByte('k')
		case c == 'y':
			b.WriteByte('i')
		default:
			b.WriteByte(c)
		}
		i++
	}
	s = mergeDoubles(b.String())
	s = dropGlides(s)
	return mergeDoubles(s)
}

// mergeDoubles writes a doubled letter once: "Lukashenko" / "Lukaschenko"
// aside, "Saakashvili" / "Sakashvili" meet.
func mergeDoubles(s string) string {
	var b strings.Builder
	var prev rune
	for _, r := range s {
		if r != prev {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// dropGlides removes an "i" next to another vowel: it is the glide of
// "ya", "ye", "yu", "ay", "oy", which spellings write as y, i, j or not at
// all (Tokayev / Tokaev, Yerevan / Erevan).
func dropGlides(s string) string {
	isVowel := func(c byte) bool { return strings.IndexByte("aeou", c) >= 0 }
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 'i' && (i > 0 && isVowel(s[i-1]) || i+1 < len(s) && isVowel(s[i+1])) {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// russianCaseEndings are the noun and adjective case endings a Russian name
// takes ("Токаева", "Пашиняну", "Назарбаевым"), longest first. Surname
// suffixes such as -ов, -ев, -ин are not endings and stay.
var russianCaseEndings = []string{
	"ого", "его", "ому", "ему", "ыми", "ими", "ами", "ями",
	"ой", "ей", "ом", "ем", "ым", "им", "ых", "их", "ую", "юю", "ая", "яя", "ах", "ях",
	"а", "я", "у", "ю", "е", "ы", "и",
}

// NameKeys returns NameKey of a word and, for a Cyrillic word, NameKey of
// the word without its Russian case ending, so that an inflected Russian
// name meets its Latin spelling: NameKeys("Токаева") holds NameKey("Tokayev").
// The ending is taken off only if three letters remain.
func NameKeys(word string) []string {
	key := NameKey(word)
	if key == "" {
		return nil
	}
	keys := []string{key}
	lower := strings.ToLower(strings.TrimSpace(word))
	first, _ := utf8.DecodeRuneInString(lower)
	if !unicode.Is(unicode.Cyrillic, first) || strings.ContainsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) }) {
		return keys
	}
	for _, end := range russianCaseEndings {
		if stem, ok := strings.CutSuffix(lower, end); ok && utf8.RuneCountInString(stem) >= 3 {
			if k := NameKey(stem); k != key {
				keys = append(keys, k)
			}
			break
		}
	}
	return keys
}
