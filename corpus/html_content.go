package corpus

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The main content of a web page is found in three steps:
//
//  1. The page is cut into text blocks, one per block element, each with
//     its link density (the share of its text inside <a>) and the elements
//     it sits in. Scripts, styles, controls and embedded frames give none.
//  2. Elements that are page furniture by their tag (nav, aside, header,
//     footer, form), their ARIA role or the words of their class and id
//     (menu, sidebar, comments, share, related, advert, cookie, newsletter,
//     footer, …) lose their blocks, unless they hold most of the page's
//     prose: a wrapper with an unlucky class name is not furniture. When an
//     <article>, <main> or itemprop=articleBody element holds most of the
//     remaining prose, only its blocks are read.
//  3. The blocks go through the boilerplate classifier of plain scraped
//     text (boilerplate.go), with link-heavy blocks made bad first: it
//     keeps the article's paragraphs and headings and drops the bylines,
//     teasers, captions and notices that the markup does not name.

// skippedElements give no text: code, controls and embedded content.
var skippedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Iframe: true, atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Video: true, atom.Audio: true,
	atom.Math: true, atom.Head: true, atom.Label: true,
}

// furnitureElements are page furniture by their tag. Figures are captions
// and credits: the article's text is not inside them.
var furnitureElements = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Header: true, atom.Footer: true, atom.Form: true,
	atom.Figure: true, atom.Figcaption: true, atom.Menu: true, atom.Dialog: true,
}

// furnitureRoles are the ARIA roles of page furniture.
var furnitureRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true, "search": true,
	"dialog": true, "alertdialog": true, "menu": true, "menubar": true, "toolbar": true, "form": true,
}

// furnitureWords are words of class and id names that mark page furniture
// wherever they stand in the name ("comment-list", "cookie-banner",
// "jp-relatedposts").
var furnitureWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "submenu": true, "breadcrumb": true,
	"breadcrumbs": true, "crumbs": true, "sidebar": true, "widget": true, "widgets": true,
	"comment": true, "comments": true, "commentlist": true, "disqus": true, "respond": true,
	"share": true, "sharing": true, "sharedaddy": true, "social": true,
	"related": true, "relatedposts": true, "recommended": true, "recommendations": true, "teaser": true, "teasers": true,
	"ad": true, "ads": true, "adv": true, "advert": true, "adverts": true, "advertisement": true, "adsbygoogle": true,
	"banner": true, "sponsor": true, "sponsored": true, "promo": true,
	"cookie": true, "cookies": true, "consent": true, "gdpr": true,
	"newsletter": true, "subscribe": true, "subscription": true, "signup": true,
	"footer": true, "ftr": true, "masthead": true, "hdr": true, "tagline": true, "slogan": true,
	"ticker": true, "breaking": true, "popular": true, "trending": true, "mostread": true,
	"rating": true, "poll": true, "pagination": true, "pager": true, "prevnext": true,
	"modal": true, "popup": true, "overlay": true, "lightbox": true, "hidden": true,
	"donate": true, "donation": true, "paywall": true, "login": true, "search": true,
	"caption": true, "credit": true, "credits": true, "byline": true, "dateline": true, "author": true,
	"cite": true, "citation": true, "print": true, "toolbar": true,
}

// furnitureTails are words that mark page furniture when they end a class
// or id name or are all of it ("post-tags", "entry-meta", "read-also",
// "col-side") but not when they start it: "tag-csto" is a label of an
// article's container.
var furnitureTails = map[string]bool{
	"header": true, "tags": true, "tag": true, "topics": true, "keywords": true, "meta": true, "date": true,
	"more": true, "also": true, "next": true, "prev": true, "previous": true, "side": true, "aside": true,
	"feed": true, "tools": true, "bio": true, "appeal": true, "stats": true, "skip": true,
}

// inlineElements continue the text block they are in.
var inlineElements = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Cite: true, atom.Code: true,
	atom.Data: true, atom.Dfn: true, atom.Em: true, atom.Font: true, atom.I: true, atom.Kbd: true, atom.Mark: true,
	atom.Q: true, atom.S: true, atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strong: true, atom.Sub: true,
	atom.Sup: true, atom.Time: true, atom.U: true, atom.Var: true, atom.Wbr: true, atom.Img: true, atom.Big: true,
	atom.Tt: true, atom.Strike: true, atom.Del: true, atom.Ins: true, atom.Nobr: true, atom.Acronym: true,
}

// Thresholds of the content finder.
const (
	// maxLinkDensity makes a block bad: a menu, a teaser list, a tag row.
	maxLinkDensity = 0.5
	// maxShortLinkDensity makes a short block with a link bad ("Read
	// also: <a>headline</a>").
	maxShortLinkDensity = 0.25
	// articleShare is the share of the page's prose an <article> or <main>
	// must hold to be read alone.
	articleShare = 0.6
	// furnitureShare is the share of the page's prose an element named as
	// furniture may hold and still be dropped.
	furnitureShare = 0.5
)

// textBlock is the text of one block element of a page.
type textBlock struct {
	index     int // its place among the page's blocks
	text      string
	chars     int
	linkChars int
	// node is the innermost element the block sits in; its parents are
	// the rest of the chain.
	node *html.Node
}

// maxTreeDepth is the deepest element that starts a block of its own:
// deeper ones are read as inline text, so that a block's chain of
// elements stays short on a page nested without end.
const maxTreeDepth = 128

// ancestors yields the elements a block sits in, innermost first.
func (b *textBlock) ancestors(yield func(*html.Node) bool) {
	for n := b.node; n != nil; n = n.Parent {
		if !yield(n) {
			return
		}
	}
}

// within reports whether the block sits in n.
func (b *textBlock) within(n *html.Node) bool {
	for a := range b.ancestors {
		if a == n {
			return true
		}
	}
	return false
}

// prose reports a block that reads as article prose.
func (b *textBlock) prose() bool {
	return b.linkChars*2 <= b.chars && isProseParagraph(b.text)
}

func (b *textBlock) linkDensity() float64 {
	if b.chars == 0 {
		return 0
	}
	return float64(b.linkChars) / float64(b.chars)
}

// pageTextBlocks cuts the body of a page into text blocks. timeAt gives,
// for each <time> element read, the index of the block it is in or
// before.
func pageTextBlocks(doc *html.Node) (blocks []textBlock, timeAt map[*html.Node]int) {
	timeAt = map[*html.Node]int{}
	var stack []*html.Node // the block elements the walk is in
	var cur strings.Builder
	linkChars, inLink := 0, 0
	flush := func() {
		text := oneLine(cur.String())
		cur.Reset()
		if text != "" {
			b := textBlock{index: len(blocks), text: text, chars: utf8.RuneCountInString(text), linkChars: min(linkChars, utf8.RuneCountInString(text))}
			if len(stack) > 0 {
				b.node = stack[len(stack)-1]
			}
			blocks = append(blocks, b)
		}
		linkChars = 0
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			if inLink > 0 {
				linkChars += utf8.RuneCountInString(strings.TrimSpace(n.Data))
			}
			return
		case html.ElementNode:
			if skippedElements[n.DataAtom] || inlineElements[n.DataAtom] && hiddenElement(n) {
				return
			}
		case html.DocumentNode:
		default:
			return
		}
		element := n.Type == html.ElementNode
		block := element && (!inlineElements[n.DataAtom] || looseLabel(n)) && len(stack) < maxTreeDepth
		if block {
			flush()
			stack = append(stack, n)
		} else if element {
			cur.WriteByte(' ') // inline elements rarely join words; "<span>a</span><span>b</span>" is a menu
		}
		if element && n.DataAtom == atom.A {
			inLink++
		}
		if element && n.DataAtom == atom.Time {
			timeAt[n] = len(blocks)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
			stack = stack[:len(stack)-1]
		}
		if element && n.DataAtom == atom.A {
			inLink--
		}
	}
	walk(doc)
	flush()
	return blocks, timeAt
}

// hiddenElement reports an element the page does not show. A block of
// them is furniture (a closed menu, a dialog) unless it holds the article:
// a page saved while a dialog was open hides the rest from screen readers.
func hiddenElement(n *html.Node) bool {
	for _, a := range n.Attr {
		switch {
		case a.Key == "hidden", a.Key == "aria-hidden" && a.Val == "true":
			return true
		case a.Key == "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// namedFurniture reports an element that its tag, role or class and id
// words name as page furniture. Inline elements are never: a <span
// class="date"> inside a sentence is part of it.
func namedFurniture(n *html.Node) bool {
	if n.Type != html.ElementNode || inlineElements[n.DataAtom] || n.DataAtom == atom.Body || n.DataAtom == atom.Html {
		return false
	}
	if furnitureElements[n.DataAtom] || hiddenElement(n) {
		return true
	}
	for role := range strings.FieldsSeq(strings.ToLower(attr(n, "role"))) {
		if furnitureRoles[role] {
			return true
		}
	}
	return furnitureNamed(n)
}

// furnitureNamed reports an element whose class or id words name it as
// furniture.
func furnitureNamed(n *html.Node) bool {
	for name := range strings.FieldsSeq(attr(n, "class") + " " + attr(n, "id")) {
		words := classWords(name)
		for i, w := range words {
			if furnitureWords[w] || furnitureTails[w] && (i > 0 || len(words) == 1) {
				return true
			}
		}
	}
	return false
}

// looseLabel reports an inline element named as furniture (a date, a
// byline) that stands in a container's loose text rather than in a
// paragraph: "<div><span class="date">…</span> The leaders met…</div>".
// It is a block of its own, so that it does not run into the sentence
// after it; inside a <p> it stays part of its sentence.
func looseLabel(n *html.Node) bool {
	if n.Parent == nil || n.Parent.Type != html.ElementNode || !furnitureNamed(n) {
		return false
	}
	switch n.Parent.DataAtom {
	case atom.Div, atom.Section, atom.Article, atom.Main, atom.Body, atom.Td, atom.Header, atom.Footer, atom.Aside:
		return true
	}
	return false
}

// classWords splits a class or id name into lower-case words at dashes,
// underscores, digits and lower-to-upper case changes: "article__tags" →
// article, tags; "commentList" → comment, list.
func classWords(name string) []string {
	var words []string
	var w strings.Builder
	prevLower := false
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z':
			w.WriteRune(r)
			prevLower = true
		case r >= 'A' && r <= 'Z':
			if prevLower && w.Len() > 0 {
				words = append(words, w.String())
				w.Reset()
			}
			w.WriteRune(r + 'a' - 'A')
			prevLower = false
		default:
			if w.Len() > 0 {
				words = append(words, w.String())
				w.Reset()
			}
			prevLower = false
		}
	}
	if w.Len() > 0 {
		words = append(words, w.String())
	}
	return words
}

// articleElement reports an element that marks the article's content.
func articleElement(n *html.Node) bool {
	return n.DataAtom == atom.Article || n.DataAtom == atom.Main || attr(n, "itemprop") == "articleBody" ||
		strings.EqualFold(attr(n, "role"), "main") || strings.EqualFold(attr(n, "role"), "article")
}

// contentBlocks returns the blocks of the page's main content (steps 1 and
// 2 of the content finder) and the element they were read from, or nil
// when they are the whole page's.
func contentBlocks(blocks []textBlock) ([]textBlock, *html.Node) {
	prose := map[*html.Node]int{}
	total := 0
	for i := range blocks {
		if !blocks[i].prose() {
			continue
		}
		total += blocks[i].chars
		for n := range blocks[i].ancestors {
			prose[n] += blocks[i].chars
		}
	}
	named := map[*html.Node]bool{} // memo of namedFurniture
	isFurniture := func(n *html.Node) bool {
		f, ok := named[n]
		if !ok {
			f = namedFurniture(n) && float64(prose[n]) < furnitureShare*float64(total)
			named[n] = f
		}
		return f
	}
	var kept []textBlock
	for _, b := range blocks {
		drop := false
		for n := range b.ancestors {
			if isFurniture(n) {
				drop = true
				break
			}
		}
		if !drop {
			kept = append(kept, b)
		}
	}
	// The article element holding most of the remaining prose, the
	// innermost if they nest.
	remaining := map[*html.Node]int{}
	rest := 0
	for i := range kept {
		if !kept[i].prose() {
			continue
		}
		rest += kept[i].chars
		for n := range kept[i].ancestors {
			if articleElement(n) {
				remaining[n] += kept[i].chars
			}
		}
	}
	var root *html.Node
	for n, chars := range remaining {
		if float64(chars) < articleShare*float64(rest) {
			continue
		}
		if root == nil || chars < remaining[root] || chars == remaining[root] && isAncestor(root, n) {
			root = n
		}
	}
	if root == nil {
		return withoutMinorArticles(kept, rest), nil
	}
	var inside []textBlock
	for _, b := range kept {
		if b.within(root) {
			inside = append(inside, b)
		}
	}
	return inside, root
}

// withoutMinorArticles drops the blocks inside <article> elements when
// the page's main text stands outside them: such elements are teaser cards
// and comments, which HTML marks as articles of their own. A page whose
// text is mostly in <article> elements (a live blog) keeps them.
func withoutMinorArticles(blocks []textBlock, prose int) []textBlock {
	inArticle := func(b *textBlock) bool {
		for n := range b.ancestors {
			if n.DataAtom == atom.Article {
				return true
			}
		}
		return false
	}
	outside := 0
	for i := range blocks {
		if blocks[i].prose() && !inArticle(&blocks[i]) {
			outside += blocks[i].chars
		}
	}
	if float64(outside) < furnitureShare*float64(prose) {
		return blocks
	}
	var out []textBlock
	for i := range blocks {
		if !inArticle(&blocks[i]) {
			out = append(out, blocks[i])
		}
	}
	return out
}

// isAncestor reports whether a is an ancestor of n.
func isAncestor(a, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// articleBlocks runs the boilerplate classifier over the content blocks
// and returns those of the article.
func articleBlocks(blocks []textBlock, title string) []textBlock {
	var lines []string
	var measured []textBlock
	for _, b := range blocks {
		if scrapedLine(b.text) == "" {
			continue // the cleaner would read no line, and blocks must match its lines
		}
		lines = append(lines, b.text)
		measured = append(measured, b)
	}
	classified := pageBlocks(strings.Join(lines, "\n\n"), title)
	if len(classified) != len(measured) {
		// Blank lines keep the cleaner from joining blocks, so this does
		// not happen; should it, the cleaner's own reading is the safe one.
		var out []textBlock
		for _, p := range strings.Split(CleanScrapedText(strings.Join(lines, "\n\n"), title), "\n\n") {
			if p != "" {
				out = append(out, textBlock{index: measured[len(measured)-1].index, text: p})
			}
		}
		return out
	}
	for i := range classified {
		b, d := &classified[i], measured[i].linkDensity()
		if d > maxLinkDensity || d > maxShortLinkDensity && b.f.chars < lengthHigh {
			b.class, b.heading = classBad, false
		}
		// A section marker ("Advertisement", "Read also") heads its own
		// container: when the next block is outside it, the marker is
		// only a label and the next block is not the section's.
		if b.f.section != sectionNone && (i+1 == len(measured) || !sharesContainer(measured[i], measured[i+1])) {
			b.f.section, b.class, b.heading = sectionNone, classBad, false
		}
	}
	keep := classifyBlocks(classified)
	var out []textBlock
	for i, k := range keep {
		if k {
			out = append(out, measured[i])
		}
	}
	return out
}

// sharesContainer reports whether next sits in the element that holds the
// element of marker.
func sharesContainer(marker, next textBlock) bool {
	if marker.node == nil || marker.node.Parent == nil {
		return true
	}
	return next.within(marker.node.Parent)
}

// otherContentWords are words of class and id names of sections that hold
// other stories or readers' words, whose dates are not the article's.
var otherContentWords = map[string]bool{
	"comment": true, "comments": true, "commentlist": true, "respond": true, "reply": true, "replies": true,
	"related": true, "relatedposts": true, "recommended": true, "teaser": true, "teasers": true, "sidebar": true,
	"widget": true, "widgets": true, "feed": true, "popular": true, "trending": true, "mostread": true,
	"ticker": true, "more": true, "next": true, "prev": true, "previous": true,
}

// inOtherContent reports a node inside a sidebar, a navigation, a footer,
// a teaser list or a comments section.
func inOtherContent(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		switch p.DataAtom {
		case atom.Aside, atom.Nav, atom.Footer:
			return true
		}
		for name := range strings.FieldsSeq(attr(p, "class") + " " + attr(p, "id")) {
			for _, w := range classWords(name) {
				if otherContentWords[w] {
					return true
				}
			}
		}
	}
	return false
}
