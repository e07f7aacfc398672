package corpus

import (
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown articles (.md) are parsed with goldmark and reduced to the text a
// reader of the rendered page sees, one block (paragraph, heading, list
// item, quote line, code line) per line, before cleaning. Link and emphasis
// markers, code backticks, images, raw HTML and link definitions leave
// nothing behind; a link keeps its text, inline code its content. The
// cleaned text, and with it every passage's byte span, is made from this
// text, so no Markdown syntax reaches a quote.

// isMarkdown reports whether name is read as Markdown.
func isMarkdown(name string) bool {
	return strings.EqualFold(path.Ext(name), ".md")
}

// markdownText returns the readable text of the Markdown source src.
func markdownText(src string) string {
	source := []byte(src)
	doc := goldmark.New().Parser().Parse(text.NewReader(source))
	var lines []string
	var walkBlocks func(n ast.Node)
	walkBlocks = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Paragraph, *ast.Heading, *ast.TextBlock:
				var b strings.Builder
				writeInlines(&b, c, source)
				for _, line := range strings.Split(b.String(), "\n") {
					if line = strings.TrimSpace(line); line != "" {
						lines = append(lines, line)
					}
				}
			case *ast.CodeBlock, *ast.FencedCodeBlock:
				segs := c.Lines()
				for i := 0; i < segs.Len(); i++ {
					seg := segs.At(i)
					if line := strings.TrimSpace(string(seg.Value(source))); line != "" {
						lines = append(lines, line)
					}
				}
			case *ast.HTMLBlock, *ast.ThematicBreak:
				// Markup, not text.
			default:
				walkBlocks(c) // lists, list items, block quotes, the document
			}
		}
	}
	walkBlocks(doc)
	return strings.Join(lines, "\n\n")
}

// writeInlines writes the visible text of n's inline children to b: a soft
// line break becomes a space, a hard one a new line.
func writeInlines(b *strings.Builder, n ast.Node, source []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			value := c.Value(source)
			if !c.IsRaw() {
				value = util.UnescapePunctuations(value)
			}
			b.Write(value)
			switch {
			case c.HardLineBreak():
				b.WriteByte('\n')
			case c.SoftLineBreak():
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(source))
		case *ast.Image, *ast.RawHTML:
			// A picture's alt text is not article prose; inline HTML is
			// markup.
		default:
			writeInlines(b, c, source) // emphasis, links, code spans
		}
	}
}
