package bot

import "strconv"

// pluralForms are the forms of a counted noun phrase: English needs one and
// other; Russian one (1, 21, 101 статья), few (2-4, 22-24 статьи) and many
// (0, 5-20, 11-14, 25 статей).
type pluralForms struct {
	one, few, many string
}

// Counted noun phrases, by language.
var (
	nounArticles = [2]pluralForms{
		langEN: {one: "news article", few: "news articles", many: "news articles"},
		langRU: {one: "новостная статья", few: "новостные статьи", many: "новостных статей"},
	}
	nounPassages = [2]pluralForms{
		langEN: {one: "passage", few: "passages", many: "passages"},
		langRU: {one: "фрагмент", few: "фрагмента", many: "фрагментов"},
	}
)

// count is "n" and the form of forms[l] that n takes: "1 news article",
// "5 новостных статей".
func (l lang) count(n int, forms [2]pluralForms) string {
	f := forms[l]
	word := f.many
	switch pluralCategory(l, n) {
	case pluralOne:
		word = f.one
	case pluralFew:
		word = f.few
	}
	return strconv.Itoa(n) + " " + word
}

type pluralCategoryKind int

const (
	pluralOne pluralCategoryKind = iota
	pluralFew
	pluralMany
)

// pluralCategory is the CLDR plural category of the integer n in l.
func pluralCategory(l lang, n int) pluralCategoryKind {
	if n < 0 {
		n = -n
	}
	if l == langEN {
		if n == 1 {
			return pluralOne
		}
		return pluralMany
	}
	mod10, mod100 := n%10, n%100
	switch {
	case mod10 == 1 && mod100 != 11:
		return pluralOne
	case mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14):
		return pluralFew
	}
	return pluralMany
}
