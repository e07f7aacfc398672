package retrieval

import (
	"slices"
	"strings"

	"github.com/alliancebot/alliancebot/corpus"
)

// An article about a country or a person names it a few times and then
// writes "the country", "the republic" or "he". The engine does not resolve
// every reference; it does two cheap things that cover most of them:
//
//   - an article's topics, the countries, people and organisations its title
//     names or its text names most, count as mentioned by a passage that
//     refers to a thing of that type ("the republic", "he");
//   - a sentence that opens with a pronoun speaks of the person its passage
//     names ("He previously served as …").

// topicMinMentions is how often an article must name a thing, at the least,
// for it to be the article's topic when the title does not name it.
const topicMinMentions = 3

// articleTopics returns, per article ID, the index terms of its topics: the
// gated entities its title names, and for each entity type the one its
// passages name most (at least topicMinMentions times). It reads the
// passages' term counts, so it runs before buildIndex drops them.
func articleTopics(idx *index) map[string][]string {
	counts := map[string]map[string]int{} // article → entity term → mentions
	for i, p := range idx.passages {
		c := counts[p.ArticleID]
		if c == nil {
			c = map[string]int{}
			counts[p.ArticleID] = c
		}
		for _, t := range idx.analyzed[i].terms {
			if isGatedEntity(t.key) {
				c[t.key] += int(t.tf)
			}
		}
	}
	out := make(map[string][]string, len(counts))
	for id, c := range counts {
		var topics []string
		for _, t := range idx.titles[id].terms {
			if isGatedEntity(t.key) {
				topics = append(topics, t.key)
			}
		}
		// The most named thing of a type is the topic only when it
		// stands out: an article on a summit of six countries is about
		// none of them in particular.
		best, second := map[string]string{}, map[string]int{} // type → most named term; the runner-up's count
		for k, n := range c {
			t := conceptType(strings.TrimPrefix(k, "c:"))
			b, ok := best[t]
			switch {
			case !ok || n > c[b] || n == c[b] && k < b:
				if ok {
					second[t] = max(second[t], c[b])
				}
				best[t] = k
			default:
				second[t] = max(second[t], n)
			}
		}
		for t, k := range best {
			if c[k] >= topicMinMentions && c[k] >= 2*second[t] {
				topics = appendUnique(topics, k)
			}
		}
		out[id] = topics
	}
	return out
}

func isGatedEntity(key string) bool {
	concept, ok := strings.CutPrefix(key, "c:")
	return ok && gatedTypes[conceptType(concept)]
}

// personPronouns refer back to a person named before ("He noted …"); a
// country or organisation is referred to by the glossary's kind words
// ("the country", "the republic"), see refersToType.
var personPronouns = setOf(`he she his her him himself herself он она его её ее ему ей им ним нему ней неё нее`)

// refersToType reports whether the analysed text refers to a thing of the
// entity type t without naming it: a kind word of the type ("the republic"
// for a country) or, for a person, a pronoun.
func refersToType(a analyzed, t string) bool {
	if t == "person" {
		for _, tok := range a.tokens {
			if personPronouns[tok.lower] {
				return true
			}
		}
		return false
	}
	return a.hasKey("c:kind." + t)
}

// topicMatches marks the entity units that passage d refers to through its
// article's topics: the article is about Kyrgyzstan and the passage says
// "the republic".
func topicMatches(idx *index, d int, units []queryUnit, m []float64) {
	topics := idx.topics[idx.passages[d].ArticleID]
	if len(topics) == 0 {
		return
	}
	for i, u := range units {
		if m[i] == 1 || !u.entity {
			continue
		}
		for _, k := range u.alts {
			if containsKey(topics, k) && refersToType(idx.analyzed[d], conceptType(strings.TrimPrefix(k, "c:"))) {
				m[i] = 1
				break
			}
		}
	}
}

// articleNamesEntities is namesEntities with every entity of the question
// that is one of the topics of passage d's article matched: a paragraph of
// a report on drills in Belarus is about Belarus though it only names a
// town there.
func articleNamesEntities(idx *index, d int, units []queryUnit, m []float64) bool {
	topics := idx.topics[idx.passages[d].ArticleID]
	for i, u := range units {
		if u.entity && m[i] == 0 && !slices.ContainsFunc(u.alts, func(k string) bool { return containsKey(topics, k) }) {
			return false
		}
	}
	return true
}

// opensWithPronoun reports whether the sentence at [start, end) of a opens
// with a personal pronoun ("He …", "His term …"; not "For his part, Tokayev
// …", which names its own subject).
func opensWithPronoun(a analyzed, start, end int) bool {
	lo, hi := tokenRange(a, corpus.Span{Start: start, End: end})
	return lo < hi && personPronouns[a.tokens[lo].lower]
}

// englishPersonPronouns stand for a person only: Russian pronouns follow a
// noun's gender, and «она» may be the organisation.
var englishPersonPronouns = setOf(`he she his her him himself herself`)

// opensWithEnglishPronoun reports whether the sentence at [start, end) of
// a opens with an English personal pronoun.
func opensWithEnglishPronoun(a analyzed, start, end int) bool {
	lo, hi := tokenRange(a, corpus.Span{Start: start, End: end})
	return lo < hi && englishPersonPronouns[a.tokens[lo].lower]
}

// impersonal reports whether u names a country, a place or an
// organisation the glossary knows: no "he" stands for it.
func (u queryUnit) impersonal() bool {
	for _, k := range u.alts {
		if c, ok := strings.CutPrefix(k, "c:"); ok {
			switch conceptType(c) {
			case "country", "place", "org":
				return true
			}
		}
	}
	return false
}

// backReferences open a sentence that points at the one before it: "This
// was said by …", «Об этом заявил …». What was said is in that sentence.
var backReferences = []string{"this", "that", "these", "such", "об этом", "это", "этом", "такое", "такой", "так"}

// opensWithBackReference reports whether the sentence at [start, end) of a
// opens with a back reference.
func opensWithBackReference(a analyzed, start, end int) bool {
	var first []string
	for _, t := range a.tokens {
		if t.start >= start && t.end <= end {
			first = append(first, t.lower)
			if len(first) == 2 {
				break
			}
		}
	}
	if len(first) == 0 {
		return false
	}
	two := strings.Join(first, " ")
	for _, r := range backReferences {
		if first[0] == r || two == r {
			return true
		}
	}
	return false
}
